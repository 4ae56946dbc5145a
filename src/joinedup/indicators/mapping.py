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
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, fields, replace
from decimal import Decimal
from enum import StrEnum

from django.utils.translation import gettext, gettext_lazy

from joinedup.indicators.areas import clean_area
from joinedup.indicators.periods import (
    DateMeaning,
    Frequency,
    Period,
    PeriodError,
    combine_year_and_month,
    parse_period,
)
from joinedup.indicators.reading import Table
from joinedup.indicators.row_errors import MAX_ERRORS, MappingErrors, RowError  # noqa: F401
from joinedup.indicators.values import (  # noqa: F401 (re-exported: the mapping API)
    MISSING_MARKERS,
    SUPPRESSED_MARKERS,
    Status,
    ValueCell,
    ValueFormatError,
    mostly_numbers,
    parse_value,
    read_value,
    without_html,
)

SAMPLE_ROWS = 500
# Longest value note kept (the Measurement.note field).
NOTE_LENGTH = 300
NOTE_HEADERS = {"value note", "value notes", "note", "notes", "footnote"}
ONS_CODE = re.compile(r"^[EWSNKJL]\d{8}$", re.IGNORECASE)


class Percentages(StrEnum):
    """How the file writes percentages: as they are (57, 57%) or as fractions (0.57)."""

    AS_WRITTEN = ""
    FRACTIONS = "fractions"


# Explore Education Statistics' data standard: the columns that name the area at each
# `geographic_level`. A row whose mapped area cells are empty (the national row of a
# file mapped to its LA columns) takes its area from these, if the file has them.
LEVEL_AREA_COLUMNS = {
    "national": ("country_code", "country_name"),
    "regional": ("region_code", "region_name"),
    "local authority": ("new_la_code", "la_name"),
    "local authority district": ("lad_code", "lad_name"),
    "parliamentary constituency": ("pcon_code", "pcon_name"),
    "local skills improvement plan area": ("lsip_code", "lsip_name"),
    "english devolved area": ("english_devolved_area_code", "english_devolved_area_name"),
    "ward": ("ward_code", "ward_name"),
}


class Layout(StrEnum):
    LONG = "long"
    WIDE_PERIODS = "wide_periods"
    WIDE_AREAS = "wide_areas"


ROLES = ("period", "area_name", "area_code", "value", "numerator", "denominator", "indicator", "area_level")


