from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from joinedup.indicators.periods import (
    DateMeaning,
    Frequency,
    Period,
    PeriodError,
    academic_year_period,
    combine_year_and_month,
    day_period,
    ees_period,
    financial_quarter_period,
    financial_year_period,
    financial_years_period,
    mid_year_period,
    month_period,
    parse_period,
    quarter_period,
    week_period,
    year_period,
    years_period,
)

FY = Frequency.FINANCIAL_YEAR


@pytest.mark.parametrize(
    ("text", "label", "start", "end", "frequency"),
    [
        ("2023-24", "2023/24", date(2023, 4, 1), date(2024, 3, 31), FY),
        ("2023/24", "2023/24", date(2023, 4, 1), date(2024, 3, 31), FY),
        ("2023/2024", "2023/24", date(2023, 4, 1), date(2024, 3, 31), FY),
        ("2023-2024", "2023/24", date(2023, 4, 1), date(2024, 3, 31), FY),
        ("FY2023-24", "2023/24", date(2023, 4, 1), date(2024, 3, 31), FY),
        ("FY 2023/24", "2023/24", date(2023, 4, 1), date(2024, 3, 31), FY),
        ("2023\u201324", "2023/24", date(2023, 4, 1), date(2024, 3, 31), FY),
        ("1999/00", "1999/00", date(1999, 4, 1), date(2000, 3, 31), FY),
        ("Q1 2024", "2024 Q1", date(2024, 1, 1), date(2024, 3, 31), Frequency.QUARTER),
        ("2024 Q1", "2024 Q1", date(2024, 1, 1), date(2024, 3, 31), Frequency.QUARTER),
        ("2024-Q1", "2024 Q1", date(2024, 1, 1), date(2024, 3, 31), Frequency.QUARTER),
        ("2024Q4", "2024 Q4", date(2024, 10, 1), date(2024, 12, 31), Frequency.QUARTER),
        ("Jan-Mar 2024", "2024 Q1", date(2024, 1, 1), date(2024, 3, 31), Frequency.QUARTER),
        ("Q1 2024/25", "2024/25 Q1", date(2024, 4, 1), date(2024, 6, 30), Frequency.QUARTER),
        ("Q3 2024-25", "2024/25 Q3", date(2024, 10, 1), date(2024, 12, 31), Frequency.QUARTER),
        ("2024/25 Q4", "2024/25 Q4", date(2025, 1, 1), date(2025, 3, 31), Frequency.QUARTER),
        ("Apr-24", "Apr 2024", date(2024, 4, 1), date(2024, 4, 30), Frequency.MONTH),
        ("Apr 2024", "Apr 2024", date(2024, 4, 1), date(2024, 4, 30), Frequency.MONTH),
        ("April 2024", "Apr 2024", date(2024, 4, 1), date(2024, 4, 30), Frequency.MONTH),
        ("Sept 2023", "Sep 2023", date(2023, 9, 1), date(2023, 9, 30), Frequency.MONTH),
        ("2024 FEB", "Feb 2024", date(2024, 2, 1), date(2024, 2, 29), Frequency.MONTH),
        ("2024-04", "Apr 2024", date(2024, 4, 1), date(2024, 4, 30), Frequency.MONTH),
        ("04/2024", "Apr 2024", date(2024, 4, 1), date(2024, 4, 30), Frequency.MONTH),
        ("2024-04-01", "2024-04-01", date(2024, 4, 1), date(2024, 4, 1), Frequency.DAY),
        ("01/04/2024", "2024-04-01", date(2024, 4, 1), date(2024, 4, 1), Frequency.DAY),
        ("1/4/24", "2024-04-01", date(2024, 4, 1), date(2024, 4, 1), Frequency.DAY),
        ("05-Jan-20", "2020-01-05", date(2020, 1, 5), date(2020, 1, 5), Frequency.DAY),
        ("1st April 2024", "2024-04-01", date(2024, 4, 1), date(2024, 4, 1), Frequency.DAY),
        ("2024", "2024", date(2024, 1, 1), date(2024, 12, 31), Frequency.YEAR),
        ("2024-W14", "week ending 2024-04-07", date(2024, 4, 1), date(2024, 4, 7), Frequency.WEEK),
        (
            "w/e 07/04/2024",
            "week ending 2024-04-07",
            date(2024, 4, 1),
            date(2024, 4, 7),
            Frequency.WEEK,
        ),
    ],
)
def test_it_reads_the_forms_found_in_public_files(text, label, start, end, frequency):
    period = parse_period(text)

    assert (period.label, period.start, period.end, period.frequency) == (
        label,
        start,
        end,
        frequency,
    )


