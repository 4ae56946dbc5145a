"""Theme scores' raw material counted by the database instead of read answer
by answer: for each wave, theme and respondent group, how many respondents
had each (sum of their theme's 1-to-5 answers, number answered) pair.

A respondent's theme score is that sum over that number (``scoring``), so
these counts give back every respondent's score exactly
(``scoring.scores_from_counts``) and so every figure that depends only on
the scores: the group's size, its mean, and what the small-number rules
decide from the sizes. A portfolio of hundreds of partnerships then reads a
few thousand counted rows rather than every answer (issue 19).

The answers are JSON; an answer is scored when it is a JSON whole number
from 1 to 5 (not true, not 3.0, not "3"), exactly as
``scoring._item_values`` decides in Python; reverse-scored items are turned
round (6 - answer). Only released answers count (``Response.objects``).
"""

import math
import re
from collections import Counter, defaultdict

from django.db import connection

from .instruments import INSTRUMENTS, instrument
from .models import Response
from .scoring import NOT_STATED

SAFE_CODE = re.compile(r"^[a-z0-9_]+$")


def _value_sql(code, reverse, vendor):
    """SQL for one question's scored value in the row ``r``, or NULL."""
    if not SAFE_CODE.match(code):  # codes are written in instruments.py; never from a user
        raise ValueError(f"Unexpected question code {code!r}")
    if vendor == "postgresql":
        text, value = f"r.answers ->> '{code}'", f"(r.answers ->> '{code}')::int"
        test = f"{text} IN ('1', '2', '3', '4', '5') AND jsonb_typeof(r.answers -> '{code}') = 'number'"
    else:
        path = f"'$.\"{code}\"'"
        value = f"json_extract(r.answers, {path})"
        test = f"json_type(r.answers, {path}) = 'integer' AND {value} BETWEEN 1 AND 5"
    return f"CASE WHEN {test} THEN {'6 - ' if reverse else ''}{value} END"


def family_codes(code):
    """The instrument and its easy-read versions, whose answers count as one."""
    return sorted(c for c, found in INSTRUMENTS.items() if c == code or found.easy_read_of == code)


def theme_score_counts(wave_ids, code):
    """{wave id: {theme: {group: Counter({(item sum, items answered): respondents})}}}
    of the instrument ``code``'s released answers in the waves, counting only
    respondents scored in the theme (at least half its items answered).
    Groups are named as ``scoring`` names them (no group: "not stated")."""
    wave_ids = sorted(set(wave_ids))
    found = defaultdict(lambda: defaultdict(lambda: defaultdict(Counter)))
    survey = instrument(code)
    themes = [(t.code, survey.theme_questions(t.code)) for t in survey.themes]
    themes = [(theme, questions) for theme, questions in themes if questions]
    if not wave_ids or not themes:
        return found
    base = Response.objects.filter(wave_id__in=wave_ids, instrument__in=family_codes(code)).values(
        "wave_id", "respondent_group", "answers")
    base_sql, params = base.query.sql_with_params()
    vendor = connection.vendor
    columns, names = [], {}
    for _theme, questions in themes:
        for q in questions:
            if q.code not in names:
                names[q.code] = f"q{len(names)}"
                columns.append(f"{_value_sql(q.code, q.reverse_scored, vendor)} AS {names[q.code]}")
    parts = []
    for index, (_theme, questions) in enumerate(themes):
        total = " + ".join(f"COALESCE({names[q.code]}, 0)" for q in questions)
        answered = " + ".join(f"(CASE WHEN {names[q.code]} IS NULL THEN 0 ELSE 1 END)" for q in questions)
        need = math.ceil(len(questions) / 2)
        parts.append(
            # Only question codes checked by SAFE_CODE and whole numbers go into the SQL.
            f"SELECT wave_id, respondent_group, {index} AS theme, s, m, COUNT(*) AS n FROM "  # noqa: S608
            f"(SELECT wave_id, respondent_group, {total} AS s, {answered} AS m FROM v) x{index} "
            f"WHERE m >= {need} GROUP BY wave_id, respondent_group, s, m"
        )
    sql = (
        f"WITH v AS (SELECT r.wave_id, r.respondent_group, {', '.join(columns)} FROM ({base_sql}) r) "  # noqa: S608
        + " UNION ALL ".join(parts)
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for wave_id, group, index, total, answered, n in cursor.fetchall():
            found[wave_id][themes[index][0]][group or NOT_STATED][(int(total), int(answered))] += n
    return found
