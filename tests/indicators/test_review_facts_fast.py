"""The review's evidence facts worked out from arrays (`review_facts.facts_for`) are the
facts the whole analysis of each indicator gives (`facts_for_one_by_one`, the page's
path), and the XmR chart's latest variation asked of the latest point alone is the
variation of the chart drawn whole."""

from datetime import date, timedelta
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest

from joinedup.demo.indicators import months
from joinedup.indicators import review_facts
from joinedup.indicators.models import Area, Indicator, Measurement
from joinedup.indicators.stats import spc
from joinedup.indicators.stats.results import InsufficientData
from joinedup.partnerships.models import Outcome, Partnership

TODAY = date(2026, 11, 22)


def _two_of_three_one_window_at_a_time(close, sides):
    flags = np.zeros(close.size, dtype=bool)
    for first in range(max(close.size - 2, 0)):
        window = slice(first, first + 3)
        if close[window].sum() >= 2 and abs(int(sides[window].sum())) == 3:
            flags[window] |= close[window]
    return flags


def test_two_of_three_flags_the_same_points_as_one_window_at_a_time():
    rng = np.random.default_rng(3)
    for _ in range(2000):
        n = int(rng.integers(0, 12))
        close, sides = rng.random(n) < 0.5, rng.integers(-1, 2, n)
        assert (spc.two_of_three_points(close, sides) == _two_of_three_one_window_at_a_time(close, sides)).all()


def _chart_variation(values, start, direction):
    times = [f"{2020 + i // 12}-{i % 12 + 1:02}-01" for i in range(len(values))]
    frame = pd.DataFrame({"time": times, "value": values})
    try:
        return spc.xmr_chart(frame, time="time", value="value", direction=direction,
                             recalculate_from=[times[start]] if start is not None else []).variation
    except InsufficientData:
        return "none"


def _latest_variation(values, start, direction):
    values = np.asarray(values, dtype=float)
    observed = ~np.isnan(values)
    boundaries = []
    if start is not None:
        boundaries = sorted({int(np.searchsorted(np.flatnonzero(observed), start))} - {0, int(observed.sum())})
    try:
        return spc.latest_variation(values[observed], np.flatnonzero(observed), boundaries, direction)
    except InsufficientData:
        return "none"


