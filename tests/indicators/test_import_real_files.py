"""Real published files from tests/data/public/indicators-dev imported through
the pages (upload → column choices → check → confirm) with Django's client,
each for the periods, values and markers it carries. Spot values are checked
against the raw file: "line N" is the line of the CSV (the header is line 1)."""

import csv
from collections import Counter
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms import MultipleChoiceField
from django.test import TestCase
from django.urls import reverse

from joinedup.indicators.mapping import ColumnMapping, apply_mapping
from joinedup.indicators.models import ImportStatus, Indicator, Measurement
from joinedup.indicators.periods import year_period
from joinedup.indicators.reading import read_table
from tests.public_data import PUBLIC

DEV = PUBLIC / "indicators-dev"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def make_indicator(partnership, **fields):
    return Indicator.objects.create(partnership=partnership, direction="higher", **fields)


def import_through_the_pages(client, into, file_name, *, own=None, series=None, **choices):
    """Upload, take joinedup's guesses except `choices`, pick the series, confirm.

    `own` is the key of the area to mark as the own area (its code, or its name
    in lower case); every other area is a comparator. Returns the check page's
    Preview and the indicator's page after the import (the confirm queues a
    background task, run at once in tests, and shows its result).
    """
    path = DEV / file_name
    upload = reverse("indicators:import_upload", args=["northshire", into.pk])
    response = client.post(upload, {"file": SimpleUploadedFile(path.name, path.read_bytes())})
    assert response.status_code == 302, response.content.decode()[-3000:]
    mapping_page = client.get(response.url)
    form = mapping_page.context["form"]
    # As a browser sends it: unticked checkboxes send nothing.
    data = {name: form.initial.get(name) or ([] if isinstance(field, MultipleChoiceField) else "")
            for name, field in form.fields.items()}
    data.update(choices)
    response = client.post(response.url, data)
    assert response.status_code == 302, response.context["form"].errors
    check_url = response.url
    if series:
        client.get(check_url, {"series": series})
    check = client.get(check_url)
    found = check.context["preview"]
    assert not found.errors, list(found.errors)[:5]
    area_form = check.context["area_form"]
    # The areas come 50 to a page: the own area is chosen on its page.
    page_number = 1
    while own is not None and own not in [key for _, key in area_form.area_fields] and check.context["area_pages"]["next"]:
        page_number = check.context["area_pages"]["next"]
        check = client.get(check_url, {"areas_page": page_number})
        area_form = check.context["area_form"]
    roles = {
        name: "own" if key == own or (own is None and index == 0) else "comparator"
        for index, (name, key) in enumerate(area_form.area_fields)
    }
    roles["areas_page"] = str(page_number)
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(check_url, roles)
    assert response.status_code == 302, response.context["preview"].errors
    assert into.imports.get().status == ImportStatus.COMMITTED, into.imports.get().errors
    assert "Import complete" in client.get(response.url).content.decode()
    return found, client.get(reverse("indicators:indicator_detail", args=["northshire", into.pk])).content.decode()


def test_fingertips_export_with_bom_thousands_separators_html_and_blank_values_with_notes(
    client, editor, partnership
):
    """OHID Fingertips 90284, 2022/23: UTF-8 BOM, "74,588" counts, <div>-</div> for no count,
    and seven blank values whose reason is in the Value note column."""
    indicator = make_indicator(partnership, name="Injury admissions 0-14", unit="rate_100k",
                               frequency="financial_year")
    client.force_login(editor)
    found, page = import_through_the_pages(
        client, indicator, "ohid_fingertips-injury-admissions-children-0-14_england-utla_2022-23.csv",
        own="E06000005", period="Time period", area_code="Area Code", area_name="AreaName",
        value="Value", numerator="Count", denominator="Denominator", indicator="Indicator Name",
        value_note="Value note",
    )
    assert "7 values are missing (blank 7)" in " ".join(found.notes)
    stored = Measurement.objects.filter(indicator=indicator)
    assert stored.count() == 154  # lines 2-155
    assert stored.filter(status="missing").count() == 7 and stored.filter(status="suppressed").count() == 0
    # Line 2: England, 2022/23, Value 75.30912, Count "74,588", Denominator 9904245.
    england = stored.get(area__ons_code="E92000001")
    assert (england.period_label, england.period_start, england.period_end) == (
        "2022/23", date(2022, 4, 1), date(2023, 3, 31)
    )
    assert (england.value, england.numerator, england.denominator) == (
        Decimal("75.30912"), Decimal("74588"), Decimal("9904245")
    )
    # Line 153: Slough, Value blank, Count <div class="no-data">-</div>, a note why.
    slough = stored.get(area__ons_code="E06000039")
    assert (slough.value, slough.numerator, slough.status) == (None, None, "missing")
    assert slough.note.startswith("* Not presented due to Frimley Health Foundation Trust not submitting")
    assert "<span" not in slough.note
    # Line 93: Hackney has a value and a note; the note is kept only for absent values.
    assert stored.get(area__ons_code="E09000012").note == ""
    assert "Missing" in page  # the data table says so rather than leaving a gap


