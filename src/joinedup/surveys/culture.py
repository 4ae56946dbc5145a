"""How partners see each other's ways of deciding and communicating.

The culture check (``instruments.CULTURE``) asks each partner to describe its
own organisation and each other partner on four dimensions. These functions
turn its answers into ratings and find where views clash: an organisation
that sees itself differently from how its partners see it, and pairs of
organisations whose own ways of working are far apart.

Every view follows the small-number threshold, an organisation's view of
itself as much as its partners' view of it: a view given by fewer than the
threshold of people is never used, so no one person's answers are shown.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from joinedup.surveys.instruments import (
    CULTURE_DIMENSIONS,
    OWN_PREFIX,
    PARTNER_PREFIX,
    PARTNER_SEPARATOR,
)


@dataclass(frozen=True)
class CultureRating:
    """One person's rating of an organisation on a culture dimension (1 = most formal)."""

    rater_organisation: str
    subject_organisation: str
    dimension: str
    value: int


@dataclass(frozen=True)
class CultureClash:
    """An organisation that sees itself differently from how its partners see it."""

    organisation: str
    dimension: str
    self_view: float
    others_view: float
    gap: float  # others_view - self_view; positive: partners see it as less formal
    self_raters: int
    other_raters: int


@dataclass(frozen=True)
class StyleMismatch:
    """Two organisations whose own descriptions of how they work are far apart."""

    first: str
    second: str
    dimension: str
    first_view: float
    second_view: float
    gap: float


def culture_ratings(answers: Mapping[str, object], respondent_organisation: str) -> list[CultureRating]:
    """The ratings in one culture-check response (as expanded by ``with_partnership``)."""
    ratings = []
    for code, value in answers.items():
        if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 5:
            continue
        if code.startswith(OWN_PREFIX):
            subject, dimension = respondent_organisation, code.removeprefix(OWN_PREFIX)
        elif code.startswith(PARTNER_PREFIX) and PARTNER_SEPARATOR in code:
            dimension, subject = code.removeprefix(PARTNER_PREFIX).split(PARTNER_SEPARATOR, 1)
        else:
            continue
        if dimension in {d.code for d in CULTURE_DIMENSIONS}:
            ratings.append(CultureRating(respondent_organisation, subject, dimension, value))
    return ratings


def _views(ratings: Sequence[CultureRating]) -> tuple[dict, dict]:
    own: dict[tuple[str, str], list[int]] = {}
    others: dict[tuple[str, str], list[int]] = {}
    for rating in ratings:
        key = (rating.subject_organisation, rating.dimension)
        mine = rating.rater_organisation == rating.subject_organisation
        (own if mine else others).setdefault(key, []).append(rating.value)
    return own, others


MINIMUM_RATERS = 5


def _check_minimum(minimum: int, whose: str) -> None:
    if minimum < MINIMUM_RATERS:
        raise ValueError(f"{whose} needs at least {MINIMUM_RATERS} raters.")


def culture_clashes(
    ratings: Sequence[CultureRating],
    *,
    min_gap: float = 1.0,
    min_self_raters: int = MINIMUM_RATERS,
    min_other_raters: int = MINIMUM_RATERS,
) -> list[CultureClash]:
    """Where an organisation's view of itself and its partners' view differ by ``min_gap`` or more.

    Both views follow the small-number threshold: the organisation's own view
    is used only when at least ``min_self_raters`` of its people gave it, and
    the partners' view only when at least ``min_other_raters`` people did
    (neither can be set below 5), so that no one person's view is shown.
    The caller passes only ratings from groups whose results may be shown
    (``results.shown_responses``). Largest gaps first.
    """
    _check_minimum(min_self_raters, "An organisation's own view")
    _check_minimum(min_other_raters, "The partners' view")
    own, others = _views(ratings)
    clashes = []
    for key, self_values in own.items():
        other_values = others.get(key, [])
        if len(self_values) < min_self_raters or len(other_values) < min_other_raters:
            continue
        self_view, others_view = sum(self_values) / len(self_values), sum(other_values) / len(other_values)
        if abs(others_view - self_view) >= min_gap:
            clashes.append(
                CultureClash(key[0], key[1], self_view, others_view, others_view - self_view,
                             len(self_values), len(other_values))
            )
    return sorted(clashes, key=lambda c: (-abs(c.gap), c.organisation, c.dimension))


def style_mismatches(
    ratings: Sequence[CultureRating], *, min_gap: float = 2.0, min_raters: int = MINIMUM_RATERS
) -> list[StyleMismatch]:
    """Pairs of organisations whose self-descriptions differ by ``min_gap`` or more, largest first.

    For example one that decides only on formal papers (1) and one that
    decides in the room (4 or 5): each may read the other as obstructive or
    careless when it is simply working its own way. An organisation's own
    view counts only when at least ``min_raters`` of its people gave it (the
    small-number threshold, never below 5).
    """
    _check_minimum(min_raters, "An organisation's own view")
    own, _others = _views(ratings)
    views = {key: sum(v) / len(v) for key, v in own.items() if len(v) >= min_raters}
    mismatches = []
    for (first, dimension), first_view in views.items():
        for (second, other_dimension), second_view in views.items():
            if other_dimension == dimension and first < second and abs(first_view - second_view) >= min_gap:
                mismatches.append(
                    StyleMismatch(first, second, dimension, first_view, second_view, second_view - first_view)
                )
    return sorted(mismatches, key=lambda m: (-abs(m.gap), m.dimension, m.first, m.second))
