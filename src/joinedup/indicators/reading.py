"""Reading an uploaded CSV or XLSX file into a plain table of strings.

Public-sector files are messy: Excel's "CSV UTF-8" starts with a byte order
mark, older exports are Windows-1252 with pound signs and smart quotes, some
are separated by semicolons or tabs, and many have a title and notes above
the table and footnotes below it. `read_table` copes with these and returns a
`Table`: header names, rows of strings, and for each row its number in the
original file (the row number Excel shows), so that later errors can say
"row 14".

Nothing here touches the database; the caller passes bytes and a file name.
Anything the reader cannot cope with raises `FileReadError`, whose message
says what is wrong and what to do about it.
"""

from __future__ import annotations

import codecs
import csv
import io
import math
import re
import zipfile
from collections import Counter

from django.utils.translation import gettext
from openpyxl.utils import get_column_letter

from joinedup.design_system import text_files
from joinedup.indicators.tables import (  # noqa: F401 (re-exported: the reading API)
    SAVE_AS,
    FileReadError,
    Grid,
    SheetSize,
    Table,
    TablePosition,
    TableRow,
    too_many_cells,
    too_many_columns,
    too_many_rows,
)
from joinedup.indicators.workbooks import (  # noqa: F401
    MAX_XLSX_UNPACKED_BYTES,
    cell_text,
    open_workbook,
    sheet_grid,
    sheet_sizes,
)

MAX_BYTES = 20 * 1024 * 1024
# Excel's own limits: a sheet holds at most 1,048,576 rows and 16,384 columns.
MAX_ROWS = 1_048_576
MAX_COLUMNS = 16_384
# Each cell read costs about 60-100 bytes of memory; ten million stay well under a gigabyte.
MAX_CELLS = 10_000_000
HEADER_SEARCH_ROWS = 100
DELIMITERS = (",", ";", "\t", "|")
SNIFF_CHARACTERS = 64 * 1024

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
TEXT_EXTENSIONS = {"csv", "txt", "tsv", "xls", ""}
XLSX_EXTENSIONS = {"xlsx", "xlsm"}

# A row below the table that starts like this is a footnote, not data.
NOTE_START = re.compile(
    r"^(notes?\b|sources?\b|footnotes?\b|\*|\(?\d+\)|\[\d+\]|\d+\.\s|©|copyright\b)",
    re.IGNORECASE,
)
PLAIN_NUMBER = re.compile(r"^[-+(£$€]*\d[\d,]*(\.\d+)?%?\)?$|^[-+]?\.\d+$")
YEAR = re.compile(r"^(19|20|21)\d\d$")


def read_table(
    content: bytes,
    filename: str,
    *,
    sheet: str | None = None,
    header_row: int | None = None,
    position: TablePosition | None = None,
    encoding: str | None = None,
    delimiter: str | None = None,
    max_bytes: int = MAX_BYTES,
    max_rows: int = MAX_ROWS,
    max_columns: int = MAX_COLUMNS,
    max_cells: int = MAX_CELLS,
    max_unpacked_bytes: int = MAX_XLSX_UNPACKED_BYTES,
) -> Table:
    """Read an uploaded CSV or XLSX file into a `Table`.

    Detected automatically unless given: the text encoding and delimiter of a
    CSV, the workbook sheet (the first that looks like a data table, not a
    cover, contents or notes sheet) and where the table is (`position`, or
    just its `header_row`, a 1-based file row number). Raises `FileReadError`,
    also for a file over the limits on size, rows, columns per row, cells
    and (for a workbook) unpacked size, each checked as early as it can be.
    """
    position = position or TablePosition()
    if sheet is not None:
        position.sheet = sheet
    if header_row is not None:
        position.header_first = position.header_last = header_row
    if len(content) > max_bytes:
        raise FileReadError(
            "too_large",
            gettext("The file is %(size)s; joinedup accepts files up to %(limit)s. Split it (for example by "
                    "year) and import the parts in turn.") % {"size": megabytes(len(content)),
                                                              "limit": megabytes(max_bytes)},
        )
    if not content.strip():
        raise FileReadError("empty", gettext("The file is empty. Choose the file that holds the data."))
    if file_format(content, filename) == "xlsx":
        workbook = open_workbook(content, max_unpacked_bytes)
        sizes = sheet_sizes(workbook)
        sheet_names = [size.name for size in sizes]
        limits = {"max_columns": max_columns, "max_cells": max_cells}
        if position.sheet is None:
            grid, position.sheet = guess_sheet(workbook, sizes, max_rows, **limits)
        else:
            grid = sheet_grid(workbook, position.sheet, max_rows, **limits)
        table = table_from_grid(grid, position, "xlsx", sheet_names=sheet_names)
        table.sheet, table.sheets = position.sheet, sizes
        return table
    if position.sheet is not None:
        raise FileReadError("bad_option", gettext("'%(name)s' is a CSV file, which has no sheets.") % {"name": filename})
    encoding = encoding or detect_encoding(content)
    text = decode_text(content, encoding)
    delimiter = delimiter or detect_delimiter(text)
    grid = csv_grid(text, delimiter, max_rows, max_columns=max_columns, max_cells=max_cells)
    table = table_from_grid(grid, position, "csv")
    table.encoding, table.delimiter = encoding, delimiter
    return table


