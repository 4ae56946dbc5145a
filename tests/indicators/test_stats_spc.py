"""XmR charts against NHSRplotthedots' published numbers and hand-worked examples.

The package's numbers come from its tests/testthat snapshots and its
"Deviations from Excel defaults" vignette (github.com/nhs-r-community/NHSRplotthedots,
MIT licence, version 0.2.0).
"""

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
from joinedup.indicators.stats.spc import (
    shift_points,
    trend_directions,
    trend_points,
    two_of_three_points,
)

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
    assert result.points[0].special_cause_type == "Common Cause"
    assert result.points[0].rule is None


def test_it_flags_a_point_beyond_a_limit():
    # mean 138/12 = 11.5; moving ranges ten 4s and |30 - 8| = 22: mR-bar 62/11 = 5.636364;
    # upper limit 11.5 + 2.66 × 5.636364 = 26.492727, which 30 exceeds.
    result = chart(
        [8, 12, 8, 12, 8, 12, 8, 12, 8, 12, 8, 30], direction="lower", screen_moving_ranges=False
    )
    assert result.segments[0].upper_limit == pytest.approx(26.492727, abs=1e-6)
    assert result.segments[0].lower_limit == pytest.approx(-3.492727, abs=1e-6)
    assert flagged(result, "outside_limits") == [11]
    assert flagged(result, "special_cause") == [11]
    assert result.variation == "special_cause_concern"


def test_it_calls_a_high_point_an_improvement_when_higher_is_better():
    result = chart([8, 12, 8, 12, 8, 12, 8, 12, 8, 12, 8, 30], direction="higher")
    assert result.variation == "special_cause_improvement"
    neutral = chart([8, 12, 8, 12, 8, 12, 8, 12, 8, 12, 8, 30])
    assert neutral.variation == "special_cause_neutral_high"
    assert chart([12, 8] * 5 + [12, -10]).variation == "special_cause_neutral_low"
    assert chart([12, 8] * 5 + [12, -10], direction="neutral").variation == "special_cause_neutral_low"


def test_it_screens_out_large_moving_ranges_by_default():
    # 22 > 3.267 × 5.636364 = 18.414, so it is dropped and mR-bar becomes 4:
    # limits 11.5 ± 10.64 = 0.86 and 22.14.
    result = chart([8, 12, 8, 12, 8, 12, 8, 12, 8, 12, 8, 30])
    assert result.segments[0].moving_ranges_screened_out == 1
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
    assert flagged(result, "outside_limits") == flagged(result, "trend") == []


def test_the_shift_length_is_configurable():
    values = [10, 14, 10, 14, 10, 14, 10, 14, 13, 13.5, 13, 13.5, 13, 13.5, 13]
    assert flagged(chart(values, shift_length=9), "shift") == []
    assert flagged(chart(values, shift_length=8), "shift") == list(range(7, 15))


def test_a_point_on_the_mean_breaks_a_run():
    assert shift_points(np.array([1, 1, 1, 0, 1, 1, 1]), 7).tolist() == [False] * 7
    assert shift_points(np.array([1, 1, 1, 1, 1, 1, 1]), 7).tolist() == [True] * 7
    # ptd_seven_point_one_side_mean's cases: six on one side are not a shift
    assert shift_points(np.ones(6), 7).tolist() == [False] * 6
    assert shift_points(np.array([1] * 6 + [-1]), 7).tolist() == [False] * 7
    assert shift_points(np.array([-1] * 8 + [1]), 7).tolist() == [True] * 8 + [False]


def test_it_flags_a_trend_of_seven_rising_points():
    # 8, 9, 10, 11, 12, 13, 14 at indices 3-9 rise six times in a row: seven points.
    values = [14, 9, 14, 8, 9, 10, 11, 12, 13, 14, 10, 14, 9]
    result = chart(values, direction="higher")
    assert flagged(result, "trend") == [3, 4, 5, 6, 7, 8, 9]
    assert flagged(result, "special_cause") == [3, 4, 5, 6, 7, 8, 9]
    # a rising trend where higher is better is an improvement, even below the mean
    assert {result.points[i].variation for i in range(3, 10)} == {"special_cause_improvement"}
    assert result.points[3].special_cause_type == "7 Point Trend (Increasing)"
    assert result.variation == "common_cause"  # the latest point is not part of it
    # six rising points are not a trend by the package's rule
    assert flagged(chart(values[:3] + values[4:], direction="higher"), "trend") == []
    assert flagged(chart(values, trend_length=8), "trend") == []


