"""The portfolio as CSV and XLSX, through the design system's table downloads
(which neutralise text a spreadsheet could read as a formula)."""

from django.utils.translation import gettext

from joinedup.design_system.spreadsheets import Table, csv_bytes, xlsx_bytes

from .portfolio import EXPORT_COLUMNS


def portfolio_table(rows, title=None):
    return Table(title or gettext("Portfolio"), [heading for heading, _ in EXPORT_COLUMNS],
                 [[column(row) for _, column in EXPORT_COLUMNS] for row in rows])


def portfolio_csv(rows):
    return csv_bytes(portfolio_table(rows))


def portfolio_xlsx(rows, title=None):
    return xlsx_bytes(portfolio_table(rows, title))
