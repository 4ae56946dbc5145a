"""XmR charts against worked examples whose limits and flags are computed by hand."""

import numpy as np
import pandas as pd
import pytest

from joinedup.indicators.stats import (
    InsufficientData,
    ProcessLimits,
    assurance_status,
    process_limits,
    xmr_chart,
)
from joinedup.indicators.stats.spc import shift_points, trend_points

# Example A: twelve points, no signal.
# mean = 76 / 12 = 6.333333; moving ranges 2,1,2,2,1,2,1,2,1,2,1 sum to 17 over 11,
# so mR-bar = 1.545455 and the limits are 6.333333 ± 2.66 × 1.545455 = 2.222424 and 10.444242.
EXAMPLE_A = [5, 7, 6, 8, 6, 5, 7, 6, 8, 7, 5, 6]


def chart(values, **options):
    frame = pd.DataFrame({"month": np.arange(1, len(values) + 1), "value": values})
    return xmr_chart(frame, time="month", value="value", **options)


def flagged(result, rule):
    return [i for i, point in enumerate(result.points) if getattr(point, rule)]


def test_it_computes_limits_from_the_mean_moving_range():
    result = chart(EXAMPLE_A)
    segment = result.segments[0]
    assert segment.mean == pytest.approx(6.333333, abs=1e-6)
    assert segment.mean_moving_range == pytest.approx(1.545455, abs=1e-6)
    assert segment.lower_limit == pytest.approx(2.222424, abs=1e-6)
    assert segment.upper_limit == pytest.approx(10.444242, abs=1e-6)
    assert [p.moving_range for p in result.points[:3]] == [None, 2, 1]


def test_it_finds_common_cause_variation_when_no_rule_is_broken():
    result = chart(EXAMPLE_A, direction="higher")
    assert not any(p.special_cause for p in result.points)
    assert result.variation == "common_cause"
    assert "common cause" in result.reading
    assert result.warnings == []


def test_it_flags_a_point_beyond_a_limit():
    # mean 138/12 = 11.5; moving ranges ten 4s and |30 - 8| = 22: mR-bar 62/11 = 5.636364;
    # upper limit 11.5 + 2.66 × 5.636364 = 26.492727, which 30 exceeds.
    result = chart([8, 12, 8, 12, 8, 12, 8, 12, 8, 12, 8, 30], direction="lower")
    assert result.segments[0].upper_limit == pytest.approx(26.492727, abs=1e-6)
    assert result.segments[0].lower_limit == pytest.approx(-3.492727, abs=1e-6)
    assert flagged(result, "beyond_limit") == [11]
    assert flagged(result, "special_cause") == [11]
    assert result.variation == "special_cause_concern"


def test_it_calls_a_high_point_an_improvement_when_higher_is_better():
    result = chart([8, 12, 8, 12, 8, 12, 8, 12, 8, 12, 8, 30], direction="higher")
    assert result.variation == "special_cause_improvement"
    assert chart([8, 12, 8, 12, 8, 12, 8, 12, 8, 12, 8, 30]).variation == "special_cause_neither"


def test_it_can_screen_out_large_moving_ranges():
    # 22 > 3.267 × 5.636364 = 18.414, so it is dropped and mR-bar becomes 4:
    # limits 11.5 ± 10.64 = 0.86 and 22.14.
    result = chart([8, 12, 8, 12, 8, 12, 8, 12, 8, 12, 8, 30], screen_moving_ranges=True)
    assert result.segments[0].mean_moving_range == pytest.approx(4.0)
    assert result.segments[0].lower_limit == pytest.approx(0.86)
    assert result.segments[0].upper_limit == pytest.approx(22.14)


def test_it_flags_a_shift_of_seven_or_more_points_on_one_side_of_the_mean():
    # mean 188.5/15 = 12.566667; the 14 at index 7 and the seven values of 13 or 13.5
    # after it are all above the mean: a run of 8. Limits 6.486667 to 18.646667.
    values = [10, 14, 10, 14, 10, 14, 10, 14, 13, 13.5, 13, 13.5, 13, 13.5, 13]
    result = chart(values)
    assert result.segments[0].mean == pytest.approx(12.566667, abs=1e-6)
    assert result.segments[0].upper_limit == pytest.approx(18.646667, abs=1e-6)
    assert flagged(result, "shift") == list(range(7, 15))
    assert flagged(result, "beyond_limit") == flagged(result, "trend") == []


def test_the_shift_length_is_configurable():
    values = [10, 14, 10, 14, 10, 14, 10, 14, 13, 13.5, 13, 13.5, 13, 13.5, 13]
    assert flagged(chart(values, shift_length=9), "shift") == []
    assert flagged(chart(values, shift_length=8), "shift") == list(range(7, 15))


def test_a_point_on_the_mean_breaks_a_run():
    assert shift_points(np.array([2, 2, 2, 1, 2, 2, 2]), 1.0, 7).tolist() == [False] * 7
    assert shift_points(np.array([2, 2, 2, 3, 2, 2, 2]), 1.0, 7).tolist() == [True] * 7


def test_it_flags_a_trend_of_six_rising_points():
    # 9, 10, 11, 12, 13, 14 at indices 3-8 rise five times in a row: six points.
    # mean 139/12 = 11.583333, mR-bar 33/11 = 3, limits 3.603333 to 19.563333.
    values = [14, 9, 14, 9, 10, 11, 12, 13, 14, 10, 14, 9]
    result = chart(values, direction="higher")
    assert result.segments[0].lower_limit == pytest.approx(3.603333, abs=1e-6)
    assert flagged(result, "trend") == [3, 4, 5, 6, 7, 8]
    assert flagged(result, "special_cause") == [3, 4, 5, 6, 7, 8]
    # a rising trend where higher is better is an improvement, even below the mean
    assert {result.points[i].variation for i in range(3, 9)} == {"special_cause_improvement"}
    assert result.variation == "common_cause"  # the latest point is not part of it
    assert flagged(chart(values, trend_length=7), "trend") == []


