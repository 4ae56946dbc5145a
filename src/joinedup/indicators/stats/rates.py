"""Proportions and rates with confidence intervals, and funnel plot limits.

* Proportions: Wilson score interval (statsmodels' proportion_confint).
* Rates (counts over a population): exact Poisson interval from the
  chi-squared distribution (statsmodels' confint_poisson), or Byar's
  approximation to it.
* Funnel plots (Spiegelhalter 2005): 95% and 99.8% limits around a target
  (by default the pooled value of all areas) as the denominator varies —
  normal-approximation (score) limits for proportions, exact Poisson limits
  around the expected count for rates.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import stats as scipy_stats
from statsmodels.stats.proportion import proportion_confint
from statsmodels.stats.rates import confint_poisson

from .results import InsufficientData, Serialisable, describe_number
from .said import Joined, Number, Said, gettext_noop

FUNNEL_LEVELS = (0.95, 0.998)
RATE_CAVEATS = [Said(gettext_noop("The interval reflects chance variation in the count, not errors in the data."))]


def _z(confidence: float) -> float:
    return float(scipy_stats.norm.ppf(0.5 + confidence / 2))


def wilson_interval(successes, trials, confidence: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
    """Wilson score interval for a proportion successes / trials (arrays allowed),
    by statsmodels."""
    x, n = np.asarray(successes, dtype=float), np.asarray(trials, dtype=float)
    low, high = proportion_confint(x, n, alpha=1 - confidence, method="wilson")
    return np.asarray(low, dtype=float), np.asarray(high, dtype=float)


def exact_poisson_interval(count, confidence: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
    """Exact (Garwood) interval for a Poisson count (arrays allowed), by
    statsmodels: chi-squared quantiles / 2, with 0 as the lower end of a zero count."""
    low, high = confint_poisson(np.asarray(count, dtype=float), 1, method="exact-c", alpha=1 - confidence)
    return np.asarray(low, dtype=float), np.asarray(high, dtype=float)


def byar_interval(count, confidence: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
    """Byar's approximation to the exact Poisson interval for a count."""
    o = np.asarray(count, dtype=float)
    z = _z(confidence)
    with np.errstate(divide="ignore", invalid="ignore"):
        lower = np.where(o > 0, o * (1 - 1 / (9 * o) - z / (3 * np.sqrt(o))) ** 3, 0.0)
    upper = (o + 1) * (1 - 1 / (9 * (o + 1)) + z / (3 * np.sqrt(o + 1))) ** 3
    return lower, upper


@dataclass(frozen=True)
class RateEstimate(Serialisable):
    """A proportion or rate per ``per`` with its confidence interval."""

    count: float
    denominator: float
    value: float
    ci_low: float
    ci_high: float
    per: float
    method: str
    confidence: float
    reading: str
    warnings: list[str] = field(default_factory=list)
    caveats: list[str] = field(default_factory=list)


def proportion(
    count: float, total: float, *, per: float = 100, confidence: float = 0.95
) -> RateEstimate:
    """A proportion (as a percentage by default) with its Wilson score interval."""
    if total <= 0 or not 0 <= count <= total:
        raise ValueError(Said(gettext_noop("a proportion needs 0 <= count <= total and total > 0")))
    low, high = wilson_interval(count, total, confidence)
    value = count / total * per
    warnings = [] if total >= 10 else [
        Said(gettext_noop("Only %(total)s in the denominator: the interval is wide."), total=Number(f"{total:g}"))]
    reading = Said(
        gettext_noop("%(value)s per %(per)s (%(level)s CI %(low)s to %(high)s), %(count)s of %(total)s."),
        value=describe_number(value), per=Number(f"{per:g}"), level=f"{confidence:.0%}",
        low=describe_number(float(low) * per), high=describe_number(float(high) * per), count=Number(f"{count:g}"),
        total=Number(f"{total:g}"))
    return RateEstimate(
        count,
        total,
        value,
        float(low) * per,
        float(high) * per,
        per,
        "wilson",
        confidence,
        reading,
        warnings,
        list(RATE_CAVEATS),
    )


