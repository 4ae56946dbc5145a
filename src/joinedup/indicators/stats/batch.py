"""Segmented regression with Newey–West errors for many series at once, in NumPy.

The app fits the same model to many indicators (or areas) that share a time
axis and a start, so the design matrix X (n × k) is shared. With
P' = pinv(X)' (n × k) and residuals E (series × n):

    coefficients  B = Y P'
    scores        V[s, t, :] = E[s, t] · P'[t, :]          (= (X'X)⁻¹ x_t e_t)
    variance      var[s, j] = c · Σ_{l=0..L} c_l Σ_t V[s,t,j] V[s,t-l,j]
                            = c · Σ_l c_l Σ_t (E[s,t] E[s,t-l]) · (P'[t,j] P'[t-l,j])

with c_0 = 1, c_l = 2 w_l, Bartlett weights w_l = 1 - l/(L+1), and c = n/(n-k)
when the small-sample correction is asked for. The last line is one matrix
product: the residuals' lagged products (series × Σ(n-l)) times loadings that
depend on X alone (Σ(n-l) × k). This is exactly statsmodels'
``OLS(y, X).fit(cov_type="HAC", cov_kwds={"maxlags": L, "use_correction": ...})``
(the tests hold it to 1e-8 relative). Series are processed in chunks so that
memory stays bounded; a series with missing values is fitted on its own with
its observed rows (as statsmodels would after dropping them).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from . import checks
from .results import Estimate, Serialisable, estimates_from_arrays
from .series import Seasonality, default_maxlags, segmented_design

if TYPE_CHECKING:
    import pandas as pd

# Small chunks keep the working arrays in cache and below the size at which OpenBLAS
# starts threads, which on a busy server cost more than they save.
DEFAULT_CHUNK = 256


def bartlett_weights(maxlags: int) -> np.ndarray:
    """Bartlett kernel weights 1 - l/(L+1) for lags 0..L (as statsmodels)."""
    return 1.0 - np.arange(maxlags + 1) / (maxlags + 1.0)


def ols_hac_batch(
    values: np.ndarray,
    design: np.ndarray,
    *,
    maxlags: int,
    use_correction: bool = False,
    covariance: bool = False,
    chunk_size: int = DEFAULT_CHUNK,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray | None]:
    """OLS with Newey–West standard errors for each row of ``values`` on one shared design.

    Returns (coefficients (m, k), standard errors (m, k), observations per
    series (m,), and the full covariance (m, k, k) if ``covariance``).
    Rows with missing values are fitted on their observed points alone.
    """
    values = np.asarray(values, dtype=float)
    design = np.asarray(design, dtype=float)
    if values.ndim != 2 or values.shape[1] != design.shape[0]:
        raise ValueError("values must be (series, periods) with one period per design row")
    n_series, k = values.shape[0], design.shape[1]
    coefficients = np.full((n_series, k), np.nan)
    std_errors = np.full((n_series, k), np.nan)
    cov = np.full((n_series, k, k), np.nan) if covariance else None
    incomplete = np.isnan(values).any(axis=1)
    complete_rows = np.flatnonzero(~incomplete)
    kernel = HacKernel.for_design(design, maxlags, use_correction)
    for begin in range(0, complete_rows.size, chunk_size):
        rows = complete_rows[begin : begin + chunk_size]
        out = kernel.fit(values[rows], covariance)
        coefficients[rows], std_errors[rows] = out[0], out[1]
        if cov is not None:
            cov[rows] = out[2]
    n_obs = np.full(n_series, design.shape[0])
    for row in np.flatnonzero(incomplete):
        seen = ~np.isnan(values[row])
        n_obs[row] = int(seen.sum())
        if n_obs[row] <= k or np.linalg.matrix_rank(design[seen]) < k:
            continue
        out = HacKernel.for_design(design[seen], maxlags, use_correction).fit(
            values[row, seen][None], covariance
        )
        coefficients[row], std_errors[row] = out[0][0], out[1][0]
        if cov is not None:
            cov[row] = out[2][0]
    return coefficients, std_errors, n_obs, cov


@dataclass(frozen=True)
class HacKernel:
    """Everything about one design that the fits of many series share.

    ``loadings`` stacks, for each lag l = 0..L, the rows c_l · P'[t] ∘ P'[t-l]
    (c_0 = 1, c_l = 2 w_l), so that the variances of all series are a single
    matrix product: (residual products e_t e_{t-l}, stacked over lags) @ loadings.
    """

    design: np.ndarray
    projection: np.ndarray  # P' = pinv(X)', n × k
    loadings: np.ndarray  # Σ_l (n - l) × k
    weights: np.ndarray
    lags: range
    factor: float

    @classmethod
    def for_design(cls, design: np.ndarray, maxlags: int, use_correction: bool) -> HacKernel:
        """Precompute the projection and lag loadings for ``design``."""
        n_obs, k = design.shape
        projection = np.linalg.pinv(design).T
        weights = bartlett_weights(maxlags)
        lags = range(0, min(maxlags, n_obs - 1) + 1)  # longer lags have no pairs of points
        loadings = np.concatenate([
            (1.0 if lag == 0 else 2.0 * weights[lag])
            * projection[lag:] * projection[: n_obs - lag]
            for lag in lags
        ])  # fmt: skip
        factor = n_obs / (n_obs - k) if use_correction else 1.0
        return cls(design, projection, loadings, weights, lags, factor)

    def fit(self, values: np.ndarray, covariance: bool = False):
        """Coefficients, standard errors and (optionally) covariances for rows of ``values``."""
        n_obs = self.design.shape[0]
        coefficients = values @ self.projection
        residuals = values - coefficients @ self.design.T
        products = np.empty((values.shape[0], self.loadings.shape[0]))
        offset = 0
        for lag in self.lags:
            width = n_obs - lag
            np.multiply(
                residuals[:, lag:], residuals[:, :width], out=products[:, offset : offset + width]
            )
            offset += width
        std_errors = np.sqrt(products @ self.loadings * self.factor)
        full = self._covariance(residuals) if covariance else None
        return coefficients, std_errors, full

    def _covariance(self, residuals: np.ndarray) -> np.ndarray:
        """Full covariance matrices from the scores V[s, t] = e[s, t] · P'[t]."""
        scores = residuals[:, :, None] * self.projection[None, :, :]
        transposed = scores.transpose(0, 2, 1)
        full = transposed @ scores
        for lag in self.lags[1:]:
            gamma = transposed[:, :, lag:] @ scores[:, :-lag]
            full += self.weights[lag] * (gamma + gamma.transpose(0, 2, 1))
        return full * self.factor


