"""Writing through the API (issue 17): records added, changed, archived and
restored through the pages' own forms and audited as the pages audit them;
ETags on single records; measurements pushed in bulk as JSON rows, long CSV
and SDMX-CSV, all or nothing, every refusal naming its row and field."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from joinedup.api.models import ApiToken
from joinedup.audit.models import Entry
from joinedup.indicators.models import (
    Area,
    ImportBatch,
    Indicator,
    Measurement,
    MeasurementRevision,
)
from joinedup.partnerships.models import Membership, Partnership, Responsibility

pytestmark = pytest.mark.django_db


@pytest.fixture
def writer(workspace, editor):
    return {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(workspace, editor, 'w', 'write', 30)[1]}"}


def post(client, url, body, auth):
    return client.post(url, body, content_type="application/json", **auth)


def test_a_partnership_added_changed_and_archived_is_audited_as_on_its_pages(client, writer, workspace, editor):
    added = post(client, reverse("api-v1:add_partnership"), {
        "name": "Home first", "purpose": "People go home from hospital.", "form": "pooled_budget",
        "driver": "outcomes", "status": "active", "start_date": "2024-04-01"}, writer)
    assert added.status_code == 201, added.content
    made = Partnership.objects.get(pk=added.json()["id"])
    assert made.workspace == workspace and made.start_date == date(2024, 4, 1)

    url = reverse("api-v1:change_partnership", args=[made.pk])
    changed = client.patch(url, {"purpose": "People go home sooner."}, content_type="application/json", **writer)
    assert changed.status_code == 200, changed.content
    made.refresh_from_db()
    assert made.purpose == "People go home sooner." and made.start_date == date(2024, 4, 1)
    assert client.post(reverse("api-v1:archive_partnership", args=[made.pk]), **writer).status_code == 200
    made.refresh_from_db()
    assert made.archived_at is not None

    entries = list(Entry.objects.filter(workspace=workspace, object_id=str(made.pk)).order_by("pk"))
    assert [e.action for e in entries] == ["added", "changed", "archived"]
    assert all(e.actor == editor and e.kind == "partnership" for e in entries)
    assert "People go home from hospital. → People go home sooner." in entries[1].changes


def test_the_form_rules_hold_and_name_the_field(client, writer, partnership, organisation, other_workspace):
    url = reverse("api-v1:add_membership", args=[partnership.pk])
    theirs = organisation.__class__.objects.create(workspace=other_workspace, name="Theirs", sector="nhs_acute")
    refused = post(client, url, {"organisation_id": theirs.pk, "role": "core"}, writer)
    assert refused.status_code == 422 and refused["Content-Type"] == "application/problem+json"
    assert [e["field"] for e in refused.json()["errors"]] == ["organisation_id"]
    dates = post(client, url, {"organisation_id": organisation.pk, "role": "core", "joined_on": "2025-05-01",
                               "left_on": "2025-01-01"}, writer)
    assert dates.status_code == 422 and [e["field"] for e in dates.json()["errors"]] == ["left_on"]
    assert not Membership.objects.exists()
    ok = post(client, url, {"organisation_id": organisation.pk, "role": "core"}, writer)
    assert ok.status_code == 201 and ok.json()["partnership_id"] == partnership.pk


def test_an_agreement_part_is_listed_and_read_with_an_etag(client, writer, partnership, organisation):
    made = post(client, reverse("api-v1:add_responsibility", args=[partnership.pk]),
                {"task": "Arrange care at home", "responsible_organisation_id": organisation.pk}, writer)
    assert made.status_code == 201, made.content
    listed = client.get(reverse("api-v1:list_responsibilities", args=[partnership.pk]), **writer).json()
    assert [r["task"] for r in listed["items"]] == ["Arrange care at home"]
    url = reverse("api-v1:get_responsibility", args=[made.json()["id"]])
    first = client.get(url, **writer)
    assert first.status_code == 200 and first["ETag"]
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"], **writer).status_code == 304
    Responsibility.objects.filter(pk=made.json()["id"]).update(task="Arrange care at home within a day")
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"], **writer)
    assert again.status_code == 200 and again["ETag"] != first["ETag"]


def test_a_read_only_token_writes_nothing(client, workspace, viewer, partnership):
    reader = {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(workspace, viewer, 'r', 'read', 30)[1]}"}
    response = client.patch(reverse("api-v1:change_partnership", args=[partnership.pk]), {"name": "X"},
                            content_type="application/json", **reader)
    assert response.status_code == 403
    partnership.refresh_from_db()
    assert partnership.name != "X"


@pytest.fixture
def monthly(partnership, workspace):
    Area.objects.create(workspace=workspace, name="Northshire", ons_code="E06000001", is_own_area=True)
    Area.objects.create(workspace=workspace, name="Westshire", ons_code="E06000002")
    return Indicator.objects.create(partnership=partnership, name="Delayed discharges", unit="count",
                                    direction="lower", frequency="month")


def test_a_month_pushed_as_json_rows_is_added_then_revised(client, writer, monthly, workspace, editor):
    url = reverse("api-v1:push_measurements", args=[monthly.pk])
    rows = [{"area_code": "E06000001", "period": "2026-11", "value": 12},
            {"area": "Westshire", "period": "Nov 2026", "marker": "c", "note": "Fewer than 5"}]
    first = post(client, url, {"rows": rows}, writer)
    assert first.status_code == 200, first.content
    assert first.json() | {"import_id": 0} == {"import_id": 0, "added": 2, "changed": 0, "unchanged": 0}
    stored = {m.area.name: m for m in Measurement.objects.filter(indicator=monthly)}
    assert stored["Northshire"].value == 12 and stored["Northshire"].period_label == "Nov 2026"
    assert (stored["Westshire"].status, stored["Westshire"].marker, stored["Westshire"].note) == (
        "suppressed", "c", "Fewer than 5")

    rows[0]["value"] = "12.5"
    second = post(client, url, {"rows": rows}, writer).json()
    assert (second["added"], second["changed"], second["unchanged"]) == (0, 1, 1)
    revision = MeasurementRevision.objects.get()
    assert (revision.old_value, revision.new_value, revision.changed_by) == (12, Decimal("12.5"), editor)
    assert ImportBatch.objects.get(pk=second["import_id"]).status == "committed"
    assert Entry.objects.filter(workspace=workspace, kind="import", actor=editor).count() == 2


def test_a_push_with_any_bad_row_writes_nothing_and_names_each(client, writer, monthly):
    url = reverse("api-v1:push_measurements", args=[monthly.pk])
    rows = [{"area_code": "E06000001", "period": "2026-11", "value": 1},
            {"area_code": "E06000001", "period": "someday", "value": 2},
            {"area_code": "E06000002", "period": "2026-11", "marker": "twelve"},
            {"area": "Atlantis", "period": "2026-12", "value": 3}]
    refused = post(client, url, {"rows": rows}, writer)
    assert refused.status_code == 422 and refused["Content-Type"] == "application/problem+json"
    fields = [e["field"] for e in refused.json()["errors"]]
    assert "rows[1].period" in fields and "rows[2].value" in fields, fields
    assert not Measurement.objects.exists() and not ImportBatch.objects.exists()
    unknown = post(client, url, {"rows": [rows[3]]}, writer).json()["errors"]
    assert unknown[0]["field"] == "rows[0].area" and "Atlantis" in unknown[0]["message"]
    quarterly = post(client, url, {"rows": [{"area_code": "E06000001", "period": "2026 Q1", "value": 1}]}, writer)
    assert quarterly.status_code == 422 and "quarter" in quarterly.json()["errors"][0]["message"]
    assert not Measurement.objects.exists()


def test_the_long_csv_of_an_import_and_sdmx_csv_are_pushed_alike(client, writer, monthly):
    url = reverse("api-v1:push_measurements_csv", args=[monthly.pk])
    long_csv = "Area code,Area name,Period,Value\nE06000001,Northshire,2026-10,7\nE06000002,Westshire,2026-10,*\n"
    pushed = client.post(url, long_csv, content_type="text/csv", **writer)
    assert pushed.status_code == 200, pushed.content
    assert pushed.json()["added"] == 2
    sdmx = ("DATAFLOW,REF_AREA,TIME_PERIOD,OBS_VALUE,OBS_STATUS,CONF_STATUS\n"
            "ONS:DD(1.0),E06000001,2026-10,8,A,F\nONS:DD(1.0),E06000002,2026-10,,A,C\n")
    again = client.post(url, sdmx, content_type="text/csv", **writer).json()
    assert (again["added"], again["changed"]) == (0, 2)  # a value and a marker (* to c) changed
    west = Measurement.objects.get(indicator=monthly, area__name="Westshire")
    assert (west.status, west.marker) == ("suppressed", "c")
    bad = client.post(url, "Area code,Period,Value\nE06000001,2026-07,1\nE06000001,2026-08,2\nE06000001,2026-09,3\n"
                      "E06000002,2026-09,lots\n", content_type="text/csv", **writer)
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "row 5, column Value"
    assert client.post(url, long_csv, content_type="application/xml", **writer).status_code == 415


def test_indicators_are_listed_for_one_partnership(client, writer, monthly, workspace):
    other = Partnership.objects.create(workspace=workspace, name="Other", form="pooled_budget", purpose="p")
    Indicator.objects.create(partnership=other, name="Falls", unit="count", direction="lower", frequency="month")
    url = reverse("api-v1:list_indicators")
    assert client.get(url, **writer).json()["count"] == 2
    only = client.get(url, {"partnership": monthly.partnership_id}, **writer).json()
    assert [i["name"] for i in only["items"]] == ["Delayed discharges"]


def test_a_body_too_big_for_one_call_is_a_problem_saying_so(client, writer, monthly, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    rows = [{"area_code": "E06000001", "period": f"20{year}-01", "value": 1} for year in range(10, 60)]
    response = post(client, reverse("api-v1:push_measurements", args=[monthly.pk]), {"rows": rows}, writer)
    assert response.status_code == 413 and response["Content-Type"] == "application/problem+json"
    assert "several calls" in response.json()["detail"] and not Measurement.objects.exists()