def rate(
    count: float,
    population: float,
    *,
    per: float = 100_000,
    method: str = "exact",
    confidence: float = 0.95,
) -> RateEstimate:
    """A rate per ``per`` with an exact Poisson (or Byar's, ``method='byar'``) interval."""
    if population <= 0 or count < 0:
        raise ValueError(Said(gettext_noop("a rate needs a positive population and a count of zero or more")))
    interval = {"exact": exact_poisson_interval, "byar": byar_interval}.get(method)
    if interval is None:
        raise ValueError("method must be 'exact' or 'byar'")
    low, high = interval(count, confidence)
    scale = per / population
    warnings = (
        []
        if count >= 10
        else [Said(gettext_noop("Only %(count)s events: rates from fewer than 10 events are unstable."),
                   count=Number(f"{count:g}"))]
    )
    reading = Said(
        gettext_noop("%(value)s per %(per)s (%(level)s CI %(low)s to %(high)s), from %(count)s events."),
        value=describe_number(count * scale), per=Number(f"{per:,.0f}"), level=f"{confidence:.0%}",
        low=describe_number(float(low) * scale), high=describe_number(float(high) * scale), count=Number(f"{count:g}"))
    return RateEstimate(
        count,
        population,
        count * scale,
        float(low) * scale,
        float(high) * scale,
        per,
        method,
        confidence,
        reading,
        warnings,
        list(RATE_CAVEATS),
    )


def funnel_limits(
    denominator, target: float, kind: str, level: float
) -> tuple[np.ndarray, np.ndarray]:
    """Funnel limits (as proportions or rates per 1) at each denominator around ``target``."""
    n = np.asarray(denominator, dtype=float)
    if kind == "proportion":
        half = _z(level) * np.sqrt(target * (1 - target) / n)
        return np.clip(target - half, 0, 1), np.clip(target + half, 0, 1)
    if kind == "rate":
        expected = target * n
        alpha = 1 - level
        with np.errstate(invalid="ignore"):
            lower = np.where(expected > 0, scipy_stats.chi2.ppf(alpha / 2, 2 * expected) / 2, 0)
        upper = scipy_stats.chi2.ppf(1 - alpha / 2, 2 * (expected + 1)) / 2
        return lower / n, upper / n
    raise ValueError("kind must be 'proportion' or 'rate'")


@dataclass(frozen=True)
class FunnelPoint(Serialisable):
    """One area on the funnel plot and where it falls against the limits."""

    area: str
    count: float
    denominator: float
    value: float
    lower_95: float
    upper_95: float
    lower_99_8: float
    upper_99_8: float
    position: str  # above_99_8, above_95, within, below_95, below_99_8
    own_area: bool


@dataclass(frozen=True)
class FunnelResult(Serialisable):
    """Funnel plot: the target, each area's position, and limit curves for drawing."""

    kind: str
    target: float
    per: float
    points: list[FunnelPoint]
    curve: list[dict]
    reading: str
    warnings: list[str] = field(default_factory=list)
    caveats: list[str] = field(default_factory=list)


def _position(value, low95, high95, low998, high998) -> str:
    """Where a value falls against the limits (all in the same units)."""
    if value > high998:
        return "above_99_8"
    if value < low998:
        return "below_99_8"
    if value > high95:
        return "above_95"
    if value < low95:
        return "below_95"
    return "within"