@dataclass
class ColumnMapping:
    """Which header holds what. Any role may be None (not in the file).

    In a wide layout, `wide_columns` are the columns that hold values: their
    headers are periods (WIDE_PERIODS) or areas (WIDE_AREAS). Empty means
    every column not given another role, so a remembered mapping also takes
    next year's new period column. `period_dates` says what a full date in
    the period column stands for (a day, a week ending or starting on it, or
    its month).

    Periods can also come from outside one column: `file_period` is the
    period of the whole file when the file gives it only in a title (the user
    types it), and `period_month` a column of month names that goes with a
    year column in `period` (``2020-21`` and ``September``), or Explore
    Education Statistics' time_identifier (``202223`` and ``Academic year``). With
    `percentages` FRACTIONS, a value of 0.57 is stored as 57 (a cell written
    57% stays 57). `value_note` is a column explaining a blank or marked
    value, kept with it. `area_level` is a column saying which level of geography a
    row is at (DfE's `geographic_level`: National, Regional, Local authority);
    only rows at one of `area_levels` are read, the others are left out.
    """

    period: str | None = None
    area_name: str | None = None
    area_code: str | None = None
    value: str | None = None
    numerator: str | None = None
    denominator: str | None = None
    indicator: str | None = None
    area_level: str | None = None
    layout: Layout = Layout.LONG
    wide_columns: list[str] = field(default_factory=list)
    period_dates: DateMeaning = DateMeaning.DAY
    file_period: str = ""
    period_month: str | None = None
    percentages: Percentages = Percentages.AS_WRITTEN
    value_note: str | None = None
    area_levels: list[str] = field(default_factory=list)
    # Rows kept: for each named column, the values to keep (Sex = Persons); others are not read.
    filters: dict[str, list[str]] = field(default_factory=dict)
    # The value of the indicator column imported, remembered with the layout.
    series: str = ""
    # Under each period of a wide layout with sub-columns ("2016 · Rate"): which one is what.
    wide_value: str = ""
    wide_numerator: str = ""
    wide_denominator: str = ""
    # In a wide layout: columns that are not values (a note, a rank, a code, a level of
    # geography), left out of the values whatever `wide_columns` says. Named rather than the
    # kept ones, so a remembered layout still takes next year's new period column.
    left_out: list[str] = field(default_factory=list)

    def roles(self) -> dict[str, str]:
        """Role name to header, for the roles that are mapped."""
        return {name: getattr(self, name) for name in ROLES if getattr(self, name)}

    def to_dict(self) -> dict[str, object]:
        """Plain data for storing (for example in a JSON field against a layout signature)."""
        return {
            **asdict(self), "layout": str(self.layout), "period_dates": str(self.period_dates),
            "percentages": str(self.percentages),
        }

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> ColumnMapping:
        known = {item.name for item in fields(cls)}
        values = {key: value for key, value in data.items() if key in known}
        mapping = cls(**values)  # type: ignore[arg-type]
        mapping.layout = Layout(mapping.layout)
        mapping.period_dates = DateMeaning(mapping.period_dates)
        mapping.percentages = Percentages(mapping.percentages)
        mapping.wide_columns = list(mapping.wide_columns)
        mapping.area_levels = list(mapping.area_levels)
        mapping.left_out = [str(header) for header in mapping.left_out]
        mapping.filters = {str(k): [str(v) for v in vs] for k, vs in dict(mapping.filters).items()}
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
    marker: str = ""
    note: str = ""


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


SUB_COLUMN = " · "


def period_and_sub_column(header: str) -> tuple[str, str] | None:
    """A flattened header over several rows ("2016 · Rate") as its period part and
    the rest ("Rate"); a plain period header as (header, ""); else None."""
    if is_period_header(header):
        return header, ""
    parts = header.split(SUB_COLUMN)
    for index, part in enumerate(parts):
        if len(parts) > 1 and is_period_header(part):
            return part, SUB_COLUMN.join(parts[:index] + parts[index + 1 :])
    return None


def sub_columns(headers: Sequence[str]) -> list[str]:
    """The distinct sub-column names under the periods of a wide file, in order."""
    names: list[str] = []
    for header in headers:
        found = period_and_sub_column(header)
        if found and found[1] and found[1] not in names:
            names.append(found[1])
    return names if len(names) > 1 else []


