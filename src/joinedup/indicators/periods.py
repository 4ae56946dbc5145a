"""Period labels as they appear in public-sector indicator files.

`parse_period` turns a label such as ``2023/24``, ``Q1 2024``, ``Apr-24`` or
``01/04/2024`` (or a date cell from Excel) into a `Period`: a start date, an
end date, a frequency and one canonical label. Canonical labels parse back to
the same period, so they can be stored and shown without losing anything:

- day: ``2024-04-01`` (from ``01/04/2024``, ``1 Apr 2024``, ``05-Jan-20``)
- week: ``week ending 2024-04-07`` (from ``2024-W14``, ``w/e 07/04/2024``)
- month: ``Apr 2024`` (from ``Apr-24``, ``April 2024``, ``2024-04``, ``04/2024``)
- quarter: ``2024 Q1`` (from ``Q1 2024``, ``2024-Q1``, ``Jan-Mar 2024``)
- financial quarter: ``2024/25 Q1`` (from ``Q1 2024/25``; April to June 2024)
- year: ``2024``
- financial year: ``2024/25`` (from ``2024-25``, ``2024/2025``, ``FY2024-25``)
- academic year: ``2022/23 academic year`` (from ``2022/23 school year``,
  ``academic year 2022-23``); 1 September to 31 August
- mid-year: ``Mid-2023`` (ONS's mid-year population estimates): the
  population on 30 June 2023, a point in time published once a year, so a
  yearly period whose start and end are both 30 June
- several years: ``2020 to 2022`` (from ``2020 to 2022 calendar years; 3-year
  aggregates``, ``4-year aggregate (2014 - 2017)``, ``2014-2017``) and
  ``2018/19 to 2020/21`` for financial years (from ``2018/19 - 20/21``,
  ``2021-22 & 2022-23``): a rolling or pooled window,
  stored with its true start and end

Ambiguities, decided deliberately:

- ``2023-24`` and ``2023/24`` are financial years (1 April to 31 March),
  because the second part is the next year. ``2024-04`` is a month (April
  2024). So ``2011-12`` is financial year 2011/12, not December 2011: write
  that month as ``Dec 2011`` or ``12/2011``. (This is why the canonical label
  of a month is ``Apr 2024`` and not ``2024-04``.)
- Dates with slashes are day first, as in the UK: ``01/04/2024`` is 1 April.
  ``04/13/2024`` is refused rather than read as a US date.
- A plain year such as ``2024`` is a calendar year.
- Two-digit years (``Apr-24``, ``05-Jan-20``) are 2000-2069 for 00-69 and
  1970-1999 for 70-99.
- A quarter written with a financial year (``Q1 2024/25``) is a financial
  quarter: Q1 is April to June, Q4 is January to March.
- A full date is a day unless the caller says how dates are meant
  (``date_means``): files often hold monthly data as ``2017-03-01``, or
  weekly data as the date the week ends.
- ``2014-2017`` (four digits each side, the second not the next year) is a
  window of calendar years; ``2014/2017`` and ``2023-25`` are refused, since
  a slash or two digits mean a financial year that was mistyped. A stated
  length (``3-year aggregates``) must match the years given.
- A whole number from 10000 to 99999 is an Excel date serial (days since
  30 December 1899, as Excel counts): ``45292`` is 1 January 2024. No year
  has five digits, and exported workbooks often lose the date format.
- Explore Education Statistics (DfE) writes ``time_period`` as ``2023`` or
  ``202223`` beside a ``time_identifier`` that says what kind of period it
  is (``Academic year``, ``Financial year``, ``Calendar year``, ``Reporting
  year``, ``Financial year Q2``, ``January``): see `ees_period`. Six digits
  alone are refused, since ``202223`` is as often an academic year as a
  financial one. A ``Reporting year`` is read as the calendar year it names
  (EES leaves its span to each publication). Tax years (6 April to 5 April),
  terms and academic-year quarters are refused rather than stored as
  something near them.
- A publisher's code around a month (NHS England's ``MSitAE-APRIL-2025``:
  letters, a dash, the month, a dash, the year) is that month.
- A week commencing date (``w/c 04/12/2023``) is the week starting that day;
  a trailing note in brackets (``(daily snapshot)``) is ignored when the rest
  is a period.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from django.utils.translation import get_language, gettext, gettext_lazy

from joinedup.design_system.dates import month_abbreviation


class Frequency(StrEnum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"
    FINANCIAL_YEAR = "financial_year"
    ACADEMIC_YEAR = "academic_year"
    SEVERAL_YEARS = "several_years"


# The most days from the end of one period to the end of the next in a regular
# series of each frequency: how old a series' latest value may be before the next
# one is due. Windows of several years are taken as rolling, one a year (ScotPHO's
# "2004 to 2006", then "2005 to 2007"), as publishers mostly release them.
STEP_DAYS: dict[Frequency, int] = {
    Frequency.DAY: 1,
    Frequency.WEEK: 7,
    Frequency.MONTH: 31,
    Frequency.QUARTER: 92,
    Frequency.YEAR: 366,
    Frequency.FINANCIAL_YEAR: 366,
    Frequency.ACADEMIC_YEAR: 366,
    Frequency.SEVERAL_YEARS: 366,
}


class DateMeaning(StrEnum):
    """What a full date in a period column stands for."""

    DAY = "day"
    WEEK_ENDING = "week ending"
    WEEK_STARTING = "week starting"
    MONTH = "month"
    QUARTER_ENDING = "quarter ending"


@dataclass(frozen=True, order=True)
class Period:
    """A span of time that a measurement covers; both dates are inclusive."""

    start: date
    end: date
    frequency: Frequency
    label: str

    def __str__(self) -> str:
        return self.label


class PeriodError(ValueError):
    """A period label that cannot be read; the message says how to write it."""


EXAMPLES = gettext_lazy("2023/24 (financial year), 2024 Q1, Q1 2024/25, Apr 2024, 01/04/2024 or 2024")

# English names, not the locale's: files and labels are in English.
MONTH_NAMES = (
    "January February March April May June July August September October November December"
).split()
MONTHS = {
    name: number
    for number, full in enumerate(MONTH_NAMES, 1)
    for name in (full.lower(), full[:3].lower())
}
MONTHS["sept"] = 9
MONTH_PATTERN = "|".join(sorted(MONTHS, key=len, reverse=True))


def day_period(day: date) -> Period:
    return Period(day, day, Frequency.DAY, day.isoformat())


def week_period(end: date) -> Period:
    return Period(end - timedelta(days=6), end, Frequency.WEEK, f"week ending {end.isoformat()}")


def month_period(year: int, month: int) -> Period:
    last = calendar.monthrange(year, month)[1]
    return Period(
        date(year, month, 1),
        date(year, month, last),
        Frequency.MONTH,
        f"{MONTH_NAMES[month - 1][:3]} {year:04d}",
    )


def quarter_period(year: int, quarter: int) -> Period:
    first_month = 3 * (quarter - 1) + 1
    end_month = first_month + 2
    end = date(year, end_month, calendar.monthrange(year, end_month)[1])
    return Period(date(year, first_month, 1), end, Frequency.QUARTER, f"{year:04d} Q{quarter}")


def financial_quarter_period(first_year: int, quarter: int) -> Period:
    """Quarter of the financial year starting 1 April `first_year`; Q1 is April to June."""
    first_month = 3 * quarter + 1
    year = first_year if first_month <= 12 else first_year + 1
    first_month = (first_month - 1) % 12 + 1
    end_month = first_month + 2
    end = date(year, end_month, calendar.monthrange(year, end_month)[1])
    label = f"{financial_year_label(first_year)} Q{quarter}"
    return Period(date(year, first_month, 1), end, Frequency.QUARTER, label)


def year_period(year: int) -> Period:
    return Period(date(year, 1, 1), date(year, 12, 31), Frequency.YEAR, f"{year:04d}")


def financial_year_period(first_year: int) -> Period:
    return Period(
        date(first_year, 4, 1),
        date(first_year + 1, 3, 31),
        Frequency.FINANCIAL_YEAR,
        financial_year_label(first_year),
    )


def academic_year_period(first_year: int) -> Period:
    """The school year starting 1 September `first_year` (as DfE counts it)."""
    return Period(
        date(first_year, 9, 1),
        date(first_year + 1, 8, 31),
        Frequency.ACADEMIC_YEAR,
        f"{financial_year_label(first_year)} academic year",
    )


def mid_year_period(year: int) -> Period:
    """ONS's mid-year estimate for `year`: the population on 30 June, one a year."""
    day = date(year, 6, 30)
    return Period(day, day, Frequency.YEAR, f"Mid-{year:04d}")