def test_equal_neighbours_break_a_trend():
    flags, _ = trend_points(np.array([14, 9, 14, 9, 10, 11, 11, 13, 14, 10]), 6)
    assert not flags.any()
    flags, direction = trend_points(np.array([9, 8, 7, 6, 5, 4, 9]), 6)
    assert flags.tolist() == [True] * 6 + [False]
    assert direction[:6].tolist() == [-1] * 6


def test_it_flags_two_of_three_points_beyond_two_sigma():
    # 18 points alternating 10, 12 then 17, 11, 17: mean 243/21 = 11.571429,
    # moving ranges 17 × 2 + 5 + 6 + 6 = 51 over 20: mR-bar 2.55. Two sigma is
    # (2/3) × 2.66 × 2.55 = 4.522 above the mean: 16.093429. Both 17s lie beyond it
    # and inside the upper limit 18.354429.
    result = chart([10, 12] * 9 + [17, 11, 17], direction="lower")
    assert result.segments[0].upper_limit == pytest.approx(18.354429, abs=1e-6)
    assert flagged(result, "two_of_three") == [18, 20]
    assert flagged(result, "beyond_limit") == []
    assert result.variation == "special_cause_concern"


def test_it_recalculates_limits_from_a_change_point():
    values = EXAMPLE_A + [v + 10 for v in EXAMPLE_A]
    result = chart(values, recalculate_from=[13])
    first, second = result.segments
    assert (first.start, second.start) == ("1", "13")
    assert second.mean == pytest.approx(16.333333, abs=1e-6)
    assert second.mean_moving_range == pytest.approx(1.545455, abs=1e-6)
    assert second.lower_limit == pytest.approx(12.222424, abs=1e-6)
    assert result.points[12].moving_range is None  # never spans the change point
    assert not any(p.special_cause for p in result.points)
    # without recalculation the step shows as a shift
    assert flagged(chart(values), "shift") == list(range(24))


def test_it_can_fix_limits_from_baseline_points():
    values = EXAMPLE_A + [v + 10 for v in EXAMPLE_A]
    result = chart(values, baseline_points=12)
    assert result.segments[0].upper_limit == pytest.approx(10.444242, abs=1e-6)
    assert result.segments[0].n_points_for_limits == 12
    assert flagged(result, "beyond_limit") == list(range(12, 24))


def test_assurance_compares_the_target_with_the_limits():
    limits = ProcessLimits(6.333333, 1.545455, 2.222424, 10.444242)
    assert assurance_status(limits, 2.0, "higher") == "consistently_pass"
    assert assurance_status(limits, 11.0, "higher") == "consistently_fail"
    assert assurance_status(limits, 6.0, "higher") == "hit_and_miss"
    assert assurance_status(limits, 11.0, "lower") == "consistently_pass"
    assert assurance_status(limits, 2.0, "lower") == "consistently_fail"
    assert assurance_status(limits, 6.0, None) is None


def test_the_chart_reports_assurance_against_the_latest_limits():
    result = chart(EXAMPLE_A, direction="higher", target=11)
    assert result.assurance == "consistently_fail"
    assert "consistently miss the target of 11" in result.reading


def test_it_warns_when_limits_rest_on_fewer_than_twelve_points():
    result = chart(EXAMPLE_A[:11])
    assert len(result.warnings) == 1
    assert "11 points" in result.warnings[0]


def test_it_drops_missing_values_and_warns_when_many_are_missing():
    values = [5, np.nan, 6, np.nan, 6, np.nan, 7, np.nan, 8, 7, 5, 6, 5, 7, 6]  # 4 of 15
    result = chart(values)
    assert len(result.points) == 11
    assert any("missing" in w for w in result.warnings)


def test_it_warns_about_a_flagged_change_of_definition():
    result = chart(EXAMPLE_A, definition_changes=[6])
    assert any("definition changed at 6" in w for w in result.warnings)
    assert not any("definition" in w for w in chart(EXAMPLE_A, definition_changes=[40]).warnings)


def test_it_reads_dates_and_sorts_them():
    frame = pd.DataFrame(
        {
            "period": pd.date_range("2023-01-01", periods=12, freq="MS").strftime("%Y-%m-%d")[::-1],
            "value": EXAMPLE_A[::-1],
        }
    )
    result = xmr_chart(frame, time="period", value="value")
    assert result.points[0].time == "2023-01-01"
    assert result.points[0].value == 5


def test_it_refuses_a_single_point_and_a_bad_direction():
    with pytest.raises(InsufficientData):
        chart([5])
    with pytest.raises(ValueError):
        chart(EXAMPLE_A, direction="up")
    with pytest.raises(InsufficientData):
        process_limits([1.0])


def test_the_result_converts_to_json_values():
    data = chart([8, 12, 8, 12, 8, 12, 8, 12, 8, 12, 8, 30], direction="lower").to_dict()
    assert data["variation"] == "special_cause_concern"
    assert data["points"][11]["beyond_limit"] is True
    assert data["points"][0]["moving_range"] is None
    assert isinstance(data["caveats"], list) and data["caveats"]
