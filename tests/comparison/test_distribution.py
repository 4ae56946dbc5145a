"""The distribution maths: quartiles match numpy.percentile's default
(linear, Hyndman and Fan type 7), and small groups are never compared."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from joinedup.comparison import distribution as d

COSTS = [24800.0, 18250.5, 31400.0, 12345.0, 41990.0, 27560.0]


def test_it_gives_quartiles_median_and_n_like_numpy():
    found = d.compare(24800.0, COSTS)
    q1, median, q3 = np.percentile(COSTS, [25, 50, 75], method="linear")
    assert (found.n, found.lower_quartile, found.median, found.upper_quartile) == (6, q1, median, q3)
    assert (q1, median, q3) == (19887.875, 26180.0, 30440.0)


@given(st.lists(st.floats(-1e9, 1e9, allow_nan=False), min_size=5, max_size=60))
def test_quartiles_match_numpy_for_any_values(values):
    found = d.compare(values[0], values)
    expected = np.percentile(values, [25, 50, 75], method="linear")
    assert np.allclose([found.lower_quartile, found.median, found.upper_quartile], expected, rtol=1e-9, atol=1e-6)
    assert found.n == len(values)


@pytest.mark.parametrize("n", [0, 1, 4])
def test_fewer_than_five_values_are_not_compared(n):
    assert d.compare(3.0, [3.0] * n) is None


def test_missing_values_do_not_count_towards_the_five():
    assert d.compare(3.0, [1.0, 2.0, 3.0, 4.0, None]) is None
    assert d.compare(None, [1.0, 2.0, 3.0, 4.0, 5.0]).position is None


def test_a_setting_can_raise_the_minimum_but_not_lower_it(settings):
    values = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0]
    settings.COMPARISON_MIN_GROUP = 3
    assert d.min_group() == 5
    assert d.compare(1.0, values[:4]) is None
    assert d.compare(1.0, values[:4], minimum=2) is None
    settings.COMPARISON_MIN_GROUP = 7
    assert d.min_group() == 7
    assert d.compare(1.0, values) is None
    assert d.compare(1.0, values + [7.0]).n == 7


@pytest.mark.parametrize("value, position", [
    (1.0, d.LOWEST_QUARTER),
    (2.0, d.BELOW_MEDIAN),  # on the lower quartile: inside the middle half
    (2.5, d.BELOW_MEDIAN),
    (3.0, d.AT_MEDIAN),
    (4.0, d.ABOVE_MEDIAN),
    (4.5, d.HIGHEST_QUARTER),
])
def test_it_says_where_a_value_sits(value, position):
    assert d.compare(value, [1.0, 2.0, 3.0, 4.0, 5.0]).position == position


def test_all_equal_values_sit_at_the_median():
    assert d.compare(3.5, [3.5] * 5).position == d.AT_MEDIAN


def test_the_position_shown_agrees_with_the_rounded_figures():
    from joinedup.comparison.figures import Measure, MeasureComparison
    from joinedup.comparison.presenters import _row

    found = d.compare(2.87, [2.5, 2.87, 2.95, 3.3, 3.6, 4.0])
    assert found.position == d.LOWEST_QUARTER  # 2.87 is below 2.89 ...
    row = _row(MeasureComparison(Measure("x", "Resources", "score", "themes"), found), 5)
    assert row["yours"] == "2.9" and row["range"].startswith("2.9 to")
    assert row["position"] == "In the middle half, below the median"  # ... but both show as 2.9
