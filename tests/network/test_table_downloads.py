"""The network page's three tables download as CSV and XLSX, for the same day
and filters as the page, only within the workspace."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

pytestmark = pytest.mark.django_db


def test_the_tables_download_for_the_pages_day(client, viewer, workspace, locality):
    client.force_login(viewer)
    page = client.get(reverse("network:home", args=[workspace.slug]), {"as_at": "30/6/2026"}).content.decode()
    people_csv = reverse("network:people_table", args=[workspace.slug, "csv"])
    assert people_csv + "?as_at=30%2F6%2F2026" in page
    rows = list(csv.reader(io.StringIO(client.get(people_csv, {"as_at": "30/6/2026"}).content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Person", "Organisation", "Partnerships"]
    assert "Wren Vetchley" in {row[0] for row in rows[1:]}
    merge = client.get(reverse("network:merge_table", args=[workspace.slug, "xlsx"]), {"as_at": "30/6/2026"})
    sheet = load_workbook(io.BytesIO(merge.content)).active
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][0] == "Partnership" and {values[1][0], values[1][1]} == {"Frailty Network", "Discharge Board"}
    partnerships = client.get(reverse("network:partnerships_table", args=[workspace.slug, "csv"]))
    names = {row[0] for row in csv.reader(io.StringIO(partnerships.content.decode("utf-8-sig")))}
    assert {"Frailty Network", "Discharge Board"} <= names and not any("Southshire" in n for n in names)


def test_another_workspace_gets_404(client, outsider, workspace, locality):
    client.force_login(outsider)
    for name in ("merge_table", "people_table", "partnerships_table"):
        assert client.get(reverse(f"network:{name}", args=[workspace.slug, "csv"])).status_code == 404
