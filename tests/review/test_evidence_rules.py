"""The evidence rules, each at the boundary where it starts to fire."""

from datetime import date, timedelta

import pytest
from django.utils import translation

from joinedup.indicators import periods
from joinedup.indicators.models import Frequency
from joinedup.indicators.review_facts import EvidenceFacts, IndicatorFacts, OutcomeRef
from joinedup.review.charts import INDICATOR_PERIODS
from joinedup.review.evidence_rules import PERIOD_DAYS
from joinedup.review.facts import OutcomeFacts, PartnershipFacts
from joinedup.review.rules import RULES, run_rules

TODAY = date(2026, 11, 22)


def indicator(**overrides):
    base = dict(id=1, name="Delayed discharges", outcome_id=1, frequency="month", direction="lower",
                latest_end=date(2026, 10, 31), latest_label="Oct 2026", periods_after_start=3,
                latest_variation="common_cause", improvement_p=None)
    base.update(overrides)
    return IndicatorFacts(**base)


def facts(evidence, start_date=date(2022, 4, 1)):
    return PartnershipFacts(
        id=1, name="Home First", purpose="Home from hospital", form="joint_commissioning", status="active",
        start_date=start_date, review_date=None,
        outcomes=[OutcomeFacts(1, "I go home when ready.", "No one agency controls it.", "")],
        evidence=evidence,
    )


def fired(evidence, rule_id, thresholds=None):
    findings = run_rules(facts(evidence), today=TODAY, thresholds=thresholds, rule_ids={rule_id})
    return [e.text for f in findings for e in f.evidence]


def test_the_evidence_rules_are_registered():
    assert {"evidence.outcome_without_indicator", "evidence.no_recent_data", "evidence.special_cause_concern",
            "evidence.no_improvement"} <= set(RULES)


def test_no_evidence_facts_fires_no_evidence_rule():
    findings = run_rules(facts(None), today=TODAY)
    assert not [f for f in findings if f.rule_id.startswith("evidence.")]


def test_outcome_without_indicator_fires_for_each_unmeasured_outcome():
    evidence = EvidenceFacts([OutcomeRef(2, "I feel safe.")], [indicator()])
    assert fired(evidence, "evidence.outcome_without_indicator") == [
        "Home First has run for 12 months or more since it started on 1 April 2022.",
        '"I feel safe." has no indicator.',
    ]
    assert fired(EvidenceFacts([], [indicator()]), "evidence.outcome_without_indicator") == []


def outcome_without_indicator(start_date, thresholds=None):
    evidence = EvidenceFacts([OutcomeRef(2, "I feel safe.")], [])
    found = run_rules(facts(evidence, start_date), today=TODAY, thresholds=thresholds,
                      rule_ids={"evidence.outcome_without_indicator"})
    return [f.rule_id for f in found]


def test_outcome_without_indicator_waits_until_the_partnership_has_run_twelve_months():
    # TODAY is 22 November 2026: a start on 22 November 2025 is twelve months ago.
    assert outcome_without_indicator(date(2025, 11, 22)) == ["evidence.outcome_without_indicator"]
    assert outcome_without_indicator(date(2025, 11, 23)) == []
    assert outcome_without_indicator(None) == []


def test_outcome_without_indicator_takes_its_months_from_the_thresholds():
    assert outcome_without_indicator(date(2026, 5, 22), {"outcome_without_indicator_months": 6}) == [
        "evidence.outcome_without_indicator"]
    assert outcome_without_indicator(date(2025, 11, 22), {"outcome_without_indicator_months": 13}) == []


def test_no_recent_data_allows_two_periods_and_fires_a_day_later():
    allowed = 2 * 31
    on_time = EvidenceFacts([], [indicator(latest_end=TODAY - timedelta(days=allowed))])
    late = EvidenceFacts([], [indicator(latest_end=TODAY - timedelta(days=allowed + 1))])
    assert fired(on_time, "evidence.no_recent_data") == []
    assert fired(late, "evidence.no_recent_data") == [
        "Delayed discharges: the latest value is for Oct 2026, 63 days before today."
    ]


def test_no_recent_data_reads_the_threshold_and_the_indicators_frequency():
    yearly = EvidenceFacts([], [indicator(frequency="financial_year", latest_end=TODAY - timedelta(days=400))])
    assert fired(yearly, "evidence.no_recent_data") == []
    assert fired(yearly, "evidence.no_recent_data", {"evidence_stale_periods": 1}) != []


