"""The batched NumPy segmented regression matches statsmodels to 1e-8 relative."""

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm

from joinedup.indicators.stats import (
    ols_hac_batch,
    segmented_regression,
    segmented_regression_batch,
)

RTOL = 1e-8


def many_series(n_series=40, n_periods=60, seed=11):
    rng = np.random.default_rng(seed)
    shocks = rng.normal(size=(n_series, n_periods))
    noise = np.zeros_like(shocks)
    for t in range(1, n_periods):
        noise[:, t] = 0.6 * noise[:, t - 1] + shocks[:, t]
    t = np.arange(n_periods)
    trend = rng.normal(100, 20, (n_series, 1)) + rng.normal(0, 1, (n_series, 1)) * t
    step = rng.normal(0, 5, (n_series, 1)) * (t >= 36)
    return trend + step + noise * rng.uniform(0.5, 5, (n_series, 1))


def handmade_design(n, start):
    t = np.arange(n, dtype=float)
    post = (t >= start).astype(float)
    return np.column_stack([np.ones(n), t, post, post * (t - start)])


def statsmodels_fit(y, design, maxlags, use_correction=False):
    return sm.OLS(y, design).fit(
        cov_type="HAC", cov_kwds={"maxlags": maxlags, "use_correction": use_correction}, use_t=True
    )


@pytest.mark.parametrize("maxlags", [0, 2, 3, 8])
@pytest.mark.parametrize("use_correction", [False, True])
def test_it_matches_statsmodels_hac_for_every_series(maxlags, use_correction):
    values = many_series()
    result = segmented_regression_batch(
        values, 36, maxlags=maxlags, use_correction=use_correction, covariance=True
    )
    design = handmade_design(60, 36)
    p_values = result.p_values()
    low, high = result.confidence_intervals(0.95)
    for i in range(values.shape[0]):
        fit = statsmodels_fit(values[i], design, maxlags, use_correction)
        np.testing.assert_allclose(result.coefficients[i], fit.params, rtol=RTOL)
        np.testing.assert_allclose(result.std_errors[i], fit.bse, rtol=RTOL)
        np.testing.assert_allclose(
            result.covariance[i],
            fit.cov_params(),
            rtol=1e-7,
            atol=1e-12 * np.abs(fit.cov_params()).max(),
        )
        np.testing.assert_allclose(p_values[i], fit.pvalues, rtol=1e-6, atol=1e-300)
        np.testing.assert_allclose(low[i], fit.conf_int()[:, 0], rtol=RTOL)
        np.testing.assert_allclose(high[i], fit.conf_int()[:, 1], rtol=RTOL)


def test_it_matches_statsmodels_with_month_dummies_and_fourier_terms():
    values = many_series(n_series=10)
    season = np.arange(60) % 12 + 1
    for seasonality, extra in (
        ("month", pd.get_dummies(season, drop_first=True, dtype=float).to_numpy()),
        (
            "fourier:2",
            np.column_stack(
                [f(2 * np.pi * k * season / 12) for k in (1, 2) for f in (np.sin, np.cos)]
            ),
        ),
    ):
        result = segmented_regression_batch(
            values, 36, seasonality=seasonality, season=season, maxlags=4
        )
        design = np.column_stack([handmade_design(60, 36), extra])
        for i in range(values.shape[0]):
            fit = statsmodels_fit(values[i], design, 4)
            np.testing.assert_allclose(result.coefficients[i], fit.params, rtol=RTOL)
            np.testing.assert_allclose(result.std_errors[i], fit.bse, rtol=RTOL)


def test_a_series_with_missing_values_is_fitted_on_its_observed_points():
    values = many_series(n_series=6)
    values[2, [3, 17, 50]] = np.nan
    values[4, :] = np.nan
    values[4, :3] = 1.0
    result = segmented_regression_batch(values, 36, maxlags=3)
    design = handmade_design(60, 36)
    seen = ~np.isnan(values[2])
    fit = statsmodels_fit(values[2, seen], design[seen], 3)
    np.testing.assert_allclose(result.coefficients[2], fit.params, rtol=RTOL)
    np.testing.assert_allclose(result.std_errors[2], fit.bse, rtol=RTOL)
    assert result.n_obs.tolist() == [60, 60, 57, 60, 3, 60]
    assert np.isnan(result.coefficients[4]).all()
    assert "1 series had too few observed points to fit." in result.warnings


def test_chunking_does_not_change_the_answer():
    values = many_series(n_series=25)
    whole = segmented_regression_batch(values, 36, chunk_size=1000)
    chunked = segmented_regression_batch(values, 36, chunk_size=7)
    # BLAS may sum in a different order for different block sizes: equal to rounding
    np.testing.assert_allclose(whole.coefficients, chunked.coefficients, rtol=1e-12)
    np.testing.assert_allclose(whole.std_errors, chunked.std_errors, rtol=1e-12)


def test_the_batch_and_the_single_series_function_agree():
    values = many_series(n_series=3)
    batch = segmented_regression_batch(values, 36)
    for i in range(3):
        frame = pd.DataFrame({"t": np.arange(60), "y": values[i]})
        single = segmented_regression(frame, time="t", value="y", start=36)
        assert batch.terms == [e.term for e in single.estimates]
        for mine, theirs in zip(batch.estimates(i), single.estimates, strict=True):
            assert mine.estimate == pytest.approx(theirs.estimate, rel=RTOL)
            assert mine.std_error == pytest.approx(theirs.std_error, rel=RTOL)
            assert mine.p_value == pytest.approx(theirs.p_value, rel=1e-6)


def test_the_shared_kernel_takes_any_design():
    values = many_series(n_series=4)
    design = np.column_stack([np.ones(60), np.arange(60.0), np.arange(60.0) ** 2 / 60])
    coefficients, errors, n_obs, cov = ols_hac_batch(values, design, maxlags=5)
    fit = statsmodels_fit(values[1], design, 5)
    np.testing.assert_allclose(coefficients[1], fit.params, rtol=RTOL)
    np.testing.assert_allclose(errors[1], fit.bse, rtol=RTOL)
    assert cov is None and n_obs.tolist() == [60] * 4
    with pytest.raises(ValueError):
        ols_hac_batch(values[:, :10], design, maxlags=5)


def test_the_batch_result_tabulates_and_serialises():
    result = segmented_regression_batch(many_series(n_series=2, n_periods=20), 10)
    table = result.to_frame()
    assert list(table.columns) == [
        "series",
        "term",
        "estimate",
        "std_error",
        "ci_low",
        "ci_high",
        "p_value",
    ]
    assert len(table) == 8
    data = result.to_dict()
    assert data["terms"] == ["intercept", "time", "level_change", "slope_change"]
    assert data["series"][1][2]["term"] == "level_change"
    assert result.warnings == []
    assert "Fitted 2 of 2 series of 20 periods" in result.reading


def test_it_warns_with_too_few_points_on_either_side_and_rejects_a_bad_start():
    values = many_series(n_series=2, n_periods=20)
    assert any("Only 5 points after" in w for w in segmented_regression_batch(values, 15).warnings)
    with pytest.raises(ValueError):
        segmented_regression_batch(values, 0)
    with pytest.raises(ValueError):
        segmented_regression_batch(values, 10, seasonality="month")
