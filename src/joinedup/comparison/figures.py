"""The figures compared, read for many partnerships at once, and the group of
similar partnerships each is compared with.

This is the one place in joinedup that reads across workspaces, so it is
narrow on purpose: it only reads partnerships of workspaces that have opted
in, only live ones, and only returns numbers keyed by partnership id, which
``comparisons_for`` turns into aggregates before anything leaves this app.

Survey scores come from ``surveys.scoring.theme_scores`` with each wave's own
suppression rule (``surveys.results.rule_for``) and its invitation counts,
so a partnership contributes a score only where its "all respondents"
figure passed the small-number and response-rate rules.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext

from joinedup.partnerships.models import Partnership, Status
from joinedup.review.models import Review
from joinedup.surveys.headlines import overall_health_check
from joinedup.surveys.instruments import instrument
from joinedup.surveys.models import Response, Wave
from joinedup.surveys.results import family, invited_counts, rule_for
from joinedup.surveys.review_facts import STAFF_THEMES
from joinedup.surveys.scoring import ALL, RespondentAnswers, theme_scores
from joinedup.workspaces.models import nation_codes

from .distribution import Distribution, compare
from .grouping import group_key
from .models import ComparisonOptIn

LIVE_STATUSES = (Status.ACTIVE, Status.UNDER_REVIEW)
HEALTH_CHECK = "health_check"
STAFF_PULSE = "staff_pulse"
YEARLY_COST = "yearly_cost"
HEALTH_CHECK_OVERALL = "health_check:overall"


@dataclass(frozen=True)
class Measure:
    key: str
    title: str
    kind: str  # "money" or "score"
    section: str  # "main" or "themes"


def measures() -> list[Measure]:
    """Every figure compared, in the order shown."""
    health = instrument(HEALTH_CHECK)
    staff = instrument(STAFF_PULSE)
    staff_titles = {t.code: str(t.title) for t in staff.themes}
    found = [
        Measure(YEARLY_COST, gettext("Yearly cost of meetings"), "money", "main"),
        Measure(HEALTH_CHECK_OVERALL, gettext("Partnership health check, all themes"), "score", "main"),
    ]
    found += [
        Measure(f"{STAFF_PULSE}:{code}", gettext("Staff pulse: %(theme)s") % {"theme": staff_titles[code].lower()}, "score", "main")
        for code in STAFF_THEMES
    ]
    found += [
        Measure(f"{HEALTH_CHECK}:{t.code}", str(t.title), "score", "themes") for t in health.themes
    ]
    return found


def is_opted_in(workspace) -> bool:
    """True when the workspace (or workspace id) has opted in."""
    return ComparisonOptIn.objects.filter(workspace=workspace).exists()


def is_live(partnership) -> bool:
    return partnership.archived_at is None and partnership.status in LIVE_STATUSES


def similar_partnerships(partnership, all_nations=False) -> list[int]:
    """Ids of the live partnerships, in opted-in workspaces (this one's
    included), of the same form and user group as ``partnership``: itself too.
    By default only workspaces that share a nation with this one's count, since
    law, pay and services differ by nation; ``all_nations`` widens to every one.
    None at all unless the partnership's own workspace has opted in."""
    key = group_key(partnership.form, partnership.user_groups)
    if key is None or not is_live(partnership) or not is_opted_in(partnership.workspace_id):
        return []
    candidates = Partnership.objects.live().filter(
        workspace__comparison_opt_in__isnull=False,
        form=partnership.form,
        status__in=LIVE_STATUSES,
    ).values_list("pk", "form", "user_groups", "workspace__nations")
    mine = set(partnership.workspace.nation_list)
    return [pk for pk, form, text, nations in candidates if group_key(form, text) == key
            and (all_nations or mine & set(nation_codes(nations)))]


def figures_for(partnership_ids, today=None) -> dict[int, dict[str, float]]:
    """{partnership id: {measure key: value}}; a partnership has a key only
    where it has that figure."""
    today = today or timezone.localdate()
    figures: dict[int, dict[str, float]] = defaultdict(dict)
    for pk, cost in yearly_costs(partnership_ids).items():
        figures[pk][YEARLY_COST] = cost
    for pk, scores in survey_scores(partnership_ids, today).items():
        figures[pk].update(scores)
    return dict(figures)


