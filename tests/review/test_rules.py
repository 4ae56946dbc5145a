from datetime import date
from decimal import Decimal

from joinedup.review.facts import (
    AgreementFacts,
    OutcomeFacts,
    PartnershipFacts,
    ResourceFacts,
    ResponsibilityFacts,
)
from joinedup.review.rules import RULES, run_rules

TODAY = date(2026, 11, 22)


def facts(**overrides):
    base = dict(
        id=1, name="Home First", purpose="Home from hospital", form="joint_commissioning",
        status="active", start_date=date(2022, 4, 1), review_date=None,
        outcomes=[OutcomeFacts(1, "I go home when ready.", "No one agency controls it.", "Rushed discharge.")],
        agreement=AgreementFacts(date(2025, 4, 1), date(2027, 3, 31)),
        responsibilities=[ResponsibilityFacts(1, "Run the hub", True, 1)],
        resources=[ResourceFacts(1, "ICB", "money", Decimal("1000"), "£", "agreed")],
    )
    base.update(overrides)
    return PartnershipFacts(**base)


def rule_ids(findings):
    return [f.rule_id for f in findings]


def test_it_finds_nothing_in_a_complete_register():
    assert run_rules(facts(), today=TODAY) == []


def test_no_outcomes_fires_only_when_there_are_none():
    assert rule_ids(run_rules(facts(outcomes=[]), today=TODAY)) == ["purpose.no_outcomes"]
    assert "purpose.no_outcomes" not in rule_ids(run_rules(facts(), today=TODAY))


def test_outcome_without_why_lists_each_outcome_missing_it():
    outcomes = [
        OutcomeFacts(1, "I am A", "", "Cost"),
        OutcomeFacts(2, "I am B", "   ", "Cost"),
        OutcomeFacts(3, "I am C", "Needs housing and health.", "Cost"),
    ]
    findings = run_rules(facts(outcomes=outcomes), today=TODAY)
    assert rule_ids(findings) == ["purpose.no_why_partnership"]
    assert [e.text for e in findings[0].evidence] == [
        '"I am A" has no "why a partnership".',
        '"I am B" has no "why a partnership".',
    ]


def test_responsibility_without_owner():
    items = [ResponsibilityFacts(1, "Audit referrals", False, None)]
    findings = run_rules(facts(responsibilities=items), today=TODAY)
    assert rule_ids(findings) == ["agreement.responsibility_without_owner"]
    assert "Audit referrals" in findings[0].evidence[0].text


def test_disputed_resource_names_the_organisation_and_amount():
    items = [ResourceFacts(1, "Northshire Council", "money", Decimal("6800000"), "£", "disputed")]
    findings = run_rules(facts(resources=items), today=TODAY)
    assert rule_ids(findings) == ["resources.disputed"]
    assert findings[0].severity == "high"
    assert findings[0].evidence[0].text == (
        "Northshire Council's money contribution of £6,800,000 is disputed."
    )


def test_proposed_resource_is_not_a_dispute():
    items = [ResourceFacts(1, "ICB", "money", None, "£", "proposed")]
    assert "resources.disputed" not in rule_ids(run_rules(facts(resources=items), today=TODAY))


def test_agreement_review_boundary():
    due_today = facts(agreement=AgreementFacts(date(2025, 1, 1), TODAY))
    assert run_rules(due_today, today=TODAY) == []
    overdue = facts(agreement=AgreementFacts(date(2025, 1, 1), date(2026, 11, 21)))
    findings = run_rules(overdue, today=TODAY)
    assert rule_ids(findings) == ["agreement.past_review"]
    assert findings[0].evidence[0].text == (
        "The agreement was due for review on 21 November 2026, 1 day ago."
    )


def test_missing_agreement_only_when_nothing_is_written_down():
    assert rule_ids(run_rules(facts(agreement=None, responsibilities=[]), today=TODAY)) == [
        "agreement.missing"
    ]
    assert run_rules(facts(agreement=None), today=TODAY) == []


def test_findings_are_ordered_most_severe_first():
    findings = run_rules(
        facts(outcomes=[OutcomeFacts(1, "I am A", "", "Cost")],
              resources=[ResourceFacts(1, "X", "money", None, "£", "disputed")]),
        today=TODAY,
    )
    assert [f.severity for f in findings] == ["high", "medium"]


def test_every_rule_has_an_id_title_and_reason():
    for rule_id, registered in RULES.items():
        assert rule_id == registered.id
        assert "." in rule_id
        assert registered.title and registered.why_it_matters
