"""The column-mapping step of an indicator import.

After a file is read into a `Table`, the user says which column holds what:
the period, the area (name and/or ONS code such as E08000009), the value,
optionally a numerator, a denominator and an indicator name (for long files
holding several indicators). A `ColumnMapping` records that choice;
`propose_mapping` guesses it from the header names; `layout_signature`
names a layout so the choice can be remembered for the next file shaped the
same way; `apply_mapping` turns the table into `MeasurementRow`s and a
complete list of errors, each naming the file row and column.

Two wide layouts are also understood: one column per period with a row per
area (``Area, 2021/22, 2022/23``), and one column per area with a row per
period (``Period, E08000009, E92000001``).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, fields
from decimal import Decimal
from enum import StrEnum

from joinedup.indicators.periods import DateMeaning, Frequency, Period, PeriodError, parse_period
from joinedup.indicators.reading import Table
from joinedup.indicators.row_errors import MAX_ERRORS, MappingErrors, RowError  # noqa: F401
from joinedup.indicators.values import (  # noqa: F401 (re-exported: the mapping API)
    MISSING_MARKERS,
    SUPPRESSED_MARKERS,
    Status,
    ValueFormatError,
    mostly_numbers,
    parse_value,
)

SAMPLE_ROWS = 500
ONS_CODE = re.compile(r"^[EWSNKJL]\d{8}$", re.IGNORECASE)


class Layout(StrEnum):
    LONG = "long"
    WIDE_PERIODS = "wide_periods"
    WIDE_AREAS = "wide_areas"


ROLES = ("period", "area_name", "area_code", "value", "numerator", "denominator", "indicator")


@dataclass
class ColumnMapping:
    """Which header holds what. Any role may be None (not in the file).

    In a wide layout, `wide_columns` are the columns that hold values: their
    headers are periods (WIDE_PERIODS) or areas (WIDE_AREAS). Empty means
    every column not given another role, so a remembered mapping also takes
    next year's new period column. `period_dates` says what a full date in
    the period column stands for (a day, a week ending or starting on it, or
    its month).
    """

    period: str | None = None
    area_name: str | None = None
    area_code: str | None = None
    value: str | None = None
    numerator: str | None = None
    denominator: str | None = None
    indicator: str | None = None
    layout: Layout = Layout.LONG
    wide_columns: list[str] = field(default_factory=list)
    period_dates: DateMeaning = DateMeaning.DAY

    def roles(self) -> dict[str, str]:
        """Role name to header, for the roles that are mapped."""
        return {name: getattr(self, name) for name in ROLES if getattr(self, name)}

    def to_dict(self) -> dict[str, object]:
        """Plain data for storing (for example in a JSON field against a layout signature)."""
        return {**asdict(self), "layout": str(self.layout), "period_dates": str(self.period_dates)}

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> ColumnMapping:
        known = {item.name for item in fields(cls)}
        values = {key: value for key, value in data.items() if key in known}
        mapping = cls(**values)  # type: ignore[arg-type]
        mapping.layout = Layout(mapping.layout)
        mapping.period_dates = DateMeaning(mapping.period_dates)
        mapping.wide_columns = list(mapping.wide_columns)
        return mapping


@dataclass(frozen=True, slots=True)
class MeasurementRow:
    """One measurement from the file. `row` is its file row number."""

    row: int
    area_code: str
    area_name: str
    period: Period
    indicator: str
    value: Decimal | None
    numerator: Decimal | None
    denominator: Decimal | None
    status: Status


def normal_header(header: str) -> str:
    """A header lower-cased, without [note] marks, with punctuation as single spaces."""
    header = re.sub(r"\[[^\]]*\]", " ", header.casefold())
    return " ".join(re.sub(r"[^0-9a-z%]+", " ", header).split())


def is_period_header(header: str) -> bool:
    try:
        parse_period(header)
    except PeriodError:
        return False
    return True


def layout_signature(headers: Sequence[str]) -> str:
    """A short stable name for a file layout, to remember its mapping.

    Headers are compared without case, punctuation or [note] marks, and a
    run of period headers counts as one, so a wide file keeps its signature
    when next year's column is added.
    """
    parts: list[str] = []
    for header in headers:
        part = "{period}" if is_period_header(header) else normal_header(header)
        if not (part == "{period}" and parts and parts[-1] == part):
            parts.append(part)
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:16]


# Header names per role: exact names (after `normal_header`), then words any name may contain.
ROLE_NAMES: dict[str, tuple[set[str], set[str]]] = {
    role: (set(exact.split("|")), set(words.split("|")))
    for role, exact, words in [
        (
            "area_code",
            "area code|code|areacode|ons code|gss code|geography code|geo code|la code|lad code|"
            "local authority code|org code|organisation code",
            "code",
        ),
        ("indicator", "indicator|indicator name|indicator title|metric|measure name", "indicator"),
        (
            "period",
            "period|time period|date|year|financial year|fy|month|quarter|week|week ending|"
            "week starting|week commencing|reporting period|timeperiod",
            "period|date|year|month|quarter|week",
        ),
        (
            "area_name",
            "area name|area|name|local authority|local authority name|la name|geography|"
            "geography name|region|borough|council|state|country|place|location|organisation|"
            "organisation name|partnership",
            "area|authority|geography",
        ),
        ("numerator", "numerator|num", "numerator"),
        ("denominator", "denominator|denom|population|pop", "denominator"),
        (
            "value",
            "value|count|rate|number|percentage|percent|%|proportion|total|amount|score|figure|"
            "obs value|observation|val",
            "value|rate|count|percentage|percent|%",
        ),
    ]
}


def column_sample(table: Table, header: str) -> list[str]:
    index = table.headers.index(header)
    return [row.cells[index] for row in table.rows[:SAMPLE_ROWS]]


def name_matches(header: str, role: str) -> int:
    """2 for an exact name for the role, 1 for a word of one, else 0."""
    exact, words = ROLE_NAMES[role]
    name = normal_header(header)
    if name in exact:
        return 2
    return 1 if words & set(name.split()) else 0


def guess_column(table: Table, role: str, taken: set[str]) -> str | None:
    """The first free header named like `role`, exact names before partial ones."""
    free = [header for header in table.headers if header not in taken]
    for strength in (2, 1):
        for header in free:
            if name_matches(header, role) != strength:
                continue
            if role in {"value", "numerator", "denominator"} and table.rows:
                if not mostly_numbers(column_sample(table, header)):
                    continue
            return header
    return None


def guess_date_meaning(table: Table, header: str) -> DateMeaning:
    """Week ending/starting from the header; months when every date is the 1st of a month."""
    words = normal_header(header).split()
    if "week" in words and {"ending", "end", "ended"} & set(words):
        return DateMeaning.WEEK_ENDING
    if "week" in words and {"starting", "start", "commencing", "beginning"} & set(words):
        return DateMeaning.WEEK_STARTING
    starts = set()
    for cell in column_sample(table, header):
        try:
            period = parse_period(cell)
        except PeriodError:
            return DateMeaning.DAY
        if period.frequency != Frequency.DAY or period.start.day != 1:
            return DateMeaning.DAY
        starts.add(period.start)
    return DateMeaning.MONTH if len(starts) >= 2 else DateMeaning.DAY


def propose_mapping(table: Table) -> ColumnMapping:
    """Guess a mapping from the header names, checked against a sample of the rows.

    Two or more period headers make a wide-by-period layout; two or more
    ONS-code headers a wide-by-area layout. The user confirms or changes it.
    """
    mapping = ColumnMapping()
    taken: set[str] = set()
    period_headers = [header for header in table.headers if is_period_header(header)]
    code_headers = [header for header in table.headers if ONS_CODE.match(header)]
    if len(period_headers) >= 2:
        mapping.layout, wide = Layout.WIDE_PERIODS, period_headers
        roles = ("area_code", "indicator", "area_name")
    elif len(code_headers) >= 2:
        mapping.layout, wide = Layout.WIDE_AREAS, code_headers
        roles = ("indicator", "period")
    else:
        wide = []
        roles = (
            "area_code",
            "indicator",
            "period",
            "area_name",
            "numerator",
            "denominator",
            "value",
        )
    taken.update(wide)
    for role in roles:
        header = guess_column(table, role, taken)
        if header is not None:
            setattr(mapping, role, header)
            taken.add(header)
    if mapping.value is None and mapping.layout == Layout.LONG:
        # Any numeric column, but not one named for another role (such as a month number).
        numeric = [
            header
            for header in table.headers
            if header not in taken
            and not any(name_matches(header, role) for role in ROLES)
            and mostly_numbers(column_sample(table, header))
        ]
        mapping.value = numeric[0] if numeric else None
    if wide and len(taken) < len(table.headers):
        mapping.wide_columns = wide
    if mapping.period is not None:
        mapping.period_dates = guess_date_meaning(table, mapping.period)
    return mapping


# Per layout: the roles it needs, and the roles it has no place for.
LAYOUT_ROLES = {
    Layout.LONG: (("period", "value"), ()),
    Layout.WIDE_PERIODS: ((), ("period", "value", "numerator", "denominator")),
    Layout.WIDE_AREAS: (
        ("period",),
        ("area_name", "area_code", "value", "numerator", "denominator"),
    ),
}
LAYOUT_NAMES = {Layout.WIDE_PERIODS: "a column per period", Layout.WIDE_AREAS: "a column per area"}


def mapping_problems(mapping: ColumnMapping, headers: Sequence[str]) -> list[str]:
    """What is wrong with a mapping for these headers, in words for the user; empty if nothing."""
    roles = mapping.roles()
    words = {role: role.replace("_", " ") for role in ROLES}
    problems = [
        f"The column '{header}' chosen for {words[role]} is not in the file."
        for role, header in roles.items()
        if header not in headers
    ]
    for header in sorted(set(roles.values())):
        chosen = [words[role] for role, name in roles.items() if name == header]
        if len(chosen) > 1:
            problems.append(
                f"The column '{header}' is chosen for more than one thing: {', '.join(chosen)}."
            )
    problems += [
        f"The column '{header}' is not in the file."
        for header in mapping.wide_columns
        if header not in headers
    ]
    needed, unused = LAYOUT_ROLES[mapping.layout]
    problems += [
        f"Choose the column that holds the {words[role]}." for role in needed if role not in roles
    ]
    problems += [
        f"In a file with {LAYOUT_NAMES[mapping.layout]}, there is no single {words[role]} column."
        for role in unused
        if role in roles
    ]
    if mapping.layout != Layout.LONG and not value_columns(mapping, headers):
        problems.append("Choose the columns that hold the values.")
    return problems


def value_columns(mapping: ColumnMapping, headers: Sequence[str]) -> list[str]:
    """The columns a wide layout takes values from (see `ColumnMapping.wide_columns`)."""
    if mapping.wide_columns:
        return [header for header in mapping.wide_columns if header in headers]
    taken = set(mapping.roles().values())
    return [header for header in headers if header not in taken]


def apply_mapping(
    table: Table, mapping: ColumnMapping, *, max_errors: int = MAX_ERRORS
) -> tuple[list[MeasurementRow], MappingErrors]:
    """Turn a table into measurement rows, collecting every error.

    Each error names the file row and the column header and says what to do.
    A repeated (area, period, indicator) is an error on its later row. If the
    mapping itself is wrong, the errors say so and no rows are read. The
    caller decides what to do with rows when there are errors.
    """
    errors = MappingErrors(limit=max_errors)
    for problem in mapping_problems(mapping, table.headers):
        errors.add(None, None, problem)
    if errors:
        return [], errors
    rows = RowReader(table, mapping, errors).read()
    report_repeats(rows, errors)
    return rows, errors


def report_repeats(rows: list[MeasurementRow], errors: MappingErrors) -> None:
    """An error for each row that repeats an earlier row's area, period and indicator."""
    first_seen: dict[tuple[str, str, str], int] = {}
    for measurement in rows:
        area = measurement.area_code or measurement.area_name.casefold()
        key = (area, measurement.period.label, measurement.indicator.casefold())
        if key not in first_seen:
            first_seen[key] = measurement.row
            continue
        named = (measurement.area_name or measurement.area_code, measurement.period.label)
        what = ", ".join(part for part in (*named, measurement.indicator) if part)
        errors.add(
            measurement.row,
            None,
            f"{what} is already given on row {first_seen[key]}. Each area, period and indicator "
            "may appear once: remove one of them, or, if the file holds several series (such as "
            "age groups), choose the column that tells them apart as the indicator.",
        )


