"""Statistical process control: the XmR chart of NHS England's "Making Data Count".

Process limits are mean ± 2.66 × mean moving range (2.66 = 3 / 1.128, so the
limits sit at three sigma). Special-cause rules, applied within each segment:

1. a point beyond a process limit;
2. a shift: ``shift_length`` (7) or more consecutive points on one side of the
   mean (a point on the mean breaks the run);
3. a trend: ``trend_length`` (6) or more consecutive points each higher (or each
   lower) than the one before (equal neighbours break the trend);
4. two of three consecutive points beyond two sigma on the same side (the
   points beyond two sigma are flagged).

Limits are recalculated from each change point in ``recalculate_from`` (for
example the partnership's start); moving ranges never span a change point.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from . import checks
from .results import InsufficientData, Serialisable, describe_number
from .series import parse_start, parse_time

LIMIT_FACTOR = 2.66  # 3 / d2, with d2 = 1.128 for moving ranges of two points
RANGE_SCREEN_FACTOR = 3.267  # upper limit of the moving-range chart (D4 for n = 2)
DIRECTIONS = ("higher", "lower")
SPC_CAVEATS = [
    "Process limits assume the points are independent; strong seasonality or "
    "autocorrelation makes false signals more likely.",
    "Special-cause rules follow NHS England's Making Data Count guidance.",
]


@dataclass(frozen=True)
class SpcPoint(Serialisable):
    """One point on the chart with its segment's limits and the rules it breaks."""

    time: str
    value: float
    segment: int
    mean: float
    lower_limit: float
    upper_limit: float
    moving_range: float | None
    beyond_limit: bool
    shift: bool
    trend: bool
    two_of_three: bool
    special_cause: bool
    variation: str


@dataclass(frozen=True)
class SpcSegment(Serialisable):
    """A stretch of points sharing one mean and one set of process limits."""

    start: str
    n_points: int
    n_points_for_limits: int
    mean: float
    mean_moving_range: float
    lower_limit: float
    upper_limit: float


@dataclass(frozen=True)
class SpcResult(Serialisable):
    """XmR chart: points, segments, and the latest variation and assurance status."""

    points: list[SpcPoint]
    segments: list[SpcSegment]
    variation: str
    assurance: str | None
    direction: str | None
    target: float | None
    settings: dict
    reading: str
    warnings: list[str] = field(default_factory=list)
    caveats: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ProcessLimits:
    """Mean, mean moving range and limits from one set of values."""

    mean: float
    mean_moving_range: float
    lower_limit: float
    upper_limit: float

    @property
    def sigma(self) -> float:
        """One sigma: a third of the distance from the mean to a limit."""
        return (self.upper_limit - self.mean) / 3


def process_limits(values: Sequence[float], *, screen_moving_ranges: bool = False) -> ProcessLimits:
    """Mean ± 2.66 × mean moving range; optionally drop moving ranges above 3.267 × their mean."""
    values = np.asarray(values, dtype=float)
    if values.size < 2:
        raise InsufficientData("process limits need at least two points")
    ranges = np.abs(np.diff(values))
    if screen_moving_ranges:
        ranges = ranges[ranges <= RANGE_SCREEN_FACTOR * ranges.mean()]
    mean, mean_range = float(values.mean()), float(ranges.mean())
    return ProcessLimits(
        mean, mean_range, mean - LIMIT_FACTOR * mean_range, mean + LIMIT_FACTOR * mean_range
    )


def runs(codes: np.ndarray) -> list[tuple[int, int, int]]:
    """Runs of equal codes as (first index, index after the last, code)."""
    if codes.size == 0:
        return []
    breaks = np.flatnonzero(np.diff(codes) != 0) + 1
    starts = np.concatenate([[0], breaks])
    ends = np.concatenate([breaks, [codes.size]])
    return [(int(s), int(e), int(codes[s])) for s, e in zip(starts, ends, strict=True)]


