"""The verdict rules of docs/verdict.md, one by one, reached by running the
real rules over plain facts (tests/review/factories.py: a healthy register
by default) and deciding from their findings."""

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

from joinedup.indicators.review_facts import EvidenceFacts, IndicatorFacts, OutcomeRef
from joinedup.meetings.review_facts import CostFacts, MeetingFacts
from joinedup.review.facts import OutcomeFacts, ResourceFacts, ResponsibilityFacts
from joinedup.review.rules import RULES, run_rules
from joinedup.review.verdict import FAMILY_BY_PREFIX, decide, family_of

from .factories import TODAY, facts, member


def findings_of(partnership):
    return run_rules(partnership, today=TODAY)


def verdict_of(partnership):
    return decide(findings_of(partnership))


def ids(partnership):
    return {f.rule_id for f in findings_of(partnership)}


def indicator(improvement_p=None, periods=12):
    return IndicatorFacts(1, "Delayed discharges", 1, "month", "lower", latest_end=date(2026, 10, 31),
                          latest_label="Oct 2026", periods_after_start=periods,
                          latest_variation="common_cause", improvement_p=improvement_p)


def monthly_meetings(cost, count=12):
    """`count` meetings a month apart up to TODAY, each costing `cost` and
    deciding something linked to an outcome."""
    return tuple(MeetingFacts(TODAY - timedelta(days=30 * i), Decimal(cost), 2, 1, 8, 8) for i in reversed(range(count)))


def expensive_and_flat(**overrides):
    """A partnership four years old whose meetings cost £60,000 a year and
    whose only indicator has not improved in 12 periods."""
    base = facts(cost=CostFacts(monthly_meetings("5000.00")), evidence=EvidenceFacts([], [indicator()]))
    return replace(base, **overrides)


UNOWNED = [ResponsibilityFacts(1, "Run the hub", False, 1)]
PROPOSED = [ResourceFacts(1, "ICB", "money", Decimal("1000"), "£", "proposed")]
DISPUTED = [ResourceFacts(1, "ICB", "money", Decimal("1000"), "£", "disputed")]
NHS_AND_COUNCIL = [member("Northshire Hospitals", "nhs_acute", "lead", id=1),
                   member("Northshire Council", "council_adult_social_care", id=2)]
NO_WHY_NO_DOWNSIDES = [OutcomeFacts(1, "I go home when ready.", "", "")]


def test_a_healthy_register_continues_with_no_reasons_to_put_right():
    verdict = verdict_of(facts())
    assert verdict.verdict == "continue"
    assert verdict.reasons == ["Continue: no finding calls for a change of course."]


def test_small_findings_still_continue_and_are_listed():
    partnership = facts(responsibilities=UNOWNED, resources=PROPOSED)
    assert ids(partnership) == {"agreement.responsibility_without_owner", "resources.unresolved"}
    verdict = verdict_of(partnership)
    assert verdict.verdict == "continue"
    assert "2 smaller findings to put right:" in verdict.reasons


def test_a_high_purpose_finding_refocuses_even_with_structure_problems():
    partnership = facts(outcomes=[], agreement=None, responsibilities=[])
    assert {"purpose.no_outcomes", "agreement.missing"} <= ids(partnership)
    verdict = verdict_of(partnership)
    assert verdict.verdict == "refocus"
    assert verdict.reasons[1] == "No outcomes stated (purpose.no_outcomes, high)"


def test_one_high_or_two_medium_structure_findings_restructure():
    assert verdict_of(facts(resources=DISPUTED)).verdict == "restructure"
    past_review = replace(facts().agreement, review_on=TODAY - timedelta(days=1))
    assert verdict_of(facts(agreement=past_review)).verdict == "continue"
    both = facts(agreement=past_review, responsibilities=UNOWNED)
    assert {"agreement.past_review", "agreement.responsibility_without_owner"} <= ids(both)
    assert verdict_of(both).verdict == "restructure"


def test_staleness_refreshes_from_one_medium_finding():
    partnership = facts(members=NHS_AND_COUNCIL)
    assert {"stale.no_user_led_or_voluntary", "stale.low_sector_diversity"} <= ids(partnership)
    assert verdict_of(partnership).verdict == "refresh"