def test_every_frequency_an_indicator_can_have_has_a_period_length():
    # The model's choices are the periods module's frequencies, and each has a length here.
    assert set(Frequency.values) == {str(f) for f in periods.Frequency}
    assert set(PERIOD_DAYS) == set(Frequency.values)
    assert set(INDICATOR_PERIODS) == set(Frequency.values)


@pytest.mark.parametrize("longest, following", [
    (periods.day_period(date(2024, 12, 31)), periods.day_period(date(2025, 1, 1))),
    (periods.week_period(date(2024, 4, 7)), periods.week_period(date(2024, 4, 14))),
    (periods.month_period(2024, 7), periods.month_period(2024, 8)),
    (periods.quarter_period(2024, 3), periods.quarter_period(2024, 4)),
    (periods.year_period(2023), periods.year_period(2024)),
    (periods.financial_year_period(2023), periods.financial_year_period(2024)),
    (periods.academic_year_period(2023), periods.academic_year_period(2024)),
    (periods.mid_year_period(2023), periods.mid_year_period(2024)),
    (periods.years_period(2019, 2023), periods.years_period(2020, 2024)),  # rolling, one a year
])
def test_a_period_length_is_the_longest_wait_from_one_period_to_the_next(longest, following):
    assert (following.end - longest.end).days <= PERIOD_DAYS[longest.frequency]


@pytest.mark.parametrize("frequency, label", [
    ("academic_year", "2024/25 academic year"), ("several_years", "2022 to 2024"), ("week", "week ending 2026-11-01"),
])
def test_no_recent_data_allows_two_periods_of_the_newer_frequencies(frequency, label):
    allowed = 2 * PERIOD_DAYS[frequency]
    on_time = indicator(frequency=frequency, latest_label=label, latest_end=TODAY - timedelta(days=allowed))
    late = indicator(frequency=frequency, latest_label=label, latest_end=TODAY - timedelta(days=allowed + 1))
    assert fired(EvidenceFacts([], [on_time]), "evidence.no_recent_data") == []
    assert fired(EvidenceFacts([], [late]), "evidence.no_recent_data") == [
        f"Delayed discharges: the latest value is for {label}, {allowed + 1} days before today."
    ]


def test_no_recent_data_fires_when_the_own_area_has_no_data():
    evidence = EvidenceFacts([], [indicator(latest_end=None, latest_label="")])
    assert fired(evidence, "evidence.no_recent_data") == ["Delayed discharges has no data for your own area."]


def test_special_cause_concern_fires_only_on_a_concern_at_the_latest_point():
    assert fired(EvidenceFacts([], [indicator(latest_variation="special_cause_concern")]),
                 "evidence.special_cause_concern") != []
    for variation in ["common_cause", "special_cause_improvement", "special_cause_neutral_high", None]:
        assert fired(EvidenceFacts([], [indicator(latest_variation=variation)]), "evidence.special_cause_concern") == []


def test_no_improvement_waits_for_six_periods_after_the_start():
    five = EvidenceFacts([], [indicator(periods_after_start=5)])
    six = EvidenceFacts([], [indicator(periods_after_start=6)])
    assert fired(five, "evidence.no_improvement") == []
    assert fired(six, "evidence.no_improvement") == [
        "Delayed discharges: 6 periods since the partnership started, and no change in the better "
        "direction that chance does not explain."
    ]
    assert fired(five, "evidence.no_improvement", {"evidence_min_periods_after_start": 5}) != []


def test_no_improvement_is_silenced_by_one_significant_improvement():
    just = EvidenceFacts([], [indicator(periods_after_start=10), indicator(id=2, periods_after_start=10,
                                                                            improvement_p=0.0499)])
    not_quite = EvidenceFacts([], [indicator(periods_after_start=10, improvement_p=0.05)])
    assert fired(just, "evidence.no_improvement") == []
    assert fired(not_quite, "evidence.no_improvement") != []
    assert fired(not_quite, "evidence.no_improvement", {"evidence_improvement_p": 0.1}) == []


def test_the_latest_period_is_named_in_the_readers_language():
    late = EvidenceFacts([], [indicator(latest_end=date(2020, 2, 29), latest_label="Feb 2020")])
    assert "the latest value is for Feb 2020" in fired(late, "evidence.no_recent_data")[0]
    with translation.override("cy"):
        text = fired(late, "evidence.no_recent_data")[0]
    assert "Chw 2020" in text and "Feb" not in text
