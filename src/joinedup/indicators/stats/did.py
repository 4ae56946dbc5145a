"""Difference in differences: the two-group 2×2 and two-way fixed effects.

* :func:`difference_in_differences` — the 2×2 of group means (treated or not,
  before or after), with the estimate and its standard error from the
  regression y = a + b·treated + c·post + d·treated×post (d is the
  difference in differences), clustered by ``unit`` when given (else HC1),
  or conventional (homoskedastic) errors as in published tables.
* :func:`two_way_fixed_effects` — y = area effects + period effects +
  d·(treated area × after start), standard errors clustered by area
  (statsmodels CR1: G/(G-1)·(N-1)/(N-K), t with G-1 degrees of freedom), with
  the parallel-trends check: in the periods before the start, the
  difference in linear trend between treated and comparison areas.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from statsmodels.regression.linear_model import OLS  # not statsmodels.api: it loads for seconds

from . import checks
from .results import (
    Estimate,
    InsufficientData,
    Serialisable,
    describe_interval,
    estimates_from_arrays,
)
from .said import Joined, Number, Said, caution_note, gettext_noop
from .series import parse_start, parse_time

DID_CAVEATS = [
    Said(gettext_noop("Difference in differences assumes that, without the intervention, the treated and "
                      "comparison groups would have changed in parallel.")),
    Said(gettext_noop("It also assumes nothing else changed for one group and not the other at the same time.")),
]


@dataclass(frozen=True)
class GroupMean(Serialisable):
    """The mean of one cell of the 2×2: group (treated/comparison) by period (before/after)."""

    group: str
    period: str
    mean: float
    n: int
    std_error: float  # of the mean: sample standard deviation / sqrt(n)


@dataclass(frozen=True)
class DifferenceInDifferencesResult(Serialisable):
    """Difference in differences: the estimate, the 2×2 means and the pre-trend check."""

    method: str
    estimate: Estimate
    estimates: list[Estimate]
    means: list[GroupMean]
    means_difference: float
    pre_trend: Estimate | None
    n_obs: int
    n_clusters: int | None
    confidence: float
    settings: dict
    reading: str
    warnings: list[str] = field(default_factory=list)
    caveats: list[str] = field(default_factory=list)


def _indicator(column: pd.Series, name: str) -> np.ndarray:
    values = pd.to_numeric(column, errors="coerce")
    if values.isna().any() or not values.isin([0, 1]).all():
        raise ValueError(f"{name} must be 0 or 1 on every row")
    return values.to_numpy(dtype=float)


# Why the 2×2 cannot be made: one sentence for each empty cell.
NO_OBSERVATIONS = {
    ("treated", "before"): gettext_noop("no observations for the treated group before"),
    ("treated", "after"): gettext_noop("no observations for the treated group after"),
    ("comparison", "before"): gettext_noop("no observations for the comparison group before"),
    ("comparison", "after"): gettext_noop("no observations for the comparison group after"),
}


def group_means(
    y: np.ndarray, treated: np.ndarray, post: np.ndarray
) -> tuple[list[GroupMean], float]:
    """The four cell means and their difference in differences."""
    cells, mean = [], {}
    for group_flag, group in ((1, "treated"), (0, "comparison")):
        for period_flag, period in ((0, "before"), (1, "after")):
            rows = (treated == group_flag) & (post == period_flag)
            if not rows.any():
                raise InsufficientData(Said(NO_OBSERVATIONS[group, period]))
            mean[group_flag, period_flag] = float(y[rows].mean())
            spread = float(y[rows].std(ddof=1) / np.sqrt(rows.sum())) if rows.sum() > 1 else np.nan
            cells.append(
                GroupMean(group, period, mean[group_flag, period_flag], int(rows.sum()), spread)
            )
    difference = (mean[1, 1] - mean[1, 0]) - (mean[0, 1] - mean[0, 0])
    return cells, difference


ERRORS = ("conventional", "hc1", "cluster")


def fit_ols(
    y, design, names, groups, confidence, errors: str | None = None
) -> tuple[list[Estimate], int | None]:
    """OLS with cluster-robust (CR1) errors by ``groups``, HC1, or conventional errors.

    ``errors`` defaults to ``cluster`` when there are groups and ``hc1`` otherwise.
    """
    errors = errors or ("cluster" if groups is not None else "hc1")
    if errors not in ERRORS:
        raise ValueError(
            f"standard errors for difference in differences are {', '.join(ERRORS)}, not "
            f"{errors!r} (HAC errors need a single time series: use --method its)"
        )
    if errors == "cluster" and groups is None:
        raise ValueError("clustered standard errors need the unit to cluster by (--unit)")
    model = OLS(y, design)
    n_clusters = None
    if errors == "cluster":
        codes = pd.factorize(pd.Series(groups))[0]
        fit = model.fit(cov_type="cluster", cov_kwds={"groups": codes}, use_t=True)
        n_clusters = int(codes.max() + 1)
    else:
        fit = model.fit(cov_type="HC1" if errors == "hc1" else "nonrobust", use_t=True)
    df = float(fit.df_resid_inference) if errors == "cluster" else float(fit.df_resid)
    estimates = estimates_from_arrays(
        names, np.asarray(fit.params), np.asarray(fit.bse), confidence=confidence, df=df
    )
    return estimates, n_clusters


def difference_in_differences(
    frame: pd.DataFrame,
    *,
    value: str,
    treated: str,
    post: str,
    unit: str | None = None,
    confidence: float = 0.95,
    errors: str | None = None,
    balanced: bool = False,
) -> DifferenceInDifferencesResult:
    """Two-group, two-period difference in differences from 0/1 ``treated`` and ``post`` columns.

    Rows with a missing value are dropped; ``balanced`` also drops every unit
    not observed both before and after (Card and Krueger's balanced sample).
    Standard errors (``errors``) are clustered by ``unit`` if given, else HC1;
    ``conventional`` gives the homoskedastic errors of many published tables.
    """
    data = frame[pd.to_numeric(frame[value], errors="coerce").notna()]
    dropped_units = 0
    if balanced:
        if unit is None:
            raise ValueError("a balanced panel needs the unit observed before and after (--unit)")
        periods = data.groupby(unit)[post].nunique()
        complete = periods.index[periods == 2]
        dropped_units = int(frame[unit].nunique() - len(complete))
        data = data[data[unit].isin(complete)]
    y = pd.to_numeric(data[value], errors="coerce").to_numpy(dtype=float)
    group, after = _indicator(data[treated], treated), _indicator(data[post], post)
    means, difference = group_means(y, group, after)
    design = np.column_stack([np.ones_like(y), group, after, group * after])
    names = ["intercept", "treated", "post", "treated_post"]
    groups = None if unit is None else data[unit].to_numpy()
    estimates, n_clusters = fit_ols(y, design, names, groups, confidence, errors)
    warnings = checks.missing_warnings(pd.to_numeric(frame[value], errors="coerce").to_numpy())
    if n_clusters is not None:
        treated_units = int(pd.Series(groups[group == 1]).nunique())
        warnings += checks.cluster_warnings(n_clusters, treated_units)
    warnings.append(Said(gettext_noop("With one period before, parallel trends cannot be checked.")))
    estimate = estimates[3]
    chosen = errors or ("cluster" if unit else "hc1")
    settings = {"errors": chosen, "cluster": unit if chosen == "cluster" else None,
                "balanced": balanced, "units_dropped_for_balance": dropped_units}  # fmt: skip
    reading = _reading(estimate, None, confidence, warnings)
    return DifferenceInDifferencesResult(
        "did_2x2",
        estimate,
        estimates,
        means,
        difference,
        None,
        len(y),
        n_clusters,
        confidence,
        settings,
        reading,
        warnings,
        list(DID_CAVEATS),
    )


def two_way_fixed_effects(
    frame: pd.DataFrame,
    *,
    value: str,
    area: str,
    time: str,
    treated_areas: Sequence[str],
    start: object,
    confidence: float = 0.95,
    definition_changes: Sequence[object] = (),
    errors: str = "cluster",
    balanced: bool = False,
) -> DifferenceInDifferencesResult:
    """Two-way fixed-effects difference in differences for areas over time.

    The treatment is ``area in treated_areas`` and ``time >= start``; every
    treated area starts at the same time. Standard errors are clustered by area
    unless ``errors`` says otherwise; ``balanced`` keeps only the areas
    observed in every period.
    """
    axis = parse_time(frame[time])
    data = frame.assign(_t=axis.values, _area=frame[area].astype(str))
    data = data[pd.to_numeric(data[value], errors="coerce").notna()].reset_index(drop=True)
    dropped_areas: list[str] = []
    if balanced:
        counts = data.groupby("_area")["_t"].nunique()
        dropped_areas = sorted(counts.index[counts < data["_t"].nunique()])
        data = data[~data["_area"].isin(dropped_areas)].reset_index(drop=True)
    treated_set = {str(a) for a in treated_areas}
    unknown = treated_set - set(data["_area"].unique())
    if unknown:
        raise KeyError(Said(gettext_noop("treated areas not in the data: %(areas)s"), areas=str(sorted(unknown))))
    start_at = parse_start(start, axis, frame[time])
    data["_y"] = pd.to_numeric(data[value])
    y = data["_y"].to_numpy(dtype=float)
    group = data["_area"].isin(treated_set).to_numpy(dtype=float)
    after = (data["_t"] >= start_at).to_numpy(dtype=float)
    means, difference = group_means(y, group, after)
    estimates, n_clusters = fit_fixed_effects(data, y, {"treated_post": group * after}, confidence, errors)
    estimate = next(e for e in estimates if e.term == "treated_post")
    pre_trend, pre_warnings = parallel_trends_check(data[after == 0], treated_set, confidence)
    warnings = checks.missing_warnings(pd.to_numeric(frame[value], errors="coerce").to_numpy())
    if n_clusters is not None:
        warnings += checks.cluster_warnings(n_clusters, len(treated_set))
    warnings += pre_warnings
    warnings += checks.definition_change_warnings(
        [str(c) for c in definition_changes], axis.values.min(), axis.values.max(),
        [parse_start(c, axis, frame[time]) for c in definition_changes],
    )  # fmt: skip
    settings = {"errors": errors, "cluster": area if errors == "cluster" else None,
                "treated_areas": sorted(treated_set), "start": str(start),
                "balanced": balanced, "areas_dropped_for_balance": dropped_areas}  # fmt: skip
    reading = _reading(estimate, pre_trend, confidence, warnings)
    return DifferenceInDifferencesResult(
        "did_two_way_fixed_effects", estimate, [estimate], means, difference, pre_trend,
        len(y), n_clusters, confidence, settings, reading, warnings, list(DID_CAVEATS),
    )  # fmt: skip


def fixed_effects_design(data: pd.DataFrame, regressors: dict[str, np.ndarray]):
    """Design: regressors, intercept, area dummies and period dummies (first of each dropped)."""
    areas = pd.get_dummies(data["_area"], prefix="area", drop_first=True, dtype=float)
    periods = pd.get_dummies(data["_t"], prefix="period", drop_first=True, dtype=float)
    columns = [
        np.column_stack(list(regressors.values())),
        np.ones((len(data), 1)),
        areas.to_numpy(),
        periods.to_numpy(),
    ]
    names = [*regressors, "intercept", *areas.columns, *periods.columns]
    return np.column_stack(columns), names


# A design of area and period dummies bigger than this (rows × columns) is not built: the
# fixed effects are swept out of the data instead (300 areas over 834 days made a 2 GB
# matrix, and a page that took a minute).
MOST_DUMMY_CELLS = 2_000_000


def fit_fixed_effects(data: pd.DataFrame, y, regressors: dict[str, np.ndarray], confidence, errors):
    """The regressors' estimates in y = regressors + area effects + period effects, with
    errors clustered by area (or as `fit_ols` is told): by OLS on the dummies for a small
    panel, else by sweeping the two sets of effects out first (`absorbed_ols`), which gives
    the same estimates and standard errors (Frisch–Waugh–Lovell)."""
    areas, periods = data["_area"].nunique(), data["_t"].nunique()
    if len(data) * (areas + periods) <= MOST_DUMMY_CELLS:
        design, names = fixed_effects_design(data, regressors)
        estimates, n_clusters = fit_ols(y, design, names, data["_area"].to_numpy(), confidence, errors)
        return estimates[: len(regressors)], n_clusters
    return absorbed_ols(y, regressors, data["_area"].to_numpy(), data["_t"].to_numpy(), confidence, errors)


def _sweep(columns: np.ndarray, first: np.ndarray, second: np.ndarray, tolerance=1e-13, most=100_000):
    """The columns less their means within each level of two factors, by alternating
    projections (once is exact in a balanced panel; an unbalanced one converges)."""
    swept = columns.copy()
    counts = (np.bincount(first), np.bincount(second))
    for _ in range(most):
        for codes, count in zip((first, second), counts, strict=True):
            means = np.column_stack([np.bincount(codes, weights=c) for c in swept.T]) / count[:, None]
            swept -= means[codes]
        left = np.column_stack([np.bincount(first, weights=c) for c in swept.T]) / counts[0][:, None]
        if np.abs(left).max() <= tolerance * max(1.0, np.abs(swept).max()):
            return swept
    raise ValueError(Said(gettext_noop("the area and period effects could not be separated from the data")))


def _components(first: np.ndarray, second: np.ndarray) -> int:
    """How many connected groups of areas and periods (sharing no rows between groups):
    each drops one from the rank of the dummies."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    n_first, n_second = first.max() + 1, second.max() + 1
    links = coo_matrix((np.ones(len(first)), (first, second + n_first)),
                       shape=(n_first + n_second, n_first + n_second))
    return int(connected_components(links, directed=False)[0])


def absorbed_ols(y, regressors: dict[str, np.ndarray], area, period, confidence, errors=None):
    """OLS of y on the regressors with area and period effects swept out. By
    Frisch–Waugh–Lovell the regressors' estimates and residuals are those of the regression
    on the dummies, and so are their conventional, HC1 and clustered (CR1) errors, given
    the full model's degrees of freedom, as statsmodels counts them."""
    errors = errors or "cluster"
    if errors not in ERRORS:
        raise ValueError(f"standard errors for difference in differences are {', '.join(ERRORS)}, not {errors!r}")
    first = pd.factorize(pd.Series(area))[0]
    second = pd.factorize(pd.Series(period))[0]
    columns = np.column_stack([np.asarray(y, dtype=float), *[np.asarray(r, dtype=float) for r in regressors.values()]])
    swept = _sweep(columns, first, second)
    target, design = swept[:, 0], swept[:, 1:]
    bread = np.linalg.pinv(design.T @ design)
    params = bread @ design.T @ target
    residuals = target - design @ params
    n = len(target)
    rank = np.linalg.matrix_rank(design) + (first.max() + 1) + (second.max() + 1) - _components(first, second)
    n_clusters = None
    if errors == "cluster":
        n_clusters = int(first.max() + 1)
        scores = np.column_stack([np.bincount(first, weights=design[:, j] * residuals) for j in range(design.shape[1])])
        correction = n_clusters / (n_clusters - 1) * (n - 1) / (n - rank)
        cov = correction * bread @ (scores.T @ scores) @ bread
        df = float(n_clusters - 1)
    elif errors == "hc1":
        meat = (design * residuals[:, None] ** 2).T @ design
        cov = n / (n - rank) * bread @ meat @ bread
        df = float(n - rank)
    else:
        cov = residuals @ residuals / (n - rank) * bread
        df = float(n - rank)
    estimates = estimates_from_arrays(
        list(regressors), params, np.sqrt(np.diag(cov)), confidence=confidence, df=df
    )
    return estimates, n_clusters


def parallel_trends_check(
    pre: pd.DataFrame, treated_set: set[str], confidence: float
) -> tuple[Estimate | None, list[str]]:
    """Difference in linear trend (per period) between treated and comparison areas before the start."""
    if pre["_t"].nunique() < 2:
        return None, [Said(gettext_noop("With one period before the start, parallel trends cannot be checked."))]
    group = pre["_area"].isin(treated_set).to_numpy(dtype=float)
    elapsed = (pre["_t"] - pre["_t"].min()).to_numpy(dtype=float)
    estimates, _ = fit_fixed_effects(
        pre, pre["_y"].to_numpy(dtype=float), {"treated_trend": group * elapsed}, confidence, None
    )
    estimate = estimates[0]
    warnings = []
    if estimate.p_value < 1 - confidence:
        warnings.append(Said(
            gettext_noop("Before the start the treated areas' trend differed from the comparison areas' "
                         "(%(interval)s per period): the parallel-trends assumption is doubtful."),
            interval=describe_interval(estimate, confidence)))
    return estimate, warnings


def _reading(
    estimate: Estimate, pre_trend: Estimate | None, confidence: float, warnings: list[str]
) -> str:
    more = estimate.estimate > 0
    parts = [Said(
        gettext_noop("After the start the treated group changed by %(size)s more than the comparison group: "
                     "difference in differences %(interval)s.") if more else
        gettext_noop("After the start the treated group changed by %(size)s less than the comparison group: "
                     "difference in differences %(interval)s."),
        size=Number(f"{abs(estimate.estimate):.3g}"), interval=describe_interval(estimate, confidence))]
    if pre_trend is not None:
        parts.append(Said(
            gettext_noop("Before the start the difference in trend per period was %(interval)s: no clear "
                         "evidence against parallel trends.") if pre_trend.p_value >= 1 - confidence else
            gettext_noop("Before the start the difference in trend per period was %(interval)s: evidence that "
                         "trends were not parallel."),
            interval=describe_interval(pre_trend, confidence)))
    return Joined([*parts, caution_note(warnings)])
