"""Failure-risk rules over the register: each fires at its boundary and not before."""

from datetime import date

from dateutil.relativedelta import relativedelta

from joinedup.review.facts import AccountabilityFacts, OutcomeFacts, ResourceFacts
from joinedup.review.rules import run_rules

from .factories import TODAY, facts, healthy_members, member, rule_ids


def run(rule_id, **overrides):
    return run_rules(facts(**overrides), today=overrides.pop("today", TODAY), rule_ids={rule_id})


def test_the_healthy_register_has_no_findings():
    assert run_rules(facts(), today=TODAY) == []


def test_no_shared_purpose_fires_on_an_empty_or_blank_purpose():
    assert rule_ids(run("purpose.no_shared_purpose", purpose="  \n")) == ["purpose.no_shared_purpose"]
    assert run("purpose.no_shared_purpose", purpose="Home from hospital") == []


def outcomes(*statements):
    return [OutcomeFacts(i, s, "Why", "Downside") for i, s in enumerate(statements, 1)]


def test_service_centred_outcomes_fire_at_half_of_the_outcomes():
    half = outcomes("Reduce delayed discharges by 10%", "I go home when I am ready.")
    findings = run("purpose.not_user_voiced", outcomes=half)
    assert rule_ids(findings) == ["purpose.not_user_voiced"]
    assert findings[0].evidence[0].text == (
        '"Reduce delayed discharges by 10%" is worded around the service ("reduce", "%").'
    )
    assert findings[0].evidence[-1].text == "1 of 2 outcomes are worded around the service."


def test_service_centred_outcomes_below_the_share_do_not_fire():
    third = outcomes("Deliver 500 assessments a year", "I go home.", "My carer gets a break.")
    assert run("purpose.not_user_voiced", outcomes=third) == []
    stricter = run_rules(facts(outcomes=third), today=TODAY, rule_ids={"purpose.not_user_voiced"},
                         thresholds={"service_centred_outcome_share": 0.3})
    assert rule_ids(stricter) == ["purpose.not_user_voiced"]


def test_downsides_never_recorded_fires_only_when_no_outcome_has_one():
    none = [OutcomeFacts(1, "I go home.", "Why", ""), OutcomeFacts(2, "I stay home.", "Why", " ")]
    assert rule_ids(run("purpose.no_downsides", outcomes=none)) == ["purpose.no_downsides"]
    one = [OutcomeFacts(1, "I go home.", "Why", ""), OutcomeFacts(2, "I stay home.", "Why", "Risk")]
    assert run("purpose.no_downsides", outcomes=one) == []
    assert run("purpose.no_downsides", outcomes=[]) == []


def test_conflicting_accountabilities_name_the_target():
    items = [AccountabilityFacts(1, "Northshire Council", "Stay within the cash limit", True),
             AccountabilityFacts(2, "ICB", "Cut admissions", False)]
    findings = run("accountability.conflicting", accountabilities=items)
    assert [e.text for e in findings[0].evidence] == [
        "Northshire Council's target \"Stay within the cash limit\" pulls against the shared outcomes."
    ]
    assert run("accountability.conflicting", accountabilities=items[1:]) == []


def test_a_lead_whose_representative_moved_on_yesterday_fires_but_not_today():
    yesterday = [member("Mind the Gap Trust", "nhs_mental_health", "lead", person_to=date(2026, 11, 21)),
                 *healthy_members()[1:]]
    findings = run("people.key_person_moved_on", members=yesterday)
    assert "moved on on 21 November 2026 and no successor is named" in findings[0].evidence[0].text
    today = [member("Mind the Gap Trust", "nhs_mental_health", "lead", person_to=TODAY), *healthy_members()[1:]]
    assert run("people.key_person_moved_on", members=today) == []


def test_the_only_person_from_an_organisation_moving_on_fires_but_not_with_colleagues():
    gone = date(2025, 1, 31)
    alone = [*healthy_members(), member("Brampton Transport", "voluntary_community", person_to=gone, colleagues=0, id=9)]
    assert rule_ids(run("people.key_person_moved_on", members=alone)) == ["people.key_person_moved_on"]
    covered = [*healthy_members(), member("Brampton Transport", "voluntary_community", person_to=gone, colleagues=1, id=9)]
    assert run("people.key_person_moved_on", members=covered) == []


def test_a_lead_organisation_that_left_with_no_new_lead_fires():
    left = [member("Northshire Hospitals", "nhs_acute", "lead", left=date(2025, 3, 31)), *healthy_members()[1:]]
    findings = run("people.key_person_moved_on", members=left)
    assert findings[0].evidence[0].text == (
        "The lead partner Northshire Hospitals left on 31 March 2025 and no organisation has taken over the lead."
    )
    handed_over = [*left, member("Northshire ICB", "nhs_primary_care", "lead", joined=date(2025, 4, 1), id=7)]
    assert run("people.key_person_moved_on", members=handed_over) == []


def test_unresolved_resources_fire_six_months_after_the_start():
    proposed = [ResourceFacts(1, "ICB", "money", None, "£", "proposed")]
    start = date(2026, 5, 22)
    assert rule_ids(run("resources.unresolved", resources=proposed, start_date=start)) == ["resources.unresolved"]
    assert run("resources.unresolved", resources=proposed, start_date=date(2026, 5, 23)) == []
    assert run("resources.unresolved", resources=proposed, start_date=None) == []


def test_months_keep_the_day_or_take_the_last_of_a_short_month():
    # The rules count months with relativedelta, which does this.
    assert date(2026, 8, 31) + relativedelta(months=6) == date(2027, 2, 28)
    assert date(2026, 11, 22) + relativedelta(months=-60) == date(2021, 11, 22)