def test_it_reads_two_digit_financial_second_year_as_a_financial_year_not_december():
    assert parse_period("2011-12").frequency == FY
    assert parse_period("Dec 2011").label == "Dec 2011"


def test_it_reads_year_and_month_when_the_second_part_is_not_the_next_year():
    assert parse_period("2024-04") == month_period(2024, 4)
    assert parse_period("2024/04") == month_period(2024, 4)


def test_it_reads_slashed_dates_day_first():
    assert parse_period("02/03/2024") == day_period(date(2024, 3, 2))


def test_it_pivots_two_digit_years_at_70():
    assert parse_period("Jan-69").start == date(2069, 1, 1)
    assert parse_period("Jan-70").start == date(1970, 1, 1)


def test_it_reads_excel_date_cells():
    assert parse_period(datetime(2024, 4, 1, 0, 0)) == day_period(date(2024, 4, 1))
    assert parse_period(date(2024, 4, 1)) == day_period(date(2024, 4, 1))
    assert parse_period(2024) == year_period(2024)


@pytest.mark.parametrize(
    ("date_means", "label", "start", "end"),
    [
        (DateMeaning.DAY, "2020-01-05", date(2020, 1, 5), date(2020, 1, 5)),
        (DateMeaning.WEEK_ENDING, "week ending 2020-01-05", date(2019, 12, 30), date(2020, 1, 5)),
        (DateMeaning.WEEK_STARTING, "week ending 2020-01-11", date(2020, 1, 5), date(2020, 1, 11)),
        (DateMeaning.MONTH, "Jan 2020", date(2020, 1, 1), date(2020, 1, 31)),
    ],
)
def test_it_reads_full_dates_as_the_caller_says(date_means, label, start, end):
    for value in ("05-Jan-20", "2020-01-05", datetime(2020, 1, 5)):
        period = parse_period(value, date_means)

        assert (period.label, period.start, period.end) == (label, start, end)


def test_it_takes_date_meaning_as_plain_text():
    assert parse_period("2017-03-01", "month") == month_period(2017, 3)


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("last year", "Write it like"),
        ("2023-25", "neither a financial year"),
        ("2023/2025", "second year does not follow"),
        ("FY2023-25", "second year does not follow"),
        ("Q1 2023/25", "second year does not follow"),
        ("04/13/2024", "day first"),
        ("31/02/2024", "not a real date"),
        ("2024-02-30", "not a real date"),
        ("Q5 2024", "Q1 to Q4"),
        ("13/2024", "months run from 01 to 12"),
        ("Feb-Apr 2024", "not a calendar quarter"),
        ("2024-W54", "no week 54"),
        ("week ending April 2024", "date the week ends"),
        ("2024-04-01 13:45", "Write it like"),
    ],
)
def test_it_refuses_what_it_cannot_read_and_says_how_to_write_it(text, says):
    with pytest.raises(PeriodError) as raised:
        parse_period(text)

    assert says in str(raised.value)


def test_it_refuses_cells_that_are_not_text_dates_or_years():
    with pytest.raises(PeriodError, match="is not a period"):
        parse_period(12.5)


def test_periods_sort_by_start():
    later, earlier = financial_year_period(2024), financial_year_period(2023)

    assert sorted([later, earlier]) == [earlier, later]


