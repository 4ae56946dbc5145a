import csv
import io
import random
import zipfile
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from joinedup.indicators.reading import (
    FileReadError,
    TablePosition,
    detect_encoding,
    read_table,
    table_width,
)
from tests.public_data import PUBLIC

FILES = Path(__file__).resolve().parent / "files"


def read_file(name: str, **options):
    return read_table((FILES / name).read_bytes(), name, **options)


def read_public(name: str, **options):
    return read_table((PUBLIC / name).read_bytes(), name, **options)


def workbook_bytes(*rows, sheet_title="Sheet1") -> bytes:
    workbook = openpyxl.Workbook()
    workbook.active.title = sheet_title
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_it_reads_excel_csv_utf8_with_bom_and_crlf():
    table = read_file("excel_csv_utf8.csv")

    assert table.file_format == "csv"
    assert table.encoding == "utf-8-sig"
    assert table.delimiter == ","
    assert table.headers == ["Area code", "Area name", "Period", "Value"]
    assert [row.number for row in table.rows] == [2, 3, 4, 5]
    assert table.rows[0].cells == ["E08000009", "Trafford", "2023\u201324", "1,234"]
    assert table.rows[3].cells[3] == "987"


def test_it_reads_windows_1252_with_title_rows_above_and_notes_below():
    table = read_file("windows_1252_with_notes.csv")

    assert table.encoding == "cp1252"
    assert table.header_row == 4
    assert table.headers[3] == "Cost (£)"
    assert [row.number for row in table.rows] == [5, 6, 7, 8]
    assert table.rows[0].cells[3] == "£1,200"
    assert table.notes[:2] == [
        "Table 3: Cost of delayed discharges \u2013 Greater Manchester",
        "\u201cProvisional\u201d figures; published by the council\u2019s analysts",
    ]
    assert table.notes[2:] == [
        "Notes:",
        "1. Costs are rounded to the nearest £1.",
        "c = suppressed to protect confidentiality",
    ]


def test_it_reads_latin_1():
    content = "Area,Value\nCafé Ward,12\nSeñora Brûlée,13\nÅrhus,14\n".encode("latin-1")

    table = read_table(content, "latin.csv")

    assert [row.cells[0] for row in table.rows] == ["Café Ward", "Señora Brûlée", "Århus"]


def test_it_prefers_windows_1252_for_a_lone_pound_sign():
    content = "Area,Cost\nTrafford,£1200\nBury,£900\n".encode("cp1252")

    assert detect_encoding(content) == "cp1252"
    assert read_table(content, "costs.csv").rows[0].cells == ["Trafford", "£1200"]


def test_it_reads_utf_16_as_excel_saves_unicode_text():
    content = "Area\tValue\r\nTrafford\t12\r\n".encode("utf-16")

    table = read_table(content, "unicode.txt")

    assert (table.encoding, table.delimiter) == ("utf-16", "\t")
    assert table.rows[0].cells == ["Trafford", "12"]


def test_it_reads_semicolons_and_tabs():
    assert read_file("semicolon.csv").delimiter == ";"
    assert read_file("semicolon.csv").headers == ["Area", "Quarter", "Rate"]
    tabbed = read_table(b"Area\tPeriod\tValue\nTrafford, Greater Manchester\t2024\t1\n", "t.tsv")
    assert tabbed.rows[0].cells == ["Trafford, Greater Manchester", "2024", "1"]


def test_it_takes_the_encoding_delimiter_and_header_row_when_given():
    content = "Title\nA;B\n1;2\n".encode("cp1252")

    table = read_table(content, "x.csv", encoding="latin-1", delimiter=";", header_row=2)

    assert (table.encoding, table.delimiter, table.header_row) == ("latin-1", ";", 2)
    assert table.rows[0].cells == ["1", "2"]


def test_it_names_blank_and_repeated_headers():
    table = read_table(b"Area,,Value,Value\nTrafford,x,1,2\n", "x.csv")

    assert table.headers == ["Area", "Column B", "Value", "Value (2)"]


def test_it_skips_blank_rows_inside_the_table_and_keeps_their_numbering():
    table = read_table(b"Area,Value\nTrafford,1\n\n,\nBury,2\n", "x.csv")

    assert [(row.number, row.cells) for row in table.rows] == [
        (2, ["Trafford", "1"]),
        (5, ["Bury", "2"]),
    ]


def test_it_keeps_a_row_of_suppressed_blanks_at_the_end_of_the_table():
    table = read_table(b"Area,Period,Value\nTrafford,2024,1\nBury,,\n", "x.csv")

    assert [row.cells for row in table.rows] == [["Trafford", "2024", "1"], ["Bury", "", ""]]


