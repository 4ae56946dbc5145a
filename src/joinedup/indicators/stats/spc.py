"""Statistical process control: the XmR chart as the NHS-R community's NHSRplotthedots draws it.

NHSRplotthedots (MIT licence) is the NHS-R implementation of NHS England's
"Making Data Count". This module gives the same limits, flags and labels by
default; where an option departs from the package, docs/statistics.md says so.

Per segment (the points between two recalculation points):

- mean of the points; moving ranges between neighbouring points (never across
  a change point or a missing value); moving ranges at or above 3.267 × their
  mean are screened out (Nelson 1982) and the mean recomputed, unless
  ``screen_moving_ranges`` is off, as in the Making Data Count Excel tool;
- process limits mean ± 2.66 × mean moving range; "close to the limits" is
  beyond mean ± (2/3) × 2.66 × mean moving range but inside the limits.

Special-cause rules, each within a segment, and the one that names a point
caught by several (the package's precedence):

1. outside the process limits;
2. a trend: ``trend_length`` (7) or more points each strictly higher (or lower)
   than the one before;
3. two of three: two or three of three consecutive points close to the limits,
   all three on the same side of the mean (the close points are flagged; a
   point outside the limits does not count as close);
4. a shift: ``shift_length`` (7) or more consecutive points on one side of the
   mean (a point on the mean breaks the run).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from . import checks
from .results import InsufficientData, Serialisable, describe_number
from .said import Joined, Said, caution_note, gettext_noop
from .series import parse_start, parse_time

if TYPE_CHECKING:
    import pandas as pd

LIMIT_FACTOR = 2.66  # 3 / d2, with d2 = 1.128 for moving ranges of two points
CLOSE_FACTOR = 2 * LIMIT_FACTOR / 3  # the two-sigma lines
RANGE_SCREEN_FACTOR = 3.267  # upper limit of the moving-range chart (D4 for n = 2)
# NHSRplotthedots marks a segment of fewer than 13 points as having trial limits.
TRIAL_LIMITS_BELOW = 13
DIRECTIONS = ("higher", "lower")
NEUTRAL = "neutral"
RULES = ("outside_limits", "trend", "two_of_three", "shift")
SPC_CAVEATS = [
    Said(gettext_noop("Process limits assume the points are independent; strong seasonality or "
                      "autocorrelation makes false signals more likely.")),
    Said(gettext_noop("Limits, special-cause rules and labels follow the NHS-R community's NHSRplotthedots "
                      "package (NHS England's Making Data Count).")),
]


@dataclass(frozen=True)
class SpcPoint(Serialisable):
    """One point with its segment's limits, each rule's flag and the label that decides."""

    time: str
    value: float
    segment: int
    mean: float
    lower_limit: float
    upper_limit: float
    moving_range: float | None
    relative_to_mean: int  # 1 above, -1 below, 0 on the mean
    close_to_limits: bool
    outside_limits: bool
    shift: bool
    trend: bool
    two_of_three: bool
    special_cause: bool
    rule: str | None  # the rule that names the point, by the package's precedence
    special_cause_type: str  # the package's text, e.g. "Above UCL", "7 Points Below CL"
    variation: str


@dataclass(frozen=True)
class SpcSegment(Serialisable):
    """A stretch of points sharing one mean and one set of process limits, with its counts."""

    start: str
    end: str
    n_points: int
    n_points_for_limits: int
    mean: float
    mean_moving_range: float
    lower_limit: float
    upper_limit: float
    moving_ranges_screened_out: int
    trial_limits: bool
    common_cause: int
    special_cause_improvement: int
    special_cause_concern: int
    special_cause_neutral_high: int
    special_cause_neutral_low: int
    variation: str  # the variation of the segment's last point
    assurance: str | None  # against the target; the latest segment only


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
    screened_out: int = 0

    @property
    def sigma(self) -> float:
        """One sigma: a third of the distance from the mean to a limit."""
        return (self.upper_limit - self.mean) / 3


def process_limits(
    values: Sequence[float],
    *,
    screen_moving_ranges: bool = True,
    adjacent: Sequence[bool] | None = None,
) -> ProcessLimits:
    """Mean ± 2.66 × mean moving range, screening moving ranges at or above 3.267 × their mean.

    ``adjacent`` (one flag per moving range) says which neighbouring values were
    neighbours in the series; a range across a missing value is not used.
    """
    values = np.asarray(values, dtype=float)
    if values.size < 2:
        raise InsufficientData(Said(gettext_noop("process limits need at least two points")))
    ranges = np.abs(np.diff(values))
    if adjacent is not None:
        ranges = ranges[np.asarray(adjacent, dtype=bool)]
    if ranges.size == 0:
        raise InsufficientData(Said(gettext_noop("process limits need at least two neighbouring values")))
    kept = ranges
    if screen_moving_ranges:
        # the package keeps a range only if it is strictly below the screening line
        kept = ranges[ranges < RANGE_SCREEN_FACTOR * ranges.mean()]
    mean, mean_range = float(values.mean()), float(kept.mean())
    return ProcessLimits(
        mean,
        mean_range,
        mean - LIMIT_FACTOR * mean_range,
        mean + LIMIT_FACTOR * mean_range,
        int(ranges.size - kept.size),
    )


def runs(codes: np.ndarray) -> list[tuple[int, int, int]]:
    """Runs of equal codes as (first index, index after the last, code)."""
    if codes.size == 0:
        return []
    breaks = np.flatnonzero(np.diff(codes) != 0) + 1
    starts = np.concatenate([[0], breaks])
    ends = np.concatenate([breaks, [codes.size]])
    return [(int(s), int(e), int(codes[s])) for s, e in zip(starts, ends, strict=True)]


def shift_points(sides: np.ndarray, length: int) -> np.ndarray:
    """Points in a run of ``length`` or more on one side of the mean (``sides``: -1, 0, 1)."""
    sides = np.asarray(sides, dtype=int)
    flags = np.zeros(sides.size, dtype=bool)
    for first, end, side in runs(sides):
        if side != 0 and end - first >= length:
            flags[first:end] = True
    return flags


def trend_points(values: np.ndarray, length: int) -> np.ndarray:
    """Points in a run of ``length`` or more each strictly higher (or lower) than the last."""
    values = np.asarray(values, dtype=float)
    flags = np.zeros(values.size, dtype=bool)
    for first, end, step in runs(np.sign(np.diff(values)).astype(int)):
        # steps first..end-1 link points first..end, so the trend has end - first + 1 points
        if step != 0 and end - first + 1 >= length:
            flags[first : end + 1] = True
    return flags


def trend_directions(values: np.ndarray, trend: np.ndarray) -> np.ndarray:
    """+1 (increasing) or -1 (decreasing) for each trend point, 0 elsewhere.

    As the package: a trend point whose next point is also in a trend takes the
    step to that next point, any other the step from the point before; a step
    that is not upwards reads as decreasing.
    """
    values = np.asarray(values, dtype=float)
    n = values.size
    if n < 2:
        return np.zeros(n, dtype=int)
    steps = np.sign(np.diff(values))
    right = np.concatenate([steps, steps[-1:]])
    left = np.concatenate([[0.0], steps])
    next_in_trend = np.concatenate([trend[1:], [False]])
    step = np.where(trend & next_in_trend, right, left)
    return np.where(trend, np.where(step == 1, 1, -1), 0)


def two_of_three_points(close: np.ndarray, sides: np.ndarray) -> np.ndarray:
    """Close-to-limit points that are two or three of three consecutive points on one side.

    A window counts when at least two of its three points are close to the
    limits and all three lie on the same side of the mean; the close points of
    such a window are flagged.
    """
    close = np.asarray(close, dtype=bool)
    sides = np.asarray(sides, dtype=int)
    flags = np.zeros(close.size, dtype=bool)
    if close.size < 3:
        return flags
    # Every window of three at once: window i covers points i, i + 1 and i + 2.
    counts = close[:-2].astype(int) + close[1:-1] + close[2:]
    totals = sides[:-2] + sides[1:-1] + sides[2:]
    counted = (counts >= 2) & (np.abs(totals) == 3)
    for offset in range(3):
        flags[offset : offset + counted.size] |= counted & close[offset : offset + counted.size]
    return flags


def point_variation(side: int, direction: str | None) -> str:
    """The package's point type for a special cause on ``side`` (+1 high, -1 low, 0 none)."""
    if side == 0:
        return "common_cause"
    if direction in DIRECTIONS:
        better = 1 if direction == "higher" else -1
        return "special_cause_improvement" if side == better else "special_cause_concern"
    return "special_cause_neutral_high" if side > 0 else "special_cause_neutral_low"