# Sheets that hold words about the data rather than the data.
NOT_DATA_SHEET = re.compile(
    r"cover|contents|notes?\b|guid|about|read ?me|metadata|definitions?|related|information|"
    r"background|glossary|index",
    re.IGNORECASE,
)


def guess_sheet(workbook, sizes: list[SheetSize], max_rows: int, **limits) -> tuple[Grid, str]:
    """The first sheet that looks like a data table (a block of at least three rows
    of figures), skipping sheets named like covers, contents and notes; else the first.
    `limits` are `sheet_grid`'s on columns and cells."""
    ordered = [size for size in sizes if not NOT_DATA_SHEET.search(size.name)]
    ordered += [size for size in sizes if size not in ordered]
    for size in ordered:
        if size.rows < 2:
            continue
        grid = sheet_grid(workbook, size.name, max_rows, **limits)
        if any(block_rows(block) >= 3 for block in find_blocks(grid)):
            return grid, size.name
    first = sizes[0].name
    return sheet_grid(workbook, first, max_rows, **limits), first


def megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def file_format(content: bytes, filename: str) -> str:
    """``"csv"`` or ``"xlsx"``, judged by the bytes first and the file name second."""
    name = re.split(r"[\\/]", filename)[-1]
    extension = name.rsplit(".", 1)[1].lower() if "." in name else ""
    if content.startswith(ZIP_MAGIC) and is_xlsx_zip(content):
        return "xlsx"
    if extension in XLSX_EXTENSIONS:
        raise FileReadError(
            "damaged",
            gettext("'%(name)s' is named like an Excel workbook but is not one; it may be damaged.") % {"name": name}
            + f" {SAVE_AS}",
        )
    if content.startswith(ZIP_MAGIC):
        raise FileReadError(
            "wrong_type",
            gettext("'%(name)s' is not a CSV file or an Excel workbook (.xlsx).") % {"name": name} + f" {SAVE_AS}",
        )
    if content.startswith(OLE_MAGIC):
        raise FileReadError(
            "wrong_type",
            gettext("'%(name)s' is an old-style Excel file (.xls) or a password-protected workbook. "
                    'Open it in Excel, remove any password and save it as .xlsx or "CSV UTF-8".') % {"name": name},
        )
    if extension not in TEXT_EXTENSIONS or content.lstrip().startswith(b"%PDF"):
        raise FileReadError(
            "wrong_type",
            gettext("'%(name)s' is not a CSV file or an Excel workbook (.xlsx). joinedup reads .csv, "
                    ".txt, .tsv and .xlsx files.") % {"name": name} + f" {SAVE_AS}",
        )
    head = content[:512].lstrip(codecs.BOM_UTF8 + b" \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html", b"<table", b"<?xml")):
        raise FileReadError(
            "wrong_type",
            gettext("'%(name)s' is a web page or XML document, not a CSV file.") % {"name": name} + f" {SAVE_AS}",
        )
    return "csv"


