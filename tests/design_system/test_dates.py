from datetime import date, datetime
from pathlib import Path

from joinedup.design_system.dates import long_date, short_date, short_date_time

SRC = Path(__file__).resolve().parents[2] / "src" / "joinedup"


def test_it_writes_dates_the_way_pages_and_reports_do():
    assert long_date(date(2026, 3, 5)) == "5 March 2026"
    assert short_date(date(2026, 9, 30)) == "30 Sep 2026"
    assert short_date_time(datetime(2026, 5, 1, 9, 5)) == "1 May 2026, 09:05"


def test_no_code_formats_a_date_with_a_glibc_only_strftime_code():
    offenders = [
        str(path.relative_to(SRC)) for path in SRC.rglob("*.py")
        if "%-d" in path.read_text() and path.name != "dates.py"
    ]
    assert offenders == []