def assurance_status(
    limits: ProcessLimits, target: float | None, direction: str | None
) -> str | None:
    """Whether the process will consistently pass or fail the target, or is inconsistent."""
    if target is None or direction not in DIRECTIONS:
        return None
    higher_better = direction == "higher"
    if target > limits.upper_limit:
        return "consistent_fail" if higher_better else "consistent_pass"
    if target < limits.lower_limit:
        return "consistent_pass" if higher_better else "consistent_fail"
    return "inconsistent"


@dataclass(frozen=True)
class _Flags:
    sides: np.ndarray
    close: np.ndarray
    outside: np.ndarray
    shift: np.ndarray
    trend: np.ndarray
    two: np.ndarray
    trend_direction: np.ndarray


def _flags(values: np.ndarray, limits: ProcessLimits, settings: dict) -> _Flags:
    sides = np.sign(values - limits.mean).astype(int)
    outside = (values > limits.upper_limit) | (values < limits.lower_limit)
    close_gap = CLOSE_FACTOR * limits.mean_moving_range
    close = ~outside & ((values < limits.mean - close_gap) | (values > limits.mean + close_gap))
    trend = trend_points(values, settings["trend_length"])
    return _Flags(
        sides, close, outside, shift_points(sides, settings["shift_length"]), trend,
        two_of_three_points(close, sides), trend_directions(values, trend),
    )  # fmt: skip


