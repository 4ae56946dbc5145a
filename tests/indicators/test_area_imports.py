"""Real files from Wales, Scotland and DfE imported through the pages (upload →
mapping → preview → confirm), with the register of UK areas supplying codes
to names, names to codes and new codes to DfE's old ones; a level-of-geography
column; and an area nobody knows, listed and matched by the user."""

import csv
from decimal import Decimal

import pytest
from django.test import TestCase
from django.urls import reverse

from joinedup.indicators import importing
from joinedup.indicators.mapping import ROLES
from joinedup.indicators.models import Area, ImportBatch, Indicator, Measurement
from tests.public_data import PUBLIC

from .test_pages import upload

DEV = PUBLIC / "indicators-dev"
WELSH_BEDS = DEV / "statswales_nhs-beds-ga-critical-tidied_wales-lhb_2021-01-to-2024-03.csv"
SCOTTISH_CARE = DEV / "phs_care-at-home-tidied_scotland-council-area_2018-q1-to-2024-q1.csv"
DFE_SOCIAL_WORKERS = DEV / "dfe_cla-social-worker-changes_england-la_2024.csv"
TRAFFORD = PUBLIC / "trafford_dashboard_residential_home_admissions.csv"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def make_indicator(partnership, name, frequency, unit="percentage"):
    return Indicator.objects.create(partnership=partnership, name=name, unit=unit, direction="lower",
                                    frequency=frequency)


