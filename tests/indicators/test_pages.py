"""The evidence pages over HTTP: the import steps, the indicator page, and who
may see and do what (viewer 403 on changes, outsider 404 everywhere)."""

import re
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from joinedup.indicators import importing
from joinedup.indicators.models import (
    Area,
    Event,
    ImportBatch,
    Indicator,
    Measurement,
    SavedMapping,
)
from joinedup.partnerships.models import Outcome, Partnership
from tests.public_data import PUBLIC

ADMISSIONS = PUBLIC / "trafford_dashboard_residential_home_admissions.csv"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def indicator(partnership, outcome):
    partnership.start_date = date(2016, 4, 1)
    partnership.save()
    return Indicator.objects.create(
        partnership=partnership, outcome=outcome, name="Care home admissions 65+", unit="rate_100k",
        direction="lower", frequency="financial_year", target=600,
    )


def upload(client, indicator, content=None, name="admissions.csv"):
    url = reverse("indicators:import_upload", args=["northshire", indicator.pk])
    return client.post(url, {"file": SimpleUploadedFile(name, content or ADMISSIONS.read_bytes())})


def mapping_post(batch, **changes):
    data = {role: "" for role in ["period", "area_name", "area_code", "value", "numerator", "denominator",
                                  "indicator"]}
    data.update(layout="long", period_dates="day", period="period", area_name="area_name",
                area_code="area_code", value="value")
    data.update(changes)
    return data


def test_upload_mapping_preview_and_confirm(client, editor, indicator, django_capture_on_commit_callbacks):
    client.force_login(editor)
    response = upload(client, indicator)
    batch = ImportBatch.objects.get()
    assert response.url == reverse("indicators:import_mapping", args=["northshire", batch.token])

    page = client.get(response.url)
    assert page.status_code == 200
    assert b"joinedup has guessed from the column names" in page.content
    assert b'<option value="area_code" selected>area_code</option>' in page.content

    response = client.post(page.wsgi_request.path, mapping_post(batch))
    assert response.url == reverse("indicators:import_preview", args=["northshire", batch.token])
    preview = client.get(response.url)
    content = preview.content.decode()
    assert "Check the import" in content and "Import 50 values" in content
    assert 'id="preview-rows"' in content and "Trafford" in content
    assert Measurement.objects.count() == 0

    choices = importing.preview(batch).areas
    roles = {f"area_{i}": "own" if c.name == "Trafford" else "comparator" for i, c in enumerate(choices)}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(response.url, roles)
    # The confirm queues the background task and shows its progress; the
    # tests' task backend runs it at once, so the page shows the result.
    assert response.url == reverse("indicators:import_progress", args=["northshire", batch.token])
    assert Measurement.objects.count() == 50
    assert Area.objects.get(is_own_area=True).name == "Trafford"
    result = client.get(response.url).content.decode()
    assert "Import complete" in result and "http-equiv" not in result
    assert [cell.strip() for cell in re.findall(r'<dd class="govuk-summary-list__value">([^<]*)</dd>', result)] == [
        "50", "0", "0"]

    page = client.get(reverse("indicators:indicator_detail", args=["northshire", indicator.pk])).content.decode()
    assert 'id="data-table"' in page and "<svg" in page and 'id="chart-series-spec"' in page
    assert "Statistical process control (XmR chart)" in page
    assert "Difference in differences against the comparators" in page


def test_the_second_upload_of_a_layout_starts_from_the_remembered_mapping(client, editor, indicator):
    client.force_login(editor)
    upload(client, indicator)
    batch = ImportBatch.objects.get()
    client.post(reverse("indicators:import_mapping", args=["northshire", batch.token]),
                mapping_post(batch, area_name=""))
    batch.refresh_from_db()
    importing.commit(batch, editor)
    assert SavedMapping.objects.count() == 1

    upload(client, indicator)
    second = ImportBatch.objects.exclude(pk=batch.pk).get()
    page = client.get(reverse("indicators:import_mapping", args=["northshire", second.token]))
    assert b"laid out like one imported before" in page.content
    assert b'<option value="area_name" selected>' not in page.content