def years_period(first_year: int, last_year: int) -> Period:
    """Calendar years `first_year` to `last_year` together (a pooled or rolling window)."""
    return Period(
        date(first_year, 1, 1), date(last_year, 12, 31), Frequency.SEVERAL_YEARS,
        f"{first_year:04d} to {last_year:04d}",
    )


def financial_years_period(first_year: int, last_year: int) -> Period:
    """Financial years starting `first_year` to starting `last_year`, together."""
    return Period(
        date(first_year, 4, 1), date(last_year + 1, 3, 31), Frequency.SEVERAL_YEARS,
        f"{financial_year_label(first_year)} to {financial_year_label(last_year)}",
    )


def quarter_ending_period(year: int, month: int, text: str) -> Period:
    if month % 3:
        raise PeriodError(
            gettext("'%(text)s' is not the end of a calendar quarter: quarters end in March, June, "
                    "September or December. Say the dates mean the month instead.") % {"text": text}
        )
    return quarter_period(year, month // 3)


def financial_year_label(first_year: int) -> str:
    return f"{first_year:04d}/{(first_year + 1) % 100:02d}"


# The canonical labels with English words in them, as the importer stores them.
MONTH_LABEL = re.compile(r"(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{4})")
WEEK_LABEL = re.compile(r"week ending (\d{4}-\d{2}-\d{2})")
ACADEMIC_LABEL = re.compile(r"(\d{4}/\d{2}) academic year")
MID_YEAR_LABEL = re.compile(r"Mid-(\d{4})")
YEARS_LABEL = re.compile(r"(\d{4}(?:/\d{2})?) to (\d{4}(?:/\d{2})?)")
SHORT_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def shown_label(label: str) -> str:
    """A stored period label in the page's language: the labels the importer makes
    ("Feb 2020", "week ending 2024-04-07", "2022/23 academic year", "Mid-2023", "2020 to
    2022") are stored in English and said again here ("Chw 2020"); labels of numbers alone
    ("2019/20", "2024 Q1") and any other label read from a file stay as they are."""
    language = get_language() or "en"
    if language.startswith("en") or not isinstance(label, str):
        return label
    if match := MONTH_LABEL.fullmatch(label):
        # One month's name, not all twelve: a review's findings say hundreds in Welsh.
        return f"{month_abbreviation(SHORT_MONTHS.index(match[1]) + 1)} {match[2]}"
    if match := WEEK_LABEL.fullmatch(label):
        return gettext("week ending %(date)s") % {"date": match[1]}
    if match := ACADEMIC_LABEL.fullmatch(label):
        return gettext("%(year)s academic year") % {"year": match[1]}
    if match := MID_YEAR_LABEL.fullmatch(label):
        return gettext("Mid-%(year)s") % {"year": match[1]}
    if match := YEARS_LABEL.fullmatch(label):
        return gettext("%(first)s to %(last)s") % {"first": match[1], "last": match[2]}
    return label


def full_year(digits: str) -> int:
    """A year from four digits, or from two digits pivoting at 70 (see module docstring)."""
    number = int(digits)
    if len(digits) == 2:
        return number + (2000 if number < 70 else 1900)
    return number


def second_year_follows(first_year: int, second: str) -> bool:
    """Whether `second` (two or four digits) is the year after `first_year`."""
    if len(second) == 4:
        return int(second) == first_year + 1
    return int(second) == (first_year + 1) % 100


def from_date(day: date, date_means: DateMeaning) -> Period:
    if date_means == DateMeaning.WEEK_ENDING:
        return week_period(day)
    if date_means == DateMeaning.WEEK_STARTING:
        return week_period(day + timedelta(days=6))
    if date_means == DateMeaning.MONTH:
        return month_period(day.year, day.month)
    if date_means == DateMeaning.QUARTER_ENDING:
        return quarter_ending_period(day.year, day.month, day.isoformat())
    return day_period(day)


EXCEL_EPOCH = date(1899, 12, 30)


def excel_serial_date(number: int) -> date:
    """The date of an Excel serial day number (1900 date system, as Excel counts)."""
    return EXCEL_EPOCH + timedelta(days=number)


def checked_date(year: int, month: int, day: int, text: str) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise PeriodError(
            gettext("'%(text)s' is not a real date. Dates are read day first, as in the UK "
                    "(01/04/2024 is 1 April 2024); check the day and month.") % {"text": text}
        ) from None


# Each reader gets the regex match, the original text and the date meaning.
Reader = Callable[[re.Match[str], str, DateMeaning], Period]


def read_iso_date(match: re.Match[str], text: str, date_means: DateMeaning) -> Period:
    year, month, day = (int(match[name]) for name in ("year", "month", "day"))
    return from_date(checked_date(year, month, day, text), date_means)


def read_uk_date(match: re.Match[str], text: str, date_means: DateMeaning) -> Period:
    year = full_year(match["year"])
    return from_date(checked_date(year, int(match["month"]), int(match["day"]), text), date_means)


def read_named_month_date(match: re.Match[str], text: str, date_means: DateMeaning) -> Period:
    year = full_year(match["year"])
    month = MONTHS[match["month"]]
    return from_date(checked_date(year, month, int(match["day"]), text), date_means)


def read_week_ending(match: re.Match[str], text: str, date_means: DateMeaning) -> Period:
    inner = parse_period(match["date"])
    if inner.frequency != Frequency.DAY:
        raise PeriodError(gettext("'%(text)s' should give the date the week ends, like w/e 07/04/2024.") % {"text": text})
    return week_period(inner.end)


def read_iso_week(match: re.Match[str], text: str, date_means: DateMeaning) -> Period:
    year, week = int(match["year"]), int(match["week"])
    try:
        monday = date.fromisocalendar(year, week, 1)
    except ValueError:
        raise PeriodError(gettext("'%(text)s' is not a real ISO week: %(year)s has no week %(week)s.") % {
            "text": text, "year": year, "week": week}) from None
    return week_period(monday + timedelta(days=6))


def read_financial_year(match: re.Match[str], text: str, date_means: DateMeaning) -> Period:
    first_year = int(match["first"])
    if not second_year_follows(first_year, match["second"]):
        raise PeriodError(
            gettext("'%(text)s' looks like a financial year but the second year does not follow "
                    "the first. Write it like %(example)s.") % {"text": text, "example": financial_year_label(first_year)}
        )
    return financial_year_period(first_year)


def read_year_and_two_digits(match: re.Match[str], text: str, date_means: DateMeaning) -> Period:
    """``2023-24`` / ``2023/24`` is a financial year; ``2024-04`` / ``2024/04`` a month."""
    first_year, second = int(match["first"]), match["second"]
    if second_year_follows(first_year, second):
        return financial_year_period(first_year)
    if 1 <= int(second) <= 12:
        return month_period(first_year, int(second))
    raise PeriodError(
        gettext("'%(text)s' is neither a financial year (like %(year)s) nor a month (like %(month)s).") % {
            "text": text, "year": financial_year_label(first_year), "month": f"{first_year}-04"}
    )


def read_quarter(match: re.Match[str], text: str, date_means: DateMeaning) -> Period:
    """Quarters with the year before or after: ``Q1 2024``, ``2024-Q1``, ``Q1 2024/25``."""
    quarter = int(match["quarter"])
    if not 1 <= quarter <= 4:
        raise PeriodError(gettext("'%(text)s' names quarter %(quarter)s; quarters run from Q1 to Q4.") % {
            "text": text, "quarter": quarter})
    if match["year_only"] is not None:
        return quarter_period(int(match["year_only"]), quarter)
    first_year = int(match["first"])
    if not second_year_follows(first_year, match["second"]):
        raise PeriodError(
            gettext("'%(text)s' names a financial year whose second year does not follow the first. "
                    "Write it like %(example)s.") % {"text": text,
                                                     "example": f"Q{quarter} {financial_year_label(first_year)}"}
        )
    return financial_quarter_period(first_year, quarter)


def read_month_range(match: re.Match[str], text: str, date_means: DateMeaning) -> Period:
    first, last = MONTHS[match["first"]], MONTHS[match["last"]]
    if last - first != 2 or first % 3 != 1:
        raise PeriodError(
            gettext("'%(text)s' is not a calendar quarter. Ranges of months must be a quarter, "
                    "like Jan-Mar 2024 or Apr-Jun 2024.") % {"text": text}
        )
    return quarter_period(full_year(match["year"]), (first + 2) // 3)


def read_named_month(match: re.Match[str], text: str, date_means: DateMeaning) -> Period:
    return month_period(full_year(match["year"]), MONTHS[match["month"]])


def read_numeric_month(match: re.Match[str], text: str, date_means: DateMeaning) -> Period:
    month = int(match["month"])
    if not 1 <= month <= 12:
        raise PeriodError(gettext("'%(text)s' has month %(month)s; months run from 01 to 12.") % {
            "text": text, "month": month})
    return month_period(int(match["year"]), month)


def read_academic_year(match: re.Match[str], text: str, date_means: DateMeaning) -> Period:
    first_year = int(match["first"])
    if not second_year_follows(first_year, match["second"]):
        raise PeriodError(
            gettext("'%(text)s' looks like an academic year but the second year does not follow "
                    "the first. Write it like %(year)s academic year.") % {
                "text": text, "year": financial_year_label(first_year)}
        )
    return academic_year_period(first_year)


def stated_length(match: re.Match[str]) -> int | None:
    lengths = {int(found) for found in (match["length"], match["length_after"]) if found}
    return lengths.pop() if len(lengths) == 1 else (None if not lengths else -1)


def read_years(match: re.Match[str], text: str, date_means: DateMeaning) -> Period:
    """A window of calendar years: ``2020 to 2022``, ``4-year aggregate (2014 - 2017)``."""
    first_year = int(match["first"])
    last = match["last"]
    last_year = int(last) if len(last) == 4 else first_year - first_year % 100 + int(last)
    if last_year <= first_year:
        raise PeriodError(
            gettext("'%(text)s' ends before it starts. Write a window of years like 2020 to 2022.") % {"text": text}
        )
    length = stated_length(match)
    if length is not None and length != last_year - first_year + 1:
        raise PeriodError(
            gettext("'%(text)s' says the window is %(length)s years long, but %(first)s to %(last)s "
                    "is %(years)s. Check the years.") % {"text": text, "length": length, "first": first_year,
                                                          "last": last_year, "years": last_year - first_year + 1}
        )
    return years_period(first_year, last_year)


def read_financial_years(match: re.Match[str], text: str, date_means: DateMeaning) -> Period:
    """A window of financial years: ``2018/19 to 2020/21``, ``2018/19 - 20/21``."""
    first_year = int(match["first"])
    start = parse_period(f"{match['first']}/{match['second']}")
    end_first = match["end_first"]
    if len(end_first) == 2:
        end_first = str(first_year - first_year % 100 + int(end_first))
    end = parse_period(f"{end_first}/{match['end_second']}")
    if Frequency.FINANCIAL_YEAR != start.frequency or end.frequency != start.frequency:
        raise PeriodError(gettext("'%(text)s' should be two financial years, like 2018/19 to 2020/21.") % {"text": text})
    if end.start <= start.start:
        raise PeriodError(gettext("'%(text)s' ends before it starts. Write it like 2018/19 to 2020/21.") % {"text": text})
    if match.groupdict().get("joint") in ("&", "and") and end.start.year != start.start.year + 1:
        raise PeriodError(
            gettext("'%(text)s' pools two financial years that are not one after the other, so it is not one "
                    "window of time. Write the window it covers, like 2018/19 to 2020/21.") % {"text": text}
        )
    return financial_years_period(start.start.year, end.start.year)


def read_excel_serial(match: re.Match[str], text: str, date_means: DateMeaning) -> Period:
    return from_date(excel_serial_date(int(match["serial"])), date_means)


def read_week_commencing(match: re.Match[str], text: str, date_means: DateMeaning) -> Period:
    inner = parse_period(match["date"])
    if inner.frequency != Frequency.DAY:
        raise PeriodError(gettext("'%(text)s' should give the date the week starts, like w/c 01/04/2024.") % {"text": text})
    return week_period(inner.start + timedelta(days=6))


def read_four_digit_pair(match: re.Match[str], text: str, date_means: DateMeaning) -> Period:
    """``2014-2015`` is a financial year; ``2014-2017`` the calendar years 2014 to 2017."""
    first_year, last_year = int(match["first"]), int(match["second"])
    if last_year > first_year + 1:
        return years_period(first_year, last_year)
    return read_financial_year(match, text, date_means)


def read_window(match: re.Match[str], text: str, date_means: DateMeaning) -> Period:
    """Years joined by "to", or any years with a stated length; others fall to later readers."""
    if match["joint"] != "to" and not (match["length"] or match["length_after"]):
        raise NotThisReader
    return read_years(match, text, date_means)


class NotThisReader(Exception):
    """A reader declines a label its pattern matched; the next pattern is tried."""


def read_mid_year(match: re.Match[str], text: str, date_means: DateMeaning) -> Period:
    return mid_year_period(int(match["year"]))


def read_coded_month(match: re.Match[str], text: str, date_means: DateMeaning) -> Period:
    """A month inside a publisher's code: ``MSitAE-APRIL-2025`` is April 2025."""
    if match["code"] in MONTHS:
        raise NotThisReader
    return month_period(int(match["year"]), MONTHS[match["month"]])


def read_year_code(match: re.Match[str], text: str, date_means: DateMeaning) -> Period:
    """Six digits such as ``202223``: a year across two, but which kind only the file says."""
    if not second_year_follows(int(match["first"]), match["second"]):
        raise NotThisReader
    label = financial_year_label(int(match["first"]))
    raise PeriodError(
        gettext("'%(text)s' is a year across two (%(label)s) as Explore Education Statistics writes it, but it "
                "could be an academic or a financial year. Choose the column that says which (time_identifier) "
                "as the month or time identifier column, or write the period like %(label)s or %(label)s "
                "academic year.") % {"text": text, "label": label}
    )


def read_year(match: re.Match[str], text: str, date_means: DateMeaning) -> Period:
    return year_period(int(match["year"]))


FY = r"(?P<first>\d{4})\s*[-/]\s*(?P<second>\d{2}|\d{4})"
ACADEMIC = r"(?:academic|school)(?:\s+year)?|ay"
# "3-year aggregate", "3 year average", "3-year rolling", before or after the years.
LENGTH = r"(?P<length>\d{1,2})[\s-]*years?(?:\s+(?:aggregates?|averages?|pooled|rolling))?"
LENGTH_AFTER = (
    r"(?P<length_after>\d{1,2})[\s-]*years?(?:\s+(?:aggregates?|averages?|pooled|rolling))?"
)
WINDOW = (
    rf"(?:{LENGTH}\s*,?\s*)?\(?(?P<first>\d{{4}})\s*(?P<joint>-|to)\s*(?P<last>\d{{4}}|\d{{2}})\)?"
    rf"(?:\s*calendar\s+years?)?(?:\s*[;,]?\s*{LENGTH_AFTER})?"
)
MONTH = rf"(?P<month>{MONTH_PATTERN})\.?"
SEP = r"[\s\-/.,]*"

# Order matters: the first pattern that matches the whole label decides.
READERS: list[tuple[re.Pattern[str], Reader]] = [
    (
        re.compile(r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})(?:[t ]00:00(?::00)?)?"),
        read_iso_date,
    ),
    (re.compile(r"(?P<day>\d{1,2})[/.](?P<month>\d{1,2})[/.](?P<year>\d{4}|\d{2})"), read_uk_date),
    (
        re.compile(
            rf"(?P<day>\d{{1,2}})(?:st|nd|rd|th)?{SEP}{MONTH}{SEP}(?P<year>\d{{4}}|\d{{2}})"
        ),
        read_named_month_date,
    ),
    (re.compile(r"(?:week\s+ending|w/e|we(?=[\s:]))\s*:?\s*(?P<date>.+)"), read_week_ending),
    (
        re.compile(r"(?:week\s+(?:commencing|starting|beginning)|w/c|w/s|wc(?=[\s:]))\s*:?\s*(?P<date>.+)"),
        read_week_commencing,
    ),
    (re.compile(r"(?P<serial>[1-9]\d{4})(?:\.0+)?"), read_excel_serial),
    (re.compile(r"(?P<first>\d{4})(?P<second>\d{2})"), read_year_code),
    (re.compile(r"mid[\s-]*(?:year\s*)?(?:estimates?\s*)?(?P<year>\d{4})"), read_mid_year),
    (re.compile(rf"(?:{ACADEMIC})\s*{FY}"), read_academic_year),
    (re.compile(rf"{FY}\s*(?:{ACADEMIC})"), read_academic_year),
    (
        re.compile(
            r"(?P<first>\d{4})\s*/\s*(?P<second>\d{2}|\d{4})\s*(?:-|to)\s*"
            r"(?P<end_first>\d{4}|\d{2})\s*/\s*(?P<end_second>\d{2}|\d{4})"
        ),
        read_financial_years,
    ),
    (
        # StatsWales' pooled survey years: "2021-22 & 2022-23".
        re.compile(
            r"(?P<first>\d{4})\s*[-/]\s*(?P<second>\d{2}|\d{4})\s*(?P<joint>&|and|to)\s*"
            r"(?P<end_first>\d{4}|\d{2})\s*[-/]\s*(?P<end_second>\d{2}|\d{4})"
        ),
        read_financial_years,
    ),
    (re.compile(r"(?P<year>\d{4})-?w(?P<week>\d{1,2})"), read_iso_week),
    (re.compile(rf"(?:fy|financial\s+year)\s*{FY}"), read_financial_year),
    (re.compile(rf"{FY}\s*(?:fy|financial\s+year)"), read_financial_year),
    (re.compile(r"(?P<first>\d{4})\s*/\s*(?P<second>\d{4})"), read_financial_year),
    (re.compile(r"(?P<first>\d{4})\s*-\s*(?P<second>\d{4})"), read_four_digit_pair),
    (re.compile(WINDOW), read_window),
    (re.compile(r"(?P<first>\d{4})\s*[-/]\s*(?P<second>\d{2})"), read_year_and_two_digits),
    (re.compile(rf"q(?P<quarter>\d)[\s\-/,]*(?:{FY}|(?P<year_only>\d{{4}}))"), read_quarter),
    (re.compile(rf"(?:{FY}|(?P<year_only>\d{{4}}))[\s\-/,]*q(?P<quarter>\d)"), read_quarter),
    (
        re.compile(
            rf"(?P<first>{MONTH_PATTERN})\.?\s*(?:-|to)\s*(?P<last>{MONTH_PATTERN})\.?{SEP}(?P<year>\d{{4}}|\d{{2}})"
        ),
        read_month_range,
    ),
    (re.compile(rf"{MONTH}{SEP}(?P<year>\d{{4}}|\d{{2}})"), read_named_month),
    (re.compile(rf"(?P<year>\d{{4}}){SEP}{MONTH}"), read_named_month),
    (re.compile(rf"(?P<code>[a-z][a-z0-9]{{2,}})-{MONTH}-(?P<year>\d{{4}})"), read_coded_month),
    (re.compile(r"(?P<month>\d{1,2})\s*/\s*(?P<year>\d{4})"), read_numeric_month),
    (re.compile(r"(?P<year>\d{4})"), read_year),
]


DASHES = str.maketrans({"\u2013": "-", "\u2014": "-", "\u2212": "-", "\u00a0": " "})


# Explore Education Statistics' time_identifier values that name a kind of year or a quarter of one.
EES_YEAR = re.compile(r"(?P<kind>calendar|reporting|financial|academic|tax) year(?: q(?P<quarter>[1-4]))?")
EES_TERM = re.compile(r"(?:autumn|spring|summer)(?: and (?:autumn|spring|summer))? term")


def is_ees_identifier(text: object) -> bool:
    """Whether `text` is an EES time_identifier other than a month name."""
    name = " ".join(str(text).lower().split())
    return bool(EES_YEAR.fullmatch(name) or EES_TERM.fullmatch(name))


def ees_period(time_period: object, time_identifier: object) -> Period:
    """One period from Explore Education Statistics' two columns.

    ``202223`` with ``Academic year`` is 1 September 2022 to 31 August 2023;
    with ``Financial year`` 1 April 2022 to 31 March 2023; ``Financial year
    Q2`` with it is July to September 2022. ``2023`` with ``Calendar year``
    or ``Reporting year`` is the year 2023, with ``Calendar year Q1`` its
    first quarter, and with a month name (``January``) that month.
    """
    code = str(time_period).strip()
    if code.endswith(".0"):
        code = code[:-2]  # a number cell read from a workbook
    name = " ".join(str(time_identifier).lower().split())
    if name in MONTHS:
        return combine_year_and_month(code, name)
    found = EES_YEAR.fullmatch(name)
    if not found:
        if EES_TERM.fullmatch(name):
            raise PeriodError(
                gettext("'%(identifier)s' is a school term: joinedup reads years, quarters and months, not "
                        "terms. Import the academic-year figures instead.") % {"identifier": time_identifier}
            )
        raise PeriodError(
            gettext("'%(identifier)s' is not a time identifier joinedup recognises. Explore Education "
                    "Statistics writes Academic year, Financial year, Calendar year, Reporting year, "
                    "Financial year Q1 or a month name such as January.") % {"identifier": time_identifier}
        )
    kind, quarter = found["kind"], found["quarter"]
    if kind == "tax" or (kind == "academic" and quarter):
        raise PeriodError(
            gettext("'%(identifier)s' periods are not read by joinedup: %(why)s, and joinedup does not store a "
                    "period it has to approximate. Import yearly figures instead.") % {
                "identifier": time_identifier,
                "why": gettext("a tax year runs 6 April to 5 April") if kind == "tax"
                else gettext("academic quarters vary by publication")}
        )
    if kind in ("calendar", "reporting"):
        if not re.fullmatch(r"\d{4}", code):
            raise PeriodError(
                gettext("'%(code)s' with time identifier '%(identifier)s' should be a year of four digits, "
                        "like 2023.") % {"code": code, "identifier": time_identifier}
            )
        year = int(code)
        return quarter_period(year, int(quarter)) if quarter else year_period(year)
    pair = re.fullmatch(r"(?P<first>\d{4})(?P<second>\d{2})", code)
    if not pair or not second_year_follows(int(pair["first"]), pair["second"]):
        raise PeriodError(
            gettext("'%(code)s' with time identifier '%(identifier)s' should be six digits, the year it starts "
                    "and the last two digits of the next, like 202223 for 2022/23.") % {
                "code": code, "identifier": time_identifier}
        )
    first_year = int(pair["first"])
    if kind == "academic":
        return academic_year_period(first_year)
    return financial_quarter_period(first_year, int(quarter)) if quarter else financial_year_period(first_year)


def combine_year_and_month(
    year: object, month: object, date_means: DateMeaning | str = DateMeaning.MONTH
) -> Period:
    """One period from two columns: a year (calendar, financial or academic) and a month.

    ``2020-21`` with ``September`` is September 2020 (a financial year runs
    April to March), or the quarter July to September 2020 when the months
    are quarter ends (`date_means` is QUARTER_ENDING). A month cell that is
    already a whole period (``Apr-07``, a date) is taken as it is, and one that
    is an Explore Education Statistics time_identifier (``Academic year``) says
    what the year column's ``202223`` is (see `ees_period`).
    """
    date_means = DateMeaning(date_means)
    if isinstance(month, str) and is_ees_identifier(month):
        return ees_period(year, month)
    name = " ".join(str(month).strip().lower().rstrip(".").split()) if isinstance(month, str) else ""
    if name not in MONTHS:
        if isinstance(month, str) and not month.strip():
            raise PeriodError(gettext("The month is empty. Fill it in, like September."))
        return parse_period(month, date_means)
    number = MONTHS[name]
    container = parse_period(year)
    if container.frequency == Frequency.FINANCIAL_YEAR:
        calendar_year = container.start.year + (number < 4)
    elif container.frequency == Frequency.ACADEMIC_YEAR:
        calendar_year = container.start.year + (number < 9)
    elif container.frequency == Frequency.YEAR:
        calendar_year = container.start.year
    else:
        raise PeriodError(
            gettext("'%(year)s' should be a year for the month %(month)s to fall in, like 2020-21 or 2020.") % {
                "year": year, "month": month}
        )
    if date_means == DateMeaning.QUARTER_ENDING:
        return quarter_ending_period(calendar_year, number, f"{month} {year}")
    return month_period(calendar_year, number)


def read_label(normal: str, text: str, date_means: DateMeaning) -> Period | None:
    for pattern, reader in READERS:
        match = pattern.fullmatch(normal)
        if match:
            try:
                return reader(match, text, date_means)
            except NotThisReader:
                continue
    return None


def parse_period(value: object, date_means: DateMeaning | str = DateMeaning.DAY) -> Period:
    """Read a period label, or a date/datetime/int cell, into a `Period`.

    `date_means` says what a full date stands for: a day (the default), the
    week ending or starting on that date, or the month it falls in.
    Raises `PeriodError` with a message that says how to write the period.
    """
    date_means = DateMeaning(date_means)
    if isinstance(value, datetime):
        return from_date(value.date(), date_means)
    if isinstance(value, date):
        return from_date(value, date_means)
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise PeriodError(gettext("%(value)s is not a period. Write it like %(examples)s.") % {
            "value": repr(value), "examples": EXAMPLES})
    text = value.strip()
    if not text:
        raise PeriodError(gettext("The period is empty. Write it like %(examples)s.") % {"examples": EXAMPLES})
    normal = " ".join(text.translate(DASHES).lower().split())
    period = read_label(normal, text, date_means)
    if period is None and normal.endswith(")") and "(" in normal:
        # A note in brackets after a period: "w/c 04/12/2023 (daily snapshot)".
        period = read_label(normal[: normal.rindex("(")].strip(), text, date_means)
    if period is not None:
        return period
    raise PeriodError(gettext("'%(text)s' is not a period joinedup recognises. Write it like %(examples)s.") % {
        "text": text, "examples": EXAMPLES})
