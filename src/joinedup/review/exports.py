"""The portfolio as CSV and XLSX. Every text cell that a spreadsheet could
read as a formula is neutralised with a leading apostrophe
(design_system/spreadsheets.py)."""

import csv
import io
from datetime import date, datetime

from openpyxl import Workbook

from joinedup.design_system.spreadsheets import spreadsheet_cell

from .portfolio import EXPORT_COLUMNS


def _cells(row):
    return [spreadsheet_cell(column(row)) for _, column in EXPORT_COLUMNS]


def portfolio_csv(rows):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([heading for heading, _ in EXPORT_COLUMNS])
    for row in rows:
        writer.writerow(["" if cell is None else cell for cell in _cells(row)])
    # A byte-order mark so that Excel opens the UTF-8 file correctly.
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def portfolio_xlsx(rows, title="Portfolio"):
    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]
    sheet.append([heading for heading, _ in EXPORT_COLUMNS])
    for row in rows:
        sheet.append(_cells(row))
    # Date columns (latest outcome data, last reviewed) as dates, not numbers.
    for line in sheet.iter_rows(min_row=2):
        for cell in line:
            if isinstance(cell.value, date | datetime):
                cell.number_format = "yyyy-mm-dd"
    sheet.freeze_panes = "B2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
