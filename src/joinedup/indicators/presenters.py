"""Turn indicators, their measurements and their statistics into what the
evidence pages show: summary rows, data tables, charts and readings."""

import hashlib
from datetime import date
from decimal import Decimal
from functools import cached_property

from django.core.cache import cache
from django.db.models import Count, Max, OuterRef, Subquery, Sum
from django.urls import reverse
from django.utils.translation import get_language, gettext, gettext_lazy

from joinedup.design_system.dates import long_date
from joinedup.design_system.spreadsheets import Table
from joinedup.workspaces.access import for_workspace

from . import charts, plain_readings
from .evidence import analyse, measurement_frame, sentence
from .models import (
    Area,
    Event,
    ImportBatch,
    ImportStatus,
    Indicator,
    Measurement,
    MeasurementRevision,
    MeasurementStatus,
    Unit,
)
from .periods import shown_label
from .plain_readings import translated

UNIT_TITLES = {
    Unit.COUNT: gettext_lazy("Count"), Unit.RATE: gettext_lazy("Rate per 100,000"),
    Unit.PERCENTAGE: gettext_lazy("Percentage"), Unit.DAYS: gettext_lazy("Days"), Unit.MONEY: "£",
}
VARIATION = {
    "common_cause": (gettext_lazy("Common cause variation"), "grey"),
    "special_cause_improvement": (gettext_lazy("Special cause: improvement"), "blue"),
    "special_cause_concern": (gettext_lazy("Special cause: concern"), "orange"),
    "special_cause_neutral_high": (gettext_lazy("Special cause: high"), "purple"),
    "special_cause_neutral_low": (gettext_lazy("Special cause: low"), "purple"),
}
ASSURANCE = {
    "consistent_pass": (gettext_lazy("Will consistently meet the target"), "green"),
    "consistent_fail": (gettext_lazy("Will consistently miss the target"), "red"),
    "inconsistent": (gettext_lazy("Will sometimes meet and sometimes miss the target"), "yellow"),
}
# The values table shows this many periods at a time, and as many areas as fill about
# TABLE_CELLS cells, at least TABLE_AREAS.
TABLE_PERIODS = 40
TABLE_AREAS = 12
TABLE_CELLS = 500


def _within(asked, pages, default):
    """A page number asked for in the address, kept within the pages there are."""
    try:
        number = int(asked)
    except (TypeError, ValueError):
        return default
    return min(max(number, 1), pages)


# The figures of an indicator's page are kept this long at most (and worked out again as soon
# as anything they are made from changes); the version changes when what they hold does.
FIGURES_SECONDS = 24 * 60 * 60
FIGURES_VERSION = 2


def figures_fingerprint(indicator, workspace):
    """What the page's statistics and charts are made from, in a few aggregates: the live
    values (how many, which, when last changed), the workspace's areas, the indicator, its
    partnership and the partnership's events."""
    values = Measurement.objects.filter(indicator=indicator, area__archived_at__isnull=True).aggregate(
        count=Count("pk"), ids=Sum("pk"), changed=Max("updated_at"))
    areas = for_workspace(Area, workspace).aggregate(count=Count("pk"), changed=Max("updated_at"),
                                                     archived=Max("archived_at"))
    events = for_workspace(Event, workspace).filter(partnership=indicator.partnership_id).aggregate(
        count=Count("pk"), ids=Sum("pk"), changed=Max("updated_at"), archived=Max("archived_at"))
    partnership = indicator.partnership
    parts = (values, areas, events, indicator.updated_at, partnership.updated_at, partnership.start_date,
             indicator.name, indicator.unit, indicator.direction, indicator.frequency, indicator.target,
             indicator.definition_changed_on)
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:32]


def format_value(value, unit):
    if value is None:
        return ""
    number = Decimal(str(value))
    if unit == Unit.MONEY:
        return f"£{number:,.0f}"
    if unit == Unit.COUNT and number == number.to_integral_value():
        return f"{number:,.0f}"
    text = f"{number:,.2f}".rstrip("0").rstrip(".")
    return f"{text}%" if unit == Unit.PERCENTAGE else text


