"""The import function without HTTP: real public files and the messy fixtures,
all-or-nothing, idempotent re-import, revisions and remembered mappings."""

from decimal import Decimal
from pathlib import Path

import pytest

from joinedup.indicators import importing
from joinedup.indicators.mapping import ColumnMapping, Layout
from joinedup.indicators.models import (
    Area,
    ImportStatus,
    Indicator,
    Measurement,
    MeasurementRevision,
    SavedMapping,
)
from tests.public_data import PUBLIC

FILES = Path(__file__).resolve().parent / "files"
ADMISSIONS = PUBLIC / "trafford_dashboard_residential_home_admissions.csv"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def indicator(partnership, outcome):
    return Indicator.objects.create(
        partnership=partnership, outcome=outcome, name="Permanent admissions 65+ per 100,000",
        unit="rate_100k", direction="lower", frequency="financial_year",
    )


def stage(indicator, user, path, content=None, name=None):
    return importing.stage_upload(indicator, user, name or path.name, content or path.read_bytes())


def roles_for(batch, own_name):
    """Own area for `own_name`, every other area a comparator."""
    found = importing.preview(batch)
    return {c.key: "own" if c.name == own_name else "comparator" for c in found.areas}


def test_it_imports_the_real_trafford_file_with_its_ten_boroughs(indicator, editor, media_root):
    batch = stage(indicator, editor, ADMISSIONS)
    assert (media_root / "imports" / str(indicator.partnership.workspace_id) / batch.token).exists()
    assert Measurement.objects.count() == 0

    found = importing.preview(batch)
    assert (len(found.rows), found.added, found.changed, found.unchanged) == (50, 50, 0, 0)
    assert len(found.areas) == 10 and not found.errors

    importing.commit(batch, editor, roles_for(batch, "Trafford"))
    batch.refresh_from_db()
    assert (batch.status, batch.added) == (ImportStatus.COMMITTED, 50)
    assert Measurement.objects.filter(indicator=indicator).count() == 50
    trafford = Area.objects.get(name="Trafford")
    assert trafford.is_own_area and trafford.ons_code == "E08000009"
    assert Area.objects.filter(is_own_area=False).count() == 9
    first = Measurement.objects.get(area=trafford, period_label="2014/15")
    assert first.value == Decimal("543") and first.status == "ok"
    assert not importing.stored_path(batch).exists()


def test_re_importing_the_same_file_changes_nothing(indicator, editor):
    batch = stage(indicator, editor, ADMISSIONS)
    importing.commit(batch, editor, roles_for(batch, "Trafford"))

    again = stage(indicator, editor, ADMISSIONS)
    found = importing.preview(again)
    assert (found.added, found.changed, found.unchanged) == (0, 0, 50)
    importing.commit(again, editor)
    assert Measurement.objects.count() == 50
    assert MeasurementRevision.objects.count() == 0
    assert Area.objects.count() == 10


def test_a_corrected_value_replaces_the_old_one_with_a_revision(indicator, editor, owner):
    batch = stage(indicator, editor, ADMISSIONS)
    importing.commit(batch, editor, roles_for(batch, "Trafford"))
    corrected = ADMISSIONS.read_bytes().replace(b"Trafford,2014/15,Residential home admissions,"
                                                b"\"Rate per 100,000 population\",Persons,543",
                                                b"Trafford,2014/15,Residential home admissions,"
                                                b"\"Rate per 100,000 population\",Persons,550.5")
    assert corrected != ADMISSIONS.read_bytes()

    again = stage(indicator, owner, ADMISSIONS, content=corrected)
    assert (importing.preview(again).changed, importing.preview(again).unchanged) == (1, 49)
    importing.commit(again, owner)

    measurement = Measurement.objects.get(area__name="Trafford", period_label="2014/15")
    assert measurement.value == Decimal("550.5")
    revision = measurement.revisions.get()
    assert (revision.old_value, revision.new_value) == (Decimal("543"), Decimal("550.5"))
    assert revision.changed_by == owner and revision.batch_id == again.pk


