"""The statistics of one indicator, read from its measurements: plain data in
(a frame of values per area and period), the results of
`joinedup.indicators.stats` out, each with its reading, warnings and caveats,
or the reason it could not be run. Used by the indicator page and by the
review facts.

pandas is imported where a frame is made: `joinedup review --format text` imports this
module (review_facts.py) but makes no frame, and pandas takes a new process a second or
more to import (bench/cold_start.py)."""

from dataclasses import dataclass, field

import numpy as np
from django.db.models import FloatField
from django.db.models.functions import Cast
from django.utils.translation import get_language, gettext

from . import stats
from .models import Measurement, MeasurementStatus, Unit
from .periods import shown_label
from .stats.said import Said

# What the statistics engine raises when the data cannot carry a method.
NOT_POSSIBLE = (stats.InsufficientData, ValueError, KeyError, ZeroDivisionError, np.linalg.LinAlgError)
COLUMNS = ["area", "own", "time", "start", "end", "label", "value", "numerator", "denominator", "status",
           "marker"]


def _number(value):
    return float(value) if value is not None else np.nan


def measurement_frame(indicator, measurements=None):
    """One row per measurement of an (already workspace-scoped) indicator, from
    the database or from `measurements` already read."""
    import pandas as pd  # see the module's docstring

    if measurements is None:
        return _stored_frame(indicator)
    rows = measurements
    frame = pd.DataFrame(
        [
            (m.area.name, m.area.is_own_area, m.period_start.isoformat(), m.period_start, m.period_end,
             m.period_label, _number(m.value) if m.status == MeasurementStatus.OK else np.nan,
             _number(m.numerator), _number(m.denominator), m.status, m.marker)
            for m in rows
        ],
        columns=COLUMNS,
    )
    return frame.sort_values(["start", "area"], kind="stable").reset_index(drop=True)


def _stored_frame(indicator):
    """The frame read as plain columns, numbers as floats from the database: a series of
    250,000 values made as model instances took most of a minute."""
    import pandas as pd  # see the module's docstring

    rows = Measurement.objects.filter(indicator=indicator, area__archived_at__isnull=True).values_list(
        "area__name", "area__is_own_area", "period_start", "period_end", "period_label",
        Cast("value", FloatField()), Cast("numerator", FloatField()), Cast("denominator", FloatField()),
        "status", "marker",
    )
    frame = pd.DataFrame.from_records(
        list(rows), columns=["area", "own", "start", "end", "label", "value", "numerator", "denominator",
                             "status", "marker"])
    if frame.empty:
        return pd.DataFrame(columns=COLUMNS)
    frame["own"] = frame["own"].astype(bool)
    starts = frame["start"].unique()
    frame["time"] = frame["start"].map(dict(zip(starts, (day.isoformat() for day in starts), strict=True)))
    for column in ("value", "numerator", "denominator"):
        frame[column] = frame[column].astype(float)
    frame.loc[frame["status"] != MeasurementStatus.OK, "value"] = np.nan
    return frame[COLUMNS].sort_values(["start", "area"], kind="stable").reset_index(drop=True)


def aligned_start(frame, day):
    """The start of the first period that ends on or after `day` (None if none does)."""
    if day is None or frame.empty:
        return None
    after = frame[frame["end"] >= day]
    return None if after.empty else after["start"].min().isoformat()


@dataclass
class Reading:
    """One statistical method's result for the page, or why it could not be run."""

    key: str
    title: str
    result: object = None
    unavailable: str = ""
    estimates: list = field(default_factory=list)

    @property
    def reading(self):
        return getattr(self.result, "reading", "")

    @property
    def warnings(self):
        return list(getattr(self.result, "warnings", []) or [])

    @property
    def caveats(self):
        return list(getattr(self.result, "caveats", []) or [])


@dataclass
class IndicatorAnalysis:
    """Everything the statistics say about one indicator."""

    own_area: str | None
    comparators: list[str]
    start: str | None
    spc: Reading | None = None
    readings: list[Reading] = field(default_factory=list)

    def result(self, key):
        return next((r.result for r in self.readings if r.key == key and r.result is not None), None)


def _attempt(key, title, run):
    try:
        return Reading(key, title, run())
    except NOT_POSSIBLE as error:
        return Reading(key, title, unavailable=_why(error))