def yearly_costs(partnership_ids) -> dict[int, float]:
    """The yearly meeting cost from each partnership's latest review, where it had one."""
    newest = Review.objects.filter(partnership=OuterRef("pk")).order_by("-run_at", "-id")
    latest = Partnership.objects.filter(pk__in=partnership_ids).annotate(
        latest_review_id=Subquery(newest.values("id")[:1])
    ).values_list("latest_review_id", flat=True)
    reviews = Review.objects.filter(pk__in=[pk for pk in latest if pk]).values_list(
        "partnership_id", "figures"
    )
    return {
        pk: float(Decimal(figures[YEARLY_COST]))
        for pk, figures in reviews
        if (figures or {}).get(YEARLY_COST) is not None
    }


def survey_scores(partnership_ids, today) -> dict[int, dict[str, float]]:
    """Health-check and staff-pulse scores of everyone who answered, each
    from the latest wave (opened by ``today``) in which it was shown."""
    waves = list(
        Wave.objects.filter(partnership_id__in=partnership_ids, opens_on__lte=today)
        .prefetch_related("batches").order_by("-opens_on", "-pk")
    )
    answers = _answers_by_wave([w.pk for w in waves])
    wanted = {code: [m.key for m in measures() if m.key.startswith(f"{code}:")]
              for code in (HEALTH_CHECK, STAFF_PULSE)}
    scores: dict[int, dict[str, float]] = defaultdict(dict)
    for wave in waves:  # newest first, so an earlier wave only fills gaps
        mine = scores[wave.partnership_id]
        for code in (HEALTH_CHECK, STAFF_PULSE):
            rows = answers[wave.pk].get(code)
            if rows and not all(key in mine for key in wanted[code]):
                for key, value in _shown_scores(wave, code, rows).items():
                    mine.setdefault(key, value)
    return {pk: found for pk, found in scores.items() if found}


def _answers_by_wave(wave_ids) -> dict[int, dict[str, list[RespondentAnswers]]]:
    found: dict[int, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    rows = Response.objects.filter(
        wave_id__in=wave_ids, instrument__in=[HEALTH_CHECK, STAFF_PULSE]
    ).values_list("wave_id", "instrument", "respondent_group", "answers")
    for wave_id, code, group, answers in rows:
        found[wave_id][family(code)].append(RespondentAnswers(group, answers))
    return found


def _shown_scores(wave, code, rows) -> dict[str, float]:
    """The wave's "all respondents" theme scores that pass suppression, and for
    the health check the mean of its theme scores when every theme is shown."""
    survey = instrument(code)
    invited = dict(invited_counts(wave).get(code, {})) or None
    scores = theme_scores(survey, rows, invited=invited, rule=rule_for(wave))
    found = {
        f"{code}:{s.theme}": s.mean
        for s in scores if s.group == ALL and not s.suppressed and s.mean is not None
    }
    if code == HEALTH_CHECK:
        overall = overall_health_check(survey, scores)  # the report's and portfolio's figure too
        if overall is not None:
            found[HEALTH_CHECK_OVERALL] = overall
    elif code == STAFF_PULSE:
        found = {k: v for k, v in found.items() if k.split(":")[1] in STAFF_THEMES}
    return found


@dataclass(frozen=True)
class MeasureComparison:
    measure: Measure
    distribution: Distribution | None  # None when fewer than min_group() have the figure


def comparisons_for(partnership, today=None, all_nations=False) -> list[MeasureComparison]:
    """Each measure's distribution over the partnership's comparison group.
    Only aggregates and this partnership's own figure leave this function."""
    ids = similar_partnerships(partnership, all_nations)
    if partnership.pk not in ids:
        return []
    figures = figures_for(ids, today)
    mine = figures.get(partnership.pk, {})
    return [
        MeasureComparison(
            m,
            compare(mine.get(m.key), [f[m.key] for f in figures.values() if m.key in f]),
        )
        for m in measures()
    ]
