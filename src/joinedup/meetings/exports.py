"""The cost ledger as CSV and XLSX. Text cells that a spreadsheet would run
as a formula (starting =, +, -, @, tab or carriage return) are prefixed with
an apostrophe, so an imported meeting title cannot become a formula."""

import csv
import io

from openpyxl import Workbook
from openpyxl.styles import Font

from joinedup.design_system.spreadsheets import spreadsheet_cell

MEETING_HEADINGS = [
    "Date", "Meeting", "Attended", "Apologies", "People-hours", "Cost (£)", "Decisions",
    "Decisions linked to an outcome",
]


def meeting_rows(ledger):
    return [
        [row.held_on, row.title, row.attended, row.apologies, float(round(row.people_minutes / 60, 2)),
         row.cost, row.decisions, row.linked]
        for row in ledger.meetings
    ]


def period_rows(periods):
    return [
        [p.period.label, p.meetings, p.cost, float(p.people_hours), p.decisions, p.decisions_linked_to_outcome,
         p.actions_completed_on_time, p.actions_assessed]
        for p in periods
    ]


PERIOD_HEADINGS = [
    "Period", "Meetings", "Cost (£)", "People-hours", "Decisions", "Decisions linked to an outcome",
    "Actions done on time", "Actions due",
]


def ledger_csv(ledger):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(MEETING_HEADINGS)
    for row in meeting_rows(ledger):
        writer.writerow([spreadsheet_cell(v.isoformat() if hasattr(v, "isoformat") else v) for v in row])
    return "\ufeff" + out.getvalue()


def _sheet(book, title, headings, rows, first=False):
    sheet = book.active if first else book.create_sheet()
    sheet.title = title
    sheet.append(headings)
    for row in rows:
        sheet.append([spreadsheet_cell(v) for v in row])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    return sheet


def ledger_xlsx(ledger):
    book = Workbook()
    _sheet(book, "Meetings", MEETING_HEADINGS, meeting_rows(ledger), first=True)
    _sheet(book, "Months", PERIOD_HEADINGS, period_rows(ledger.by_month))
    _sheet(book, "Quarters", PERIOD_HEADINGS, period_rows(ledger.by_quarter))
    _sheet(book, "Years", PERIOD_HEADINGS, period_rows(ledger.by_year))
    _sheet(book, "Organisations", ["Organisation", "Cost (£)", "Share"],
           [[name, row.cost, float(row.share or 0)] for name, row in ledger.by_organisation])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
