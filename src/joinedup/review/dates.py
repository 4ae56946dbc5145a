"""Calendar arithmetic the rules share."""

from datetime import date


def add_months(day, months):
    """The same day of the month `months` later (or earlier when negative),
    or the last day of that month when it is shorter."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(f"No such month: {year}-{month}")
