"""Value cells as publishers write them: the marker of a suppressed or missing
value is kept as written, HTML from web exports is read through, and values
are stored to full precision and read back by the statistics as floats."""

from datetime import date
from decimal import Decimal

import pytest

from joinedup.indicators import importing
from joinedup.indicators.evidence import measurement_frame
from joinedup.indicators.mapping import (
    ColumnMapping,
    Percentages,
    apply_mapping,
    mapping_problems,
    propose_mapping,
)
from joinedup.indicators.models import Area, Indicator, Measurement
from joinedup.indicators.periods import (
    DateMeaning,
    academic_year_period,
    financial_year_period,
    month_period,
    quarter_period,
    year_period,
)
from joinedup.indicators.reading import Table, TableRow, read_table
from joinedup.indicators.values import (
    Status,
    ValueCell,
    ValueFormatError,
    parse_number,
    read_value,
    without_html,
)
from tests.public_data import PUBLIC


def table(headers, *rows):
    return Table(headers, [TableRow(n, list(cells)) for n, cells in enumerate(rows, 2)], "csv", header_row=1)


@pytest.mark.parametrize(
    ("text", "status", "marker"),
    [
        # As the files in tests/data/public/indicators-dev write them.
        ("c", Status.SUPPRESSED, "c"),  # dfe_cpp…: 75 cells
        ("x", Status.SUPPRESSED, "x"),  # dfe_cpp…, dfe_cla…
        ("u", Status.SUPPRESSED, "u"),  # dfe_cpp…: low reliability, 5 cells
        ("z", Status.MISSING, "z"),  # dfe_cpp…: not applicable
        ("*", Status.SUPPRESSED, "*"),  # scotgov_simd…: 1,777 cells
        (":", Status.MISSING, ":"),  # ons_weekly-death…: not available
        ("..", Status.MISSING, ".."),
        (".", Status.MISSING, "."),  # statswales_…: not applicable
        ("-", Status.MISSING, "-"),  # nhse_rtt…, nhse_community-discharge…
        ("NA", Status.MISSING, "NA"),  # nhse_critical-care…
        ("N/A", Status.MISSING, "N/A"),  # nhsd_adult-social-care…
        ("[x]", Status.MISSING, "[x]"),  # bso-ni_gms…
        ('<div class="no-data">-</div>', Status.MISSING, "-"),  # ohid_fingertips… Count
        ("<5", Status.SUPPRESSED, "<5"),
        ("[low]", Status.SUPPRESSED, "[low]"),
        ("", Status.MISSING, ""),
    ],
)
def test_an_absent_value_keeps_the_marker_the_file_gave(text, status, marker):
    assert read_value(text) == read_value(f" {text} ")
    cell = read_value(text)
    assert (cell.value, cell.status, cell.marker) == (None, status, marker)


def test_numbers_from_the_development_files():
    assert read_value('74,588').value == Decimal("74588")  # ohid_fingertips… line 2, Count
    assert read_value("13%") == read_value("13%")  # scotgov_simd… line 2, DEPRESS
    assert (read_value("13%").value, read_value("13%").percent_sign) == (Decimal("13"), True)
    assert read_value("&#163;1,200").value == Decimal("1200")  # an HTML entity (&#163; is £)
    assert read_value("0.5714285714285714").value == Decimal("0.5714285714285714")


def test_a_number_too_large_to_keep_is_refused_with_what_to_do():
    with pytest.raises(ValueFormatError, match="write the values in thousands or millions"):
        read_value("12345678901234567")


def test_percentages_written_as_fractions_are_stored_as_percentages_when_the_user_says_so():
    # nhse_critical-care… writes occupancy 0.889; a cell written with % is already a percentage.
    rows, errors = apply_mapping(
        table(["Month", "Occupancy"], ["April 2022", "0.889"], ["May 2022", "88.1%"], ["June 2022", "NA"]),
        ColumnMapping(period="Month", value="Occupancy", percentages=Percentages.FRACTIONS),
    )
    assert not errors
    assert [(row.value, row.status, row.marker) for row in rows] == [
        (Decimal("88.900"), Status.OK, ""), (Decimal("88.1"), Status.OK, ""), (None, Status.MISSING, "NA")
    ]


def test_a_period_for_the_whole_file_and_a_month_beside_a_year():
    whole, errors = apply_mapping(table(["Area", "Value"], ["Bury", "5"]),
                                  ColumnMapping(area_name="Area", value="Value", file_period="2013-14"))
    assert not errors and whole[0].period.label == "2013/14"
    # The example: financial year 2020-21 with the period-end month September.
    quarters, errors = apply_mapping(
        table(["Year", "Month", "Value"], ["2020-21", "September", "5"], ["2020-21", "March", "6"]),
        ColumnMapping(period="Year", period_month="Month", value="Value",
                      period_dates=DateMeaning.QUARTER_ENDING),
    )
    assert not errors
    assert [row.period for row in quarters] == [quarter_period(2020, 3), quarter_period(2021, 1)]
    months, _ = apply_mapping(
        table(["Year", "Month", "Value"], ["2020-21", "January", "5"]),
        ColumnMapping(period="Year", period_month="Month", value="Value"),
    )
    assert months[0].period == month_period(2021, 1)


