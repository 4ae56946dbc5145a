"""Result types shared by the statistics engine, and their conversion to JSON.

Every analysis returns a dataclass with a ``reading`` (a plain-English
sentence or two), ``warnings`` (what the data cannot support) and
``caveats`` (what the method assumes), plus a ``to_dict()`` that gives
JSON-ready Python values: NumPy scalars become Python numbers and NaN or
infinite values become ``None``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from .said import Number, Said, gettext_noop


class InsufficientData(ValueError):
    """The data cannot support the analysis at all (not merely weakly)."""


def jsonable(value: Any) -> Any:
    """Convert a result (or any nested value) to plain JSON-ready Python values."""
    if isinstance(value, Estimate):
        return value.to_dict()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _fields(value)
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, np.ndarray):
        return [jsonable(v) for v in value.tolist()]
    if isinstance(value, (str, bool)) or value is None:
        return value
    if isinstance(value, (np.bool_,)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        number = float(value)
        return number if math.isfinite(number) else None
    if isinstance(value, dt.date):  # a pandas Timestamp too: it is a datetime
        return value.isoformat()
    if isinstance(value, Sequence):
        return [jsonable(v) for v in value]
    return str(value)


def _fields(value: Any) -> dict[str, Any]:
    return {f.name: jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}


class Serialisable:
    """Mixin giving dataclass results a ``to_dict()`` for JSON."""

    def to_dict(self) -> dict[str, Any]:
        """Return the result as JSON-ready Python values (NaN becomes None)."""
        return jsonable(self)


class ModelResult(Serialisable):
    """Mixin for a fitted model's result, whose ``estimates`` are looked up by term."""

    def estimate(self, term: str) -> Estimate:
        """The estimate for one term, e.g. ``level_change`` (KeyError naming the terms if absent)."""
        return find_estimate(self.estimates, term)


@dataclasses.dataclass(frozen=True)
class Estimate(Serialisable):
    """One model term: estimate, standard error, confidence interval and p-value.

    For log-link models (Poisson, quasi-Poisson) ``ratio`` is exp(estimate),
    the rate ratio, with its interval in ``ratio_ci_low``/``ratio_ci_high``.
    """

    term: str
    estimate: float
    std_error: float
    ci_low: float
    ci_high: float
    p_value: float
    ratio: float | None = None
    ratio_ci_low: float | None = None
    ratio_ci_high: float | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready values; the ratio fields appear only for log-link models."""
        data = _fields(self)
        if self.ratio is None:
            for key in ("ratio", "ratio_ci_low", "ratio_ci_high"):
                data.pop(key)
        return data


def estimates_from_arrays(
    terms: Sequence[str],
    params: np.ndarray,
    std_errors: np.ndarray,
    *,
    confidence: float,
    df: float | None,
    log_link: bool = False,
) -> list[Estimate]:
    """Build estimates with Wald intervals: t with ``df`` degrees of freedom, or normal if None."""
    from scipy import stats as scipy_stats  # slow to import (stats/__init__.py)

    params = np.asarray(params, dtype=float)
    std_errors = np.asarray(std_errors, dtype=float)
    statistic = params / std_errors
    if df is None:
        critical = scipy_stats.norm.ppf(0.5 + confidence / 2)
        p_values = 2 * scipy_stats.norm.sf(np.abs(statistic))
    else:
        critical = scipy_stats.t.ppf(0.5 + confidence / 2, df)
        p_values = 2 * scipy_stats.t.sf(np.abs(statistic), df)
    lows, highs = params - critical * std_errors, params + critical * std_errors
    result = []
    for i, term in enumerate(terms):
        ratios = {}
        if log_link:
            ratios = {
                "ratio": float(np.exp(params[i])),
                "ratio_ci_low": float(np.exp(lows[i])),
                "ratio_ci_high": float(np.exp(highs[i])),
            }
        result.append(
            Estimate(
                term=term,
                estimate=float(params[i]),
                std_error=float(std_errors[i]),
                ci_low=float(lows[i]),
                ci_high=float(highs[i]),
                p_value=float(p_values[i]),
                **ratios,
            )
        )
    return result


def linear_combination(
    term: str,
    weights: np.ndarray,
    params: np.ndarray,
    covariance: np.ndarray,
    *,
    confidence: float,
    df: float | None,
    log_link: bool = False,
) -> Estimate:
    """Estimate of weights·params with standard error sqrt(w' V w)."""
    value = float(weights @ params)
    std_error = float(np.sqrt(weights @ covariance @ weights))
    return estimates_from_arrays(
        [term],
        np.array([value]),
        np.array([std_error]),
        confidence=confidence,
        df=df,
        log_link=log_link,
    )[0]


def find_estimate(estimates: Sequence[Estimate], term: str) -> Estimate:
    """The estimate for ``term``; KeyError naming the available terms if absent."""
    for estimate in estimates:
        if estimate.term == term:
            return estimate
    raise KeyError(f"no term {term!r}; terms are {[e.term for e in estimates]}")


def describe_p(p_value: float) -> str:
    """p-value as text for readings: 'p < 0.001' or 'p = 0.034'."""
    if not math.isfinite(p_value):
        return Said(gettext_noop("p not available"))
    if p_value < 0.001:
        return Said(gettext_noop("p < %(p)s"), p=Number("0.001"))
    return Said(gettext_noop("p = %(p)s"), p=Number(f"{p_value:.3f}"))


def describe_number(value: float, digits: int = 3) -> str:
    """A number rounded to ``digits`` significant figures for readings."""
    if not math.isfinite(value):
        return Said(gettext_noop("not available"))
    return Number(f"{value:.{digits}g}" if abs(value) < 10**digits else f"{value:,.0f}")


def describe_interval(estimate: Estimate, confidence: float, *, ratio: bool = False) -> str:
    """'1.2 (95% CI 0.3 to 2.1; p = 0.010)' for an estimate or its ratio."""
    if ratio and estimate.ratio is not None:
        centre, low, high = estimate.ratio, estimate.ratio_ci_low, estimate.ratio_ci_high
    else:
        centre, low, high = estimate.estimate, estimate.ci_low, estimate.ci_high
    return Said(gettext_noop("%(estimate)s (%(level)s CI %(low)s to %(high)s; %(p)s)"),
                estimate=describe_number(centre), level=f"{confidence * 100:g}%", low=describe_number(low),
                high=describe_number(high), p=describe_p(estimate.p_value))