days = st.dates(min_value=date(1900, 1, 1), max_value=date(2199, 12, 31))
years = st.integers(min_value=1900, max_value=2198)
periods = st.one_of(
    days.map(day_period),
    days.map(week_period),
    st.builds(month_period, years, st.integers(1, 12)),
    st.builds(quarter_period, years, st.integers(1, 4)),
    st.builds(financial_quarter_period, years, st.integers(1, 4)),
    years.map(year_period),
    years.map(financial_year_period),
)


@given(periods)
def test_canonical_labels_read_back_to_the_same_period(period: Period):
    assert parse_period(period.label) == period
    assert parse_period(str(period)) == period


@given(periods)
def test_periods_run_forwards_and_fit_their_frequency(period: Period):
    length = (period.end - period.start).days + 1
    expected = {
        Frequency.DAY: {1},
        Frequency.WEEK: {7},
        Frequency.MONTH: {28, 29, 30, 31},
        Frequency.QUARTER: {90, 91, 92},
        Frequency.YEAR: {365, 366},
        Frequency.FINANCIAL_YEAR: {365, 366},
    }[period.frequency]

    assert length in expected
    assert (period.end + timedelta(days=1)).day == 1 or period.frequency in {
        Frequency.DAY,
        Frequency.WEEK,
    }


@given(days)
def test_every_way_of_writing_a_day_gives_that_day(day: date):
    forms = [
        day.isoformat(),
        day.strftime("%d/%m/%Y"),
        f"{day.day} {day.strftime('%B')} {day.year}",
        f"{day.day:02d}-{day.strftime('%b')}-{day.year}",
    ]
    for form in forms:
        assert parse_period(form) == day_period(day), form


SEVERAL = Frequency.SEVERAL_YEARS


@pytest.mark.parametrize(
    ("text", "where", "label", "start", "end", "frequency"),
    [
        # Each label as it stands in a file of tests/data/public/indicators-dev.
        ("2022/23", "ohid_fingertips… line 2, Time period", "2022/23", date(2022, 4, 1), date(2023, 3, 31), FY),
        ("2021-22", "statswales_adult-lifestyles… line 7", "2021/22", date(2021, 4, 1), date(2022, 3, 31), FY),
        ("2014-2015", "ons_weekly-death… sheet Combined, season", "2014/15", date(2014, 4, 1), date(2015, 3, 31), FY),
        ("Q1 2018", "phs_care-at-home… line 2, date", "2018 Q1", date(2018, 1, 1), date(2018, 3, 31), Frequency.QUARTER),
        ("1988 Q1", "ons_cpi-tobacco… line 42", "1988 Q1", date(1988, 1, 1), date(1988, 3, 31), Frequency.QUARTER),
        ("Jan-21", "statswales_nhs-beds… line 2, date", "Jan 2021", date(2021, 1, 1), date(2021, 1, 31), Frequency.MONTH),
        ("2021 MAR", "ons_cpi-tobacco… line 574", "Mar 2021", date(2021, 3, 1), date(2021, 3, 31), Frequency.MONTH),
        ("April 2022", "nhse_critical-care… line 2, date", "Apr 2022", date(2022, 4, 1), date(2022, 4, 30), Frequency.MONTH),
        ("2023 Apr ", "padded, as some exports write it", "Apr 2023", date(2023, 4, 1), date(2023, 4, 30), Frequency.MONTH),
        (
            "w/c 04/12/2023 (daily snapshot)", "nhse_community-discharge… Table 3!E3",
            "week ending 2023-12-10", date(2023, 12, 4), date(2023, 12, 10), Frequency.WEEK,
        ),
        ("week commencing 4 December 2023", "", "week ending 2023-12-10", date(2023, 12, 4), date(2023, 12, 10), Frequency.WEEK),
        (
            "2004 to 2006 calendar years; 3-year aggregates", "phs_scotpho… line 2, period",
            "2004 to 2006", date(2004, 1, 1), date(2006, 12, 31), SEVERAL,
        ),
        ("4-year aggregate (2014 - 2017)", "", "2014 to 2017", date(2014, 1, 1), date(2017, 12, 31), SEVERAL),
        ("2014-2017", "", "2014 to 2017", date(2014, 1, 1), date(2017, 12, 31), SEVERAL),
        ("2017 to 19", "", "2017 to 2019", date(2017, 1, 1), date(2019, 12, 31), SEVERAL),
        ("2018/19 - 20/21", "Fingertips' pooled years", "2018/19 to 2020/21", date(2018, 4, 1), date(2021, 3, 31), SEVERAL),
        (
            "2021-22 & 2022-23", "statswales_adult-lifestyles… line 7, Year filter", "2021/22 to 2022/23",
            date(2021, 4, 1), date(2023, 3, 31), SEVERAL,
        ),
        (
            "2022/23 school year", "", "2022/23 academic year", date(2022, 9, 1), date(2023, 8, 31),
            Frequency.ACADEMIC_YEAR,
        ),
        (
            "Academic year 2022-23", "", "2022/23 academic year", date(2022, 9, 1), date(2023, 8, 31),
            Frequency.ACADEMIC_YEAR,
        ),
        ("45264", "an Excel serial (4 December 2023) that lost its format", "2023-12-04", date(2023, 12, 4), date(2023, 12, 4), Frequency.DAY),
        ("45264.0", "", "2023-12-04", date(2023, 12, 4), date(2023, 12, 4), Frequency.DAY),
    ],
)
def test_it_reads_the_labels_of_the_development_files(text, where, label, start, end, frequency):
    period = parse_period(text)

    assert (period.label, period.start, period.end, period.frequency) == (label, start, end, frequency)
    assert parse_period(period.label) == period  # the stored label reads back


