"""Trust and value between partners, after the PARTNER tool (Varda et al.).

The partner relationships survey (``instruments.RELATIONSHIPS``) asks each
partner representative about every *other* partner organisation: three
questions on trust (open to discussion, reliable, shares the mission) and
three on value (influence, involvement, resources), each answered from 1
(not at all) to 4 (a great deal), or "don't know".

One **rating** is one respondent's view of one partner on one measure: the
mean of the items of that measure they answered (don't know left out). The
scores are means of ratings:

* a **tie** (a pair of organisations) scores the mean of the ratings its two
  members' representatives gave each other, both ways;
* an **organisation** scores the mean of the ratings others gave it (never
  its own people's);
* the **partnership** scores the mean of every rating.

Each score counts its **raters**: the different respondents whose ratings it
is made of. A score made of fewer raters than the suppression threshold is
never shown. That matters most for ties: a tie is rated only by the people of
its two organisations, often two or three, and a tie score from one rater
is that person's answer. Scores are rounded to one decimal place and shown
without their number of raters, so that two scores shown cannot be combined
to give back a hidden one exactly. docs/network.md has the formulas and the
reasoning.

Everything here works on plain data, so that it is tested without a database.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .instruments import (
    PARTNER_SEPARATOR,
    RATING_PREFIX,
    RELATIONSHIP_ITEMS,
    RELATIONSHIP_LEVELS,
    TRUST,
    VALUE,
)
from .suppression import MINIMUM_THRESHOLD

MEASURES = (TRUST, VALUE)
LOWEST, HIGHEST = 1, len(RELATIONSHIP_LEVELS)
PLACES = 1  # scores are shown, and compared between waves, to one decimal place
ITEM_MEASURE = {item.code: item.measure for item in RELATIONSHIP_ITEMS}


@dataclass(frozen=True)
class Rating:
    """One respondent's view of one partner on trust or value (1 to 4)."""

    rater: int  # which response: tells raters apart, never shown
    rater_organisation: str
    subject_organisation: str
    measure: str
    value: float


@dataclass(frozen=True)
class Score:
    """A trust or value score; ``value`` is None when it may not be shown."""

    measure: str
    value: float | None
    suppressed: bool

    @property
    def share(self) -> float | None:
        """The score as a share of the way from lowest (0) to highest (1)."""
        return None if self.value is None else (self.value - LOWEST) / (HIGHEST - LOWEST)


@dataclass(frozen=True)
class TieScores:
    first: str  # organisation values, first < second
    second: str
    trust: Score
    value: Score


@dataclass(frozen=True)
class OrganisationScores:
    organisation: str
    trust: Score
    value: Score


@dataclass(frozen=True)
class RelationshipScores:
    """Everything shown about one wave's relationships, already suppressed."""

    partnership: dict  # measure: Score
    organisations: list[OrganisationScores]
    ties: list[TieScores]
    threshold: int


@dataclass(frozen=True)
class ScoreChange:
    """A score in this wave and the one before; the change only when both are shown."""

    subject: tuple[str, ...]  # () for the partnership, (organisation,) or a tie's pair
    measure: str
    previous: float | None
    current: float | None

    @property
    def change(self) -> float | None:
        if self.previous is None or self.current is None:
            return None
        return round(self.current - self.previous, PLACES)


def ratings_from(rater: int, answers: Mapping[str, object]) -> list[Rating]:
    """The ratings in one response: per partner and measure, the mean of the
    items answered 1 to 4. Answers about the respondent's own organisation,
    don't knows and anything out of range are left out."""
    own = str(answers.get("group", ""))
    found: dict[tuple[str, str], list[int]] = defaultdict(list)
    for code, answer in answers.items():
        if not code.startswith(RATING_PREFIX) or PARTNER_SEPARATOR not in code:
            continue
        item, subject = code.removeprefix(RATING_PREFIX).split(PARTNER_SEPARATOR, 1)
        measure = ITEM_MEASURE.get(item)
        if measure is None or subject == own or isinstance(answer, bool) or not isinstance(answer, int):
            continue
        if LOWEST <= answer <= HIGHEST:
            found[subject, measure].append(answer)
    return [
        Rating(rater, own, subject, measure, sum(values) / len(values))
        for (subject, measure), values in sorted(found.items())
    ]


def all_ratings(responses: Iterable[Mapping[str, object]]) -> list[Rating]:
    """The ratings in every response, each response its own rater."""
    return [rating for rater, answers in enumerate(responses) for rating in ratings_from(rater, answers)]


