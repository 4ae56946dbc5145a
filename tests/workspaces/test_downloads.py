"""Every register's table page can be downloaded as CSV and XLSX: the rows the
page lists (all its pages), formulas neutralised, only to the workspace's members."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from joinedup.organisations.models import Organisation

LISTS = ["organisations:organisation", "organisations:person", "partnerships:partnership", "indicators:area"]


def read_csv(response):
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def read_xlsx(response):
    assert "spreadsheetml" in response["Content-Type"]
    return [list(row) for row in load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True)]


def test_the_organisations_table_downloads_as_csv_and_xlsx_with_formulas_neutralised(
        client, viewer, workspace, organisation):
    Organisation.objects.create(workspace=workspace, name="=HYPERLINK(\"http://evil\",\"x\")", sector="user_led")
    client.force_login(viewer)
    url = reverse("organisations:organisation_download", args=["northshire", "csv"])
    rows = read_csv(client.get(url))
    assert rows[0] == ["Name", "Sector", "Code"]
    names = [row[0] for row in rows[1:]]
    assert "Northshire Council Adult Social Care" in names
    assert "'=HYPERLINK(\"http://evil\",\"x\")" in names
    sheet = read_xlsx(client.get(reverse("organisations:organisation_download", args=["northshire", "xlsx"])))
    assert sheet[0] == ["Name", "Sector", "Code"]
    assert sorted(row[0] for row in sheet[1:]) == sorted(names)
    assert {row[1] for row in sheet[1:]} >= {"User-led"}


def test_archived_rows_come_only_when_the_page_shows_them(client, viewer, workspace, organisation):
    from django.utils import timezone

    Organisation.objects.create(workspace=workspace, name="Closed Trust", sector="nhs_acute",
                                archived_at=timezone.now())
    client.force_login(viewer)
    url = reverse("organisations:organisation_download", args=["northshire", "csv"])
    assert [row[0] for row in read_csv(client.get(url))[1:]] == ["Northshire Council Adult Social Care"]
    rows = read_csv(client.get(url + "?archived=1"))
    assert rows[0][-1] == "Archived" and ["Closed Trust", "yes"] == [rows[1 + [r[0] for r in rows[1:]].index("Closed Trust")][i]
                                                                      for i in (0, -1)]


def test_the_list_page_links_to_its_downloads(client, viewer, organisation):
    client.force_login(viewer)
    page = client.get(reverse("organisations:organisation_list", args=["northshire"])).content.decode()
    assert reverse("organisations:organisation_download", args=["northshire", "csv"]) in page
    assert reverse("organisations:organisation_download", args=["northshire", "xlsx"]) in page


@pytest.mark.parametrize("prefix", LISTS)
def test_every_register_downloads_and_another_workspace_gets_404(client, viewer, outsider, person, partnership, prefix):
    client.force_login(viewer)
    for kind, read in (("csv", read_csv), ("xlsx", read_xlsx)):
        response = client.get(reverse(f"{prefix}_download", args=["northshire", kind]))
        assert response.status_code == 200 and read(response)[0]
        assert response["Content-Disposition"].startswith("attachment; filename=")
    assert client.get(reverse(f"{prefix}_download", args=["northshire", "pdf"])).status_code == 404
    client.force_login(outsider)
    assert client.get(reverse(f"{prefix}_download", args=["northshire", "csv"])).status_code == 404


def test_another_workspaces_download_holds_only_its_own_rows(client, outsider, organisation, person):
    client.force_login(outsider)
    rows = read_csv(client.get(reverse("organisations:organisation_download", args=["southshire", "csv"])))
    assert rows == [["Name", "Sector", "Code"]]
    rows = read_csv(client.get(reverse("organisations:person_download", args=["southshire", "csv"])))
    assert len(rows) == 1


PARTNERSHIP_TABLES = ["membership", "outcome", "responsibility", "resource", "accountability"]


@pytest.mark.parametrize("name", PARTNERSHIP_TABLES)
def test_each_table_of_a_partnership_downloads_only_to_its_workspace(client, viewer, outsider, partnership, outcome, name):
    client.force_login(viewer)
    url = reverse(f"partnerships:{name}_download", args=["northshire", partnership.pk, "csv"])
    rows = read_csv(client.get(url))
    assert rows[0]
    assert read_xlsx(client.get(url.replace(".csv", ".xlsx")))[0] == rows[0]
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    # Nor through their own workspace's address with our partnership's number.
    assert client.get(reverse(f"partnerships:{name}_download", args=["southshire", partnership.pk, "csv"])).status_code == 404


def test_the_partnership_page_links_to_its_tables_downloads_and_they_hold_its_rows(
        client, viewer, workspace, partnership, outcome, organisation):
    from joinedup.partnerships.models import Membership

    Membership.objects.create(partnership=partnership, organisation=organisation)
    client.force_login(viewer)
    page = client.get(reverse("partnerships:detail", args=["northshire", partnership.pk])).content.decode()
    for name in ("membership", "outcome"):
        assert reverse(f"partnerships:{name}_download", args=["northshire", partnership.pk, "xlsx"]) in page
    members = read_csv(client.get(reverse("partnerships:membership_download", args=["northshire", partnership.pk, "csv"])))
    assert members[0] == ["Organisation", "Sector", "Role", "Representative", "Joined", "Left"]
    assert members[1][0] == organisation.name
    outcomes = read_xlsx(client.get(reverse("partnerships:outcome_download", args=["northshire", partnership.pk, "xlsx"])))
    assert outcomes[1][0] == outcome.statement


def test_the_partnerships_register_download_names_each_partnership(client, viewer, partnership):
    client.force_login(viewer)
    rows = read_csv(client.get(reverse("partnerships:partnership_download", args=["northshire", "csv"])))
    assert rows[0][0] == "Name" and rows[1][0] == "Home First"


def test_a_download_is_in_the_audit_log(client, viewer, workspace, partnership):
    from joinedup.audit.models import Entry

    client.force_login(viewer)
    client.get(reverse("partnerships:outcome_download", args=["northshire", partnership.pk, "xlsx"]))
    entry = Entry.objects.get(workspace_id=workspace.pk, kind="export")
    assert entry.action == "downloaded a table as XLSX" and entry.object_label == "outcomes of Home First"
