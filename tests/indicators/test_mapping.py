import csv
import json
from collections import Counter
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from joinedup.indicators.mapping import (
    ColumnMapping,
    Layout,
    MappingErrors,
    Status,
    ValueFormatError,
    apply_mapping,
    columns_left_out,
    layout_signature,
    mapping_problems,
    parse_value,
    propose_mapping,
)
from joinedup.indicators.periods import DateMeaning, Frequency
from joinedup.indicators.reading import Table, TableRow, read_table
from tests.public_data import PUBLIC

FILES = Path(__file__).resolve().parent / "files"
LONG = ColumnMapping(period="Period", area_name="Area", value="Value")


def read_file(name: str, **options) -> Table:
    return read_table((FILES / name).read_bytes(), name, **options)


def read_public(name: str) -> Table:
    return read_table((PUBLIC / name).read_bytes(), name)


def table(headers: list[str], *rows: list[str], first_row: int = 2) -> Table:
    numbered = [TableRow(number, list(cells)) for number, cells in enumerate(rows, first_row)]
    return Table(headers, numbered, "csv", header_row=first_row - 1)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1234", Decimal("1234")),
        ("1,234", Decimal("1234")),
        ("1,234,567.89", Decimal("1234567.89")),
        ("12.5%", Decimal("12.5")),
        ("£1,200", Decimal("1200")),
        ("$3.50", Decimal("3.50")),
        ("-12", Decimal("-12")),
        ("\u221212", Decimal("-12")),
        ("(12)", Decimal("-12")),
        ("(£1,200.50)", Decimal("-1200.50")),
        ("-£5", Decimal("-5")),
        ("£-5", Decimal("-5")),
        (" 1 234 ", Decimal("1234")),
        ("1\u00a0234", Decimal("1234")),
        ("+7", Decimal("7")),
        (".5", Decimal("0.5")),
        ("1.2E+03", Decimal("1200")),
        ("12.3 [p]", Decimal("12.3")),
        ("0", Decimal("0")),
    ],
)
def test_it_reads_numbers_as_they_are_written(text, value):
    assert parse_value(text) == (value, Status.OK)


@pytest.mark.parametrize("text", ["*", "c", "C", "[c]", "x", "X"])
def test_it_reads_suppression_markers(text):
    assert parse_value(text) == (None, Status.SUPPRESSED)


@pytest.mark.parametrize(
    "text", ["", "  ", "..", ":", "-", "\u2013", "[x]", "[z]", "n/a", "N/A", "NA", "#N/A", "NaN"]
)
def test_it_reads_missing_markers(text):
    assert parse_value(text) == (None, Status.MISSING)


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("12,5", "decimal point"),
        ("1,23", "decimal point"),
        ("abc", "is not a number"),
        ("1.2.3", "is not a number"),
        ("12..5", "is not a number"),
        ("--5", "is not a number"),
        ("Infinity", "is not a number"),
        ("#DIV/0!", "is not a number"),
        ("12 apples", "is not a number"),
    ],
)
def test_it_refuses_what_is_not_a_number_and_says_what_to_write(text, says):
    with pytest.raises(ValueFormatError) as raised:
        parse_value(text)

    assert says in str(raised.value)


amounts = st.decimals(
    min_value=Decimal("-1e12"), max_value=Decimal("1e12"), places=2, allow_nan=False
)


@given(amounts, st.sampled_from(["plain", "thousands", "pounds", "brackets", "percent"]))
def test_written_numbers_read_back_to_the_same_amount(amount, style):
    magnitude = abs(amount)
    text = {
        "plain": f"{amount}",
        "thousands": f"{amount:,}",
        "pounds": f"{'-' if amount < 0 else ''}£{magnitude:,}",
        "brackets": f"({magnitude:,})" if amount < 0 else f"{magnitude:,}",
        "percent": f"{amount}%",
    }[style]

    assert parse_value(text) == (amount, Status.OK)


@given(st.text(max_size=20))
def test_any_text_is_a_value_a_marker_or_a_clear_refusal(text):
    try:
        value, status = parse_value(text)
    except ValueFormatError as error:
        assert "Write" in str(error) or "decimal point" in str(error)
    else:
        assert (value is None) == (status != Status.OK)


