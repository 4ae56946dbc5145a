"""The evidence facts the review rules read: which outcomes have indicators,
how recent each indicator's data is, what its XmR chart says of the latest
point, and whether the interrupted time series shows improvement since the
partnership started. Gathered for many partnerships in a fixed number of
queries.

`facts_for` reads only the own areas' values, as plain rows, and works out
the two figures the rules read straight from NumPy arrays: the XmR chart's
latest variation (`stats.spc.latest_variation`, the chart's own limits and
rules) and the segmented regression's p-values, fitted together for every
series that shares a design (`stats.batch.HacKernel`, statsmodels' Newey–West
errors to 1e-8). `indicator_facts` is the whole analysis of one indicator, as
the indicator page runs it; the tests hold the two to the same facts. A
portfolio review's chunk of 200 partnerships (3,400 series of 60 months) took
most of a minute through `indicator_facts`.

The fast path imports no pandas, statsmodels or SciPy's distributions (the t p-values
come from `scipy.special.stdtr`, as `scipy.stats.t.sf` works them out): each takes a new
process a second or more to import, and `joinedup review --format text` pays for every
one (bench/cold_start.py; tests/test_cold_start.py)."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

import numpy as np
from django.db import connection
from django.db.models import Case, FloatField, When
from django.db.models.functions import Cast
from scipy.special import stdtr

from .evidence import NOT_POSSIBLE, analyse, measurement_frame
from .models import Area, Indicator, Measurement, MeasurementStatus
from .stats.batch import HacKernel
from .stats.series import default_maxlags, elapsed_periods, segmented_design
from .stats.spc import latest_variation


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


@dataclass
class _Series:
    """One indicator's own-area values, in the order the indicator page sorts them."""

    indicator: object
    rows: list  # (period_start, area name, period_end, label, value or nan)


@dataclass
class _Fit:
    """A segmented regression waiting to be fitted with others of the same design."""

    facts: dict
    y: np.ndarray
    weights: np.ndarray
    better: int


def _own_rows(indicators, as_of):
    """{indicator id: [(start, area, end, label, value)]}: the live own areas' values up to `as_of`,
    sorted as the page's frame sorts them (by period, then area), a missing or suppressed value NaN."""
    workspaces = {i.partnership.workspace_id for i in indicators}
    own = dict(Area.objects.filter(workspace_id__in=workspaces, is_own_area=True, archived_at__isnull=True)
               .values_list("id", "name"))
    value = Case(When(status=MeasurementStatus.OK, then="value"), default=None)
    if connection.vendor == "postgresql":
        # numeric to double precision in PostgreSQL rounds as float(Decimal) does.
        value = Cast(value, FloatField())
    rows = Measurement.objects.filter(
        indicator_id__in=[i.id for i in indicators], area_id__in=list(own), period_start__lte=as_of,
    ).values_list("indicator_id", "period_start", "area_id", "period_end", "period_label", value)
    found = defaultdict(list)
    nan = float("nan")
    for indicator_id, start, area_id, end, label, number in rows.order_by("indicator_id", "period_start"):
        found[indicator_id].append((start, own[area_id], end, label, nan if number is None else float(number)))
    if len(own) > 1:
        for series in found.values():
            series.sort(key=lambda row: (row[0], row[1]))
    return found


def _series_facts(series, start_date, fits, axes):
    """The facts of one series (as `indicator_facts` finds them), its regression left in `fits`."""
    indicator = series.indicator
    base = {"id": indicator.id, "name": indicator.name, "outcome_id": indicator.outcome_id,
            "frequency": indicator.frequency, "direction": indicator.direction}
    valued = [row for row in series.rows if row[4] == row[4]]
    if not valued:
        return base
    # The own series: one row a period (the first own area by name), missing values kept.
    own, seen = [], set()
    for row in series.rows:
        if row[0] not in seen:
            seen.add(row[0])
            own.append(row)
    start = None
    if start_date is not None:
        start = next((row[0] for row in own if row[2] >= start_date), None)
    before = sum(1 for row in own if row[0] < start) if start else 0
    latest = valued[-1]
    facts = dict(base, latest_end=latest[2], latest_label=latest[3],
                 periods_after_start=sum(1 for row in valued if row[0] >= start) if start else 0)
    time = _time_axis(tuple(row[0].toordinal() for row in own), axes)
    if time.size > 1 and (np.diff(time) == 0).any():
        return facts  # two periods fall on one point of the time axis: neither chart nor fit can be drawn
    values = np.array([row[4] for row in own], dtype=float)
    observed = ~np.isnan(values)
    at_start = float(time[own.index(next(row for row in own if row[0] == start))]) if start else None
    facts["latest_variation"] = _variation(indicator, values, observed, time, at_start, before)
    if start is not None and before > 0:
        _plan_fit(facts, indicator, values, observed, time, at_start, fits)
    return facts


