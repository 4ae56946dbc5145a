"""Staleness rules: boundaries of turnover, sector diversity and voice."""

from datetime import date

import pytest

from joinedup.review.rules import run_rules
from joinedup.review.staleness_rules import effective_sector_groups

from .factories import TODAY, facts, member, rule_ids


def run(rule_id, thresholds=None, **overrides):
    return run_rules(facts(**overrides), today=TODAY, thresholds=thresholds, rule_ids={rule_id})


def board(joined=date(2013, 4, 1), since=date(2013, 4, 1), count=10):
    sectors = ["nhs_acute", "council_adult_social_care", "voluntary_community", "user_led", "police"]
    return [member(f"Org {i}", sectors[i % 5], joined=joined, person_from=since, id=i) for i in range(count)]


def test_ten_members_unchanged_for_five_years_are_the_same_people():
    findings = run("stale.same_people", members=board(), start_date=date(2013, 4, 1))
    assert rule_ids(findings) == ["stale.same_people"]
    assert findings[0].evidence[0].text == (
        "In the 5 years since 22 November 2021: 0 changes of member or representative among 10 "
        "current members (turnover 0.00)."
    )


def test_one_change_among_ten_is_at_the_threshold_and_two_are_over_it():
    one = [*board(), member("New Org", "user_led", joined=date(2024, 1, 1), id=99)]
    # 1 join among 11 current members: 0.09, still "the same people".
    assert rule_ids(run("stale.same_people", members=one, start_date=date(2013, 4, 1))) == ["stale.same_people"]
    members = board()
    members[0] = member("Org 0", "nhs_acute", joined=date(2013, 4, 1), person_from=date(2023, 6, 1), id=0)
    # A new representative among ten: turnover 0.10, the threshold, still fires.
    assert rule_ids(run("stale.same_people", members=members, start_date=date(2013, 4, 1))) == ["stale.same_people"]
    members[1] = member("Org 1", "council_adult_social_care", left=date(2024, 1, 1), id=1)
    assert run("stale.same_people", members=members, start_date=date(2013, 4, 1)) == []


def test_a_partnership_younger_than_the_window_is_not_judged_the_same_people():
    assert run("stale.same_people", members=board(joined=date(2021, 11, 23)), start_date=date(2021, 11, 23)) == []
    assert rule_ids(run("stale.same_people", members=board(joined=date(2021, 11, 22)),
                        start_date=date(2021, 11, 22))) == ["stale.same_people"]


def test_effective_sector_groups_is_the_inverse_simpson_index():
    value, counts = effective_sector_groups(["nhs_acute", "nhs_community", "council_housing", "council_education"])
    assert value == pytest.approx(2.0)
    assert counts == {"NHS": 2, "council": 2}
    value, _ = effective_sector_groups(["nhs_acute", "council_housing", "police"])
    assert value == pytest.approx(3.0)


def test_two_sector_groups_fire_and_three_equal_groups_do_not():
    two = [member("A", "nhs_acute", id=1), member("B", "council_housing", id=2),
           member("C", "voluntary_community", left=date(2024, 1, 1), id=3)]
    findings = run("stale.low_sector_diversity", members=two)
    assert findings[0].evidence[0].text == (
        "Current members by sector: NHS 1, council 1; effective number of sector groups 2.00 (below 3)."
    )
    three = [*two[:2], member("C", "voluntary_community", id=3)]
    assert run("stale.low_sector_diversity", members=three) == []


def test_sector_diversity_waits_until_the_partnership_is_two_years_old():
    two = [member("A", "nhs_acute", id=1), member("B", "council_housing", id=2)]
    assert run("stale.low_sector_diversity", members=two, start_date=date(2024, 11, 23)) == []
    assert rule_ids(run("stale.low_sector_diversity", members=two, start_date=date(2024, 11, 22))) == [
        "stale.low_sector_diversity"
    ]


def test_no_user_led_or_voluntary_member_fires_until_one_joins():
    statutory = [member("A", "nhs_acute", id=1), member("B", "council_housing", id=2)]
    assert rule_ids(run("stale.no_user_led_or_voluntary", members=statutory)) == ["stale.no_user_led_or_voluntary"]
    left = [*statutory, member("C", "user_led", left=date(2025, 1, 1), id=3)]
    assert rule_ids(run("stale.no_user_led_or_voluntary", members=left)) == ["stale.no_user_led_or_voluntary"]
    joined = [*statutory, member("C", "user_led", id=3)]
    assert run("stale.no_user_led_or_voluntary", members=joined) == []