def test_it_proposes_the_mapping_of_the_trafford_ascof_file():
    mapping = propose_mapping(read_public("trafford_dashboard_residential_home_admissions.csv"))

    assert mapping == ColumnMapping(
        period="period",
        area_name="area_name",
        area_code="area_code",
        value="value",
        indicator="indicator",
    )


def test_it_imports_the_trafford_ascof_file_end_to_end():
    source = read_public("trafford_dashboard_residential_home_admissions.csv")

    rows, errors = apply_mapping(source, propose_mapping(source))

    assert not errors
    assert len(rows) == 50
    first = rows[0]
    assert (first.row, first.area_code, first.area_name) == (2, "E08000009", "Trafford")
    assert (first.period.label, first.period.start) == ("2014/15", date(2014, 4, 1))
    assert first.period.frequency == Frequency.FINANCIAL_YEAR
    assert (first.value, first.status, first.indicator) == (
        Decimal("543"),
        Status.OK,
        "Residential home admissions",
    )
    assert sorted({row.period.label for row in rows}) == [
        "2014/15",
        "2015/16",
        "2016/17",
        "2017/18",
        "2018/19",
    ]
    assert len({row.area_code for row in rows}) == 10


def test_it_reads_na_in_the_trafford_themes_file_as_missing():
    source = read_public("trafford_themes_admissions_care_homes_65p.csv")

    rows, errors = apply_mapping(source, propose_mapping(source))

    assert not errors
    assert len(rows) == 170
    missing = [(row.area_name, row.period.label) for row in rows if row.status == Status.MISSING]
    assert missing == [
        ("Bury", "2016/17"),
        ("Stockport", "2017/18"),
        ("Stockport", "2018/19"),
        ("Stockport", "2020/21"),
    ]
    england = [row for row in rows if row.area_code == "E92000001"]
    assert len(england) == 10 and {row.area_name for row in england} == {"England"}


def test_it_reads_first_of_month_dates_in_the_trafford_dtoc_file_as_months():
    source = read_public("trafford_dashboard_dtoc.csv")
    mapping = propose_mapping(source)

    rows, errors = apply_mapping(source, mapping)

    assert mapping.period_dates == DateMeaning.MONTH
    assert not errors
    assert rows[0].period.label == "Mar 2017"
    assert rows[0].period.end == date(2017, 3, 31)
    assert rows[0].indicator == "Daily DTOC beds attributable to adult social care"


def test_it_reads_the_home_after_discharge_file():
    source = read_public("trafford_dashboard_home_after_discharge.csv")

    rows, errors = apply_mapping(source, propose_mapping(source))

    assert not errors
    assert len(rows) == 80
    assert min(row.period for row in rows).label == "2010/11"


def test_it_reads_scotland_week_ending_dates_as_weeks():
    source = read_public("scotland_ae_attendances_2020.csv")
    mapping = propose_mapping(source)
    mapping.indicator = "Category"

    rows, errors = apply_mapping(source, mapping)

    assert mapping.period_dates == DateMeaning.WEEK_ENDING
    assert (mapping.area_name, mapping.value) == ("Area_name", "Count")
    assert not errors
    assert len(rows) == 17411
    first = rows[0]
    assert (first.area_name, first.period.label, first.indicator, first.value) == (
        "Aberdeen City",
        "week ending 2020-01-05",
        "All",
        Decimal("952"),
    )
    assert first.period.start == date(2019, 12, 30)


def test_it_reports_every_repeat_when_scotland_categories_are_not_told_apart():
    source = read_public("scotland_ae_attendances_2020.csv")
    with (PUBLIC / "scotland_ae_attendances_2020.csv").open(newline="") as file:
        pairs = Counter((row["Area_name"], row["Week_ending"]) for row in csv.DictReader(file))
    repeats = sum(count - 1 for count in pairs.values())

    rows, errors = apply_mapping(source, propose_mapping(source))

    assert errors.total == repeats
    assert len(errors.errors) == 200
    assert errors.not_shown == repeats - 200
    assert str(errors.errors[0]) == (
        "Row 1198: Aberdeen City, week ending 2020-01-05 is already given on row 2. Each area, "
        "period and indicator may appear once: remove one of them, or, if the file holds several "
        "series (such as age groups), choose the column that tells them apart as the indicator."
    )