def test_it_stops_at_a_footnote_directly_under_the_table():
    table = read_table(b"Area,Value\nTrafford,1\nSource: NHS England\n", "x.csv")

    assert len(table.rows) == 1
    assert table.notes == ["Source: NHS England"]


def test_it_reads_a_workbook_with_title_merged_headers_text_numbers_and_dates():
    table = read_file("admissions.xlsx")

    assert (table.file_format, table.sheet, table.header_row) == ("xlsx", "Admissions", 4)
    assert table.sheet_names == ["Admissions", "Daily"]
    assert (table.encoding, table.delimiter) == (None, None)
    assert table.headers == [
        "Area",
        "Code",
        "Month",
        "Admissions · Number",
        "Admissions · Rate per 100,000",
        "Share",
    ]
    assert [(row.number, row.cells) for row in table.rows] == [
        (5, ["Trafford", "E08000009", "Apr 2024", "12", "543.0", "12.5%"]),
        (6, ["Trafford", "E08000009", "May 2024", "1,234", "601.5", "20%"]),
        (7, ["Bury", "E08000002", "Apr 2024", "*", "c", ""]),
    ]
    assert table.notes == [
        "Admissions to care homes, Greater Manchester",
        "Source: NHS England, adult social care activity.",
    ]


def test_it_reads_a_named_sheet_with_day_dates():
    table = read_file("admissions.xlsx", sheet="Daily")

    assert table.sheet == "Daily"
    assert [row.cells for row in table.rows] == [
        ["2024-04-01", "Trafford", "101"],
        ["2024-04-02", "Trafford", "97"],
    ]


def test_it_keeps_the_time_of_a_date_cell_that_has_one():
    table = read_table(
        workbook_bytes(["When", "Value"], [datetime(2024, 4, 1, 13, 45), 1]), "x.xlsx"
    )

    assert table.rows[0].cells[0] == "2024-04-01 13:45"


def test_it_reads_tab_separated_text_that_a_system_named_xls():
    table = read_table(b"Area\tValue\r\nTrafford\t12\r\n", "report.xls")

    assert (table.file_format, table.delimiter) == ("csv", "\t")
    assert table.rows[0].cells == ["Trafford", "12"]


def test_it_reads_a_workbook_whatever_its_name_says():
    table = read_table(workbook_bytes(["Area", "Value"], ["Trafford", 1]), "export.csv")

    assert table.file_format == "xlsx"


@pytest.mark.parametrize("name", sorted(path.name for path in PUBLIC.glob("*.csv")))
def test_it_reads_every_public_csv(name):
    table = read_public(name)
    lines = (PUBLIC / name).read_bytes().decode("utf-8").splitlines()

    assert table.header_row == 1
    assert table.headers == next(csv.reader([lines[0]], delimiter=table.delimiter))
    assert len(table.rows) == len(lines) - 1
    assert table.rows[-1].number == len(lines)


def test_it_reads_the_semicolons_of_california_prop99():
    table = read_public("california_prop99.csv")

    assert table.delimiter == ";"
    assert table.headers == ["State", "Year", "PacksPerCapita", "treated"]
    assert table.rows[0].cells == ["Alabama", "1970", "89.80000305", "0"]


def test_it_reads_the_trafford_ascof_file():
    table = read_public("trafford_dashboard_residential_home_admissions.csv")

    assert table.headers == [
        "area_code",
        "area_name",
        "period",
        "indicator",
        "measure",
        "unit",
        "value",
    ]
    assert table.rows[0].cells[:3] == ["E08000009", "Trafford", "2014/15"]
    assert table.rows[0].cells[4] == "Rate per 100,000 population"


@pytest.mark.parametrize("content", [b"", b"   \r\n\r\n", b",,,\r\n,,,\r\n"])
def test_it_refuses_an_empty_file(content):
    with pytest.raises(FileReadError) as raised:
        read_table(content, "empty.csv")

    assert raised.value.code == "empty"
    assert "empty" in raised.value.message or "no data" in raised.value.message


def test_it_refuses_an_empty_workbook():
    with pytest.raises(FileReadError) as raised:
        read_table(workbook_bytes(), "empty.xlsx")

    assert raised.value.code == "empty"


def test_it_refuses_a_file_that_is_too_large():
    with pytest.raises(FileReadError) as raised:
        read_table(b"Area,Value\n" + b"Trafford,1\n" * 100, "big.csv", max_bytes=1000)

    assert raised.value.code == "too_large"
    assert "Split it" in raised.value.message


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (b"Area,Value\n" + b"Trafford,1\n" * 20, "many.csv"),
        (workbook_bytes(["Area", "Value"], *[["Trafford", 1]] * 20), "many.xlsx"),
    ],
)
def test_it_refuses_too_many_rows(content, name):
    with pytest.raises(FileReadError) as raised:
        read_table(content, name, max_rows=10)

    assert raised.value.code == "too_large"


