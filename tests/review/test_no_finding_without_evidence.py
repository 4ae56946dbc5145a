"""No finding without evidence: run_rules refuses one, and every registered
rule, when it fires, carries evidence. The fixtures below make every
registered rule fire at least once; a new rule needs a fixture here too."""

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

import pytest

from joinedup.indicators.review_facts import EvidenceFacts, IndicatorFacts, OutcomeRef
from joinedup.meetings.review_facts import BusyPerson, CostFacts, MeetingFacts
from joinedup.network.review_facts import BrokerFact, NetworkFacts, OverlapFact
from joinedup.review.facts import AgreementFacts, OutcomeFacts, ResourceFacts, ResponsibilityFacts
from joinedup.review.rules import RULES, Evidence, FindingWithoutEvidence, Rule, run_rules
from joinedup.surveys.review_facts import GapFacts, StaffChange, ThemeTrend, TieTrust, VoiceFacts

from .factories import TODAY, facts, member

SINCE_2013 = date(2013, 4, 1)


def _members():
    return [
        member("Northshire Hospitals", "nhs_acute", "lead", joined=SINCE_2013, person_from=SINCE_2013,
               person_to=date(2026, 6, 30), colleagues=0, id=1),
        member("Northshire Council", "council_adult_social_care", joined=SINCE_2013, person_from=SINCE_2013, id=2),
    ]


def _meetings():
    year_before = [MeetingFacts(TODAY - timedelta(days=400 + 25 * i), Decimal("100"), 3, 0, 8, 8) for i in range(12)]
    last_year = [MeetingFacts(TODAY - timedelta(days=25 * i), Decimal("5000"), 1, 0, 8 if i >= 6 else 3, 8)
                 for i in range(12)]
    return tuple(sorted(year_before + last_year, key=lambda m: m.held_on))


def _staff(before, now):
    return [StaffChange("wellbeing", "Job satisfaction and morale", before, now, "Autumn 2025", "Spring 2026")]


def _voice(**overrides):
    base = dict(threshold=5, waves=["Autumn 2025", "Spring 2026"], latest_wave="Spring 2026",
                service_user_asked=True, service_user_responses=20, invited=40, answered=20)
    return VoiceFacts(**{**base, **overrides})


EMPTY = facts(purpose="", outcomes=[], agreement=None, responsibilities=[])

TROUBLED = facts(
    start_date=SINCE_2013,
    body="integration_joint_board",
    outcomes=[OutcomeFacts(1, "Reduce emergency admissions by 3%.", "", "")],
    agreement=AgreementFacts(date(2014, 4, 1), date(2016, 3, 31)),
    responsibilities=[ResponsibilityFacts(1, "Run the hub", False, 1)],
    resources=[ResourceFacts(1, "ICB", "money", Decimal("1000"), "£", "disputed"),
               ResourceFacts(2, "Council", "staff_time", None, "", "proposed")],
    accountabilities=[replace(facts().accountabilities[0], pulls_against=True)],
    members=_members(),
    cost=CostFacts(_meetings(), (BusyPerson("Wren Vetchley", 5),)),
    evidence=EvidenceFacts(
        [OutcomeRef(2, "I feel safe.")],
        [IndicatorFacts(1, "Admissions", 1, "month", "lower", latest_end=date(2025, 1, 31), latest_label="Jan 2025",
                        periods_after_start=12, latest_variation="special_cause_concern", improvement_p=None)],
    ),
    voice=_voice(
        partner_gaps=[GapFacts("resources", "Resources", "Northshire Council", 1.8, 3.0, -1.2)],
        staff_changes=_staff(3.7, 3.0), told_story_answered=10, told_story_repeated=6,
        told_story_wave="Spring 2026", answered=5,
        communication=ThemeTrend("communication", "Communication", "Spring 2026", 2.5, "Autumn 2025", 3.2, -0.7),
        tie_trust=[TieTrust("ICB", "Council", 1.8, "Spring 2026")],
    ),
    network=NetworkFacts(
        (OverlapFact("Frailty Pathway Group", 3, 0.5, 4, 0.5, 0.61),),
        (BrokerFact("Wren Vetchley", 6, 0.55, False, False),),
    ),
)

AGREEABLE = facts(
    start_date=SINCE_2013,
    voice=_voice(
        partner_gaps=[GapFacts("purpose", "Purpose", "Northshire Hospitals", 3.6, 3.4, 0.2),
                      GapFacts("purpose", "Purpose", "Northshire Council", 3.4, 3.6, -0.2)],
        staff_changes=_staff(3.7, 3.4), service_user_asked=False, service_user_responses=0,
    ),
)

FIXTURES = {"empty": EMPTY, "troubled": TROUBLED, "agreeable": AGREEABLE}


@pytest.mark.parametrize("name", FIXTURES)
def test_every_finding_carries_evidence_with_text(name):
    for finding in run_rules(FIXTURES[name], today=TODAY):
        assert finding.evidence, finding.rule_id
        assert all(isinstance(e, Evidence) and e.text.strip() for e in finding.evidence), finding.rule_id
        assert finding.advice.strip() and finding.why_it_matters.strip(), finding.rule_id


def test_the_fixtures_make_every_registered_rule_fire():
    fired = {f.rule_id for partnership in FIXTURES.values() for f in run_rules(partnership, today=TODAY)}
    assert set(RULES) - fired == set()


def _register(monkeypatch, rule_id, evidence):
    def check(facts, today, thresholds):
        return [(evidence, "Do something.")]

    monkeypatch.setitem(RULES, rule_id, Rule(rule_id, "A test rule", "low", "Because.", check))


@pytest.mark.parametrize("evidence", [[], None, [Evidence("")], [Evidence("   ")], ["a plain string"]])
def test_run_rules_refuses_a_finding_without_evidence(monkeypatch, evidence):
    _register(monkeypatch, "test.no_evidence", evidence)
    with pytest.raises(FindingWithoutEvidence, match="Rule test.no_evidence returned a finding"):
        run_rules(facts(), today=TODAY)


def test_run_rules_accepts_a_finding_with_evidence(monkeypatch):
    _register(monkeypatch, "test.with_evidence", (Evidence("One fact."),))
    found = run_rules(facts(), today=TODAY)
    assert [(f.rule_id, f.evidence) for f in found] == [("test.with_evidence", [Evidence("One fact.")])]
