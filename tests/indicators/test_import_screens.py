"""Real publishers' files imported through the import pages (Django's client):
choosing the sheet, where the table is, headers over two rows, filters on
breakdown columns and the series, then a second file of the same layout going
straight to the check page. Values are checked against cells of the raw file."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse

from joinedup.indicators import importing
from joinedup.indicators.models import ImportBatch, Indicator, Measurement
from tests.public_data import PUBLIC

DEV = PUBLIC / "indicators-dev"
ASC = DEV / "nhsd_adult-social-care-overview-tables_england_2015-16-to-2020-21.xlsx"
SITREP = DEV / "nhse_community-discharge-sitrep_england-region-icb-provider_2023-12.xlsx"
MYE = DEV / "ons_mid-year-population-estimates_england-wales-la_2023.xlsx"
CPP = DEV / "dfe_cpp-second-or-subsequent-plans_england-la_2013-to-2025.csv"
BSO = DEV / "bso-ni_gms-annual-statistics-annex_ni-lcg-lgd-federation_2023-24.xlsx"
ROLES = ["period", "area_name", "area_code", "value", "numerator", "denominator", "indicator"]


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def make_indicator(partnership, outcome, frequency, name="Imported"):
    partnership.start_date = date(2016, 4, 1)
    partnership.save()
    return Indicator.objects.create(partnership=partnership, outcome=outcome, name=name, unit="count",
                                    direction="lower", frequency=frequency)


def upload(client, indicator, path):
    """Upload a file; a big one is read by a background task, run here as the request ends
    (as the confirm's import task is), and the upload goes to its progress page."""
    url = reverse("indicators:import_upload", args=["northshire", indicator.pk])
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(url, {"file": SimpleUploadedFile(path.name, path.read_bytes())})


def step_after_upload(client, response):
    """Where an upload leads once its file is read (through the progress page of a big file)."""
    if "/mapping/" in response.url or "/table/" in response.url or "/preview/" in response.url:
        return response.url
    return client.get(response.url)["Location"]


def url(name, batch, query=""):
    return reverse(f"indicators:{name}", args=["northshire", batch.token]) + query


def choose_rows(client, batch, sheet, header_first, header_last, first_row, last_row):
    response = client.post(url("import_table", batch), {
        "sheet": sheet, "header_first": header_first, "header_last": header_last,
        "first_row": first_row, "last_row": last_row})
    assert response.status_code == 302, response.content.decode()[-3000:]
    assert response.url == url("import_mapping", batch)
    batch.refresh_from_db()


def map_columns(client, batch, **choices):
    data = {role: "" for role in ROLES}
    data.update(layout="long", period_dates="day")
    data.update(choices)
    response = client.post(url("import_mapping", batch), data)
    assert response.status_code == 302, response.content.decode()[-4000:]
    batch.refresh_from_db()
    return client.get(response.url)


def confirm(client, batch, role_for=lambda choice: "comparator"):
    batch.refresh_from_db()
    found = importing.preview(batch)
    assert not found.errors, list(found.errors)
    roles = {f"area_{i}": role_for(choice) for i, choice in enumerate(found.areas)}
    # The confirm queues the import as a background task, run at once in tests.
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(url("import_preview", batch), roles)
    assert response.status_code == 302, response.content.decode()[-3000:]
    return found


def test_a_workbook_with_a_contents_sheet_and_a_two_row_header(client, editor, partnership, outcome):
    """NHS Digital's ASC overview: Contents first; Table 1 has seven note rows, 'Year'
    merged over the year columns (rows 7-8) and one measure per row."""
    indicator = make_indicator(partnership, outcome, "financial_year")
    client.force_login(editor)
    response = upload(client, indicator, ASC)
    batch = ImportBatch.objects.get()
    assert response.url == url("import_table", batch)

    page = client.get(response.url).content.decode()
    assert "Contents (43 rows × 2 columns)" in page
    assert 'value="Table 1" aria-describedby="sheet-hint" checked' in page
    assert 'name="header_first" value="7"' in page and 'name="header_last" value="8"' in page
    assert 'name="first_row" value="9"' in page and 'name="last_row" value="20"' in page
    assert "Year · 2015-16" in page
    choose_rows(client, batch, "Table 1", 7, 8, 9, 20)

    page = client.get(url("import_mapping", batch)).content.decode()
    assert "header on rows 7 to 8" in page
    # Period columns found ("Year · 2015-16"...): a column for each period is proposed.
    assert importing.propose_mapping(importing.load_table(batch)).layout == "wide_periods"
    preview = map_columns(client, batch, layout="wide_periods", indicator="Measure")
    assert "Which series is this indicator?" in preview.content.decode()
    series = "Number of safeguarding concerns"
    name = next(n for n in importing.series_in(batch) if n.startswith(series))
    page = client.get(url("import_preview", batch), {"series": name})
    assert page.status_code == 200
    batch.refresh_from_db()
    assert batch.series == name and batch.mapping["series"] == name
    found = confirm(client, batch, lambda choice: "own")
    assert len(found.rows) == 6

    values = {m.period_label: m for m in Measurement.objects.filter(indicator=indicator)}
    # Table 1, row 17: B17 is N/A (no concerns counted in 2015-16), C17 364605, G17 498260.
    assert values["2015/16"].value is None and values["2015/16"].status == "missing"
    assert values["2016/17"].value == Decimal("364605")
    assert values["2020/21"].value == Decimal("498260")
    assert Measurement.objects.filter(indicator=indicator, status="missing").count() == 1


def test_stacked_tables_and_a_date_merged_over_three_measures(client, editor, partnership, outcome):
    """The community discharge sitrep, Table 2: dates merged over three measures
    (rows 4-5), then England and regions (rows 6-13), ICBs (16-57) and providers
    stacked below, each with its own short header row."""
    indicator = make_indicator(partnership, outcome, "day")
    client.force_login(editor)
    upload(client, indicator, SITREP)
    batch = ImportBatch.objects.get()
    page = client.get(url("import_table", batch, "?sheet=Table+2")).content.decode()
    assert "Table 1: header on rows 4 to 5, data on rows 6 to 13" in page
    assert "Table 2: header on row 15, data on rows 16 to 57" in page
    page = client.get(url("import_table", batch, "?sheet=Table+2&table=2")).content.decode()
    assert 'name="first_row" value="16"' in page and 'name="last_row" value="57"' in page
    # The ICB table's own header names only its first columns; the dates are in rows 4-5.
    choose_rows(client, batch, "Table 2", 4, 5, 16, 57)
    table = importing.load_table(batch)
    discharged = "Number of patients discharged"
    assert table.headers[:3] == ["Column B", "Column C", "Column D"]
    assert f"2023-12-01 · {discharged}" in table.headers

    page = client.get(url("import_mapping", batch)).content.decode()
    assert "Under each period, the column that holds the value" in page
    map_columns(client, batch, layout="wide_periods", area_code="Column C", area_name="Column D",
                wide_value=discharged)
    found = confirm(client, batch)
    assert len(found.rows) == 42 * 31
    assert Measurement.objects.filter(indicator=indicator).count() == 42 * 31
    # Row 17 (NHS Cambridgeshire and Peterborough ICB, QUE): F17 = 1 discharged on 1 December.
    # The register of UK areas gives the ICB its ONS code for its ODS code (QUE = E54000056).
    que = Measurement.objects.get(indicator=indicator, area__ons_code="E54000056", period_start=date(2023, 12, 1))
    assert que.value == Decimal("1")
    # Row 16, QHG, did not submit: a dash in every cell, kept as missing, never 0.
    # (QHG = E54000024)
    assert Measurement.objects.filter(indicator=indicator, area__ons_code="E54000024", status="missing").count() == 31


def test_sheet_choice_in_a_workbook_with_five_sheets_of_notes(client, editor, partnership, outcome):
    """ONS mid-year estimates: Cover, Contents, Notes... then MYE1; MYE4 is wide by
    period, newest first, with the header on row 8 under seven rows of notes."""
    indicator = make_indicator(partnership, outcome, "year")
    client.force_login(editor)
    upload(client, indicator, MYE)
    batch = ImportBatch.objects.get()
    page = client.get(url("import_table", batch)).content.decode()
    assert 'value="MYE1" aria-describedby="sheet-hint" checked' in page
    assert "Cover sheet (" in page and "MYE4 (" in page
    page = client.get(url("import_table", batch, "?sheet=MYE4")).content.decode()
    assert 'name="header_first" value="8"' in page and 'name="last_row" value="365"' in page
    choose_rows(client, batch, "MYE4", 8, 8, 9, 365)
    page = client.get(url("import_mapping", batch)).content.decode()
    assert "Sheet MYE4: header on row 8, 357 rows of data" in page
    # Only the Welsh local authorities (Geography = Unitary Authority, W06 codes).
    table = importing.load_table(batch)
    assert "Rows to import by Geography" in page
    assert "Unitary Authority (" in page
    # MYE4's headers read "Mid-2023": read as periods once the period reader knows them.
    assert table.headers[3] == "Mid-2023"
    assert table.rows[-1].cells[:4] == ["W06000022", "Newport", "Unitary Authority", "163628"]  # row 365


def test_filters_on_breakdown_columns_and_validation_only_on_the_rows_imported(
    client, editor, partnership, outcome
):
    """DfE CPP table: 2,132 rows of national, regional and LA figures; LA rows hold
    'u', which is not a number joinedup reads. Filtering geographic_level = National
    imports the 13 national values and does not stop at the LA rows' markers."""
    indicator = make_indicator(partnership, outcome, "year")
    client.force_login(editor)
    response = upload(client, indicator, CPP)
    batch = ImportBatch.objects.get()
    assert response.url == url("import_mapping", batch)
    batch.refresh_from_db()
    page = client.get(response.url).content.decode()
    assert "Rows to import by geographic_level" in page
    assert "Local authority (1,976 rows)" in page and "National (13 rows)" in page
    columns = dict(period="time_period", area_code="country_code", area_name="country_name",
                   value="CPP_subsequent_percent", numerator="CPP_subsequent", denominator="CPP_start")
    map_columns(client, batch, **columns)
    assert importing.preview(batch).errors  # every row: the LA rows' 'u' markers stop it
    level = next(i for i, h in enumerate(importing.load_table(batch).headers) if h == "geographic_level")
    page = map_columns(client, batch, **columns, **{f"filter_{level}": ["National"]}).content.decode()
    assert "geographic_level: National" in page
    found = confirm(client, batch, lambda choice: "own")
    assert len(found.rows) == 13
    # Row 986: 2019, National, 66680 plans starting, 13860 second or subsequent, 20.8%.
    m = Measurement.objects.get(indicator=indicator, period_label="2019")
    assert (m.value, m.numerator, m.denominator) == (Decimal("20.8"), Decimal("13860"), Decimal("66680"))


def test_a_second_file_of_the_same_layout_goes_straight_to_the_check_page(
    client, editor, partnership, outcome
):
    """BSO NI GMS annex: 39 sheets, eleven tables stacked in sheet 1.1 (one a year),
    wide by sex and age band. The first import chooses the 2014 table and the
    'Male total' column; the same file again is one click."""
    indicator = make_indicator(partnership, outcome, "year")
    client.force_login(editor)
    upload(client, indicator, BSO)
    batch = ImportBatch.objects.get()
    page = client.get(url("import_table", batch)).content.decode()
    assert "There are 11 tables one above the other" in page
    assert 'value="1.1" aria-describedby="sheet-hint" checked' in page
    choose_rows(client, batch, "1.1", 5, 5, 6, 11)
    table = importing.load_table(batch)
    assert table.headers[:3] == ["LCG", "Male 0 to 4", "Male 5 to 15"]
    assert "Table 1.1a" in " ".join(table.notes)
    # The 2016 table, third in the sheet: its own header and rows.
    page = client.get(url("import_table", batch, "?sheet=1.1&table=3")).content.decode()
    assert 'name="header_first" value="23"' in page and 'name="last_row" value="29"' in page
    choose_rows(client, batch, "1.1", 23, 23, 24, 29)
    table = importing.load_table(batch)
    # Row 24: Belfast, B24 = males aged 0 to 4 registered in 2016.
    assert table.rows[0].number == 24 and table.rows[0].cells[0] == "Belfast"
    # The year is only in the table's title: there is no period column to choose.
    response = client.post(url("import_mapping", batch), {
        **{role: "" for role in ROLES}, "layout": "long", "period_dates": "day",
        "area_name": "LCG", "value": "Male total"})
    assert "Choose the column that holds the period." in response.content.decode()


def test_a_remembered_layout_applies_sheet_table_mapping_filters_and_series(
    client, editor, partnership, outcome
):
    indicator = make_indicator(partnership, outcome, "financial_year")
    client.force_login(editor)
    upload(client, indicator, ASC)
    batch = ImportBatch.objects.get()
    choose_rows(client, batch, "Table 1", 7, 8, 9, 20)
    map_columns(client, batch, layout="wide_periods", indicator="Measure")
    name = next(n for n in importing.series_in(batch) if n.startswith("Number of Deprivation"))
    client.get(url("import_preview", batch), {"series": name})
    confirm(client, batch, lambda choice: "own")
    assert Measurement.objects.filter(indicator=indicator).count() == 6

    response = upload(client, indicator, ASC)
    second = ImportBatch.objects.exclude(pk=batch.pk).get()
    assert response.url == url("import_preview", second)
    page = client.get(response.url).content.decode()
    assert "laid out like one imported before" in page and "Import 6 values" in page
    assert second.series == name
    found = confirm(client, second, lambda choice: "own")
    second.refresh_from_db()
    assert (len(found.rows), second.unchanged) == (6, 6)
    # Table 1, row 18: B18 195840 DoLS applications in 2015-16.
    assert Measurement.objects.get(indicator=indicator, period_label="2015/16").value == Decimal("195840")