def is_xlsx_zip(content: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return "xl/workbook.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False


def detect_encoding(content: bytes) -> str:
    """The codec for a CSV's bytes (see `joinedup.design_system.text_files.detect_encoding`)."""
    try:
        return text_files.detect_encoding(content)
    except text_files.NotText:
        raise binary_file_error() from None


def binary_file_error() -> FileReadError:
    return FileReadError(
        "binary",
        gettext("The file does not look like text: it holds binary data, so it is not a CSV file.") + f" {SAVE_AS}",
    )


def decode_text(content: bytes, encoding: str) -> str:
    """Decode bytes, refusing text that is mostly control characters (binary junk)."""
    try:
        return text_files.decode(content, encoding).text
    except text_files.NotText as refused:
        if refused.codec:
            raise FileReadError(
                "binary",
                gettext('The file cannot be read as %(encoding)s text. Save it from Excel as "CSV UTF-8" '
                        "and upload it again.") % {"encoding": encoding},
            ) from None
        raise binary_file_error() from None


def detect_delimiter(text: str) -> str:
    """The delimiter that splits most rows into the same number (above one) of cells.

    Ties go to the wider split, then to the order comma, semicolon, tab, pipe.
    """
    sample = text[:SNIFF_CHARACTERS]
    if len(text) > SNIFF_CHARACTERS and "\n" in sample:
        sample = sample[: sample.rindex("\n")]
    best, best_score = ",", (0, 0)
    for delimiter in DELIMITERS:
        try:
            rows = list(csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter))
        except csv.Error:
            continue
        widths = Counter(len(row) for row in rows if len(row) > 1)
        if not widths:
            continue
        width, count = max(widths.items(), key=lambda item: (item[1], item[0]))
        if (count, width) > best_score:
            best, best_score = delimiter, (count, width)
    return best


def csv_grid(
    text: str, delimiter: str, max_rows: int, *, max_columns: int = MAX_COLUMNS, max_cells: int = MAX_CELLS
) -> Grid:
    """Split CSV text into rows of stripped cells; row i is file row i + 1 (as Excel numbers them).

    A row wider than `max_columns` is refused as soon as it is read, and the
    file once its rows times its widest row pass `max_cells` (the table is
    padded to its widest row)."""
    rows: list[list[str]] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    widest = 0
    strip = str.strip
    try:
        for row in reader:
            if len(rows) >= max_rows:
                raise too_many_rows(max_rows)
            if len(row) > widest:
                widest = len(row)
                if widest > max_columns:
                    raise too_many_columns(reader.line_num, widest, max_columns)
            if widest * len(rows) > max_cells:
                raise too_many_cells(max_cells)
            rows.append(list(map(strip, row)))
    except csv.Error as error:
        raise FileReadError(
            "damaged",
            gettext("Row %(row)s of the file cannot be read (%(error)s). Check for a stray "
                    'quotation mark, or save the file from Excel as "CSV UTF-8" again.') % {
                "row": reader.line_num, "error": error},
        ) from None
    return Grid(rows)


def filled_count(row: list[str]) -> int:
    return len(row) - row.count("")


# Cells that stand for a figure: numbers, and the markers publishers put in place of one.
FIGURE_MARKERS = {
    "-", "x", "c", "z", "u", "*", "..", ".", ":", "na", "n/a", "[x]", "[c]", "[z]", "[u]",
    "[low]", "~", "—", "–",
}
# Footnote marks glued on a header: "Rate3", "cause2,3", "Area [note 1]", "Not stated (1)".
GLUED_FOOTNOTE = re.compile(r"(?<=[a-z\)]{3})\d{1,2}(,\d{1,2})*$")
NOTE_MARK = re.compile(r"\s*(\[note\s*\d+\]|\(\d{1,2}\))", re.IGNORECASE)


def is_figure(cell: str) -> bool:
    return bool(PLAIN_NUMBER.match(cell)) and not YEAR.match(cell) or cell.casefold() in FIGURE_MARKERS


def is_data_row(row: list[str]) -> bool:
    """Two or more cells, one of them a figure: a row of the table's body."""
    return filled_count(row) >= 2 and any(is_figure(cell) for cell in row if cell)


def block_rows(block: TablePosition) -> int:
    return (block.last_row or 0) - (block.first_row or 0) + 1


