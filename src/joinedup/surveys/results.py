"""A wave's results, ready for any output: the results page, the CSV export,
and later the API and the PDF report. Every figure comes out of
``scoring``, ``culture`` and ``themes``, which apply the small-number rules;
nothing here counts people on its own. Outputs only format these tables."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace

from django.conf import settings
from django.db.models import Count, Sum
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from . import relationships, tables
from .culture import culture_clashes, culture_ratings, style_mismatches
from .instruments import CULTURE_DIMENSIONS, FREE_TEXT, instrument, with_partnership
from .models import InvitationBatch, Response, Wave
from .respond import partnership_choices, partnerships_choices
from .scoring import (
    ALL,
    NOT_STATED,
    RespondentAnswers,
    answer_distribution,
    group_visibility,
    response_rates,
    score_wave,
    theme_scores,
)
from .suppression import SuppressionRule, response_rate_reason
from .themes import CommentTheme, CommentThemes, find_themes


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
    # In the order they were stored, as responses_by_wave reads them: the same
    # answers in the same order give the same figures to the last bit.
    found = defaultdict(list)
    for code, group, answers in Response.objects.filter(wave=wave).order_by("pk").values_list(
        "instrument", "respondent_group", "answers"
    ):
        found[family(code)].append(RespondentAnswers(group, answers))
    return found


def responses_by_wave(waves):
    """{wave id: responses_by_instrument(wave)} for many waves in one query
    (a portfolio review's chunk); a wave with no answers maps to an empty dict."""
    found = {wave.pk: defaultdict(list) for wave in waves}
    rows = Response.objects.filter(wave__in=list(found)).order_by("wave_id", "pk")
    for wave_id, code, group, answers in rows.values_list("wave_id", "instrument", "respondent_group", "answers"):
        found[wave_id][family(code)].append(RespondentAnswers(group, answers))
    return found


def scoring_inputs(code, survey, invited, earlier, rule):
    """What the results page scores one instrument's answers in a wave with:
    who was invited, by group (None when no links were made), and the
    previous wave's theme scores under this wave's rule, for the changes.
    The review facts (surveys/review_facts.py) use it too, so that they
    show the same figures as the page."""
    asked = dict(invited.get(code, {})) or None
    previous_scores = ()
    if earlier.get(code):
        previous_scores = theme_scores(survey, earlier[code], rule=rule)
    return asked, previous_scores


def answers_counted(waves):
    """{wave id: {instrument: [ResponseRate]}}: the response rates each results page shows.

    Built from the same counts and the same rule as ``wave_results`` (by
    group and survey, with invitations), so the wave page and the
    partnership's page show exactly the figures the results page does and
    nothing from which a hidden group could be worked out.
    """
    waves = list(waves)
    answered = defaultdict(lambda: defaultdict(Counter))
    rows = Response.objects.filter(wave__in=waves).values("wave_id", "instrument", "respondent_group")
    for row in rows.annotate(n=Count("id")).order_by():
        code = family(row["instrument"])
        answered[row["wave_id"]][code][row["respondent_group"] or NOT_STATED] += row["n"]
    invited = defaultdict(lambda: defaultdict(Counter))
    batches = InvitationBatch.objects.filter(wave__in=waves).values("wave_id", "instrument", "group")
    for row in batches.annotate(n=Sum("count")).order_by():
        invited[row["wave_id"]][row["instrument"]][row["group"]] += row["n"]
    counted = {}
    for wave in waves:
        rule = rule_for(wave)
        counted[wave.pk] = {
            code: response_rates(
                answered[wave.pk].get(code, {}), dict(invited[wave.pk].get(code, {})) or None, rule=rule,
            )
            for code in wave.instruments
        }
    return counted


def answers_counted_total(rates_by_instrument):
    """Answers counted in the results, across a wave's surveys: the sum of the
    "Everyone" figures its results pages show, so it tells nothing they do not."""
    return sum(
        rate.answered or 0 for rates in rates_by_instrument.values() for rate in rates if rate.group == ALL
    )


@dataclass(frozen=True)
class ShownResponses:
    """The responses whose answers may be shown together: the groups behind "Everyone"."""

    responses: list
    groups: tuple[str, ...]
    hidden_groups: dict  # group: why its answers are left out
    reason: str = ""  # why nothing can be shown, when nothing can


def shown_responses(responses, invited, rule):
    """Keep only the responses of groups whose results may be shown (and hidden
    groups where they may be pooled), by the same ``group_visibility`` that
    decides every other figure: the small-number threshold and the minimum
    response rate."""
    counts = Counter(r.group or NOT_STATED for r in responses)
    visibility = group_visibility(counts, invited=invited, rule=rule)
    pooled = set(visibility.pooled)
    kept = [r for r in responses if (r.group or NOT_STATED) in pooled]
    hidden = {g: str(reason) for g, reason in visibility.hidden.items() if g not in pooled}
    reason = ""
    if responses and not kept:
        notes = hidden_group_notes(hidden)
        reason = str(hidden[next(iter(hidden))]) if len(hidden) == 1 else " ".join(notes)
    elif kept:
        invited_all = sum((invited or {}).get(g, 0) for g in pooled) or None
        reason = str(response_rate_reason(invited_all, len(kept), rule) or "")
        if reason:
            kept = []
    return ShownResponses(kept, tuple(sorted(pooled)), hidden, reason)


def comment_themes(responses, code, rule):
    """Themes of one free-text question from the responses that may be shown."""
    if responses.reason:
        return CommentThemes((), 0, 0, responses.reason)
    comments = [r.answers.get(code) for r in responses.responses]
    return find_themes([c for c in comments if isinstance(c, str)], rule=rule)


def kept_comment_themes(wave, code, question):
    """A question's themes as kept when the wave's free text was deleted
    (surveys.retention): words and counts, no quotes."""
    kept = wave.kept_themes.get(code, {}).get(question)
    if kept is None:
        return CommentThemes((), 0, 0, "")
    return CommentThemes(
        tuple(CommentTheme(t["label"], tuple(t["terms"]), t["count"], (), t["suppressed"], t["reason"])
              for t in kept["themes"]),
        kept["n_comments"], kept["n_without_theme"], kept["reason"],
    )


def hidden_group_notes(hidden_groups):
    """One plain sentence per group whose answers are left out, and why."""
    return [
        str(format_lazy(_("{group}: {reason}"), group=group, reason=reason))
        for group, reason in sorted(hidden_groups.items())
    ]


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
        asked, previous_scores = scoring_inputs(code, survey, invited, earlier, rule)
        # The relationship ratings make scores of their own (below), not a
        # table of answers per partner and question.
        scored = _without_ratings(survey) if survey.grouped_by_partner else survey
        scores = score_wave(scored, found.get(code, []), invited=asked, previous=previous_scores, rule=rule)
        result = _instrument_results(scored, scores, found.get(code, []), organisations, rule, asked, wave)
        if survey.grouped_by_partner:
            earlier_shown = None
            if earlier.get(code):
                earlier_shown = shown_responses(earlier[code], dict(invited_counts(previous).get(code, {})) or None, rule)
            result.tables[1:1] = relationship_tables(
                shown_responses(found.get(code, []), asked, rule), earlier_shown, organisations, rule,
            )
        results.append(result)
    return WaveResults(wave, previous, rule, results)


def _without_ratings(survey):
    return replace(survey, questions=tuple(q for q in survey.questions if not q.about_organisation))


def scored_relationships(shown, organisations, rule):
    """Trust and value scores from the responses that may be shown (None when none may)."""
    if shown is None or not shown.responses:
        return None
    ratings = relationships.all_ratings(r.answers for r in shown.responses)
    return relationships.relationship_scores(ratings, [value for value, _label in organisations], rule.threshold)


def relationship_tables(shown, earlier_shown, organisations, rule):
    """The trust and value tables of the results page: the partnership, each
    organisation, each tie, and the change since the previous wave."""
    names = dict(organisations)
    current = scored_relationships(shown, organisations, rule)
    previous = scored_relationships(earlier_shown, organisations, rule)
    notes = hidden_group_notes(shown.hidden_groups)
    if shown.reason and shown.groups:
        notes.append(shown.reason)
    if current is None:
        current = relationships.relationship_scores([], list(names), rule.threshold)
    found = [
        tables.relationship_partnership(current),
        tables.relationship_organisations(current, names),
        tables.relationship_ties(current, names),
        tables.relationship_changes(relationships.changes(current, previous), names, previous is not None),
    ]
    for table in found:
        table.group_notes = list(notes)
    return found


def _instrument_results(survey, scores, responses, organisations, rule, invited=None, wave=None):
    themes = {t.code: str(t.title) for t in survey.themes}
    result = InstrumentResults(survey.code, str(survey.title))
    result.tables.append(tables.response_rates(scores.response_rates))
    if scores.theme_scores:
        result.tables.append(tables.theme_scores(scores.theme_scores, themes))
        result.tables.append(tables.perspective_gaps(scores.perspective_gaps, themes))
        result.tables.append(tables.changes(scores.changes, themes))
    shown = shown_responses(responses, invited, rule)
    if survey.code == "culture":
        result.tables.extend(culture_tables(shown, organisations, rule))
    for question in survey.questions:
        distribution = scores.distributions.get(question.code)
        if distribution is not None and len(question.options) <= 12:
            result.tables.append(tables.distribution(str(question.text), distribution))
    for question in survey.questions:
        if question.kind == FREE_TEXT:
            if wave is not None and wave.free_text_removed_on:
                found = kept_comment_themes(wave, survey.code, question.code)
            else:
                found = comment_themes(shown, question.code, rule)
            result.comment_themes.append((str(question.text), found))
    return result


def culture_tables(shown, organisations, rule):
    """Clashes and mismatches from the groups whose results may be shown, each
    view only where at least the threshold of people gave it."""
    names = dict(organisations)
    ratings = [
        rating for r in shown.responses
        for rating in culture_ratings(r.answers, str(r.answers.get("group", "")))
    ]
    dimensions = {d.code: str(d.title) for d in CULTURE_DIMENSIONS}
    notes = hidden_group_notes(shown.hidden_groups)
    if shown.reason and shown.groups:  # the groups together are too few of those invited
        notes.append(shown.reason)
    clashes = tables.culture_clashes(
        culture_clashes(ratings, min_self_raters=rule.threshold, min_other_raters=rule.threshold),
        names, dimensions, rule.threshold,
    )
    mismatches = tables.style_mismatches(
        style_mismatches(ratings, min_raters=rule.threshold), names, dimensions, rule.threshold,
    )
    for table in (clashes, mismatches):
        table.group_notes = list(notes)
    return [clashes, mismatches]


@dataclass
class OutcomeVoice:
    """What service users said about a partnership's outcomes in one wave."""

    wave: Wave | None
    table: object = None  # a ResultTable: how many chose each outcome
    missing: object = None  # CommentThemes of "is anything missing"
    matters: object = None  # CommentThemes of "what matters to you"
    rule: SuppressionRule | None = None


def outcome_voice(partnership):
    """The latest wave with service-user answers: which outcomes matter most, what is missing."""
    wave = (
        Wave.objects.filter(
            partnership=partnership, responses__released=True, responses__instrument__startswith="service_user",
        )
        .distinct().order_by("-opens_on", "-pk").first()
    )
    if wave is None:
        return OutcomeVoice(None)
    rule = rule_for(wave)
    organisations, outcomes = partnership_choices(partnership)
    survey = with_partnership(instrument("service_user"), organisations, outcomes)
    responses = responses_by_instrument(wave).get("service_user", [])
    asked = dict(invited_counts(wave).get("service_user", {})) or None
    # The very table the results page shows for this question (same groups,
    # same invitations, same rule); the outcomes page shows its column totals.
    distribution = answer_distribution(survey, "outcomes", responses, invited=asked, rule=rule)
    shown = shown_responses(responses, asked, rule)
    table = tables.outcome_choices(distribution)
    table.group_notes = hidden_group_notes(distribution.hidden_groups)
    if wave.free_text_removed_on:
        missing, matters = (kept_comment_themes(wave, "service_user", q) for q in ("missing", "what_matters"))
    else:
        missing, matters = (comment_themes(shown, q, rule) for q in ("missing", "what_matters"))
    return OutcomeVoice(wave, table, missing, matters, rule)


RELATIONSHIPS_CODE = "relationships"


@dataclass(frozen=True)
class RelationshipSummary:
    """A partnership's latest trust and value scores, as its results page shows them."""

    wave: Wave
    scores: relationships.RelationshipScores
    previous: relationships.RelationshipScores | None
    previous_wave: Wave | None

    def change(self, measure):
        """The change in the whole partnership's score since the previous wave, or None."""
        if self.previous is None:
            return None
        return relationships.ScoreChange(
            (), measure, self.previous.partnership[measure].value, self.scores.partnership[measure].value,
        ).change


def relationship_summaries(partnership_ids, day, among=None):
    """{partnership id: RelationshipSummary} for the partnerships whose latest
    wave opened by ``day`` with released relationship answers. The figures are
    the results page's: the same responses, rule and previous wave.

    In six queries however many partnerships have such waves (the network page
    asks for a whole workspace): the waves, their invitations, the partnerships'
    organisations and outcomes, and the answers.

    ``among``: a query of partnerships holding all of them (their workspace's),
    asked for in the database in place of the ids, the others left out here: a
    locality's 311 ids written into the query took 6 ms on every network page."""
    wanted = set(partnership_ids)
    with_answers = (
        Wave.objects.filter(
            partnership_id__in=list(wanted) if among is None else among.values("pk"), opens_on__lte=day,
            responses__released=True, responses__instrument=RELATIONSHIPS_CODE,
        )
        .distinct().order_by("partnership_id", "-opens_on", "-pk").values_list("partnership_id", "pk")
    )
    latest = {}
    for partnership_id, wave_id in with_answers:
        if partnership_id in wanted:
            latest.setdefault(partnership_id, wave_id)
    if not latest:
        return {}
    # Each partnership's waves opened by the day, newest first: the one after its latest
    # wave with answers is `previous_wave` of it.
    in_order = defaultdict(list)
    for wave in (
        Wave.objects.filter(partnership_id__in=list(latest), opens_on__lte=day)
        .prefetch_related("batches").order_by("partnership_id", "-opens_on", "-pk")
    ):
        in_order[wave.partnership_id].append(wave)
    pairs = {}
    for partnership_id, wave_id in latest.items():
        waves = in_order[partnership_id]
        at = next(i for i, wave in enumerate(waves) if wave.pk == wave_id)
        pairs[partnership_id] = (waves[at], waves[at + 1] if at + 1 < len(waves) else None)
    choices = partnerships_choices(list(pairs))
    answers = responses_by_wave([w for pair in pairs.values() for w in pair if w is not None])

    def shown(wave, organisations, rule):
        responses = answers[wave.pk].get(RELATIONSHIPS_CODE, [])
        asked = dict(invited_counts(wave).get(RELATIONSHIPS_CODE, {})) or None
        return scored_relationships(shown_responses(responses, asked, rule), organisations, rule)

    found = {}
    for partnership_id, (wave, before) in pairs.items():
        rule = rule_for(wave)
        organisations, _outcomes = choices[partnership_id]
        scores = shown(wave, organisations, rule)
        if scores is None:
            continue
        previous = shown(before, organisations, rule) if before else None
        found[partnership_id] = RelationshipSummary(wave, scores, previous, before)
    return found