def score(ratings: Sequence[Rating], measure: str, threshold: int) -> Score:
    """The mean of the ratings on one measure, shown only when at least
    ``threshold`` different people gave them."""
    if threshold < MINIMUM_THRESHOLD:
        raise ValueError(f"A relationship score needs at least {MINIMUM_THRESHOLD} raters.")
    values = [r.value for r in ratings if r.measure == measure]
    raters = {r.rater for r in ratings if r.measure == measure}
    if len(raters) < threshold:
        return Score(measure, None, True)
    return Score(measure, round(sum(values) / len(values), PLACES), False)


def tie_of(rating: Rating) -> tuple[str, str]:
    return tuple(sorted((rating.rater_organisation, rating.subject_organisation)))


def relationship_scores(
    ratings: Sequence[Rating], organisations: Sequence[str], threshold: int = MINIMUM_THRESHOLD
) -> RelationshipScores:
    """Scores per tie, per organisation (as others rate it) and for the whole
    partnership, each hidden below ``threshold`` raters.

    ``organisations`` are the partnership's members (their values): every
    pair of them is a tie, listed whether or not anyone rated it."""
    ratings = [r for r in ratings if r.rater_organisation != r.subject_organisation]
    by_tie: dict[tuple[str, str], list[Rating]] = defaultdict(list)
    by_subject: dict[str, list[Rating]] = defaultdict(list)
    for rating in ratings:
        by_tie[tie_of(rating)].append(rating)
        by_subject[rating.subject_organisation].append(rating)
    members = sorted(set(organisations))
    ties = [
        TieScores(a, b, score(by_tie[a, b], TRUST, threshold), score(by_tie[a, b], VALUE, threshold))
        for index, a in enumerate(members) for b in members[index + 1:]
    ]
    rated = [
        OrganisationScores(o, score(by_subject[o], TRUST, threshold), score(by_subject[o], VALUE, threshold))
        for o in members
    ]
    whole = {measure: score(ratings, measure, threshold) for measure in MEASURES}
    return RelationshipScores(whole, rated, ties, threshold)


def changes(current: RelationshipScores, previous: RelationshipScores | None) -> list[ScoreChange]:
    """Each score beside the previous wave's, for the partnership, each
    organisation and each tie. A change is only worked out between two shown
    scores, so it is never made of fewer raters than the threshold on either side."""
    if previous is None:
        return []
    found = [
        ScoreChange((), m, previous.partnership[m].value, current.partnership[m].value) for m in MEASURES
    ]
    before = {o.organisation: o for o in previous.organisations}
    for now in current.organisations:
        then = before.get(now.organisation)
        for measure in MEASURES:
            found.append(ScoreChange(
                (now.organisation,), measure,
                getattr(then, measure).value if then else None, getattr(now, measure).value,
            ))
    ties_before = {(t.first, t.second): t for t in previous.ties}
    for now in current.ties:
        then = ties_before.get((now.first, now.second))
        for measure in MEASURES:
            found.append(ScoreChange(
                (now.first, now.second), measure,
                getattr(then, measure).value if then else None, getattr(now, measure).value,
            ))
    return found


def weakest_ties(scores: RelationshipScores, measure: str = TRUST, below: float = 2.5) -> list[TieScores]:
    """Shown ties whose score on ``measure`` is below ``below`` (halfway
    between "a little" and "quite a lot"), lowest first."""
    low = [t for t in scores.ties if (s := getattr(t, measure)).value is not None and s.value < below]
    return sorted(low, key=lambda t: (getattr(t, measure).value, t.first, t.second))


# Plain-English meanings, shown beside every table of these scores.
MEANINGS = {
    TRUST: _(
        "Trust, from 1 to 4: how open to discussion, reliable and committed to the partnership's aims "
        "partners find each other (1 not at all, 4 a great deal). Low trust between two partners is worth "
        "talking about before it gets in the way of the work."
    ),
    VALUE: _(
        "Value, from 1 to 4: how much influence, involvement and resources partners see each other "
        "bringing (1 not at all, 4 a great deal). A partner of low value to the others may be in the wrong "
        "room, or not yet asked for what it could give."
    ),
    "tie": _(
        "A tie is a pair of organisations: its score is the mean of what their people said of each "
        "other, both ways."
    ),
    "organisation": _(
        "An organisation's score is the mean of what the other partners said of it; its own "
        "people's views of it are not asked."
    ),
    "partnership": _(
        "The partnership's score is the mean of every rating any partner gave another."
    ),
}
