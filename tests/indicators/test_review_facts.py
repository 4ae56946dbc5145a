"""Evidence facts gathered from the database for the review rules."""

from datetime import date
from decimal import Decimal

import pytest

from joinedup.demo.indicators import months
from joinedup.indicators.models import Area, Indicator, Measurement
from joinedup.partnerships.models import Outcome
from joinedup.review.facts import partnership_facts
from joinedup.review.rules import run_rules

TODAY = date(2026, 11, 22)


@pytest.fixture
def delays(partnership, outcome, workspace):
    indicator = Indicator.objects.create(partnership=partnership, outcome=outcome, name="Delays", unit="count",
                                         direction="lower", frequency="month")
    own = Area.objects.create(workspace=workspace, name="Northshire", is_own_area=True)
    return indicator, own


def add(indicator, area, values, first=(2020, 1)):
    periods = months(first, (2030, 12))[: len(values)]
    Measurement.objects.bulk_create([
        Measurement(indicator=indicator, area=area, period_start=p.start, period_end=p.end, period_label=p.label,
                    frequency="month", value=Decimal(str(v))) for p, v in zip(periods, values, strict=True)
    ])


def test_a_fall_after_the_start_is_evidence_of_improvement(delays, partnership):
    indicator, own = delays
    # 27 months before April 2022 around 40, then around 30, ending Sep 2026.
    before = [40 + (i % 3) - 1 for i in range(27)]
    after = [30 + (i % 3) - 1 for i in range(54)]
    add(indicator, own, before + after)
    facts = partnership_facts(partnership, TODAY).evidence.indicators[0]
    assert (facts.latest_label, facts.periods_after_start) == ("Sep 2026", 54)
    assert facts.improvement_p is not None and facts.improvement_p < 0.001
    assert facts.latest_variation in {"common_cause", "special_cause_improvement"}
    findings = {f.rule_id for f in run_rules(partnership_facts(partnership, TODAY), today=TODAY)}
    assert not {r for r in findings if r.startswith("evidence.")}


def test_a_rise_at_the_end_is_a_special_cause_concern(delays, partnership):
    indicator, own = delays
    values = [40 + (i % 3) - 1 for i in range(27)] + [30 + (i % 3) - 1 for i in range(46)] + [45] * 8
    add(indicator, own, values)
    facts = partnership_facts(partnership, TODAY).evidence.indicators[0]
    assert facts.latest_variation == "special_cause_concern"
    assert "evidence.special_cause_concern" in {f.rule_id for f in run_rules(partnership_facts(partnership, TODAY),
                                                                              today=TODAY)}


def test_outcomes_without_indicators_and_indicators_without_data(delays, partnership):
    Outcome.objects.create(partnership=partnership, statement="I feel safe.")
    evidence = partnership_facts(partnership, TODAY).evidence
    assert [o.statement for o in evidence.outcomes_without_indicators] == ["I feel safe."]
    assert evidence.indicators[0].latest_end is None


def test_the_review_runs_only_the_xmr_chart_and_the_time_series(delays, partnership, workspace):
    """The review reads the XmR chart and the segmented regression; the page runs
    everything (comparators, counts), the review nothing it does not read."""
    from joinedup.indicators.evidence import analyse
    from joinedup.indicators.review_facts import measurement_frame

    indicator, own = delays
    other = Area.objects.create(workspace=workspace, name="Southshire", is_own_area=False)
    values = [40 + (i % 3) - 1 for i in range(27)] + [30 + (i % 3) - 1 for i in range(30)]
    add(indicator, own, values)
    add(indicator, other, [v + 5 for v in values])
    Measurement.objects.filter(indicator=indicator).update(numerator=30, denominator=1000)
    frame = measurement_frame(indicator, list(Measurement.objects.filter(indicator=indicator).select_related("area")))
    everything = {r.key for r in analyse(indicator, frame, partnership.start_date).readings}
    review = analyse(indicator, frame, partnership.start_date, full=False)
    assert {"its", "its_poisson", "multi_its", "did"} <= everything
    assert review.spc is not None and [r.key for r in review.readings] == ["its"]