@pytest.mark.parametrize(
    ("content", "name", "says"),
    [
        (b"%PDF-1.7\n1 0 obj\n", "report.pdf", ".csv"),
        (b"%PDF-1.7\n1 0 obj\n", "report.csv", ".csv"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500), "old.xls", "old-style Excel"),
        (b"<!DOCTYPE html><html><table></table></html>", "export.xls", "web page"),
        (b"Area,Value\n", "notes.docx", ".xlsx"),
    ],
)
def test_it_refuses_files_that_are_not_csv_or_xlsx(content, name, says):
    with pytest.raises(FileReadError) as raised:
        read_table(content, name)

    assert raised.value.code == "wrong_type"
    assert says in raised.value.message


def test_it_refuses_a_zip_that_is_not_a_workbook():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w/>")

    with pytest.raises(FileReadError) as raised:
        read_table(buffer.getvalue(), "letter.docx")

    assert raised.value.code == "wrong_type"


@pytest.mark.parametrize("content", [b"Area,Value\nTrafford,1\n", b"PK\x03\x04" + bytes(100)])
def test_it_refuses_a_damaged_workbook(content):
    with pytest.raises(FileReadError) as raised:
        read_table(content, "data.xlsx")

    assert raised.value.code == "damaged"
    assert "'data.xlsx' is named like an Excel workbook but is not one" in raised.value.message


def test_it_refuses_a_workbook_too_large_to_unpack():
    content = workbook_bytes(["Area", "Value"], ["Trafford", 1])

    with pytest.raises(FileReadError) as raised:
        read_table(content, "data.xlsx", max_unpacked_bytes=1000)

    assert raised.value.code == "too_large"


def test_it_refuses_a_workbook_whose_parts_are_broken():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", "not xml at all")

    with pytest.raises(FileReadError) as raised:
        read_table(buffer.getvalue(), "data.xlsx")

    assert raised.value.code == "damaged"


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_it_refuses_binary_junk(seed):
    junk = random.Random(seed).randbytes(4000)

    with pytest.raises(FileReadError) as raised:
        read_table(junk, "junk.csv")

    assert raised.value.code == "binary"


def test_it_refuses_control_characters_without_nul_bytes():
    junk = bytes(random.Random(3).choice(range(1, 32)) for _ in range(3000))

    with pytest.raises(FileReadError) as raised:
        read_table(junk, "junk.csv")

    assert raised.value.code == "binary"


def test_it_refuses_a_file_without_a_header():
    content = b"1,2.5,3\n4,5.5,6\n7,8.5,9\n"

    with pytest.raises(FileReadError) as raised:
        read_table(content, "numbers.csv")

    assert raised.value.code == "no_header"
    assert "row of column names" in raised.value.message


def test_it_says_when_it_finds_only_one_column():
    with pytest.raises(FileReadError) as raised:
        read_table(b"Trafford\nBury\nBolton\n", "one.csv")

    assert raised.value.code == "no_header"
    assert "only one column" in raised.value.message


def test_it_names_the_other_sheets_when_the_first_has_no_table():
    workbook = openpyxl.Workbook()
    workbook.active.title = "Cover"
    workbook.active.append(["Admissions statistics"])
    workbook.create_sheet("Table_1").append(["Area", "Value"])
    buffer = io.BytesIO()
    workbook.save(buffer)

    with pytest.raises(FileReadError) as raised:
        read_table(buffer.getvalue(), "stats.xlsx")

    assert raised.value.code == "no_header"
    assert "Cover, Table_1" in raised.value.message


def test_it_refuses_a_sheet_that_is_not_there():
    with pytest.raises(FileReadError) as raised:
        read_file("admissions.xlsx", sheet="Data")

    assert raised.value.code == "sheet_not_found"
    assert "Admissions, Daily" in raised.value.message


def test_it_refuses_a_header_without_data():
    with pytest.raises(FileReadError) as raised:
        read_table(b"Area,Period,Value\n", "x.csv")

    assert raised.value.code == "no_rows"


def test_it_refuses_a_header_row_that_is_blank():
    with pytest.raises(FileReadError) as raised:
        read_table(b"\nArea,Value\nTrafford,1\n", "x.csv", header_row=1)

    assert raised.value.code == "bad_option"


def test_it_refuses_a_sheet_for_a_csv():
    with pytest.raises(FileReadError) as raised:
        read_table(b"Area,Value\nTrafford,1\n", "x.csv", sheet="Data")

    assert raised.value.code == "bad_option"


def test_it_refuses_an_unclosed_quote_that_swallows_the_file():
    content = b'Area,Value\nTrafford,"1\n' + b"x" * 200_000

    with pytest.raises(FileReadError) as raised:
        read_table(content, "x.csv")

    assert raised.value.code == "damaged"
    assert "quotation mark" in raised.value.message


