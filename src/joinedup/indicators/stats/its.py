"""Interrupted time series: segmented regression for one area.

Two models, both fitted with statsmodels:

* :func:`segmented_regression` — ordinary least squares with Newey–West
  (HAC, Bartlett kernel) standard errors, for values on a continuous scale;
* :func:`segmented_poisson` — Poisson or quasi-Poisson GLM with a log
  population offset, for counts, reporting rate ratios.

Both give the counterfactual line: the fitted values with the intervention
terms (``level_change``, ``slope_change``) set to zero.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from statsmodels.genmod.families import Poisson
from statsmodels.genmod.generalized_linear_model import GLM
from statsmodels.regression.linear_model import OLS  # not statsmodels.api: it loads for seconds

from . import checks
from .results import (
    Estimate,
    InsufficientData,
    ModelResult,
    Serialisable,
    describe_interval,
    describe_number,
    estimates_from_arrays,
    find_estimate,
    linear_combination,
)
from .said import Joined, Number, Said, caution_note, gettext_noop
from .series import (
    Seasonality,
    counterfactual_design,
    default_maxlags,
    parse_start,
    parse_time,
    season_positions,
    segmented_design,
)

ITS_CAVEATS = [
    Said(gettext_noop("The counterfactual assumes the trend before the start would have carried on unchanged.")),
    Said(gettext_noop("A change at the start may have other causes (another policy, a new data definition); "
                      "a comparator area (multi-group analysis) guards against that.")),
]


@dataclass(frozen=True)
class FittedPoint(Serialisable):
    """One period: observed value, model fit, and the no-intervention counterfactual."""

    time: str
    observed: float | None
    fitted: float
    counterfactual: float


@dataclass(frozen=True)
class InterruptedTimeSeriesResult(ModelResult):
    """Segmented-regression result; see docs/statistics.md for the terms."""

    method: str
    estimates: list[Estimate]
    effect_at_end: Estimate
    series: list[FittedPoint]
    start: str
    n_before: int
    n_after: int
    n_missing: int
    confidence: float
    settings: dict
    reading: str
    warnings: list[str] = field(default_factory=list)
    caveats: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class PreparedSeries:
    """A sorted single-area series with its design, ready to fit."""

    frame: pd.DataFrame
    labels: list[str]
    names: list[str]
    design: np.ndarray
    observed: np.ndarray  # rows with a value
    start_label: str
    warnings: list[str]


def prepare_series(
    frame: pd.DataFrame,
    *,
    time: str,
    value: str,
    start: object,
    slope_change: bool = True,
    seasonality: str | Seasonality | None = None,
    season: str | None = None,
    definition_changes: Sequence[object] = (),
    required: Sequence[str] = (),
) -> PreparedSeries:
    """Sort by time, build the segmented design and collect data warnings."""
    missing_columns = [c for c in [time, value, season, *required] if c and c not in frame]
    if missing_columns:
        raise KeyError(f"columns not found: {missing_columns}; columns are {list(frame.columns)}")
    axis = parse_time(frame[time])
    data = frame.assign(_t=axis.values).sort_values("_t", kind="stable").reset_index(drop=True)
    if data["_t"].duplicated().any():
        raise ValueError(Said(gettext_noop("more than one row per time point: choose one area first")))
    axis = parse_time(data[time])
    start_at = parse_start(start, axis, data[time])
    seasonal = _seasonal_columns(seasonality, axis, data, season)
    names, design = segmented_design(
        axis.values, start_at, slope_change=slope_change, seasonal=seasonal
    )
    y = pd.to_numeric(data[value], errors="coerce").to_numpy(dtype=float)
    observed = ~np.isnan(y)
    post = axis.values >= start_at
    positions = [parse_start(change, axis, data[time]) for change in definition_changes]
    warnings = checks.missing_warnings(y)
    warnings += checks.segment_length_warnings(
        int((observed & ~post).sum()), int((observed & post).sum())
    )
    warnings += checks.definition_change_warnings(
        [str(c) for c in definition_changes], axis.values.min(), axis.values.max(), positions
    )
    start_label = axis.labels[int(np.argmax(post))]
    prepared = PreparedSeries(data, axis.labels, names, design, observed, start_label, warnings)
    _check_fit_possible(prepared)
    return prepared


def _seasonal_columns(seasonality, axis, data, season):
    if isinstance(seasonality, str) or seasonality is None:
        seasonality = Seasonality.parse(seasonality)
    if seasonality is None:
        return None
    raw = None if season is None else pd.to_numeric(data[season]).to_numpy(dtype=float)
    return seasonality.columns(season_positions(axis.months, raw, seasonality.period))


def _check_fit_possible(prepared: PreparedSeries) -> None:
    """Refuse a design whose terms cannot all be estimated, saying why."""
    n_obs, n_terms = int(prepared.observed.sum()), prepared.design.shape[1]
    post = prepared.design[:, prepared.names.index("level_change")] > 0
    before, after = int((prepared.observed & ~post).sum()), int((prepared.observed & post).sum())
    if before < 2:
        raise InsufficientData(Said(
            gettext_noop("only %(count)s observed point before the start: at least 2 are needed to estimate the "
                         "trend before it, without which there is no counterfactual") if before else
            gettext_noop("no observed point before the start: at least 2 are needed to estimate the trend before "
                         "it, without which there is no counterfactual"), count=before))
    if after < 1:
        raise InsufficientData(Said(gettext_noop("no observed point at or after the start: nothing to compare")))
    if "slope_change" in prepared.names and after < 2:
        raise InsufficientData(Said(gettext_noop(
            "only 1 point at or after the start: a change in trend needs at least 2 (or fit a change in level "
            "only)")))
    if n_obs <= n_terms:
        raise InsufficientData(Said(
            gettext_noop("%(count)s observed points cannot fit %(terms)s terms and leave any degrees of freedom "
                         "for the standard errors"), count=n_obs, terms=n_terms))
    if np.linalg.matrix_rank(prepared.design[prepared.observed]) < n_terms:
        raise InsufficientData(Said(gettext_noop(
            "the terms cannot all be estimated from these points (the design is collinear: for example a season "
            "with no observations)")))


def _effect_weights(prepared: PreparedSeries) -> np.ndarray:
    """Weights giving level change + slope change × periods from start to the last point."""
    weights = np.zeros(len(prepared.names))
    weights[prepared.names.index("level_change")] = 1.0
    if "slope_change" in prepared.names:
        column = prepared.names.index("slope_change")
        weights[column] = prepared.design[-1, column]
    return weights


ITS_ERRORS = ("hac", "conventional", "hc1")


def segmented_regression(
    frame: pd.DataFrame,
    *,
    time: str,
    value: str,
    start: object,
    errors: str = "hac",
    maxlags: int | None = None,
    use_correction: bool = False,
    confidence: float = 0.95,
    slope_change: bool = True,
    seasonality: str | Seasonality | None = None,
    season: str | None = None,
    definition_changes: Sequence[object] = (),
) -> InterruptedTimeSeriesResult:
    """Segmented OLS regression with Newey–West (HAC, Bartlett) standard errors.

    ``maxlags`` defaults to floor(4 (n/100)^(2/9)); ``use_correction`` applies
    statsmodels' n/(n-k) small-sample factor. Intervals and p-values use t
    with n - k degrees of freedom. ``errors="conventional"`` or ``"hc1"``
    gives the ordinary or heteroskedasticity-robust errors instead.
    """
    if errors not in ITS_ERRORS:
        raise ValueError(
            f"standard errors for one time series are {', '.join(ITS_ERRORS)}, not {errors!r} "
            "(clustered errors need several units: use --method did or multi-its)"
        )
    prepared = prepare_series(
        frame, time=time, value=value, start=start, slope_change=slope_change,
        seasonality=seasonality, season=season, definition_changes=definition_changes,
    )  # fmt: skip
    y = pd.to_numeric(prepared.frame[value], errors="coerce").to_numpy(dtype=float)
    rows = prepared.observed
    lags = default_maxlags(int(rows.sum())) if maxlags is None else int(maxlags)
    model_ = OLS(y[rows], prepared.design[rows])
    if errors == "hac":
        fit = model_.fit(
            cov_type="HAC", cov_kwds={"maxlags": lags, "use_correction": use_correction}, use_t=True
        )
    else:
        fit = model_.fit(cov_type="HC1" if errors == "hc1" else "nonrobust", use_t=True)
    model = FittedModel(np.asarray(fit.params), np.asarray(fit.cov_params()), float(fit.df_resid))
    settings = {
        "errors": errors, "maxlags": lags if errors == "hac" else None,
        "kernel": "bartlett" if errors == "hac" else None, "use_correction": use_correction,
        "seasonality": str(seasonality) if seasonality else None,
        "slope_change": slope_change, "degrees_of_freedom": model.df,
    }  # fmt: skip
    caveats = [
        Said(gettext_noop("Newey–West standard errors allow for autocorrelation up to %(lags)s periods "
                          "apart."), lags=lags)
        if errors == "hac"
        else Said(gettext_noop("These standard errors assume the points are not autocorrelated; Newey–West "
                               "errors (the default) allow for it."))
    ]
    return _assemble("segmented_ols_hac", prepared, model, y, confidence, settings, caveats)


def segmented_poisson(
    frame: pd.DataFrame,
    *,
    time: str,
    value: str,
    start: object,
    population: str | None = None,
    offset: str | None = None,
    overdispersion: bool = True,
    slope_change: bool = True,
    seasonality: str | Seasonality | None = None,
    season: str | None = None,
    rate_per: float = 100_000,
    confidence: float = 0.95,
    definition_changes: Sequence[object] = (),
) -> InterruptedTimeSeriesResult:
    """Segmented Poisson (or quasi-Poisson) regression of counts, reporting rate ratios.

    ``population`` names a column whose log is the offset; ``offset`` names a
    column already on the log scale. With ``overdispersion`` (the default) the
    model is quasi-Poisson: standard errors are scaled by the Pearson
    chi-squared dispersion. Intervals are Wald intervals on the log scale. The
    series is in rates per ``rate_per`` when there is an exposure, else counts.
    """
    if population and offset:
        raise ValueError("give a population or an offset, not both")
    prepared = prepare_series(
        frame, time=time, value=value, start=start, slope_change=slope_change,
        seasonality=seasonality, season=season, definition_changes=definition_changes,
        required=[c for c in (population, offset) if c],
    )  # fmt: skip
    y = pd.to_numeric(prepared.frame[value], errors="coerce").to_numpy(dtype=float)
    log_exposure = _log_exposure(prepared.frame, population, offset)
    rows = prepared.observed & np.isfinite(log_exposure)
    if (y[rows] < 0).any():
        raise ValueError(Said(gettext_noop("counts cannot be negative")))
    fit = GLM(
        y[rows], prepared.design[rows], family=Poisson(), offset=log_exposure[rows]
    ).fit(scale="X2" if overdispersion else None)
    scale = rate_per if (population or offset) else 1.0
    model = FittedModel(
        np.asarray(fit.params), np.asarray(fit.cov_params()), None, log_exposure, scale
    )
    settings = {
        "family": "quasi-poisson" if overdispersion else "poisson",
        "dispersion": float(fit.scale), "rate_per": scale,
        "seasonality": str(seasonality) if seasonality else None, "slope_change": slope_change,
    }  # fmt: skip
    caveats = [_dispersion_caveat(overdispersion, float(fit.scale))]
    method = "segmented_quasi_poisson" if overdispersion else "segmented_poisson"
    return _assemble(method, prepared, model, y, confidence, settings, caveats)


@dataclass(frozen=True)
class FittedModel:
    """Parameters and covariance of a fit; a log exposure marks a log-link count model."""

    params: np.ndarray
    cov: np.ndarray
    df: float | None  # None: normal (Wald z) intervals
    log_exposure: np.ndarray | None = None
    rate_per: float = 1.0

    @property
    def log_link(self) -> bool:
        """Whether the model is on the log scale (Poisson family)."""
        return self.log_exposure is not None

    def predict(self, design: np.ndarray) -> np.ndarray:
        """Fitted values: the mean, or for counts the rate per ``rate_per``."""
        linear = design @ self.params
        return np.exp(linear) * self.rate_per if self.log_link else linear


def _assemble(method, prepared, model: FittedModel, y, confidence, settings, caveats):
    """Estimates, effect at the end, fitted and counterfactual series, reading and result."""
    options = {"confidence": confidence, "df": model.df, "log_link": model.log_link}
    errors = np.sqrt(np.diag(model.cov))
    estimates = estimates_from_arrays(prepared.names, model.params, errors, **options)
    weights = _effect_weights(prepared)
    effect = linear_combination("effect_at_end", weights, model.params, model.cov, **options)
    fitted = model.predict(prepared.design)
    counterfactual = model.predict(counterfactual_design(prepared.names, prepared.design))
    observed = y
    if model.log_link and model.rate_per != 1.0:
        observed = y / np.exp(model.log_exposure) * model.rate_per
    reader = _reading_poisson if model.log_link else _reading_ols
    reading = reader(prepared, estimates, effect, confidence)
    post = prepared.design[:, prepared.names.index("level_change")] > 0
    return InterruptedTimeSeriesResult(
        method=method,
        estimates=estimates,
        effect_at_end=effect,
        series=_series(prepared.labels, observed, fitted, counterfactual),
        start=prepared.start_label,
        n_before=int((prepared.observed & ~post).sum()),
        n_after=int((prepared.observed & post).sum()),
        n_missing=int(np.isnan(y).sum()),
        confidence=confidence,
        settings=settings,
        reading=Joined([reading, _warning_note(prepared.warnings)]),
        warnings=prepared.warnings,
        caveats=ITS_CAVEATS + caveats,
    )


def _log_exposure(data: pd.DataFrame, population: str | None, offset: str | None) -> np.ndarray:
    if population:
        pop = pd.to_numeric(data[population], errors="coerce").to_numpy(dtype=float)
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(pop > 0, np.log(pop), np.nan)
    if offset:
        return pd.to_numeric(data[offset], errors="coerce").to_numpy(dtype=float)
    return np.zeros(len(data))


def _dispersion_caveat(overdispersion: bool, scale: float) -> str:
    if overdispersion:
        return Said(gettext_noop("Quasi-Poisson: standard errors are scaled for overdispersion (dispersion "
                                 "%(scale)s); autocorrelation is not corrected."), scale=Number(f"{scale:.2f}"))
    return Said(gettext_noop("Poisson: assumes variance equals the mean; counts are usually overdispersed, so "
                             "prefer quasi-Poisson unless the dispersion is close to 1."))


def _series(labels, observed, fitted, counterfactual) -> list[FittedPoint]:
    return [
        FittedPoint(label, None if np.isnan(obs) else float(obs), float(fit), float(cf))
        for label, obs, fit, cf in zip(labels, observed, fitted, counterfactual, strict=True)
    ]


def _warning_note(warnings: list[str]) -> str:
    if not warnings:
        return ""
    return caution_note(warnings)


def _reading_ols(prepared, estimates, effect, confidence) -> str:
    level = find_estimate(estimates, "level_change")
    if "slope_change" not in prepared.names:
        return Said(gettext_noop("From %(start)s the level changed by %(level)s."), start=prepared.start_label,
                    level=describe_interval(level, confidence))
    slope = find_estimate(estimates, "slope_change")
    return Said(
        gettext_noop("From %(start)s the level changed by %(level)s, and the trend per period by %(slope)s. "
                     "By %(end)s the series differed from where the earlier trend pointed by %(effect)s."),
        start=prepared.start_label, level=describe_interval(level, confidence),
        slope=describe_interval(slope, confidence), end=prepared.labels[-1],
        effect=describe_interval(effect, confidence),
    )


def _reading_poisson(prepared, estimates, effect, confidence) -> str:
    level = find_estimate(estimates, "level_change")
    change = (level.ratio - 1) * 100
    rise = change > 0
    values = {"start": prepared.start_label, "level": describe_interval(level, confidence, ratio=True),
              "percent": f"{abs(change):.0f}%"}
    if "slope_change" not in prepared.names:
        return Said(POISSON_LEVEL[rise], **values)
    slope = find_estimate(estimates, "slope_change")
    values.update(end=prepared.labels[-1], effect=describe_interval(effect, confidence, ratio=True))
    if describe_number(slope.ratio) == "1":
        # "changed by a factor of 1" reads as a change; say so plainly, with more digits
        return Said(POISSON_FLAT[rise], ratio=Number(f"{slope.ratio:.4f}"), level_pc=f"{confidence * 100:g}%",
                    low=Number(f"{slope.ratio_ci_low:.4f}"), high=Number(f"{slope.ratio_ci_high:.4f}"), **values)
    return Said(POISSON_TREND[rise], slope=describe_interval(slope, confidence, ratio=True), **values)


# The rate's change at the start, by whether it was a rise: with no change in trend
# fitted, with a trend that did not change (a factor of 1 to 3 figures), and with one.
POISSON_LEVEL = {
    True: gettext_noop("From %(start)s the rate changed by a factor of %(level)s, a rise of about %(percent)s."),
    False: gettext_noop("From %(start)s the rate changed by a factor of %(level)s, a fall of about %(percent)s."),
}
POISSON_FLAT = {
    True: gettext_noop(
        "From %(start)s the rate changed by a factor of %(level)s, a rise of about %(percent)s; no change in "
        "trend (a factor of %(ratio)s per period, %(level_pc)s CI %(low)s to %(high)s). By %(end)s the rate "
        "was %(effect)s times the counterfactual."),
    False: gettext_noop(
        "From %(start)s the rate changed by a factor of %(level)s, a fall of about %(percent)s; no change in "
        "trend (a factor of %(ratio)s per period, %(level_pc)s CI %(low)s to %(high)s). By %(end)s the rate "
        "was %(effect)s times the counterfactual."),
}
POISSON_TREND = {
    True: gettext_noop(
        "From %(start)s the rate changed by a factor of %(level)s, a rise of about %(percent)s; the trend "
        "changed by a factor of %(slope)s per period. By %(end)s the rate was %(effect)s times the "
        "counterfactual."),
    False: gettext_noop(
        "From %(start)s the rate changed by a factor of %(level)s, a fall of about %(percent)s; the trend "
        "changed by a factor of %(slope)s per period. By %(end)s the rate was %(effect)s times the "
        "counterfactual."),
}
