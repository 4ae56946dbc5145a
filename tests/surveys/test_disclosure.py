"""No group's number of answers can be worked out from everything shown about
a wave: its page, the partnership's Voice page, the results page of each
survey and the CSV export, read together.

The reader here is a careful one. They know which groups are hidden for
being small (the reason says so), and so that each has 1 to threshold-1
people; they read every count on every page, take each total to be the sum
it looks like, and solve for what they do not know. A hidden group's count
(or a batch's, which is part of one group's) that only one value fits is a
leak.
"""

import csv
import html as html_lib
import io
import re
from datetime import date

import numpy as np
import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.optimize import Bounds, LinearConstraint, milp

from joinedup.surveys.models import WAVE_INSTRUMENTS, Invitation, InvitationBatch, Response
from joinedup.surveys.results import rule_for

from .conftest import make_links

pytestmark = pytest.mark.django_db

NAMES = {str(name): code for code, name in WAVE_INSTRUMENTS}
GROUPS = ["Northshire Hospitals", "Northshire Council", "Later Life Northshire"]
SURVEYS = ["staff_pulse", "health_check"]


def _text(fragment):
    return html_lib.unescape(re.sub(r"<[^>]+>", "", fragment)).strip()


def response_rate_rows(page):
    """{group: answered or None (hidden)} from each response-rate table on a page, by table."""
    found = []
    for table in re.findall(r'data-result-table="response_rates[^"]*".*?</table>', page, re.S):
        rows = {}
        for row in re.findall(r"<tr class=\"govuk-table__row\">(.*?)</tr>", table, re.S):
            head = re.search(r'<th scope="row"[^>]*>(.*?)</th>', row, re.S)
            cells = re.findall(r"<td([^>]*)>(.*?)</td>", row, re.S)
            if not head or len(cells) < 2:
                continue
            attributes, content = cells[1]
            rows[_text(head.group(1))] = None if "data-hidden" in attributes else int(_text(content))
        found.append(rows)
    return found


def csv_response_rates(exported):
    """{survey title: {group: answered or None}} from the CSV export."""
    found, current, title = {}, None, None
    for row in csv.reader(io.StringIO(exported)):
        if len(row) == 2 and row[1] == "Response rates":
            title = row[0]
        elif row[:3] == ["Group", "Invited", "Answered"] and title:
            current = found.setdefault(title, {})
        elif not row:
            current = None
        elif current is not None and row[0] != "note":
            current[row[0]] = None if row[2] == "hidden" else int(row[2])
    return found


