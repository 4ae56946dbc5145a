"""A long series is drawn, never a server error: more than Altair's 5,000
inline rows used to raise MaxRowsError and return 500 on the indicator page."""

import json
from datetime import date, timedelta
from decimal import Decimal

import pandas as pd
import pytest
from django.urls import reverse

from joinedup.indicators import charts
from joinedup.indicators.models import Area, Indicator, Measurement


@pytest.fixture
def long_indicator(workspace, partnership, outcome):
    own = Area.objects.create(workspace=workspace, name="Northshire", is_own_area=True)
    others = [Area.objects.create(workspace=workspace, name=f"Comparator {n}") for n in range(5)]
    indicator = Indicator.objects.create(partnership=partnership, outcome=outcome, name="Attendances",
                                         unit="count", direction="lower", frequency="day")
    start = date(2009, 1, 1)
    Measurement.objects.bulk_create([
        Measurement(indicator=indicator, area=area, period_start=start + timedelta(days=n),
                    period_end=start + timedelta(days=n), period_label=str(start + timedelta(days=n)),
                    frequency="day", value=Decimal(100 + (n % 7) + i))
        for i, area in enumerate([own, *others]) for n in range(900)
    ])
    return indicator


def test_the_indicator_page_draws_a_long_series(client, viewer, long_indicator):
    assert long_indicator.measurements.count() == 5_400
    client.force_login(viewer)
    response = client.get(reverse("indicators:indicator_detail", args=["northshire", long_indicator.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "the 5 comparators are drawn as their median in each period" in page


def test_chart_rows_keep_the_own_area_and_stay_under_the_limit():
    days = pd.date_range("2000-01-01", periods=3_000, freq="D")
    frame = pd.concat([
        pd.DataFrame({"area": area, "time": days, "label": days.strftime("%Y-%m-%d"), "value": float(n)})
        for n, area in enumerate(["Own", "A", "B"])
    ])
    rows, note = charts.chart_rows(frame, "Own")
    assert len(rows) <= charts.CHART_POINTS
    assert set(rows["area"]) == {"Own", "Median of 2 comparators"}
    assert note == "the 2 comparators are drawn as their median in each period; one period in 2 is drawn"
    assert rows[rows["area"] == "Median of 2 comparators"]["value"].eq(1.5).all()
    small = frame[frame["time"] < "2000-02-01"]
    assert charts.chart_rows(small, "Own")[0].equals(small) and charts.chart_rows(small, "Own")[1] == ""


def test_a_spec_with_more_than_five_thousand_rows_is_not_refused():
    days = pd.date_range("2000-01-01", periods=6_000, freq="D")
    frame = pd.DataFrame({"area": "Own", "time": days, "label": "", "value": 1.0})
    spec = charts.series_chart(frame, unit_title="Count", own_area="Own")
    rows = [row for values in spec["datasets"].values() for row in values if "area" in row]
    assert 0 < len(rows) <= charts.CHART_POINTS
    assert "one period in 2 is drawn" in json.dumps(spec)