def test_a_week_ended_row_of_text_dates_reads_as_weeks():
    # ons_weekly-death… sheet 2011, row 5 "Week ended": B5 is the text '7-Jan-11'.
    period = parse_period("7-Jan-11", DateMeaning.WEEK_ENDING)
    assert (period.start, period.end, period.label) == (
        date(2011, 1, 1), date(2011, 1, 7), "week ending 2011-01-07"
    )


def test_an_excel_serial_number_cell_is_a_date_read_as_the_caller_says():
    assert parse_period(45264) == day_period(date(2023, 12, 4))
    assert parse_period(45264, DateMeaning.MONTH) == month_period(2023, 12)
    assert parse_period(2024) == year_period(2024)  # four digits stay a year


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("3-year aggregate (2014 - 2017)", "says the window is 3 years long"),
        ("2017 to 2015", "ends before it starts"),
        ("2022/24 school year", "second year does not follow"),
        ("2020/21 - 2019/20", "ends before it starts"),
        ("2019-20 & 2021-22", "not one after the other"),
    ],
)
def test_it_refuses_windows_and_academic_years_that_do_not_add_up(text, says):
    with pytest.raises(PeriodError, match=says):
        parse_period(text)


@pytest.mark.parametrize(
    ("year", "month", "date_means", "expected"),
    [
        # The issue's example: financial year 2020-21 with period-end month September.
        ("2020-21", "September", DateMeaning.QUARTER_ENDING, quarter_period(2020, 3)),
        ("2020-21", "September", DateMeaning.MONTH, month_period(2020, 9)),
        ("2020-21", "January", DateMeaning.MONTH, month_period(2021, 1)),
        ("2020-21", "Mar", DateMeaning.QUARTER_ENDING, quarter_period(2021, 1)),
        ("2022/23 academic year", "August", DateMeaning.MONTH, month_period(2023, 8)),
        ("2020", "June", DateMeaning.QUARTER_ENDING, quarter_period(2020, 2)),
        # nhse_rtt… B10 on: financial year "2007/08" beside a month cell that is a date (Apr-07).
        ("2007/08", datetime(2007, 4, 1), DateMeaning.MONTH, month_period(2007, 4)),
    ],
)
def test_two_columns_make_one_period(year, month, date_means, expected):
    assert combine_year_and_month(year, month, date_means) == expected


