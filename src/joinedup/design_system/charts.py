"""Vega-Lite specs from Altair charts, for every chart joinedup draws."""

from django.conf import settings
from django.utils import formats
from django.utils.translation import get_language

from .dates import MONTH_NAMES, month_abbreviations, weekday_abbreviations, weekday_names
from .lazy import LazyModule

alt = LazyModule("altair")

# Every chart's font. Printed, fontconfig gives Arial as Liberation Sans, the reports'
# own font, so a PDF carries one font family, not a second for its charts.
FONT = "Arial"


def vega_locale():
    """The active language's number and date formats as a Vega locale (d3-format and
    d3-time-format definitions), from Django's own formats and month and day names, so
    that a chart's axis says "Maw 2024" on a Welsh page as its dates do ("5 Maw 2024");
    None in English, whose charts keep Vega's own (US English) formats as before."""
    if (get_language() or "en").startswith("en"):
        return None
    return {
        "number": {"decimal": formats.get_format("DECIMAL_SEPARATOR"),
                   "thousands": formats.get_format("THOUSAND_SEPARATOR"),
                   "grouping": [formats.get_format("NUMBER_GROUPING") or 3], "currency": ["£", ""]},
        "time": {"dateTime": "%e %B %Y %H:%M", "date": "%d/%m/%Y", "time": "%H:%M:%S",
                 "periods": ["AM", "PM"],
                 "days": weekday_names(), "shortDays": weekday_abbreviations(),
                 "months": [str(m) for m in MONTH_NAMES], "shortMonths": month_abbreviations()},
    }


def chart_spec(chart):
    """The chart's Vega-Lite spec as a dict, in the active language's number and date
    formats (`vega_locale`). Altair checks each spec against
    the Vega-Lite JSON schema as it builds it, which takes longer than drawing
    the chart; the specs are made by our own code, so the check runs where
    settings.VALIDATE_CHART_SPECS is on (every test), not on every page and PDF."""
    # Altair refuses more than 5,000 rows of inline data by raising; the charts
    # keep their own data small (indicators/charts.py: CHART_POINTS), so a long
    # series is drawn rather than turned into a server error.
    with alt.data_transformers.disable_max_rows():
        spec = chart.to_dict(validate=getattr(settings, "VALIDATE_CHART_SPECS", False))
    return localised(spec)


def localised(spec):
    """A Vega-Lite spec (a dict) with the active language's locale in its config."""
    locale = vega_locale()
    if locale is not None:
        spec.setdefault("config", {})["locale"] = locale
    return spec