def funnel_plot(
    frame: pd.DataFrame,
    *,
    area: str,
    count: str,
    denominator: str,
    kind: str = "rate",
    own_area: str | None = None,
    target: float | None = None,
    per: float | None = None,
    curve_points: int = 100,
) -> FunnelResult:
    """Funnel plot of areas (own area and comparators) with 95% and 99.8% limits.

    ``target`` is a proportion (0-1) or a rate per 1; by default the pooled
    value Σcount / Σdenominator. Values are reported per ``per`` (100 for
    proportions, 100,000 for rates by default).
    """
    per = per if per is not None else (100 if kind == "proportion" else 100_000)
    data = frame[[area, count, denominator]].dropna()
    counts, denoms = data[count].to_numpy(dtype=float), data[denominator].to_numpy(dtype=float)
    if data.empty or (denoms <= 0).any():
        raise InsufficientData(Said(gettext_noop("a funnel plot needs areas with positive denominators")))
    target = float(counts.sum() / denoms.sum()) if target is None else float(target)
    limits = _limit_columns(denoms, target, kind, per)
    values = counts / denoms * per
    points = [
        FunnelPoint(
            str(name), float(counts[i]), float(denoms[i]), float(values[i]),
            **{key: float(column[i]) for key, column in limits.items()},
            position=_position(values[i], *(column[i] for column in limits.values())),
            own_area=own_area is not None and str(name) == str(own_area),
        )
        for i, name in enumerate(data[area])
    ]  # fmt: skip
    grid = np.geomspace(max(denoms.min() / 2, 1), denoms.max() * 1.5, curve_points)
    curve_limits = _limit_columns(grid, target, kind, per)
    curve = [
        {"denominator": float(grid[i]), **{k: float(c[i]) for k, c in curve_limits.items()}}
        for i in range(grid.size)
    ]
    warnings = [] if len(points) >= 5 else [Said(gettext_noop("Fewer than 5 areas: the funnel says little."))]
    reading = _funnel_reading(points, target * per, per, own_area)
    caveats = [
        Said(gettext_noop("Limits allow for chance only; areas differ in case mix and recording.")),
        Said(gettext_noop("The target is the pooled value of the areas shown unless one is given.")),
    ]
    return FunnelResult(kind, target * per, per, points, curve, reading, warnings, caveats)


def _limit_columns(denominators, target, kind, per) -> dict[str, np.ndarray]:
    """Lower and upper 95% and 99.8% limits per ``per`` at each denominator."""
    (low95, high95), (low998, high998) = (
        funnel_limits(denominators, target, kind, level) for level in FUNNEL_LEVELS
    )
    return {
        "lower_95": low95 * per, "upper_95": high95 * per,
        "lower_99_8": low998 * per, "upper_99_8": high998 * per,
    }  # fmt: skip


# Where the own area falls: one sentence for each place.
POSITION_TEXT = {
    "above_99_8": gettext_noop("%(area)s (%(value)s) is above the 99.8%% limit (a strong signal that it is "
                               "higher)."),
    "above_95": gettext_noop("%(area)s (%(value)s) is between the 95%% and 99.8%% upper limits (a possible "
                             "signal)."),
    "within": gettext_noop("%(area)s (%(value)s) is within the 95%% limits (no evidence it differs from the "
                           "target)."),
    "below_95": gettext_noop("%(area)s (%(value)s) is between the 95%% and 99.8%% lower limits (a possible "
                             "signal)."),
    "below_99_8": gettext_noop("%(area)s (%(value)s) is below the 99.8%% limit (a strong signal that it is "
                               "lower)."),
}


def _funnel_reading(points: list[FunnelPoint], target: float, per: float, own_area) -> str:
    outside = sum(p.position in ("above_99_8", "below_99_8") for p in points)
    parts = [Said(gettext_noop("Against a target of %(target)s per %(per)s, %(outside)s of %(count)s areas fall "
                               "outside the 99.8%% limits."),
                  target=describe_number(target), per=Number(f"{per:,.0f}"), outside=outside, count=len(points))]
    own = next((p for p in points if p.own_area), None)
    if own is not None:
        parts.append(Said(POSITION_TEXT[own.position], area=own.area, value=describe_number(own.value)))
    elif own_area is not None:
        parts.append(Said(gettext_noop("%(area)s is not in the data."), area=own_area))
    return Joined(parts)
