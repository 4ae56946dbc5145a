"""Turn indicators, their measurements and their statistics into what the
evidence pages show: summary rows, data tables, charts and readings."""

from decimal import Decimal
from functools import cached_property

from django.urls import reverse

from joinedup.design_system.dates import long_date
from joinedup.design_system.spreadsheets import Table
from joinedup.workspaces.access import for_workspace

from . import charts, plain_readings
from .evidence import analyse, measurement_frame
from .models import Event, ImportBatch, ImportStatus, Indicator, MeasurementRevision, Unit

UNIT_TITLES = {
    Unit.COUNT: "Count", Unit.RATE: "Rate per 100,000", Unit.PERCENTAGE: "Percentage",
    Unit.DAYS: "Days", Unit.MONEY: "£",
}
VARIATION = {
    "common_cause": ("Common cause variation", "grey"),
    "special_cause_improvement": ("Special cause: improvement", "blue"),
    "special_cause_concern": ("Special cause: concern", "orange"),
    "special_cause_neutral_high": ("Special cause: high", "purple"),
    "special_cause_neutral_low": ("Special cause: low", "purple"),
}
ASSURANCE = {
    "consistent_pass": ("Will consistently meet the target", "green"),
    "consistent_fail": ("Will consistently miss the target", "red"),
    "inconsistent": ("Will sometimes meet and sometimes miss the target", "yellow"),
}
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
        events.append((partnership.start_date, "Partnership started"))
    live = for_workspace(Event, partnership.workspace).live().filter(partnership=partnership)
    events += [(e.date, e.label) for e in live]
    return events


class IndicatorPresenter:
    """The indicator page: its details, chart and table, and the statistics' readings."""

    def __init__(self, indicator, workspace):
        self.indicator = indicator
        self.workspace = workspace
        self.frame = measurement_frame(indicator)
        self.analysis = analyse(indicator, self.frame, indicator.partnership.start_date)
        self.unit_title = UNIT_TITLES[indicator.unit]

    @property
    def summary_rows(self):
        i = self.indicator
        rows = [
            ("Outcome", f"“{i.outcome.statement}”" if i.outcome else "Not linked to an outcome"),
            ("What it tells you", i.get_kind_display()),
            ("Population or performance", i.get_scope_display()),
            ("Unit", i.get_unit_display()),
            ("Direction", i.get_direction_display()),
            ("Frequency", i.get_frequency_display()),
            ("Source", i.source or "Not recorded"),
            ("Licence", i.licence or "Not recorded"),
            ("Target", format_value(i.target, i.unit) or "None set"),
        ]
        if i.definition_changed_on:
            rows.append(("Definition changed", f"{long_date(i.definition_changed_on)}. {i.definition_notes}".strip()))
        return rows

    @property
    def has_data(self):
        return not self.frame.empty

    @property
    def areas(self):
        own = [self.analysis.own_area] if self.analysis.own_area else []
        return own + self.analysis.comparators

    @property
    def table(self):
        """Periods down, areas across: the accessible equivalent of the chart."""
        cells = {}
        labels = {}
        for row in self.frame.itertuples():
            labels[row.time] = row.label
            if row.status == "ok":
                cells[(row.time, row.area)] = format_value(row.value, self.indicator.unit)
            else:
                # Never a blank or a 0: the status, and the file's own marker ("Suppressed (c)").
                marker = f" ({row.marker})" if row.marker else ""
                cells[(row.time, row.area)] = f"{row.status.capitalize()}{marker}"
        return [
            {"period": labels[time], "cells": [cells.get((time, area), "") for area in self.areas]}
            for time in sorted(labels)
        ]

    def values_table(self):
        """The table of values for download: the same periods and areas, each
        value as a number (unformatted), a missing or suppressed one as its status."""
        cells = {}
        labels = {}
        for row in self.frame.itertuples():
            labels[row.time] = row.label
            marker = f" ({row.marker})" if row.marker else ""
            cells[(row.time, row.area)] = float(row.value) if row.status == "ok" else f"{row.status.capitalize()}{marker}"
        own = self.analysis.own_area
        return Table(self.indicator.name, ["Period", *(f"{a} (own area)" if a == own else a for a in self.areas)],
                     [[labels[time], *(cells.get((time, area), "") for area in self.areas)] for time in sorted(labels)])

    def _chart(self, key, title, spec):
        return {"id": f"chart-{key}", "title": title, "spec": spec, "svg": charts.svg(spec),
                "description": spec.get("description", title)}

    @property
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

    @cached_property
    def period_labels(self):
        pairs = dict(zip(self.frame["time"], self.frame["label"], strict=True))
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
            item = {"key": reading.key, "title": reading.title, "reading": self._labelled(reading.reading),
                    "warnings": [self._labelled(w) for w in reading.warnings], "caveats": reading.caveats,
                    "unavailable": reading.unavailable, "estimates": [], "chart": None, "plain": None}
            if reading.result is not None:
                plain = plain_readings.plain_reading(reading.key, reading.result, self.wording)
                if plain is not None:
                    item["plain"] = plain
                    item["estimates"] = plain.rows
                    said = {self._labelled(w) for w in plain.said_warnings}
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

    @property
    def revisions(self):
        return MeasurementRevision.objects.filter(measurement__indicator=self.indicator).select_related(
            "measurement__area", "changed_by")[:20]

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
        indicators = list(for_workspace(Indicator, self.workspace).live().filter(
            partnership=self.partnership))
        outcomes = []
        for outcome in self.partnership.outcomes.live():
            outcomes.append({"statement": outcome.statement,
                             "indicators": [self._row(i) for i in indicators if i.outcome_id == outcome.pk]})
        loose = [self._row(i) for i in indicators if i.outcome_id is None]
        if loose:
            outcomes.append({"statement": "", "indicators": loose})
        return outcomes

    def _row(self, indicator):
        latest = indicator.measurements.filter(area__is_own_area=True, status="ok").order_by("-period_start").first()
        return {
            "name": indicator.name, "url": reverse("indicators:indicator_detail", args=[self.workspace.slug, indicator.pk]),
            "unit": indicator.get_unit_display(), "frequency": indicator.get_frequency_display(),
            "latest": f"{format_value(latest.value, indicator.unit)} ({latest.period_label})" if latest else "No data yet",
        }

    @property
    def events(self):
        return [
            {"date": long_date(e.date), "label": e.label,
             "edit_url": reverse("indicators:event_edit", args=[self.workspace.slug, self.partnership.pk, e.pk])}
            for e in for_workspace(Event, self.workspace).live().filter(partnership=self.partnership)
        ]
