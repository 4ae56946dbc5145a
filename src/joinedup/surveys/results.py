"""A wave's results, ready for any output: the results page, the CSV export,
and later the API and the PDF report. Every figure comes out of
``scoring``, ``culture`` and ``themes``, which apply the small-number rules;
nothing here counts people on its own. Outputs only format these tables."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings

from . import tables
from .culture import culture_clashes, culture_ratings, style_mismatches
from .instruments import CULTURE_DIMENSIONS, FREE_TEXT, instrument, with_partnership
from .models import Response, Wave
from .respond import partnership_choices
from .scoring import RespondentAnswers, answer_distribution, score_wave
from .suppression import SuppressionRule
from .themes import find_themes


@dataclass
class InstrumentResults:
    code: str
    title: str
    tables: list = field(default_factory=list)
    comment_themes: list = field(default_factory=list)  # (question text, CommentThemes)


@dataclass
class WaveResults:
    wave: Wave
    previous: Wave | None
    rule: SuppressionRule
    instruments: list[InstrumentResults]


def family(code):
    """The instrument an answer counts towards: easy-read counts as the standard version."""
    return instrument(code).easy_read_of or code


def rule_for(wave):
    """The wave's suppression rule: never below the deployment's floor."""
    floor = max(5, int(getattr(settings, "SURVEY_SUPPRESSION_THRESHOLD", 5)))
    return SuppressionRule(
        threshold=max(wave.threshold, floor), min_response_rate=max(wave.min_response_rate, 20) / 100,
    )


def previous_wave(wave):
    return (
        Wave.objects.filter(partnership_id=wave.partnership_id, opens_on__lte=wave.opens_on)
        .exclude(pk=wave.pk).exclude(opens_on=wave.opens_on, pk__gt=wave.pk)
        .order_by("-opens_on", "-pk").first()
    )


def invited_counts(wave):
    """{instrument: {group: number of links made}}."""
    invited = defaultdict(lambda: defaultdict(int))
    for batch in wave.batches.all():
        invited[batch.instrument][batch.group] += batch.count
    return invited


def responses_by_instrument(wave):
    found = defaultdict(list)
    for code, group, answers in Response.objects.filter(wave=wave).values_list(
        "instrument", "respondent_group", "answers"
    ):
        found[family(code)].append(RespondentAnswers(group, answers))
    return found


def wave_results(wave):
    """Everything shown about one wave, suppressed, per instrument."""
    rule = rule_for(wave)
    organisations, outcomes = partnership_choices(wave.partnership)
    previous = previous_wave(wave)
    earlier = responses_by_instrument(previous) if previous else {}
    invited = invited_counts(wave)
    found = responses_by_instrument(wave)
    results = []
    for code in wave.instruments:
        survey = with_partnership(instrument(code), organisations, outcomes)
        asked = dict(invited.get(code, {})) or None
        previous_scores = ()
        if earlier.get(code):
            previous_scores = score_wave(survey, earlier[code], rule=rule).theme_scores
        scores = score_wave(survey, found.get(code, []), invited=asked, previous=previous_scores, rule=rule)
        results.append(_instrument_results(survey, scores, found.get(code, []), organisations, rule))
    return WaveResults(wave, previous, rule, results)


def _instrument_results(survey, scores, responses, organisations, rule):
    themes = {t.code: str(t.title) for t in survey.themes}
    result = InstrumentResults(survey.code, str(survey.title))
    result.tables.append(tables.response_rates(scores.response_rates))
    if scores.theme_scores:
        result.tables.append(tables.theme_scores(scores.theme_scores, themes))
        result.tables.append(tables.perspective_gaps(scores.perspective_gaps, themes))
        result.tables.append(tables.changes(scores.changes, themes))
    if survey.code == "culture":
        names = dict(organisations)
        ratings = [
            rating for r in responses
            for rating in culture_ratings(r.answers, str(r.answers.get("group", "")))
        ]
        dimensions = {d.code: str(d.title) for d in CULTURE_DIMENSIONS}
        result.tables.append(tables.culture_clashes(
            culture_clashes(ratings, min_other_raters=rule.threshold), names, dimensions,
        ))
        result.tables.append(tables.style_mismatches(style_mismatches(ratings), names, dimensions))
    for question in survey.questions:
        distribution = scores.distributions.get(question.code)
        if distribution is not None and len(question.options) <= 12:
            result.tables.append(tables.distribution(str(question.text), distribution))
    for question in survey.questions:
        if question.kind == FREE_TEXT:
            comments = [r.answers.get(question.code) for r in responses]
            comments = [c for c in comments if isinstance(c, str)]
            result.comment_themes.append((str(question.text), find_themes(comments, rule=rule)))
    return result


@dataclass
class OutcomeVoice:
    """What service users said about a partnership's outcomes in one wave."""

    wave: Wave | None
    table: object = None  # a ResultTable: how many chose each outcome
    missing: object = None  # CommentThemes of "is anything missing"
    matters: object = None  # CommentThemes of "what matters to you"


def outcome_voice(partnership):
    """The latest wave with service-user answers: which outcomes matter most, what is missing."""
    wave = (
        Wave.objects.filter(partnership=partnership, responses__instrument__startswith="service_user")
        .distinct().order_by("-opens_on", "-pk").first()
    )
    if wave is None:
        return OutcomeVoice(None)
    rule = rule_for(wave)
    organisations, outcomes = partnership_choices(partnership)
    survey = with_partnership(instrument("service_user"), organisations, outcomes)
    everyone = [
        RespondentAnswers("All service users and carers", r.answers)
        for r in responses_by_instrument(wave).get("service_user", [])
    ]
    distribution = answer_distribution(survey, "outcomes", everyone, rule=rule)
    texts = {
        code: [r.answers.get(code) for r in everyone if isinstance(r.answers.get(code), str)]
        for code in ("missing", "what_matters")
    }
    return OutcomeVoice(
        wave,
        tables.outcome_choices(distribution),
        find_themes(texts["missing"], rule=rule),
        find_themes(texts["what_matters"], rule=rule),
    )