def test_it_reads_california_prop99_by_state_and_year():
    source = read_public("california_prop99.csv")
    mapping = propose_mapping(source)

    rows, errors = apply_mapping(source, mapping)

    assert (mapping.area_name, mapping.period, mapping.value) == ("State", "Year", "PacksPerCapita")
    assert not errors
    assert len({row.area_name for row in rows}) == 39
    assert {row.period.frequency for row in rows} == {Frequency.YEAR}
    california = {row.period.label: row.value for row in rows if row.area_name == "California"}
    assert len(california) == 31
    assert california["1988"] == Decimal("90.09999847")


def test_it_maps_the_windows_1252_file_with_numerators_and_denominators():
    source = read_file("windows_1252_with_notes.csv")
    mapping = propose_mapping(source)

    rows, errors = apply_mapping(source, mapping)

    assert (mapping.numerator, mapping.denominator, mapping.value) == (
        "Numerator",
        "Denominator",
        "Cost (£)",
    )
    assert not errors
    assert [(row.row, row.value, row.numerator, row.denominator, row.status) for row in rows] == [
        (5, Decimal("1200"), Decimal("12"), Decimal("2400"), Status.OK),
        (6, Decimal("-12"), None, Decimal("2500"), Status.OK),
        (7, None, None, None, Status.MISSING),
        (8, Decimal("950"), Decimal("9"), Decimal("1900"), Status.OK),
    ]


def test_it_maps_the_excel_csv_with_an_en_dash_in_the_period():
    source = read_file("excel_csv_utf8.csv")

    rows, errors = apply_mapping(source, propose_mapping(source))

    assert not errors
    assert {row.period.label for row in rows} == {"2023/24"}
    assert [row.value for row in rows] == [Decimal("1234"), Decimal("12.5"), None, Decimal("987")]
    assert rows[2].status == Status.SUPPRESSED


def test_it_maps_the_semicolon_file_with_financial_quarters():
    source = read_file("semicolon.csv")

    rows, errors = apply_mapping(source, propose_mapping(source))

    assert not errors
    assert [(row.area_name, row.period.label, row.status) for row in rows][2] == (
        "Bury",
        "2024/25 Q1",
        Status.SUPPRESSED,
    )
    assert rows[0].period.start == date(2024, 4, 1)


def test_it_maps_the_workbook_with_month_cells_and_text_numbers():
    source = read_file("admissions.xlsx")
    mapping = ColumnMapping(
        period="Month", area_name="Area", area_code="Code", value="Admissions · Number"
    )

    rows, errors = apply_mapping(source, mapping)

    assert not errors
    assert [(row.row, row.area_code, row.period.label, row.value, row.status) for row in rows] == [
        (5, "E08000009", "Apr 2024", Decimal("12"), Status.OK),
        (6, "E08000009", "May 2024", Decimal("1234"), Status.OK),
        (7, "E08000002", "Apr 2024", None, Status.SUPPRESSED),
    ]


def test_it_proposes_and_maps_a_file_with_a_column_per_period():
    source = read_file("wide_periods.csv")
    mapping = propose_mapping(source)

    rows, errors = apply_mapping(source, mapping)

    assert mapping.layout == Layout.WIDE_PERIODS
    assert (mapping.area_code, mapping.area_name, mapping.period, mapping.value) == (
        "Area code",
        "Area name",
        None,
        None,
    )
    assert not errors
    assert len(rows) == 9
    trafford = [(row.period.label, row.value, row.status) for row in rows if row.row == 2]
    assert trafford == [
        ("2019/20", Decimal("543"), Status.OK),
        ("2020/21", None, Status.MISSING),
        ("2021/22", Decimal("601.5"), Status.OK),
    ]