def test_trends_as_the_package_tests_them():
    # ptd_seven_point_trend's cases in NHSRplotthedots' tests/testthat
    assert trend_points(np.arange(1, 7), 7).tolist() == [False] * 6
    assert trend_points(np.array([1, 2, 3, 3, 4, 5, 6]), 7).tolist() == [False] * 7
    assert trend_points(np.arange(1, 8), 7).tolist() == [True] * 7
    assert trend_points(np.array([2, 1, 2, 3, 4, 5, 6, 7, 3]), 7).tolist() == [False] + [True] * 7 + [False]
    assert trend_points(np.array([2, 7, 6, 5, 4, 3, 2, 1, 3]), 7).tolist() == [False] + [True] * 7 + [False]


def test_a_point_shared_by_two_trends_takes_the_direction_of_the_step_after_it():
    # the package reads a trend point followed by another trend point from the
    # step to its right: the peak of up-then-down is "decreasing", and so is the
    # end of a rise followed by a flat step into a fall
    values = np.array([1, 2, 3, 4, 5, 6, 7, 7, 6, 5, 4, 3, 2, 1])
    trend = trend_points(values, 7)
    assert trend.all()
    assert trend_directions(values, trend).tolist() == [1] * 6 + [-1] * 8


def test_it_flags_two_of_three_points_close_to_a_limit():
    # 18 points alternating 10, 12 then 17, 12, 17: mean 244/21 = 11.619048,
    # moving ranges 17 × 2 + 5 × 3 = 49 over 20: mR-bar 2.45. Two sigma is
    # (2/3) × 2.66 × 2.45 = 4.344667 above the mean: 15.963714. Both 17s lie beyond it
    # and inside the upper limit 18.136048; all three points are above the mean.
    result = chart([10, 12] * 9 + [17, 12, 17], direction="lower")
    assert result.segments[0].upper_limit == pytest.approx(18.136048, abs=1e-6)
    assert flagged(result, "two_of_three") == [18, 20]
    assert flagged(result, "close_to_limits") == [18, 20]
    assert flagged(result, "outside_limits") == []
    assert result.variation == "special_cause_concern"
    assert result.points[-1].special_cause_type == "2 in 3 Above CL"
    # with 11 (below the mean 11.571429) between the 17s the three are not on one side
    assert flagged(chart([10, 12] * 9 + [17, 11, 17]), "two_of_three") == []


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
    assert flagged(result, "outside_limits") == list(range(12, 24))


def test_assurance_compares_the_target_with_the_limits():
    limits = ProcessLimits(6.333333, 1.545455, 2.222424, 10.444242)
    assert assurance_status(limits, 2.0, "higher") == "consistent_pass"
    assert assurance_status(limits, 11.0, "higher") == "consistent_fail"
    assert assurance_status(limits, 6.0, "higher") == "inconsistent"
    assert assurance_status(limits, 11.0, "lower") == "consistent_pass"
    assert assurance_status(limits, 2.0, "lower") == "consistent_fail"
    assert assurance_status(limits, 6.0, None) is None
    # the package's own cases (test-ptd_calculate_assurance_type.R): target 4 against
    # limits 1-3, 5-7 and 1-5
    cases = [ProcessLimits(2, 0, 1, 3), ProcessLimits(6, 0, 5, 7), ProcessLimits(4, 0, 1, 5)]
    assert [assurance_status(c, 4, "higher") for c in cases] == [
        "consistent_fail", "consistent_pass", "inconsistent"]
    assert [assurance_status(c, 4, "lower") for c in cases] == [
        "consistent_pass", "consistent_fail", "inconsistent"]
    assert [assurance_status(c, 4, "neutral") for c in cases] == [None] * 3


def test_the_chart_reports_assurance_against_the_latest_limits():
    result = chart(EXAMPLE_A, direction="higher", target=11)
    assert result.assurance == "consistent_fail"
    assert result.segments[-1].assurance == "consistent_fail"
    assert "consistently miss the target of 11" in result.reading


def test_it_warns_of_trial_limits_below_thirteen_points_as_the_package():
    result = chart(EXAMPLE_A)
    assert result.segments[0].trial_limits is True
    assert len(result.warnings) == 1
    assert "12 points" in result.warnings[0]
    assert chart(EXAMPLE_A + [6]).segments[0].trial_limits is False
    assert chart(EXAMPLE_A + [6]).warnings == []


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
    assert data["points"][11]["outside_limits"] is True
    assert data["points"][0]["moving_range"] is None
    assert isinstance(data["caveats"], list) and data["caveats"]


def test_it_refuses_duplicate_periods():
    frame = pd.DataFrame({"month": [1, 2, 2, 3, 4], "value": [5, 6, 7, 6, 5]})
    with pytest.raises(ValueError, match="more than one row for 2;"):
        xmr_chart(frame, time="month", value="value")


# NHSRplotthedots' published numbers ------------------------------------------------------