def map_columns(client, batch, **columns):
    data = {role: "" for role in ROLES}
    data.update(layout="long", period_dates="day", area_levels="")
    data.update(columns)
    response = client.post(reverse("indicators:import_mapping", args=["northshire", batch.token]), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    return response.url


def confirm(client, batch, own=None, **extra):
    """Post the area form as shown: each area's proposed role (own for `own`), plus `extra` fields."""
    batch.refresh_from_db()
    choices = importing.preview(batch).areas
    data = {f"area_{i}": "own" if own and c.label.startswith(own) else c.role for i, c in enumerate(choices)}
    data.update(extra)
    # The confirm queues the import as a background task, run at once in tests.
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(reverse("indicators:import_preview", args=["northshire", batch.token]), data)


def raw_rows(path):
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_welsh_health_boards_named_only_get_their_codes_from_the_register(client, editor, partnership):
    indicator = make_indicator(partnership, "General and acute bed occupancy", "month")
    client.force_login(editor)
    upload(client, indicator, WELSH_BEDS.read_bytes(), name=WELSH_BEDS.name)
    batch = ImportBatch.objects.get()
    preview_url = map_columns(client, batch, period="date", area_name="health_board_name",
                              value="beds_occupancy_rate", indicator="specialism")

    page = client.get(preview_url, {"series": "all_specialties"}).content.decode()
    assert "Import 273 values" in page
    assert "In the register of UK areas as Aneurin Bevan University Health Board (W11000028, local health board)" in page
    assert 'id="unknown-areas"' not in page

    response = confirm(client, batch, own="Aneurin Bevan")
    assert response.status_code == 302
    assert Measurement.objects.count() == 273  # 7 boards x 39 months, Jan 2021 to Mar 2024
    own = Area.objects.get(is_own_area=True)
    assert (own.name, own.ons_code) == ("Aneurin Bevan University Health Board", "W11000028")
    assert sorted(Area.objects.values_list("ons_code", flat=True)) == [f"W110000{n}" for n in (23, 24, 25, 28, 29, 30, 31)]
    # Line 2 of the file: "Jan-21","7A6","Aneurin Bevan University Health Board","all_specialties",…,74.3709
    first = Measurement.objects.get(area=own, period_label="Jan 2021")
    assert first.value == Decimal("74.3709")
    raw = next(r for r in raw_rows(WELSH_BEDS) if r["date"] == "Mar-24" and r["health_board_code"] == "7A3"
               and r["specialism"] == "all_specialties")
    swansea = Area.objects.get(ons_code="W11000031")
    assert Measurement.objects.get(area=swansea, period_label="Mar 2024").value == Decimal(raw["beds_occupancy_rate"])


def test_scottish_council_codes_only_get_names_and_match_an_area_added_by_hand(client, editor, partnership, workspace):
    edinburgh = Area.objects.create(workspace=workspace, name="Edinburgh", is_own_area=True)
    indicator = make_indicator(partnership, "People receiving care at home per 1,000", "quarter", unit="count")
    client.force_login(editor)
    upload(client, indicator, SCOTTISH_CARE.read_bytes(), name=SCOTTISH_CARE.name)
    batch = ImportBatch.objects.get()
    preview_url = map_columns(client, batch, period="date", area_code="ltla24_code", value="care_at_home_per_1000")

    page = client.get(preview_url).content.decode()
    assert "Import 800 values" in page and "Known area: Edinburgh" in page
    assert "In the register of UK areas as Na h-Eileanan Siar (S12000013, council area)" in page

    assert confirm(client, batch).status_code == 302
    assert Measurement.objects.count() == 800  # 32 council areas x 25 quarters
    edinburgh.refresh_from_db()
    assert edinburgh.ons_code == "S12000036" and edinburgh.is_own_area
    assert Area.objects.count() == 32
    fife = Area.objects.get(ons_code="S12000047")
    assert fife.name == "Fife"  # the file has no names: the register's
    # Line 16 of the file: "S12000047","Fife","Q1 2018",10.7
    assert Measurement.objects.get(area=fife, period_label="2018 Q1").value == Decimal("10.7")
    assert Measurement.objects.get(area=edinburgh, period_label="2018 Q1").value == Decimal("10.5")


def test_a_dfe_file_imports_one_level_of_geography_with_old_codes_turned_into_ons_codes(client, editor, partnership):
    indicator = make_indicator(partnership, "Children looked after with 3 or more social workers", "year")
    client.force_login(editor)
    upload(client, indicator, DFE_SOCIAL_WORKERS.read_bytes(), name=DFE_SOCIAL_WORKERS.name)
    batch = ImportBatch.objects.get()

    mapping_page = client.get(reverse("indicators:import_mapping", args=["northshire", batch.token])).content.decode()
    assert '<option value="geographic_level" selected>geographic_level</option>' in mapping_page
    # Without a level the national and regional rows have no LA: the message says what to do.
    url = map_columns(client, batch, period="time_period", area_code="old_la_code", area_name="la_name",
                      value="percentage", indicator="sw_stability")
    page = client.get(url, {"series": "3 or more social workers during the year"}).content.decode()
    assert "say which level to import" in page

    url = map_columns(client, batch, period="time_period", area_code="old_la_code", area_name="la_name",
                      value="percentage", indicator="sw_stability", area_level="geographic_level",
                      area_levels="Local authority")
    page = client.get(url, {"series": "3 or more social workers during the year"}).content.decode()
    assert "There is a problem" not in page and "There are problems" not in page
    assert "Import 153 values" in page

    assert confirm(client, batch, own="Hartlepool (805)").status_code == 302
    raw = [r for r in raw_rows(DFE_SOCIAL_WORKERS) if r["geographic_level"] == "Local authority"
           and r["sw_stability"] == "3 or more social workers during the year"]
    assert Measurement.objects.count() == len(raw) == 153
    hartlepool = Area.objects.get(is_own_area=True)
    assert (hartlepool.name, hartlepool.ons_code) == ("Hartlepool", "E06000001")
    # Line 27: …,805,Hartlepool,E06000001,CLA on 31 March,3 or more social workers during the year,52,16
    assert Measurement.objects.get(area=hartlepool).value == Decimal("16")
    cumberland = Area.objects.get(name="Cumberland")
    assert cumberland.ons_code == "E06000063"
    assert Measurement.objects.get(area=cumberland).value == Decimal("32")
    markers = {r["percentage"] for r in raw if not r["percentage"].replace(".", "").isdigit()}
    suppressed = Measurement.objects.exclude(status="ok").count()
    assert suppressed == sum(1 for r in raw if r["percentage"] in markers)
    assert not Area.objects.filter(ons_code__in=["E92000001", "E12000001"]).exists()


def test_an_unknown_area_is_listed_and_imported_into_the_area_the_user_matches(client, editor, partnership, workspace):
    bury = Area.objects.create(workspace=workspace, name="Bury", ons_code="E08000002")
    indicator = make_indicator(partnership, "Care home admissions 65+", "financial_year", unit="rate_100k")
    content = TRAFFORD.read_bytes().replace(b"E08000002,Bury,", b",Bury (north),")
    client.force_login(editor)
    upload(client, indicator, content, name="admissions.csv")
    batch = ImportBatch.objects.get()
    preview_url = map_columns(client, batch, period="period", area_code="area_code", area_name="area_name",
                              value="value")

    page = client.get(preview_url).content.decode()
    assert 'id="unknown-areas"' in page and "1 area is not recognised" in page
    assert "Which of your areas is Bury (north)?" in page

    batch.refresh_from_db()
    choices = importing.preview(batch).areas
    index = next(i for i, c in enumerate(choices) if c.name == "Bury (north)")
    response = confirm(client, batch, own="Trafford", **{f"match_{index}": str(bury.pk)})
    assert response.status_code == 302
    assert Area.objects.count() == 10 and not Area.objects.filter(name="Bury (north)").exists()
    assert Measurement.objects.filter(area=bury).count() == 5
    # Line 3 of the file: E08000002,Bury,2014/15,…,742.8
    assert Measurement.objects.get(area=bury, period_label="2014/15").value == Decimal("742.8")


def test_two_spellings_of_one_area_in_different_months_are_one_area(client, editor, partnership):
    indicator = make_indicator(partnership, "General and acute bed occupancy", "month")
    content = WELSH_BEDS.read_bytes().replace(b'"Mar-24","7A6","Aneurin Bevan University Health Board"',
                                              b'"Mar-24","7A6","Aneurin Bevan"')
    client.force_login(editor)
    upload(client, indicator, content, name=WELSH_BEDS.name)
    batch = ImportBatch.objects.get()
    preview_url = map_columns(client, batch, period="date", area_name="health_board_name",
                              value="beds_occupancy_rate", indicator="specialism")
    assert "Import 273 values" in client.get(preview_url, {"series": "all_specialties"}).content.decode()
    assert confirm(client, batch).status_code == 302
    assert Area.objects.count() == 7
    assert Measurement.objects.filter(area__ons_code="W11000028").count() == 39


def test_two_spellings_of_one_area_in_one_month_are_an_error_not_two_areas(client, editor, partnership):
    indicator = make_indicator(partnership, "General and acute bed occupancy", "month")
    content = WELSH_BEDS.read_bytes() + b'"Jan-21","7A6","Aneurin Bevan","all_specialties",1,1,70\n'
    client.force_login(editor)
    upload(client, indicator, content, name=WELSH_BEDS.name)
    batch = ImportBatch.objects.get()
    preview_url = map_columns(client, batch, period="date", area_name="health_board_name",
                              value="beds_occupancy_rate", indicator="specialism")
    page = client.get(preview_url, {"series": "all_specialties"}).content.decode()
    assert "are all the same area (Aneurin Bevan University Health Board) with values for the same periods" in page
    assert confirm(client, batch).status_code == 200
    assert Measurement.objects.count() == 0


def test_a_dfe_file_imports_england_and_the_regions_beside_the_las_from_their_own_columns(client, editor, partnership):
    indicator = make_indicator(partnership, "Children looked after with 3 or more social workers", "year")
    client.force_login(editor)
    upload(client, indicator, DFE_SOCIAL_WORKERS.read_bytes(), name=DFE_SOCIAL_WORKERS.name)
    batch = ImportBatch.objects.get()
    url = map_columns(client, batch, period="time_period", area_code="new_la_code", area_name="la_name",
                      value="percentage", indicator="sw_stability", area_level="geographic_level",
                      area_levels="National, Regional, Local authority")
    page = client.get(url, {"series": "3 or more social workers during the year"}).content.decode()
    assert "Import 165 values" in page  # England, 11 regions (with Inner and Outer London), 153 LAs
    assert confirm(client, batch, own="Hartlepool (E06000001)").status_code == 302
    england = Area.objects.get(ons_code="E92000001")
    # Line 3: 2024,Reporting year,National,E92000001,England,…,3 or more social workers during the year,22140,27
    assert england.name == "England" and Measurement.objects.get(area=england).value == Decimal("27")
    inner = Area.objects.get(ons_code="E13000001")
    assert inner.name == "Inner London"
    assert Area.objects.filter(ons_code__startswith="E12").count() == 9


def test_a_scottish_workspace_compares_with_scottish_areas_by_default_and_can_widen(client, editor, partnership, workspace):
    """A UK-wide file of local authorities: in a workspace in Scotland, the English, Welsh
    and Northern Irish areas are proposed as not imported; "every nation" offers them all."""
    workspace.nations = "scotland"
    workspace.save()
    rows = ["code,name,period,value", "S12000033,Aberdeen City,2024-01-01,9.1",
            "S12000034,Aberdeenshire,2024-01-01,9.6", "E06000001,Hartlepool,2024-01-01,8.0",
            "W06000015,Cardiff,2024-01-01,7.0"]
    indicator = make_indicator(partnership, "Care at home per 1,000", "month", unit="count")
    client.force_login(editor)
    upload(client, indicator, "\n".join(rows).encode(), name="uk.csv")
    batch = ImportBatch.objects.get()
    preview_url = map_columns(client, batch, period="period", area_code="code", area_name="name", value="value",
                              period_dates="month")
    page = client.get(preview_url).content.decode()
    assert "2 areas in the file are outside Scotland" in page
    roles = {c.code: c.role for c in importing.preview(batch).areas}
    assert roles == {"S12000033": "comparator", "S12000034": "comparator", "E06000001": "skip", "W06000015": "skip"}

    url = reverse("indicators:import_preview", args=["northshire", batch.token])
    assert client.post(url, {"area_nations": "all"}).status_code == 302
    batch.refresh_from_db()
    assert {c.code: c.role for c in importing.preview(batch, batch.area_roles).areas}["E06000001"] == "comparator"
    assert "Compare only with areas in Scotland" in client.get(preview_url).content.decode()

    assert client.post(url, {"area_nations": "own"}).status_code == 302
    batch.refresh_from_db()
    assert {c.code: c.role for c in importing.preview(batch, batch.area_roles or None).areas}["W06000015"] == "skip"
    assert confirm(client, batch, own="Aberdeen City").status_code == 302
    assert sorted(Area.objects.values_list("ons_code", flat=True)) == ["S12000033", "S12000034"]


def test_an_english_workspace_importing_only_scottish_areas_keeps_them_all_as_comparators(client, editor, partnership):
    """A file only about another nation is not emptied by the nation default."""
    indicator = make_indicator(partnership, "People receiving care at home per 1,000", "quarter", unit="count")
    client.force_login(editor)
    upload(client, indicator, SCOTTISH_CARE.read_bytes(), name=SCOTTISH_CARE.name)
    batch = ImportBatch.objects.get()
    map_columns(client, batch, period="date", area_code="ltla24_code", value="care_at_home_per_1000")
    batch.refresh_from_db()
    assert {c.role for c in importing.preview(batch).areas} <= {"own", "comparator"}
