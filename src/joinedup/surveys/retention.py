"""Deleting survey free text after the workspace's retention period.

Written answers are the most identifying thing a survey holds (people
describe their own situation), and once a wave's themes have been read
they are needed for nothing else. So `remove_old_free_text`, run daily by
`joinedup close_lapsed_waves`, deletes every free-text answer of waves that
closed more than the workspace's ``free_text_months`` ago, after keeping
what the results showed from them: each question's themes, their words and
their counts, without quotes. Scores, answer counts and everything else
stay. docs/privacy.md gives the periods.
"""

from datetime import date

from django.db import transaction
from django.utils import timezone

from .instruments import FREE_TEXT, instrument, with_partnership
from .models import Response, Wave, WaveStatus
from .respond import partnership_choices
from .results import (
    comment_themes,
    family,
    invited_counts,
    responses_by_instrument,
    rule_for,
    shown_responses,
)


def months_before(day, months):
    """The same day of the month `months` earlier (the month's last day when it has fewer)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)


def free_text_codes(code):
    return {q.code for q in instrument(code).questions if q.kind == FREE_TEXT}


def remove_old_free_text(today=None):
    """Remove free text from every closed wave past its workspace's period; returns how many waves."""
    today = today or timezone.localdate()
    removed = 0
    waves = Wave.objects.filter(status=WaveStatus.CLOSED, free_text_removed_on__isnull=True).select_related(
        "partnership__workspace"
    )
    for wave in waves:
        closed = wave.closed_on or wave.closes_on or wave.opens_on
        if closed <= months_before(today, wave.partnership.workspace.free_text_months):
            remove_free_text(wave, today)
            removed += 1
    return removed


def remove_free_text(wave, today=None):
    """Keep the wave's themes as shown, then delete every free-text answer it holds."""
    with transaction.atomic():
        wave.kept_themes = kept_themes(wave)
        wave.free_text_removed_on = today or timezone.localdate()
        wave.save(update_fields=["kept_themes", "free_text_removed_on"])
        changed = []
        for response in Response.stored.filter(wave=wave).only("pk", "instrument", "answers"):
            codes = free_text_codes(response.instrument) & set(response.answers)
            if codes:
                response.answers = {k: v for k, v in response.answers.items() if k not in codes}
                changed.append(response)
        Response.stored.bulk_update(changed, ["answers"], batch_size=500)


def kept_themes(wave):
    """{instrument: {question: themes}} as the results page shows them, less the quotes."""
    rule = rule_for(wave)
    organisations, outcomes = partnership_choices(wave.partnership)
    invited = invited_counts(wave)
    found = responses_by_instrument(wave)
    kept = {}
    for code in {family(c) for c in wave.instruments}:
        survey = with_partnership(instrument(code), organisations, outcomes)
        shown = shown_responses(found.get(code, []), dict(invited.get(code, {})) or None, rule)
        for question in survey.questions:
            if question.kind == FREE_TEXT:
                kept.setdefault(code, {})[question.code] = _as_kept(comment_themes(shown, question.code, rule))
    return kept


def _as_kept(found):
    return {
        "themes": [
            {"label": str(t.label), "terms": list(t.terms), "count": t.count, "suppressed": t.suppressed,
             "reason": str(t.reason)}
            for t in found.themes
        ],
        "n_comments": found.n_comments, "n_without_theme": found.n_without_theme, "reason": str(found.reason),
    }
