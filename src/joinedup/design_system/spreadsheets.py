"""Cells and files for CSV and XLSX downloads. A spreadsheet runs text that
starts like a formula (=, +, -, @, tab or carriage return): an imported
meeting title or a survey comment must not become one. Every download of a
table goes through `download` (or `csv_bytes` / `xlsx_bytes`), and so
through `spreadsheet_cell`."""

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.http import Http404, HttpResponse
from django.utils import timezone

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
KINDS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def spreadsheet_cell(value):
    """The value, with an apostrophe before text that starts like a formula,
    so a spreadsheet shows it as text. Other values are returned as they are."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


@dataclass
class Table:
    """A table as a page shows it: a title (the sheet's name), headings, and
    rows of plain values (text, numbers, dates)."""

    title: str
    headings: list
    rows: list


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, bool | int | float | Decimal | date | datetime):
        return value
    return spreadsheet_cell(str(value))


def csv_bytes(table):
    """UTF-8 with a byte-order mark, so that Excel opens it in the right encoding."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([_cell(h) for h in table.headings])
    for row in table.rows:
        writer.writerow([v.isoformat() if isinstance(v, date | datetime) else v for v in map(_cell, row)])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def xlsx_bytes(*tables):
    """A workbook with a sheet for each table, headings bold and kept in view."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.active)
    for table in tables:
        # A sheet's name: at most 31 characters, none of []:*?/\
        sheet = book.create_sheet("".join(c for c in table.title if c not in "[]:*?/\\")[:31] or "Table")
        sheet.append([_cell(h) for h in table.headings])
        for row in table.rows:
            sheet.append([v.replace(tzinfo=None) if isinstance(v, datetime) else v for v in map(_cell, row)])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for line in sheet.iter_rows(min_row=2):
            for cell in line:
                if isinstance(cell.value, date | datetime):
                    cell.number_format = "yyyy-mm-dd"
        sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def download(table, kind, name, *more_sheets):
    """The table as an attachment, `name-YYYY-MM-DD.csv` or `.xlsx` (with
    `more_sheets` after it in the workbook); any other kind is 404."""
    if kind not in KINDS:
        raise Http404("No such download")
    body = csv_bytes(table) if kind == "csv" else xlsx_bytes(table, *more_sheets)
    response = HttpResponse(body, content_type=KINDS[kind])
    response["Content-Disposition"] = f'attachment; filename="{name}-{timezone.localdate():%Y-%m-%d}.{kind}"'
    return response
