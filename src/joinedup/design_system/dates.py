"""Dates as pages, reports and findings write them: "5 March 2026" or
"5 Mar 2026". Django's date format (what the `date` template filter uses),
not strftime's "%-d", which only glibc knows."""

from django.utils import dateformat


def long_date(value):
    """"5 March 2026"."""
    return dateformat.format(value, "j F Y")


def short_date(value):
    """"5 Mar 2026"."""
    return dateformat.format(value, "j M Y")


def short_date_time(value):
    """"5 Mar 2026, 14:30" (give a local time)."""
    return dateformat.format(value, "j M Y, H:i")
