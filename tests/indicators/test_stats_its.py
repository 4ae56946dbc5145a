"""Segmented regression: parity with statsmodels, and the Sicily smoking-ban tutorial.

Sicily data: Lopez Bernal, Cummins & Gasparrini (2017), "Interrupted time series
regression for the evaluation of public health interventions: a tutorial",
Int J Epidemiol 46:348-355; data from gasparrini/2017_lopezbernal_IJE_codedata
(see tests/data/public/SOURCES.md).
"""


import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm

from joinedup.indicators.stats import (
    InsufficientData,
    segmented_poisson,
    segmented_regression,
)
from tests.public_data import PUBLIC

RTOL = 1e-8


def sicily():
    return pd.read_csv(PUBLIC / "sicily_acute_coronary_events.csv")


def synthetic(n=48, start=24, seed=3):
    """A monthly series with a level drop and slope change at ``start`` and AR(1) noise."""
    rng = np.random.default_rng(seed)
    noise = np.zeros(n)
    for i in range(1, n):
        noise[i] = 0.5 * noise[i - 1] + rng.normal()
    t = np.arange(n)
    post = t >= start
    season = 3 * np.sin(2 * np.pi * (t % 12) / 12)
    y = 50 + 0.4 * t - 6 * post - 0.3 * np.where(post, t - start, 0) + season + noise
    dates = pd.date_range("2019-01-01", periods=n, freq="MS").strftime("%Y-%m-%d")
    return pd.DataFrame({"month": dates, "index": t + 1, "value": y})


def handmade_design(n, start):
    t = np.arange(n, dtype=float)
    post = (t >= start).astype(float)
    return np.column_stack([np.ones(n), t, post, post * (t - start)])


def assert_matches(result, fit):
    params = np.array([e.estimate for e in result.estimates])
    errors = np.array([e.std_error for e in result.estimates])
    np.testing.assert_allclose(params, fit.params, rtol=RTOL)
    np.testing.assert_allclose(errors, fit.bse, rtol=RTOL)
    np.testing.assert_allclose(
        [e.p_value for e in result.estimates], fit.pvalues, rtol=1e-6, atol=1e-300
    )
    np.testing.assert_allclose(
        [e.ci_low for e in result.estimates], fit.conf_int()[:, 0], rtol=RTOL
    )


@pytest.mark.parametrize("maxlags", [0, 1, 3, 6])
@pytest.mark.parametrize("use_correction", [False, True])
def test_it_matches_statsmodels_ols_with_newey_west_errors(maxlags, use_correction):
    frame = synthetic()
    result = segmented_regression(
        frame, time="index", value="value", start=25, maxlags=maxlags, use_correction=use_correction
    )
    fit = sm.OLS(frame["value"].to_numpy(), handmade_design(48, 24)).fit(
        cov_type="HAC", cov_kwds={"maxlags": maxlags, "use_correction": use_correction}, use_t=True
    )
    assert [e.term for e in result.estimates] == [
        "intercept",
        "time",
        "level_change",
        "slope_change",
    ]
    assert_matches(result, fit)
    assert result.settings["maxlags"] == maxlags


def test_it_uses_the_newey_west_rule_of_thumb_for_lags_by_default():
    result = segmented_regression(synthetic(), time="index", value="value", start=25)
    assert result.settings["maxlags"] == 3  # floor(4 × 0.48^(2/9)) = floor(3.40)


def test_month_dummies_from_dates_match_statsmodels():
    frame = synthetic()
    result = segmented_regression(
        frame, time="month", value="value", start="2021-01-01", seasonality="month", maxlags=2
    )
    months = pd.to_datetime(frame["month"]).dt.month
    dummies = pd.get_dummies(months, drop_first=True, dtype=float).to_numpy()
    design = np.column_stack([handmade_design(48, 24), dummies])
    fit = sm.OLS(frame["value"].to_numpy(), design).fit(
        cov_type="HAC", cov_kwds={"maxlags": 2}, use_t=True
    )
    assert_matches(result, fit)
    assert result.estimates[4].term == "month_2"
    assert result.start == "2021-01-01"


def test_fourier_terms_match_statsmodels():
    frame = synthetic().assign(calendar_month=lambda f: (np.arange(48) % 12) + 1)
    result = segmented_regression(
        frame,
        time="index",
        value="value",
        start=25,
        seasonality="fourier:2",
        season="calendar_month",
        maxlags=3,
    )
    m = frame["calendar_month"].to_numpy()
    harmonics = [f(2 * np.pi * k * m / 12) for k in (1, 2) for f in (np.sin, np.cos)]
    design = np.column_stack([handmade_design(48, 24), *harmonics])
    fit = sm.OLS(frame["value"].to_numpy(), design).fit(
        cov_type="HAC", cov_kwds={"maxlags": 3}, use_t=True
    )
    assert_matches(result, fit)


