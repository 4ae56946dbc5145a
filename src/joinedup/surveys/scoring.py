"""Scores for one survey wave, by stakeholder group, safe to display.

Input is plain data: the run-ready instrument, one ``RespondentAnswers`` per
response (its stakeholder group and its typed answers, as produced by
``instruments.clean_answers``) and, where invitations were sent, how many
people in each group were invited. Output is plain data in which every
figure has already been through the small-number rules in ``suppression``.

Methods (docs/surveys.md gives the reasons and references):

* A respondent's **theme score** is the mean of the theme's 1-to-5 answers
  they gave, reverse-scored items turned round (6 - answer), provided they
  answered at least half of the theme's items. "Don't know" is not scored.
* A group's score is the mean of its respondents' theme scores, with a 95%
  **t-interval** (mean +/- t(0.975, n-1) * sd / sqrt(n)), clipped to 1..5.
* **Dispersion**: standard deviation (n-1), interquartile range (linear
  interpolation between order statistics, numpy's default) and **rwg(J)**,
  the within-group agreement index of James, Demaree and Wolf (1984) against
  a uniform "random answering" null (variance 2 for five options),
  truncated to 0..1. 1 means everyone answered alike, 0 means answers are as
  spread as random ones.
* **Perspective gap**: a group's mean minus the pooled mean of everyone else
  shown, with Cohen's d (pooled standard deviation) and a Welch 95%
  interval for the difference; largest standardised gaps first.
* **Change since the previous wave**: difference in means with a Welch 95%
  interval, for groups shown in both waves.

Which groups are shown is decided once per figure by ``group_visibility``:
a group needs at least threshold respondents and, where invitations are
known, the minimum response rate. Hidden groups are pooled into an "other
groups" figure (and the "all" figure) only when there are at least two of
them, together at least threshold people, and no one hidden group's size
can be worked out from their total; otherwise "all" means all *shown*
groups, so that no hidden group can be recovered by subtraction.
"""

from __future__ import annotations

import functools
import math
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from django.utils.translation import gettext_lazy as _
from scipy.special import stdtrit

from joinedup.design_system.lazy import LazyModule
from joinedup.surveys.instruments import (
    COUNT,
    FREE_TEXT,
    MULTI_CHOICE,
    OUTCOME_CHOICE,
    Instrument,
    Question,
)
from joinedup.surveys.suppression import (
    DEFAULT_RULE,
    SuppressedTable,
    SuppressionRule,
    response_rate_reason,
    suppress_table,
)

# SciPy's distributions take a new process a second to import, and a review that scores a
# wave needs only t's quantile (`_t_975`: scipy.special.stdtrit, which scipy.stats.t.ppf
# calls); the Welch test of a perspective gap imports them on first use (design_system/lazy.py).
stats = LazyModule("scipy.stats")

ALL = "all"
OTHER_GROUPS = "other groups"
NOT_STATED = "not stated"
UNIFORM_NULL_VARIANCE = (5**2 - 1) / 12  # variance of random answers on five options


@dataclass(frozen=True)
class RespondentAnswers:
    """One response: the respondent's stakeholder group and typed answers by question code."""

    group: str
    answers: Mapping[str, object]


@dataclass(frozen=True)
class GroupVisibility:
    """Which groups may be shown, which are hidden (and why), which are pooled."""

    counts: Mapping[str, int]
    shown: tuple[str, ...]
    hidden: Mapping[str, str]
    merged: tuple[str, ...] = ()  # hidden groups that may be shown together as "other groups"

    @property
    def pooled(self) -> tuple[str, ...]:
        """The groups behind the "all" figure."""
        return self.shown + self.merged


@dataclass(frozen=True)
class ThemeScore:
    """A theme's score for one group (or OTHER_GROUPS or ALL); numbers are None when hidden."""

    theme: str
    group: str
    n: int | None = None
    mean: float | None = None
    ci_low: float | None = None
    ci_high: float | None = None
    sd: float | None = None
    iqr: float | None = None
    rwg: float | None = None
    pooled_groups: tuple[str, ...] = ()
    suppressed: bool = False
    reason: str = ""


@dataclass(frozen=True)
class PerspectiveGap:
    theme: str
    group: str
    group_mean: float
    others_mean: float
    difference: float
    standardised_difference: float | None  # Cohen's d; None when neither side varies
    ci_low: float | None  # None when not asked for (perspective_gaps' intervals)
    ci_high: float | None
    n_group: int
    n_others: int


