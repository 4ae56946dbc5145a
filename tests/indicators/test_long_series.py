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


def test_the_values_table_shows_a_page_of_periods_and_areas(client, viewer, workspace, long_indicator):
    """900 days of 6 areas, then 14 more comparators: the table shows 40 periods (the last page,
    of the latest, first) and 12 areas at a time, with links to the rest, never every value at once."""
    from joinedup.indicators.presenters import TABLE_AREAS, TABLE_PERIODS

    client.force_login(viewer)
    url = reverse("indicators:indicator_detail", args=["northshire", long_indicator.pk])
    table = client.get(url).context["page"].table
    assert len(table["rows"]) == 900 % TABLE_PERIODS and table["periods"] == 900
    assert table["rows"][-1]["period"] == "2011-06-19" and table["rows"][0]["period"] == "2011-05-31"
    assert table["areas"][0] == "Northshire" and table["own_shown"]
    # Day 899 of the own area (i = 0): 100 + 899 % 7
    assert table["rows"][-1]["cells"][0] == str(100 + 899 % 7)
    assert table["earlier"] and not table["later"]

    first = client.get(url + "?periods=1").context["page"].table
    assert len(first["rows"]) == TABLE_PERIODS
    assert first["rows"][0]["period"] == "2009-01-01" and first["rows"][0]["cells"][:2] == ["100", "101"]
    assert first["later"] and not first["earlier"]

    more = [Area.objects.create(workspace=workspace, name=f"More {n:02}") for n in range(14)]
    Measurement.objects.bulk_create([
        Measurement(indicator=long_indicator, area=area, period_start=date(2011, 5, 30),
                    period_end=date(2011, 5, 30), period_label="2011-05-30", frequency="day",
                    status="suppressed", marker="c")
        for area in more
    ])
    # 40 periods leave room for 12 areas (the last page's 20 periods for 25: all 20 here).
    assert len(client.get(url).context["page"].table["areas"]) == 20
    page = client.get(url + "?periods=22&areas=2")
    table = page.context["page"].table
    assert len(table["rows"]) == TABLE_PERIODS and table["rows"][-1]["period"] == "2011-05-30"
    assert table["area_count"] == 20 and len(table["areas"]) == 20 - TABLE_AREAS
    assert not table["own_shown"] and table["previous_areas"] and not table["next_areas"]
    assert table["rows"][-1]["cells"][-1] == "Suppressed (c)"
    assert "areas 13 to 20 of 20" in page.content.decode()


def test_the_figures_kept_for_the_page_follow_the_values(client, viewer, long_indicator):
    """The statistics and charts of a long series are worked out once and kept, until a value,
    an area or the indicator changes."""
    client.force_login(viewer)
    url = reverse("indicators:indicator_detail", args=["northshire", long_indicator.pk])
    before = client.get(url).context["page"]
    assert client.get(url).context["page"].readings[0]["reading"] == before.readings[0]["reading"]
    # The own area's latest 30 values jump: the XmR chart must see it.
    latest = Measurement.objects.filter(indicator=long_indicator, area__is_own_area=True).order_by("-period_start")
    for measurement in latest[:30]:
        measurement.value = Decimal(500)
        measurement.save()
    after = client.get(url).context["page"]
    assert after.spc_status != before.spc_status
    assert after.table["rows"][-1]["cells"][0] == "500"
    long_indicator.direction = "higher"
    long_indicator.save()
    assert client.get(url).context["page"].spc_status["variation"] == "Special cause: improvement"


def test_the_series_chart_carries_its_rows_by_name_and_draws_every_point():
    """The rows go into the spec's datasets once, as altair would have sent them inline
    (dates as ISO text, no missing values), and every one is drawn: a point each."""
    months = pd.date_range("2022-01-01", periods=24, freq="MS")
    frame = pd.concat([
        pd.DataFrame({"area": area, "time": months, "label": months.strftime("%Y-%m"), "value": values})
        for area, values in (("Own", [float(n) for n in range(24)]), ("A", [2.0] * 23 + [float("nan")]))
    ])
    spec = charts.series_chart(frame, unit_title="Count", target=10, own_area="Own",
                               events=[(date(2023, 1, 1), "Started")])
    rows = spec["datasets"][charts.SERIES_DATA]
    assert len(rows) == 47 and rows[0]["time"] == "2022-01-01T00:00:00" and rows[0]["value"] == 0.0
    assert all(row["value"] is not None for row in rows)
    svg = charts.svg(spec)
    assert svg.count('aria-roledescription="point"') == 47
    assert ">Count</text>" in svg and ">Started</text>" in svg