def test_it_proposes_and_maps_a_file_with_a_column_per_area():
    source = read_file("wide_areas.csv")
    mapping = propose_mapping(source)

    rows, errors = apply_mapping(source, mapping)

    assert (mapping.layout, mapping.period) == (Layout.WIDE_AREAS, "Month")
    assert not errors
    assert [(row.area_code, row.period.label, row.value) for row in rows[:2]] == [
        ("E08000009", "Apr 2024", Decimal("36.6")),
        ("E92000001", "Apr 2024", Decimal("14.3")),
    ]
    assert rows[3].status == Status.MISSING


def test_it_reads_area_names_as_headers_in_a_column_per_area_file():
    source = table(["Year", "Trafford", "England"], ["2023", "1", "2"])
    mapping = ColumnMapping(period="Year", layout=Layout.WIDE_AREAS)

    rows, errors = apply_mapping(source, mapping)

    assert not errors
    assert [(row.area_code, row.area_name, row.value) for row in rows] == [
        ("", "Trafford", Decimal("1")),
        ("", "England", Decimal("2")),
    ]


def test_it_takes_only_the_chosen_wide_columns():
    source = table(["Area", "2022", "2023", "Notes"], ["Trafford", "1", "2", "revised"])
    mapping = ColumnMapping(
        area_name="Area", layout=Layout.WIDE_PERIODS, wide_columns=["2022", "2023"]
    )

    rows, errors = apply_mapping(source, mapping)

    assert not errors
    assert [row.period.label for row in rows] == ["2022", "2023"]
    assert propose_mapping(source).wide_columns == ["2022", "2023"]


def test_it_names_row_and_column_and_what_to_do_for_every_bad_cell():
    source = table(
        ["Area", "Period", "Value", "Numerator"],
        ["Trafford", "2023/24", "12", "3"],
        ["Bury", "sometime", "12,5", "lots"],
        ["", "2023/24", "4", "1"],
        ["Bolton", "2023/24", "abc", "2"],
    )
    mapping = ColumnMapping(period="Period", area_name="Area", value="Value", numerator="Numerator")

    rows, errors = apply_mapping(source, mapping)

    found = [(error.row, error.column) for error in errors]
    assert found == [
        (3, "Period"),
        (3, "Value"),
        (3, "Numerator"),
        (4, "Area"),
        (5, "Value"),
    ]
    messages = [error.message for error in errors]
    assert "Write it like" in messages[0]
    assert "decimal point" in messages[1]
    assert "is not a number" in messages[2]
    assert "Fill in the area" in messages[3]
    assert str(errors.errors[4]).startswith("Row 5, column 'Value': 'abc' is not a number.")
    assert [row.row for row in rows] == [2]


def test_it_refuses_an_empty_indicator_name():
    source = table(["Area", "Period", "Value", "Indicator"], ["Trafford", "2023", "1", ""])
    mapping = ColumnMapping(period="Period", area_name="Area", value="Value", indicator="Indicator")

    _, errors = apply_mapping(source, mapping)

    assert [(error.row, error.column) for error in errors] == [(2, "Indicator")]


def test_it_refuses_a_period_header_it_cannot_read_in_a_column_per_period_file():
    source = table(["Area", "2023", "Later"], ["Trafford", "1", "2"])
    mapping = ColumnMapping(area_name="Area", layout=Layout.WIDE_PERIODS)

    rows, errors = apply_mapping(source, mapping)

    assert [(error.row, error.column) for error in errors] == [(1, "Later")]
    assert [row.period.label for row in rows] == ["2023"]


def test_it_finds_the_same_area_and_period_twice_whatever_the_case_or_period_form():
    source = table(
        ["Code", "Area", "Period", "Value"],
        ["E08000009", "Trafford", "2023/24", "1"],
        ["e08000009", "TRAFFORD", "2023-24", "2"],
        ["", "Bury", "2023/24", "3"],
        ["", "bury", "FY2023/24", "4"],
    )
    mapping = ColumnMapping(period="Period", area_name="Area", area_code="Code", value="Value")

    _, errors = apply_mapping(source, mapping)

    assert [(error.row, error.column) for error in errors] == [(3, None), (5, None)]
    assert "already given on row 2" in errors.errors[0].message
    assert "already given on row 4" in errors.errors[1].message