@dataclass(frozen=True)
class ThemeChange:
    theme: str
    group: str
    previous_mean: float | None = None
    current_mean: float | None = None
    change: float | None = None
    ci_low: float | None = None
    ci_high: float | None = None
    suppressed: bool = False
    reason: str = ""


@dataclass(frozen=True)
class ResponseRate:
    """Invited and answered for one group; ``answered`` and ``rate`` are None when hidden."""

    group: str
    invited: int | None
    answered: int | None
    rate: float | None
    results_shown: bool
    reason: str = ""
    pooled_groups: tuple[str, ...] = ()


@dataclass(frozen=True)
class Distribution:
    """How each group answered one question: rows are shown groups (and "other groups")."""

    question: str
    table: SuppressedTable
    hidden_groups: Mapping[str, str]


@dataclass(frozen=True)
class WaveScores:
    response_rates: list[ResponseRate]
    theme_scores: list[ThemeScore]
    perspective_gaps: list[PerspectiveGap]
    distributions: dict[str, Distribution]
    changes: list[ThemeChange] = field(default_factory=list)


def group_visibility(
    counts: Mapping[str, int],
    *,
    invited: Mapping[str, int] | None = None,
    rule: SuppressionRule = DEFAULT_RULE,
) -> GroupVisibility:
    """Decide which groups' figures may be shown, given how many answered in each."""
    shown, hidden = [], {}
    for group in sorted(counts):
        invited_here = (invited or {}).get(group)
        reason = response_rate_reason(invited_here, counts[group], rule)
        if reason is None:
            shown.append(group)
        else:
            hidden[group] = reason
    merged = _mergeable(counts, hidden, invited, rule)
    return GroupVisibility(dict(counts), tuple(shown), hidden, merged)


def _mergeable(
    counts: Mapping[str, int],
    hidden: Mapping[str, str],
    invited: Mapping[str, int] | None,
    rule: SuppressionRule,
) -> tuple[str, ...]:
    """Hidden groups that can safely be shown together, or () if they cannot."""
    answered = sorted(g for g in hidden if counts[g] > 0)
    total = sum(counts[g] for g in answered)
    if len(answered) < 2 or total < rule.threshold:
        return ()
    # A reader knows a small hidden group has 1..threshold-1 people, and the
    # size of a group hidden for its response rate (the reason says it).
    low = {g: 1 if rule.is_small(counts[g]) else counts[g] for g in answered}
    high = {g: rule.threshold - 1 if rule.is_small(counts[g]) else counts[g] for g in answered}
    for group in answered:
        if not rule.is_small(counts[group]):
            continue
        others_low = sum(low[g] for g in answered if g != group)
        others_high = sum(high[g] for g in answered if g != group)
        if max(low[group], total - others_high) == min(high[group], total - others_low):
            return ()
    if invited and response_rate_reason(sum(invited.get(g, 0) for g in answered), total, rule):
        return ()
    return tuple(answered)


def respondent_theme_score(
    survey: Instrument, theme: str, answers: Mapping[str, object]
) -> float | None:
    """One respondent's theme score, or None if they answered fewer than half its items."""
    values = _item_values(survey.theme_questions(theme), answers)
    answered = [v for v in values if v is not None]
    if not values or len(answered) < math.ceil(len(values) / 2):
        return None
    return float(np.mean(answered))


def _item_values(
    questions: Sequence[Question], answers: Mapping[str, object]
) -> list[float | None]:
    values: list[float | None] = []
    for question in questions:
        value = answers.get(question.code)
        if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 5:
            values.append(float(6 - value if question.reverse_scored else value))
        else:
            values.append(None)
    return values


def theme_scores(
    survey: Instrument,
    responses: Sequence[RespondentAnswers],
    *,
    invited: Mapping[str, int] | None = None,
    rule: SuppressionRule = DEFAULT_RULE,
) -> list[ThemeScore]:
    """Every theme's score for each group, "other groups" where allowed, and "all"."""
    results: list[ThemeScore] = []
    for theme in survey.themes:
        questions = survey.theme_questions(theme.code)
        if not questions:
            continue
        by_group = _theme_rows(survey, theme.code, responses)
        visibility = group_visibility(
            {g: len(rows) for g, rows in by_group.items()}, invited=invited, rule=rule
        )
        for group in sorted(by_group):
            if group in visibility.hidden:
                results.append(
                    ThemeScore(theme.code, group, suppressed=True, reason=visibility.hidden[group])
                )
            else:
                results.append(_summarise(theme.code, group, by_group[group], (group,)))
        if visibility.merged:
            rows = [row for g in visibility.merged for row in by_group[g]]
            results.append(_summarise(theme.code, OTHER_GROUPS, rows, visibility.merged))
        results.append(_all_score(theme.code, by_group, visibility, invited, rule))
    return results


