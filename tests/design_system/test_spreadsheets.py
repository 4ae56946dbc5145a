import pytest

from joinedup.design_system.spreadsheets import spreadsheet_cell


@pytest.mark.parametrize("value, expected", [
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"), ("=1+1", "'=1+1"), ("+44", "'+44"), ("-2", "'-2"),
    ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"), ("\rx", "'\rx"), ("Home First", "Home First"), (3, 3), (None, None),
])
def test_it_neutralises_text_a_spreadsheet_could_run_as_a_formula(value, expected):
    assert spreadsheet_cell(value) == expected
