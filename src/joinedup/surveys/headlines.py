"""The few headline figures of a partnership's latest survey wave that the
review report's summary and the portfolio show: how many answered, the key
theme scores and the service users' "told my story" answer.

Every figure comes from the same ``scoring`` functions, with the same
arguments (the wave's own suppression rule, its invitation counts, the
instrument filled in for the partnership), as the wave's results page
(``results.wave_results`` through ``scoring.score_wave``), so a figure is
shown here only where the results page shows it, and no group under the
threshold is ever shown."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .instruments import instrument, with_partnership
from .models import Response, Wave
from .respond import partnership_choices
from .results import (
    RELATIONSHIPS_CODE,
    family,
    invited_counts,
    rule_for,
    scored_relationships,
    shown_responses,
)
from .scoring import (
    ALL,
    NOT_STATED,
    RespondentAnswers,
    answer_distribution,
    response_rates,
    theme_scores,
)
from .stored_means import theme_means

HEALTH_CHECK = "health_check"
STAFF_PULSE = "staff_pulse"
SERVICE_USER = "service_user"
# The staff pulse themes the summary shows: morale, and role clarity.
STAFF_KEY_THEMES = ("wellbeing", "role_clarity")
TOLD_STORY = "told_story"
NOT_SHOWN = gettext_lazy("Not shown (too few answers)")
NO_HEALTH_CHECK = gettext_lazy("No health check")


def latest_wave(partnership, as_of=None):
    """The partnership's newest wave opened on or before ``as_of`` (today by default)."""
    as_of = as_of or timezone.localdate()
    return (
        Wave.objects.filter(partnership_id=partnership.pk, opens_on__lte=as_of)
        .prefetch_related("batches").order_by("-opens_on", "-pk").first()
    )


def score_text(mean):
    return _("%(score)s out of 5") % {"score": f"{mean:.2f}"}


def overall_health_check(survey, scores):
    """The health check's overall score: the mean of its "all respondents"
    theme scores, only when every theme's "all" score is shown (as in the
    comparison with similar partnerships). None otherwise."""
    return overall_from_means(
        survey, {s.theme: s.mean for s in scores if s.group == ALL and not s.suppressed and s.mean is not None})


def scored_themes(survey):
    return [t.code for t in survey.themes if survey.theme_questions(t.code)]


def overall_from_means(survey, means, themes=None):
    """The overall score from {theme: "all respondents" mean, None or absent
    when hidden}: their mean when every theme's is shown, else None.
    ``themes`` (scored_themes(survey)) may be given when asked many times."""
    themes = scored_themes(survey) if themes is None else themes
    if not themes or any(means.get(code) is None for code in themes):
        return None
    return sum(means[code] for code in themes) / len(themes)


@dataclass
class InstrumentHeadline:
    code: str
    title: str
    answered_text: str
    figures: list = field(default_factory=list)  # (label, text)

    @property
    def text(self):
        parts = [str(self.answered_text)] + [
            _("%(label)s: %(value)s") % {"label": label, "value": value} for label, value in self.figures
        ]
        return _("%(title)s: %(parts)s.") % {"title": self.title, "parts": "; ".join(parts)}


def _answered_text(rates, responses):
    everyone = rates[-1]  # response_rates puts "all" last
    if not responses:
        return _("no answers yet")
    if not everyone.answered:
        return _("too few answers to show how many")
    if everyone.invited:
        return _("%(answered)s answered of %(invited)s invited") % {
            "answered": everyone.answered, "invited": everyone.invited}
    return _("%(answered)s answered") % {"answered": everyone.answered}


def _told_story(survey, responses, invited, rule):
    """The "told my story" answers of the groups shown, from the suppressed
    table's column totals, or None when no figure may be shown."""
    distribution = answer_distribution(survey, TOLD_STORY, responses, invited=invited, rule=rule)
    table = distribution.table
    if table.total.suppressed or not table.total.value:
        return NOT_SHOWN
    parts = [
        f"{str(label).lower()} {_('hidden') if cell.suppressed else cell.value}"
        for label, cell in zip(table.column_labels, table.column_totals, strict=True)
    ]
    return _("of %(n)s who answered, %(parts)s") % {"n": table.total.value, "parts": ", ".join(parts)}


