"""``joinedup analyse`` reproduces the published analyses from CSV files, without Django.

Data: tests/data/public (see SOURCES.md there) — the Sicily smoking-ban series
(Lopez Bernal, Cummins & Gasparrini 2017), Card & Krueger's (1994) fast-food
employment, and California's Proposition 99 (synthdid).
"""

import json

import pytest

from joinedup.indicators.analyse import main
from tests.public_data import PUBLIC

SICILY = str(PUBLIC / "sicily_acute_coronary_events.csv")
CARD_KRUEGER = str(PUBLIC / "card_krueger_fte.csv")
PROP99 = str(PUBLIC / "california_prop99.csv")
DTOC = str(PUBLIC / "trafford_dashboard_dtoc.csv")
SCOTLAND_AE = str(PUBLIC / "scotland_ae_attendances_2020.csv")
CARE_HOMES = str(PUBLIC / "trafford_themes_admissions_care_homes_65p.csv")


def run_json(capsys, *argv):
    assert main([*argv, "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)


def term(payload, name):
    return next(e for e in payload["estimates"] if e["term"] == name)


def test_it_reproduces_the_sicily_smoking_ban_rate_ratio(capsys):
    payload = run_json(
        capsys,
        SICILY,
        "--method",
        "its-poisson",
        "--time",
        "time",
        "--value",
        "aces",
        "--start",
        "37",
        "--population",
        "stdpop",
        "--level-only",
    )
    level = term(payload, "level_change")
    assert level["ratio"] == pytest.approx(0.894, abs=0.0015)
    assert (level["ratio_ci_low"], level["ratio_ci_high"]) == (
        pytest.approx(0.839, abs=0.0015),
        pytest.approx(0.953, abs=0.0015),
    )
    assert set(level) >= {"estimate", "std_error", "ci_low", "ci_high", "p_value"}
    assert payload["method"] == "segmented_quasi_poisson"
    assert payload["analysis"] == "its-poisson"


def test_it_reproduces_the_seasonally_adjusted_sicily_result(capsys):
    payload = run_json(
        capsys,
        SICILY,
        "--method",
        "its-poisson",
        "--time",
        "time",
        "--value",
        "aces",
        "--start",
        "37",
        "--population",
        "stdpop",
        "--level-only",
        "--seasonality",
        "fourier:2",
        "--season-column",
        "month",
    )
    assert term(payload, "level_change")["ratio"] == pytest.approx(0.885, abs=0.0015)
    assert [e["term"] for e in payload["estimates"]][-4:] == [
        "fourier_sin_1",
        "fourier_cos_1",
        "fourier_sin_2",
        "fourier_cos_2",
    ]


def test_it_reproduces_card_and_krueger(capsys):
    payload = run_json(
        capsys,
        CARD_KRUEGER,
        "--method",
        "did",
        "--value",
        "fte",
        "--treated",
        "nj",
        "--post",
        "d",
        "--unit",
        "id",
    )
    assert payload["estimate"]["estimate"] == pytest.approx(2.75, abs=0.01)
    assert term(payload, "treated_post")["std_error"] > 0
    assert payload["n_clusters"] == 410


def test_it_reproduces_the_proposition_99_estimate_from_a_semicolon_file(capsys):
    payload = run_json(
        capsys,
        PROP99,
        "--sep",
        ";",
        "--method",
        "did",
        "--time",
        "Year",
        "--value",
        "PacksPerCapita",
        "--area",
        "State",
        "--treated-area",
        "California",
        "--start",
        "1989",
    )
    assert payload["estimate"]["estimate"] == pytest.approx(-27.3, abs=0.1)
    assert payload["pre_trend"]["term"] == "treated_trend"
    assert payload["method"] == "did_two_way_fixed_effects"


def test_the_text_output_is_readable(capsys):
    assert (
        main(
            [
                PROP99,
                "--sep",
                ";",
                "--method",
                "did",
                "--time",
                "Year",
                "--value",
                "PacksPerCapita",
                "--area",
                "State",
                "--treated-area",
                "California",
                "--start",
                "1989",
            ]
        )
        == 0
    )
    text = capsys.readouterr().out
    assert text.startswith("Difference in differences\n")
    assert "difference in differences of means" in text and "-27.35" in text
    assert "treated_post" in text and "95% CI" in text
    assert "Warnings:\n- Only one area is treated" in text


def test_segmented_regression_from_the_command_line(capsys):
    payload = run_json(
        capsys,
        SICILY,
        "--method",
        "its",
        "--time",
        "time",
        "--value",
        "aces",
        "--start",
        "37",
        "--hac-lags",
        "2",
        "--use-correction",
    )
    assert [e["term"] for e in payload["estimates"]] == [
        "intercept",
        "time",
        "level_change",
        "slope_change",
    ]
    assert payload["settings"]["maxlags"] == 2 and payload["settings"]["use_correction"]
    assert len(payload["series"]) == 59


def test_an_spc_chart_for_one_area(capsys):
    payload = run_json(
        capsys,
        DTOC,
        "--method",
        "spc",
        "--time",
        "period",
        "--value",
        "value",
        "--area",
        "area_name",
        "--treated-area",
        "Trafford",
        "--direction",
        "lower",
        "--target",
        "20",
        "--recalculate-from",
        "2018-06-01",
    )
    assert len(payload["segments"]) == 2
    assert payload["segments"][1]["start"] == "2018-06-01"
    assert payload["assurance"] == "consistent_pass"
    assert payload["variation"] in (
        "common_cause",
        "special_cause_concern",
        "special_cause_improvement",
    )
    assert (
        main(
            [
                DTOC,
                "--method",
                "spc",
                "--time",
                "period",
                "--value",
                "value",
                "--area",
                "area_name",
                "--treated-area",
                "Trafford",
            ]
        )
        == 0
    )
    assert "Statistical process control" in capsys.readouterr().out


def test_a_multi_group_analysis_against_comparators(capsys):
    payload = run_json(
        capsys,
        CARE_HOMES,
        "--method",
        "multi-its",
        "--time",
        "period",
        "--value",
        "value",
        "--area",
        "area_name",
        "--treated-area",
        "Trafford",
        "--start",
        "2019/20",
        "--hac-lags",
        "1",
    )
    assert payload["level_difference"]["term"] == "treated_level_change"
    assert payload["settings"]["errors"] == "driscoll-kraay"
    assert any("Only 5 points before" in w for w in payload["warnings"])


def test_filters_pick_one_series_out_of_a_long_file(capsys):
    # weekly A&E attendances, Public Health Scotland; UK-style dates such as 05-Jan-20
    payload = run_json(capsys, SCOTLAND_AE, "--method", "its", "--time", "Week_ending",
                       "--value", "Count", "--area", "Area_name", "--treated-area",
                       "Aberdeen City", "--filter", "Category=All", "--start", "2020-03-22",
                       "--level-only")  # fmt: skip
    assert payload["start"] == "22-Mar-20"
    assert term(payload, "level_change")["ci_high"] < 0  # attendances fell at lockdown
    assert main([SCOTLAND_AE, "--method", "its", "--time", "Week_ending", "--value", "Count",
                 "--area", "Area_name", "--treated-area", "Aberdeen City",
                 "--start", "2020-03-22"]) == 1  # fmt: skip
    assert "more than one row per time point" in capsys.readouterr().err
    assert main([SCOTLAND_AE, "--method", "spc", "--time", "Week_ending", "--value", "Count",
                 "--filter", "Category"]) == 1  # fmt: skip
    assert "--filter needs COLUMN=VALUE" in capsys.readouterr().err


def test_it_reports_data_problems_with_exit_status_1(capsys):
    assert (
        main([SICILY, "--method", "its", "--time", "time", "--value", "nope", "--start", "37"]) == 1
    )
    assert "columns not found" in capsys.readouterr().err
    assert main([SICILY, "--method", "its", "--time", "time", "--value", "aces"]) == 1
    assert "needs --start" in capsys.readouterr().err
    assert (
        main([str(PUBLIC / "missing.csv"), "--method", "spc", "--time", "t", "--value", "v"])
        == 1
    )
    assert (
        main(
            [
                DTOC,
                "--method",
                "spc",
                "--time",
                "period",
                "--value",
                "value",
                "--area",
                "area_name",
                "--treated-area",
                "Nowhere",
            ]
        )
        == 1
    )
    assert "no rows for area 'Nowhere'" in capsys.readouterr().err


def test_it_reports_usage_errors_with_exit_status_2(capsys):
    assert main([SICILY, "--method", "arima", "--value", "aces"]) == 2
    assert main([SICILY, "--value", "aces"]) == 2
    assert main(["--help"]) == 0
    assert "joinedup analyse" in capsys.readouterr().out


# Card and Krueger (1994), Table 3: means (standard errors) of full-time-equivalent
# employment. Rows 1-2, all available stores: PA 23.33 (1.35) before, 21.17 (0.94)
# after; NJ 20.44 (0.51), 21.03 (0.52). Row 4, the balanced sample of stores: change
# PA -2.28 (1.25), NJ 0.47 (0.48), difference 2.75 (1.34).
CK_ARGS = (CARD_KRUEGER, "--method", "did", "--value", "fte", "--treated", "nj", "--post", "d")


def cell(payload, group, period):
    return next(m for m in payload["means"] if m["group"] == group and m["period"] == period)


def test_it_gives_card_and_krueger_table_3_cell_means(capsys):
    payload = run_json(capsys, *CK_ARGS, "--se", "conventional")
    for group, period, mean, error in (
        ("comparison", "before", 23.33, 1.35), ("comparison", "after", 21.17, 0.94),
        ("treated", "before", 20.44, 0.51), ("treated", "after", 21.03, 0.52),
    ):  # fmt: skip
        assert cell(payload, group, period)["mean"] == pytest.approx(mean, abs=0.005)
        assert cell(payload, group, period)["std_error"] == pytest.approx(error, abs=0.005)


def test_the_balanced_panel_reproduces_card_and_krueger_row_4(capsys):
    payload = run_json(capsys, *CK_ARGS, "--unit", "id", "--balanced")
    assert payload["n_obs"] == 768 and payload["settings"]["units_dropped_for_balance"] == 26
    assert payload["estimate"]["estimate"] == pytest.approx(2.75, abs=0.005)
    assert payload["estimate"]["std_error"] == pytest.approx(1.34, abs=0.005)
    changes = {
        g: cell(payload, g, "after")["mean"] - cell(payload, g, "before")["mean"]
        for g in ("treated", "comparison")
    }
    assert changes == {"treated": pytest.approx(0.47, abs=0.005),
                       "comparison": pytest.approx(-2.28, abs=0.005)}  # fmt: skip
    assert main([*CK_ARGS, "--balanced"]) == 1
    assert "needs the unit" in capsys.readouterr().err


def test_standard_errors_can_be_chosen_and_match_statsmodels(capsys):
    import numpy as np
    import pandas as pd
    from statsmodels.regression.linear_model import OLS

    data = pd.read_csv(CARD_KRUEGER).dropna(subset=["fte"])
    design = np.column_stack([np.ones(len(data)), data.nj, data.d, data.nj * data.d])
    model = OLS(data.fte.to_numpy(), design)
    expected = {
        "conventional": model.fit().bse[3],
        "hc1": model.fit(cov_type="HC1").bse[3],
        "cluster": model.fit(cov_type="cluster", cov_kwds={"groups": data.id}).bse[3],
    }
    for errors, std_error in expected.items():
        payload = run_json(capsys, *CK_ARGS, "--unit", "id", "--se", errors)
        assert payload["estimate"]["std_error"] == pytest.approx(std_error, rel=1e-9)
        assert payload["settings"]["errors"] == errors
    assert expected["conventional"] == pytest.approx(1.688, abs=0.001)
    assert main([*CK_ARGS, "--se", "hac"]) == 1
    assert "--se hac needs one time series" in capsys.readouterr().err
    sicily = [SICILY, "--method", "its", "--time", "time", "--value", "aces", "--start", "37"]
    payload = run_json(capsys, *sicily, "--se", "conventional")
    assert payload["settings"]["errors"] == "conventional"
    assert main([*sicily, "--se", "cluster"]) == 1
    assert "--se cluster needs several units" in capsys.readouterr().err


def test_a_before_after_change_with_welchs_interval(capsys):
    from scipy import stats as scipy_stats

    payload = run_json(capsys, SICILY, "--method", "before-after", "--time", "time",
                       "--value", "aces", "--start", "37")  # fmt: skip
    import pandas as pd

    data = pd.read_csv(SICILY)
    before, after = data.aces[data.time < 37], data.aces[data.time >= 37]
    interval = scipy_stats.ttest_ind(after, before, equal_var=False).confidence_interval()
    assert payload["difference"] == pytest.approx(after.mean() - before.mean())
    assert (payload["difference_ci_low"], payload["difference_ci_high"]) == (
        pytest.approx(interval.low), pytest.approx(interval.high))
    assert payload["percent_change"] == pytest.approx(100 * (after.mean() / before.mean() - 1))
    assert payload["percent_ci_low"] < payload["percent_change"] < payload["percent_ci_high"]
    assert (payload["n_before"], payload["n_after"]) == (36, 23)
    assert main([SICILY, "--method", "before-after", "--time", "time", "--value", "aces",
                 "--start", "37"]) == 0  # fmt: skip
    text = capsys.readouterr().out
    assert "From 2005-01-01 the mean rose by 46.7" in text and "+5.8%" in text


def test_a_design_that_cannot_be_estimated_is_refused(capsys):
    sicily = [SICILY, "--method", "its", "--time", "time", "--value", "aces"]
    assert main([*sicily, "--start", "2"]) == 1  # one point before the start
    assert "only 1 observed point before the start" in capsys.readouterr().err
    assert main([*sicily, "--start", "59"]) == 1  # one point after: no change in trend
    assert "a change in trend needs at least 2" in capsys.readouterr().err
    assert main([*sicily, "--method", "before-after", "--start", "59"]) == 1
    assert "at least 2 on each side" in capsys.readouterr().err


def test_text_in_the_value_column_is_an_error_unless_it_is_a_marker(tmp_path, capsys):
    path = tmp_path / "series.csv"
    values = [5, 6, "*", 7, 6, "..", 5, 6, 7, "6", 5, 6, 7, 6, 5]
    rows = [f"{m},{v}" for m, v in enumerate(values, start=1)]
    path.write_text("month,value\n" + "\n".join(rows) + "\n")
    spc = [str(path), "--method", "spc", "--time", "month", "--value", "value"]
    assert main(spc) == 1
    error = capsys.readouterr().err
    assert "line 4 ('*'), line 7 ('..')" in error and "--missing-markers" in error
    payload = run_json(capsys, *spc, "--missing-markers", "*,..")
    assert len(payload["points"]) == 13


def test_duplicate_periods_are_an_error_for_spc(tmp_path, capsys):
    path = tmp_path / "series.csv"
    path.write_text("month,value\n1,5\n2,6\n2,7\n3,6\n")
    assert main([str(path), "--method", "spc", "--time", "month", "--value", "value"]) == 1
    assert "more than one row for 2" in capsys.readouterr().err


def test_a_file_that_is_not_text_is_named_so(tmp_path, capsys):
    workbook = tmp_path / "book.xlsx"
    workbook.write_bytes(b"PK\x03\x04" + bytes(range(256)) * 4)
    assert main([str(workbook), "--method", "spc", "--time", "t", "--value", "v"]) == 1
    error = capsys.readouterr().err
    assert "is not a text file" in error and "Excel" in error and "codec" not in error
    blob = tmp_path / "data.csv"
    blob.write_bytes(b"t,v\n1,\x00\x01\n")
    assert main([str(blob), "--method", "spc", "--time", "t", "--value", "v"]) == 1
    assert "is not a text file" in capsys.readouterr().err
    latin = tmp_path / "latin.csv"
    latin.write_bytes(b"t,v\n1,2\n\xff\xfe\n")
    assert main([str(latin), "--encoding", "utf-8", "--method", "spc", "--time", "t",
                 "--value", "v"]) == 1  # fmt: skip
    assert "not a text file in utf-8" in capsys.readouterr().err


def test_text_output_names_periods_as_dates_and_says_no_change_in_trend(capsys):
    assert main([SICILY, "--method", "its-poisson", "--time", "time", "--value", "aces",
                 "--start", "37", "--population", "stdpop"]) == 0  # fmt: skip
    text = capsys.readouterr().out
    assert "From 2005-01-01 the rate changed" in text and "By 2006-11-01" in text
    assert "From 37" not in text and "By 59" not in text
    assert "no change in trend (a factor of 1.0004 per period" in text
    assert "changed by a factor of 1 " not in text
    # The table agrees with the sentence: the trend's rate ratio is 1.0004 there too, not "1".
    [slope] = [line for line in text.splitlines() if line.startswith("slope_change")]
    assert slope.split()[-4:] == ["1.0004", "0.9959", "to", "1.005"]


def test_the_spc_text_shows_segments_and_labels(capsys):
    assert main([DTOC, "--method", "spc", "--time", "period", "--value", "value",
                 "--area", "area_name", "--treated-area", "Trafford",
                 "--screen-moving-ranges", "off"]) == 0  # fmt: skip
    text = capsys.readouterr().out
    assert "common  better  worse  high  low  latest" in text
    payload = run_json(capsys, DTOC, "--method", "spc", "--time", "period", "--value", "value",
                       "--area", "area_name", "--treated-area", "Trafford")  # fmt: skip
    assert payload["settings"]["screen_moving_ranges"] is True
    assert payload["settings"]["trend_length"] == 7


def test_thousands_separators_are_read_and_decimal_commas_are_not_guessed(tmp_path, capsys):
    path = tmp_path / "series.csv"
    values = ["1,200", "1,350", "1,180", "1,290", "1,240", "1,310", "1,205", "1,275"]
    path.write_text("month,value\n" + "\n".join(f'{m},"{v}"' for m, v in
                                                enumerate(values, start=1)) + "\n")  # fmt: skip
    payload = run_json(capsys, str(path), "--method", "spc", "--time", "month", "--value", "value")
    assert [p["value"] for p in payload["points"]][:2] == [1200, 1350]
    path.write_text("month;value\n1;1,5\n2;2,5\n3;1,75\n")
    assert main([str(path), "--sep", ";", "--method", "spc", "--time", "month",
                 "--value", "value"]) == 1  # fmt: skip
    assert "line 2 ('1,5')" in capsys.readouterr().err