def test_a_month_that_is_not_a_quarter_end_is_refused_as_one():
    with pytest.raises(PeriodError, match="quarters end in March, June, September or December"):
        combine_year_and_month("2020-21", "August", DateMeaning.QUARTER_ENDING)
    with pytest.raises(PeriodError, match="should be a year for the month"):
        combine_year_and_month("Q1 2020", "March")


windows = st.tuples(years, st.integers(1, 10)).filter(lambda pair: pair[0] + pair[1] <= 2199)


@given(st.one_of(
    years.map(academic_year_period),
    windows.map(lambda pair: years_period(pair[0], pair[0] + pair[1])),
    windows.map(lambda pair: financial_years_period(pair[0], pair[0] + pair[1])),
))
def test_academic_years_and_windows_read_back_from_their_labels(period: Period):
    assert parse_period(period.label) == period
    assert period.start < period.end


# Issue 12 §1.5, every label it lists as publishers write them, with its true start and end.
@pytest.mark.parametrize(
    ("text", "date_means", "label", "start", "end", "frequency"),
    [
        ("2013-14", DateMeaning.DAY, "2013/14", date(2013, 4, 1), date(2014, 3, 31), FY),  # a title's period
        ("2023/24", DateMeaning.DAY, "2023/24", date(2023, 4, 1), date(2024, 3, 31), FY),
        ("2023-24", DateMeaning.DAY, "2023/24", date(2023, 4, 1), date(2024, 3, 31), FY),
        ("2015/2016", DateMeaning.DAY, "2015/16", date(2015, 4, 1), date(2016, 3, 31), FY),
        ("Q1 2024", DateMeaning.DAY, "2024 Q1", date(2024, 1, 1), date(2024, 3, 31), Frequency.QUARTER),
        ("2024 Q1", DateMeaning.DAY, "2024 Q1", date(2024, 1, 1), date(2024, 3, 31), Frequency.QUARTER),
        ("Apr-24", DateMeaning.DAY, "Apr 2024", date(2024, 4, 1), date(2024, 4, 30), Frequency.MONTH),
        ("2023 Apr ", DateMeaning.DAY, "Apr 2023", date(2023, 4, 1), date(2023, 4, 30), Frequency.MONTH),
        ("Mar 2021", DateMeaning.DAY, "Mar 2021", date(2021, 3, 1), date(2021, 3, 31), Frequency.MONTH),
        ("January 2024", DateMeaning.DAY, "Jan 2024", date(2024, 1, 1), date(2024, 1, 31), Frequency.MONTH),
        (
            "week ending 07/04/2024", DateMeaning.DAY, "week ending 2024-04-07", date(2024, 4, 1),
            date(2024, 4, 7), Frequency.WEEK,
        ),
        (  # a "Week ended" row of dates, as the column choices say
            "7-Jan-11", DateMeaning.WEEK_ENDING, "week ending 2011-01-07", date(2011, 1, 1),
            date(2011, 1, 7), Frequency.WEEK,
        ),
        ("45292", DateMeaning.DAY, "2024-01-01", date(2024, 1, 1), date(2024, 1, 1), Frequency.DAY),  # Excel serial
        ("45292", DateMeaning.MONTH, "Jan 2024", date(2024, 1, 1), date(2024, 1, 31), Frequency.MONTH),
        (
            "2022/23 school year", DateMeaning.DAY, "2022/23 academic year", date(2022, 9, 1),
            date(2023, 8, 31), Frequency.ACADEMIC_YEAR,
        ),
        (
            "2020 to 2022 calendar years; 3-year aggregates", DateMeaning.DAY, "2020 to 2022",
            date(2020, 1, 1), date(2022, 12, 31), SEVERAL,
        ),
        (
            "4-year aggregate (2014 - 2017)", DateMeaning.DAY, "2014 to 2017", date(2014, 1, 1),
            date(2017, 12, 31), SEVERAL,
        ),
        ("Mid-2023", DateMeaning.DAY, "Mid-2023", date(2023, 6, 30), date(2023, 6, 30), Frequency.YEAR),
    ],
)
def test_every_label_the_issue_lists_reads_with_its_true_start_and_end(
    text, date_means, label, start, end, frequency
):
    period = parse_period(text, date_means)

    assert (period.label, period.start, period.end, period.frequency) == (label, start, end, frequency)
    assert parse_period(period.label, date_means) == period


