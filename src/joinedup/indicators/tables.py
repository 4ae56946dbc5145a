"""The plain types of a file read for import: the table, its rows, the raw
grid of cells, and the error raised when a file cannot be read. Shared by
`reading` (CSV and the table finder) and `workbooks` (XLSX)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext, gettext_lazy

SAVE_AS = gettext_lazy('Open it in Excel and save it as "CSV UTF-8" or as an Excel workbook (.xlsx).')


class FileReadError(ValueError):
    """A file that cannot be read as a table.

    `code` is one of: too_large, empty, wrong_type, binary, damaged,
    sheet_not_found, no_header, no_rows, bad_option. The message is plain
    English for the person who uploaded the file.
    """

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(slots=True)
class TableRow:
    """One data row: its row number in the original file and its cells."""

    number: int
    cells: list[str]


@dataclass
class Table:
    """A file read into header names and rows of stripped strings.

    `header_row` is the file row number of the header. `encoding` and
    `delimiter` are None for XLSX; `sheet` and `sheet_names` are None and
    empty for CSV. `notes` holds the text found above the header and below
    the table (titles, sources, footnotes), for showing in the preview.
    """

    headers: list[str]
    rows: list[TableRow]
    file_format: str
    header_row: int
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None
    sheet_names: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    position: TablePosition | None = None
    blocks: list[TablePosition] = field(default_factory=list)
    sheets: list[SheetSize] = field(default_factory=list)
    grid: Grid | None = field(default=None, repr=False)


@dataclass
class TablePosition:
    """Where the table is in its file or sheet, as 1-based row numbers (as Excel shows them).

    `header_first`..`header_last` are the header rows (None: no header row);
    `first_row`..`last_row` the data rows. Any part left None is guessed.
    """

    sheet: str | None = None
    header_first: int | None = None
    header_last: int | None = None
    first_row: int | None = None
    last_row: int | None = None

    def to_dict(self) -> dict[str, object]:
        return {
            "sheet": self.sheet, "header_first": self.header_first, "header_last": self.header_last,
            "first_row": self.first_row, "last_row": self.last_row,
        }

    @classmethod
    def from_dict(cls, data: dict[str, object] | None) -> TablePosition:
        data = data or {}
        return cls(**{key: data.get(key) for key in cls().to_dict()})  # type: ignore[arg-type]


@dataclass(frozen=True)
class SheetSize:
    """A workbook sheet's name and the extent of its filled cells."""

    name: str
    rows: int
    columns: int


@dataclass
class Grid:
    """Every row of a file or sheet as strings; index 0 is file row 1.

    `spans` records, per row index, cells merged across columns in an XLSX
    sheet as (first column index, last column index, text).
    """

    cells: list[list[str]]
    spans: dict[int, list[tuple[int, int, str]]] = field(default_factory=dict)


def too_many_rows(max_rows: int) -> FileReadError:
    return FileReadError(
        "too_large",
        gettext("The file has more than %(rows)s rows. Split it (for example by year) and "
                "import the parts in turn.") % {"rows": f"{max_rows:,}"},
    )


def too_many_columns(row: int | None, columns: int, max_columns: int) -> FileReadError:
    where = (gettext("Row %(row)s of the file has %(cells)s cells") % {"row": row, "cells": f"{columns:,}"} if row
             else gettext("The sheet is %(columns)s columns wide") % {"columns": f"{columns:,}"})
    return FileReadError(
        "too_large",
        gettext("%(where)s; joinedup reads at most %(most)s columns "
                "(as many as Excel holds). Check that the file is separated by commas into columns, or "
                "delete the columns you are not importing.") % {"where": where, "most": f"{max_columns:,}"},
    )


def too_many_cells(max_cells: int) -> FileReadError:
    return FileReadError(
        "too_large",
        gettext("The file has more than %(cells)s cells (rows times columns). Delete the columns you "
                "are not importing, or split the file (for example by year) and import the parts in turn.") % {
            "cells": f"{max_cells:,}"},
    )