@dataclass(frozen=True)
class BatchSegmentedResult(Serialisable):
    """Estimates for many series: arrays indexed [series, term]."""

    terms: list[str]
    coefficients: np.ndarray
    std_errors: np.ndarray
    n_obs: np.ndarray
    maxlags: int
    use_correction: bool
    covariance: np.ndarray | None
    reading: str
    warnings: list[str] = field(default_factory=list)
    caveats: list[str] = field(default_factory=list)

    @property
    def df_resid(self) -> np.ndarray:
        """Residual degrees of freedom per series (observations minus terms)."""
        return self.n_obs - len(self.terms)

    def p_values(self) -> np.ndarray:
        """Two-sided p-values from t with n - k degrees of freedom."""
        from scipy import stats as scipy_stats  # slow to import (stats/__init__.py)

        statistic = self.coefficients / self.std_errors
        return 2 * scipy_stats.t.sf(np.abs(statistic), self.df_resid[:, None])

    def confidence_intervals(self, confidence: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
        """Lower and upper t-based limits, each (series, terms)."""
        from scipy import stats as scipy_stats  # slow to import (stats/__init__.py)

        critical = scipy_stats.t.ppf(0.5 + confidence / 2, self.df_resid)[:, None]
        margin = critical * self.std_errors
        return self.coefficients - margin, self.coefficients + margin

    def estimates(self, series: int, confidence: float = 0.95) -> list[Estimate]:
        """The estimates of one series, as the single-series functions give them."""
        return estimates_from_arrays(
            self.terms,
            self.coefficients[series],
            self.std_errors[series],
            confidence=confidence,
            df=float(self.df_resid[series]),
        )

    def to_frame(self, confidence: float = 0.95) -> pd.DataFrame:
        """Long table: one row per series and term."""
        import pandas as pd  # pandas only for frames: a review's facts use NumPy (stats/__init__.py)

        low, high = self.confidence_intervals(confidence)
        n_series, k = self.coefficients.shape
        return pd.DataFrame(
            {
                "series": np.repeat(np.arange(n_series), k),
                "term": np.tile(self.terms, n_series),
                "estimate": self.coefficients.ravel(),
                "std_error": self.std_errors.ravel(),
                "ci_low": low.ravel(),
                "ci_high": high.ravel(),
                "p_value": self.p_values().ravel(),
            }
        )

    def to_dict(self, confidence: float = 0.95) -> dict:
        """JSON-ready: settings, reading, warnings and per-series estimates."""
        return {
            "terms": list(self.terms),
            "maxlags": self.maxlags,
            "use_correction": self.use_correction,
            "series": [
                [e.to_dict() for e in self.estimates(i, confidence)]
                for i in range(self.coefficients.shape[0])
            ],
            "reading": self.reading,
            "warnings": list(self.warnings),
            "caveats": list(self.caveats),
        }


def segmented_regression_batch(
    values: np.ndarray | pd.DataFrame,
    start_index: int,
    *,
    slope_change: bool = True,
    seasonality: str | Seasonality | None = None,
    season: Sequence[float] | None = None,
    maxlags: int | None = None,
    use_correction: bool = False,
    covariance: bool = False,
    chunk_size: int = DEFAULT_CHUNK,
) -> BatchSegmentedResult:
    """Segmented regression with Newey–West errors for many equal-length series.

    ``values`` is (series, periods); period ``start_index`` (0-based) is the
    first after the start. ``season`` gives each period's season (1..12 or
    1..4) when ``seasonality`` is used. Terms and conventions are those of
    :func:`joinedup.indicators.stats.segmented_regression`.
    """
    values = np.asarray(values, dtype=float)
    n_periods = values.shape[1]
    if not 0 < start_index < n_periods:
        raise ValueError("start_index must leave points both before and after the start")
    terms, design = batch_design(n_periods, start_index, slope_change, seasonality, season)
    lags = default_maxlags(n_periods) if maxlags is None else int(maxlags)
    coefficients, std_errors, n_obs, cov = ols_hac_batch(
        values, design, maxlags=lags, use_correction=use_correction, covariance=covariance,
        chunk_size=chunk_size,
    )  # fmt: skip
    warnings = checks.segment_length_warnings(start_index, n_periods - start_index)
    unfit = int(np.isnan(coefficients[:, 0]).sum())
    if unfit:
        warnings.append(f"{unfit} series had too few observed points to fit.")
    reading = (
        f"Fitted {values.shape[0] - unfit:,} of {values.shape[0]:,} series of "
        f"{n_periods} periods with Newey–West errors up to lag {lags}."
    )
    caveats = ["Each series is assumed to share the time axis and start given."]
    return BatchSegmentedResult(
        terms, coefficients, std_errors, n_obs, lags, use_correction, cov, reading, warnings,
        caveats,
    )  # fmt: skip


def batch_design(n_periods, start_index, slope_change=True, seasonality=None, season=None):
    """Term names and the shared design for periods 0..n-1 with the start at ``start_index``."""
    if isinstance(seasonality, str) or seasonality is None:
        seasonality = Seasonality.parse(seasonality)
    seasonal = None
    if seasonality is not None:
        if season is None:
            raise ValueError("seasonality needs the season (1..period) of each period")
        seasonal = seasonality.columns(np.asarray(season, dtype=float))
    time = np.arange(n_periods, dtype=float)
    return segmented_design(time, float(start_index), slope_change=slope_change, seasonal=seasonal)