def _theme_rows(
    survey: Instrument, theme: str, responses: Sequence[RespondentAnswers]
) -> dict[str, list[list[float | None]]]:
    """Item values (turned round where reverse-scored) of each scored respondent, by group."""
    questions = survey.theme_questions(theme)
    by_group: dict[str, list[list[float | None]]] = defaultdict(list)
    if not questions:
        return by_group
    # Whom respondent_theme_score scores (half the items answered or more), with the
    # theme's questions found and each respondent's values worked out once, not twice:
    # a portfolio review's chunk scores tens of thousands of respondents.
    needed = math.ceil(len(questions) / 2)
    for response in responses:
        values = _item_values(questions, response.answers)
        if len(values) - values.count(None) >= needed:
            by_group[response.group or NOT_STATED].append(values)
    return by_group


def _all_score(theme, by_group, visibility, invited, rule) -> ThemeScore:
    rows = [row for g in visibility.pooled for row in by_group[g]]
    invited_all = sum((invited or {}).get(g, 0) for g in visibility.pooled) or None
    reason = response_rate_reason(invited_all, len(rows), rule)
    if reason is not None:
        return ThemeScore(
            theme, ALL, pooled_groups=visibility.pooled, suppressed=True, reason=reason
        )
    return _summarise(theme, ALL, rows, visibility.pooled)


def scores_from_counts(counts: Mapping[tuple[int, int], int]) -> np.ndarray:
    """The respondent theme scores behind counts of (sum of a respondent's
    scored answers, how many they answered): each is the sum over the number,
    as ``respondent_theme_score`` makes it (the answers are whole numbers, so
    the sum is exact and the division rounds once, as numpy's mean does)."""
    return np.array(
        [total / answered for (total, answered), n in sorted(counts.items()) for _ in range(n)], dtype=float
    )


def all_respondents_theme_means(
    survey: Instrument,
    counts: Mapping[str, Mapping[str, Mapping[tuple[int, int], int]]],
    *,
    invited: Mapping[str, int] | None = None,
    rule: SuppressionRule = DEFAULT_RULE,
) -> dict[str, float | None]:
    """{theme: the "all" group's mean score, or None where ``theme_scores``
    hides it}, from counted scores ({theme: {group: counts as in
    ``scores_from_counts``}}, respondents scored in the theme only) rather
    than every answer: the same groups shown and pooled, by the same rules."""
    means: dict[str, float | None] = {}
    for theme in survey.themes:
        if not survey.theme_questions(theme.code):
            continue
        by_group = {g: scores_from_counts(c) for g, c in counts.get(theme.code, {}).items()}
        by_group = {g: scores for g, scores in by_group.items() if len(scores)}
        visibility = group_visibility(
            {g: len(scores) for g, scores in by_group.items()}, invited=invited, rule=rule
        )
        n = sum(len(by_group[g]) for g in visibility.pooled)
        invited_all = sum((invited or {}).get(g, 0) for g in visibility.pooled) or None
        if response_rate_reason(invited_all, n, rule) is not None:
            means[theme.code] = None
        else:
            means[theme.code] = float(np.concatenate([by_group[g] for g in visibility.pooled]).mean())
    return means


@functools.lru_cache(maxsize=4096)
def _t_975(df: int) -> float:
    """The t distribution's 97.5th percentile: SciPy's, kept per degrees of
    freedom because a portfolio review asks for the same few thousands of times.
    `stats.t.ppf(0.975, df)` is `stdtrit(df, 0.975)` (NaN when df is not positive)."""
    return float(stdtrit(df, 0.975))


def _summarise(
    theme: str, group: str, rows: list[list[float | None]], pooled: tuple[str, ...]
) -> ThemeScore:
    items = np.array(rows, dtype=float)  # respondents x items, nan where not answered
    scores = np.nanmean(items, axis=1)
    n = len(scores)
    mean, sd = float(scores.mean()), float(scores.std(ddof=1))
    half_width = _t_975(n - 1) * sd / math.sqrt(n)
    q1, q3 = np.percentile(scores, [25, 75])
    return ThemeScore(
        theme=theme,
        group=group,
        n=n,
        mean=mean,
        ci_low=max(1.0, mean - half_width),
        ci_high=min(5.0, mean + half_width),
        sd=sd,
        iqr=float(q3 - q1),
        rwg=within_group_agreement(items),
        pooled_groups=pooled,
    )