def test_it_keeps_one_row_per_indicator_in_a_long_file_of_several():
    source = table(
        ["Area", "Period", "Indicator", "Value"],
        ["Trafford", "2023", "Admissions", "1"],
        ["Trafford", "2023", "Discharges", "2"],
    )
    mapping = ColumnMapping(period="Period", area_name="Area", value="Value", indicator="Indicator")

    rows, errors = apply_mapping(source, mapping)

    assert not errors
    assert [row.indicator for row in rows] == ["Admissions", "Discharges"]


def test_it_treats_a_file_without_area_columns_as_one_area():
    source = table(["Period", "Value"], ["2023", "1"], ["2024", "2"], ["2024", "3"])

    rows, errors = apply_mapping(source, ColumnMapping(period="Period", value="Value"))

    assert [(row.area_code, row.area_name) for row in rows] == [("", "")] * 3
    assert [(error.row, error.column) for error in errors] == [(4, None)]


def test_it_collects_every_error_but_keeps_only_the_first_few():
    source = table(["Area", "Period", "Value"], *[[f"Area {n}", "2023", "bad"] for n in range(30)])

    _, errors = apply_mapping(source, LONG, max_errors=10)

    assert (errors.total, len(errors.errors), errors.not_shown) == (30, 10, 20)
    assert len(errors) == 30 and bool(errors)
    assert [error.row for error in errors] == list(range(2, 12))


@pytest.mark.parametrize(
    ("mapping", "says"),
    [
        (
            ColumnMapping(area_name="Area", value="Value"),
            "Choose the column that holds the period.",
        ),
        (
            ColumnMapping(period="Period", area_name="Area"),
            "Choose the column that holds the value.",
        ),
        (
            ColumnMapping(period="Period", area_name="Area", value="Amount"),
            "The column 'Amount' chosen for value is not in the file.",
        ),
        (
            ColumnMapping(period="Period", area_name="Period", value="Value"),
            "The column 'Period' is chosen for more than one thing: period, area name.",
        ),
        (
            ColumnMapping(area_name="Area", value="Value", layout=Layout.WIDE_PERIODS),
            "In a file with a column per period, there is no single value column.",
        ),
        (
            ColumnMapping(period="Period", area_name="Area", layout=Layout.WIDE_AREAS),
            "In a file with a column per area, there is no single area name column.",
        ),
        (
            ColumnMapping(area_name="Area", layout=Layout.WIDE_PERIODS, wide_columns=["2030"]),
            "The column '2030' is not in the file.",
        ),
    ],
)
def test_it_says_what_is_wrong_with_a_mapping(mapping, says):
    assert says in mapping_problems(mapping, ["Area", "Period", "Value"])

    rows, errors = apply_mapping(
        table(["Area", "Period", "Value"], ["Trafford", "2023", "1"]), mapping
    )

    assert rows == []
    assert says in [error.message for error in errors]
    assert all(error.row is None for error in errors)


def test_it_finds_no_problem_with_a_good_mapping():
    assert mapping_problems(LONG, ["Area", "Period", "Value"]) == []


def test_it_says_when_a_wide_file_has_no_value_columns():
    mapping = ColumnMapping(area_name="Area", layout=Layout.WIDE_PERIODS)

    assert "Choose the columns that hold the values." in mapping_problems(mapping, ["Area"])


def test_layout_signature_ignores_case_punctuation_and_notes():
    assert layout_signature(["Area code", "Period", "Value [note 1]"]) == layout_signature(
        ["AREA_CODE", " period ", "value"]
    )


def test_layout_signature_tells_layouts_apart():
    assert layout_signature(["Area", "Period", "Value"]) != layout_signature(
        ["Area", "Value", "Period"]
    )
    assert layout_signature(["Area", "Period", "Value"]) != layout_signature(["Area", "Period"])


def test_layout_signature_survives_next_years_column():
    assert layout_signature(["Area", "2021/22", "2022/23"]) == layout_signature(
        ["Area", "2021/22", "2022/23", "2023/24"]
    )


def test_layout_signature_is_stable_between_runs_and_releases():
    headers = ["area_code", "area_name", "period", "indicator", "measure", "unit", "value"]

    assert layout_signature(headers) == "ac119335614d2430"


