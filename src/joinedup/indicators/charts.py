"""Vega-Lite specs (built with altair) for an indicator's charts, and their
SVG rendered on the server with vl-convert, so that a chart shows without
JavaScript and in PDFs. Each chart has a data table beside it on the page."""

from django.utils.translation import gettext

from joinedup.design_system.charts import FONT, chart_spec
from joinedup.design_system.lazy import LazyModule

from .periods import shown_label

# Imported on first use (design_system/lazy.py); pandas too: a review on the screen loads
# this module (review/charts.py) and draws nothing.
alt = LazyModule("altair")
vlc = LazyModule("vl_convert")
pd = LazyModule("pandas")

OWN_COLOUR = "#1d70b8"  # GOV.UK blue
# Distinct colours for up to ten comparators (GOV.UK palette, then darker tones).
COMPARATOR_COLOURS = ["#505a5f", "#d4351c", "#00703c", "#912b88", "#f47738", "#28a197", "#6f72af",
                      "#b58840", "#d53880", "#0b0c0c"]
IMPROVEMENT_COLOUR = "#1d70b8"
CONCERN_COLOUR = "#f47738"
WIDTH, HEIGHT = 640, 300


def _configured(chart, description):
    return (
        chart.properties(width=WIDTH, height=HEIGHT, description=description)
        .configure_axis(labelFont=FONT, titleFont=FONT, labelFontSize=13, titleFontSize=14)
        .configure_legend(labelFont=FONT, titleFont=FONT, labelFontSize=13, orient="bottom")
        .configure_view(stroke=None)
    )


# Roughly how wide a 12px label's letter is, to keep event labels apart.
LABEL_CHARACTER_PX = 6.5
LABEL_ROW_PX = 15


def label_rows(events, first, last, width=WIDTH):
    """For each event (in date order), the row its label goes on and whether it
    is drawn to the left of its line (near the right edge): labels of events
    close together go on rows below one another instead of over one another."""
    days = max((last - first).days, 1)
    ends, placed = [], []
    for day, label in events:
        x = (day - first).days * width / days
        size = 4 + len(label) * LABEL_CHARACTER_PX
        leftwards = x + size > width
        left, right = (x - size, x) if leftwards else (x, x + size)
        row = next((r for r, end in enumerate(ends) if left >= end), len(ends))
        if row == len(ends):
            ends.append(right)
        else:
            ends[row] = right
        placed.append((row, leftwards))
    return placed


def _markers(events, first=None, last=None):
    """Vertical rules with labels for the partnership's start and other events,
    the labels on separate rows where they would overlap."""
    if not events:
        return []
    events = sorted(events)
    first = first or events[0][0]
    last = last or events[-1][0]
    frame = pd.DataFrame([
        {"date": day.isoformat(), "label": label, "y": row * LABEL_ROW_PX, "leftwards": leftwards}
        for (day, label), (row, leftwards) in zip(events, label_rows(events, first, last), strict=True)
    ])
    rules = alt.Chart(frame).mark_rule(color="#0b0c0c", strokeDash=[4, 3]).encode(
        x="date:T", tooltip=[alt.Tooltip("label:N", title=gettext("Event")), alt.Tooltip("date:T", title=gettext("Date"))]
    )
    layers = [rules]
    for leftwards, align, dx in ((False, "left", 4), (True, "right", -4)):
        rows = frame[frame["leftwards"] == leftwards]
        if not rows.empty:
            layers.append(alt.Chart(rows).mark_text(align=align, baseline="top", dx=dx, dy=2, fontSize=12, font=FONT)
                          .encode(x="date:T", y=alt.Y("y:Q", scale=None), text="label:N"))
    return layers


def _span(times):
    days = pd.to_datetime(pd.Series(times))
    return (days.min().date(), days.max().date()) if not days.empty else (None, None)


def time_axis(frequency=None):
    """Ticks a year apart, labelled by year, for yearly and quarterly data; months otherwise."""
    if frequency in ("year", "financial_year", "academic_year", "several_years", "quarter"):
        return alt.X("time:T", title=gettext("Period"), axis=alt.Axis(format="%Y", tickCount={"interval": "year", "step": 1}))
    return alt.X("time:T", title=gettext("Period"), axis=alt.Axis(format="%b %Y"))


SERIES_DATA = "series"
# More points than this make a heavy page and an unreadable chart; the data
# table beside the chart keeps every value.
CHART_POINTS = 4000


