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