def within_group_agreement(items: np.ndarray) -> float | None:
    """rwg(J) for a respondents x items array of 1..5 answers (nan = not answered).

    rwg(J) = J(1 - s2/v) / (J(1 - s2/v) + s2/v), where s2 is the mean of the
    items' within-group variances and v = 2, the variance of uniformly random
    answers on five options. Truncated to 0 when answers are more spread
    than random (LeBreton and Senter, 2008).
    """
    variances = [
        np.var(column[~np.isnan(column)], ddof=1)
        for column in np.atleast_2d(items).T
        if np.count_nonzero(~np.isnan(column)) >= 2
    ]
    if not variances:
        return None
    ratio = float(np.mean(variances)) / UNIFORM_NULL_VARIANCE
    if ratio >= 1:
        return 0.0
    j = len(variances)
    return j * (1 - ratio) / (j * (1 - ratio) + ratio)


def perspective_gaps(
    survey: Instrument,
    responses: Sequence[RespondentAnswers],
    *,
    invited: Mapping[str, int] | None = None,
    rule: SuppressionRule = DEFAULT_RULE,
    intervals: bool = True,
) -> list[PerspectiveGap]:
    """How far each shown group's theme mean is from everyone else's, largest
    first. Without ``intervals`` the Welch intervals are left out (None): the
    review's facts use only the means, and SciPy's test is most of the cost."""
    gaps: list[PerspectiveGap] = []
    for theme in survey.themes:
        by_group = _theme_rows(survey, theme.code, responses)
        visibility = group_visibility(
            {g: len(r) for g, r in by_group.items()}, invited=invited, rule=rule
        )
        scores = {
            g: np.nanmean(np.array(by_group[g], dtype=float), axis=1) for g in visibility.pooled
        }
        for group in visibility.shown:
            others = [scores[g] for g in visibility.pooled if g != group]
            if not others or sum(len(o) for o in others) < rule.threshold:
                continue
            gaps.append(_gap(theme.code, group, scores[group], np.concatenate(others), intervals))
    return sorted(gaps, key=lambda g: (-abs(g.standardised_difference or 0), -abs(g.difference)))


def _gap(
    theme: str, group: str, mine: np.ndarray, others: np.ndarray, intervals: bool = True
) -> PerspectiveGap:
    n1, n2 = len(mine), len(others)
    m1, m2 = float(mine.mean()), float(others.mean())
    v1, v2 = float(mine.var(ddof=1)), float(others.var(ddof=1))
    pooled_sd = math.sqrt(((n1 - 1) * v1 + (n2 - 1) * v2) / (n1 + n2 - 2))
    if not intervals:
        low = high = None
    elif v1 + v2 > 0:
        interval = stats.ttest_ind(mine, others, equal_var=False).confidence_interval(0.95)
        low, high = float(interval.low), float(interval.high)
    else:
        low = high = m1 - m2
    return PerspectiveGap(
        theme=theme,
        group=group,
        group_mean=m1,
        others_mean=m2,
        difference=m1 - m2,
        standardised_difference=(m1 - m2) / pooled_sd if pooled_sd > 0 else None,
        ci_low=low,
        ci_high=high,
        n_group=n1,
        n_others=n2,
    )


def welch_interval(
    difference: float, v1: float, n1: int, v2: float, n2: int
) -> tuple[float, float]:
    """95% Welch interval for a difference in means, from variances and sizes.

    For when only summaries are kept (a previous wave's mean, sd and n); with the
    values at hand use SciPy's ``ttest_ind(..., equal_var=False).confidence_interval()``.
    """
    a, b = v1 / n1, v2 / n2
    se = math.sqrt(a + b)
    if se == 0:
        return difference, difference
    df = (a + b) ** 2 / (a**2 / (n1 - 1) + b**2 / (n2 - 1))
    half_width = float(stdtrit(df, 0.975)) * se  # stats.t.ppf(0.975, df), as in _t_975
    return difference - half_width, difference + half_width


def wave_changes(
    current: Sequence[ThemeScore], previous: Sequence[ThemeScore]
) -> list[ThemeChange]:
    """Change in each theme score per group since the previous wave."""
    earlier = {(s.theme, s.group): s for s in previous}
    changes: list[ThemeChange] = []
    for now in current:
        before = earlier.get((now.theme, now.group))
        if before is None:
            continue
        if now.suppressed or before.suppressed:
            reason = _("Not shown: this score is hidden in one of the two waves.")
            changes.append(ThemeChange(now.theme, now.group, suppressed=True, reason=reason))
            continue
        difference = now.mean - before.mean
        low, high = welch_interval(difference, now.sd**2, now.n, before.sd**2, before.n)
        changes.append(
            ThemeChange(now.theme, now.group, before.mean, now.mean, difference, low, high)
        )
    return changes