def _time_axis(days, axes):
    """The series' periods on the time axis (`stats.series.elapsed_periods`), worked out once
    for each run of periods: most series of a portfolio share a few."""
    time = axes.get(days)
    if time is None:
        since_1970 = np.array(days, dtype=np.int64) - date(1970, 1, 1).toordinal()
        time = axes[days] = elapsed_periods(since_1970.astype("datetime64[D]"))
    return time


def _variation(indicator, values, observed, time, at_start, before):
    kept = values[observed]
    boundaries = []
    if at_start is not None and before >= 2:
        boundaries = sorted({int(np.searchsorted(time[observed], at_start))} - {0, kept.size})
    try:
        return latest_variation(kept, np.flatnonzero(observed), boundaries, indicator.direction)
    except NOT_POSSIBLE:
        return None


def _plan_fit(facts, indicator, values, observed, time, at_start, fits):
    """Check the regression can be fitted as `stats.segmented_regression` checks it, and queue it."""
    names, design = segmented_design(time, at_start, slope_change=True)
    post = design[:, 2] > 0
    n_before, n_after = int((observed & ~post).sum()), int((observed & post).sum())
    n_obs = int(observed.sum())
    if n_before < 2 or n_after < 2 or n_obs <= design.shape[1]:
        return
    fitted = design[observed]
    if np.linalg.matrix_rank(fitted) < design.shape[1]:
        return
    weights = np.array([0.0, 0.0, 1.0, design[-1, 3]])
    key = (fitted.shape, fitted.tobytes())
    fits[key].append(_Fit(facts, values[observed], weights, 1 if indicator.direction == "higher" else -1))


def _fit_all(fits):
    """Fit every queued regression, one matrix product per design, and set `improvement_p`."""
    for (shape, raw), queued in fits.items():
        design = np.frombuffer(raw).reshape(shape)
        n_obs, k = shape
        kernel = HacKernel.for_design(design, default_maxlags(n_obs), False)
        coefficients, _errors, covariance = kernel.fit(np.stack([fit.y for fit in queued]), covariance=True)
        weights = np.stack([fit.weights for fit in queued])
        effect = np.einsum("sk,sk->s", weights, coefficients)
        with np.errstate(divide="ignore", invalid="ignore"):
            effect_error = np.sqrt(np.einsum("sk,skl,sl->s", weights, covariance, weights))
            level, level_error = coefficients[:, 2], np.sqrt(covariance[:, 2, 2])
            # Two-sided p-values of t with n - k degrees of freedom: scipy.stats.t.sf(|t|, df)
            # is stdtr(df, -|t|).
            p_effect = 2 * stdtr(n_obs - k, -np.abs(effect / effect_error))
            p_level = 2 * stdtr(n_obs - k, -np.abs(level / level_error))
        for i, fit in enumerate(queued):
            found = [p for estimate, p in ((effect[i], p_effect[i]), (level[i], p_level[i]))
                     if np.sign(estimate) == fit.better and np.isfinite(p)]
            fit.facts["improvement_p"] = float(min(found)) if found else None


def facts_for(partnerships, as_of):
    """{partnership id: EvidenceFacts} for partnerships already read (and scoped)."""
    ids = [p.id for p in partnerships]
    indicators = list(Indicator.objects.live().filter(partnership_id__in=ids).select_related("partnership").only(
        "id", "partnership_id", "partnership__workspace_id", "outcome_id", "name", "frequency", "direction"))
    rows = _own_rows(indicators, as_of)
    by_partnership = defaultdict(list)
    for indicator in indicators:
        by_partnership[indicator.partnership_id].append(indicator)
    fits, planned, axes = defaultdict(list), {}, {}
    for partnership in partnerships:
        for indicator in by_partnership[partnership.id]:
            planned[indicator.id] = _series_facts(_Series(indicator, rows.get(indicator.id, [])),
                                                  partnership.start_date, fits, axes)
    _fit_all(fits)
    return _evidence(partnerships, by_partnership, lambda i, partnership: IndicatorFacts(**planned[i.id]))


def _evidence(partnerships, by_partnership, facts_of):
    """{partnership id: EvidenceFacts}, each indicator's facts from `facts_of(indicator, partnership)`."""
    found = {}
    for partnership in partnerships:
        mine = by_partnership[partnership.id]
        linked = {i.outcome_id for i in mine}
        outcomes = getattr(partnership, "live_outcomes", None)
        if outcomes is None:
            outcomes = list(partnership.outcomes.live())
        found[partnership.id] = EvidenceFacts(
            outcomes_without_indicators=[OutcomeRef(o.id, o.statement) for o in outcomes if o.id not in linked],
            indicators=[facts_of(i, partnership) for i in mine],
        )
    return found


def facts_for_one_by_one(partnerships, as_of):
    """`facts_for` the old way, each indicator analysed whole (`indicator_facts`): what the tests
    hold `facts_for` to."""
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
    return _evidence(partnerships, by_partnership,
                     lambda i, partnership: indicator_facts(i, measured[i.id], partnership.start_date))