# set.seed(123); rnorm(20) in R, the series of the package's ptd_spc and
# ptd_spc_standard tests (dates 2020-01-02 onwards); its snapshots print the
# first values to eight decimals.
RNORM_123 = [
    -0.56047565, -0.23017749, 1.55870831, 0.07050839, 0.12928774, 1.71506499, 0.46091621,
    -1.26506123, -0.68685285, -0.44566197, 1.22408180, 0.35981383, 0.40077145, 0.11068272,
    -0.55584113, 1.78691314, 0.49785048, -1.96661716, 0.70135590, -0.47279141,
]  # fmt: skip


def dated(values, **options):
    days = pd.date_range("2020-01-02", periods=len(values), freq="D").strftime("%Y-%m-%d")
    return xmr_chart(pd.DataFrame({"x": days, "y": values}), time="x", value="y", **options)


def test_it_gives_the_limits_of_the_package_snapshot():
    # _snaps/ptd_spc_standard.md, r1: mean_col 0.1416238, lpl -3.01138, upl 3.294627
    result = dated(RNORM_123, direction="higher")
    segment = result.segments[0]
    assert segment.mean == pytest.approx(0.1416238, abs=1e-7)
    assert segment.lower_limit == pytest.approx(-3.01138, abs=1e-5)
    assert segment.upper_limit == pytest.approx(3.294627, abs=1e-6)
    # _snaps/ptd_spc.md summary: n 20, common_cause 20, no improvement, no concern
    assert (segment.n_points, segment.common_cause) == (20, 20)
    assert (segment.special_cause_improvement, segment.special_cause_concern) == (0, 0)
    assert segment.variation == "common_cause"
    # relative_to_mean as the snapshot prints it
    assert [p.relative_to_mean for p in result.points[:14]] == [
        -1, -1, 1, -1, -1, 1, 1, -1, -1, -1, 1, 1, 1, -1]
    assert not any(p.close_to_limits or p.outside_limits for p in result.points[:8])
    # -1.966 (18th) is beyond the lower two-sigma line, -1.9604, but alone
    assert [i for i, p in enumerate(result.points) if p.close_to_limits] == [17]


def test_it_screens_moving_ranges_as_the_package_snapshot():
    # _snaps/ptd_spc_standard.md r2 (y[15] = 10, screened): 0.6694159, -2.383666, 3.722497;
    # r3 (screen_outliers = FALSE): -4.596625, 5.935457
    values = list(RNORM_123)
    values[14] = 10
    screened = dated(values).segments[0]
    assert screened.mean == pytest.approx(0.6694159, abs=1e-7)
    assert screened.lower_limit == pytest.approx(-2.383666, abs=1e-6)
    assert screened.upper_limit == pytest.approx(3.722497, abs=1e-6)
    excel = dated(values, screen_moving_ranges=False).segments[0]
    assert excel.lower_limit == pytest.approx(-4.596625, abs=1e-6)
    assert excel.upper_limit == pytest.approx(5.935457, abs=1e-6)
    assert dated(values).points[6].relative_to_mean == -1  # as r2's seventh value


def test_recalculation_gives_the_package_facets_limits():
    # _snaps/ptd_spc.md, the series cut in two facets of 10: 0.0746 (-2.60 to 2.75)
    # and 0.209 (-3.28 to 3.70); a rebase at the eleventh date gives the same segments
    result = dated(RNORM_123, recalculate_from=["2020-01-12"])
    first, second = result.segments
    assert (round(first.mean, 4), round(first.lower_limit, 2), round(first.upper_limit, 2)) == (
        0.0746, -2.60, 2.75)
    assert (round(second.mean, 3), round(second.lower_limit, 2), round(second.upper_limit, 2)) == (
        0.209, -3.28, 3.70)
    assert (first.n_points, second.n_points) == (10, 10)
    assert first.assurance is None


def test_it_reproduces_the_deviations_vignette():
    # "Deviations from Excel defaults": 1, 2, 1, 2, 10, 1, 2, ... from 2021-03-22. The
    # package default gives UPL 4.6, mean 1.94, LPL -0.72; screen_outliers = FALSE (the
    # Making Data Count Excel tool) UPL 6.95, LPL -3.06. Both show one special cause
    # improvement point (the 10) among common cause points.
    values = [1, 2, 1, 2, 10, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1]
    for screen, limits in ((True, (4.6, 1.94, -0.72)), (False, (6.95, 1.94, -3.06))):
        result = dated(values, screen_moving_ranges=screen)
        segment = result.segments[0]
        assert (round(segment.upper_limit, 2), round(segment.mean, 2),
                round(segment.lower_limit, 2)) == limits  # fmt: skip
        kinds = [p.variation for p in dated(values, direction="higher").points]
        assert kinds.count("special_cause_improvement") == 1 and kinds[4] == "special_cause_improvement"


