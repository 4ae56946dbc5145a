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
import unicodedata
import zipfile
from collections import Counter

from charset_normalizer import from_bytes
from openpyxl.utils import get_column_letter

from joinedup.indicators.tables import (  # noqa: F401 (re-exported: the reading API)
    SAVE_AS,
    FileReadError,
    Grid,
    Table,
    TableRow,
    too_many_cells,
    too_many_columns,
    too_many_rows,
)
from joinedup.indicators.workbooks import MAX_XLSX_UNPACKED_BYTES, cell_text, xlsx_grid  # noqa: F401

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
    CSV, and the header row (a 1-based file row number). `sheet` names the
    XLSX sheet to read; by default the first. Raises `FileReadError`,
    also for a file over the limits on size, rows, columns per row, cells
    and (for a workbook) unpacked size, each checked as early as it can be.
    """
    if len(content) > max_bytes:
        raise FileReadError(
            "too_large",
            f"The file is {megabytes(len(content))}; joinedup accepts files up to "
            f"{megabytes(max_bytes)}. Split it (for example by year) and import the parts in turn.",
        )
    if not content.strip():
        raise FileReadError("empty", "The file is empty. Choose the file that holds the data.")
    if file_format(content, filename) == "xlsx":
        grid, sheet_name, sheet_names = xlsx_grid(
            content, sheet, max_rows, max_columns=max_columns, max_cells=max_cells,
            max_unpacked_bytes=max_unpacked_bytes,
        )
        table = table_from_grid(grid, header_row, "xlsx", sheet_names=sheet_names)
        table.sheet = sheet_name
        return table
    if sheet is not None:
        raise FileReadError("bad_option", f"'{filename}' is a CSV file, which has no sheets.")
    encoding = encoding or detect_encoding(content)
    text = decode_text(content, encoding)
    delimiter = delimiter or detect_delimiter(text)
    grid = csv_grid(text, delimiter, max_rows, max_columns=max_columns, max_cells=max_cells)
    table = table_from_grid(grid, header_row, "csv")
    table.encoding, table.delimiter = encoding, delimiter
    return table


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
            f"'{name}' is named like an Excel workbook but is not one; it may be damaged. {SAVE_AS}",
        )
    if content.startswith(ZIP_MAGIC):
        raise FileReadError(
            "wrong_type",
            f"'{name}' is not a CSV file or an Excel workbook (.xlsx). {SAVE_AS}",
        )
    if content.startswith(OLE_MAGIC):
        raise FileReadError(
            "wrong_type",
            f"'{name}' is an old-style Excel file (.xls) or a password-protected workbook. "
            f'Open it in Excel, remove any password and save it as .xlsx or "CSV UTF-8".',
        )
    if extension not in TEXT_EXTENSIONS or content.lstrip().startswith(b"%PDF"):
        raise FileReadError(
            "wrong_type",
            f"'{name}' is not a CSV file or an Excel workbook (.xlsx). joinedup reads .csv, "
            f".txt, .tsv and .xlsx files. {SAVE_AS}",
        )
    head = content[:512].lstrip(codecs.BOM_UTF8 + b" \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html", b"<table", b"<?xml")):
        raise FileReadError(
            "wrong_type",
            f"'{name}' is a web page or XML document, not a CSV file. {SAVE_AS}",
        )
    return "csv"


def is_xlsx_zip(content: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return "xl/workbook.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False


def detect_encoding(content: bytes) -> str:
    """The codec name for a CSV's bytes: UTF-8 (with or without BOM), UTF-16, or another.

    Otherwise Windows-1252 (or Latin-1 for bytes Windows-1252 leaves
    undefined) wins whenever charset-normalizer finds it plausible or finds
    nothing, and charset-normalizer's own choice only when Windows-1252 is
    implausible (Cyrillic, Greek, Chinese...): short files rarely tell code
    pages apart, Windows-1252 is what Excel uses for "CSV" on UK machines,
    and it reads Latin-1 text the same way for every printable character.
    """
    if content.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if b"\x00" in content[:8192]:
        raise binary_file_error()
    try:
        content.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return "utf-8"
    best = from_bytes(content).best()
    if best is None or from_bytes(content, cp_isolation=["cp1252"]).best() is not None:
        # Binary junk is caught after decoding, by its control characters.
        try:
            content.decode("cp1252")
        except UnicodeDecodeError:
            return "latin-1"
        return "cp1252"
    return best.encoding


def binary_file_error() -> FileReadError:
    return FileReadError(
        "binary",
        f"The file does not look like text: it holds binary data, so it is not a CSV file. {SAVE_AS}",
    )


def decode_text(content: bytes, encoding: str) -> str:
    """Decode bytes, refusing text that is mostly control characters (binary junk)."""
    try:
        text = content.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        raise FileReadError(
            "binary",
            f'The file cannot be read as {encoding} text. Save it from Excel as "CSV UTF-8" '
            f"and upload it again.",
        ) from None
    text = text.lstrip("\ufeff")
    sample = text[:SNIFF_CHARACTERS]
    controls = sum(
        1 for char in sample if unicodedata.category(char) == "Cc" and char not in "\t\r\n"
    )
    if controls > max(2, len(sample) // 200):
        raise binary_file_error()
    return text


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
            f"Row {reader.line_num} of the file cannot be read ({error}). Check for a stray "
            f'quotation mark, or save the file from Excel as "CSV UTF-8" again.',
        ) from None
    return Grid(rows)


def filled_count(row: list[str]) -> int:
    return len(row) - row.count("")


def table_width(filled: list[int]) -> int:
    """The commonest number of filled cells among rows with at least two."""
    widths = Counter(count for count in filled if count >= 2)
    if not widths:
        return 0
    return max(widths.items(), key=lambda item: (item[1], item[0]))[0]


def looks_like_header(row: list[str]) -> bool:
    """No cell is a plain number, except a year (wide files have years as headers)."""
    return not any(PLAIN_NUMBER.match(cell) and not YEAR.match(cell) for cell in row if cell)


def find_header_row(grid: Grid, filled: list[int]) -> int | None:
    """The index of the header row, or None.

    The header is the first row (within the first rows of the file) that
    fills most of the table's width and has no plain numbers in it. Title
    and note rows above it fill one or two cells. If that row is a group
    header merged across columns in a workbook, the row under it is the
    header and the group labels are added to its names. `filled` holds
    each row's count of filled cells.
    """
    width = table_width(filled)
    if width == 0:
        return None
    needed = max(2, math.ceil(0.6 * width))
    for index in range(min(len(grid.cells), HEADER_SEARCH_ROWS)):
        if filled[index] >= needed and looks_like_header(grid.cells[index]):
            below = index + 1
            if (
                grid.spans.get(index)
                and below < len(grid.cells)
                and filled[below] >= needed
                and looks_like_header(grid.cells[below])
            ):
                return below
            return index
    return None


def table_end(grid: Grid, filled: list[int], header: int) -> int:
    """The index just past the table: footnotes below it are left out.

    After the last row that fills most of the table's width, the table ends
    at the first blank row or the first row that starts like a note
    ("Source:", "Note 1", "* suppressed", "1. ...").
    """
    needed = max(2, math.ceil(0.6 * table_width(filled)))
    last_full = header
    for index in range(len(filled) - 1, header, -1):
        if filled[index] >= needed:
            last_full = index
            break
    for index in range(last_full + 1, len(filled)):
        row = grid.cells[index]
        if filled[index] == 0 or NOTE_START.match(next(cell for cell in row if cell)):
            return index
    return len(filled)


def group_labels(grid: Grid, header: int, width: int) -> list[tuple[int, int, str]]:
    """Cells merged across some (not all) columns in a filled row just above the header.

    A title merged across the whole table is not a group label.
    """
    if header == 0 or filled_count(grid.cells[header - 1]) < 2:
        return []
    return [span for span in grid.spans.get(header - 1, []) if span[1] - span[0] + 1 < width]


def header_names(grid: Grid, header: int, width: int) -> list[str]:
    """Unique, non-empty header names, with merged group labels from the row above."""
    names = (grid.cells[header] + [""] * width)[:width]
    for first, last, text in group_labels(grid, header, width):
        for column in range(first, min(last, width - 1) + 1):
            if names[column] and text and names[column] != text:
                names[column] = f"{text}: {names[column]}"
    seen: Counter[str] = Counter()
    unique = []
    for column, name in enumerate(names):
        name = " ".join(name.split()) or f"Column {get_column_letter(column + 1)}"
        seen[name] += 1
        unique.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return unique


def table_from_grid(
    grid: Grid, header_row: int | None, file_format: str, sheet_names: list[str] | None = None
) -> Table:
    """Find the header and the table's end in a grid and build the `Table`."""
    sheet_names = sheet_names or []
    filled = [filled_count(row) for row in grid.cells]
    if not any(filled):
        raise FileReadError(
            "empty", "The file has no data in it. Choose the file that holds the data."
        )
    if header_row is not None:
        if not 1 <= header_row <= len(grid.cells) or not any(grid.cells[header_row - 1]):
            raise FileReadError(
                "bad_option",
                f"Row {header_row} of the file is empty or missing, so it cannot be the header.",
            )
        header = header_row - 1
    else:
        found = find_header_row(grid, filled)
        if found is None:
            raise no_header_error(grid, sheet_names)
        header = found
    end = table_end(grid, filled, header)
    body = [(index, grid.cells[index]) for index in range(header + 1, end) if filled[index]]
    if not body:
        raise FileReadError(
            "no_rows",
            f"There are no rows of data under the header on row {header + 1}. "
            f"Check that the table is in the file and starts near the top.",
        )
    width = max(last_filled(row) for row in [grid.cells[header], *(row for _, row in body)]) + 1
    headers = header_names(grid, header, width)
    # A row already the table's width is kept as it is, not copied: a big
    # file's rows would otherwise be held twice while it is read.
    rows = [
        TableRow(index + 1, row if len(row) == width else row[:width] if len(row) > width
                 else row + [""] * (width - len(row)))
        for index, row in body
    ]
    above = header - 1 if group_labels(grid, header, width) else header
    notes = [
        " ".join(cell for cell in row if cell)
        for row in grid.cells[:above] + grid.cells[end:]
        if any(row)
    ]
    return Table(headers, rows, file_format, header + 1, sheet_names=sheet_names, notes=notes)


def last_filled(row: list[str]) -> int:
    for index in range(len(row) - 1, -1, -1):
        if row[index]:
            return index
    return 0


def no_header_error(grid: Grid, sheet_names: list[str]) -> FileReadError:
    widest = max(filled_count(row) for row in grid.cells)
    if widest < 2:
        advice = (
            "joinedup found only one column. Columns must be separated by commas, semicolons "
            "or tabs, with one row of column names above the data."
        )
    else:
        advice = (
            "joinedup looks for a row of column names (such as Area, Period, Value) in the first "
            f"{HEADER_SEARCH_ROWS} rows, above the rows of data. Add one, or say which row it is."
        )
    if len(sheet_names) > 1:
        advice += (
            f" The workbook's sheets are: {', '.join(sheet_names)}; choose the one with the table."
        )
    return FileReadError("no_header", f"No header row was found. {advice}")
