"""Dates as pages, reports and findings write them: "5 March 2026" or
"5 Mar 2026". Django's date format (what the `date` template filter uses),
not strftime's "%-d", which only glibc knows."""

from django.utils import dateformat
from django.utils.dates import MONTHS_3, WEEKDAYS, WEEKDAYS_ABBR
from django.utils.translation import gettext_lazy

# The months' names, marked here so that this app's catalogue gives their Welsh: it is
# merged over Django's own, whose Welsh for "May" is "Caiff" (the verb) and for "July"
# "Gorffenaf". Django's date format ("F") looks the same texts up, so long dates and the
# charts' axes (design_system/charts.py) say "Mai" and "Gorffennaf".
MONTH_NAMES = (
    gettext_lazy("January"), gettext_lazy("February"), gettext_lazy("March"), gettext_lazy("April"),
    gettext_lazy("May"), gettext_lazy("June"), gettext_lazy("July"), gettext_lazy("August"),
    gettext_lazy("September"), gettext_lazy("October"), gettext_lazy("November"), gettext_lazy("December"),
)


def month_abbreviation(month):
    """"Jan" for 1 in the active language, as the date format's "M" writes it."""
    return str(MONTHS_3[month]).title()


def month_abbreviations():
    """"Jan" to "Dec" in the active language, as the date format's "M" writes them."""
    return [month_abbreviation(month) for month in range(1, 13)]


def weekday_names():
    """Sunday first (as Vega wants them), in the active language."""
    return [str(WEEKDAYS[(day + 6) % 7]) for day in range(7)]


def weekday_abbreviations():
    return [str(WEEKDAYS_ABBR[(day + 6) % 7]) for day in range(7)]


def long_date(value):
    """"5 March 2026"."""
    return dateformat.format(value, "j F Y")


def short_date(value):
    """"5 Mar 2026"."""
    return dateformat.format(value, "j M Y")


def short_date_time(value):
    """"5 Mar 2026, 14:30" (give a local time)."""
    return dateformat.format(value, "j M Y, H:i")