def _why(error):
    """Why a method could not be run: the engine's own sentence (stats/said.py) where it
    wrote one, for the page to say in its language (`sentence`), else the error's text
    (a library's own, in English: a page in another language says so around it)."""
    message = error.args[0] if error.args else ""
    if isinstance(message, Said):
        return message
    text = sentence(str(error).strip("'\" "))
    if (get_language() or "en").startswith("en"):
        return text
    return gettext("This method could not be run on these data; the reason was given in English: %(reason)s") % {
        "reason": text}


def sentence(text):
    """A reason as a sentence: a capital letter first and a full stop at the end."""
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")


def own_series(frame):
    own = frame[frame["own"]]
    return own.drop_duplicates("time").reset_index(drop=True)


def _has_counts(frame):
    values = frame[frame["status"] == MeasurementStatus.OK]
    return not values.empty and values["numerator"].notna().all() and (values["denominator"] > 0).all()


def _definition_changes(indicator, frame):
    changed = aligned_start(frame, indicator.definition_changed_on)
    return [changed] if changed else []


def analyse(indicator, frame, partnership_start, full=True):
    """Run every method the data allows; a method the data cannot carry says why.
    Without `full`, only the XmR chart and the interrupted time series (what
    the review rules read)."""
    own = own_series(frame)
    own_name = own["area"].iloc[0] if not own.empty else None
    comparators = sorted(frame.loc[~frame["own"], "area"].unique())
    start = aligned_start(own, partnership_start) if not own.empty else None
    analysis = IndicatorAnalysis(own_name, comparators, start)
    if own_name is None:
        return analysis
    changes = _definition_changes(indicator, own)
    before = int((own["time"] < start).sum()) if start else 0
    analysis.spc = _attempt("spc", gettext("Statistical process control (XmR chart)"), lambda: stats.xmr_chart(
        own, time="time", value="value", direction=indicator.direction,
        target=float(indicator.target) if indicator.target is not None else None,
        recalculate_from=[start] if start and before >= 2 else [], definition_changes=changes,
    ))
    if start is None or before == 0:
        why = gettext("The partnership's start is not inside the data, so there is no before and after to compare.")
        analysis.readings.append(Reading("its", gettext("Interrupted time series"), unavailable=why))
        return analysis
    analysis.readings.append(_attempt("its", gettext("Interrupted time series (segmented regression)"), lambda: stats.segmented_regression(
        own, time="time", value="value", start=start, definition_changes=changes)))
    if not full:
        return analysis
    if indicator.unit in (Unit.COUNT, Unit.RATE) and _has_counts(own):
        analysis.readings.append(_attempt("its_poisson", gettext("Interrupted time series for counts (quasi-Poisson)"), lambda: stats.segmented_poisson(
            own, time="time", value="numerator", start=start, population="denominator",
            definition_changes=changes)))
    if comparators:
        analysis.readings += _comparisons(frame, own_name, start, changes)
    if _has_counts(frame):
        analysis.readings += _rates(indicator, frame, own_name)
    return analysis


def _comparisons(frame, own_name, start, changes):
    panel = frame[frame["value"].notna()]
    return [
        _attempt("multi_its", gettext("Multi-group interrupted time series against the comparators"), lambda: stats.multi_group_its(
            panel, time="time", value="value", area="area", treated_areas=[own_name], start=start,
            definition_changes=changes)),
        _attempt("did", gettext("Difference in differences against the comparators"), lambda: stats.two_way_fixed_effects(
            panel, value="value", area="area", time="time", treated_areas=[own_name], start=start,
            definition_changes=changes)),
    ]


def _rates(indicator, frame, own_name):
    latest_time = frame.loc[frame["value"].notna(), "time"].max()
    latest = frame[(frame["time"] == latest_time) & frame["numerator"].notna()]
    kind = "proportion" if indicator.unit == Unit.PERCENTAGE else "rate"
    own = latest[latest["area"] == own_name]
    readings = []
    if not own.empty:
        count, total = float(own["numerator"].iloc[0]), float(own["denominator"].iloc[0])
        method = (lambda: stats.proportion(count, total)) if kind == "proportion" else (lambda: stats.rate(count, total))
        readings.append(_attempt("rate", gettext("%(area)s in %(period)s, with its confidence interval") % {
            "area": own_name, "period": shown_label(own["label"].iloc[0])}, method))
    period = shown_label(latest["label"].iloc[0]) if not latest.empty else gettext("the latest period")
    readings.append(_attempt("funnel", gettext("Funnel plot of the areas in %(period)s") % {"period": period},
                             lambda: stats.funnel_plot(latest, area="area", count="numerator", denominator="denominator",
                                                       kind=kind, own_area=own_name)))
    return readings