def test_explore_education_statistics_time_period_is_read_with_its_time_identifier():
    """EES files give time_period (2022, or 202223 for a year across two) and time_identifier
    (what kind of period). The time_identifier column is guessed as the one saying which."""
    ees = read_table(
        b"time_period,time_identifier,geographic_level,new_la_code,la_name,percentage\n"
        b"202223,Academic year,Local authority,E06000001,Hartlepool,91.5\n"
        b"202324,Academic year,Local authority,E06000001,Hartlepool,c\n"
        b"202223,Financial year,Local authority,E06000001,Hartlepool,12\n",
        "ees.csv",
    )
    mapping = propose_mapping(ees)
    assert (mapping.period, mapping.period_month) == ("time_period", "time_identifier")
    rows, errors = apply_mapping(ees, ColumnMapping(period="time_period", period_month="time_identifier",
                                                    area_code="new_la_code", value="percentage"))
    assert not errors
    assert [row.period for row in rows] == [
        academic_year_period(2022), academic_year_period(2023), financial_year_period(2022)
    ]
    assert (rows[0].period.start, rows[0].period.end) == (date(2022, 9, 1), date(2023, 8, 31))


def test_a_dfe_reporting_year_is_the_year_it_names_with_or_without_its_time_identifier():
    path = PUBLIC / "indicators-dev" / "dfe_cla-social-worker-changes_england-la_2024.csv"
    dfe = read_table(path.read_bytes(), path.name)
    chosen = propose_mapping(dfe)
    assert chosen.period_month == "time_identifier"
    mapping = ColumnMapping(period="time_period", area_code="new_la_code", value="number",
                            indicator="sw_stability", area_level="geographic_level", area_levels=["Local authority"])
    with_identifier, errors = apply_mapping(dfe, mapping)
    assert not errors
    mapping.period_month = None
    without, _ = apply_mapping(dfe, mapping)
    # Line 2 on: time_period 2024, time_identifier "Reporting year".
    assert {row.period for row in with_identifier} == {row.period for row in without} == {year_period(2024)}


def test_an_ees_period_that_cannot_be_stored_truly_names_its_row():
    _, errors = apply_mapping(
        table(["time_period", "time_identifier", "Value"], ["202223", "Tax year", "5"]),
        ColumnMapping(period="time_period", period_month="time_identifier", value="Value"),
    )
    assert str(errors.errors[0]).startswith("Row 2, column 'time_identifier': 'Tax year' periods are not read")


def test_a_bad_month_names_its_row_and_column():
    _, errors = apply_mapping(
        table(["Year", "Month", "Value"], ["2020-21", "Augst", "5"]),
        ColumnMapping(period="Year", period_month="Month", value="Value"),
    )
    assert str(errors.errors[0]).startswith("Row 2, column 'Month': 'Augst' is not a period")


@pytest.mark.parametrize(
    ("mapping", "says"),
    [
        (ColumnMapping(period="Year", area_name="Area", value="Value", file_period="2020"),
         "either a period column or a period for the whole file"),
        (ColumnMapping(area_name="Area", value="Value", file_period="last year"),
         "The period for the whole file: 'last year' is not a period"),
        (ColumnMapping(area_name="Area", value="Value", period_month="Month"),
         "A month column needs a year column"),
        (ColumnMapping(period="Year", value="Value", value_note="Gone"), "chosen for the value note is not in"),
    ],
)
def test_period_choices_that_cannot_work_are_explained(mapping, says):
    problems = mapping_problems(mapping, ["Year", "Month", "Area", "Value"])
    assert any(says in problem for problem in problems), problems


@pytest.mark.django_db
def test_values_are_stored_to_full_precision_and_read_by_the_statistics_as_floats(partnership):
    indicator = Indicator.objects.create(partnership=partnership, name="Share", unit="percentage",
                                         direction="higher", frequency="year")
    area = Area.objects.create(workspace=partnership.workspace, name="Bury", is_own_area=True)
    precise = Decimal("57.1428571428571429")  # 16 places: was cut to 57.142857
    period = year_period(2020)
    Measurement.objects.create(indicator=indicator, area=area, period_start=period.start,
                               period_end=period.end, period_label=period.label, frequency="year",
                               value=precise, numerator=Decimal("4.0000000000000001"))
    Measurement.objects.create(indicator=indicator, area=area, period_start=date(2021, 1, 1),
                               period_end=date(2021, 12, 31), period_label="2021", frequency="year",
                               status="suppressed", marker="c")
    stored = Measurement.objects.get(period_label="2020")
    assert abs(stored.value - precise) < Decimal("1e-12")  # SQLite keeps ~15 digits, PostgreSQL all
    frame = measurement_frame(indicator)
    assert frame["value"].dtype == float
    assert frame["value"].iloc[0] == pytest.approx(57.142857142857146, rel=1e-14)
    assert frame["value"].isna().iloc[1] and frame["marker"].iloc[1] == "c"


