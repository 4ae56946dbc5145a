"""Cells for CSV and XLSX exports. A spreadsheet runs text that starts like
a formula (=, +, -, @, tab or carriage return): an imported meeting title or
a survey comment must not become one."""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(value):
    """The value, with an apostrophe before text that starts like a formula,
    so a spreadsheet shows it as text. Other values are returned as they are."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
