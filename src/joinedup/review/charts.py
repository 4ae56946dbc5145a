"""Charts for the review report as Vega-Lite specifications (altair), turned
into SVG by vl-convert so the same vector chart shows in the page and the PDF.
Each chart comes with the rows of its data table."""

import functools

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from joinedup.design_system.charts import FONT, chart_spec
from joinedup.design_system.dates import short_date
from joinedup.indicators import charts
from joinedup.indicators.presenters import UNIT_TITLES, format_value, indicator_events
from joinedup.meetings.charts import cost_chart_spec
from joinedup.meetings.presenters import period_row

SEVERITY_COLOURS = {"high": "#d4351c", "medium": "#f47738", "low": "#505a5f"}
# cost_against_evidence numbers its points up to this many; beyond it the
# labels would only hide each other, and the table carries the figures.
LABELLED_POINTS = 40


def findings_over_time(reviews):
    """A stacked bar chart of findings by severity for each review, oldest first.
    Returns (svg text, table rows) or None when there is nothing to compare."""
    if len(reviews) < 2:
        return None
    # Imported here: altair takes seconds to load and most pages have no chart.
    import altair as alt
    import vl_convert

    rows = [
        {"date": short_date(r.as_of), "order": i, "severity": severity, "findings": count}
        for i, r in enumerate(sorted(reviews, key=lambda r: (r.run_at, r.id)))
        for severity, count in (("high", r.high_count), ("medium", r.medium_count), ("low", r.low_count))
    ]
    chart = (
        alt.Chart(alt.Data(values=rows), title=_("Findings at each review, by severity"))
        .mark_bar()
        .encode(
            x=alt.X("date:N", sort=alt.SortField("order"), title=_("Review")),
            y=alt.Y("findings:Q", title=_("Findings"), axis=alt.Axis(tickMinStep=1)),
            color=alt.Color(
                "severity:N",
                scale=alt.Scale(domain=list(SEVERITY_COLOURS), range=list(SEVERITY_COLOURS.values())),
                title=_("Severity"),
            ),
            order=alt.Order("severity:N"),
        )
        .properties(width=420, height=180)
        .configure(font=FONT)
    )
    svg = vl_convert.vegalite_to_svg(chart_spec(chart))
    table = {}
    for row in rows:
        table.setdefault(row["date"], {})[row["severity"]] = row["findings"]
    return svg, [{"date": d, **counts} for d, counts in table.items()]


def cost_against_evidence(points):
    """A scatter chart of each partnership's yearly meeting cost (x) against the
    share of its indicators showing an improvement (y). `points` are dicts with
    name, yearly_cost (a Decimal), measured and improving (indicator counts,
    measured > 0), and any other keys the table needs. Returns (svg text, the
    points by name, each with its share and its number on the chart) or None
    when there are no points. No money value is put on the outcomes: the two
    stay on their own axes."""
    if not points:
        return None
    return _drawn(tuple(tuple(sorted(p.items())) for p in points), get_language())


# Kept per process, as meetings/charts.py keeps its chart: the portfolio draws the same
# chart on every request until a review changes, and for 311 partnerships (national
# scale) altair and vl-convert take 150 ms of the page's CPU. Keyed by everything the
# drawing is made from (the points and the language), so never out of date.
@functools.lru_cache(maxsize=8)
def _drawn(points, language):
    return _draw_cost_against_evidence([dict(p) for p in points])


