"""Reading an XLSX workbook: its sheets' names and sizes, and one sheet as a
grid of the texts a person sees in Excel: dates, percentages and merged cells
as they appear."""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from collections import OrderedDict
from datetime import date, datetime, time
from decimal import Decimal

import openpyxl
from django.utils.translation import gettext

from joinedup.indicators.periods import month_period
from joinedup.indicators.tables import (
    SAVE_AS,
    FileReadError,
    Grid,
    SheetSize,
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


# The import steps read the same pending workbook on every page; opening it is the slow
# part (seconds for a 1 MB workbook), so the last few small ones are kept, by content hash.
OPENED: OrderedDict[str, openpyxl.Workbook] = OrderedDict()
KEEP_OPENED = 3
KEEP_OPENED_UP_TO_BYTES = 4 * 1024 * 1024


def open_workbook(content: bytes, max_unpacked_bytes: int = MAX_XLSX_UNPACKED_BYTES) -> openpyxl.Workbook:
    """The workbook (only read, never changed), refused before unpacking if it would be
    too large to hold."""
    check_unpacked_size(content, max_unpacked_bytes)
    key = hashlib.sha256(content).hexdigest()
    if key in OPENED:
        OPENED.move_to_end(key)
        return OPENED[key]
    workbook = load_workbook(content)
    if len(content) <= KEEP_OPENED_UP_TO_BYTES:
        OPENED[key] = workbook
        while len(OPENED) > KEEP_OPENED:
            OPENED.popitem(last=False)
    return workbook


def check_unpacked_size(content: bytes, max_unpacked_bytes: int) -> None:
    """Refuse a workbook that unpacks to more than `max_unpacked_bytes`, from the zip's
    directory alone (nothing is unpacked)."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        return  # openpyxl says it is damaged, in `load_workbook`
    if unpacked > max_unpacked_bytes:
        raise FileReadError(
            "too_large",
            gettext("The workbook unpacks to %(size)s MB, more than the %(limit)s MB joinedup reads. Delete "
                    'the sheets you are not importing, or save the table as "CSV UTF-8" and upload that.') % {
                "size": f"{unpacked / 1024 / 1024:,.0f}", "limit": f"{max_unpacked_bytes / 1024 / 1024:,.0f}"},
        )


def load_workbook(content: bytes) -> openpyxl.Workbook:
    try:
        return openpyxl.load_workbook(io.BytesIO(content), data_only=True)
    except Exception as error:  # openpyxl raises many types for damaged files
        raise FileReadError(
            "damaged",
            gettext("The workbook cannot be opened (%(error)s); it may be damaged.") % {
                "error": type(error).__name__} + f" {SAVE_AS}",
        ) from None


def sheet_sizes(workbook: openpyxl.Workbook) -> list[SheetSize]:
    """Each sheet's name and filled extent (rows × columns); Excel's own `max_column`
    counts formatted empty cells too (a Contents sheet 16,383 columns wide)."""
    sizes = []
    for worksheet in workbook.worksheets:
        rows, columns = filled_extent(worksheet)
        sizes.append(SheetSize(worksheet.title, rows, columns))
    return sizes


def filled_extent(worksheet) -> tuple[int, int]:
    """The last row and column holding a value, from the cells the file stores (walking
    Excel's rectangle would create every empty cell of a sheet formatted 16,383 wide)."""
    rows = columns = 0
    for (row, column), cell in worksheet._cells.items():
        value = cell.value
        if value is not None and not (isinstance(value, str) and not value.strip()):
            rows, columns = max(rows, row), max(columns, column)
    return rows, columns


def sheet_grid(
    workbook: openpyxl.Workbook,
    sheet: str,
    max_rows: int,
    *,
    max_columns: int = MAX_COLUMNS,
    max_cells: int = MAX_CELLS,
) -> Grid:
    """One sheet as a `Grid`, refused if its filled part is wider than `max_columns`
    or holds more than `max_cells` (rows times columns).

    A merged range's text is repeated down its first column, so an area name
    merged over several rows applies to each of them; ranges merged across
    columns are recorded in `Grid.spans` for use as group headers.
    """
    names = workbook.sheetnames
    if sheet not in names:
        raise FileReadError(
            "sheet_not_found",
            gettext("The workbook has no sheet called '%(sheet)s'. Its sheets are: %(sheets)s.") % {
                "sheet": sheet, "sheets": ", ".join(names)},
        )
    worksheet = workbook[sheet]
    if worksheet.max_row > max_rows:
        raise too_many_rows(max_rows)
    rows, columns = filled_extent(worksheet)
    if columns > max_columns:
        raise too_many_columns(None, columns, max_columns)
    if rows * columns > max_cells:
        raise too_many_cells(max_cells)
    cells = [[""] * columns for _ in range(rows)]
    for (row, column), cell in worksheet._cells.items():
        if row <= rows and column <= columns and cell.value is not None:
            cells[row - 1][column - 1] = cell_text(cell)
    grid = Grid(cells)
    for merged in worksheet.merged_cells.ranges:
        if merged.min_row > len(cells) or merged.min_col > columns:
            continue
        text = cells[merged.min_row - 1][merged.min_col - 1]
        for row in range(merged.min_row - 1, min(merged.max_row, len(cells))):
            cells[row][merged.min_col - 1] = text
            if merged.max_col > merged.min_col:
                grid.spans.setdefault(row, []).append(
                    (merged.min_col - 1, merged.max_col - 1, text)
                )
    return grid


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