def find_blocks(grid: Grid) -> list[TablePosition]:
    """Every table in a grid: runs of data rows, each with its header rows above.

    A run goes on over rows without figures (sub-headings, a row of blank,
    suppressed figures, a mistyped value) and over blank spacer rows with
    more data straight after; it ends at a footnote ("Source:", "1. ...") and
    at a blank row followed by anything else (the title or header of the
    next table stacked under it, or the notes).
    """
    cells = grid.cells
    count = len(cells)
    filled = [filled_count(row) for row in cells]
    data = [is_data_row(row) for row in cells]

    def note(index: int) -> bool:
        return bool(NOTE_START.match(next(cell for cell in cells[index] if cell)))

    def next_filled(index: int) -> int | None:
        return next((i for i in range(index, count) if filled[i]), None)

    blocks: list[TablePosition] = []
    previous_end = -1
    index = 0
    while index < count:
        if not data[index]:
            index += 1
            continue
        start = last = index
        row = index + 1
        while row < count:
            if data[row]:
                last, row = row, row + 1
                continue
            if filled[row] and note(row):
                break
            if not filled[row]:
                following = next_filled(row + 1)
                if following is not None and data[following]:
                    row = following
                    continue
                break
            last, row = row, row + 1
        header_last, header_first = header_rows_above(grid, filled, data, start, previous_end)
        blocks.append(
            TablePosition(
                None,
                None if header_first is None else header_first + 1,
                None if header_last is None else header_last + 1,
                start + 1,
                last + 1,
            )
        )
        previous_end = last
        index = last + 1
    return blocks


def header_rows_above(
    grid: Grid, filled: list[int], data: list[bool], start: int, previous_end: int
) -> tuple[int | None, int | None]:
    """The header rows (last, first; 0-based) over the data starting at `start`.

    The last header row is the nearest filled row above, across at most one
    blank row. Rows above it join the header while they hold cells merged
    over some of the columns (a year over its sub-columns) or two or more
    labels, up to three header rows in all.
    """
    header = start - 1
    if header > previous_end and not filled[header]:
        header -= 1
    if header <= previous_end or not filled[header] or data[header]:
        return None, None
    first = header
    while first - 1 > previous_end and header - first < 2:
        above = first - 1
        row = grid.cells[above]
        if not filled[above] or data[above] or NOTE_START.match(next(c for c in row if c)):
            break
        width = max(filled[header], 2)
        grouped = any(last - first_col + 1 < max(width, len(row)) and text
                      for first_col, last, text in grid.spans.get(above, []))
        if not (grouped or filled[above] >= 2):
            break
        first = above
    return header, first


def table_width(filled: list[int]) -> int:
    """The widest count of filled cells that two or more rows share.

    Not the commonest count: a long footer of two-cell rows (metadata, notes)
    would make a wide table two columns wide.
    """
    widths = Counter(count for count in filled if count >= 2)
    shared = [width for width, times in widths.items() if times >= 2]
    return max(shared, default=max(widths, default=0))


def looks_like_header(row: list[str]) -> bool:
    """No cell is a plain number, except a year (wide files have years as headers)."""
    return not any(PLAIN_NUMBER.match(cell) and not YEAR.match(cell) for cell in row if cell)


def find_header_row(grid: Grid, filled: list[int]) -> int | None:
    """For a table with no figures in it: the first row (near the top) that fills
    most of the table's width and has no plain numbers in it."""
    width = table_width(filled)
    if width == 0:
        return None
    needed = max(2, math.ceil(0.6 * width))
    for index in range(min(len(grid.cells), HEADER_SEARCH_ROWS)):
        if filled[index] >= needed and looks_like_header(grid.cells[index]):
            return index
    return None


def text_table_end(grid: Grid, filled: list[int], header: int) -> int:
    """The index just past a table without figures: at the first blank or note row."""
    for index in range(header + 1, len(filled)):
        row = grid.cells[index]
        if filled[index] == 0 or NOTE_START.match(next(cell for cell in row if cell)):
            return index
    return len(filled)


