"""The chart of a partnership's meeting cost over time: a Vega-Lite spec
built with altair and rendered to SVG on the server with vl-convert, so it
shows without JavaScript. The page puts a data table beside it."""

import functools

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from joinedup.design_system.charts import FONT, chart_spec
from joinedup.design_system.lazy import LazyModule

# Imported on first use (design_system/lazy.py); pandas too: a review on the screen loads
# this module (review/charts.py) and draws nothing.
alt = LazyModule("altair")
vlc = LazyModule("vl_convert")
pd = LazyModule("pandas")

BAR_COLOUR = "#1d70b8"  # GOV.UK blue


def cost_chart_spec(points, period=None, width=640, height=260):
    """Cost per period as bars; ``points`` is a sequence of (label "2026-03", cost).
    ``period`` names the periods ("Month", "Quarter") on the axis."""
    period = period or _("Month")
    frame = pd.DataFrame([{"month": label, "cost": float(cost)} for label, cost in points])
    chart = alt.Chart(frame).mark_bar(color=BAR_COLOUR).encode(
        x=alt.X("month:O", title=period, sort=None, axis=alt.Axis(labelAngle=-45, labelOverlap=True)),
        y=alt.Y("cost:Q", title=_("Cost of meetings (£)"), axis=alt.Axis(format=",.0f")),
        tooltip=[alt.Tooltip("month:O", title=period), alt.Tooltip("cost:Q", title=_("Cost (£)"), format=",.2f")],
    )
    return chart_spec(
        chart.properties(width=width, height=height,
                         description=_("Bar chart of the cost of meetings per %(lower)s.") % {"lower": period.lower()})
        .configure_axis(labelFont=FONT, titleFont=FONT, labelFontSize=12, titleFontSize=13)
        .configure_view(stroke=None)
    )


@functools.lru_cache(maxsize=64)
def _svg(points, language):
    # The language is part of the key: the axis titles and description are translated.
    return vlc.vegalite_to_svg(cost_chart_spec(points))


def cost_chart_svg(points):
    """The chart as SVG markup (cached per set of figures: rendering takes tens of ms)."""
    if not points:
        return ""
    return _svg(tuple((label, str(cost)) for label, cost in points), get_language())
