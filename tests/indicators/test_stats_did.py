"""Difference in differences: Card & Krueger, California's Proposition 99, and parity.

Card & Krueger (1994, AER) fast-food FTE data (UChicago-pol-methods/SOSC13200-W23);
Proposition 99 cigarette sales (synth-inference/synthdid; Arkhangelsky et al. 2021
report the DiD estimate as -27.3). See tests/data/public/SOURCES.md.
"""


import numpy as np
import pandas as pd
import pytest
import statsmodels.formula.api as smf

from joinedup.indicators.stats import (
    InsufficientData,
    difference_in_differences,
    two_way_fixed_effects,
)
from tests.public_data import PUBLIC

RTOL = 1e-8


def card_krueger():
    return pd.read_csv(PUBLIC / "card_krueger_fte.csv")


def prop99():
    return pd.read_csv(PUBLIC / "california_prop99.csv", sep=";")


def test_it_reproduces_card_and_krueger():
    result = difference_in_differences(
        card_krueger(), value="fte", treated="nj", post="d", unit="id"
    )
    assert result.estimate.estimate == pytest.approx(2.75, abs=0.01)
    means = {(m.group, m.period): m.mean for m in result.means}
    # Card and Krueger (1994), Table 3, row 1: NJ 20.44 -> 21.03, PA 23.33 -> 21.17
    assert means["treated", "before"] == pytest.approx(20.44, abs=0.005)
    assert means["treated", "after"] == pytest.approx(21.03, abs=0.005)
    assert means["comparison", "before"] == pytest.approx(23.33, abs=0.005)
    assert means["comparison", "after"] == pytest.approx(21.17, abs=0.005)
    assert result.means_difference == pytest.approx(result.estimate.estimate, rel=1e-10)
    assert result.n_obs == 794 and result.n_clusters == 410


def test_the_two_by_two_matches_statsmodels_clustered_and_hc1_errors():
    data = card_krueger().dropna(subset=["fte"])
    for unit in ("id", None):
        result = difference_in_differences(data, value="fte", treated="nj", post="d", unit=unit)
        model = smf.ols("fte ~ nj + d + nj:d", data)
        fit = (
            model.fit(cov_type="cluster", cov_kwds={"groups": data["id"]}, use_t=True)
            if unit
            else model.fit(cov_type="HC1", use_t=True)
        )
        np.testing.assert_allclose([e.estimate for e in result.estimates], fit.params, rtol=RTOL)
        np.testing.assert_allclose([e.std_error for e in result.estimates], fit.bse, rtol=RTOL)
        np.testing.assert_allclose([e.p_value for e in result.estimates], fit.pvalues, rtol=1e-6)
        np.testing.assert_allclose(
            [e.ci_high for e in result.estimates], fit.conf_int()[1], rtol=RTOL
        )


def test_the_two_by_two_says_parallel_trends_cannot_be_checked():
    result = difference_in_differences(card_krueger(), value="fte", treated="nj", post="d")
    assert result.pre_trend is None
    assert any("parallel trends cannot be checked" in w for w in result.warnings)
    assert result.reading.startswith("After the start the treated group changed by 2.75 more")


def test_it_reproduces_the_proposition_99_difference_in_differences():
    result = two_way_fixed_effects(
        prop99(),
        value="PacksPerCapita",
        area="State",
        time="Year",
        treated_areas=["California"],
        start=1989,
    )
    assert result.estimate.estimate == pytest.approx(-27.3, abs=0.1)
    # a balanced panel: the fixed-effects estimate equals the difference of the four means
    assert result.means_difference == pytest.approx(result.estimate.estimate, rel=1e-9)
    assert result.n_clusters == 39