def test_a_file_with_one_bad_row_writes_nothing_and_names_the_row_and_column(indicator, editor):
    broken = ADMISSIONS.read_bytes().replace(b"Persons,985.2", b'Persons,"98,52"')
    batch = stage(indicator, editor, ADMISSIONS, content=broken)

    found = importing.preview(batch)
    assert [str(e) for e in found.errors] == [
        "Row 3, column 'value': '98,52' has a comma where joinedup expects a thousands separator "
        "(1,234). Use a decimal point for decimals, like 12.5."
    ]
    with pytest.raises(importing.ImportRefused):
        importing.commit(batch, editor, roles_for(batch, "Trafford"))
    assert Measurement.objects.count() == 0
    assert Area.objects.count() == 0
    batch.refresh_from_db()
    assert batch.status == ImportStatus.PENDING


def test_the_mapping_is_remembered_for_the_next_file_of_the_same_layout(indicator, editor):
    batch = stage(indicator, editor, ADMISSIONS)
    mapping = ColumnMapping.from_dict(batch.mapping)
    assert mapping.area_name == "area_name"
    mapping.area_name = None  # the user maps areas by code only
    batch.mapping = mapping.to_dict()
    batch.save()
    importing.commit(batch, editor)
    assert SavedMapping.objects.get().mapping["area_name"] is None

    again = stage(indicator, editor, ADMISSIONS)
    assert ColumnMapping.from_dict(again.mapping).area_name is None
    table = importing.load_table(again)
    assert importing.initial_mapping(indicator.partnership.workspace, table)[1] is True


def test_a_period_of_the_wrong_frequency_is_an_error_naming_row_and_column(partnership, editor):
    monthly = Indicator.objects.create(partnership=partnership, name="Admissions", unit="rate_100k",
                                       direction="lower", frequency="month")
    batch = stage(monthly, editor, ADMISSIONS)
    errors = [str(e) for e in importing.preview(batch).errors]
    assert errors == [
        "Row 2, column 'period': 50 rows of the file have financial-year periods (such as "
        "'2014/15'), but Admissions is monthly. Import the file into a financial-year indicator, "
        "or, if Admissions really is financial-year, change its frequency on its edit page and "
        "import again."
    ]  # one per kind of period, not one per label or row


def test_dates_in_a_monthly_indicator_say_how_to_read_them_as_months(partnership, editor):
    monthly = Indicator.objects.create(partnership=partnership, name="Visits", unit="count",
                                       direction="higher", frequency="month")
    content = b"Date,Value\n01/04/2024,5\n01/05/2024,6\n"
    batch = stage(monthly, editor, None, content=content, name="visits.csv")
    batch.mapping = ColumnMapping(period="Date", value="Value").to_dict()
    batch.save()
    (error,) = [str(e) for e in importing.preview(batch).errors]
    assert "2 rows of the file have daily periods (such as '2024-04-01')" in error
    assert "go back to the column choices and say what a full date in the period column means" in error


def test_only_one_area_can_be_the_own_area(indicator, editor):
    batch = stage(indicator, editor, ADMISSIONS)
    roles = {c.key: "own" for c in importing.preview(batch).areas}
    found = importing.preview(batch, roles)
    assert "Only one area can be your own area" in str(found.errors.errors[0])
    assert found.can_choose_areas and not found.can_commit


def test_areas_set_to_skip_are_not_imported(indicator, editor):
    batch = stage(indicator, editor, ADMISSIONS)
    roles = roles_for(batch, "Trafford")
    roles["E08000001"] = "skip"  # Bolton
    importing.commit(batch, editor, roles)
    assert Measurement.objects.count() == 45
    assert not Area.objects.filter(name="Bolton").exists()