def test_the_counterfactual_is_the_fit_without_the_intervention_terms():
    result = segmented_regression(synthetic(), time="index", value="value", start=25)
    b = {e.term: e.estimate for e in result.estimates}
    last = result.series[-1]
    assert last.counterfactual == pytest.approx(b["intercept"] + b["time"] * 47)
    assert last.fitted - last.counterfactual == pytest.approx(
        b["level_change"] + b["slope_change"] * 23
    )
    assert result.effect_at_end.estimate == pytest.approx(last.fitted - last.counterfactual)
    first = result.series[0]
    assert first.fitted == pytest.approx(first.counterfactual)


def test_it_recovers_a_known_change_and_reads_it_plainly():
    frame = synthetic().assign(position_in_year=np.arange(48) % 12)
    result = segmented_regression(
        frame,
        time="index",
        value="value",
        start=25,
        seasonality="fourier:1",
        season="position_in_year",
    )
    level = result.estimate("level_change")
    assert level.ci_low < -6 < level.ci_high
    assert result.reading.startswith("From 25 the level changed by")
    assert result.n_before == 24 and result.n_after == 24 and result.warnings == []


def test_it_warns_with_fewer_than_eight_points_after_the_start():
    result = segmented_regression(synthetic(n=30), time="index", value="value", start=25)
    assert result.n_after == 6
    assert any("Only 6 points after" in w for w in result.warnings)
    assert "caution" in result.reading


def test_it_warns_when_many_values_are_missing_and_fits_the_rest():
    frame = synthetic()
    frame.loc[::4, "value"] = np.nan
    result = segmented_regression(frame, time="index", value="value", start=25, maxlags=2)
    assert result.n_missing == 12
    assert any("missing" in w for w in result.warnings)
    rows = frame["value"].notna().to_numpy()
    fit = sm.OLS(frame["value"].to_numpy()[rows], handmade_design(48, 24)[rows]).fit(
        cov_type="HAC", cov_kwds={"maxlags": 2}, use_t=True
    )
    assert_matches(result, fit)
    assert result.series[0].observed is None


def test_it_warns_about_a_change_of_definition():
    result = segmented_regression(
        synthetic(),
        time="month",
        value="value",
        start="2021-01-01",
        definition_changes=["2020-04-01"],
    )
    assert any("definition changed at 2020-04-01" in w for w in result.warnings)


def test_it_refuses_data_it_cannot_fit():
    with pytest.raises(InsufficientData):
        segmented_regression(synthetic(), time="index", value="value", start=100)
    with pytest.raises(InsufficientData):
        segmented_regression(synthetic(), time="index", value="value", start=1)
    with pytest.raises(ValueError, match="more than one row"):
        segmented_regression(
            pd.concat([synthetic(), synthetic()]), time="index", value="value", start=25
        )
    with pytest.raises(KeyError):
        segmented_regression(synthetic(), time="index", value="nope", start=25)


def test_it_says_why_a_design_cannot_be_estimated():
    with pytest.raises(InsufficientData, match="only 1 observed point before the start"):
        segmented_regression(synthetic(), time="index", value="value", start=2)
    with pytest.raises(InsufficientData, match="a change in trend needs at least 2"):
        segmented_regression(synthetic(), time="index", value="value", start=48)
    # a change in level alone can be fitted from one point after the start
    result = segmented_regression(
        synthetic(), time="index", value="value", start=48, slope_change=False
    )
    assert np.isfinite(result.estimate("level_change").std_error)


@pytest.mark.parametrize("errors", ["conventional", "hc1"])
def test_it_offers_conventional_and_hc1_errors_as_statsmodels(errors):
    data = synthetic()
    result = segmented_regression(data, time="index", value="value", start=25, errors=errors)
    model = sm.OLS(data["value"].to_numpy(), handmade_design(48, 24))
    fit = model.fit() if errors == "conventional" else model.fit(cov_type="HC1", use_t=True)
    assert_matches(result, fit)
    assert result.settings["errors"] == errors and result.settings["maxlags"] is None
    with pytest.raises(ValueError, match="clustered errors need several units"):
        segmented_regression(data, time="index", value="value", start=25, errors="cluster")


def test_a_trend_ratio_of_one_is_said_as_no_change_in_trend():
    result = segmented_poisson(
        sicily(), time="time", value="aces", start=37, population="stdpop"
    )
    assert "no change in trend (a factor of 1.0004 per period" in result.reading
    assert "by a factor of 1 " not in result.reading


def test_month_seasonality_needs_dates_or_a_season_column():
    with pytest.raises(ValueError, match="seasonality needs dates"):
        segmented_regression(
            synthetic(), time="index", value="value", start=25, seasonality="month"
        )