def test_two_way_fixed_effects_match_statsmodels_clustered_by_area():
    data = prop99()
    result = two_way_fixed_effects(
        data,
        value="PacksPerCapita",
        area="State",
        time="Year",
        treated_areas=["California"],
        start=1989,
    )
    data = data.assign(d=((data["State"] == "California") & (data["Year"] >= 1989)) * 1.0)
    fit = smf.ols("PacksPerCapita ~ d + C(State) + C(Year)", data).fit(
        cov_type="cluster", cov_kwds={"groups": pd.factorize(data["State"])[0]}, use_t=True
    )
    assert result.estimate.estimate == pytest.approx(fit.params["d"], rel=RTOL)
    assert result.estimate.std_error == pytest.approx(fit.bse["d"], rel=RTOL)
    assert result.estimate.p_value == pytest.approx(fit.pvalues["d"], rel=1e-6, abs=1e-300)


def test_it_checks_for_a_differential_pre_trend():
    data = prop99()
    result = two_way_fixed_effects(
        data,
        value="PacksPerCapita",
        area="State",
        time="Year",
        treated_areas=["California"],
        start=1989,
    )
    pre = data[data["Year"] < 1989].assign(
        trend=lambda f: (f["State"] == "California") * (f["Year"] - 1970.0)
    )
    fit = smf.ols("PacksPerCapita ~ trend + C(State) + C(Year)", pre).fit(
        cov_type="cluster", cov_kwds={"groups": pd.factorize(pre["State"])[0]}, use_t=True
    )
    assert result.pre_trend.term == "treated_trend"
    assert result.pre_trend.estimate == pytest.approx(fit.params["trend"], rel=RTOL)
    assert result.pre_trend.std_error == pytest.approx(fit.bse["trend"], rel=RTOL)
    # California's sales were already falling faster than other states' before 1989
    assert result.pre_trend.estimate < 0 and result.pre_trend.p_value < 0.05
    assert any("parallel-trends assumption is doubtful" in w for w in result.warnings)
    assert any("Only one area is treated" in w for w in result.warnings)


def parallel_panel(n_areas=12, n_years=10, effect=-4.0, seed=5):
    rng = np.random.default_rng(seed)
    rows = []
    for a in range(n_areas):
        level = rng.normal(50, 5)
        for year in range(2010, 2010 + n_years):
            treated = a < 4 and year >= 2016
            rows.append(
                {
                    "area": f"area {a}",
                    "year": year,
                    "value": level + 0.8 * (year - 2010) + effect * treated + rng.normal(0, 0.5),
                }
            )
    return pd.DataFrame(rows)


def test_with_parallel_trends_it_recovers_the_effect_without_a_pre_trend_warning():
    result = two_way_fixed_effects(
        parallel_panel(),
        value="value",
        area="area",
        time="year",
        treated_areas=["area 0", "area 1", "area 2", "area 3"],
        start=2016,
    )
    assert result.estimate.ci_low < -4 < result.estimate.ci_high
    assert result.pre_trend.p_value > 0.05
    assert result.warnings == []
    assert "no clear evidence against parallel trends" in result.reading


def test_it_needs_both_groups_in_both_periods_and_known_areas():
    data = parallel_panel()
    with pytest.raises(KeyError):
        two_way_fixed_effects(
            data, value="value", area="area", time="year", treated_areas=["nowhere"], start=2016
        )
    with pytest.raises(InsufficientData):
        two_way_fixed_effects(
            data, value="value", area="area", time="year", treated_areas=["area 0"], start=2030
        )
    with pytest.raises(ValueError):
        difference_in_differences(card_krueger().assign(nj=2), value="fte", treated="nj", post="d")


def test_the_result_is_json_ready():
    data = two_way_fixed_effects(
        parallel_panel(),
        value="value",
        area="area",
        time="year",
        treated_areas=["area 0"],
        start=2016,
    ).to_dict()
    assert data["estimate"]["term"] == "treated_post"
    assert data["pre_trend"]["term"] == "treated_trend"
    assert len(data["means"]) == 4