def guess_position(grid: Grid, given: TablePosition) -> tuple[TablePosition, list[TablePosition]]:
    """Where the table is: what the user gave, the rest guessed; and every table found.

    Without a choice the first table of three or more rows is taken (else the
    largest); with a header row given, the table whose data follow it.
    """
    blocks = find_blocks(grid)
    chosen = TablePosition(given.sheet, given.header_first, given.header_last, given.first_row, given.last_row)
    if chosen.header_last is not None and chosen.header_first is None:
        chosen.header_first = chosen.header_last
    if chosen.header_first is not None and chosen.header_last is None:
        chosen.header_last = chosen.header_first
    if chosen.first_row is None:
        after = chosen.header_last or 0
        block = next((b for b in blocks if (b.first_row or 0) > after), None)
        if block is None and not blocks:
            filled = [filled_count(row) for row in grid.cells]
            header = (chosen.header_last - 1) if chosen.header_last else find_header_row(grid, filled)
            if header is None:
                return chosen, blocks
            if chosen.header_last is None:
                chosen.header_first = chosen.header_last = header + 1
            chosen.first_row = header + 2
            chosen.last_row = chosen.last_row or text_table_end(grid, filled, header)
            return chosen, blocks
        if given.header_last is None and given.first_row is None:
            substantial = [b for b in blocks if block_rows(b) >= 3]
            block = substantial[0] if substantial else max(blocks, key=block_rows)
            chosen.header_first, chosen.header_last = block.header_first, block.header_last
        if block is None:
            return chosen, blocks
        chosen.first_row = block.first_row
        if chosen.last_row is None:
            chosen.last_row = block.last_row
    elif chosen.last_row is None:
        block = next((b for b in blocks if (b.first_row or 0) <= chosen.first_row <= (b.last_row or 0)), None)
        chosen.last_row = block.last_row if block else len(grid.cells)
    return chosen, blocks


def header_names(grid: Grid, position: TablePosition, columns: range) -> list[str]:
    """Unique, non-empty names for the table's columns, flattened over its header rows.

    A cell merged across columns (a year over Value / Numerator / Rate) names
    each column under it, so they read "2016 · Rate"; a label with blanks after
    it in an upper header row (not merged, as in a CSV) is carried right over
    them in the same way, up to the next label or merged cell.
    Footnote marks glued on ("Rate3", "Age [note 2]") are taken off.
    """
    parts: list[list[str]] = [[] for _ in columns]
    if position.header_first is not None and position.header_last is not None:
        for number in range(position.header_first, position.header_last + 1):
            row = grid.cells[number - 1] if number <= len(grid.cells) else []
            upper = number < position.header_last
            texts = [row[column] if column < len(row) else "" for column in columns]
            for first, last, text in grid.spans.get(number - 1, []):
                for position_index, column in enumerate(columns):
                    if first <= column <= last and text:
                        texts[position_index] = text
            if upper:
                # A label with blanks after it heads them too (RTT's "Incomplete RTT pathways"
                # over its sub-columns, unmerged, in a row where another heading is merged);
                # a merged cell names exactly the columns it covers, so carrying stops there.
                spans = grid.spans.get(number - 1, [])
                carried = ""
                for position_index, (column, text) in enumerate(zip(columns, texts, strict=True)):
                    if any(first <= column <= last for first, last, _ in spans):
                        carried = ""
                        continue
                    carried = text or carried
                    texts[position_index] = carried
            for position_index, text in enumerate(texts):
                text = clean_header(text)
                if text and (not parts[position_index] or parts[position_index][-1] != text):
                    parts[position_index].append(text)
    seen: Counter[str] = Counter()
    unique = []
    for column, names in zip(columns, parts, strict=True):
        name = " · ".join(names) or f"Column {get_column_letter(column + 1)}"
        seen[name] += 1
        unique.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return unique


# A header cell longer than this is a note merged over the columns, not a name.
LONGEST_HEADER = 150


def clean_header(text: str) -> str:
    text = " ".join(NOTE_MARK.sub("", text).split())
    if len(text) > LONGEST_HEADER:
        return ""
    return GLUED_FOOTNOTE.sub("", text).strip()