def shift_points(values: np.ndarray, mean: float, length: int) -> np.ndarray:
    """Points in a run of ``length`` or more on one side of the mean."""
    flags = np.zeros(values.size, dtype=bool)
    for first, end, side in runs(np.sign(values - mean).astype(int)):
        if side != 0 and end - first >= length:
            flags[first:end] = True
    return flags


def trend_points(values: np.ndarray, length: int) -> tuple[np.ndarray, np.ndarray]:
    """Points in a trend of ``length`` or more, and each flagged point's direction (+1/-1)."""
    flags = np.zeros(values.size, dtype=bool)
    direction = np.zeros(values.size, dtype=int)
    for first, end, step in runs(np.sign(np.diff(values)).astype(int)):
        # steps first..end-1 link points first..end, so the trend has end - first + 1 points
        if step != 0 and end - first + 1 >= length:
            flags[first : end + 1] = True
            direction[first : end + 1] = step
    return flags, direction


def two_of_three_points(values: np.ndarray, limits: ProcessLimits) -> np.ndarray:
    """Points beyond two sigma that are two (or three) of three consecutive on one side."""
    two_sigma = 2 * limits.sigma
    side = np.where(
        values > limits.mean + two_sigma, 1, np.where(values < limits.mean - two_sigma, -1, 0)
    )
    flags = np.zeros(values.size, dtype=bool)
    for first in range(max(values.size - 2, 0)):
        window = side[first : first + 3]
        for sign in (1, -1):
            if (window == sign).sum() >= 2:
                flags[first : first + 3] |= window == sign
    return flags


def _variation(special: bool, side: int, direction: str | None) -> str:
    if not special:
        return "common_cause"
    if direction is None or side == 0:
        return "special_cause_neither"
    better = 1 if direction == "higher" else -1
    return "special_cause_improvement" if side == better else "special_cause_concern"


def assurance_status(
    limits: ProcessLimits, target: float | None, direction: str | None
) -> str | None:
    """Whether the process will consistently pass, consistently fail, or hit and miss the target."""
    if target is None or direction is None:
        return None
    low, high = limits.lower_limit, limits.upper_limit
    if direction == "higher":
        return (
            "consistently_pass"
            if target < low
            else "consistently_fail"
            if target > high
            else "hit_and_miss"
        )
    return (
        "consistently_pass"
        if target > high
        else "consistently_fail"
        if target < low
        else "hit_and_miss"
    )


def _segment_points(labels, values, number, limits, settings, direction) -> list[SpcPoint]:
    beyond = (values > limits.upper_limit) | (values < limits.lower_limit)
    shift = shift_points(values, limits.mean, settings["shift_length"])
    trend, trend_side = trend_points(values, settings["trend_length"])
    two = two_of_three_points(values, limits)
    positional = beyond | shift | two
    side = np.where(positional, np.sign(values - limits.mean).astype(int), trend_side)
    ranges = [None, *np.abs(np.diff(values)).tolist()]
    return [
        SpcPoint(
            labels[i],
            float(values[i]),
            number,
            limits.mean,
            limits.lower_limit,
            limits.upper_limit,
            ranges[i],
            bool(beyond[i]),
            bool(shift[i]),
            bool(trend[i]),
            bool(two[i]),
            bool(positional[i] or trend[i]),
            _variation(bool(positional[i] or trend[i]), int(side[i]), direction),
        )
        for i in range(values.size)
    ]