def _label(i: int, flags: _Flags, settings: dict) -> tuple[str | None, int, str]:
    """The deciding rule, its side and the package's text for point ``i``."""
    above = flags.sides[i] > 0
    if flags.outside[i]:
        return "outside_limits", flags.sides[i], "Above UCL" if flags.sides[i] == 1 else "Below LCL"
    if flags.trend[i]:
        rising = flags.trend_direction[i] == 1
        text = f"{settings['trend_length']} Point Trend ({'In' if rising else 'De'}creasing)"
        return "trend", 1 if rising else -1, text
    where = "Above" if above else "Below"
    if flags.two[i]:
        return "two_of_three", 1 if above else -1, f"2 in 3 {where} CL"
    if flags.shift[i]:
        return "shift", 1 if above else -1, f"{settings['shift_length']} Points {where} CL"
    return None, 0, "Common Cause"


def _segment_points(labels, values, ranges, number, limits, settings, direction):
    flags = _flags(values, limits, settings)
    points = []
    for i in range(values.size):
        rule, side, text = _label(i, flags, settings)
        points.append(
            SpcPoint(
                labels[i], float(values[i]), number, limits.mean, limits.lower_limit,
                limits.upper_limit, ranges[i], int(flags.sides[i]), bool(flags.close[i]),
                bool(flags.outside[i]), bool(flags.shift[i]), bool(flags.trend[i]),
                bool(flags.two[i]), rule is not None, rule, text,
                point_variation(int(side), direction),
            )  # fmt: skip
        )
    return points


def xmr_chart(
    frame: pd.DataFrame,
    *,
    time: str,
    value: str,
    direction: str | None = None,
    target: float | None = None,
    recalculate_from: Sequence[object] = (),
    shift_length: int = 7,
    trend_length: int = 7,
    baseline_points: int | None = None,
    screen_moving_ranges: bool = True,
    definition_changes: Sequence[object] = (),
) -> SpcResult:
    """XmR chart of ``value`` over ``time`` with NHSRplotthedots' limits, rules and labels.

    ``direction`` says whether ``higher`` or ``lower`` is better; without one
    (or ``"neutral"``) special causes are neutral high or neutral low and there
    is no assurance. ``recalculate_from`` lists times from which the limits are
    recalculated (the package's rebase). ``baseline_points`` fixes each
    segment's limits from its first points (``fix_after_n_points``).
    ``screen_moving_ranges=False`` keeps every moving range, as the Making Data
    Count Excel tool does.
    """
    import pandas as pd  # pandas only for frames: a review's facts use NumPy (stats/__init__.py)

    if direction == NEUTRAL:
        direction = None
    if direction not in (None, *DIRECTIONS):
        raise ValueError(f"direction must be 'higher', 'lower' or 'neutral', not {direction!r}")
    for name, length in (("shift_length", shift_length), ("trend_length", trend_length)):
        if length < 2:
            raise ValueError(f"{name} must be at least 2, not {length}")
    axis = parse_time(frame[time])
    data = frame.assign(_t=axis.values).sort_values("_t", kind="stable").reset_index(drop=True)
    axis = parse_time(data[time])
    _refuse_duplicate_times(axis, time)
    all_values = pd.to_numeric(data[value], errors="coerce").to_numpy(dtype=float)
    keep = ~np.isnan(all_values)
    values, t, rows = all_values[keep], axis.values[keep], np.flatnonzero(keep)
    labels = [label for label, k in zip(axis.labels, keep, strict=True) if k]
    if values.size < 2:
        raise InsufficientData(Said(gettext_noop("an XmR chart needs at least two values")))
    starts = {int(np.searchsorted(t, parse_start(c, axis, data[time]))) for c in recalculate_from}
    settings = {
        "shift_length": shift_length, "trend_length": trend_length,
        "baseline_points": baseline_points, "screen_moving_ranges": screen_moving_ranges,
        "recalculate_from": [str(c) for c in recalculate_from],
    }  # fmt: skip
    points, segments = _chart(
        values, rows, labels, sorted(starts - {0, values.size}), settings, direction, target
    )
    changes = [parse_start(c, axis, data[time]) for c in definition_changes]
    warnings = checks.missing_warnings(all_values)
    warnings += checks.limit_length_warnings(
        [s.n_points for s in segments], [s.start for s in segments], TRIAL_LIMITS_BELOW
    )
    warnings += checks.definition_change_warnings(
        [str(c) for c in definition_changes], t.min(), t.max(), changes
    )
    last = segments[-1]
    reading = _reading(points[-1], last, target, warnings)
    return SpcResult(
        points, segments, points[-1].variation, last.assurance, direction, target, settings,
        reading, warnings, list(SPC_CAVEATS),
    )  # fmt: skip