def table_from_grid(
    grid: Grid, position: TablePosition | None, file_format: str, sheet_names: list[str] | None = None
) -> Table:
    """Find (or take) the table's header and data rows in a grid and build the `Table`."""
    sheet_names = sheet_names or []
    given = position or TablePosition()
    if not any(any(row) for row in grid.cells):
        raise FileReadError(
            "empty", gettext("The file has no data in it. Choose the file that holds the data.")
        )
    for number in (given.header_first, given.header_last, given.first_row, given.last_row):
        if number is not None and not 1 <= number <= len(grid.cells):
            raise FileReadError(
                "bad_option",
                gettext("The file has %(rows)s rows, so there is no row %(row)s. Choose a row in the file.") % {
                    "rows": len(grid.cells), "row": number},
            )
    if given.header_last is not None and not any(grid.cells[given.header_last - 1]):
        raise FileReadError(
            "bad_option",
            gettext("Row %(row)s of the file is empty or missing, so it cannot be the header.") % {
                "row": given.header_last},
        )
    chosen, blocks = guess_position(grid, given)
    if chosen.first_row is None or chosen.header_last is None:
        raise no_header_error(grid, sheet_names)
    header_bottom = chosen.header_last or 0
    if chosen.first_row <= header_bottom:
        chosen.first_row = header_bottom + 1
    last = min(chosen.last_row or len(grid.cells), len(grid.cells))
    body = [(i, grid.cells[i]) for i in range(chosen.first_row - 1, last) if any(grid.cells[i])]
    if not body:
        raise FileReadError(
            "no_rows",
            gettext("There are no rows of data under the header on row %(row)s. "
                    "Check that the table is in the file and starts near the top.") % {"row": header_bottom},
        )
    header_cells = [
        grid.cells[n - 1] for n in range(chosen.header_first or 1, header_bottom + 1)
    ] if chosen.header_first else []
    spans = [
        span for n in range(chosen.header_first or 1, header_bottom + 1) if chosen.header_first
        for span in grid.spans.get(n - 1, [])
    ]
    rows_in_table = [*header_cells, *(row for _, row in body)]
    first_column = min(first_filled(row) for row in rows_in_table if any(row))
    last_column = max(
        [last_filled(row) for row in rows_in_table] + [span[1] for span in spans if span[2]]
    )
    columns = range(first_column, last_column + 1)
    headers = header_names(grid, chosen, columns)
    width = len(columns)
    # A row already the table's width is kept as it is, not copied: a big
    # file's rows would otherwise be held twice while it is read.
    rows = [
        TableRow(index + 1, row if first_column == 0 and len(row) == width
                 else (row[first_column : last_column + 1] + [""] * width)[:width])
        for index, row in body
    ]
    above = (chosen.header_first or chosen.first_row) - 1
    notes = [
        " ".join(cell for cell in row if cell)
        for row in grid.cells[:above] + grid.cells[last:]
        if any(row)
    ]
    return Table(
        headers, rows, file_format, header_bottom or chosen.first_row - 1, sheet_names=sheet_names,
        notes=notes, position=chosen, blocks=blocks, grid=grid,
    )


def first_filled(row: list[str]) -> int:
    return next((index for index, cell in enumerate(row) if cell), 0)


def last_filled(row: list[str]) -> int:
    for index in range(len(row) - 1, -1, -1):
        if row[index]:
            return index
    return 0


def no_header_error(grid: Grid, sheet_names: list[str]) -> FileReadError:
    widest = max(filled_count(row) for row in grid.cells)
    if widest < 2:
        advice = gettext(
            "joinedup found only one column. Columns must be separated by commas, semicolons "
            "or tabs, with one row of column names above the data."
        )
    else:
        advice = gettext(
            "joinedup looks for a row of column names (such as Area, Period, Value) above "
            "rows of figures. Add one, or say which row it is."
        )
    if len(sheet_names) > 1:
        advice += " " + gettext("The workbook's sheets are: %(sheets)s; choose the one with the table.") % {
            "sheets": ", ".join(sheet_names)}
    return FileReadError("no_header", gettext("No header row was found.") + f" {advice}")


def raw_table(
    content: bytes,
    filename: str,
    sheet: str | None,
    *,
    max_rows: int = MAX_ROWS,
    max_columns: int = MAX_COLUMNS,
    max_cells: int = MAX_CELLS,
    max_unpacked_bytes: int = MAX_XLSX_UNPACKED_BYTES,
) -> Table:
    """A file or sheet as its raw cells only (no table found), for choosing where the
    table is; under the same limits as `read_table`."""
    limits = {"max_columns": max_columns, "max_cells": max_cells}
    if file_format(content, filename) == "xlsx":
        workbook = open_workbook(content, max_unpacked_bytes)
        sizes = sheet_sizes(workbook)
        name = sheet or sizes[0].name
        grid = sheet_grid(workbook, name, max_rows, **limits)
        return Table([], [], "xlsx", 0, sheet=name, sheet_names=[s.name for s in sizes], sheets=sizes, grid=grid)
    encoding = detect_encoding(content)
    text = decode_text(content, encoding)
    grid = csv_grid(text, detect_delimiter(text), max_rows, **limits)
    return Table([], [], "csv", 0, encoding=encoding, grid=grid)
