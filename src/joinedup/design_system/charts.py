"""Vega-Lite specs from Altair charts, for every chart joinedup draws."""

from django.conf import settings

from .lazy import LazyModule

alt = LazyModule("altair")

# Every chart's font. Printed, fontconfig gives Arial as Liberation Sans, the reports'
# own font, so a PDF carries one font family, not a second for its charts.
FONT = "Arial"


def chart_spec(chart):
    """The chart's Vega-Lite spec as a dict. Altair checks each spec against
    the Vega-Lite JSON schema as it builds it, which takes longer than drawing
    the chart; the specs are made by our own code, so the check runs where
    settings.VALIDATE_CHART_SPECS is on (every test), not on every page and PDF."""
    # Altair refuses more than 5,000 rows of inline data by raising; the charts
    # keep their own data small (indicators/charts.py: CHART_POINTS), so a long
    # series is drawn rather than turned into a server error.
    with alt.data_transformers.disable_max_rows():
        return chart.to_dict(validate=getattr(settings, "VALIDATE_CHART_SPECS", False))