def test_a_remembered_own_area_is_matched_by_code(indicator, editor, workspace):
    Area.objects.create(workspace=workspace, name="Trafford Council", ons_code="E08000009", is_own_area=True)
    batch = stage(indicator, editor, ADMISSIONS)
    choices = {c.code: c for c in importing.preview(batch).areas}
    assert choices["E08000009"].role == "own"
    assert choices["E08000009"].existing.name == "Trafford Council"
    assert choices["E08000002"].role == "comparator" and choices["E08000002"].existing is None


def test_it_imports_a_windows_1252_file_with_notes_numerators_and_suppression(partnership, editor):
    cost = Indicator.objects.create(partnership=partnership, name="Cost", unit="money", direction="lower",
                                    frequency="financial_year")
    batch = stage(cost, editor, FILES / "windows_1252_with_notes.csv")
    assert batch.encoding in {"cp1252", "windows-1252"}
    found = importing.preview(batch)
    assert not found.errors and len(found.rows) == 4
    importing.commit(batch, editor, roles_for(batch, "Trafford"))
    rows = {(m.area.name, m.period_label): m for m in Measurement.objects.select_related("area")}
    assert rows[("Trafford", "2022/23")].value == Decimal("1200")
    assert rows[("Trafford", "2022/23")].denominator == Decimal("2400")
    assert rows[("Trafford", "2023/24")].value == Decimal("-12")
    assert rows[("Trafford", "2023/24")].numerator is None
    assert rows[("Bury", "2022/23")].status == "missing" and rows[("Bury", "2022/23")].value is None


def test_it_imports_an_excel_csv_with_bom_and_a_suppressed_value(partnership, editor):
    rate = Indicator.objects.create(partnership=partnership, name="Rate", unit="count", direction="lower",
                                    frequency="financial_year")
    batch = stage(rate, editor, FILES / "excel_csv_utf8.csv")
    importing.commit(batch, editor, roles_for(batch, "Trafford"))
    values = {m.area.name: (m.value, m.status) for m in Measurement.objects.select_related("area")}
    assert values["Trafford"] == (Decimal("1234"), "ok")
    assert values["Manchester"] == (None, "suppressed")
    assert values["England"] == (Decimal("987"), "ok")


def test_it_imports_a_wide_file_with_a_column_per_period(partnership, editor):
    wide = Indicator.objects.create(partnership=partnership, name="Wide", unit="rate_100k", direction="lower",
                                    frequency="financial_year")
    batch = stage(wide, editor, FILES / "wide_periods.csv")
    assert ColumnMapping.from_dict(batch.mapping).layout == Layout.WIDE_PERIODS
    importing.commit(batch, editor, roles_for(batch, "Trafford"))
    assert Measurement.objects.count() == 9
    assert Measurement.objects.get(area__name="Bury", period_label="2020/21").status == "suppressed"


def test_it_imports_an_xlsx_workbook_once_its_columns_are_mapped(partnership, editor):
    monthly = Indicator.objects.create(partnership=partnership, name="Admissions", unit="rate_100k",
                                       direction="lower", frequency="month")
    batch = stage(monthly, editor, FILES / "admissions.xlsx")
    batch.mapping = ColumnMapping(period="Month", area_name="Area", area_code="Code",
                                  value="Admissions · Rate per 100,000", numerator="Admissions · Number").to_dict()
    batch.save()
    importing.commit(batch, editor, roles_for(batch, "Trafford"))
    trafford = {m.period_label: m for m in Measurement.objects.filter(area__name="Trafford")}
    assert trafford["Apr 2024"].value == Decimal("543")
    assert trafford["May 2024"].numerator == Decimal("1234")
    assert Measurement.objects.get(area__name="Bury").status == "suppressed"