@pytest.mark.parametrize(
    ("text", "value"),
    [("12", Decimal("12")), ("-0.5", Decimal("-0.5")), ("1234567890123456", Decimal("1234567890123456")),
     ("0000000000000000000", Decimal("0"))],
)
def test_plain_numbers_read_quickly_as_numbers_without_a_marker(text, value):
    assert read_value(text) == read_value(f" {text} ") == read_value_slowly(text)
    assert (read_value(text).value, read_value(text).status, read_value(text).marker) == (value, Status.OK, "")


def read_value_slowly(text):
    """The cell read by the full path (the fast path skipped), to compare."""
    cell = without_html(text)
    return ValueCell(parse_number(cell, " ".join(cell.split()).casefold()), Status.OK, "", False)


def test_a_plain_number_too_long_is_still_refused_with_the_reason():
    with pytest.raises(ValueFormatError, match="too large"):
        read_value("12345678901234567")


@pytest.mark.django_db
def test_a_changed_marker_is_a_change_on_re_import(partnership, editor, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    indicator = Indicator.objects.create(partnership=partnership, name="Plans", unit="count",
                                         direction="lower", frequency="year")
    mapping = ColumnMapping(period="Year", value="Value").to_dict()
    first = importing.stage_upload(indicator, editor, "a.csv", b"Year,Value\n2020,c\n")
    first.mapping = mapping
    first.save()
    importing.commit(first, editor)
    again = importing.stage_upload(indicator, editor, "a.csv", b"Year,Value\n2020,x\n")
    again.mapping = mapping
    again.save()
    assert (importing.preview(again).changed, importing.preview(again).unchanged) == (1, 0)
    importing.commit(again, editor)
    revision = Measurement.objects.get().revisions.get()
    assert (revision.old_marker, revision.new_marker) == ("c", "x")


def test_a_quarter_end_column_is_proposed_as_quarters():
    # nhsd_adult-social-care… Table 4 heads its dates "Quarter end".
    proposed = propose_mapping(table(["Quarter end", "Value"], ["30/06/2021", "5"], ["30/09/2021", "6"]))
    assert proposed.period_dates == DateMeaning.QUARTER_ENDING
    rows, errors = apply_mapping(table(["Quarter end", "Value"], ["30/09/2021", "6"]), proposed)
    assert not errors and rows[0].period == quarter_period(2021, 3)


def test_in_a_wide_layout_the_user_chooses_the_value_numerator_and_denominator_sub_columns():
    # Issue 12 §1.3: a year merged over Rate / Count / Population, flattened to "2016 · Rate".
    wide = Table(
        ["Area", "2016 · Rate", "2016 · Count", "2016 · Population", "2017 · Rate", "2017 · Count",
         "2017 · Population"],
        [TableRow(3, ["Bury", "12.5", "25", "200,000", "x", "", "190000"])], "csv", header_row=2,
    )
    proposed = propose_mapping(wide)
    assert (proposed.layout, proposed.wide_value, proposed.wide_denominator) == ("wide_periods", "Rate", "Population")
    chosen = ColumnMapping(area_name="Area", layout="wide_periods", wide_value="Rate", wide_numerator="Count",
                           wide_denominator="Population")
    rows, errors = apply_mapping(wide, chosen)
    assert not errors
    assert [(r.period, r.value, r.numerator, r.denominator, r.status, r.marker) for r in rows] == [
        (year_period(2016), Decimal("12.5"), Decimal("25"), Decimal("200000"), Status.OK, ""),
        (year_period(2017), None, None, Decimal("190000"), Status.SUPPRESSED, "x"),
    ]


def test_a_file_with_a_column_per_area_may_take_the_period_typed_for_the_whole_file():
    # StatsWales exports: areas across, the years only in a filter row above the table;
    # column A (the group, no header) is neither an area nor a value.
    wide = table(["Column A", "Measure", "Cardiff", "Newport"],
                 ["Smoking", "Smoker", "13.1", "16.6"], ["", "Ex-smoker", "25.7", "."])
    mapping = ColumnMapping(layout="wide_areas", indicator="Measure", file_period="2021-22 & 2022-23")
    assert mapping_problems(mapping, wide.headers) == []
    rows, errors = apply_mapping(wide, mapping)
    assert not errors
    assert [(r.area_name, r.indicator, r.value, r.marker) for r in rows] == [
        ("Cardiff", "Smoker", Decimal("13.1"), ""), ("Newport", "Smoker", Decimal("16.6"), ""),
        ("Cardiff", "Ex-smoker", Decimal("25.7"), ""), ("Newport", "Ex-smoker", None, "."),
    ]
    assert {r.period.label for r in rows} == {"2021/22 to 2022/23"}
    by_period = ColumnMapping(layout="wide_periods", area_name="Area", file_period="2020")
    assert any("cannot go with a column per period" in p for p in mapping_problems(by_period, ["Area", "2019"]))