def response_rates(
    answered: Mapping[str, int],
    invited: Mapping[str, int] | None = None,
    *,
    rule: SuppressionRule = DEFAULT_RULE,
) -> list[ResponseRate]:
    """Invited, answered and response rate per group and for "all"."""
    invited = invited or {}
    groups = sorted(set(answered) | set(invited))
    counts = {g: answered.get(g, 0) for g in groups}
    visibility = group_visibility(counts, invited=invited or None, rule=rule)
    rows: list[ResponseRate] = []
    for group in groups:
        n, asked = counts[group], invited.get(group)
        small = rule.is_small(n)
        rows.append(
            ResponseRate(
                group=group,
                invited=asked,
                answered=None if small else n,
                rate=None if small or not asked else n / asked,
                results_shown=group in visibility.shown,
                reason=visibility.hidden.get(group, ""),
                pooled_groups=(group,),
            )
        )
    counted = [g for g in groups if not rule.is_small(counts[g])]
    counted += [g for g in visibility.merged if rule.is_small(counts[g])]
    total = sum(counts[g] for g in counted)
    asked_total = sum(invited.get(g, 0) for g in counted) or None
    rows.append(
        ResponseRate(
            group=ALL,
            invited=asked_total,
            answered=total,
            rate=total / asked_total if asked_total else None,
            results_shown=response_rate_reason(asked_total, total, rule) is None,
            reason=response_rate_reason(asked_total, total, rule) or "",
            pooled_groups=tuple(sorted(counted)),
        )
    )
    return rows


def answer_distribution(
    survey: Instrument,
    question_code: str,
    responses: Sequence[RespondentAnswers],
    *,
    invited: Mapping[str, int] | None = None,
    rule: SuppressionRule = DEFAULT_RULE,
) -> Distribution:
    """Counts of each answer by group, suppressed. Counts are banded; multiple choices each count."""
    question = survey.question(question_code)
    values = [o.value for o in question.options]
    by_group: dict[str, Counter] = defaultdict(Counter)
    for response in responses:
        chosen = _answer_values(question, response.answers.get(question_code))
        if chosen:
            by_group[response.group or NOT_STATED].update(chosen)
    people = Counter({g: 0 for g in by_group})
    for response in responses:
        if _answer_values(question, response.answers.get(question_code)):
            people[response.group or NOT_STATED] += 1
    visibility = group_visibility(people, invited=invited, rule=rule)
    rows = [[by_group[g][v] for v in values] for g in visibility.shown]
    labels = list(visibility.shown)
    if visibility.merged:
        rows.append([sum(by_group[g][v] for g in visibility.merged) for v in values])
        labels.append(OTHER_GROUPS)
    table = suppress_table(rows, labels, [o.label for o in question.options], rule=rule)
    return Distribution(question_code, table, visibility.hidden)


def _answer_values(question: Question, value: object) -> list[str]:
    if value is None or value == "":
        return []
    if question.kind in (MULTI_CHOICE, OUTCOME_CHOICE):
        return [str(v) for v in value] if isinstance(value, list | tuple) else [str(value)]
    if question.kind == COUNT and isinstance(value, str) and value.isdigit():
        value = int(value)  # the easy-read version's "Never" ("0") and "Once" ("1")
    if question.kind == COUNT and isinstance(value, int):
        return [
            o.value
            for o in question.options
            if o.low is not None and o.low <= value and (o.high is None or value <= o.high)
        ][:1]
    return [str(value)]


def score_wave(
    survey: Instrument,
    responses: Sequence[RespondentAnswers],
    *,
    invited: Mapping[str, int] | None = None,
    previous: Sequence[ThemeScore] = (),
    rule: SuppressionRule = DEFAULT_RULE,
) -> WaveScores:
    """Everything the results page shows for one wave, already suppressed."""
    answered = Counter(r.group or NOT_STATED for r in responses)
    scores = theme_scores(survey, responses, invited=invited, rule=rule)
    distributions = {
        q.code: answer_distribution(survey, q.code, responses, invited=invited, rule=rule)
        for q in survey.questions
        if q.kind != FREE_TEXT and not q.identifies_group and q.options
    }
    return WaveScores(
        response_rates=response_rates(answered, invited, rule=rule),
        theme_scores=scores,
        perspective_gaps=perspective_gaps(survey, responses, invited=invited, rule=rule),
        distributions=distributions,
        changes=wave_changes(scores, previous),
    )
