"""Time axes, seasonality terms and JSON conversion shared by the statistics engine."""

import json
import math

import numpy as np
import pandas as pd
import pytest

from joinedup.indicators.stats import Estimate, Seasonality, default_maxlags
from joinedup.indicators.stats.results import describe_p, jsonable
from joinedup.indicators.stats.series import parse_start, parse_time, segmented_design


def test_numbers_are_used_as_they_are():
    axis = parse_time(pd.Series([1, 2, 5]))
    assert axis.values.tolist() == [1.0, 2.0, 5.0]
    assert axis.labels == ["1", "2", "5"] and axis.months is None


def test_monthly_dates_count_months_and_keep_gaps():
    axis = parse_time(pd.Series(["2020-01-01", "2020-02-01", "2020-05-01", "2021-01-01"]))
    assert axis.values.tolist() == [0.0, 1.0, 4.0, 12.0]
    assert axis.months.tolist() == [1, 2, 5, 1]


def test_uk_weekly_dates_are_read_day_first_and_count_weeks():
    axis = parse_time(pd.Series(["05/01/2020", "12/01/2020", "26/01/2020"]))
    assert axis.values.tolist() == [0.0, 1.0, 3.0]
    axis = parse_time(pd.Series(["05-Jan-20", "12-Jan-20", "19-Jan-20"]))
    assert axis.values.tolist() == [0.0, 1.0, 2.0]


def test_quarters_and_years_of_dates():
    quarters = parse_time(pd.Series(["2020-01-01", "2020-04-01", "2020-10-01"]))
    assert quarters.values.tolist() == [0.0, 1.0, 3.0]
    years = parse_time(pd.Series(["2018-04-01", "2019-04-01", "2021-04-01"]))
    assert years.values.tolist() == [0.0, 1.0, 3.0]


def test_financial_years_and_starts():
    column = pd.Series(["2014/15", "2015/16", "2016-17"])
    axis = parse_time(column)
    assert axis.values.tolist() == [2014.0, 2015.0, 2016.0]
    assert parse_start("2015/16", axis, column) == 2015.0
    assert parse_start(2016, axis, column) == 2016.0


def test_a_date_start_is_placed_on_the_same_axis():
    column = pd.Series(["2020-01-01", "2020-02-01", "2020-03-01"])
    assert parse_start("2020-03-01", parse_time(column), column) == 2.0


def test_unreadable_times_are_refused():
    with pytest.raises(ValueError, match="cannot read the time column"):
        parse_time(pd.Series(["soon", "later"]))


def test_seasonality_is_parsed_and_builds_columns():
    assert Seasonality.parse(None) is None
    assert Seasonality.parse("quarter") == Seasonality("quarter", 0, 4)
    fourier = Seasonality.parse("fourier:1", 4)
    names, columns = fourier.columns(np.array([1.0, 2.0, 3.0, 4.0]))
    assert names == ["fourier_sin_1", "fourier_cos_1"]
    np.testing.assert_allclose(columns[:, 0], [1, 0, -1, 0], atol=1e-12)
    names, columns = Seasonality.parse("quarter").columns(np.array([1.0, 2.0, 4.0]))
    assert names == ["quarter_2", "quarter_3", "quarter_4"]
    assert columns.tolist() == [[0, 0, 0], [1, 0, 0], [0, 0, 1]]
    for bad in ("weekly", "fourier:0", "fourier"):
        with pytest.raises(ValueError):
            Seasonality.parse(bad)


def test_the_segmented_design_follows_the_documented_coding():
    names, design = segmented_design(np.array([3.0, 4.0, 5.0, 6.0, 7.0]), 5.5)
    assert names == ["intercept", "time", "level_change", "slope_change"]
    assert design[:, 1].tolist() == [0, 1, 2, 3, 4]  # periods since the first
    assert design[:, 2].tolist() == [0, 0, 0, 1, 1]  # from the first period after 5.5
    assert design[:, 3].tolist() == [0, 0, 0, 0, 1]  # 0 at the first post-start period


def test_default_lags_follow_newey_and_west():
    assert [default_maxlags(n) for n in (20, 60, 100, 500)] == [2, 3, 4, 5]


def test_results_convert_to_strict_json():
    value = {
        "a": np.float64(math.nan),
        "b": np.int64(3),
        "c": np.array([1.5, np.inf]),
        "d": pd.Timestamp("2020-01-01"),
        "e": (np.bool_(True),),
    }
    assert json.dumps(jsonable(value), allow_nan=False) == (
        '{"a": null, "b": 3, "c": [1.5, null], "d": "2020-01-01T00:00:00", "e": [true]}'
    )
    estimate = Estimate("x", 1.0, 0.5, 0.0, 2.0, 0.05)
    assert "ratio" not in estimate.to_dict()
    assert describe_p(0.0001) == "p < 0.001" and describe_p(0.0312) == "p = 0.031"