class RowReader:
    """Reads the rows of one table under one mapping, reporting errors as it goes.

    A row's errors are reported together, in the order of the file's columns.
    """

    def __init__(self, table: Table, mapping: ColumnMapping, errors: MappingErrors):
        self.table, self.mapping, self.errors = table, mapping, errors
        self.position = {header: position for position, header in enumerate(table.headers)}
        self.periods: dict[str, Period | PeriodError] = {}
        self.pending: list[tuple[int, str | None, str]] = []
        self.wide = value_columns(mapping, table.headers) if mapping.layout != Layout.LONG else []
        self.wide_periods: dict[str, Period] = {}
        self.codes: dict[str, str] = {}

    def read(self) -> list[MeasurementRow]:
        if self.mapping.layout == Layout.WIDE_PERIODS:
            for header in self.wide:
                period = self.period(self.table.header_row, header, header)
                if period is not None:
                    self.wide_periods[header] = period
            self.report()
        rows = []
        headers = self.table.headers
        for row in self.table.rows:
            rows += self.read_row(row.number, dict(zip(headers, row.cells, strict=True)))
            if self.pending:
                self.report()
        return rows

    def read_row(self, number: int, cell: dict[str, str]) -> list[MeasurementRow]:
        mapping = self.mapping
        indicator = self.text(number, cell, mapping.indicator, "the indicator name")
        if mapping.layout == Layout.LONG:
            area = self.area(number, cell)
            period = self.period(number, mapping.period, cell[mapping.period])
            values = [(area, period, mapping.value)]
        elif mapping.layout == Layout.WIDE_PERIODS:
            area = self.area(number, cell)
            values = [(area, self.wide_periods.get(header), header) for header in self.wide]
        else:
            period = self.period(number, mapping.period, cell[mapping.period])
            values = [(area_from_header(header), period, header) for header in self.wide]
        numerator = self.number(number, cell, mapping.numerator)
        denominator = self.number(number, cell, mapping.denominator)
        rows = []
        for area, period, column in values:
            value, status = self.value(number, column, cell[column])
            if area is None or period is None or indicator is None or status is None:
                continue
            code, name = area
            rows.append(
                MeasurementRow(
                    number, code, name, period, indicator, value, numerator, denominator, status
                )
            )
        return rows

    def add(self, number: int, column: str | None, message: str) -> None:
        self.pending.append((number, column, message))

    def report(self) -> None:
        """Pass on the pending errors, in column order."""
        self.pending.sort(key=lambda error: self.position.get(error[1] or "", -1))
        for number, column, message in self.pending:
            self.errors.add(number, column, message)
        self.pending.clear()

    def area(self, number: int, cell: dict[str, str]) -> tuple[str, str] | None:
        """(code, name); both empty when the file has no area columns (one area for the file)."""
        code_column, name_column = self.mapping.area_code, self.mapping.area_name
        # One string per distinct code, not one per row (a big file repeats a few hundred codes).
        code = self.codes.setdefault(cell[code_column], cell[code_column].upper()) if code_column else ""
        name = cell[name_column] if name_column else ""
        if (code_column or name_column) and not (code or name):
            column = code_column or name_column
            self.add(number, column, "The area is empty. Fill in the area's name or code.")
            return None
        return code, name

    def period(self, number: int, column: str, text: str) -> Period | None:
        if text not in self.periods:
            try:
                self.periods[text] = parse_period(text, self.mapping.period_dates)
            except PeriodError as error:
                self.periods[text] = error
        period = self.periods[text]
        if isinstance(period, PeriodError):
            self.add(number, column, str(period))
            return None
        return period

    def value(self, number: int, column: str, text: str) -> tuple[Decimal | None, Status | None]:
        try:
            return parse_value(text)
        except ValueFormatError as error:
            self.add(number, column, str(error))
            return None, None

    def number(self, number: int, cell: dict[str, str], column: str | None) -> Decimal | None:
        """A numerator or denominator; suppressed or missing ones are None."""
        return self.value(number, column, cell[column])[0] if column else None

    def text(self, number: int, cell: dict[str, str], column: str | None, what: str) -> str | None:
        if column is None:
            return ""
        if not cell[column]:
            self.add(number, column, f"{what.capitalize()} is empty. Fill it in.")
            return None
        return " ".join(cell[column].split())


def area_from_header(header: str) -> tuple[str, str]:
    """A wide-by-area column header as (code, name): an ONS code, or else a name."""
    return (header.upper(), "") if ONS_CODE.match(header) else ("", header)
