"""value.cost_without_evidence at each of its boundaries: how long the
partnership has run, what its meetings cost in the year, and whether any
indicator shows improvement after enough periods."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from joinedup.indicators.review_facts import EvidenceFacts, IndicatorFacts
from joinedup.meetings.review_facts import CostFacts, MeetingFacts
from joinedup.review.rules import RULES, run_rules

from .factories import TODAY, facts

RULE = "value.cost_without_evidence"


def indicator(periods=6, improvement_p=None, name="Delayed discharges"):
    return IndicatorFacts(1, name, 1, "month", "lower", latest_end=date(2026, 10, 31), latest_label="Oct 2026",
                          periods_after_start=periods, latest_variation="common_cause", improvement_p=improvement_p)


def meetings(total, count=10):
    """`count` meetings in the year to TODAY costing `total` between them, and
    one dear meeting just over a year ago that does not count."""
    each = Decimal(total) / count
    rows = [MeetingFacts(TODAY - timedelta(days=30 * i), each, 2, 1, 8, 8) for i in reversed(range(count))]
    return CostFacts((MeetingFacts(TODAY - timedelta(days=365), Decimal("90000"), 1, 1, 8, 8), *rows))


def run(cost="50000", indicators=None, start=date(2024, 11, 22), thresholds=None, evidence=True):
    evidence_facts = EvidenceFacts([], [indicator()] if indicators is None else indicators) if evidence else None
    partnership = facts(start_date=start, cost=meetings(cost) if cost is not None else None, evidence=evidence_facts)
    return run_rules(partnership, today=TODAY, thresholds=thresholds, rule_ids={RULE})


def test_it_is_registered_as_high():
    assert RULES[RULE].severity == "high"


def test_it_fires_at_two_years_and_fifty_thousand_pounds_with_nothing_improving():
    findings = run()
    assert [f.rule_id for f in findings] == [RULE]
    assert [e.text for e in findings[0].evidence] == [
        "Home First has run for 24 months or more, since 22 November 2024.",
        "Its 10 meetings in the 365 days to 22 November 2026 cost £50,000.00 (at least £50,000).",
        "Delayed discharges: 6 periods since the partnership started, and no change in the better "
        "direction that chance does not explain.",
    ]


def test_it_is_quiet_a_day_short_of_two_years():
    assert run(start=date(2024, 11, 23)) == []


def test_it_is_quiet_a_penny_under_fifty_thousand_pounds():
    assert run(cost="49999.99") == []


def test_it_waits_for_six_periods_of_data_since_the_start():
    assert run(indicators=[indicator(periods=5)]) == []


@pytest.mark.parametrize("p, fires", [(0.049, False), (0.05, True), (None, True)])
def test_any_improving_indicator_silences_it(p, fires):
    indicators = [indicator(periods=12), indicator(periods=2, improvement_p=p, name="Readmissions")]
    assert bool(run(indicators=indicators)) == fires


def test_no_indicators_at_all_fires():
    findings = run(indicators=[])
    assert findings and findings[0].evidence[-1].text == "It has no indicator to show a difference for people."


def test_it_needs_both_cost_and_evidence_facts_and_a_start_date():
    assert run(cost=None) == []
    assert run(evidence=False) == []
    assert run(start=None) == []


def test_its_thresholds_can_be_changed():
    assert run(cost="20000", thresholds={"value_min_yearly_cost": 20000})
    assert run(thresholds={"value_min_months": 36}) == []
    assert run(thresholds={"evidence_min_periods_after_start": 7}) == []