def test_structure_comes_before_staleness_and_staleness_before_soft_purpose():
    assert verdict_of(facts(members=NHS_AND_COUNCIL, resources=DISPUTED)).verdict == "restructure"
    stale_and_purpose = facts(members=NHS_AND_COUNCIL, outcomes=NO_WHY_NO_DOWNSIDES)
    assert {"purpose.no_why_partnership", "purpose.no_downsides"} <= ids(stale_and_purpose)
    assert verdict_of(stale_and_purpose).verdict == "refresh"


def test_two_medium_purpose_findings_refocus_but_one_does_not():
    one = facts(outcomes=[OutcomeFacts(1, "I go home when ready.", "", "Could rush discharge.")])
    assert ids(one) == {"purpose.no_why_partnership"}
    assert verdict_of(one).verdict == "continue"
    assert verdict_of(facts(outcomes=NO_WHY_NO_DOWNSIDES)).verdict == "refocus"


def test_two_medium_evidence_findings_refocus_but_one_does_not():
    one = facts(evidence=EvidenceFacts([], [indicator()]))
    assert ids(one) == {"evidence.no_improvement"}
    assert verdict_of(one).verdict == "continue"
    two = facts(evidence=EvidenceFacts([OutcomeRef(2, "I feel safe.")], [indicator()]))
    assert ids(two) == {"evidence.no_improvement", "evidence.outcome_without_indicator"}
    verdict = verdict_of(two)
    assert verdict.verdict == "refocus"
    assert "Outcome with no indicator (evidence.outcome_without_indicator, medium)" in verdict.reasons


def test_all_cost_and_no_evidence_ends():
    partnership = expensive_and_flat()
    assert "value.cost_without_evidence" in ids(partnership)
    verdict = verdict_of(partnership)
    assert verdict.verdict == "end"
    assert verdict.reasons[1] == "All cost and no evidence of a difference (value.cost_without_evidence, high)"


def test_ending_comes_before_every_other_verdict():
    assert verdict_of(expensive_and_flat(outcomes=[])).verdict == "end"
    assert verdict_of(expensive_and_flat(resources=DISPUTED)).verdict == "end"


def test_cost_alone_or_flat_evidence_alone_does_not_end():
    cheap = expensive_and_flat(cost=CostFacts(monthly_meetings("4000.00")))  # £48,000 a year
    assert "value.cost_without_evidence" not in ids(cheap)
    assert verdict_of(cheap).verdict == "continue"
    improving = expensive_and_flat(evidence=EvidenceFacts([], [indicator(improvement_p=0.01)]))
    assert verdict_of(improving).verdict == "continue"


def test_the_same_facts_with_a_cost_finding_do_not_restructure():
    # Cost findings are weighed through value.cost_without_evidence, not on their own.
    cheap = expensive_and_flat(
        cost=CostFacts(tuple(replace(m, decisions_linked=0) for m in monthly_meetings("100.00"))),
        evidence=EvidenceFacts([], [indicator(improvement_p=0.01)]),
    )
    assert ids(cheap) == {"cost.no_linked_decisions"}
    assert verdict_of(cheap).verdict == "continue"


def test_a_high_staleness_finding_with_a_structure_problem_restructures_not_ends():
    findings = [{"rule_id": "people.key_person_moved_on", "title": "Key person moved on", "severity": "high"},
                {"rule_id": "voice.falling_morale", "title": "Falling morale", "severity": "high"}]
    assert decide(findings).verdict == "restructure"


def test_stored_findings_as_dicts_decide_the_same():
    stored = [{"rule_id": "resources.disputed", "title": "Disputed", "severity": "high"}]
    assert decide(stored).verdict == "restructure"


def test_families_come_from_the_rule_id_prefix():
    assert family_of("stale.same_people") == "staleness"
    assert family_of("people.key_person_moved_on") == "structure"
    assert family_of("communication.poor") == "structure"
    assert family_of("cost.rising_while_decisions_fall") == "cost"
    assert family_of("evidence.no_improvement") == "evidence"
    assert family_of("value.cost_without_evidence") == "value"
    assert family_of("unknown.rule") == "other"


def test_every_registered_rule_has_a_family():
    assert {rule_id for rule_id in RULES if family_of(rule_id) == "other"} == set()


def test_every_high_verdict_rule_can_be_reached_by_a_real_rule():
    high_families = {family_of(r.id) for r in RULES.values() if r.severity == "high"}
    assert {"value", "purpose", "structure"} <= high_families
    assert set(FAMILY_BY_PREFIX.values()) >= {"purpose", "structure", "staleness", "cost", "evidence", "value"}