def test_two_close_points_on_opposite_sides_are_common_cause():
    # the package's test "it only reports special cause for 2of3 points close to
    # limits when they are on the same side of the mean"
    values = [1, -1] * 8
    values[14], values[15] = 5.5, -5.5
    result = chart(values, direction="higher")
    assert [p.variation for p in result.points[-2:]] == ["common_cause", "common_cause"]


def test_two_of_three_as_the_package_tests_it():
    # ptd_two_in_three / ptd_part_of_two_in_three cases: (close, side) -> flagged
    same = np.ones(7, dtype=int)
    assert two_of_three_points([1, 0, 1], [1, 1, 1]).tolist() == [True, False, True]
    assert two_of_three_points([0, 0, 1, 0, 1, 0, 0], same).tolist() == [
        False, False, True, False, True, False, False]
    assert two_of_three_points([1, 0, 0, 1], [1, 1, 1, 1]).tolist() == [False] * 4
    assert two_of_three_points([1, 0, 0, 1, 1], [1] * 5).tolist() == [False, False, False, True, True]
    assert two_of_three_points([1, 0, 1], [1, -1, 1]).tolist() == [False] * 3
    assert two_of_three_points([0, 0, 1, 1, 0, 0, 0], [-1, 1] * 3 + [-1]).tolist() == [False] * 7


def test_a_point_outside_the_limits_does_not_count_towards_two_of_three():
    # limits fixed from 10, 12, ... (mean 11, mR-bar 2): UPL 16.32, two-sigma line
    # 14.5467. 15 is close to the limit; 17 is outside it, so 15, 17, 12 is one close
    # point, not two.
    result = chart([10, 12] * 6 + [15, 17, 12, 10], baseline_points=12)
    assert flagged(result, "two_of_three") == []
    assert [p.special_cause_type for p in result.points[12:14]] == ["Common Cause", "Above UCL"]


def test_a_point_caught_by_several_rules_is_named_by_the_package_precedence():
    # limits fixed from 10, 12, ... (mean 11, UPL 16.32, two-sigma line 14.5467); every
    # point from index 11 is above the mean (a shift); 15 at 12 and 14 are two of three;
    # 12.5 to 14.5 at 15-21 rise seven times (a trend).
    values = [10, 12] * 6 + [15, 12, 15, 12.5, 13, 13.5, 14, 14.2, 14.4, 14.5]
    result = chart(values, baseline_points=12, direction="lower")
    assert flagged(result, "shift") == list(range(11, 22))
    assert flagged(result, "two_of_three") == [12, 14]
    assert flagged(result, "trend") == list(range(15, 22))
    rules = [p.rule for p in result.points[11:]]
    assert rules == ["shift", "two_of_three", "shift", "two_of_three"] + ["trend"] * 7
    assert result.points[12].special_cause_type == "2 in 3 Above CL"
    assert result.points[13].special_cause_type == "7 Points Above CL"
    assert result.points[15].special_cause_type == "7 Point Trend (Increasing)"
    assert {p.variation for p in result.points[11:]} == {"special_cause_concern"}
    # outside the limits comes before a trend: a rise ending beyond the upper limit
    rising = chart([10, 12] * 6 + [11.2, 11.6, 12.0, 12.4, 12.8, 13.2, 19])
    assert [p.rule for p in rising.points[12:]] == ["trend"] * 6 + ["outside_limits"]
    assert rising.points[-1].special_cause_type == "Above UCL"
    assert rising.points[12].variation == "special_cause_neutral_high"  # below the mean


def test_each_segment_counts_its_points_by_variation():
    values = [10, 12] * 6 + [15, 12, 15, 12.5, 13, 13.5, 14, 14.2, 14.4, 14.5]
    segment = chart(values, baseline_points=12, direction="higher").segments[0]
    assert (segment.n_points, segment.n_points_for_limits) == (22, 12)
    assert (segment.common_cause, segment.special_cause_improvement) == (11, 11)
    assert segment.special_cause_concern == 0
    assert segment.variation == "special_cause_improvement"
    neutral = chart(values, baseline_points=12).segments[0]
    assert (neutral.special_cause_neutral_high, neutral.special_cause_neutral_low) == (11, 0)


def test_moving_ranges_never_span_a_missing_value():
    # as the package, where a missing value makes both its moving ranges missing:
    # 5, 7, -, 9, 8 has ranges 2 and 1 only (mean 1.5), mean 29/4 = 7.25
    result = chart([5, 7, np.nan, 9, 8, 7, 6, 7, 6, 7, 6, 7, 6, 7])
    assert result.points[2].moving_range is None
    assert result.points[3].moving_range == 1