def chart_rows(data, own_area):
    """At most CHART_POINTS rows of (area, time, label, value), and a note of
    what was done to get there: with too many, the comparators are drawn as
    their median in each period, and then a long series is thinned evenly."""
    notes = []
    comparators = data[data["area"] != own_area]
    if len(data) > CHART_POINTS and comparators["area"].nunique() > 1:
        median = (comparators.groupby(["time", "label"], as_index=False)["value"].median()
                  .assign(area=gettext("Median of %(count)s comparators") % {"count": comparators["area"].nunique()}))
        data = pd.concat([data[data["area"] == own_area], median[["area", "time", "label", "value"]]])
        notes.append(gettext("the %(count)s comparators are drawn as their median in each period") % {
            "count": comparators["area"].nunique()})
    if len(data) > CHART_POINTS:
        step = -(-len(data) // CHART_POINTS)
        data = data.sort_values(["area", "time"])
        data = data[data.groupby("area").cumcount() % step == 0]
        notes.append(gettext("one period in %(step)s is drawn") % {"step": step})
    return data, "; ".join(notes)


def series_chart(frame, *, unit_title, target=None, events=(), own_area=None, frequency=None):
    """Own area against comparators over time, with the target and events marked."""
    data, note = chart_rows(frame[frame["value"].notna()][["area", "time", "label", "value"]].copy(), own_area)
    labels = {label: shown_label(label) for label in data["label"].unique()}
    data["label"] = data["label"].map(labels)
    areas = [own_area] if own_area else []
    areas += sorted(a for a in data["area"].unique() if a != own_area)
    colours = [OWN_COLOUR if a == own_area else COMPARATOR_COLOURS[i % len(COMPARATOR_COLOURS)]
               for i, a in enumerate(areas)]
    colour = alt.Color("area:N", title=gettext("Area"), scale=alt.Scale(domain=areas, range=colours))
    # The series by name, its rows put in the spec's datasets at the end: altair copies a
    # chart's inline rows each time it copies the chart (a dozen times here) and hashes
    # them to name them, most of the time a chart took to make; the spec is the same.
    base = alt.Chart(alt.Data(name=SERIES_DATA)).encode(
        x=time_axis(frequency),
        y=alt.Y("value:Q", title=unit_title, scale=alt.Scale(zero=False)),
        color=colour,
        tooltip=[alt.Tooltip("area:N", title=gettext("Area")), alt.Tooltip("label:N", title=gettext("Period")),
                 alt.Tooltip("value:Q", title=unit_title, format=",.4~f")],
    )
    width = alt.condition(alt.datum.area == (own_area or ""), alt.value(3), alt.value(1.5))
    layers = [base.mark_line().encode(strokeWidth=width), base.mark_point(filled=True, size=30)]
    if target is not None:
        layers.append(alt.Chart(pd.DataFrame({"target": [float(target)], "label": [gettext("Target")]})).mark_rule(
            color="#00703c", strokeWidth=2).encode(y="target:Q", tooltip=["label:N", "target:Q"]))
    layers += _markers(events, *_span(data["time"]))
    description = gettext("Line chart of %(unit)s over time for %(areas)s.") % {
        "unit": unit_title, "areas": ", ".join(areas)}
    if note:
        description += " " + gettext("To keep the chart readable, %(note)s; the table has every value.") % {
            "note": note}
    spec = chart_spec(_configured(alt.layer(*layers), description))
    spec.setdefault("datasets", {})[SERIES_DATA] = alt.utils.data.to_values(data)["values"]  # as altair sends them
    return spec


def spc_chart(result, *, unit_title, frequency=None):
    """XmR chart: values, the mean and process limits per segment, special causes coloured."""
    data = pd.DataFrame([
        {"time": p.time, "value": p.value, "mean": p.mean, "lower": p.lower_limit, "upper": p.upper_limit,
         "segment": p.segment, "variation": _variation_text(p.variation)}
        for p in result.points
    ])
    base = alt.Chart(data).encode(x=time_axis(frequency))
    scale = alt.Scale(zero=False)
    layers = [
        base.mark_line(color="#505a5f", strokeDash=[6, 3]).encode(y=alt.Y("upper:Q", scale=scale), detail="segment:N"),
        base.mark_line(color="#505a5f", strokeDash=[6, 3]).encode(y="lower:Q", detail="segment:N"),
        base.mark_line(color="#0b0c0c", strokeWidth=1).encode(y="mean:Q", detail="segment:N"),
        base.mark_line(color="#b1b4b6").encode(y=alt.Y("value:Q", title=unit_title, scale=scale)),
        base.mark_point(filled=True, size=50).encode(
            y="value:Q",
            color=alt.Color("variation:N", title=gettext("Variation"), scale=alt.Scale(
                domain=[gettext("Common cause"), gettext("Improvement"), gettext("Concern"), gettext("Special cause")],
                range=["#505a5f", IMPROVEMENT_COLOUR, CONCERN_COLOUR, "#912b88"])),
            tooltip=["time:T", "value:Q", "variation:N", "mean:Q", "lower:Q", "upper:Q"],
        ),
    ]
    return chart_spec(_configured(alt.layer(*layers), gettext("XmR chart of %(unit)s with process limits.") % {"unit": unit_title}))


def _variation_text(variation):
    return {"common_cause": gettext("Common cause"), "special_cause_improvement": gettext("Improvement"),
            "special_cause_concern": gettext("Concern")}.get(variation, gettext("Special cause"))


def its_chart(result, *, unit_title, start, frequency=None):
    """Observed values, the fitted segments and the counterfactual (the earlier trend carried on)."""
    rows = []
    fitted, carried_on = gettext("Fitted"), gettext("Had the earlier trend carried on")
    for p in result.series:
        rows.append({"time": p.time, "series": fitted, "value": p.fitted})
        rows.append({"time": p.time, "series": carried_on, "value": p.counterfactual})
    observed = pd.DataFrame([{"time": p.time, "value": p.observed} for p in result.series if p.observed is not None])
    lines = alt.Chart(pd.DataFrame(rows)).mark_line().encode(
        x=time_axis(frequency), y=alt.Y("value:Q", title=unit_title, scale=alt.Scale(zero=False)),
        color=alt.Color("series:N", title=gettext("Line"), scale=alt.Scale(
            domain=[fitted, carried_on], range=[OWN_COLOUR, "#d4351c"])),
        strokeDash=alt.StrokeDash("series:N", legend=None, scale=alt.Scale(
            domain=[fitted, carried_on], range=[[1, 0], [6, 4]])),
    )
    points = alt.Chart(observed).mark_point(color="#0b0c0c", size=30).encode(x="time:T", y="value:Q",
                                                                               tooltip=["time:T", "value:Q"])
    span = _span([p.time for p in result.series])
    layers = [points, lines, *_markers([(pd.Timestamp(start).date(), gettext("Start"))], *span)]
    return chart_spec(_configured(alt.layer(*layers), gettext("Interrupted time series of %(unit)s.") % {"unit": unit_title}))


def funnel_chart(result, *, unit_title):
    """Areas by denominator and value, inside 95% and 99.8% limits around the target."""
    curve = pd.DataFrame(result.curve)
    own, comparator = gettext("Own area"), gettext("Comparator")
    points = pd.DataFrame([{"area": p.area, "denominator": p.denominator, "value": p.value,
                            "who": own if p.own_area else comparator} for p in result.points])
    x = alt.X("denominator:Q", title=gettext("Denominator (size of the area)"), scale=alt.Scale(type="log"))
    layers = [
        alt.Chart(curve).mark_line(color="#505a5f", strokeDash=dash).encode(x=x, y=alt.Y(f"{column}:Q", title=unit_title))
        for column, dash in [("upper_99_8", [2, 2]), ("lower_99_8", [2, 2]), ("upper_95", [6, 3]), ("lower_95", [6, 3])]
    ]
    layers.append(alt.Chart(pd.DataFrame({"target": [result.target]})).mark_rule(color="#0b0c0c").encode(y="target:Q"))
    layers.append(alt.Chart(points).mark_point(filled=True, size=70).encode(
        x=x, y="value:Q", color=alt.Color("who:N", title=gettext("Area"), scale=alt.Scale(
            domain=[own, comparator], range=[OWN_COLOUR, "#505a5f"])),
        tooltip=["area:N", "denominator:Q", "value:Q"]))
    return chart_spec(_configured(alt.layer(*layers), gettext("Funnel plot of %(unit)s by area.") % {"unit": unit_title}))


def svg(spec):
    """The chart as SVG, drawn on the server (no JavaScript needed)."""
    return vlc.vegalite_to_svg(spec)