def test_a_remembered_wide_mapping_takes_next_years_column():
    this_year = read_file("wide_periods.csv")
    remembered = ColumnMapping.from_dict(
        json.loads(json.dumps(propose_mapping(this_year).to_dict()))
    )
    next_year = table(
        ["Area code", "Area name", "2019/20", "2020/21", "2021/22", "2022/23"],
        ["E08000009", "Trafford", "1", "2", "3", "4"],
    )

    rows, errors = apply_mapping(next_year, remembered)

    assert not errors
    assert [row.period.label for row in rows][-1] == "2022/23"


def test_a_mapping_round_trips_through_plain_data():
    mapping = ColumnMapping(
        period="Week",
        area_code="Code",
        value="Count",
        layout=Layout.LONG,
        period_dates=DateMeaning.WEEK_ENDING,
    )

    stored = json.loads(json.dumps(mapping.to_dict()))

    assert stored["period_dates"] == "week ending"
    assert ColumnMapping.from_dict(stored) == mapping


def test_errors_start_empty_and_false():
    errors = MappingErrors()

    assert not errors and len(errors) == 0 and list(errors) == []


@pytest.mark.parametrize(
    ("headers", "code", "name"),
    [
        # Scottish SIMD files: the data zone's code under "Data zone", its name beside it.
        (["Data zone", "Data zone name", "Year", "Count"], "Data zone", "Data zone name"),
        (["Data zone code", "Data zone name", "Year", "Count"], "Data zone code", "Data zone name"),
        (["Council area code", "Council area name", "Year", "Rate"], "Council area code", "Council area name"),
        (["HSCP code", "HSCP name", "Year", "Rate"], "HSCP code", "HSCP name"),
        (["Health board", "Health board name", "Year", "Rate"], "Health board", "Health board name"),
        (["Year", "Name of area", "Rate"], None, "Name of area"),
        (["Year", "LA name", "Rate"], None, "LA name"),
        # The name beside the code chosen, not another kind's name before it.
        (["Parent Code", "Parent Name", "Org Code", "Org name", "Period", "Value"], "Org Code", "Org name"),
        (["Region name", "ltla24_code", "ltla24_name", "date", "value"], "ltla24_code", "ltla24_name"),
        (["LGD2014code", "LGD2014name", "Year", "Rate"], "LGD2014code", "LGD2014name"),
        # A name of something other than an area is not an area's name.
        (["Indicator name", "Sex name", "Year", "Value"], None, None),
    ],
)
def test_it_guesses_area_name_columns_named_for_a_kind_of_area(headers, code, name):
    rows = [["S01006506" if "code" in h.casefold() or h in {"Data zone", "Health board"} else
             "2020" if h in {"Year", "Period", "date"} else "12" if h in {"Count", "Rate", "Value", "value"} else
             "Culter" for h in headers]]
    mapping = propose_mapping(table(headers, *rows))

    assert (mapping.area_code, mapping.area_name) == (code, name)


def test_an_exact_area_name_still_comes_before_a_kind_of_area_name():
    """Explore Education Statistics: la_name is the area name, not country_name beside country_code."""
    headers = ["time_period", "geographic_level", "country_code", "country_name", "region_name", "la_name", "number"]
    mapping = propose_mapping(table(headers, ["2024", "National", "E92000001", "England", "", "", "5"]))

    assert mapping.area_name == "la_name"


def test_columns_left_out_are_not_values_and_next_years_column_is():
    """A remembered wide mapping names the columns left out, so next year's period is read."""
    source = table(["Area", "Rank", "2022", "2023", "2024", "Notes", "Level"],
                   ["Trafford", "first", "1", "2", "3", "revised", "LA"])
    mapping = ColumnMapping(area_name="Area", layout=Layout.WIDE_PERIODS, left_out=["Rank", "Notes"],
                            filters={"Level": ["LA"]})

    rows, errors = apply_mapping(source, mapping)

    assert not errors
    assert [row.period.label for row in rows] == ["2022", "2023", "2024"]
    assert ColumnMapping.from_dict(mapping.to_dict()).left_out == ["Rank", "Notes"]
    assert columns_left_out(propose_mapping(source), source.headers) == ["Rank", "Notes", "Level"]
