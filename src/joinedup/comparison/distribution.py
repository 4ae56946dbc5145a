"""Where one partnership's figure sits among similar partnerships' figures.

Plain functions over plain numbers; nothing here knows where the numbers
came from. A comparison is only made when at least ``min_group()``
partnerships have the figure (this partnership included), so that no
small group's figures are shown.

Quartiles are numpy.quantile's default, linear interpolation between order
statistics: Hyndman and Fan's type 7, as R's quantile() and Excel's
QUARTILE.INC. For sorted values x[0..n-1], the p-th quantile is at position
h = (n - 1) * p, and is x[floor(h)] + (h - floor(h)) * (x[floor(h) + 1] - x[floor(h)]).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from django.conf import settings

MIN_GROUP = 5

# Where a figure sits against the quartiles, lowest first.
LOWEST_QUARTER = "lowest_quarter"
BELOW_MEDIAN = "below_median"
AT_MEDIAN = "at_median"
ABOVE_MEDIAN = "above_median"
HIGHEST_QUARTER = "highest_quarter"


def min_group() -> int:
    """The smallest comparison group shown: MIN_GROUP, or more where the
    deployment's COMPARISON_MIN_GROUP setting asks for more, never fewer."""
    return max(MIN_GROUP, int(getattr(settings, "COMPARISON_MIN_GROUP", MIN_GROUP)))


@dataclass(frozen=True)
class Distribution:
    """The comparison group's figures for one measure, and this partnership's place."""

    n: int
    lower_quartile: float
    median: float
    upper_quartile: float
    value: float | None = None
    position: str | None = None  # one of the constants above; None without a value


def quantile(values: Sequence[float], p: float) -> float:
    """The p-th quantile (0..1) of the values, by linear interpolation (type 7)."""
    if not len(values):
        raise ValueError("No values to take a quantile of.")
    return float(np.quantile(values, p))


def position(value: float, lower: float, median: float, upper: float) -> str:
    """Where a value sits against the quartiles. A value on a quartile counts
    as inside the middle half; one equal to the median is "at the median"."""
    if math.isclose(value, median, rel_tol=1e-9, abs_tol=1e-9):
        return AT_MEDIAN
    if value < lower:
        return LOWEST_QUARTER
    if value > upper:
        return HIGHEST_QUARTER
    return BELOW_MEDIAN if value < median else ABOVE_MEDIAN


def compare(
    value: float | None, group_values: Sequence[float], minimum: int | None = None
) -> Distribution | None:
    """The distribution of ``group_values`` (which include this partnership's
    own ``value`` where it has one) and where ``value`` sits in it; None when
    fewer than ``minimum`` partnerships have a value. ``minimum`` can only
    raise the deployment's ``min_group()``, never lower it."""
    minimum = max(min_group(), minimum or 0)
    values = sorted(float(v) for v in group_values if v is not None)
    if len(values) < minimum:
        return None
    lower, median, upper = (quantile(values, p) for p in (0.25, 0.5, 0.75))
    return Distribution(
        n=len(values),
        lower_quartile=lower,
        median=median,
        upper_quartile=upper,
        value=None if value is None else float(value),
        position=None if value is None else position(float(value), lower, median, upper),
    )
