"""Multi-group interrupted time series: parity with statsmodels panel errors."""


import numpy as np
import pandas as pd
import pytest
import statsmodels.formula.api as smf

from joinedup.indicators.stats import multi_group_its
from tests.public_data import PUBLIC

RTOL = 1e-8
TERMS = [
    "intercept",
    "time",
    "level_change",
    "slope_change",
    "treated",
    "treated_time",
    "treated_level_change",
    "treated_slope_change",
]
FORMULA = (
    "y ~ time + level_change + slope_change + treated + treated:time"
    " + treated:level_change + treated:slope_change"
)


def panel(n_areas=5, n_periods=40, start=24, seed=2, level_gap=-5.0, slope_gap=-0.25):
    """Monthly series for areas; area 0 is treated and drops at ``start``."""
    rng = np.random.default_rng(seed)
    common = np.zeros(n_periods)
    for i in range(1, n_periods):
        common[i] = 0.5 * common[i - 1] + rng.normal()
    rows = []
    for a in range(n_areas):
        base = rng.normal(100, 10)
        for t in range(n_periods):
            post = t >= start
            y = base + 0.5 * t + 2 * post + 0.1 * post * (t - start) + common[t]
            if a == 0:
                y += level_gap * post + slope_gap * post * (t - start)
            rows.append({"area": f"area {a}", "month": t + 1, "value": y + rng.normal(0, 1)})
    return pd.DataFrame(rows)


def statsmodels_frame(data, start=25):
    data = data.sort_values(["area", "month"]).reset_index(drop=True)
    post = (data["month"] >= start).astype(float)
    return data.assign(
        y=data["value"],
        time=data["month"] - 1.0,
        level_change=post,
        slope_change=post * (data["month"] - start),
        treated=(data["area"] == "area 0").astype(float),
    )


@pytest.mark.parametrize("errors", ["driscoll-kraay", "hac-panel", "cluster"])
def test_it_matches_statsmodels_panel_errors(errors):
    data = panel()
    result = multi_group_its(
        data,
        time="month",
        value="value",
        area="area",
        treated_areas=["area 0"],
        start=25,
        errors=errors,
        maxlags=3,
    )
    frame = statsmodels_frame(data)
    model = smf.ols(FORMULA, frame)
    time_codes = (frame["month"] - 1).to_numpy()
    area_codes = pd.factorize(frame["area"])[0]
    cov_type, cov_kwds = {
        "driscoll-kraay": (
            "hac-groupsum",
            {"time": time_codes, "maxlags": 3, "use_correction": False},
        ),
        "hac-panel": ("hac-panel", {"groups": area_codes, "maxlags": 3, "use_correction": "hac"}),
        "cluster": ("cluster", {"groups": area_codes}),
    }[errors]
    fit = model.fit(cov_type=cov_type, cov_kwds=cov_kwds)
    assert [e.term for e in result.estimates] == TERMS
    np.testing.assert_allclose([e.estimate for e in result.estimates], fit.params, rtol=RTOL)
    np.testing.assert_allclose([e.std_error for e in result.estimates], fit.bse, rtol=RTOL)
    expected_df = {"driscoll-kraay": 39, "hac-panel": 200 - 8, "cluster": 4}[errors]
    assert result.settings["degrees_of_freedom"] == expected_df


def test_it_recovers_the_differences_in_level_and_slope_change():
    result = multi_group_its(
        panel(seed=4), time="month", value="value", area="area", treated_areas=["area 0"], start=25
    )
    level, slope = result.level_difference, result.slope_difference
    assert level.ci_low < -5 < level.ci_high
    assert slope.ci_low < -0.25 < slope.ci_high
    assert result.pre_trend_difference.term == "treated_time"
    assert result.start == "25" and result.n_areas == 5 and result.n_treated == 1
    assert result.n_periods_before == 24 and result.n_periods_after == 16
    assert "relative to the comparator areas' change" in result.reading


def test_the_treated_counterfactual_follows_the_comparators_change():
    result = multi_group_its(
        panel(), time="month", value="value", area="area", treated_areas=["area 0"], start=25
    )
    b = {e.term: e.estimate for e in result.estimates}
    last = result.series[-1]
    assert last.time == "40"
    assert last.treated_fitted - last.treated_counterfactual == pytest.approx(
        b["treated_level_change"] + b["treated_slope_change"] * 15
    )
    first = result.series[0]
    assert first.treated_fitted == pytest.approx(first.treated_counterfactual)
    assert first.comparison_observed == pytest.approx(
        panel().query("month == 1 and area != 'area 0'")["value"].mean()
    )


def test_it_warns_when_pre_trends_differ_and_when_clustering_over_few_areas():
    data = panel()
    data.loc[data["area"] == "area 0", "value"] += 0.5 * data["month"]
    result = multi_group_its(
        data,
        time="month",
        value="value",
        area="area",
        treated_areas=["area 0"],
        start=25,
        errors="cluster",
    )
    assert any("trends differed" in w for w in result.warnings)
    assert any("only 5 areas" in w for w in result.warnings)


def test_it_adjusts_for_month_seasonality_from_dates():
    data = panel()
    data["date"] = [f"{2018 + (m - 1) // 12}-{(m - 1) % 12 + 1:02d}-01" for m in data["month"]]
    result = multi_group_its(
        data,
        time="date",
        value="value",
        area="area",
        treated_areas=["area 0"],
        start="2020-01-01",
        seasonality="month",
    )
    assert [e.term for e in result.estimates][-11:] == [f"month_{m}" for m in range(2, 13)]
    assert result.start == "2020-01-01"


def test_it_works_on_real_comparator_data():
    data = pd.read_csv(PUBLIC / "trafford_themes_admissions_care_homes_65p.csv")
    result = multi_group_its(
        data,
        time="period",
        value="value",
        area="area_name",
        treated_areas=["Trafford"],
        start="2019/20",
        maxlags=1,
    )
    assert result.start == "2019/20"
    assert any("Only 5 points before" in w for w in result.warnings)
    assert result.to_dict()["level_difference"]["term"] == "treated_level_change"


def test_it_needs_comparators_and_a_known_error_type():
    data = panel(n_areas=2)
    with pytest.raises(ValueError):
        multi_group_its(
            data,
            time="month",
            value="value",
            area="area",
            treated_areas=["area 0", "area 1"],
            start=25,
        )
    with pytest.raises(ValueError):
        multi_group_its(
            data,
            time="month",
            value="value",
            area="area",
            treated_areas=["area 0"],
            start=25,
            errors="robust",
        )