# Text as it appears in area names and labels: ASCII, and real words with accents,
# pound signs, smart quotes and dashes (random accented letters are not text
# any encoding detector can place).
place_names = st.sampled_from(
    [
        "Ynys Môn",
        "St Helen’s",
        "Café Ward",
        "Señora Brûlée",
        "“Provisional” – £1,200",
        "Bournemouth, Christchurch and Poole",
        "Région Île-de-France",
        "Düsseldorf",
    ]
)
cell_text = st.one_of(
    st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=12),
    place_names,
).map(str.strip)


@settings(max_examples=60, deadline=None)
@given(
    rows=st.lists(
        st.tuples(cell_text, st.decimals(allow_nan=False, allow_infinity=False, places=2)),
        min_size=1,
        max_size=20,
    ),
    delimiter=st.sampled_from([",", ";", "\t"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]),
    newline=st.sampled_from(["\n", "\r\n"]),
)
def test_what_a_spreadsheet_writes_reads_back_the_same(rows, delimiter, encoding, newline):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=newline)
    writer.writerow(["Area name", "Period", "Value"])
    expected = []
    for area, value in rows:
        cells = [area or "Trafford", "2024/25", str(value)]
        writer.writerow(cells)
        expected.append(cells)
    try:
        content = buffer.getvalue().encode(encoding)
    except UnicodeEncodeError:
        content = buffer.getvalue().encode("utf-8")

    table = read_table(content, "written.csv")

    assert table.headers == ["Area name", "Period", "Value"]
    assert [row.cells for row in table.rows] == expected
    assert table.delimiter == delimiter


def test_a_long_footer_of_two_cell_rows_does_not_make_the_table_two_columns_wide():
    body = "".join(f"Area {i},{i},{i + 1},{i + 2},{i + 3}\n" for i in range(5))
    footer = "".join(f"Metadata {i},value {i}\n" for i in range(40))
    content = f"Title\n\nArea,2020,2021,2022,2023\n{body}\n{footer}".encode()

    table = read_table(content, "x.csv")

    assert table.headers == ["Area", "2020", "2021", "2022", "2023"]
    assert len(table.rows) == 5 and table.rows[0].cells == ["Area 0", "0", "1", "2", "3"]
    assert table_width([2] * 40 + [5] * 5) == 5


def test_stacked_tables_are_found_and_one_is_chosen_by_its_rows():
    content = (
        b"Table 1a: 2014\nLCG,Male,Female\nBelfast,10,11\nSouth,12,13\nNorth,14,15\n\n"
        b"Table 1b: 2015\nLCG,Male,Female\nBelfast,20,21\nSouth,22,23\nNorth,24,25\n\nSource: BSO\n"
    )

    table = read_table(content, "x.csv")
    assert [(b.header_first, b.first_row, b.last_row) for b in table.blocks] == [(2, 3, 5), (8, 9, 11)]
    assert table.rows[0].cells == ["Belfast", "10", "11"]

    second = read_table(content, "x.csv", position=TablePosition(None, 8, 8, 9, 11))
    assert second.rows[0].cells == ["Belfast", "20", "21"]
    assert second.notes[-1] == "Source: BSO"


def test_headers_over_two_rows_are_joined_and_glued_footnote_marks_taken_off():
    content = b"Area,2016,,2017,\n,Rate3,Count,Rate3,Count [note 2]\nBury,1.5,10,1.6,11\n"

    table = read_table(content, "x.csv")

    assert table.position.header_first == 1 and table.position.header_last == 2
    assert table.headers == ["Area", "2016 · Rate", "2016 · Count", "2017 · Rate", "2017 · Count"]


def test_an_unmerged_group_heading_heads_its_sub_columns_even_beside_a_merged_one():
    # nhse_rtt… row 10: "Incomplete RTT pathways" in D10 alone with blanks after it over 18
    # sub-columns in row 11, while AH10:AI10 ("New RTT periods") is merged and AJ is a spacer.
    path = PUBLIC / "indicators-dev" / "nhse_rtt-overview-timeseries_england_2007-04-to-2023-07.xlsx"
    table = read_table(path.read_bytes(), path.name, position=TablePosition("Full Time Series", 10, 11, 12, 207))
    assert table.headers[:3] == ["Year", "Month", "Incomplete RTT pathways · Median wait (weeks)"]
    assert table.headers[6] == "Incomplete RTT pathways · % within 18 weeks"
    assert table.headers[20] == "Admitted (unadjusted) RTT pathways · Median wait (weeks)"
    assert table.headers[32:35] == [
        "New RTT periods · No. of new RTT periods",
        "New RTT periods · No. of new RTT periods with estimates for missing data",
        "Column AJ",  # the merge names only the columns it covers
    ]
