"""Before and after: the change in the mean from the start, with Welch's interval.

For "attendances fell by 12% (95% CI 8% to 16%) after the change" statements.
The difference of the means (after − before) has Welch's t interval, from
SciPy's ``ttest_ind(after, before, equal_var=False).confidence_interval()``.
The percentage change is 100·(after mean / before mean − 1); its interval is
Welch's interval on the log of the ratio of means by the delta method,
``log(m_a/m_b) ± t·sqrt(s_a²/(n_a m_a²) + s_b²/(n_b m_b²))`` with
Welch–Satterthwaite degrees of freedom, transformed back (it needs positive
means).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import stats as scipy_stats

from . import checks
from .results import InsufficientData, Serialisable, describe_number
from .series import parse_start, parse_time

BEFORE_AFTER_CAVEATS = [
    "A change in the mean is not an effect of the intervention: a trend already under way, "
    "seasonality or anything else that changed at the same time moves it too. An interrupted "
    "time series or a comparison with other areas is stronger evidence.",
    "Welch's interval treats the points as independent; autocorrelated points make it too "
    "narrow.",
]


@dataclass(frozen=True)
class BeforeAfterResult(Serialisable):
    """Means before and after the start, their difference and the percentage change."""

    method: str
    start: str
    n_before: int
    n_after: int
    mean_before: float
    mean_after: float
    difference: float
    difference_ci_low: float
    difference_ci_high: float
    p_value: float
    degrees_of_freedom: float
    percent_change: float | None
    percent_ci_low: float | None
    percent_ci_high: float | None
    confidence: float
    reading: str
    warnings: list[str] = field(default_factory=list)
    caveats: list[str] = field(default_factory=list)


def before_after_change(
    frame: pd.DataFrame,
    *,
    time: str,
    value: str,
    start: object,
    confidence: float = 0.95,
    definition_changes: Sequence[object] = (),
) -> BeforeAfterResult:
    """Mean after the start minus mean before, with Welch's interval and the percentage change."""
    axis = parse_time(frame[time])
    data = frame.assign(_t=axis.values).sort_values("_t", kind="stable").reset_index(drop=True)
    axis = parse_time(data[time])
    start_at = parse_start(start, axis, data[time])
    y = pd.to_numeric(data[value], errors="coerce").to_numpy(dtype=float)
    observed = ~np.isnan(y)
    post = axis.values >= start_at
    before, after = y[observed & ~post], y[observed & post]
    for points, side in ((before, "before"), (after, "at or after")):
        if points.size < 2:
            raise InsufficientData(
                f"{points.size} observed point{'s' if points.size != 1 else ''} {side} the start: "
                "a mean change with an interval needs at least 2 on each side"
            )
    if np.var(before) == 0 and np.var(after) == 0:
        raise InsufficientData("the values do not vary on either side, so there is no interval")
    test = scipy_stats.ttest_ind(after, before, equal_var=False)
    low, high = test.confidence_interval(confidence)
    start_label = axis.labels[int(np.argmax(post))]
    percent = _percent_change(after, before, confidence)
    warnings = checks.missing_warnings(y)
    warnings += checks.definition_change_warnings(
        [str(c) for c in definition_changes], axis.values.min(), axis.values.max(),
        [parse_start(c, axis, data[time]) for c in definition_changes],
    )  # fmt: skip
    if percent is None:
        warnings.append("The means are not both positive, so no percentage change is given.")
    difference = float(after.mean() - before.mean())
    reading = _reading(
        start_label, difference, (float(low), float(high)), percent, confidence, warnings
    )
    return BeforeAfterResult(
        "before_after_welch", start_label, int(before.size), int(after.size),
        float(before.mean()), float(after.mean()), difference, float(low), float(high),
        float(test.pvalue), float(test.df), *(percent or (None, None, None)), confidence,
        reading, warnings, list(BEFORE_AFTER_CAVEATS),
    )  # fmt: skip


def _percent_change(after, before, confidence) -> tuple[float, float, float] | None:
    m_a, m_b = after.mean(), before.mean()
    if m_a <= 0 or m_b <= 0:
        return None
    v_a = after.var(ddof=1) / (after.size * m_a**2)
    v_b = before.var(ddof=1) / (before.size * m_b**2)
    se = np.sqrt(v_a + v_b)
    df = (v_a + v_b) ** 2 / (v_a**2 / (after.size - 1) + v_b**2 / (before.size - 1))
    q = scipy_stats.t.ppf(0.5 + confidence / 2, df)
    log_ratio = np.log(m_a / m_b)
    low, high = np.exp(log_ratio - q * se), np.exp(log_ratio + q * se)
    return float(100 * (m_a / m_b - 1)), float(100 * (low - 1)), float(100 * (high - 1))


def _reading(start, difference, interval, percent, confidence, warnings) -> str:
    level = f"{confidence * 100:g}%"
    direction = "rose" if difference > 0 else "fell"
    text = (
        f"From {start} the mean {direction} by {describe_number(abs(difference))} "
        f"({level} CI for the change {describe_number(interval[0])} to "
        f"{describe_number(interval[1])})"
    )
    if percent is not None:
        text += (
            f", a change of {percent[0]:+.1f}% ({level} CI {percent[1]:+.1f}% to "
            f"{percent[2]:+.1f}%)"
        )
    text += "."
    if warnings:
        text += f" Treat this with caution: {len(warnings)} warning(s) about the data are listed."
    return text