def latest_variation(
    values: np.ndarray,
    rows: np.ndarray,
    boundaries: Sequence[int],
    direction: str | None,
    *,
    shift_length: int = 7,
    trend_length: int = 7,
    screen_moving_ranges: bool = True,
) -> str:
    """The variation of the latest point of the chart :func:`xmr_chart` draws, from
    its values alone: ``values`` the observed values in time order, ``rows`` their
    positions in the series (a gap between positions is a missing value, which no
    moving range crosses), ``boundaries`` the indexes from which the limits are
    recalculated. The same limits, and each rule asked of the latest point alone
    (the review reads only this, of thousands of series); raises as
    :func:`xmr_chart` does when no chart can be drawn."""
    if direction == NEUTRAL:
        direction = None
    if direction not in (None, *DIRECTIONS):
        raise ValueError(f"direction must be 'higher', 'lower' or 'neutral', not {direction!r}")
    if values.size < 2:
        raise InsufficientData(Said(gettext_noop("an XmR chart needs at least two values")))
    edges = list(zip([0, *boundaries], [*boundaries, values.size], strict=True))
    limits = None
    for first, end in edges:
        adjacent = np.diff(rows[first:end]) == 1
        limits = process_limits(values[first:end], screen_moving_ranges=screen_moving_ranges, adjacent=adjacent)
    return point_variation(_latest_side(values[edges[-1][0]:], limits, shift_length, trend_length), direction)


def _latest_side(values: np.ndarray, limits: ProcessLimits, shift_length: int, trend_length: int) -> int:
    """The side (+1, -1, or 0 for common cause) :func:`_label` gives the last of a
    segment's points, each rule of :func:`_flags` asked of that point only."""
    sides = np.sign(values - limits.mean).astype(int)
    latest, side = values[-1], int(sides[-1])
    if latest > limits.upper_limit or latest < limits.lower_limit:
        return side
    steps = np.sign(np.diff(values)).astype(int)
    if steps.size and steps[-1] != 0 and _last_run(steps) + 1 >= trend_length:
        return 1 if steps[-1] == 1 else -1
    above = 1 if side > 0 else -1
    close_gap = CLOSE_FACTOR * limits.mean_moving_range
    outside = (values > limits.upper_limit) | (values < limits.lower_limit)
    close = ~outside & ((values < limits.mean - close_gap) | (values > limits.mean + close_gap))
    if values.size >= 3 and close[-1] and close[-3:].sum() >= 2 and abs(int(sides[-3:].sum())) == 3:
        return above
    if side != 0 and _last_run(sides) >= shift_length:
        return above
    return 0


def _last_run(codes: np.ndarray) -> int:
    """How many codes at the end equal the last."""
    different = np.flatnonzero(codes != codes[-1])
    return codes.size - (int(different[-1]) + 1 if different.size else 0)


def _refuse_duplicate_times(axis, time: str) -> None:
    import pandas as pd  # pandas only for frames: a review's facts use NumPy (stats/__init__.py)

    times = pd.Series(axis.values)
    repeated = times.duplicated(keep=False) & times.notna()
    if repeated.any():
        shown = sorted({axis.labels[i] for i in np.flatnonzero(repeated)})
        raise ValueError(Said(
            gettext_noop("the time column %(column)s has more than one row for %(periods)s and others; an XmR "
                         "chart needs one value per period (filter the file down to one series)")
            if len(shown) > 5 else
            gettext_noop("the time column %(column)s has more than one row for %(periods)s; an XmR chart needs "
                         "one value per period (filter the file down to one series)"),
            column=repr(time), periods=", ".join(shown[:5])))