def page_totals(page):
    """Every "answers" figure on the wave page and the partnership's page that is a bare count."""
    totals = []
    for key, value in re.findall(r'<dt class="govuk-summary-list__key">(.*?)</dt>\s*<dd[^>]*>(.*?)</dd>', page, re.S):
        match = re.fullmatch(r"(\d+)( answers)?", _text(value))
        if "answers" in _text(key).lower() and match:
            totals.append(int(match.group(1)))
    waves = re.search(r"<caption[^>]*>Survey waves</caption>.*?</table>", page, re.S)
    if waves:
        headings = [_text(h) for h in re.findall(r'<th scope="col"[^>]*>(.*?)</th>', waves.group(0), re.S)]
        column = next(i for i, h in enumerate(headings) if h.lower().startswith("answers"))
        for row in re.findall(r"<tbody.*?</tbody>", waves.group(0), re.S)[0].split("</tr>")[:-1]:
            cells = [_text(c) for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
            match = re.fullmatch(r"(\d+)( answers)?", cells[column])
            if match:
                totals.append(int(match.group(1)))
    return totals


def batch_rows(page):
    """(group, survey code, links used: a number, "small", "none" or None) per batch on the wave page."""
    table = re.search(r"<caption[^>]*>Invitation links made</caption>.*?</table>", page, re.S)
    if not table:
        return []
    headings = [_text(h) for h in re.findall(r'<th scope="col"[^>]*>(.*?)</th>', table.group(0), re.S)]
    used = headings.index("Used") if "Used" in headings else None
    rows = []
    for row in re.findall(r"<tbody.*?</tbody>", table.group(0), re.S)[0].split("</tr>")[:-1]:
        cells = [_text(c) for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
        value = None
        if used is not None:
            text = cells[used]
            number = re.match(r"(\d+)", text)
            value = int(number.group(1)) if number else "none" if text.startswith("No ") else "small"
        rows.append((cells[0], NAMES[cells[1]], value))
    return rows


class Reader:
    """Whole-number unknowns, each with bounds, and linear equations between them."""

    def __init__(self):
        self.names, self.low, self.high, self.equations = [], [], [], []

    def unknown(self, name, low, high):
        self.names.append(name)
        self.low.append(low)
        self.high.append(high)
        return len(self.names) - 1

    def equation(self, terms, value):
        """Sum of terms == value: a term is ("x", unknown), ("minus", ("x", unknown)) or a known number."""
        self.equations.append(terms + [-value])

    def _matrix(self, equations):
        rows, targets = [], []
        for terms in equations:
            row, known = np.zeros(len(self.names)), 0
            for term in terms:
                if isinstance(term, tuple) and term[0] == "minus":
                    row[term[1][1]] -= 1
                elif isinstance(term, tuple):
                    row[term[1]] += 1
                else:
                    known += term
            rows.append(row)
            targets.append(-known)
        return np.array(rows).reshape(len(rows), len(self.names)), np.array(targets)

    def _solve(self, objective, equations):
        constraints = []
        if equations:
            matrix, targets = self._matrix(equations)
            constraints = [LinearConstraint(matrix, targets, targets)]
        result = milp(objective, constraints=constraints, integrality=np.ones(len(self.names)),
                      bounds=Bounds(self.low, self.high))
        return None if result.status != 0 else result.fun

    def feasible(self, extra=()):
        if not self.names:
            return not any(sum(t for t in terms if not isinstance(t, tuple)) for terms in [*self.equations, *extra])
        return self._solve(np.zeros(len(self.names)), [*self.equations, *extra]) is not None

    def pinned(self, extra=()):
        """The unknowns only one value fits, with that value."""
        equations = [*self.equations, *extra]
        found = {}
        for k, name in enumerate(self.names):
            if self.low[k] == self.high[k]:
                continue
            objective = np.zeros(len(self.names))
            objective[k] = 1
            low, high = self._solve(objective, equations), self._solve(-objective, equations)
            if low is not None and high is not None and round(low) == round(-high):
                found[name] = round(low)
        return found


def read_everything(client, viewer, wave):
    client.force_login(viewer)
    slug = "northshire"
    results = {
        code: client.get(reverse("surveys:results", args=[slug, wave.pk]) + f"?instrument={code}&section=all").content.decode()
        for code in wave.instruments
    }
    wave_page = client.get(reverse("surveys:wave", args=[slug, wave.pk])).content.decode()
    voice_page = client.get(reverse("surveys:partnership", args=[slug, wave.partnership.pk])).content.decode()
    exported = client.get(reverse("surveys:results_csv", args=[slug, wave.pk])).content.decode()
    return results, wave_page, voice_page, exported


def assert_no_hidden_count_can_be_worked_out(client, viewer, wave):
    threshold = rule_for(wave).threshold
    results, wave_page, voice_page, exported = read_everything(client, viewer, wave)
    reader = Reader()
    answered = {}  # (survey, group): a number, or ("x", unknown)
    for code, page in results.items():
        tables = response_rate_rows(page)
        assert tables, f"no response rates on the {code} results page"
        rows = tables[0]
        for group, value in rows.items():
            if group == "Everyone":
                continue
            answered[code, group] = value if value is not None else (
                "x", reader.unknown(f"{code}: {group}", 1, threshold - 1))
        shown = sum(v for g, v in rows.items() if g != "Everyone" and v is not None)
        pooled = rows["Everyone"] - shown
        if pooled:  # the hidden groups counted together in "Everyone"
            reader.equation([answered[code, g] for g, v in rows.items() if v is None], pooled)
    # The CSV and the wave page show the same response rates as the results pages.
    titles = {re.search(r'<h2 class="govuk-heading-l">(.*?)</h2>', p).group(1): c for c, p in results.items()}
    for title, rows in csv_response_rates(exported).items():
        code = titles[html_lib.unescape(title)]
        assert rows == response_rate_rows(results[code])[0], f"the CSV's response rates differ for {code}"
    for rows in response_rate_rows(wave_page):
        assert any(rows == response_rate_rows(p)[0] for p in results.values()), rows
    # Links used per batch, where the wave page shows them: a batch's part of its group.
    parts = {}
    for k, (group, code, used) in enumerate(batch_rows(wave_page)):
        if used is None:
            continue
        if isinstance(used, int):
            parts.setdefault((code, group), []).append(used)
        else:
            high = 0 if used == "none" else threshold - 1
            parts.setdefault((code, group), []).append(
                ("x", reader.unknown(f"batch {k}: {group}", 0 if used == "none" else 1, high)))
    for key, terms in parts.items():
        total = answered.get(key, 0)
        if isinstance(total, tuple):
            reader.equation([*terms, ("minus", total)], 0)
        else:
            reader.equation(terms, total)
    assert reader.feasible(), "the reader's reading of the pages is inconsistent"
    leaks = reader.pinned()
    # A total of answers on the wave page or the partnership's page, read as every
    # answer in the wave (which is what "Answers: 9" says), if that reading fits.
    everything = list(answered.values())
    for total in page_totals(wave_page) + page_totals(voice_page):
        reading = [everything + [-total]]
        if reader.feasible(reading):
            leaks |= reader.pinned(reading)
    assert not leaks, f"worked out from the pages: {leaks}"


def answer_through_links(wave, group, survey, n, language="en-gb", spare=2):
    """n people in a group answer through a batch of links in one language."""
    if n == 0:
        make_links(wave, group=group, instrument=survey, count=spare, language=language)
        return
    make_links(wave, group=group, instrument=survey, count=n + spare, language=language)
    batch = InvitationBatch.objects.filter(wave=wave, group=group, instrument=survey, language=language).latest("pk")
    used = batch.invitations.order_by("pk").values_list("pk", flat=True)[:n]
    Invitation.objects.filter(pk__in=list(used)).update(used_on=date(2026, 3, 2))
    for i in range(n):
        answers = {"morale": 4, "job_satisfaction": 3, "role_clear": i % 5 + 1} if survey == "staff_pulse" else {}
        Response.objects.create(wave=wave, released=True, instrument=survey, respondent_group=group, answers=answers)


def test_hospitals_6_and_council_3_give_nothing_away_on_any_page(client, viewer, wave):
    wave.instruments = ["staff_pulse"]
    wave.save()
    answer_through_links(wave, "Northshire Hospitals", "staff_pulse", 5)
    answer_through_links(wave, "Northshire Hospitals", "staff_pulse", 1, language="cy")
    answer_through_links(wave, "Northshire Council", "staff_pulse", 3)
    assert_no_hidden_count_can_be_worked_out(client, viewer, wave)
    _results, wave_page, voice_page, _csv = read_everything(client, viewer, wave)
    assert "Fewer than" not in wave_page and ">9<" not in wave_page
    assert page_totals(wave_page) == [6] and page_totals(voice_page) == [6]


sizes = st.lists(st.tuples(st.integers(0, 8), st.integers(0, 3)), min_size=len(GROUPS) * len(SURVEYS),
                 max_size=len(GROUPS) * len(SURVEYS))


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(sizes=sizes)
def test_no_combination_of_the_figures_shown_gives_away_a_hidden_group(client, viewer, wave, sizes):
    Response.objects.all().delete()
    InvitationBatch.objects.all().delete()
    wave.instruments = SURVEYS
    wave.save()
    pairs = [(g, s) for s in SURVEYS for g in GROUPS]
    for (group, survey), (english, welsh) in zip(pairs, sizes, strict=True):
        answer_through_links(wave, group, survey, english)
        if welsh:
            answer_through_links(wave, group, survey, welsh, language="cy")
    assert_no_hidden_count_can_be_worked_out(client, viewer, wave)
