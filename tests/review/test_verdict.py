"""The verdict rules of docs/verdict.md, one by one."""

from joinedup.review.rules import Finding
from joinedup.review.verdict import decide, family_of


def finding(rule_id, severity):
    return Finding(rule_id=rule_id, title=rule_id, severity=severity, evidence=[], advice="")


def test_no_findings_means_continue():
    verdict = decide([])
    assert verdict.verdict == "continue"
    assert verdict.reasons == ["Continue: no finding calls for a change of course."]


def test_small_findings_still_continue_and_are_listed():
    verdict = decide([finding("agreement.responsibility_without_owner", "medium"), finding("resources.unresolved", "low")])
    assert verdict.verdict == "continue"
    assert "2 smaller findings to put right:" in verdict.reasons


def test_a_high_purpose_finding_refocuses_even_with_structure_problems():
    verdict = decide([finding("agreement.missing", "high"), finding("purpose.no_outcomes", "high")])
    assert verdict.verdict == "refocus"
    assert verdict.reasons[1] == "purpose.no_outcomes (purpose.no_outcomes, high)"


def test_one_high_or_two_medium_structure_findings_restructure():
    assert decide([finding("resources.disputed", "high")]).verdict == "restructure"
    assert decide([finding("agreement.past_review", "medium")]).verdict == "continue"
    two = [finding("agreement.past_review", "medium"), finding("agreement.responsibility_without_owner", "medium")]
    assert decide(two).verdict == "restructure"


def test_staleness_refreshes_from_one_medium_finding_but_not_one_low():
    assert decide([finding("stale.same_people", "medium")]).verdict == "refresh"
    assert decide([finding("stale.same_people", "low")]).verdict == "continue"


def test_structure_comes_before_staleness_and_staleness_before_soft_purpose():
    stale_and_structure = [finding("stale.same_people", "medium"), finding("resources.disputed", "high")]
    assert decide(stale_and_structure).verdict == "restructure"
    stale_and_purpose = [finding("stale.same_people", "medium"), finding("purpose.no_why_partnership", "medium"),
                         finding("purpose.no_downsides", "medium")]
    assert decide(stale_and_purpose).verdict == "refresh"


def test_two_medium_purpose_findings_refocus_but_one_does_not():
    assert decide([finding("purpose.no_why_partnership", "medium")]).verdict == "continue"
    two = [finding("purpose.no_why_partnership", "medium"), finding("purpose.no_downsides", "medium")]
    assert decide(two).verdict == "refocus"


def test_all_cost_and_no_evidence_ends():
    cost, evidence = finding("cost.rising_without_decisions", "high"), finding("evidence.no_improvement", "high")
    assert decide([cost, evidence]).verdict == "end"
    assert decide([finding("value.cost_without_evidence", "high")]).verdict == "end"
    assert decide([cost]).verdict == "restructure"
    assert decide([evidence]).verdict == "refocus"
    assert decide([cost, finding("evidence.no_improvement", "medium")]).verdict == "restructure"


def test_evidence_getting_worse_with_a_structure_problem_restructures_not_ends():
    findings = [finding("people.key_person_moved_on", "high"), finding("evidence.special_cause_concern", "high")]
    assert decide(findings).verdict == "restructure"


def test_stored_findings_as_dicts_decide_the_same():
    stored = [{"rule_id": "resources.disputed", "title": "Disputed", "severity": "high"}]
    assert decide(stored).verdict == "restructure"


def test_families_come_from_the_rule_id_prefix():
    assert family_of("stale.same_people") == "staleness"
    assert family_of("people.key_person_moved_on") == "structure"
    assert family_of("cost.rising") == "cost"
    assert family_of("evidence.no_improvement") == "evidence"
    assert family_of("unknown.rule") == "other"