def _chart(values, rows, labels, boundaries, settings, direction, target):
    """Points and segments, with limits recalculated at each boundary (an index)."""
    points, segments = [], []
    edges = list(zip([0, *boundaries], [*boundaries, values.size], strict=True))
    for number, (first, end) in enumerate(edges):
        segment_values = values[first:end]
        adjacent = np.diff(rows[first:end]) == 1
        n_base = settings["baseline_points"] or segment_values.size
        limits = process_limits(
            segment_values[:n_base],
            screen_moving_ranges=settings["screen_moving_ranges"],
            adjacent=adjacent[: max(n_base - 1, 0)],
        )
        steps = np.abs(np.diff(segment_values))
        ranges = [None, *(float(r) if a else None for r, a in zip(steps, adjacent, strict=True))]
        segment_points = _segment_points(
            labels[first:end], segment_values, ranges, number, limits, settings, direction
        )
        latest = number == len(edges) - 1
        segments.append(
            _segment(segment_points, min(n_base, segment_values.size), limits,
                     assurance_status(limits, target, direction) if latest else None)
        )  # fmt: skip
        points += segment_points
    return points, segments


def _segment(points: list[SpcPoint], n_base: int, limits: ProcessLimits, assurance) -> SpcSegment:
    kinds = [p.variation for p in points]
    return SpcSegment(
        points[0].time, points[-1].time, len(points), n_base, limits.mean,
        limits.mean_moving_range, limits.lower_limit, limits.upper_limit, limits.screened_out,
        len(points) < TRIAL_LIMITS_BELOW, kinds.count("common_cause"),
        kinds.count("special_cause_improvement"), kinds.count("special_cause_concern"),
        kinds.count("special_cause_neutral_high"), kinds.count("special_cause_neutral_low"),
        kinds[-1], assurance,
    )  # fmt: skip


# What the latest point shows: one sentence for each kind of variation (a special
# cause with the rule that found it, in brackets).
VARIATION_TEXT = {
    "common_cause": gettext_noop("The latest point (%(time)s: %(value)s) shows common cause variation: no sign "
                                 "of a change."),
    "special_cause_improvement": gettext_noop("The latest point (%(time)s: %(value)s) shows special cause "
                                              "variation that is an improvement (%(rule)s)."),
    "special_cause_concern": gettext_noop("The latest point (%(time)s: %(value)s) shows special cause variation "
                                          "that is a concern (%(rule)s)."),
    "special_cause_neutral_high": gettext_noop("The latest point (%(time)s: %(value)s) shows special cause "
                                               "variation, high (no direction of improvement is set) (%(rule)s)."),
    "special_cause_neutral_low": gettext_noop("The latest point (%(time)s: %(value)s) shows special cause "
                                              "variation, low (no direction of improvement is set) (%(rule)s)."),
}
RULE_TEXT = {
    "outside_limits": gettext_noop("it is outside the process limits"),
    "trend": gettext_noop("it is part of a run of points each higher or each lower than the last"),
    "two_of_three": gettext_noop("it is one of two or three of three points close to a limit"),
    "shift": gettext_noop("it is part of a run of points on one side of the mean"),
}
ASSURANCE_TEXT = {
    "consistent_pass": gettext_noop("Unless the process changes it will consistently meet the target of "
                                    "%(target)s."),
    "consistent_fail": gettext_noop("Unless the process changes it will consistently miss the target of "
                                    "%(target)s."),
    "inconsistent": gettext_noop("Unless the process changes it will sometimes meet and sometimes miss the "
                                 "target of %(target)s."),
}


def _reading(point: SpcPoint, segment: SpcSegment, target, warnings) -> str:
    rule = {"rule": Said(RULE_TEXT[point.rule])} if point.rule else {}
    parts = [
        Said(VARIATION_TEXT[point.variation], time=point.time, value=describe_number(point.value), **rule),
        Said(gettext_noop("The current process limits are %(lower)s to %(upper)s around a mean of %(mean)s."),
             lower=describe_number(segment.lower_limit), upper=describe_number(segment.upper_limit),
             mean=describe_number(segment.mean)),
    ]
    if segment.assurance is not None:
        parts.append(Said(ASSURANCE_TEXT[segment.assurance], target=describe_number(target)))
    return Joined([*parts, caution_note(warnings)])
