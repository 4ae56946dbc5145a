"""The network review rules at their boundaries, over hand-made facts; and
the facts gathered from a real workspace."""

from dataclasses import replace
from datetime import date

import pytest

from joinedup.network.review_facts import BrokerFact, NetworkFacts, OverlapFact
from joinedup.review.facts import PartnershipFacts, partnership_facts
from joinedup.review.rules import run_rules
from joinedup.review.verdict import decide

TODAY = date(2026, 11, 22)


def facts(overlaps=(), people=()):
    base = PartnershipFacts(id=1, name="Frailty Network", purpose="", form="coordinated_working",
                            status="active", start_date=date(2020, 1, 1), review_date=None)
    return replace(base, network=NetworkFacts(tuple(overlaps), tuple(people)))


def fired(f, rule_id, thresholds=None):
    return run_rules(f, today=TODAY, thresholds=thresholds or {}, rule_ids={rule_id})


def overlap(orgs, people=0.0):
    return OverlapFact("Frailty Pathway Group", 3, orgs, 4, people, 0.61)


def test_half_the_organisations_or_people_in_common_is_high_overlap():
    [finding] = fired(facts([overlap(0.5)]), "network.high_overlap")
    assert finding.evidence[0].text == (
        "Shares 3 organisations (overlap 0.50) and 4 people (overlap 0.00) with Frailty Pathway "
        "Group; outcome similarity 0.61."
    )
    assert fired(facts([overlap(0.2, 0.5)]), "network.high_overlap")
    assert fired(facts([overlap(0.49, 0.49)]), "network.high_overlap") == []
    assert fired(facts([overlap(0.4)]), "network.high_overlap", {"network_overlap_share": 0.4})
    assert fired(facts(), "network.high_overlap") == []
    assert fired(PartnershipFacts(1, "No network", "", "coordinated_working", "active", None, None),
                 "network.high_overlap") == []


def broker(partnerships, deputy=False, disconnects=False):
    return BrokerFact("Wren Vetchley", partnerships, 0.55, disconnects, deputy)


def test_a_person_in_five_rooms_with_no_deputy_is_a_broker_without_deputy():
    [finding] = fired(facts(people=[broker(6)]), "network.broker_without_deputy")
    assert finding.evidence[0].text == (
        "Wren Vetchley sits in 6 partnerships (betweenness 0.55), and has never sent a deputy."
    )
    assert fired(facts(people=[broker(5)]), "network.broker_without_deputy")
    assert fired(facts(people=[broker(4)]), "network.broker_without_deputy") == []
    assert fired(facts(people=[broker(6, deputy=True)]), "network.broker_without_deputy") == []
    [split] = fired(facts(people=[broker(3, disconnects=True)]), "network.broker_without_deputy")
    assert "their leaving would split the web" in split.evidence[0].text
    # The only link between two partnerships is not yet a key person.
    assert fired(facts(people=[broker(2, disconnects=True)]), "network.broker_without_deputy") == []


def test_network_findings_do_not_change_the_verdict():
    findings = fired(facts([overlap(0.9)], [broker(7)]), "network.high_overlap") + fired(
        facts([overlap(0.9)], [broker(7)]), "network.broker_without_deputy")
    assert len(findings) == 2
    assert decide(findings).verdict == "continue"


@pytest.mark.django_db
def test_facts_are_gathered_from_the_workspace(locality):
    gathered = partnership_facts(locality["discharge"], as_of=date(2026, 6, 30)).network
    [other] = gathered.overlaps
    assert other.other == "Frailty Network" and other.shared_organisations == 2
    assert other.organisation_overlap == pytest.approx(2 / 3)
    [wren] = gathered.people
    assert (wren.name, wren.partnerships, wren.has_deputy) == ("Wren Vetchley", 2, False)
    findings = run_rules(partnership_facts(locality["discharge"], as_of=date(2026, 6, 30)),
                         today=date(2026, 6, 30), rule_ids={"network.high_overlap"})
    assert [f.rule_id for f in findings] == ["network.high_overlap"]


def test_every_family_has_a_heading_in_the_report():
    # A family without one would leave its findings out of the report.
    from joinedup.review.presenters import FAMILY_NAMES
    from joinedup.review.verdict import FAMILY_BY_PREFIX

    assert set(FAMILY_BY_PREFIX.values()) <= set(FAMILY_NAMES)
