"""The indicator page's table of values downloads as CSV and XLSX: numbers as
numbers, a suppressed value as its status, and only within the workspace."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from joinedup.indicators.models import Area, Indicator, Measurement
from joinedup.indicators.periods import year_period


@pytest.fixture
def indicator(partnership):
    indicator = Indicator.objects.create(partnership=partnership, name="Share at home 91 days", unit="percentage",
                                         direction="higher", frequency="year")
    area = Area.objects.create(workspace=partnership.workspace, name="=Bury", is_own_area=True)
    period = year_period(2020)
    Measurement.objects.create(indicator=indicator, area=area, period_start=period.start, period_end=period.end,
                               period_label=period.label, frequency="year", value=Decimal("57.25"))
    Measurement.objects.create(indicator=indicator, area=area, period_start=date(2021, 1, 1),
                               period_end=date(2021, 12, 31), period_label="2021", frequency="year",
                               status="suppressed", marker="c")
    return indicator


def test_the_values_download_as_csv_and_xlsx(client, viewer, indicator):
    client.force_login(viewer)
    page = client.get(reverse("indicators:indicator_detail", args=["northshire", indicator.pk])).content.decode()
    csv_url = reverse("indicators:indicator_values", args=["northshire", indicator.pk, "csv"])
    assert csv_url in page
    response = client.get(csv_url)
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    # The area's name starts like a formula: neutralised in the heading too.
    assert rows == [["Period", "'=Bury (own area)"], ["2020", "57.25"], ["2021", "Suppressed (c)"]]
    sheet = load_workbook(io.BytesIO(client.get(csv_url.replace(".csv", ".xlsx")).content)).active
    assert list(sheet.iter_rows(values_only=True)) == [("Period", "'=Bury (own area)"), ("2020", 57.25),
                                                        ("2021", "Suppressed (c)")]


def test_another_workspace_gets_404(client, outsider, indicator):
    client.force_login(outsider)
    for slug in ("northshire", "southshire"):
        url = reverse("indicators:indicator_values", args=[slug, indicator.pk, "csv"])
        assert client.get(url).status_code == 404