def xmr_chart(
    frame: pd.DataFrame,
    *,
    time: str,
    value: str,
    direction: str | None = None,
    target: float | None = None,
    recalculate_from: Sequence[object] = (),
    shift_length: int = 7,
    trend_length: int = 6,
    baseline_points: int | None = None,
    screen_moving_ranges: bool = False,
    definition_changes: Sequence[object] = (),
) -> SpcResult:
    """XmR chart of ``value`` over ``time`` with Making Data Count rules.

    ``direction`` says whether ``higher`` or ``lower`` is better (needed for
    improvement/concern and assurance). ``recalculate_from`` lists times from
    which the limits are recalculated. ``baseline_points`` fixes each
    segment's limits from its first points; ``screen_moving_ranges`` drops
    moving ranges above 3.267 × their mean before computing the limits.
    """
    if direction not in (None, *DIRECTIONS):
        raise ValueError(f"direction must be 'higher' or 'lower', not {direction!r}")
    axis = parse_time(frame[time])
    data = frame.assign(_t=axis.values).sort_values("_t", kind="stable").reset_index(drop=True)
    axis = parse_time(data[time])
    all_values = pd.to_numeric(data[value], errors="coerce").to_numpy(dtype=float)
    keep = ~np.isnan(all_values)
    values, t = all_values[keep], axis.values[keep]
    labels = [label for label, k in zip(axis.labels, keep, strict=True) if k]
    if values.size < 2:
        raise InsufficientData("an XmR chart needs at least two values")
    starts = {int(np.searchsorted(t, parse_start(c, axis, data[time]))) for c in recalculate_from}
    settings = {
        "shift_length": shift_length, "trend_length": trend_length,
        "baseline_points": baseline_points, "screen_moving_ranges": screen_moving_ranges,
        "recalculate_from": [str(c) for c in recalculate_from],
    }  # fmt: skip
    points, segments = _chart(
        values, labels, sorted(starts - {0, values.size}), settings, direction
    )
    changes = [parse_start(c, axis, data[time]) for c in definition_changes]
    warnings = checks.missing_warnings(all_values)
    warnings += checks.limit_length_warnings(
        [s.n_points_for_limits for s in segments], [s.start for s in segments]
    )
    warnings += checks.definition_change_warnings(
        [str(c) for c in definition_changes], t.min(), t.max(), changes
    )
    last = segments[-1]
    limits = ProcessLimits(last.mean, last.mean_moving_range, last.lower_limit, last.upper_limit)
    assurance = assurance_status(limits, target, direction)
    reading = _reading(points[-1], last, assurance, target, warnings)
    return SpcResult(
        points, segments, points[-1].variation, assurance, direction, target, settings,
        reading, warnings, list(SPC_CAVEATS),
    )  # fmt: skip


def _chart(values, labels, boundaries, settings, direction):
    """Points and segments, with limits recalculated at each boundary (an index)."""
    points, segments = [], []
    edges = zip([0, *boundaries], [*boundaries, values.size], strict=True)
    for number, (first, end) in enumerate(edges):
        segment_values = values[first:end]
        base = (
            segment_values[: settings["baseline_points"]]
            if settings["baseline_points"]
            else segment_values
        )
        limits = process_limits(base, screen_moving_ranges=settings["screen_moving_ranges"])
        segments.append(
            SpcSegment(
                labels[first],
                int(segment_values.size),
                int(base.size),
                limits.mean,
                limits.mean_moving_range,
                limits.lower_limit,
                limits.upper_limit,
            )  # fmt: skip
        )
        points += _segment_points(
            labels[first:end], segment_values, number, limits, settings, direction
        )
    return points, segments


VARIATION_TEXT = {
    "common_cause": "common cause variation: no sign of a change",
    "special_cause_improvement": "special cause variation that is an improvement",
    "special_cause_concern": "special cause variation that is a concern",
    "special_cause_neither": "special cause variation (no direction of improvement is set)",
}
ASSURANCE_TEXT = {
    "consistently_pass": "will consistently meet",
    "consistently_fail": "will consistently miss",
    "hit_and_miss": "will sometimes meet and sometimes miss",
}


def _reading(point: SpcPoint, segment: SpcSegment, assurance, target, warnings) -> str:
    text = (
        f"The latest point ({point.time}: {describe_number(point.value)}) shows "
        f"{VARIATION_TEXT[point.variation]}. The current process limits are "
        f"{describe_number(segment.lower_limit)} to {describe_number(segment.upper_limit)} "
        f"around a mean of {describe_number(segment.mean)}."
    )
    if assurance is not None:
        text += (
            f" Unless the process changes it {ASSURANCE_TEXT[assurance]} the target of "
            f"{describe_number(target)}."
        )
    if warnings:
        text += f" Treat this with caution: {len(warnings)} warning(s) about the data are listed."
    return text
