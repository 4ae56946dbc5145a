"""Time axes, intervention timing and design matrices for time-series models.

Time handling
-------------
A time column may hold numbers (used as they are: 1..60, or years), ISO
dates, or financial years written ``2014/15`` (taken as the starting year).
Dates are turned into elapsed periods in the data's own unit (days, weeks,
months, quarters or years, whichever the usual gap between dates is), so a
gap in the data stays a gap in time.

Design conventions (documented in docs/statistics.md)
-----------------------------------------------------
``time`` counts periods from the first observation (0, 1, 2, ...);
``level_change`` is 1 from the first period at or after the start;
``slope_change`` is the periods since that first post-start period (0 at it),
so ``level_change`` is the jump at the first post-start period.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from .results import InsufficientData
from .said import Said, gettext_noop

if TYPE_CHECKING:
    import pandas as pd

FINANCIAL_YEAR = re.compile(r"^\s*(\d{4})\s*[/-]\s*(\d{2}|\d{4})\s*$")
ISO_DATE = r"\d{4}-\d{2}-\d{2}"
SEASON_PERIODS = {"month": 12, "quarter": 4}
# Gaps in days between dates, and the unit they imply.
PERIOD_UNITS = (
    (1, 1, "day"),
    (7, 7, "week"),
    (28, 31, "month"),
    (89, 92, "quarter"),
    (365, 366, "year"),
)


@dataclass(frozen=True)
class TimeAxis:
    """Numeric time for modelling, the original labels, and calendar seasons if known."""

    values: np.ndarray  # float, in periods
    labels: list[str]
    months: np.ndarray | None  # 1..12 when the time column held dates


def parse_time(column: pd.Series) -> TimeAxis:
    """Turn a time column (numbers, dates or financial years) into a :class:`TimeAxis`."""
    import pandas as pd  # pandas only for columns: a review's facts use NumPy (stats/__init__.py)

    labels = [str(v) for v in column.tolist()]
    if pd.api.types.is_numeric_dtype(column):
        return TimeAxis(column.to_numpy(dtype=float), labels, None)
    codes, distinct = pd.factorize(column, use_na_sentinel=False)
    if len(distinct) < len(column):
        # A panel repeats each period once per area: each distinct period is read once
        # (a page of 300 areas over 834 days read 250,000 dates ten times over).
        axis = parse_time(pd.Series(distinct, dtype=column.dtype))
        months = axis.months[codes] if axis.months is not None else None
        return TimeAxis(axis.values[codes], labels, months)
    text = column.astype(str).str.strip()
    years = text.str.extract(FINANCIAL_YEAR)[0]
    if years.notna().all():
        return TimeAxis(years.astype(float).to_numpy(), labels, None)
    numeric = pd.to_numeric(text, errors="coerce")
    if numeric.notna().all():
        return TimeAxis(numeric.to_numpy(dtype=float), labels, None)
    try:
        if text.str.fullmatch(ISO_DATE).all():
            # The usual case, and the form indicator series are stored in: one
            # vectorised parse instead of reading each value on its own.
            dates = pd.to_datetime(text, format="%Y-%m-%d")
        else:
            dates = pd.to_datetime(text, format="mixed", dayfirst=_looks_day_first(text))
    except (ValueError, TypeError) as error:
        raise ValueError(f"cannot read the time column as numbers or dates: {error}") from None
    return TimeAxis(_elapsed_periods(dates), labels, dates.dt.month.to_numpy())


def _looks_day_first(text: pd.Series) -> bool:
    """UK files write 05/01/2020 for 5 January; ISO dates start with the year."""
    return not text.str.match(r"^\d{4}").all()


def _elapsed_periods(dates: pd.Series) -> np.ndarray:
    """Periods since the first date, in the unit implied by the shortest gap.

    The shortest gap is the data's spacing: longer gaps are missing periods.
    """
    # Whole days in NumPy: the same arithmetic as pandas' .dt accessors, without
    # their overhead on the short series this runs on thousands of times.
    return elapsed_periods(dates.to_numpy(dtype="datetime64[ns]").astype("datetime64[D]"))


def elapsed_periods(days: np.ndarray) -> np.ndarray:
    """:func:`_elapsed_periods` of whole days (``datetime64[D]``, NaT for unknown):
    what a column of ISO dates becomes on the time axis, without pandas (the
    review's evidence facts place thousands of short series at once)."""
    known = ~np.isnat(days)
    unique = np.unique(days[known])
    if len(unique) < 2:
        return np.zeros(len(days))
    gap_days = float(np.diff(unique).astype(np.int64).min())
    unit = next((u for low, high, u in PERIOD_UNITS if low <= gap_days <= high), None)
    first = unique[0]
    if unit in ("month", "quarter", "year"):
        months = (days.astype("datetime64[M]") - first.astype("datetime64[M]")).astype(np.int64)
        per = {"month": 1, "quarter": 3, "year": 12}[unit]
        return np.where(known, months / per, np.nan)
    elapsed = (days - first).astype(np.int64).astype(float)
    return np.where(known, elapsed, np.nan) / (gap_days if unit is None else {"day": 1, "week": 7}[unit])


def parse_start(start: object, axis: TimeAxis, column: pd.Series) -> float:
    """Place the start (a number, year, financial year or date) on the numeric axis."""
    import pandas as pd  # pandas only for columns: a review's facts use NumPy (stats/__init__.py)

    if isinstance(start, (int, float, np.number)) and axis.months is None:
        return float(start)
    text = str(start).strip()
    if axis.months is None:
        match = FINANCIAL_YEAR.match(text)
        return float(match.group(1)) if match else float(text)
    dates = pd.concat([column.astype(str), pd.Series([text])], ignore_index=True)
    return float(parse_time(dates).values[-1])


def season_positions(
    months: np.ndarray | None, season: np.ndarray | None, period: int
) -> np.ndarray:
    """Season of each row (1..period) from a season column, or else the calendar months."""
    if season is not None:
        return np.asarray(season, dtype=float)
    if months is None:
        raise ValueError(
            "seasonality needs dates in the time column or a season column "
            "(month 1-12 or quarter 1-4)"
        )
    months = np.asarray(months, dtype=float)
    return months if period == 12 else np.ceil(months / 3)


@dataclass(frozen=True)
class Seasonality:
    """How to adjust for season: ``month``/``quarter`` dummies or ``fourier`` terms."""

    kind: str  # "month", "quarter" or "fourier"
    harmonics: int = 0
    period: int = 12

    @classmethod
    def parse(cls, text: str | None, period: int | None = None) -> Seasonality | None:
        """Read 'month', 'quarter' or 'fourier:K' (K sine/cosine pairs)."""
        if text in (None, "", "none"):
            return None
        if text in SEASON_PERIODS:
            return cls(text, 0, SEASON_PERIODS[text])
        match = re.fullmatch(r"fourier:(\d+)", text)
        if not match or int(match.group(1)) < 1:
            raise ValueError(f"seasonality must be month, quarter or fourier:K, not {text!r}")
        return cls("fourier", int(match.group(1)), period or 12)

    def columns(self, season: np.ndarray) -> tuple[list[str], np.ndarray]:
        """Term names and design columns for the season positions given."""
        if self.kind == "fourier":
            names, cols = [], []
            for k in range(1, self.harmonics + 1):
                angle = 2 * np.pi * k * season / self.period
                names += [f"fourier_sin_{k}", f"fourier_cos_{k}"]
                cols += [np.sin(angle), np.cos(angle)]
            return names, np.column_stack(cols)
        levels = range(2, self.period + 1)  # the first season is the reference
        names = [f"{self.kind}_{level}" for level in levels]
        return names, np.column_stack([(season == level).astype(float) for level in levels])


def segmented_design(
    time: np.ndarray,
    start: float,
    *,
    slope_change: bool = True,
    seasonal: tuple[list[str], np.ndarray] | None = None,
) -> tuple[list[str], np.ndarray]:
    """Design matrix of a segmented regression: intercept, time, level and slope change."""
    time = np.asarray(time, dtype=float)
    post = time >= start
    if not post.any():
        raise InsufficientData(Said(gettext_noop("no observations at or after the start")))
    first_post = time[post].min()
    elapsed = time - time.min()
    names = ["intercept", "time", "level_change"]
    cols = [np.ones_like(time), elapsed, post.astype(float)]
    if slope_change:
        names.append("slope_change")
        cols.append(np.where(post, time - first_post, 0.0))
    design = np.column_stack(cols)
    if seasonal is not None:
        names += seasonal[0]
        design = np.column_stack([design, seasonal[1]])
    return names, design


INTERVENTION_TERMS = ("level_change", "slope_change")


def counterfactual_design(
    names: Sequence[str], design: np.ndarray, terms: Sequence[str] = INTERVENTION_TERMS
) -> np.ndarray:
    """The design with the intervention terms set to zero (no intervention)."""
    counterfactual = design.copy()
    for i, name in enumerate(names):
        if name in terms:
            counterfactual[:, i] = 0.0
    return counterfactual


def default_maxlags(n_obs: int) -> int:
    """Newey and West's (1994) rule of thumb: floor(4 (n/100)^(2/9))."""
    return int(np.floor(4 * (n_obs / 100) ** (2 / 9)))
