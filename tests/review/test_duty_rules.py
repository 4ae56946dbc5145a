"""The rule that rests on a legal duty: it runs only for a body the law asks
for a document on a cycle, and names the Act and section of that body's nation."""

from datetime import date

from django.utils import translation

from joinedup.review.rules import run_rules

from .factories import TODAY, facts, rule_ids


def run(**overrides):
    return run_rules(facts(**overrides), today=TODAY, rule_ids={"duty.document_late"})


def test_no_body_or_a_body_with_no_cycle_gets_no_finding():
    assert run() == []
    assert run(body="health_and_wellbeing_board") == []
    assert run(body="hsc_trust") == []


def test_a_scottish_board_with_no_performance_report_is_told_which_act_asks():
    findings = run(body="integration_joint_board", name="Glenmore IJB")
    assert rule_ids(findings) == ["duty.document_late"]
    texts = [e.text for e in findings[0].evidence]
    assert texts == [
        "Public Bodies (Joint Working) (Scotland) Act 2014, section 42 asks for a performance report for each "
        "reporting year, published within four months of the year's end.",
        "No annual performance report is recorded for Glenmore IJB.",
    ]
    assert findings[0].severity == "high"


def test_a_report_in_time_clears_it_and_an_old_one_is_named():
    in_time = [("scotland_performance_report", date(2025, 7, 30))]
    assert run(body="integration_joint_board", statutory_documents=in_time) == []
    old = [("scotland_performance_report", date(2025, 7, 21))]
    findings = run(body="lead_agency", statutory_documents=old)
    assert findings[0].evidence[1].text == "The latest annual performance report recorded was published on 21 July 2025."


def test_an_icb_owes_two_documents_each_found_late_on_its_own():
    findings = run(body="integrated_care_board", statutory_documents=[
        ("england_icb_joint_forward_plan", date(2026, 3, 1))])
    assert len(findings) == 1
    assert "section 14Z58" in findings[0].evidence[0].text
    both = run(body="integrated_care_board")
    assert len(both) == 2


def test_a_proposed_or_ended_partnership_owes_nothing():
    assert run(body="integration_joint_board", status="proposed") == []
    assert run(body="integration_joint_board", status="ended") == []


def test_a_young_partnership_is_not_late_before_its_first_cycle_ends():
    assert run(body="public_services_board", start_date=date(2025, 12, 1)) == []
    assert len(run(body="public_services_board", start_date=date(2025, 9, 1))) == 1


def test_the_finding_reads_in_welsh():
    with translation.override("cy"):
        findings = run(body="public_services_board")
    assert findings[0].title != "A document the law asks for is late"
    assert "Well-being of Future Generations (Wales) Act 2015, section 45" in findings[0].evidence[0].text