def indicator_events(indicator):
    partnership = indicator.partnership
    events = []
    if partnership.start_date:
        events.append((partnership.start_date, gettext("Partnership started")))
    live = for_workspace(Event, partnership.workspace).live().filter(partnership=partnership)
    events += [(e.date, e.label) for e in live]
    return events


class IndicatorPresenter:
    """The indicator page: its details, chart and table, and the statistics' readings."""

    def __init__(self, indicator, workspace, periods_page=None, areas_page=None):
        self.indicator = indicator
        self.workspace = workspace
        self.periods_page, self.areas_page = periods_page, areas_page
        self.unit_title = str(UNIT_TITLES[indicator.unit])
        # The readings and charts are worded in the page's language, so each language is kept apart.
        key = (f"indicator-figures:{FIGURES_VERSION}:{get_language()}:{indicator.pk}:"
               f"{figures_fingerprint(indicator, workspace)}")
        figures = cache.get(key)
        if figures is None:
            # Worked out from every value once, then kept until anything they depend on changes:
            # the values (and which are live), the areas, the indicator, the partnership's start
            # and its events. A long series of many areas takes seconds to work out.
            self.analysis = analyse(indicator, self.frame, indicator.partnership.start_date)
            figures = {"analysis": self.analysis, "times": sorted(self.frame["time"].unique()),
                       "period_labels": self.period_labels, "readings": self.readings,
                       "main_chart": None if self.frame.empty else self.main_chart}
            cache.set(key, figures, FIGURES_SECONDS)
        self.analysis = figures["analysis"]
        self.times = figures["times"]
        self.__dict__.update(period_labels=figures["period_labels"], readings=figures["readings"],
                             main_chart=figures["main_chart"])

    @cached_property
    def frame(self):
        return measurement_frame(self.indicator)

    @property
    def summary_rows(self):
        i = self.indicator
        rows = [
            (gettext("Outcome"), f"“{i.outcome.statement}”" if i.outcome else gettext("Not linked to an outcome")),
            (gettext("What it tells you"), i.get_kind_display()),
            (gettext("Population or performance"), i.get_scope_display()),
            (gettext("Unit"), i.get_unit_display()),
            (gettext("Direction"), i.get_direction_display()),
            (gettext("Frequency"), i.get_frequency_display()),
            (gettext("Source"), i.source or gettext("Not recorded")),
            (gettext("Licence"), i.licence or gettext("Not recorded")),
            (gettext("Target"), format_value(i.target, i.unit) or gettext("None set")),
        ]
        if i.definition_changed_on:
            rows.append((gettext("Definition changed"),
                         f"{long_date(i.definition_changed_on)}. {i.definition_notes}".strip()))
        return rows

    @property
    def has_data(self):
        return bool(self.times)

    @property
    def areas(self):
        own = [self.analysis.own_area] if self.analysis.own_area else []
        return own + self.analysis.comparators

    @cached_property
    def table(self):
        """Periods down, areas across: the accessible equivalent of the chart, a page of
        periods (the latest by default) and of areas at a time; a long series of many areas
        would be hundreds of thousands of cells."""
        times = self.times
        areas = self.areas
        period_pages = max(1, -(-len(times) // TABLE_PERIODS))
        period_page = _within(self.periods_page, period_pages, default=period_pages)
        shown_times = times[(period_page - 1) * TABLE_PERIODS:period_page * TABLE_PERIODS]
        # Few periods (a file of one year's values for every council) leave room for more areas.
        per_page = max(TABLE_AREAS, TABLE_CELLS // max(1, len(shown_times)))
        area_pages = max(1, -(-len(areas) // per_page))
        area_page = _within(self.areas_page, area_pages, default=1)
        shown_areas = areas[(area_page - 1) * per_page:area_page * per_page]
        part = Measurement.objects.filter(
            indicator=self.indicator, area__archived_at__isnull=True, area__name__in=shown_areas,
            period_start__in=[date.fromisoformat(time) for time in shown_times],
        ).values_list("period_start", "area__name", "period_label", "value", "status", "marker")
        cells, labels = {}, {}
        for start, area, label, value, status, marker in part:
            time = start.isoformat()
            labels.setdefault(time, shown_label(label))
            if status == "ok":
                cells[(time, area)] = format_value(value, self.indicator.unit)
            else:
                # Never a blank or a 0: the status, and the file's own marker ("Suppressed (c)").
                cells[(time, area)] = f"{MeasurementStatus(status).label}{f' ({marker})' if marker else ''}"
        rows = [{"period": labels.get(time) or self.period_label(time),
                 "cells": [cells.get((time, area), "") for area in shown_areas]} for time in shown_times]

        def link(periods, areas_at):
            return f"?periods={periods}&areas={areas_at}#values"

        return {
            "rows": rows, "areas": shown_areas, "periods": len(times), "area_count": len(areas),
            "own_shown": area_page == 1 and bool(self.analysis.own_area),
            "paged": period_pages > 1 or area_pages > 1,
            "first_period": rows[0]["period"] if rows else "", "last_period": rows[-1]["period"] if rows else "",
            "first_area": (area_page - 1) * per_page + 1, "last_area": (area_page - 1) * per_page + len(shown_areas),
            "earlier": link(period_page - 1, area_page) if period_page > 1 else None,
            "later": link(period_page + 1, area_page) if period_page < period_pages else None,
            "previous_areas": link(period_page, area_page - 1) if area_page > 1 else None,
            "next_areas": link(period_page, area_page + 1) if area_page < area_pages else None,
        }

    def period_label(self, time):
        return dict(self.period_labels).get(time, time)

    def values_table(self):
        """The table of values for download: the same periods and areas, each
        value as a number (unformatted), a missing or suppressed one as its status."""
        cells = {}
        labels = {}
        for row in self.frame.itertuples():
            labels[row.time] = row.label
            marker = f" ({row.marker})" if row.marker else ""
            cells[(row.time, row.area)] = (float(row.value) if row.status == "ok"
                                           else f"{MeasurementStatus(row.status).label}{marker}")
        own = self.analysis.own_area
        own_label = gettext("%(area)s (own area)")
        return Table(self.indicator.name,
                     [gettext("Period"), *(own_label % {"area": a} if a == own else a for a in self.areas)],
                     [[labels[time], *(cells.get((time, area), "") for area in self.areas)] for time in sorted(labels)])

    def _chart(self, key, title, spec):
        return {"id": f"chart-{key}", "title": title, "spec": spec, "svg": charts.svg(spec),
                "description": spec.get("description", title)}

    @cached_property
    def main_chart(self):
        spec = charts.series_chart(self.frame, unit_title=self.unit_title, target=self.indicator.target,
                                   events=indicator_events(self.indicator), own_area=self.analysis.own_area,
                                   frequency=self.indicator.frequency)
        return self._chart("series", self.indicator.name, spec)

    @property
    def spc_status(self):
        reading = self.analysis.spc
        if reading is None or reading.result is None:
            return None
        text, colour = VARIATION[reading.result.variation]
        status = {"variation": text, "variation_colour": colour}
        if reading.result.assurance:
            status["assurance"], status["assurance_colour"] = ASSURANCE[reading.result.assurance]
        return status

    def _labelled(self, text):
        """The statistics name periods by their start dates; show the periods' own labels."""
        for time, label in self.period_labels:
            text = text.replace(time, label)
        return text

    def _said(self, text):
        return self._labelled(translated(text))

    @cached_property
    def period_labels(self):
        # Each period once, before pairing (iterating pandas' string columns goes cell by cell).
        last = self.frame.drop_duplicates("time", keep="last")
        pairs = dict(zip(last["time"].tolist(), map(shown_label, last["label"].tolist()), strict=True))
        return sorted(pairs.items(), reverse=True)

    @cached_property
    def wording(self):
        i = self.indicator
        return plain_readings.Wording(unit=i.unit, direction=i.direction, frequency=i.frequency,
                                      label=self._labelled, comparators=len(self.analysis.comparators))

    @cached_property
    def readings(self):
        """Each method's reading: in plain English where the method needs it
        (the time series and comparisons), with the technical table and the
        statistician's reading behind it; the others as the statistics say them."""
        shown = []
        for reading in ([self.analysis.spc] if self.analysis.spc else []) + self.analysis.readings:
            # The statistics engine writes English; each of its sentences is said in the page's language.
            item = {"key": reading.key, "title": reading.title, "reading": self._said(reading.reading),
                    "warnings": [self._said(w) for w in reading.warnings],
                    "caveats": [translated(c) for c in reading.caveats],
                    "unavailable": sentence(translated(reading.unavailable)) if reading.unavailable else "",
                    "estimates": [], "chart": None, "plain": None}
            if reading.result is not None:
                plain = plain_readings.plain_reading(reading.key, reading.result, self.wording)
                if plain is not None:
                    item["plain"] = plain
                    item["estimates"] = plain.rows
                    said = {self._said(w) for w in plain.said_warnings}
                    item["warnings"] = [w for w in item["warnings"] if w not in said]
                item["chart"] = self._reading_chart(reading)
            shown.append(item)
        return shown

    def _reading_chart(self, reading):
        title = f"{reading.title}: {self.indicator.name}"
        if reading.key == "spc":
            return self._chart("spc", title, charts.spc_chart(reading.result, unit_title=self.unit_title,
                                                                     frequency=self.indicator.frequency))
        if reading.key == "its":
            spec = charts.its_chart(reading.result, unit_title=self.unit_title, start=self.analysis.start,
                                    frequency=self.indicator.frequency)
            return self._chart("its", title, spec)
        if reading.key == "funnel":
            return self._chart("funnel", title, charts.funnel_chart(reading.result, unit_title=self.unit_title))
        return None

    @property
    def imports(self):
        return for_workspace(ImportBatch, self.workspace).filter(
            indicator=self.indicator, status=ImportStatus.COMMITTED).select_related("uploaded_by")[:10]

    @cached_property
    def revisions(self):
        revisions = list(MeasurementRevision.objects.filter(measurement__indicator=self.indicator).select_related(
            "measurement__area", "changed_by")[:20])
        for revision in revisions:
            revision.period = shown_label(revision.measurement.period_label)
        return revisions

    @property
    def import_url(self):
        return reverse("indicators:import_upload", args=[self.workspace.slug, self.indicator.pk])


class PartnershipEvidencePresenter:
    """A partnership's outcomes, each with its indicators, and its events."""

    def __init__(self, partnership, workspace):
        self.partnership = partnership
        self.workspace = workspace

    @property
    def outcomes(self):
        latest = Measurement.objects.filter(indicator=OuterRef("pk"), area__is_own_area=True,
                                            status="ok").order_by("-period_start")
        indicators = list(for_workspace(Indicator, self.workspace).live().filter(
            partnership=self.partnership).annotate(latest_value=Subquery(latest.values("value")[:1]),
                                                   latest_label=Subquery(latest.values("period_label")[:1])))
        outcomes = []
        for outcome in self.partnership.outcomes.live():
            outcomes.append({"statement": outcome.statement,
                             "indicators": [self._row(i) for i in indicators if i.outcome_id == outcome.pk]})
        loose = [self._row(i) for i in indicators if i.outcome_id is None]
        if loose:
            outcomes.append({"statement": "", "indicators": loose})
        return outcomes

    def _row(self, indicator):
        # The latest own-area value, read with the indicators (a query per indicator before).
        return {
            "name": indicator.name, "url": reverse("indicators:indicator_detail", args=[self.workspace.slug, indicator.pk]),
            "unit": indicator.get_unit_display(), "frequency": indicator.get_frequency_display(),
            "latest": f"{format_value(indicator.latest_value, indicator.unit)} ({shown_label(indicator.latest_label)})"
            if indicator.latest_label is not None else gettext("No data yet"),
        }

    @property
    def events(self):
        return [
            {"date": long_date(e.date), "label": e.label,
             "edit_url": reverse("indicators:event_edit", args=[self.workspace.slug, self.partnership.pk, e.pk])}
            for e in for_workspace(Event, self.workspace).live().filter(partnership=self.partnership)
        ]