def test_the_issues_two_columns_make_july_to_september_2020():
    # Financial year 2020-21 with the period-end month September (issue 12 §1.5).
    period = combine_year_and_month("2020-21", "September", DateMeaning.QUARTER_ENDING)
    assert (period.start, period.end, period.label) == (date(2020, 7, 1), date(2020, 9, 30), "2020 Q3")


@pytest.mark.parametrize("text", ["Mid-2023", "mid-2023", "Mid 2023", "mid-year 2023", "Mid-year estimate 2023"])
def test_an_ons_mid_year_estimate_is_the_population_on_30_june_once_a_year(text):
    # ons_mid-year-population-estimates… sheet MYE4, row 8: Mid-2023, Mid-2022, … headers.
    period = parse_period(text)
    assert period == mid_year_period(2023)
    assert (period.start, period.end, period.frequency, period.label) == (
        date(2023, 6, 30), date(2023, 6, 30), Frequency.YEAR, "Mid-2023"
    )


def test_a_publishers_code_around_a_month_is_that_month():
    # nhse_ae-attendances… line 2, Period: MSitAE-APRIL-2025.
    assert parse_period("MSitAE-APRIL-2025") == month_period(2025, 4)
    assert parse_period("Jan-Mar-2024") == quarter_period(2024, 1)  # a range of months stays a quarter


@pytest.mark.parametrize(
    ("time_period", "time_identifier", "expected"),
    [
        ("202223", "Academic year", academic_year_period(2022)),
        ("202223", "Financial year", financial_year_period(2022)),
        ("202223", "financial year q2", financial_quarter_period(2022, 2)),
        ("2023", "Calendar year", year_period(2023)),
        ("2023", "Calendar year Q4", quarter_period(2023, 4)),
        ("2023.0", "Calendar year", year_period(2023)),  # a number cell of a workbook
        ("2013", "Reporting year", year_period(2013)),  # dfe_cpp… line 2
        ("2023", "January", month_period(2023, 1)),
        ("199900", "Academic year", academic_year_period(1999)),
    ],
)
def test_explore_education_statistics_time_periods_read_with_their_time_identifier(
    time_period, time_identifier, expected
):
    assert ees_period(time_period, time_identifier) == expected
    # The same two cells as a year column and a month (time identifier) column.
    assert combine_year_and_month(time_period, time_identifier) == expected


@pytest.mark.parametrize(
    ("time_period", "time_identifier", "says"),
    [
        ("2023", "Academic year", "should be six digits"),
        ("202224", "Financial year", "should be six digits"),
        ("202223", "Calendar year", "four digits"),
        ("202223", "Tax year", "6 April to 5 April"),
        ("202223", "Academic year Q1", "academic quarters"),
        ("202223", "Spring term", "school term"),
        ("202223", "Autumn and spring term", "school term"),
        ("2023", "Fortnight", "not a time identifier joinedup recognises"),
    ],
)
def test_explore_education_statistics_periods_it_cannot_store_truly_are_refused(time_period, time_identifier, says):
    with pytest.raises(PeriodError, match=says):
        ees_period(time_period, time_identifier)


def test_six_digits_alone_are_refused_saying_to_choose_the_time_identifier_column():
    with pytest.raises(PeriodError, match="could be an academic or a financial year.*time_identifier"):
        parse_period("202223")
    with pytest.raises(PeriodError, match="not a period joinedup recognises"):
        parse_period("202312")  # not a year across two; a month written YYYYMM is not guessed
