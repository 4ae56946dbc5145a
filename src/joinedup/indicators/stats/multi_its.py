"""Multi-group interrupted time series: treated areas against comparator areas.

The areas' series are stacked and fitted by OLS (Linden 2015):

    y = b0 + b1·time + b2·level_change + b3·slope_change
        + b4·treated + b5·treated×time
        + b6·treated×level_change + b7·treated×slope_change  [+ seasonal terms]

``treated_level_change`` (b6) and ``treated_slope_change`` (b7) are the
differences between treated and comparator areas in the change of level and
slope at the start; ``treated`` (b4) and ``treated_time`` (b5) are the
differences before it, b5 being the parallel pre-trend check.

Standard errors (``errors``):

* ``driscoll-kraay`` (default): statsmodels ``cov_type="hac-groupsum"`` —
  scores are summed across areas within each period, then Newey–West over
  periods. Robust to autocorrelation and to shocks shared by all areas in a
  period, and valid with few areas because it relies on the number of
  periods; t with (periods − 1) degrees of freedom.
* ``hac-panel``: Newey–West within each area, summed over areas (independent
  areas); t with n − k degrees of freedom.
* ``cluster``: clustered by area (needs many areas); t with (areas − 1).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from statsmodels.regression.linear_model import OLS  # not statsmodels.api: it loads for seconds

from . import checks
from . import series as time_series
from .results import (
    Estimate,
    ModelResult,
    Serialisable,
    describe_interval,
    estimates_from_arrays,
    find_estimate,
)
from .said import Joined, Said, caution_note, gettext_noop

ERRORS = ("driscoll-kraay", "hac-panel", "cluster")
DIFFERENCE_TERMS = ("treated_level_change", "treated_slope_change")


@dataclass(frozen=True)
class GroupFittedPoint(Serialisable):
    """One period: treated and comparator means, fits, and the treated counterfactual."""

    time: str
    treated_observed: float | None
    comparison_observed: float | None
    treated_fitted: float
    comparison_fitted: float
    treated_counterfactual: float


@dataclass(frozen=True)
class MultiGroupItsResult(ModelResult):
    """Differences in level and slope change between treated and comparator areas."""

    method: str
    estimates: list[Estimate]
    level_difference: Estimate
    slope_difference: Estimate
    pre_trend_difference: Estimate
    series: list[GroupFittedPoint]
    start: str
    n_areas: int
    n_treated: int
    n_periods_before: int
    n_periods_after: int
    confidence: float
    settings: dict
    reading: str
    warnings: list[str] = field(default_factory=list)
    caveats: list[str] = field(default_factory=list)


def multi_group_design(time, start, treated, *, seasonal=None) -> tuple[list[str], np.ndarray]:
    """Stacked design: the segmented terms, and each interacted with ``treated``."""
    names, base = time_series.segmented_design(time, start, slope_change=True)
    treated = np.asarray(treated, dtype=float)[:, None]
    names = [*names, "treated", "treated_time", *DIFFERENCE_TERMS]
    design = np.column_stack([base, base * treated])
    if seasonal is not None:
        names += seasonal[0]
        design = np.column_stack([design, seasonal[1]])
    return names, design


def multi_group_its(
    frame: pd.DataFrame,
    *,
    time: str,
    value: str,
    area: str,
    treated_areas: Sequence[str],
    start: object,
    errors: str = "driscoll-kraay",
    maxlags: int | None = None,
    seasonality: str | time_series.Seasonality | None = None,
    season: str | None = None,
    confidence: float = 0.95,
    definition_changes: Sequence[object] = (),
) -> MultiGroupItsResult:
    """Multi-group ITS of treated areas against comparators; see the module docstring."""
    if errors not in ERRORS:
        raise ValueError(f"errors must be one of {ERRORS}")
    axis = time_series.parse_time(frame[time])
    data, treated_set = _stack(frame, axis, value, area, season, treated_areas)
    start_at = time_series.parse_start(start, axis, frame[time])
    treated = data["_area"].isin(treated_set).to_numpy()
    seasonal = _seasonal(seasonality, data, season)
    times = data["_t"].to_numpy(dtype=float)
    names, design = multi_group_design(times, start_at, treated, seasonal=seasonal)
    periods = np.unique(times)
    lags = time_series.default_maxlags(periods.size) if maxlags is None else int(maxlags)
    params, cov, df = _fit(data, design, errors, lags)
    errors_ = np.sqrt(np.diag(cov))
    estimates = estimates_from_arrays(names, params, errors_, confidence=confidence, df=df)
    labels = dict(zip(axis.values, axis.labels, strict=True))
    n_before, n_after = int((periods < start_at).sum()), int((periods >= start_at).sum())
    key = {
        "level_difference": find_estimate(estimates, "treated_level_change"),
        "slope_difference": find_estimate(estimates, "treated_slope_change"),
        "pre_trend_difference": find_estimate(estimates, "treated_time"),
    }
    warnings = checks.missing_warnings(pd.to_numeric(frame[value], errors="coerce").to_numpy())
    warnings += checks.segment_length_warnings(n_before, n_after)
    warnings += checks.definition_change_warnings(
        [str(c) for c in definition_changes], axis.values.min(), axis.values.max(),
        [time_series.parse_start(c, axis, frame[time]) for c in definition_changes],
    )  # fmt: skip
    n_areas = int(data["_area"].nunique())
    warnings += _panel_warnings(errors, n_areas, len(treated_set), key, confidence)
    start_label = labels[float(periods[periods >= start_at].min())]
    settings = {
        "errors": errors, "maxlags": lags, "kernel": "bartlett", "degrees_of_freedom": df,
        "treated_areas": sorted(treated_set),
        "seasonality": str(seasonality) if seasonality else None,
    }  # fmt: skip
    return MultiGroupItsResult(
        "multi_group_its", estimates,
        series=_group_series(data, names, design, params, treated, labels),
        start=start_label, n_areas=n_areas, n_treated=len(treated_set),
        n_periods_before=n_before, n_periods_after=n_after, confidence=confidence,
        settings=settings, reading=_reading(key, start_label, confidence, warnings),
        warnings=warnings, caveats=_caveats(errors), **key,
    )  # fmt: skip


def _stack(frame, axis, value, area, season, treated_areas):
    """Rows with a value, sorted by area then time, with working columns; the treated set."""
    data = frame.assign(
        _t=axis.values,
        _area=frame[area].astype(str),
        _y=pd.to_numeric(frame[value], errors="coerce"),
    )
    if season is not None:
        data["_season"] = pd.to_numeric(frame[season], errors="coerce")
    if axis.months is not None:
        data["_month"] = axis.months
    data = data.dropna(subset=["_y"]).sort_values(["_area", "_t"], kind="stable")
    treated_set = {str(a) for a in treated_areas}
    areas = set(data["_area"].unique())  # not set(column): that iterates a string column cell by cell
    if treated_set - areas or treated_set == areas:
        raise ValueError(Said(gettext_noop("need treated areas %(areas)s and comparators in the data"),
                              areas=str(sorted(treated_set))))
    return data.reset_index(drop=True), treated_set


def _panel_warnings(errors, n_areas, n_treated, key, confidence) -> list[str]:
    warnings = checks.cluster_warnings(n_areas, n_treated) if errors == "cluster" else []
    pre_trend = key["pre_trend_difference"]
    if pre_trend.p_value < 1 - confidence:
        warnings.append(Said(
            gettext_noop("Before the start the treated and comparator trends differed (%(interval)s per "
                         "period): the comparators may not show what would have happened."),
            interval=describe_interval(pre_trend, confidence)))
    return warnings


def _caveats(errors: str) -> list[str]:
    return [
        Said(gettext_noop("Comparator areas stand in for what would have happened in the treated areas; they "
                          "must not have been affected by the intervention.")),
        Said(gettext_noop("Standard errors: %(errors)s (see docs/statistics.md)."), errors=errors),
    ]


def _seasonal(seasonality, data, season):
    if isinstance(seasonality, str) or seasonality is None:
        seasonality = time_series.Seasonality.parse(seasonality)
    if seasonality is None:
        return None
    months = data["_month"].to_numpy() if "_month" in data else None
    raw = data["_season"].to_numpy(dtype=float) if season is not None else None
    return seasonality.columns(time_series.season_positions(months, raw, seasonality.period))


def _fit(data: pd.DataFrame, design: np.ndarray, errors: str, lags: int):
    """Fit by OLS; return parameters, covariance and degrees of freedom for t."""
    y = data["_y"].to_numpy(dtype=float)
    model = OLS(y, design)
    time_codes = pd.factorize(data["_t"], sort=True)[0]
    area_codes = pd.factorize(data["_area"])[0]
    if errors == "driscoll-kraay":
        fit = model.fit(
            cov_type="hac-groupsum",
            cov_kwds={"time": time_codes, "maxlags": lags, "use_correction": False},
        )
        df = float(time_codes.max())  # periods - 1
    elif errors == "hac-panel":
        fit = model.fit(
            cov_type="hac-panel",
            cov_kwds={"groups": area_codes, "maxlags": lags, "use_correction": "hac"},
        )
        df = float(len(y) - design.shape[1])
    else:
        fit = model.fit(cov_type="cluster", cov_kwds={"groups": area_codes})
        df = float(area_codes.max())  # areas - 1
    return np.asarray(fit.params), np.asarray(fit.cov_params()), df


def _group_series(data, names, design, params, treated, labels) -> list[GroupFittedPoint]:
    fitted = design @ params
    counterfactual = time_series.counterfactual_design(names, design, DIFFERENCE_TERMS) @ params
    frame = pd.DataFrame(
        {
            "t": data["_t"],
            "treated": treated,
            "y": data["_y"],
            "fitted": fitted,
            "counterfactual": counterfactual,
        }
    )
    by_group = frame.groupby(["t", "treated"]).mean().unstack("treated")
    points = []
    for t, row in by_group.iterrows():
        points.append(
            GroupFittedPoint(
                labels[float(t)],
                _maybe(row[("y", True)]),
                _maybe(row[("y", False)]),
                float(row[("fitted", True)]),
                float(row[("fitted", False)]),
                float(row[("counterfactual", True)]),
            )
        )
    return points


def _maybe(value: float) -> float | None:
    return None if pd.isna(value) else float(value)


def _reading(result: dict, start: str, confidence: float, warnings: list[str]) -> str:
    level, slope = result["level_difference"], result["slope_difference"]
    pre = result["pre_trend_difference"]
    text = Said(
        gettext_noop("At %(start)s the treated areas' level changed by %(level)s relative to the comparator "
                     "areas' change, and their trend per period by %(slope)s relative to the comparators'. "
                     "Before the start the treated minus comparator trend was %(pre)s per period."),
        start=start, level=describe_interval(level, confidence), slope=describe_interval(slope, confidence),
        pre=describe_interval(pre, confidence))
    return Joined([text, caution_note(warnings)])