def test_the_preview_lists_every_error_by_row_and_column_and_offers_no_import(client, editor, indicator):
    client.force_login(editor)
    broken = ADMISSIONS.read_bytes().replace(b"Persons,985.2", b"Persons,lots").replace(b",2015/16,", b",sometime,", 1)
    upload(client, indicator, content=broken)
    batch = ImportBatch.objects.get()
    page = client.get(reverse("indicators:import_preview", args=["northshire", batch.token])).content.decode()
    assert "nothing has been imported" in page
    assert "Row 3, column &#x27;value&#x27;: &#x27;lots&#x27; is not a number." in page
    assert "Row 12, column &#x27;period&#x27;: &#x27;sometime&#x27;" in page
    assert "Import 50 values" not in page
    assert page.startswith("<!DOCTYPE html>") or "<title>Error: Check the import" in page


def test_a_file_that_cannot_be_read_is_an_error_on_the_upload_form(client, editor, indicator):
    client.force_login(editor)
    response = upload(client, indicator, content=b"%PDF-1.4 binary", name="report.pdf")
    assert response.status_code == 200
    assert b"Error: Import data" in response.content and b"is not a CSV file" in response.content
    assert ImportBatch.objects.count() == 0


def test_a_file_over_the_size_limit_is_refused(client, editor, indicator, settings):
    settings.INDICATOR_IMPORT_MAX_BYTES = 1000
    client.force_login(editor)
    response = upload(client, indicator)
    assert b"files can be up to" in response.content
    assert ImportBatch.objects.count() == 0


def test_a_viewer_sees_the_evidence_but_cannot_import_or_change_it(client, viewer, editor, indicator):
    batch = importing.stage_upload(indicator, editor, "a.csv", ADMISSIONS.read_bytes())
    client.force_login(viewer)
    assert client.get(reverse("indicators:indicator_detail", args=["northshire", indicator.pk])).status_code == 200
    assert client.get(reverse("indicators:evidence", args=["northshire"])).status_code == 200
    p = indicator.partnership_id
    for url in [
        reverse("indicators:import_upload", args=["northshire", indicator.pk]),
        reverse("indicators:import_mapping", args=["northshire", batch.token]),
        reverse("indicators:import_preview", args=["northshire", batch.token]),
        reverse("indicators:indicator_add", args=["northshire", p]),
        reverse("indicators:indicator_edit", args=["northshire", p, indicator.pk]),
        reverse("indicators:event_add", args=["northshire", p]),
        reverse("indicators:area_add", args=["northshire"]),
    ]:
        assert client.get(url).status_code == 403, url
        assert client.post(url, {}).status_code == 403, url
    assert Measurement.objects.count() == 0


@pytest.fixture
def southshire(other_workspace):
    partnership = Partnership.objects.create(workspace=other_workspace, name="South", form="pooled_budget")
    outcome = Outcome.objects.create(partnership=partnership, statement="I go home.")
    indicator = Indicator.objects.create(partnership=partnership, outcome=outcome, name="Delays", unit="count",
                                         direction="lower", frequency="month")
    area = Area.objects.create(workspace=other_workspace, name="Southshire", is_own_area=True)
    event = Event.objects.create(partnership=partnership, date=date(2024, 1, 1), label="Launch")
    return {"partnership": partnership, "indicator": indicator, "area": area, "event": event}