def _headline(wave, code, survey, responses, invited, rule):
    answered = Counter(r.group or NOT_STATED for r in responses)
    rates = response_rates(answered, invited, rule=rule)
    headline = InstrumentHeadline(code, str(survey.title), _answered_text(rates, responses))
    if not responses:
        return headline
    if code in (HEALTH_CHECK, STAFF_PULSE):
        scores = theme_scores(survey, responses, invited=invited, rule=rule)
        if code == HEALTH_CHECK:
            overall = overall_health_check(survey, scores)
            headline.figures.append((_("overall score"), score_text(overall) if overall is not None else NOT_SHOWN))
        else:
            titles = {t.code: str(t.title) for t in survey.themes}
            everyone = {s.theme: s for s in scores if s.group == ALL}
            for theme in STAFF_KEY_THEMES:
                s = everyone.get(theme)
                shown = s is not None and not s.suppressed and s.mean is not None
                headline.figures.append((titles[theme].lower(), score_text(s.mean) if shown else NOT_SHOWN))
    elif code == SERVICE_USER:
        headline.figures.append((_("times told their story to someone new"), _told_story(survey, responses, invited, rule)))
    elif code == RELATIONSHIPS_CODE:
        organisations = [(o.value, o.label) for o in survey.group_question.options]
        scores = scored_relationships(shown_responses(responses, invited, rule), organisations, rule)
        for measure in ("trust", "value"):
            score = scores.partnership[measure] if scores else None
            shown = score is not None and score.value is not None
            headline.figures.append(
                ({"trust": _("trust between partners"), "value": _("value between partners")}[measure],
                 _("%(score)s out of 4") % {"score": f"{score.value:.1f}"} if shown else NOT_SHOWN)
            )
    return headline


def wave_headlines(wave):
    """One InstrumentHeadline per instrument of the wave, in the wave's order."""
    rule = rule_for(wave)
    organisations, outcomes = partnership_choices(wave.partnership)
    invited = invited_counts(wave)
    found = defaultdict(list)
    for code, group, answers in Response.objects.filter(wave=wave).values_list(
        "instrument", "respondent_group", "answers"
    ):
        found[family(code)].append(RespondentAnswers(group, answers))
    headlines = []
    for code in wave.instruments:
        survey = with_partnership(instrument(code), organisations, outcomes)
        asked = dict(invited.get(code, {})) or None
        headlines.append(_headline(wave, code, survey, found.get(code, []), asked, rule))
    return headlines


@dataclass(frozen=True)
class HealthCheckFigure:
    value: float | None
    text: str


def latest_health_checks(partnerships, today=None):
    """{partnership id: HealthCheckFigure} of each partnership's latest wave
    (opened by ``today``) that ran the health check: its overall score for all
    respondents where the results page would show every theme's score,
    otherwise "Not shown (too few answers)"; "No health check" when no wave ran it."""
    today = today or timezone.localdate()
    partnerships = list(partnerships)
    latest = {}
    waves = (
        Wave.objects.filter(partnership__in=[p.pk for p in partnerships], opens_on__lte=today)
        .only("pk", "partnership_id", "instruments", "threshold", "min_response_rate")
        .order_by("-opens_on", "-pk")
    )
    for wave in waves:
        if HEALTH_CHECK in wave.instruments:
            latest.setdefault(wave.partnership_id, wave)
    # Kept per wave and worked out again when its answers, invitations or
    # rule change (stored_means.py), by the results page's rules.
    means = theme_means(latest.values(), HEALTH_CHECK)
    # The health check's scored questions do not depend on the partnership's
    # organisations and outcomes (only its group question does).
    survey = instrument(HEALTH_CHECK)
    themes = scored_themes(survey)
    found = {}
    for p in partnerships:
        wave = latest.get(p.pk)
        if wave is None:
            found[p.pk] = HealthCheckFigure(None, NO_HEALTH_CHECK)
            continue
        overall = overall_from_means(survey, means[wave.pk], themes)
        found[p.pk] = HealthCheckFigure(overall, f"{overall:.2f}" if overall is not None else NOT_SHOWN)
    return found
