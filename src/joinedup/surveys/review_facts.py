"""What the review rules know about a partnership's surveys: plain facts,
already through the small-number rules. `facts_for` fills the `voice` field
of `review.facts.PartnershipFacts`; a partnership that has never run a wave
gets no entry (its `voice` stays None)."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from datetime import date

from .instruments import instrument, with_partnership
from .models import Wave
from .respond import partnership_choices, partnerships_choices
from .results import (
    RELATIONSHIPS_CODE,
    invited_counts,
    responses_by_instrument,
    responses_by_wave,
    rule_for,
    scored_relationships,
    scoring_inputs,
    shown_responses,
)
from .scoring import ALL, group_visibility, perspective_gaps, theme_scores, wave_changes

STAFF_THEMES = ("wellbeing", "role_clarity")
# Health check themes whose all-respondent score the review rules read.
HEALTH_CHECK_THEMES = ("communication",)


@dataclass(frozen=True)
class GapFacts:
    """A partner group's theme score against everyone else's, in the latest health check."""

    theme: str
    theme_title: str
    group: str
    group_mean: float
    others_mean: float
    difference: float


@dataclass(frozen=True)
class StaffChange:
    theme: str
    theme_title: str
    before: float
    now: float
    before_wave: str
    now_wave: str


@dataclass(frozen=True)
class ThemeTrend:
    """A health check theme's score among all respondents in the latest wave,
    and its change since the wave before, computed as the latest wave's results
    page computes them (the wave's suppression rule, its invitations, the
    previous wave's answers under the same rule). A figure the page hides is
    None here, so no rule can use it."""

    theme: str
    theme_title: str
    wave: str
    mean: float | None = None  # None when suppressed
    previous_wave: str = ""
    previous_mean: float | None = None  # None when either wave's score is suppressed
    change: float | None = None  # mean - previous_mean; None when either is suppressed


@dataclass(frozen=True)
class TieTrust:
    """Trust between two partners in the latest wave of the partner
    relationships survey, as its results page shows it (only ties rated by
    at least the threshold of people)."""

    first: str  # organisation names
    second: str
    trust: float
    wave: str


@dataclass(frozen=True)
class VoiceFacts:
    threshold: int
    waves: list[str] = field(default_factory=list)  # names, oldest first
    latest_wave: str = ""
    latest_opened: date | None = None
    partner_gaps: list[GapFacts] = field(default_factory=list)  # largest first
    staff_changes: list[StaffChange] = field(default_factory=list)
    service_user_asked: bool = False
    service_user_responses: int = 0
    # Latest wave with service-user answers: how many said how often they told their story.
    told_story_answered: int = 0
    told_story_repeated: int = 0
    told_story_wave: str = ""
    invited: int = 0  # latest wave, links made
    answered: int = 0  # latest wave, answers through those links
    # The latest wave's health check "communication" theme, all respondents;
    # None when the latest wave had no health check answers.
    communication: ThemeTrend | None = None
    tie_trust: list[TieTrust] = field(default_factory=list)  # lowest first


def only_themes(survey, themes):
    """The instrument with only the named themes, so that scoring it works
    out no figure the facts do not use."""
    return replace(survey, themes=tuple(t for t in survey.themes if t.code in themes))


def facts_for(partnerships, as_of):
    """{partnership id: VoiceFacts} for the partnerships that have run a wave by `as_of`,
    in a fixed number of queries however many partnerships and waves: the waves with
    their invitations, the partnerships' organisations and outcomes, and every answer."""
    waves = defaultdict(list)
    for wave in (
        Wave.objects.filter(partnership__in=[p.pk for p in partnerships], opens_on__lte=as_of)
        .prefetch_related("batches").order_by("opens_on", "pk")
    ):
        waves[wave.partnership_id].append(wave)
    if not waves:
        return {}
    choices = partnerships_choices(list(waves))
    responses = responses_by_wave([w for found in waves.values() for w in found])
    return {pid: _facts(found, choices[pid], responses) for pid, found in waves.items()}


def facts_of_waves(waves):
    """VoiceFacts of one partnership's waves (oldest first), read one query at a time:
    what `facts_for` did for each partnership before it read them all at once, kept
    for the tests that hold the two equal."""
    latest = waves[-1]
    return _facts(waves, partnership_choices(latest.partnership),
                  {w.pk: responses_by_instrument(w) for w in waves})


def _facts(waves, choices, responses):
    """VoiceFacts of one partnership's waves (oldest first), from its (organisations,
    outcomes) choices and {wave id: responses_by_instrument} of at least these waves."""
    latest = waves[-1]
    rule = rule_for(latest)
    organisations, outcomes = choices
    gaps = _gaps(latest, responses[latest.pk].get("health_check", []), organisations, outcomes, rule)
    previous = waves[-2] if len(waves) > 1 else None
    trends = _health_check_trends(latest, previous, responses, organisations, outcomes, rule)
    staff = _staff_changes(waves, responses, organisations, outcomes)
    told = _told_story(waves, responses)
    invited = sum(b.count for b in latest.batches.all())
    answered = sum(len(rows) for rows in responses[latest.pk].values())
    return VoiceFacts(
        threshold=rule.threshold, waves=[w.name for w in waves], latest_wave=latest.name,
        latest_opened=latest.opens_on, partner_gaps=gaps, staff_changes=staff,
        service_user_asked=any("service_user" in w.instruments for w in waves),
        service_user_responses=sum(len(responses[w.pk].get("service_user", [])) for w in waves),
        told_story_answered=told[0], told_story_repeated=told[1], told_story_wave=told[2],
        invited=invited, answered=answered, communication=trends.get("communication"),
        tie_trust=_tie_trust(waves, responses, organisations, rule),
    )


def _tie_trust(waves, responses, organisations, rule):
    """The shown ties' trust in the latest wave with relationship answers."""
    wave = next((w for w in reversed(waves) if responses[w.pk].get(RELATIONSHIPS_CODE)), None)
    if wave is None:
        return []
    asked = dict(invited_counts(wave).get(RELATIONSHIPS_CODE, {})) or None
    shown = shown_responses(responses[wave.pk][RELATIONSHIPS_CODE], asked, rule_for(wave))
    scores = scored_relationships(shown, organisations, rule_for(wave))
    if scores is None:
        return []
    names = dict(organisations)
    ties = [
        TieTrust(names.get(t.first, t.first), names.get(t.second, t.second), t.trust.value, wave.name)
        for t in scores.ties if t.trust.value is not None
    ]
    return sorted(ties, key=lambda t: (t.trust, t.first, t.second))


def _health_check_trends(latest, previous, responses, organisations, outcomes, rule):
    """{theme: ThemeTrend} for HEALTH_CHECK_THEMES, from the latest wave's
    health check; the same figures as its results page (surveys/results.py)."""
    rows = responses[latest.pk].get("health_check", [])
    if not rows:
        return {}
    # Only the themes the rules read are scored: each theme's figures depend
    # on its own questions alone, so they are the same as with every theme.
    survey = only_themes(with_partnership(instrument("health_check"), organisations, outcomes), HEALTH_CHECK_THEMES)
    titles = {t.code: str(t.title) for t in survey.themes}
    earlier = responses[previous.pk] if previous is not None else {}
    invited, previous_scores = scoring_inputs("health_check", survey, invited_counts(latest), earlier, rule)
    scores = [s for s in theme_scores(survey, rows, invited=invited, rule=rule) if s.theme in HEALTH_CHECK_THEMES]
    changes = {c.theme: c for c in wave_changes(scores, previous_scores) if c.group == ALL}
    trends = {}
    for score in scores:
        if score.group != ALL:
            continue
        change = changes.get(score.theme)
        shown = change is not None and not change.suppressed
        trends[score.theme] = ThemeTrend(
            theme=score.theme, theme_title=titles[score.theme], wave=latest.name,
            mean=None if score.suppressed else score.mean,
            previous_wave=previous.name if change is not None else "",
            previous_mean=change.previous_mean if shown else None,
            change=change.change if shown else None,
        )
    return trends


def _gaps(wave, rows, organisations, outcomes, rule):
    if not rows:
        return []
    survey = with_partnership(instrument("health_check"), organisations, outcomes)
    titles = {t.code: str(t.title) for t in survey.themes}
    invited = dict(invited_counts(wave).get("health_check", {})) or None
    # Only the gaps are needed here; scoring the whole wave would also build
    # (and suppress) every answer distribution.
    gaps = perspective_gaps(survey, rows, invited=invited, rule=rule, intervals=False)
    return [
        GapFacts(g.theme, titles[g.theme], g.group, g.group_mean, g.others_mean, g.difference)
        for g in sorted(gaps, key=lambda g: -abs(g.difference))
    ]


def _staff_changes(waves, responses, organisations, outcomes):
    survey = only_themes(with_partnership(instrument("staff_pulse"), organisations, outcomes), STAFF_THEMES)
    titles = {t.code: str(t.title) for t in survey.themes}
    asked = [w for w in waves if responses[w.pk].get("staff_pulse")]
    if len(asked) < 2:
        return []
    before, now = asked[-2], asked[-1]

    def overall(wave):
        # With the wave's invitations, so the response-rate rule applies as on the results page.
        invited = dict(invited_counts(wave).get("staff_pulse", {})) or None
        scores = theme_scores(survey, responses[wave.pk]["staff_pulse"], invited=invited, rule=rule_for(wave))
        return {s.theme: s.mean for s in scores if s.group == ALL and not s.suppressed}

    then, current = overall(before), overall(now)
    return [
        StaffChange(theme, titles[theme], then[theme], current[theme], before.name, now.name)
        for theme in STAFF_THEMES if theme in then and theme in current
    ]


def _told_story(waves, responses):
    """(people who answered, people who told it 2 or more times, wave name) in
    the latest such wave, counting only the groups whose answers the results
    page shows (enough of them, and enough of those invited)."""
    for wave in reversed(waves):
        rows = responses[wave.pk].get("service_user", [])
        invited = dict(invited_counts(wave).get("service_user", {})) or None
        shown = group_visibility(Counter(r.group for r in rows), invited=invited, rule=rule_for(wave))
        rows = [r for r in rows if r.group not in shown.hidden]
        answers = [r.answers.get("told_story") for r in rows]
        answers = [a for a in answers if a is not None and a != "dont_know"]
        if answers:
            repeated = sum(1 for a in answers if (isinstance(a, int) and a >= 2) or a in ("2-3", "4+"))
            return len(answers), repeated, wave.name
    return 0, 0, ""
