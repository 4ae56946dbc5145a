"""Benchmark: segmented regression with Newey–West errors for many indicator series.

Fits 50,000 series of 60 monthly points (start at month 36) three ways, in one run:

1. statsmodels ``OLS(y, X).fit(cov_type="HAC")`` in a Python loop — timed on a
   sample (500 series by default) and scaled to all series;
2. the app's batch function, ``joinedup.indicators.stats.segmented_regression_batch``
   (the code the app uses to analyse many indicators at once);
3. a bare NumPy batched solve written here (normal equations, scores, lagged
   cross-products, sandwich), as the floor for what NumPy can do.

It checks the app's coefficients and standard errors against statsmodels on
the sample (1e-8 relative), prints the three times and the two ratios, and
exits with status 1 if a target is missed: app ≥ 50× faster than the
statsmodels loop, and within 2× of the bare NumPy solve.

    uv run python bench/its_batch.py [--series 50000] [--points 60] [--sample 500]
"""

from __future__ import annotations

import argparse
import sys
import time

import numpy as np
import statsmodels.api as sm

from joinedup.indicators.stats import default_maxlags, segmented_regression_batch

SPEED_UP_TARGET = 50.0
BARE_RATIO_TARGET = 2.0
RTOL = 1e-8


def make_series(n_series: int, n_points: int, start: int, seed: int) -> np.ndarray:
    """Trends with a step at ``start`` and AR(1) noise, one row per series."""
    rng = np.random.default_rng(seed)
    t = np.arange(n_points)
    noise = rng.normal(size=(n_series, n_points))
    for i in range(1, n_points):
        noise[:, i] += 0.5 * noise[:, i - 1]
    level = rng.normal(100, 20, (n_series, 1))
    slope = rng.normal(0, 1, (n_series, 1))
    step = rng.normal(-3, 3, (n_series, 1)) * (t >= start)
    return level + slope * t + step + noise * rng.uniform(0.5, 5, (n_series, 1))


def design_matrix(n_points: int, start: int) -> np.ndarray:
    """Intercept, time, level change and slope change (0 at the first post-start point)."""
    t = np.arange(n_points, dtype=float)
    post = (t >= start).astype(float)
    return np.column_stack([np.ones(n_points), t, post, post * (t - start)])


def statsmodels_loop(values: np.ndarray, design: np.ndarray, maxlags: int):
    """One statsmodels fit per series, as a per-indicator loop would do it."""
    params = np.empty((values.shape[0], design.shape[1]))
    errors = np.empty_like(params)
    for i, y in enumerate(values):
        fit = sm.OLS(y, design).fit(cov_type="HAC", cov_kwds={"maxlags": maxlags}, use_t=True)
        params[i], errors[i] = fit.params, fit.bse
    return params, errors


def bare_numpy(values: np.ndarray, design: np.ndarray, maxlags: int):
    """A plain batched solve: B = (X'X)⁻¹X'Y, S = Σ_l w_l (Γ_l + Γ_l'), V = H S H."""
    bread = np.linalg.inv(design.T @ design)
    params = values @ (design @ bread)
    resid = values - params @ design.T
    scores = resid[:, :, None] * design[None, :, :]
    scores_t = scores.transpose(0, 2, 1)
    meat = scores_t @ scores
    for lag in range(1, maxlags + 1):
        gamma = scores_t[:, :, lag:] @ scores[:, :-lag, :]
        meat += (1 - lag / (maxlags + 1)) * (gamma + gamma.transpose(0, 2, 1))
    cov = bread @ meat @ bread
    return params, np.sqrt(np.diagonal(cov, axis1=1, axis2=2))


def best_time(function, repeats: int) -> tuple[float, object]:
    """Fastest of ``repeats`` runs, and the last result."""
    best, result = np.inf, None
    for _ in range(repeats):
        began = time.perf_counter()
        result = function()
        best = min(best, time.perf_counter() - began)
    return best, result


def main(argv: list[str] | None = None) -> int:
    """Run the three fits, print times, ratios and parity; 1 if a target is missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--series", type=int, default=50_000)
    parser.add_argument("--points", type=int, default=60)
    parser.add_argument("--start", type=int, default=36)
    parser.add_argument("--sample", type=int, default=500)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--seed", type=int, default=20240601)
    args = parser.parse_args(argv)

    values = make_series(args.series, args.points, args.start, args.seed)
    design = design_matrix(args.points, args.start)
    maxlags = default_maxlags(args.points)
    sample = values[: args.sample]
    print(
        f"{args.series:,} series x {args.points} points, start at {args.start}, "
        f"Newey-West maxlags {maxlags} (Bartlett), {values.nbytes / 1e6:.0f} MB of data"
    )

    loop_sample, (sm_params, sm_errors) = best_time(
        lambda: statsmodels_loop(sample, design, maxlags), 1
    )
    loop_time = loop_sample * args.series / args.sample
    app_time, app = best_time(
        lambda: segmented_regression_batch(values, args.start, maxlags=maxlags), args.repeats
    )
    full_time, _ = best_time(
        lambda: segmented_regression_batch(values, args.start, maxlags=maxlags, covariance=True),
        args.repeats,
    )
    bare_time, (bare_params, bare_errors) = best_time(
        lambda: bare_numpy(values, design, maxlags), args.repeats
    )

    parity = {
        "app coefficients": _max_relative(app.coefficients[: args.sample], sm_params),
        "app standard errors": _max_relative(app.std_errors[: args.sample], sm_errors),
        "bare coefficients": _max_relative(bare_params[: args.sample], sm_params),
        "bare standard errors": _max_relative(bare_errors[: args.sample], sm_errors),
    }
    speed_up, bare_ratio = loop_time / app_time, app_time / bare_time
    print(
        f"statsmodels loop : {loop_time:9.3f} s  ({loop_sample:.3f} s for {args.sample} "
        f"series, scaled to {args.series:,})"
    )
    print(f"app batch        : {app_time:9.3f} s")
    print(f"bare NumPy solve : {bare_time:9.3f} s")
    print(f"(app batch with the full covariance matrices as well: {full_time:.3f} s)")
    print(f"app vs statsmodels loop : {speed_up:8.1f}x faster (target >= {SPEED_UP_TARGET:g}x)")
    print(
        f"app vs bare NumPy       : {bare_ratio:8.2f}x the time (target <= {BARE_RATIO_TARGET:g}x)"
    )
    for name, error in parity.items():
        print(f"max relative difference from statsmodels, {name}: {error:.2e}")
    passed = (
        speed_up >= SPEED_UP_TARGET
        and bare_ratio <= BARE_RATIO_TARGET
        and parity["app coefficients"] <= RTOL
        and parity["app standard errors"] <= RTOL
    )
    print("all targets met" if passed else "TARGET MISSED")
    return 0 if passed else 1


def _max_relative(actual: np.ndarray, expected: np.ndarray) -> float:
    return float(np.max(np.abs(actual - expected) / np.abs(expected)))


if __name__ == "__main__":
    sys.exit(main())
