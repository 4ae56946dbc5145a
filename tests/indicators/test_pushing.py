"""Pushed measurements read as an import reads a file (indicators/pushing.py),
without HTTP: ISO months, markers, SDMX's flags, unknown areas, all or nothing."""

from datetime import date
from decimal import Decimal

import pytest

from joinedup.indicators import pushing
from joinedup.indicators.models import Area, Indicator, Measurement

pytestmark = pytest.mark.django_db


@pytest.fixture
def monthly(workspace, partnership):
    Area.objects.create(workspace=workspace, name="Northshire", ons_code="E06000001", is_own_area=True)
    return Indicator.objects.create(partnership=partnership, name="Delays", unit="count", direction="lower",
                                    frequency="month")


def test_an_iso_month_is_a_month_even_where_a_file_could_mean_a_financial_year():
    assert pushing.iso_month("2000-01") == "Jan 2000" and pushing.iso_month("2026-13") == "2026-13"
    assert pushing.iso_month("2025/26") == "2025/26"


def test_json_rows_become_the_import_s_rows_with_markers_and_notes(monthly):
    table, mapping = pushing.table_of_records([
        {"area_code": "E06000001", "period": "2000-01", "value": Decimal("1E+2")},
        {"area": "Northshire", "period": "2000-02", "marker": "c", "note": "Small"},
    ])
    found = pushing.read(monthly, table, mapping)
    first, second = found.rows
    assert (first.period.start, first.value) == (date(2000, 1, 1), 100)
    assert (second.status, second.marker, second.note) == ("suppressed", "c", "Small")
    assert set(found.areas.values()) == {Area.objects.get().pk}


def test_sdmx_flags_say_why_a_value_is_absent():
    table, mapping = pushing.csv_and_mapping(
        b"REF_AREA,TIME_PERIOD,OBS_VALUE,CONF_STATUS\nE06000001,2026-01,,C\nE06000001,2026-02,,F\nE06000001,2026-03,4,F\n")
    assert [row.cells[2] for row in table.rows] == ["c", "..", "4"]
    assert [row.cells[1] for row in table.rows] == ["Jan 2026", "Feb 2026", "Mar 2026"]
    assert mapping.value == "OBS_VALUE"


def test_one_bad_row_refuses_them_all_naming_each(monthly, editor):
    table, mapping = pushing.table_of_records([
        {"area_code": "E06000001", "period": "2026-01", "value": 1},
        {"area_code": "E09999999", "period": "2026-02", "value": 2},
    ])
    with pytest.raises(pushing.PushRefused) as refused:
        pushing.read(monthly, table, mapping)
    assert [(e.row, e.column) for e in refused.value.errors] == [(1, "area_code")]
    assert not Measurement.objects.exists()
