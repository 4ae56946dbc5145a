"""The evidence facts the review rules read: which outcomes have indicators,
how recent each indicator's data is, what its XmR chart says of the latest
point, and whether the interrupted time series shows improvement since the
partnership started. Gathered for many partnerships in a fixed number of
queries; the statistics run per indicator."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

import numpy as np

from .evidence import analyse, measurement_frame
from .models import Indicator, Measurement


@dataclass(frozen=True)
class IndicatorFacts:
    id: int
    name: str
    outcome_id: int | None
    frequency: str
    direction: str
    latest_end: date | None = None  # end of the latest period with a value for the own area
    latest_label: str = ""
    periods_after_start: int = 0
    latest_variation: str | None = None  # XmR status of the latest point, if a chart could be drawn
    # The smallest p-value of a change in the better direction (level change or
    # the effect by the last period); None if the series could not be fitted or
    # no change was in the better direction.
    improvement_p: float | None = None


@dataclass(frozen=True)
class OutcomeRef:
    id: int
    statement: str


@dataclass(frozen=True)
class EvidenceFacts:
    outcomes_without_indicators: list[OutcomeRef] = field(default_factory=list)
    indicators: list[IndicatorFacts] = field(default_factory=list)


def _improvement_p(indicator, analysis):
    result = analysis.result("its")
    if result is None:
        return None
    better = 1 if indicator.direction == "higher" else -1
    terms = [result.effect_at_end, result.estimate("level_change")]
    found = [t.p_value for t in terms if np.sign(t.estimate) == better and np.isfinite(t.p_value)]
    return min(found) if found else None


def indicator_facts(indicator, measurements, start):
    """Facts about one indicator from its measurements (a list, already read)."""
    frame = measurement_frame(indicator, measurements)
    own = frame[frame["own"] & frame["value"].notna()]
    base = IndicatorFacts(indicator.id, indicator.name, indicator.outcome_id, indicator.frequency, indicator.direction)
    if own.empty:
        return base
    analysis = analyse(indicator, frame, start, full=False)
    spc = analysis.spc.result if analysis.spc else None
    latest = own.iloc[-1]
    return IndicatorFacts(
        indicator.id, indicator.name, indicator.outcome_id, indicator.frequency, indicator.direction,
        latest_end=latest["end"], latest_label=latest["label"],
        periods_after_start=int((own["time"] >= analysis.start).sum()) if analysis.start else 0,
        latest_variation=spc.variation if spc is not None else None,
        improvement_p=_improvement_p(indicator, analysis),
    )


def facts_for(partnerships, as_of):
    """{partnership id: EvidenceFacts} for partnerships already read (and scoped)."""
    ids = [p.id for p in partnerships]
    indicators = list(Indicator.objects.live().filter(partnership_id__in=ids))
    measured = defaultdict(list)
    rows = Measurement.objects.filter(
        indicator__in=indicators, area__archived_at__isnull=True, period_start__lte=as_of
    ).select_related("area")
    for measurement in rows:
        measured[measurement.indicator_id].append(measurement)
    by_partnership = defaultdict(list)
    for indicator in indicators:
        by_partnership[indicator.partnership_id].append(indicator)
    found = {}
    for partnership in partnerships:
        mine = by_partnership[partnership.id]
        linked = {i.outcome_id for i in mine}
        outcomes = getattr(partnership, "live_outcomes", None)
        if outcomes is None:
            outcomes = list(partnership.outcomes.live())
        found[partnership.id] = EvidenceFacts(
            outcomes_without_indicators=[OutcomeRef(o.id, o.statement) for o in outcomes if o.id not in linked],
            indicators=[indicator_facts(i, measured[i.id], partnership.start_date) for i in mine],
        )
    return found
