"""Reading one sheet of an XLSX workbook into a grid of the texts a person
sees in Excel: dates, percentages and merged cells as they appear."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date, datetime, time
from decimal import Decimal

import openpyxl

from joinedup.indicators.periods import month_period
from joinedup.indicators.tables import (
    SAVE_AS,
    FileReadError,
    Grid,
    too_many_cells,
    too_many_columns,
    too_many_rows,
)

# An XLSX is a zip; its unpacked XML is what openpyxl parses and holds in
# memory (a few hundred bytes per cell), so its size is checked first, from
# the zip's directory, without unpacking anything. Python's zipfile never
# unpacks a member past the size the directory declares, so a member that
# lies about its size is cut short rather than let through.
MAX_XLSX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_COLUMNS = 16_384
MAX_CELLS = 10_000_000


def xlsx_grid(
    content: bytes,
    sheet: str | None,
    max_rows: int,
    *,
    max_columns: int = MAX_COLUMNS,
    max_cells: int = MAX_CELLS,
    max_unpacked_bytes: int = MAX_XLSX_UNPACKED_BYTES,
) -> tuple[Grid, str, list[str]]:
    """Read one sheet (by default the first) into a `Grid`, with its name and all sheet names.

    A merged range's text is repeated down its first column, so an area name
    merged over several rows applies to each of them; ranges merged across
    columns are recorded in `Grid.spans` for use as group headers.
    """
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        unpacked = sum(info.file_size for info in archive.infolist())
    if unpacked > max_unpacked_bytes:
        raise FileReadError(
            "too_large",
            f"The workbook unpacks to {unpacked / 1024 / 1024:,.0f} MB, more than the "
            f"{max_unpacked_bytes / 1024 / 1024:,.0f} MB joinedup reads. Delete the sheets you are "
            'not importing, or save the table as "CSV UTF-8" and upload that.',
        )
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(content), data_only=True)
    except Exception as error:  # openpyxl raises many types for damaged files
        raise FileReadError(
            "damaged",
            f"The workbook cannot be opened ({type(error).__name__}); it may be damaged. {SAVE_AS}",
        ) from None
    sheet_names = [worksheet.title for worksheet in workbook.worksheets]
    if sheet is None:
        worksheet = workbook.worksheets[0]
    elif sheet in sheet_names:
        worksheet = workbook[sheet]
    else:
        raise FileReadError(
            "sheet_not_found",
            f"The workbook has no sheet called '{sheet}'. Its sheets are: {', '.join(sheet_names)}.",
        )
    if worksheet.max_row > max_rows:
        raise too_many_rows(max_rows)
    if worksheet.max_column > max_columns:
        raise too_many_columns(None, worksheet.max_column, max_columns)
    if worksheet.max_row * worksheet.max_column > max_cells:
        raise too_many_cells(max_cells)
    cells = [[cell_text(cell) for cell in row] for row in worksheet.iter_rows(min_row=1, min_col=1)]
    grid = Grid(cells)
    for merged in worksheet.merged_cells.ranges:
        text = cells[merged.min_row - 1][merged.min_col - 1]
        for row in range(merged.min_row - 1, min(merged.max_row, len(cells))):
            cells[row][merged.min_col - 1] = text
            if merged.max_col > merged.min_col:
                grid.spans.setdefault(row, []).append(
                    (merged.min_col - 1, merged.max_col - 1, text)
                )
    return grid, worksheet.title, sheet_names


def cell_text(cell: object) -> str:
    """An XLSX cell as the text a person sees, in forms the rest of the import reads.

    Dates become ISO dates (``2024-04-01``), or ``Apr 2024`` / ``2024`` when the
    cell is formatted to show only a month or a year; percentages formatted
    as such become ``12.5%``; whole numbers lose their ``.0``.
    """
    value = getattr(cell, "value", None)
    number_format = format_codes(getattr(cell, "number_format", "General") or "General")
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime | date):
        return date_text(value, number_format)
    if isinstance(value, int | float):
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        percent = "%" in number_format
        if percent:
            number *= 100
        text = format(number.normalize(), "f")
        return text + "%" if percent else text
    if isinstance(value, time):
        return value.isoformat()
    return str(value).strip()


def format_codes(number_format: str) -> str:
    """The format's codes without quoted text, escapes and [bracketed] parts, lower-cased."""
    return re.sub(r'"[^"]*"|\\.|\[[^\]]*\]', "", number_format).lower()


def date_text(value: date, number_format: str) -> str:
    if "y" in number_format and "d" not in number_format:
        if "m" in number_format:
            return month_period(value.year, value.month).label
        return f"{value.year:04d}"
    if isinstance(value, datetime):
        if value.time() != time(0, 0):
            return value.isoformat(sep=" ", timespec="minutes")
        value = value.date()
    return value.isoformat()
