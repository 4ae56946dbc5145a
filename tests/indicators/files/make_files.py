"""Writes the messy indicator files the reading and mapping tests use.

The files are committed; run this again only to change them:
``uv run python tests/indicators/files/make_files.py``. Each one copies a
way real public-sector files arrive: saved by Excel as "CSV UTF-8" (byte
order mark, CRLF), as a Windows-1252 CSV with a title above the table and
notes below it, semicolon-separated, as a workbook with merged headers and
Excel dates, or wide (a column per period or per area).
"""

from datetime import datetime
from pathlib import Path

import openpyxl

FILES = Path(__file__).resolve().parent


def excel_csv_utf8() -> bytes:
    """What Excel's "CSV UTF-8" gives: BOM, CRLF, quoted thousands, trailing empty rows."""
    lines = [
        "Area code,Area name,Period,Value",
        'E08000009,Trafford,2023–24,"1,234"',
        "E08000002,Bury,2023–24,12.5%",
        "E08000003,Manchester,2023–24,*",
        "E92000001,England,2023–24, 987 ",
        ",,,",
        ",,,",
    ]
    return b"\xef\xbb\xbf" + "\r\n".join(lines).encode("utf-8") + b"\r\n"


def windows_1252_with_notes() -> bytes:
    """A Windows-1252 CSV with pound signs, smart quotes, title rows and footnotes."""
    lines = [
        "Table 3: Cost of delayed discharges – Greater Manchester,,,,,",
        "“Provisional” figures; published by the council’s analysts,,,,,",
        ",,,,,",
        "Local authority,ONS code,Financial year,Cost (£),Numerator,Denominator",
        'Trafford,E08000009,2022/23,"£1,200",12,"2,400"',
        "Trafford,E08000009,2023/24,(£12),c,2500",
        "Bury,E08000002,2022/23,..,..,..",
        "Bury,E08000002,2023/24,£950,9,1900",
        ",,,,,",
        "Notes:,,,,,",
        "1. Costs are rounded to the nearest £1.,,,,,",
        "c = suppressed to protect confidentiality,,,,,",
    ]
    return "\r\n".join(lines).encode("cp1252")


def semicolon_csv() -> bytes:
    """Semicolon-separated, as European Excel saves CSV, with financial quarters."""
    lines = [
        "Area;Quarter;Rate",
        "Trafford;Q1 2024/25;12.5",
        "Trafford;Q2 2024/25;13.1",
        "Bury;Q1 2024/25;[c]",
        "Bury;Q2 2024/25;14.0",
    ]
    return ("\n".join(lines) + "\n").encode("utf-8")


def wide_periods_csv() -> bytes:
    """One row per area, one column per financial year."""
    lines = [
        "Area code,Area name,2019/20,2020/21,2021/22",
        "E08000009,Trafford,543,[x],601.5",
        "E08000002,Bury,742.8,c,700",
        "E92000001,England,584,498.2,538.5",
    ]
    return ("\n".join(lines) + "\n").encode("utf-8")


def wide_areas_csv() -> bytes:
    """One row per month, one column per area (by ONS code)."""
    lines = [
        "Month,E08000009,E92000001",
        "Apr-24,36.6,14.3",
        "May-24,27.6,..",
        "Jun-24,24.5,13.9",
    ]
    return ("\n".join(lines) + "\n").encode("utf-8")


def admissions_workbook(path: Path) -> None:
    """A workbook with a merged title, a two-row merged header, numbers as text and Excel dates."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Admissions"
    sheet["A1"] = "Admissions to care homes, Greater Manchester"
    sheet.merge_cells("A1:F1")
    for column, text in zip("ABCF", ["Area", "Code", "Month", "Share"], strict=True):
        sheet[f"{column}3"] = text
        sheet.merge_cells(f"{column}3:{column}4")
    sheet["D3"] = "Admissions"
    sheet.merge_cells("D3:E3")
    sheet["D4"], sheet["E4"] = "Number", "Rate per 100,000"
    rows = [
        ("Trafford", "E08000009", datetime(2024, 4, 1), 12, "543.0", 0.125),
        (None, None, datetime(2024, 5, 1), "1,234", 601.5, 0.2),
        ("Bury", "E08000002", datetime(2024, 4, 1), "*", "c", None),
    ]
    for number, row in enumerate(rows, start=5):
        for column, value in zip("ABCDEF", row, strict=True):
            sheet[f"{column}{number}"] = value
        sheet[f"C{number}"].number_format = "mmm-yy"
        sheet[f"F{number}"].number_format = "0.0%"
    sheet.merge_cells("A5:A6")
    sheet.merge_cells("B5:B6")
    sheet["A9"] = "Source: NHS England, adult social care activity."

    daily = workbook.create_sheet("Daily")
    daily.append(["Date", "Area", "Attendances"])
    daily.append([datetime(2024, 4, 1), "Trafford", 101])
    daily.append([datetime(2024, 4, 2, 0, 0), "Trafford", 97.0])
    for cell in daily["A"][1:]:
        cell.number_format = "dd/mm/yyyy"
    workbook.save(path)


def main() -> None:
    (FILES / "excel_csv_utf8.csv").write_bytes(excel_csv_utf8())
    (FILES / "windows_1252_with_notes.csv").write_bytes(windows_1252_with_notes())
    (FILES / "semicolon.csv").write_bytes(semicolon_csv())
    (FILES / "wide_periods.csv").write_bytes(wide_periods_csv())
    (FILES / "wide_areas.csv").write_bytes(wide_areas_csv())
    admissions_workbook(FILES / "admissions.xlsx")


if __name__ == "__main__":
    main()
