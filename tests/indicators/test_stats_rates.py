"""Proportions, rates and funnel limits against statsmodels, SciPy and hand calculation."""

import numpy as np
import pandas as pd
import pytest
from scipy import stats as scipy_stats
from statsmodels.stats.proportion import proportion_confint
from statsmodels.stats.rates import confint_poisson

from joinedup.indicators.stats import (
    byar_interval,
    exact_poisson_interval,
    funnel_plot,
    proportion,
    rate,
    wilson_interval,
)

RTOL = 1e-10


@pytest.mark.parametrize("confidence", [0.9, 0.95, 0.998])
def test_wilson_matches_statsmodels(confidence):
    counts = np.array([0, 1, 7, 50, 99, 100])
    low, high = wilson_interval(counts, 100, confidence)
    for i, count in enumerate(counts):
        expected = proportion_confint(count, 100, alpha=1 - confidence, method="wilson")
        assert low[i] == pytest.approx(expected[0], rel=RTOL, abs=1e-15)
        assert high[i] == pytest.approx(expected[1], rel=RTOL)


@pytest.mark.parametrize("count", [0, 1, 4, 10, 57, 1200])
def test_the_exact_poisson_interval_is_the_chi_squared_interval(count):
    low, high = exact_poisson_interval(count, 0.95)
    expected_low = scipy_stats.chi2.ppf(0.025, 2 * count) / 2 if count else 0.0
    assert low == pytest.approx(expected_low, rel=RTOL)
    assert high == pytest.approx(scipy_stats.chi2.ppf(0.975, 2 * count + 2) / 2, rel=RTOL)
    if count:
        sm_low, sm_high = confint_poisson(count, 1, method="exact-c")
        assert (low, high) == (pytest.approx(sm_low, rel=RTOL), pytest.approx(sm_high, rel=RTOL))


def test_exact_and_byar_intervals_for_ten_events_by_hand():
    # exact: chi2(0.025; 20)/2 = 4.7954, chi2(0.975; 22)/2 = 18.3904
    low, high = exact_poisson_interval(10)
    assert (float(low), float(high)) == (
        pytest.approx(4.7954, abs=1e-4),
        pytest.approx(18.3904, abs=1e-4),
    )
    # Byar: 10 (1 - 1/90 - 1.96/(3√10))³ = 4.7874 and 11 (1 - 1/99 + 1.96/(3√11))³ = 18.3915
    low, high = byar_interval(10)
    assert (float(low), float(high)) == (
        pytest.approx(4.7874, abs=1e-4),
        pytest.approx(18.3915, abs=1e-4),
    )
    assert byar_interval(0)[0] == 0.0


def test_a_rate_per_100000_with_its_interval():
    result = rate(57, 250_000)
    low, high = exact_poisson_interval(57)
    assert result.value == pytest.approx(22.8)
    assert result.ci_low == pytest.approx(low / 250_000 * 1e5)
    assert result.ci_high == pytest.approx(high / 250_000 * 1e5)
    assert result.reading.startswith("22.8 per 100,000 (95% CI")
    assert result.warnings == []
    byar = rate(57, 250_000, method="byar")
    assert byar.ci_low == pytest.approx(result.ci_low, rel=0.01)
    assert rate(4, 1000).warnings  # fewer than 10 events
    with pytest.raises(ValueError):
        rate(5, 1000, method="normal")
    with pytest.raises(ValueError):
        rate(5, 0)


def test_a_proportion_as_a_percentage_with_the_wilson_interval():
    result = proportion(7, 20)
    assert result.value == pytest.approx(35.0)
    assert result.ci_low == pytest.approx(18.119182, abs=1e-6)
    assert result.ci_high == pytest.approx(56.714572, abs=1e-6)
    assert result.to_dict()["method"] == "wilson"
    with pytest.raises(ValueError):
        proportion(21, 20)


def areas():
    return pd.DataFrame(
        {
            "area": ["Own", "A", "B", "C", "D", "E"],
            "events": [60, 30, 25, 90, 10, 28],
            "population": [100_000, 100_000, 90_000, 110_000, 50_000, 95_000],
        }
    )


def test_funnel_limits_for_rates_are_exact_poisson_around_the_expected_count():
    result = funnel_plot(
        areas(), area="area", count="events", denominator="population", own_area="Own"
    )
    target = 243 / 545_000
    assert result.target == pytest.approx(target * 1e5)
    own = result.points[0]
    expected = target * 100_000
    assert own.upper_99_8 == pytest.approx(
        scipy_stats.chi2.ppf(0.999, 2 * expected + 2) / 2 / 100_000 * 1e5
    )
    assert own.lower_95 == pytest.approx(scipy_stats.chi2.ppf(0.025, 2 * expected) / 2)
    # expected 44.59 events at 100,000: 95% limits 32.47 to 59.74 events, 99.8% to 69.33
    assert own.position == "above_95" and own.own_area
    # D: expected 22.29 at 50,000, 99.8% lower limit 10.49 events, and 10 were seen
    assert [p.position for p in result.points][1:] == [
        "below_95",
        "below_95",
        "above_99_8",
        "below_99_8",
        "below_95",
    ]
    assert "Own (60) is between the 95% and 99.8% upper limits" in result.reading
    assert len(result.curve) == 100


def test_funnel_limits_for_proportions_use_the_normal_approximation():
    data = pd.DataFrame(
        {"area": list("abcde"), "yes": [30, 45, 20, 33, 12], "asked": [100, 100, 100, 100, 100]}
    )
    result = funnel_plot(
        data, area="area", count="yes", denominator="asked", kind="proportion", target=0.3
    )
    half_95 = scipy_stats.norm.ppf(0.975) * np.sqrt(0.3 * 0.7 / 100)
    point = result.points[0]
    assert point.lower_95 == pytest.approx((0.3 - half_95) * 100)
    assert point.upper_95 == pytest.approx((0.3 + half_95) * 100)
    assert [p.position for p in result.points] == [
        "within",
        "above_99_8",
        "below_95",
        "within",
        "below_99_8",
    ]
    assert result.warnings == []
    assert (
        "is not in the data"
        in funnel_plot(
            data, area="area", count="yes", denominator="asked", kind="proportion", own_area="z"
        ).reading
    )