def test_financial_years_are_read_as_their_first_year():
    frame = pd.DataFrame(
        {
            "year": [f"{y}/{(y + 1) % 100:02d}" for y in range(2005, 2025)],
            "value": np.r_[np.arange(10.0), np.arange(10.0) + 5] + 0.1 * np.cos(np.arange(20)),
        }
    )
    result = segmented_regression(frame, time="year", value="value", start="2015/16", maxlags=1)
    assert result.start == "2015/16"
    assert result.estimate("level_change").estimate == pytest.approx(-5, abs=0.3)


def test_quarterly_dates_count_in_quarters():
    frame = pd.DataFrame(
        {
            "quarter": pd.date_range("2015-01-01", periods=24, freq="QS").strftime("%Y-%m-%d"),
            "value": np.arange(24.0) * 2,
        }
    )
    frame.loc[20:, "value"] += 0  # a pure trend of 2 a quarter
    result = segmented_regression(
        frame.drop(index=[5]), time="quarter", value="value", start="2019-01-01", maxlags=1
    )
    assert result.estimate("time").estimate == pytest.approx(2)  # the gap stays a gap


# Poisson and quasi-Poisson --------------------------------------------------------------


def test_poisson_matches_statsmodels_glm_with_a_population_offset():
    data = sicily()
    for overdispersion in (False, True):
        result = segmented_poisson(
            data,
            time="time",
            value="aces",
            start=37,
            population="stdpop",
            overdispersion=overdispersion,
        )
        design = handmade_design(59, 36)
        fit = sm.GLM(
            data["aces"].to_numpy(),
            design,
            family=sm.families.Poisson(),
            offset=np.log(data["stdpop"].to_numpy()),
        ).fit(scale="X2" if overdispersion else None)
        np.testing.assert_allclose([e.estimate for e in result.estimates], fit.params, rtol=RTOL)
        np.testing.assert_allclose([e.std_error for e in result.estimates], fit.bse, rtol=RTOL)
        np.testing.assert_allclose(
            [e.ratio_ci_low for e in result.estimates], np.exp(fit.conf_int()[:, 0]), rtol=RTOL
        )


def test_it_reproduces_the_sicily_quasi_poisson_level_change():
    # Tutorial model2: glm(aces ~ offset(log(stdpop)) + smokban + time, quasipoisson):
    # rate ratio 0.894 (95% CI 0.839 to 0.953).
    result = segmented_poisson(
        sicily(), time="time", value="aces", start=37, population="stdpop", slope_change=False
    )
    level = result.estimate("level_change")
    assert level.ratio == pytest.approx(0.894, abs=0.0015)
    assert level.ratio_ci_low == pytest.approx(0.839, abs=0.0015)
    assert level.ratio_ci_high == pytest.approx(0.953, abs=0.0015)
    assert result.settings["dispersion"] == pytest.approx(3.559, abs=0.001)
    assert "a fall of about 11%" in result.reading


def test_it_reproduces_the_sicily_seasonally_adjusted_level_change():
    # Tutorial model3 adds harmonic(month, 2, 12): rate ratio 0.885 (95% CI 0.839 to 0.933).
    result = segmented_poisson(
        sicily(),
        time="time",
        value="aces",
        start=37,
        population="stdpop",
        slope_change=False,
        seasonality="fourier:2",
        season="month",
    )
    level = result.estimate("level_change")
    assert level.ratio == pytest.approx(0.885, abs=0.0015)
    assert level.ratio_ci_low == pytest.approx(0.839, abs=0.0015)
    assert level.ratio_ci_high == pytest.approx(0.933, abs=0.0015)


def test_the_poisson_series_is_in_rates_per_100000():
    data = sicily()
    result = segmented_poisson(
        data, time="time", value="aces", start=37, population="stdpop", slope_change=False
    )
    assert result.series[0].observed == pytest.approx(728 / 379875.3 * 1e5)
    assert result.series[-1].counterfactual > result.series[-1].fitted
    assert result.series[0].fitted == pytest.approx(result.series[0].counterfactual)


def test_a_log_offset_column_gives_the_same_model_as_a_population():
    data = sicily().assign(log_pop=lambda f: np.log(f["stdpop"]))
    by_population = segmented_poisson(
        data, time="time", value="aces", start=37, population="stdpop"
    )
    by_offset = segmented_poisson(data, time="time", value="aces", start=37, offset="log_pop")
    assert by_offset.estimates == by_population.estimates
    with pytest.raises(ValueError):
        segmented_poisson(
            data, time="time", value="aces", start=37, offset="log_pop", population="stdpop"
        )


def test_the_result_is_json_ready():
    data = segmented_poisson(
        sicily(), time="time", value="aces", start=37, population="stdpop"
    ).to_dict()
    level = next(e for e in data["estimates"] if e["term"] == "level_change")
    assert set(level) >= {"estimate", "std_error", "ci_low", "ci_high", "p_value", "ratio"}
    ols = segmented_regression(synthetic(), time="index", value="value", start=25).to_dict()
    assert "ratio" not in ols["estimates"][0]
    assert ols["series"][0]["time"] == "1"