def test_scotpho_rolling_three_year_windows_stored_with_their_true_start_and_end(
    client, editor, partnership
):
    """ScotPHO immunisation uptake at 24 months: CRLF, two series in one file, periods
    written "2004 to 2006 calendar years; 3-year aggregates", fractional numerators."""
    indicator = make_indicator(partnership, name="MMR uptake at 24 months", unit="percentage",
                               frequency="several_years")
    client.force_login(editor)
    import_through_the_pages(
        client, indicator, "phs_scotpho-immunisation-uptake-24-months_scotland_2005-to-2018.csv",
        series="Immunisation uptake at 24 months - MMR", period="period", area_name="area_name",
        value="measure", numerator="numerator", indicator="indicator",
    )
    stored = Measurement.objects.filter(indicator=indicator).order_by("period_start")
    assert stored.count() == 14  # lines 16-29: the MMR series
    first = stored.first()
    # Line 16: MMR, Scotland, "2004 to 2006 calendar years; 3-year aggregates", 47677, 90.13.
    assert (first.period_label, first.period_start, first.period_end, first.frequency) == (
        "2004 to 2006", date(2004, 1, 1), date(2006, 12, 31), "several_years"
    )
    assert (first.value, first.numerator) == (Decimal("90.13"), Decimal("47677"))
    assert first.area.name == "Scotland" and first.area.is_own_area


def test_quarter_labels_written_q1_2018_by_council_area(client, editor, partnership):
    """PHS care at home, tidied: "Q1 2018" … "Q1 2024", S12 codes, every field quoted."""
    indicator = make_indicator(partnership, name="Care at home per 1,000", unit="count",
                               frequency="quarter")
    client.force_login(editor)
    import_through_the_pages(
        client, indicator, "phs_care-at-home-tidied_scotland-council-area_2018-q1-to-2024-q1.csv",
        own="S12000033", period="date", area_code="ltla24_code", area_name="ltla24_name",
        value="care_at_home_per_1000",
    )
    stored = Measurement.objects.filter(indicator=indicator)
    assert stored.count() == 800  # 32 council areas × 25 quarters, lines 2-801
    assert stored.values("area").distinct().count() == 32
    # Line 2: "S12000033","Aberdeen City","Q1 2018",9.1; line 770: the same area in Q1 2024, 19.9.
    aberdeen = stored.filter(area__ons_code="S12000033")
    first = aberdeen.get(period_start=date(2018, 1, 1))
    assert (first.period_label, first.period_end, first.value) == ("2018 Q1", date(2018, 3, 31), Decimal("9.1"))
    assert aberdeen.get(period_label="2024 Q1").value == Decimal("19.9")


def test_occupancy_written_as_fractions_is_stored_as_a_percentage_and_na_as_missing(
    client, editor, partnership
):
    """NHS England G&A beds by trust, tidied: "April 2022" months, occupancy as a fraction
    (0.889), NA where a trust has no such beds."""
    indicator = make_indicator(partnership, name="G&A bed occupancy", unit="percentage",
                               frequency="month")
    client.force_login(editor)
    found, page = import_through_the_pages(
        client, indicator, "nhse_critical-care-general-acute-beds-tidied_england-trust_2022-04-to-2025-08.csv",
        own="R0A", period="date", area_code="nhs_trust22_code",
        value="general_acute_beds_occupancy_rate", percentages="fractions",
    )
    assert "4 values are missing (NA 4)" in " ".join(found.notes)
    stored = Measurement.objects.filter(indicator=indicator)
    assert stored.count() == 5557  # lines 2-5558
    assert stored.values("area").distinct().count() == 137
    assert stored.filter(status="missing", marker="NA").count() == 4
    # Line 2: "R0A","April 2022",2286,2031,0.889: 88.9%.
    first = stored.get(area__ons_code="R0A", period_label="Apr 2022")
    assert (first.period_start, first.period_end, first.value) == (
        date(2022, 4, 1), date(2022, 4, 30), Decimal("88.9")
    )
    # Line 1790: "RA4","May 2023",0,0,NA: missing with its marker, not 0.
    gap = stored.get(area__ons_code="RA4", period_label="May 2023")
    assert (gap.value, gap.status, gap.marker) == (None, "missing", "NA")
    # The indicator page's data table says so, never 0 or a gap: on the page of the table
    # (40 periods, 12 areas at a time) that holds RA4 in May 2023.
    url = reverse("indicators:indicator_detail", args=["northshire", indicator.pk])
    tables = (client.get(f"{url}?periods=1&areas={n}").context["page"].table for n in range(1, 13))
    table = next(t for t in tables if gap.area.name in t["areas"])
    row = next(r for r in table["rows"] if r["period"] == "May 2023")
    assert row["cells"][table["areas"].index(gap.area.name)] == "Missing (NA)"