def test_a_file_with_several_series_asks_which_one(partnership, editor):
    weekly = Indicator.objects.create(partnership=partnership, name="A&E attendances", unit="count",
                                      direction="lower", frequency="week")
    batch = stage(weekly, editor, PUBLIC / "scotland_ae_attendances_2020.csv")
    mapping = ColumnMapping.from_dict(batch.mapping)
    mapping.indicator = "Category"
    batch.mapping = mapping.to_dict()
    batch.save()
    found = importing.preview(batch)
    assert not found.rows and "Choose the one to import" in str(found.errors.errors[0])
    assert len(found.series) > 1

    batch.series = found.series[0]
    batch.save()
    chosen = importing.preview(batch)
    assert chosen.rows and all(row.indicator == found.series[0] for row in chosen.rows)
    assert not chosen.errors


def test_the_monthly_delayed_transfers_file_reads_its_dates_as_months(partnership, editor):
    dtoc = Indicator.objects.create(partnership=partnership, name="Delayed transfers", unit="count",
                                    direction="lower", frequency="month")
    batch = stage(dtoc, editor, PUBLIC / "trafford_dashboard_dtoc.csv")
    importing.commit(batch, editor, roles_for(batch, "Trafford"))
    first = Measurement.objects.filter(area__name="Trafford").order_by("period_start").first()
    assert (first.period_label, first.value) == ("Mar 2017", Decimal("36.6"))
    assert Measurement.objects.count() == 72


def test_an_unreadable_file_is_refused_before_anything_is_kept(indicator, editor, media_root):
    with pytest.raises(importing.FileReadError):
        importing.stage_upload(indicator, editor, "notes.pdf", b"%PDF-1.4 not a table")
    assert not (media_root / "imports").exists()


def test_a_committed_import_cannot_be_committed_again(indicator, editor):
    batch = stage(indicator, editor, ADMISSIONS)
    importing.commit(batch, editor, roles_for(batch, "Trafford"))
    with pytest.raises(importing.ImportRefused):
        importing.commit(batch, editor)


def areas_file(count, prefix, rows=None):
    """`rows` values (one each by default) over `count` new areas, a year each."""
    rows = rows or count
    lines = ["Area name,Year,Value"] + [f"{prefix} place {n % count},{2021 - n // count},{n}" for n in range(rows)]
    return ("\n".join(lines) + "\n").encode()


def queries_to_import(partnership, editor, count, prefix, rows=120):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    indicator = Indicator.objects.create(partnership=partnership, name=f"{prefix} rate", unit="count",
                                         direction="lower", frequency="year")
    batch = importing.stage_upload(indicator, editor, "areas.csv", areas_file(count, prefix, rows))
    assert not importing.preview(batch).errors
    assert importing.queue(batch, editor, {})
    with CaptureQueriesContext(connection) as queries:
        importing.run(batch.pk)
    batch.refresh_from_db()
    assert (batch.status, batch.added) == (ImportStatus.COMMITTED, rows), batch.errors
    return len(queries)


def test_new_areas_are_added_in_bulk_not_one_query_each(partnership, editor):
    queries_to_import(partnership, editor, 1, "First", rows=1)  # remembers the layout: later imports update it
    few = queries_to_import(partnership, editor, 3, "Little")  # as many rows, over 3 areas
    many = queries_to_import(partnership, editor, 120, "Big")

    assert many == few
    added = Area.objects.filter(workspace=partnership.workspace, name__startswith="Big place")
    assert added.count() == 120 and not added.filter(is_own_area=True).exists()
    assert Measurement.objects.filter(area__in=added, value=Decimal(7)).get().area.name == "Big place 7"


def test_a_failed_import_adds_no_areas(partnership, editor):
    indicator = Indicator.objects.create(partnership=partnership, name="Rate", unit="count",
                                         direction="lower", frequency="year")
    content = areas_file(30, "Lost") + b"Lost place 0,2021,8\n"  # the same area and period twice
    batch = importing.stage_upload(indicator, editor, "areas.csv", content)
    with pytest.raises(importing.ImportRefused):
        importing.commit(batch, editor, {})

    assert not Area.objects.filter(name__startswith="Lost").exists()