def layout_signature(headers: Sequence[str], sheet_names: Sequence[str] = ()) -> str:
    """A short stable name for a file layout, to remember its mapping.

    Headers are compared without case, punctuation or [note] marks, and a
    run of period headers (or of "period · sub-column" groups) counts as one,
    so a wide file keeps its signature when next year's column is added. A
    workbook's sheet names are part of it, so the remembered sheet is there.
    """
    parts: list[str] = [normal_header(name) for name in sheet_names]
    if sheet_names:
        parts.append("{sheets}")
    for header in headers:
        found = period_and_sub_column(header)
        part = "{period}" + normal_header(found[1]) if found else normal_header(header)
        if not (part.startswith("{period}") and part in parts[-len(headers):]):
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
            "area name|areaname|area|name|local authority|local authority name|la name|geography|"
            "geography name|region|borough|council|state|country|place|location|organisation|"
            "organisation name|partnership",
            "area|authority|geography",
        ),
        (
            "area_level",
            "geographic level|geography level|geographical level|area level|level|area type|geography type",
            "level",
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


# Words for a kind of area, as headers name them before "name" ("Data zone name",
# "Council area name", "HSCP name", "LGD2014name", "Name of area").
AREA_KINDS = set(
    "area|areas|zone|datazone|intermediate|council|la|lad|ltla|utla|ctry|lsoa|msoa|soa|iz|dz|ward|district|"
    "county|authority|board|hb|lhb|hscp|icb|ccg|sicbl|trust|region|locality|lgd|borough|geography|place|"
    "nation|country|organisation|org|provider|partnership|constituency|pcon|ics|stp|hsct|federation|lcg|"
    "cluster|unitary|city|health|local".split("|")
)


def area_name_stem(header: str) -> str | None:
    """The area-kind words of a header naming an area's name ("data zone" for "Data zone
    name", "lgd2014" for "LGD2014name"), else None. A name of something else ("Indicator
    name", "Parent name", "Sex name") is not one."""
    words = normal_header(header).split()
    if len(words) >= 2 and words[-1] in {"name", "names"}:
        kinds = words[:-1]
    elif len(words) >= 3 and words[:2] == ["name", "of"]:
        kinds = words[2:]
    elif len(words) == 1 and (found := re.fullmatch(r"([a-z]+\d*)name", words[0])):
        kinds = [found.group(1)]
    else:
        return None
    if not any(re.sub(r"\d+", "", word) in AREA_KINDS for word in kinds):
        return None
    return " ".join(kinds)


def paired_area_name(table: Table, code_header: str, taken: set[str]) -> str | None:
    """The free header that names the areas the code column codes ("Data zone name" beside
    "Data zone code", "Org name" beside "Org Code", "LGD2014name" beside "LGD2014code")."""
    code = normal_header(code_header)
    stem = re.sub(r"\s?code$", "", code)
    if stem == code or not stem:
        return None
    for header in table.headers:
        if header not in taken and area_name_stem(header) == stem:
            return header
    return None


def paired_area_code(table: Table, name_header: str, taken: set[str]) -> str | None:
    """The free header of the codes of the areas a name column names ("Data zone" or
    "Data zone code" beside "Data zone name")."""
    stem = area_name_stem(name_header)
    if stem is None:
        return None
    for header in table.headers:
        if header not in taken and normal_header(header) in {stem, f"{stem} code", f"{stem}code"}:
            return header
    return None


def guess_column(table: Table, role: str, taken: set[str], paired: str | None = None) -> str | None:
    """The first free header named like `role`: exact names, then `paired` (the name column
    beside the chosen code column), then (for an area name) a name of a kind of area ("Data
    zone name"), then names with a word of the role."""
    free = [header for header in table.headers if header not in taken]
    for strength in (2, 1.5, 1):
        if strength == 1.5:
            if paired is not None:
                return paired
            if role == "area_name":
                kinds = [header for header in free if area_name_stem(header) is not None]
                if kinds:
                    return kinds[0]
            continue
        for header in free:
            if name_matches(header, role) != strength:
                continue
            if role in {"value", "numerator", "denominator"} and table.rows:
                if not mostly_numbers(column_sample(table, header)):
                    continue
            return header
    return None


def guess_date_meaning(table: Table, header: str) -> DateMeaning:
    """Week ending/starting or quarter ending from the header; months when every date is the 1st of a month."""
    words = normal_header(header).split()
    if "week" in words and {"ending", "end", "ended"} & set(words):
        return DateMeaning.WEEK_ENDING
    if "week" in words and {"starting", "start", "commencing", "beginning"} & set(words):
        return DateMeaning.WEEK_STARTING
    if "quarter" in words and {"ending", "end", "ended"} & set(words):
        return DateMeaning.QUARTER_ENDING
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
    period_headers = [header for header in table.headers if period_and_sub_column(header)]
    code_headers = [header for header in table.headers if ONS_CODE.match(header)]
    if len(period_headers) >= 2:
        mapping.layout, wide = Layout.WIDE_PERIODS, period_headers
        roles = ("area_code", "indicator", "area_name")
        subs = sub_columns(table.headers)
        if subs:
            guess_sub_columns(mapping, subs)
            wide = [h for h in period_headers if period_and_sub_column(h)[1] == mapping.wide_value]
    elif len(code_headers) >= 2:
        mapping.layout, wide = Layout.WIDE_AREAS, code_headers
        roles = ("indicator", "period")
    else:
        wide = []
        roles = (
            "area_level",
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
        paired = paired_area_name(table, mapping.area_code, taken) if role == "area_name" and mapping.area_code else None
        header = guess_column(table, role, taken, paired)
        if header is not None:
            setattr(mapping, role, header)
            taken.add(header)
    if mapping.area_name and not mapping.area_code and mapping.layout != Layout.WIDE_AREAS:
        code = paired_area_code(table, mapping.area_name, taken)
        if code is not None:
            mapping.area_code = code
            taken.add(code)
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
    if mapping.layout == Layout.LONG:
        notes = [h for h in table.headers if h not in taken and normal_header(h) in NOTE_HEADERS]
        mapping.value_note = notes[0] if notes else None
    if mapping.period is not None:
        mapping.period_dates = guess_date_meaning(table, mapping.period)
        identifiers = [h for h in table.headers if h not in taken and normal_header(h) == "time identifier"]
        if identifiers:
            # Explore Education Statistics: time_period (202223) means what time_identifier says.
            mapping.period_month = identifiers[0]
    return mapping


def guess_sub_columns(mapping: ColumnMapping, subs: list[str]) -> None:
    """Which sub-column under each period is the value, numerator and denominator, by name."""
    for role in ("numerator", "denominator", "value"):
        taken = {mapping.wide_numerator, mapping.wide_denominator}
        named = [sub for sub in subs if sub not in taken and name_matches(sub, role)]
        if named:
            setattr(mapping, f"wide_{role}", named[0])
    if not mapping.wide_value:
        free = [sub for sub in subs if sub not in {mapping.wide_numerator, mapping.wide_denominator}]
        mapping.wide_value = (free or subs)[0]


# Per layout: the roles it needs, and the roles it has no place for.
LAYOUT_ROLES = {
    Layout.LONG: (("period", "value"), ()),
    Layout.WIDE_PERIODS: ((), ("period", "value", "numerator", "denominator")),
    Layout.WIDE_AREAS: (
        ("period",),
        ("area_name", "area_code", "value", "numerator", "denominator"),
    ),
}
LAYOUT_NAMES = {Layout.WIDE_PERIODS: gettext_lazy("a column per period"),
                Layout.WIDE_AREAS: gettext_lazy("a column per area")}
# The roles in the words of the messages to the user.
ROLE_WORDS = {
    "period": gettext_lazy("period"), "area_name": gettext_lazy("area name"), "area_code": gettext_lazy("area code"),
    "value": gettext_lazy("value"), "numerator": gettext_lazy("numerator"), "denominator": gettext_lazy("denominator"),
    "indicator": gettext_lazy("indicator"), "area_level": gettext_lazy("area level"),
}


def mapping_problems(mapping: ColumnMapping, headers: Sequence[str]) -> list[str]:
    """What is wrong with a mapping for these headers, in words for the user; empty if nothing."""
    roles = mapping.roles()
    words = {role: str(ROLE_WORDS[role]) for role in ROLES}
    problems = [
        gettext("The column '%(column)s' chosen for %(role)s is not in the file.") % {
            "column": header, "role": words[role]}
        for role, header in roles.items()
        if header not in headers
    ]
    for header in sorted(set(roles.values())):
        chosen = [words[role] for role, name in roles.items() if name == header]
        if len(chosen) > 1:
            problems.append(
                gettext("The column '%(column)s' is chosen for more than one thing: %(roles)s.") % {
                    "column": header, "roles": ", ".join(chosen)}
            )
    problems += [
        gettext("The column '%(column)s' is not in the file.") % {"column": header}
        for header in mapping.wide_columns
        if header not in headers
    ]
    problems += period_problems(mapping, headers)
    needed, unused = LAYOUT_ROLES[mapping.layout]
    if mapping.file_period and mapping.layout != Layout.WIDE_PERIODS:
        # A file wide by area may give its one period only in a title or filter row (StatsWales).
        needed = tuple(role for role in needed if role != "period")
    problems += [
        gettext("Choose the column that holds the %(role)s.") % {"role": words[role]}
        for role in needed if role not in roles
    ]
    problems += [
        gettext("In a file with %(layout)s, there is no single %(role)s column.") % {
            "layout": LAYOUT_NAMES[mapping.layout], "role": words[role]}
        for role in unused
        if role in roles
    ]
    if mapping.layout != Layout.LONG and not value_columns(mapping, headers):
        problems.append(gettext("Choose the columns that hold the values."))
    return problems


def period_problems(mapping: ColumnMapping, headers: Sequence[str]) -> list[str]:
    """What is wrong with the period of the whole file, the month column or the note column."""
    problems = []
    for what, header in ((gettext("month"), mapping.period_month), (gettext("value note"), mapping.value_note)):
        if header and header not in headers:
            problems.append(gettext("The column '%(column)s' chosen for the %(what)s is not in the file.") % {
                "column": header, "what": what})
        elif header and header in mapping.roles().values():
            problems.append(gettext("The column '%(column)s' is chosen for the %(what)s and for something else.") % {
                "column": header, "what": what})
    if mapping.period_month and not mapping.period:
        problems.append(gettext(
            "A month column needs a year column to go with it: choose the column that holds the "
            "year (such as 2020-21) as the period."
        ))
    if mapping.file_period:
        if mapping.period:
            problems.append(gettext(
                "Choose either a period column or a period for the whole file, not both."
            ))
        elif mapping.layout == Layout.WIDE_PERIODS:
            problems.append(gettext(
                "A period for the whole file cannot go with a column per period: in this layout "
                "the periods are in the file."
            ))
        try:
            parse_period(mapping.file_period)
        except PeriodError as error:
            problems.append(gettext("The period for the whole file: %(error)s") % {"error": error})
    return problems


# The name the reader gives a column whose header cells are blank (reading.header_names).
UNNAMED_COLUMN = re.compile(r"Column [A-Z]{1,3}(?: \(\d+\))?")


def value_columns(mapping: ColumnMapping, headers: Sequence[str]) -> list[str]:
    """The columns a wide layout takes values from (see `ColumnMapping.wide_columns`),
    never one the user left out as not values, nor one used for something else."""
    left_out = set(mapping.left_out) | used_columns(mapping)
    if mapping.layout == Layout.WIDE_PERIODS and mapping.wide_value:
        return [
            header for header in headers
            if (found := period_and_sub_column(header)) and found[1] == mapping.wide_value
            and header not in left_out
        ]
    if mapping.wide_columns:
        return [header for header in mapping.wide_columns if header in headers and header not in left_out]
    # A column with no header names no area or period (StatsWales' group labels in column A).
    return [header for header in headers if header not in left_out and not UNNAMED_COLUMN.fullmatch(header)]


def used_columns(mapping: ColumnMapping) -> set[str]:
    """The columns given a role or another use (a month, a note on a value, a filter of the
    rows): none of them holds a wide layout's values."""
    used = set(mapping.roles().values()) | set(mapping.filters)
    return used | {header for header in (mapping.period_month, mapping.value_note) if header}


def columns_left_out(mapping: ColumnMapping, headers: Sequence[str]) -> list[str]:
    """The columns of a wide layout that are neither used for something else nor values:
    those the user left out, or that a proposal's `wide_columns` leaves aside."""
    if mapping.layout == Layout.LONG:
        return [header for header in mapping.left_out if header in headers]
    used, values = used_columns(mapping), set(value_columns(mapping, headers))
    return [
        header for header in headers
        if header not in used and header not in values and not UNNAMED_COLUMN.fullmatch(header)
        and not (mapping.wide_value and period_and_sub_column(header))
    ]


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
    rows = RowReader(chosen_rows(table, mapping), mapping, errors).read()
    report_repeats(rows, errors)
    return rows, errors


def chosen_rows(table: Table, mapping: ColumnMapping) -> Table:
    """The table with only the rows to import: those that pass every filter and,
    when a series is chosen, hold it in the indicator column. Only these rows
    are read, so errors elsewhere in a bulk file do not stop the import."""
    tests = [
        (table.headers.index(column), set(values))
        for column, values in mapping.filters.items()
        if column in table.headers and values
    ]
    if mapping.series and mapping.indicator in table.headers:
        tests.append((table.headers.index(mapping.indicator), {mapping.series}))
    if not tests:
        return table
    rows = [
        row for row in table.rows
        if all(" ".join(row.cells[index].split()) in values for index, values in tests)
    ]
    return replace(table, rows=rows)


def breakdown_values(table: Table, column: str, most: int | None = None) -> list[tuple[str, int]]:
    """The distinct values of a column (spaces tidied) with how many rows hold each;
    empty as soon as there are more than `most` (a column of areas or figures)."""
    index = table.headers.index(column)
    counts: Counter[str] = Counter()
    for row in table.rows:
        counts[" ".join(row.cells[index].split())] += 1
        if most is not None and len(counts) > most:
            return []
    return sorted(counts.items(), key=lambda item: (-item[1], item[0].casefold()))


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
            gettext("%(what)s is already given on row %(row)s. Each area, period and indicator "
                    "may appear once: remove one of them, or, if the file holds several series (such as "
                    "age groups), choose the column that tells them apart as the indicator.") % {
                "what": what, "row": first_seen[key]},
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
        self.cleaned_areas: dict[tuple[str, str], tuple[str, str]] = {}
        self.groups: dict[tuple[str, str], str] | None = None

    def read(self) -> list[MeasurementRow]:
        if self.mapping.layout == Layout.WIDE_PERIODS:
            for header in self.wide:
                found = period_and_sub_column(header)
                period = self.period(self.table.header_row, header, found[0] if found else header)
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
        if not self.at_chosen_level(cell):
            return []
        indicator = self.text(number, cell, mapping.indicator, gettext("the indicator name"))
        if mapping.layout == Layout.LONG:
            area = self.area(number, cell)
            values = [(area, self.row_period(number, cell), mapping.value)]
        elif mapping.layout == Layout.WIDE_PERIODS:
            area = self.area(number, cell)
            values = [(area, self.wide_periods.get(header), header) for header in self.wide]
        else:
            period = self.row_period(number, cell)
            values = [(area_from_header(header), period, header) for header in self.wide]
        numerator = self.number(number, cell, mapping.numerator)
        denominator = self.number(number, cell, mapping.denominator)
        note = self.note(cell)
        rows = []
        for area, period, column in values:
            read = self.value_cell(number, column, cell[column])
            if mapping.layout == Layout.WIDE_PERIODS and mapping.wide_value:
                numerator = self.number(number, cell, self.sibling(column, mapping.wide_numerator))
                denominator = self.number(number, cell, self.sibling(column, mapping.wide_denominator))
            if area is None or period is None or indicator is None or read is None:
                continue
            code, name = area
            value = read.value
            if (
                value is not None
                and mapping.percentages == Percentages.FRACTIONS
                and not read.percent_sign
            ):
                value = value * 100
            rows.append(
                MeasurementRow(
                    number, code, name, period, indicator, value, numerator, denominator,
                    read.status, read.marker, note if read.status != Status.OK else "",
                )
            )
        return rows

    def note(self, cell: dict[str, str]) -> str:
        """The value note, without HTML, as short as a Measurement keeps it."""
        if not self.mapping.value_note:
            return ""
        return " ".join(without_html(cell[self.mapping.value_note]).split())[:NOTE_LENGTH]

    def row_period(self, number: int, cell: dict[str, str]) -> Period | None:
        """The row's period: from its period column, with its month column, or the file's."""
        mapping = self.mapping
        if not mapping.period:
            return self.period(number, None, mapping.file_period)
        if not mapping.period_month:
            return self.period(number, mapping.period, cell[mapping.period])
        year, month = cell[mapping.period], cell[mapping.period_month]
        key = f"{year}\x1f{month}"
        if key not in self.periods:
            means = mapping.period_dates
            if means == DateMeaning.DAY:
                means = DateMeaning.MONTH  # a month name is a month unless said otherwise
            try:
                self.periods[key] = combine_year_and_month(year, month, means)
            except PeriodError as error:
                self.periods[key] = error
        period = self.periods[key]
        if isinstance(period, PeriodError):
            self.add(number, mapping.period_month, str(period))
            return None
        return period

    def sibling(self, header: str, sub_column: str) -> str | None:
        """The header of `sub_column` under the same period as `header`, if there is one."""
        if not sub_column:
            return None
        if self.groups is None:
            self.groups = {}
            for name in self.table.headers:
                found = period_and_sub_column(name)
                if found:
                    self.groups[found] = name
        period = next(key[0] for key, name in self.groups.items() if name == header)
        return self.groups.get((period, sub_column))

    def add(self, number: int, column: str | None, message: str) -> None:
        self.pending.append((number, column, message))

    def report(self) -> None:
        """Pass on the pending errors, in column order."""
        self.pending.sort(key=lambda error: self.position.get(error[1] or "", -1))
        for number, column, message in self.pending:
            self.errors.add(number, column, message)
        self.pending.clear()

    def at_chosen_level(self, cell: dict[str, str]) -> bool:
        """Whether the row is at a level of geography chosen for import (always, if none is chosen)."""
        if not (self.mapping.area_level and self.mapping.area_levels):
            return True
        level = " ".join(cell[self.mapping.area_level].split()).casefold()
        return level in {" ".join(chosen.split()).casefold() for chosen in self.mapping.area_levels}

    def area_at_level(self, cell: dict[str, str]) -> tuple[str, str]:
        """The area of a row at another level of geography, from that level's own columns."""
        level = " ".join(cell[self.mapping.area_level].split()).casefold()
        columns = [column if column in cell else None for column in LEVEL_AREA_COLUMNS.get(level, ())]
        return tuple(cell[column] if column else "" for column in columns) if columns else ("", "")

    def area(self, number: int, cell: dict[str, str]) -> tuple[str, str] | None:
        """(code, name), trimmed, with a "102 - Cumbria" cell split into both;
        both empty when the file has no area columns (one area for the file)."""
        code_column, name_column = self.mapping.area_code, self.mapping.area_name
        code = cell[code_column] if code_column else ""
        name = cell[name_column] if name_column else ""
        if (code_column or name_column) and not (code.strip() or name.strip()) and self.mapping.area_level:
            code, name = self.area_at_level(cell)
        if (code_column or name_column) and not (code.strip() or name.strip()):
            column = code_column or name_column
            level = (
                " " + gettext("If the file holds several levels of geography (national, regional, local), say "
                              "which level to import.") if self.mapping.area_level is None else ""
            )
            self.add(number, column, gettext("The area is empty. Fill in the area's name or code.") + level)
            return None
        if (code, name) not in self.cleaned_areas:
            self.cleaned_areas[(code, name)] = clean_area(code, name)
        return self.cleaned_areas[(code, name)]

    def period(self, number: int, column: str | None, text: str) -> Period | None:
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
        read = self.value_cell(number, column, text)
        return (None, None) if read is None else (read.value, read.status)

    def value_cell(self, number: int, column: str, text: str) -> ValueCell | None:
        try:
            return read_value(text)
        except ValueFormatError as error:
            self.add(number, column, str(error))
            return None

    def number(self, number: int, cell: dict[str, str], column: str | None) -> Decimal | None:
        """A numerator or denominator; suppressed or missing ones are None."""
        return self.value(number, column, cell[column])[0] if column else None

    def text(self, number: int, cell: dict[str, str], column: str | None, what: str) -> str | None:
        if column is None:
            return ""
        if not cell[column]:
            self.add(number, column, gettext("%(what)s is empty. Fill it in.") % {"what": what.capitalize()})
            return None
        return " ".join(cell[column].split())


def area_from_header(header: str) -> tuple[str, str]:
    """A wide-by-area column header as (code, name): an ONS code, or else a name
    (trimmed, and split if it is a code and a name)."""
    header = header.strip()
    return (header.upper(), "") if ONS_CODE.match(header) else clean_area("", header)