def test_a_file_without_a_period_column_takes_the_period_typed_for_it():
    """SIMD 2020v2 indicators: no period column (the year is only in the title), UTF-8 BOM,
    percentages written with % and * for suppressed values. Read under the mapping rather
    than through the pages: its 6,976 data zones are more areas than one form can post."""
    path = DEV / "scotgov_simd-2020v2-indicators_scotland-datazone_2020.csv"
    table = read_table(path.read_bytes(), path.name)
    mapping = ColumnMapping(area_code="Data_Zone", value="Attendance", file_period="2020")
    rows, errors = apply_mapping(table, mapping)
    assert not errors
    assert len(rows) == 6976  # lines 2-6977, one per data zone
    assert {row.period for row in rows} == {year_period(2020)}
    suppressed = [row for row in rows if row.status == "suppressed"]
    assert len(suppressed) == 567 and {row.marker for row in suppressed} == {"*"}
    by_zone = {row.area_code: row for row in rows}
    # Line 2: S01006506, Attendance "85%"; line 44: S01006548, Attendance "*".
    assert by_zone["S01006506"].value == Decimal("85")
    assert (by_zone["S01006548"].value, by_zone["S01006548"].marker) == (None, "*")
    # Line 3551: ALCOHOL "1,656" with its thousands separator.
    alcohol, _ = apply_mapping(table, ColumnMapping(area_code="Data_Zone", value="ALCOHOL", file_period="2020"))
    assert {row.area_code: row.value for row in alcohol}["S01010055"] == Decimal("1656")


def test_dfe_suppression_markers_are_counted_as_the_file_writes_them():
    """DfE child protection plans (EES layout): c, x, z and u in the percentage column of
    the local-authority rows, each kept as written (counted in the raw file with csv)."""
    path = DEV / "dfe_cpp-second-or-subsequent-plans_england-la_2013-to-2025.csv"
    table = read_table(path.read_bytes(), path.name)
    level = table.headers.index("geographic_level")
    table.rows = [row for row in table.rows if row.cells[level] == "Local authority"]
    mapping = ColumnMapping(period="time_period", area_code="new_la_code", area_name="la_name",
                            value="CPP_subsequent_percent")
    rows, errors = apply_mapping(table, mapping)
    assert not errors
    raw = list(csv.DictReader(path.open(encoding="utf-8", newline="")))
    written = Counter(r["CPP_subsequent_percent"] for r in raw if r["geographic_level"] == "Local authority")
    kept = Counter(row.marker for row in rows if row.status != "ok")
    assert kept == {marker: written[marker] for marker in ("c", "x", "z", "u") if written[marker]}
    assert all(row.status == "suppressed" for row in rows if row.marker in {"c", "x", "u"})
    assert all(row.status == "missing" for row in rows if row.marker == "z")
    assert len(rows) == len(table.rows)


def test_the_period_of_the_whole_file_is_typed_on_the_column_choices(client, editor, partnership):
    """The Fingertips file again, its period typed for the whole file instead of read from a
    column; choosing both is refused on the page with what to do."""
    indicator = make_indicator(partnership, name="Injury admissions 0-14", unit="rate_100k",
                               frequency="financial_year")
    client.force_login(editor)
    name = "ohid_fingertips-injury-admissions-children-0-14_england-utla_2022-23.csv"
    path = DEV / name
    response = client.post(reverse("indicators:import_upload", args=["northshire", indicator.pk]),
                           {"file": SimpleUploadedFile(name, path.read_bytes())})
    form = client.get(response.url).context["form"]
    data = {name: form.initial.get(name) or ([] if isinstance(field, MultipleChoiceField) else "")
            for name, field in form.fields.items()}
    refused = client.post(response.url, {**data, "period": "Time period", "file_period": "2013-14"})
    assert "Choose either a period column or a period for the whole file, not both." in refused.content.decode()
    indicator.imports.all().delete()

    import_through_the_pages(
        client, indicator, name, own="E06000005", period="", file_period="2022-23",
        area_code="Area Code", area_name="AreaName", value="Value", indicator="Indicator Name",
    )
    stored = Measurement.objects.filter(indicator=indicator)
    assert stored.count() == 154
    assert set(stored.values_list("period_label", "period_start", "period_end")) == {
        ("2022/23", date(2022, 4, 1), date(2023, 3, 31))
    }