def _draw_cost_against_evidence(points):
    import altair as alt
    import vl_convert

    table = [
        {**p, "number": n, "share": p["improving"] / p["measured"]}
        for n, p in enumerate(sorted(points, key=lambda p: p["name"].lower()), start=1)
    ]
    data = [{"number": p["number"], "cost": float(p["yearly_cost"]), "share": p["share"]} for p in table]
    base = alt.Chart(alt.Data(values=data))
    x = alt.X("cost:Q", title=_("Yearly cost of meetings"),
              axis=alt.Axis(tickCount=6, labelExpr="'£' + format(datum.value, ',.0f')"), scale=alt.Scale(zero=True))
    y = alt.Y("share:Q", title=_("Share of indicators improving"), axis=alt.Axis(format="%", tickCount=5),
              scale=alt.Scale(domain=[0, 1]))
    layers = [base.mark_circle(size=110, color="#1d70b8", opacity=0.85).encode(x=x, y=y)]
    if len(table) <= LABELLED_POINTS:
        # Numbers rather than names: names overlap where partnerships sit close together.
        layers.append(base.mark_text(align="left", dx=8, dy=-8, fontSize=13, fontWeight="bold", color="#0b0c0c")
                      .encode(x=x, y=y, text="number:N"))
    chart = (
        alt.layer(*layers)
        .properties(title=_("Yearly cost of meetings beside evidence of improvement"), width=600, height=300)
        .configure_axis(labelFontSize=12, titleFontSize=13, labelColor="#0b0c0c", titleColor="#0b0c0c")
        .configure_title(fontSize=15, color="#0b0c0c")
        .configure(font=FONT)
    )
    svg = vl_convert.vegalite_to_svg(chart_spec(chart))
    return svg, table


# The report's detail charts are kept short so that the PDF builds quickly and
# the tables beside them stay readable: the last three years of quarters of
# meeting cost, and each indicator's latest periods for its own area and its
# first few comparators.
COST_QUARTERS = 12
# Periods shown per indicator, by its frequency: two to three years.
INDICATOR_PERIODS = {
    "day": 31, "week": 26, "month": 24, "quarter": 12, "year": 8, "financial_year": 8, "academic_year": 8,
    "several_years": 8,
}
INDICATOR_COMPARATORS = 4


def meeting_cost_by_quarter(quarters):
    """Bars of the cost of meetings per financial quarter. `quarters` are the
    ledger's LedgerTotals (meetings.cost.ledger_totals), oldest first.
    Returns (svg text, table rows) or None when there are none."""
    if not quarters:
        return None
    import vl_convert

    spec = cost_chart_spec([(t.period.label, t.cost) for t in quarters], period=_("Financial quarter"),
                           width=560, height=150)
    rows = [period_row(t) for t in quarters]
    return vl_convert.vegalite_to_svg(spec), rows


def indicator_series(indicator, frame, as_of):
    """The indicator page's series chart (indicators.charts.series_chart) for
    the report: values up to `as_of`, the latest INDICATOR_PERIODS periods, the
    own area and up to INDICATOR_COMPARATORS comparators. Returns a dict with
    the svg, the areas and the table rows (periods down, areas across), or
    None when the indicator has no values to draw."""
    frame = frame[frame["start"] <= as_of]
    values = frame[frame["value"].notna()]
    if values.empty:
        return None
    times = sorted(values["time"].unique())[-INDICATOR_PERIODS.get(indicator.frequency, 12):]
    own = next(iter(values.loc[values["own"], "area"].unique()), None)
    others = sorted(a for a in values["area"].unique() if a != own)[:INDICATOR_COMPARATORS]
    areas = ([own] if own else []) + others
    shown = frame[frame["time"].isin(times) & frame["area"].isin(areas)]
    first = min(shown["start"])
    events = [(day, label) for day, label in indicator_events(indicator) if first <= day <= as_of]
    # A str, not the lazy translation: altair takes any other sequence for a title of one line
    # per item, and drew the axis title letter under letter.
    spec = charts.series_chart(shown, unit_title=str(UNIT_TITLES[indicator.unit]), target=indicator.target,
                               events=events, own_area=own, frequency=indicator.frequency)
    spec.update(width=560, height=190)  # shorter than on the indicator's page, to fit the printed page
    cells, labels = {}, {}
    for row in shown.itertuples():
        labels[row.time] = row.label
        cells[(row.time, row.area)] = (format_value(row.value, indicator.unit) if row.status == "ok"
                                       else row.status.capitalize())
    rows = [{"period": labels[t], "cells": [cells.get((t, a), "") for a in areas]} for t in times if t in labels]
    left_out = len(values["area"].unique()) - len(areas)
    return {"svg": charts.svg(spec), "areas": areas, "rows": rows, "left_out": left_out,
            "description": spec.get("description", indicator.name)}