def test_the_outsider_gets_404_on_every_evidence_url(client, outsider, editor, indicator, southshire):
    batch = importing.stage_upload(indicator, editor, "a.csv", ADMISSIONS.read_bytes())
    client.force_login(outsider)
    p = indicator.partnership_id
    area = Area.objects.create(workspace=indicator.partnership.workspace, name="Northshire")
    event = Event.objects.create(partnership=indicator.partnership, date=date(2024, 1, 1), label="Launch")
    urls = [
        reverse("indicators:evidence", args=["northshire"]),
        reverse("indicators:partnership_evidence", args=["northshire", p]),
        reverse("indicators:indicator_detail", args=["northshire", indicator.pk]),
        reverse("indicators:import_upload", args=["northshire", indicator.pk]),
        reverse("indicators:import_mapping", args=["northshire", batch.token]),
        reverse("indicators:import_preview", args=["northshire", batch.token]),
        reverse("indicators:indicator_add", args=["northshire", p]),
        reverse("indicators:indicator_edit", args=["northshire", p, indicator.pk]),
        reverse("indicators:indicator_archive", args=["northshire", p, indicator.pk]),
        reverse("indicators:event_add", args=["northshire", p]),
        reverse("indicators:event_edit", args=["northshire", p, event.pk]),
        reverse("indicators:event_archive", args=["northshire", p, event.pk]),
        reverse("indicators:area_list", args=["northshire"]),
        reverse("indicators:area_add", args=["northshire"]),
        reverse("indicators:area_edit", args=["northshire", area.pk]),
        reverse("indicators:area_archive", args=["northshire", area.pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
        assert client.post(url, {}).status_code == 404, url
    # Northshire's records through the outsider's own workspace's addresses: 404 too.
    for url in [
        reverse("indicators:indicator_detail", args=["southshire", indicator.pk]),
        reverse("indicators:partnership_evidence", args=["southshire", p]),
        reverse("indicators:import_mapping", args=["southshire", batch.token]),
        reverse("indicators:import_upload", args=["southshire", indicator.pk]),
        reverse("indicators:event_edit", args=["southshire", southshire["partnership"].pk, event.pk]),
        reverse("indicators:area_edit", args=["southshire", area.pk]),
    ]:
        assert client.get(url).status_code == 404, url
    assert client.get(reverse("indicators:indicator_detail", args=["southshire", southshire["indicator"].pk])).status_code == 200


def test_an_indicator_is_added_linked_to_one_of_the_partnerships_outcomes(client, editor, partnership, outcome,
                                                                          other_workspace):
    foreign = Outcome.objects.create(
        partnership=Partnership.objects.create(workspace=other_workspace, name="S", form="pooled_budget"),
        statement="Not ours")
    client.force_login(editor)
    url = reverse("indicators:indicator_add", args=["northshire", partnership.pk])
    assert b"Not ours" not in client.get(url).content
    data = {"name": "Delayed discharges", "outcome": outcome.pk, "kind": "how_well", "scope": "performance",
            "unit": "count", "direction": "lower", "frequency": "month"}
    response = client.post(url, {**data, "outcome": foreign.pk})
    assert response.status_code == 200 and Indicator.objects.count() == 0
    response = client.post(url, data)
    indicator = Indicator.objects.get()
    assert response.url == reverse("indicators:indicator_detail", args=["northshire", indicator.pk])
    assert indicator.outcome == outcome
    page = client.get(reverse("indicators:partnership_evidence", args=["northshire", partnership.pk]))
    assert b"Delayed discharges" in page.content and b"No data yet" in page.content


def test_the_evidence_page_counts_outcomes_without_indicators(client, viewer, indicator, partnership):
    Outcome.objects.create(partnership=partnership, statement="I feel safe.")
    client.force_login(viewer)
    page = client.get(reverse("indicators:evidence", args=["northshire"])).content.decode()
    assert '<strong class="govuk-tag govuk-tag--orange">1</strong>' in page


def test_a_workspace_has_one_own_area(client, editor, workspace):
    Area.objects.create(workspace=workspace, name="Northshire", is_own_area=True)
    client.force_login(editor)
    url = reverse("indicators:area_add", args=["northshire"])
    response = client.post(url, {"name": "Eastmoor", "ons_code": "e06000098", "is_own_area": "on"})
    assert b"Northshire is already your own area" in response.content
    response = client.post(url, {"name": "Eastmoor", "ons_code": "e06000098"})
    assert response.status_code == 302
    assert Area.objects.get(name="Eastmoor").ons_code == "E06000098"