def test_the_latest_variation_is_the_charts_for_every_kind_of_series():
    """Small whole numbers make ties, runs, trends and points on the mean common; steps
    and spikes put points outside and close to the limits; some values are missing."""
    rng = np.random.default_rng(7)
    seen = set()
    for _ in range(1000):
        n = int(rng.integers(2, 40))
        values = rng.integers(0, 6, n).astype(float)
        kind = rng.integers(0, 4)
        if kind == 1:
            values[n // 2:] += rng.integers(2, 6)
        elif kind == 2:
            values += np.arange(n) * rng.choice([-1, 1]) * (rng.random() < 0.5)
        elif kind == 3:
            values[-1] += rng.choice([-15, 15])
        values[rng.random(n) < 0.1] = np.nan
        start = int(rng.integers(1, n)) if rng.random() < 0.6 else None
        direction = ["higher", "lower", None][int(rng.integers(0, 3))]
        expected = _chart_variation(values, start, direction)
        assert _latest_variation(values, start, direction) == expected, (values.tolist(), start, direction)
        seen.add(expected)
    assert seen == {"none", "common_cause", "special_cause_improvement", "special_cause_concern",
                    "special_cause_neutral_high", "special_cause_neutral_low"}


def _add(indicator, area, values, first=(2020, 1), status=None):
    periods = months(first, (2032, 12))[: len(values)]
    Measurement.objects.bulk_create([
        Measurement(indicator=indicator, area=area, period_start=p.start, period_end=p.end, period_label=p.label,
                    frequency="month", value=None if v is None else Decimal(str(v)),
                    status="suppressed" if v is None and status else "ok")
        for p, v in zip(periods, values, strict=True)
    ])


@pytest.fixture
def many_series(workspace):
    """Partnerships and indicators of every shape the facts meet: improving and worsening
    series, missing and suppressed values, gaps, two own areas, comparators, an archived
    area, quarterly values, short series, no data, starts before, inside and after the data,
    no start, a definition change, a target, values after the as-of date."""
    rng = np.random.default_rng(11)
    own = Area.objects.create(workspace=workspace, name="Northshire", is_own_area=True)
    also_own = Area.objects.create(workspace=workspace, name="Aardale", is_own_area=True)
    comparator = Area.objects.create(workspace=workspace, name="Southshire")
    gone = Area.objects.create(workspace=workspace, name="Zedland", is_own_area=True)
    starts = [date(2022, 4, 1), date(2019, 1, 1), date(2031, 1, 1), None, date(2020, 3, 15), date(2024, 6, 1)]
    partnerships = []
    for p_number, start in enumerate(starts):
        partnership = Partnership.objects.create(workspace=workspace, name=f"P{p_number}", form="coordinated_working",
                                                 purpose="Help.", start_date=start)
        outcome = Outcome.objects.create(partnership=partnership, statement=f"Outcome {p_number}")
        Outcome.objects.create(partnership=partnership, statement=f"Unmeasured {p_number}")
        partnerships.append(partnership)
        for i_number in range(9):
            indicator = Indicator.objects.create(
                partnership=partnership, outcome=outcome if i_number % 2 else None, name=f"I{i_number}",
                unit="count", direction=["higher", "lower"][i_number % 2], frequency="month",
                target=Decimal("40") if i_number == 3 else None,
                definition_changed_on=date(2023, 1, 1) if i_number == 4 else None,
            )
            n = [81, 60, 30, 12, 3, 0, 81, 45, 70][i_number]
            level = 40 + rng.normal(0, 2, n) + (np.arange(n) > 27) * rng.choice([-8, 0, 8])
            values = [round(float(v), 3) for v in level]
            if i_number in (1, 6):
                for k in rng.choice(n, 6, replace=False):
                    values[k] = None
            if i_number == 7:
                values[-1] += 25  # a spike at the end
            _add(indicator, own, values, status=i_number == 6)
            if i_number == 2:
                _add(indicator, also_own, [v + 1 for v in values], first=(2021, 6))
                _add(indicator, comparator, [v + 3 for v in values])
            if i_number == 8:
                Measurement.objects.filter(indicator=indicator, period_start__month=5).delete()  # gaps
                _add(indicator, gone, values)
        quarterly = Indicator.objects.create(partnership=partnership, name="Quarterly", unit="percentage",
                                             direction="higher", frequency="quarter")
        Measurement.objects.bulk_create([
            Measurement(indicator=quarterly, area=own, period_start=date(2019 + q // 4, 3 * (q % 4) + 1, 1),
                        period_end=date(2019 + q // 4, 3 * (q % 4) + 1, 1) + timedelta(days=80),
                        period_label=f"Q{q}", frequency="quarter", value=Decimal(50 + q % 5 + (q > 12) * 4))
            for q in range(28)
        ])
    gone.archived_at = pd.Timestamp("2026-01-01", tz="UTC").to_pydatetime()
    gone.save()
    return partnerships


@pytest.mark.parametrize("as_of", [TODAY, date(2023, 6, 30), date(2019, 1, 1)])
def test_the_facts_are_those_of_each_indicator_analysed_whole(many_series, as_of):
    partnerships = list(Partnership.objects.filter(pk__in=[p.pk for p in many_series]).order_by("pk"))
    fast = review_facts.facts_for(partnerships, as_of)
    whole = review_facts.facts_for_one_by_one(partnerships, as_of)
    assert fast.keys() == whole.keys()
    compared = improving = 0
    for pk, facts in whole.items():
        assert fast[pk].outcomes_without_indicators == facts.outcomes_without_indicators
        assert len(fast[pk].indicators) == len(facts.indicators)
        for quick, slow in zip(fast[pk].indicators, facts.indicators, strict=True):
            assert (quick.improvement_p is None) == (slow.improvement_p is None), (quick, slow)
            if slow.improvement_p is not None:
                # statsmodels' Newey–West errors and the batch's agree to 1e-8 (test_stats_batch.py),
                # which far in the tail (p of 1e-160) moves the p-value's last digits
                assert quick.improvement_p == pytest.approx(slow.improvement_p, rel=1e-6, abs=1e-12)
                compared += 1
                improving += slow.improvement_p < 0.05
            assert quick.__dict__ | {"improvement_p": None} == slow.__dict__ | {"improvement_p": None}
    if as_of == TODAY:
        assert compared > 10 and improving > 0
        kinds = {i.latest_variation for facts in whole.values() for i in facts.indicators}
        assert {None, "common_cause", "special_cause_concern"} <= kinds
