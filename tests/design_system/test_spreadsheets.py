import pytest

from joinedup.design_system.spreadsheets import spreadsheet_cell


@pytest.mark.parametrize("value, expected", [
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"), ("=1+1", "'=1+1"), ("+44", "'+44"), ("-2", "'-2"),
    ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"), ("\rx", "'\rx"), ("Home First", "Home First"), (3, 3), (None, None),
])
def test_it_neutralises_text_a_spreadsheet_could_run_as_a_formula(value, expected):
    assert spreadsheet_cell(value) == expected


def test_a_table_downloads_as_csv_with_a_byte_order_mark_and_formulas_neutralised():
    import csv
    import io
    from datetime import date

    from joinedup.design_system.spreadsheets import Table, csv_bytes

    body = csv_bytes(Table("Things", ["Name", "When", "How many"],
                           [["=HYPERLINK(\"http://x\")", date(2026, 1, 2), 3], ["Zoë, café", None, -2]]))
    assert body.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows == [["Name", "When", "How many"], ["'=HYPERLINK(\"http://x\")", "2026-01-02", "3"],
                    ["Zoë, café", "", "-2"]]


def test_a_table_downloads_as_xlsx_with_dates_and_numbers_kept():
    import io
    from datetime import date

    from openpyxl import load_workbook

    from joinedup.design_system.spreadsheets import Table, xlsx_bytes

    sheet = load_workbook(io.BytesIO(xlsx_bytes(Table("A/very:long [title] for a sheet name", ["Name", "When", "N"],
                                                      [["@SUM(A1)", date(2026, 1, 2), 3.5]])))).active
    assert sheet.title == "Averylong title for a sheet nam"
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("Name", "When", "N")
    assert rows[1][0] == "'@SUM(A1)" and rows[1][1].date() == date(2026, 1, 2) and rows[1][2] == 3.5