def test_the_panel_offers_conventional_and_hc1_errors_as_statsmodels():
    data = prop99()
    data = data.assign(d=((data["State"] == "California") & (data["Year"] >= 1989)) * 1.0)
    model = smf.ols("PacksPerCapita ~ d + C(State) + C(Year)", data)
    for errors, fit in (("conventional", model.fit()), ("hc1", model.fit(cov_type="HC1"))):
        result = two_way_fixed_effects(
            data, value="PacksPerCapita", area="State", time="Year",
            treated_areas=["California"], start=1989, errors=errors,
        )  # fmt: skip
        assert result.estimate.std_error == pytest.approx(fit.bse["d"], rel=RTOL)
        assert result.n_clusters is None and result.settings["errors"] == errors


def test_a_balanced_panel_keeps_only_areas_seen_in_every_period():
    data = parallel_panel()
    gappy = data.drop(data[(data["area"] == "area 7") & (data["year"] == 2012)].index)
    options = dict(value="value", area="area", time="year", treated_areas=["area 0", "area 1",
                   "area 2", "area 3"], start=2016)  # fmt: skip
    balanced = two_way_fixed_effects(gappy, balanced=True, **options)
    assert balanced.settings["areas_dropped_for_balance"] == ["area 7"]
    assert balanced.n_obs == 110 and balanced.n_clusters == 11
    expected = two_way_fixed_effects(data[data["area"] != "area 7"], **options)
    assert balanced.estimate.estimate == pytest.approx(expected.estimate.estimate, rel=RTOL)
    assert two_way_fixed_effects(gappy, **options).n_obs == 119


def test_the_two_by_two_balanced_sample_and_refusals():
    result = difference_in_differences(
        card_krueger(), value="fte", treated="nj", post="d", unit="id", balanced=True
    )
    assert result.n_obs == 768 and result.settings["units_dropped_for_balance"] == 26
    with pytest.raises(ValueError, match="needs the unit"):
        difference_in_differences(card_krueger(), value="fte", treated="nj", post="d",
                                  balanced=True)  # fmt: skip
    with pytest.raises(ValueError, match="HAC errors need a single time series"):
        difference_in_differences(card_krueger(), value="fte", treated="nj", post="d",
                                  errors="hac")  # fmt: skip


@pytest.mark.parametrize("errors", ["cluster", "hc1", "conventional"])
@pytest.mark.parametrize("unbalanced", [False, True])
def test_fixed_effects_swept_out_give_what_the_dummies_give(monkeypatch, errors, unbalanced):
    """A big panel (hundreds of areas over hundreds of days) sweeps the area and period
    effects out instead of building their dummies: the same estimates and errors, here
    on Proposition 99's panel with the threshold lowered so that it takes that path."""
    from joinedup.indicators.stats import did

    data = prop99()
    if unbalanced:
        data = data.drop(index=data.index[::7]).reset_index(drop=True)
    monkeypatch.setattr(did, "MOST_DUMMY_CELLS", 0)
    result = two_way_fixed_effects(data, value="PacksPerCapita", area="State", time="Year",
                                   treated_areas=["California"], start=1989, errors=errors)
    data = data.assign(d=((data["State"] == "California") & (data["Year"] >= 1989)) * 1.0)
    kinds = {"cluster": ("cluster", {"groups": pd.factorize(data["State"])[0]}), "hc1": ("HC1", {}),
             "conventional": ("nonrobust", {})}
    cov_type, cov_kwds = kinds[errors]
    fit = smf.ols("PacksPerCapita ~ d + C(State) + C(Year)", data).fit(cov_type=cov_type, cov_kwds=cov_kwds,
                                                                        use_t=True)
    assert result.estimate.estimate == pytest.approx(fit.params["d"], rel=RTOL)
    assert result.estimate.std_error == pytest.approx(fit.bse["d"], rel=1e-7)
    assert result.estimate.p_value == pytest.approx(fit.pvalues["d"], rel=1e-6, abs=1e-300)
