"""Staleness rules: boundaries of turnover, sector diversity and voice."""

from datetime import date, timedelta
from decimal import Decimal

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
        "2 current members in 2 sector groups: NHS 1 (NHS acute); council 1 (council housing). "
        "Weighted by size, that is 2.00 equal groups (below 3)."
    )
    three = [*two[:2], member("C", "voluntary_community", id=3)]
    assert run("stale.low_sector_diversity", members=three) == []


def test_sector_diversity_counts_every_group_and_suggests_only_sectors_not_already_members():
    members = [member("A", "nhs_acute", id=1), member("B", "nhs_community", id=2), member("C", "nhs_mental_health", id=3),
               member("D", "council_housing", id=4), member("E", "user_led", id=5), member("F", "nhs_acute", id=6)]
    (finding,) = run("stale.low_sector_diversity", members=members)
    assert finding.evidence[0].text.startswith(
        "6 current members in 3 sector groups: NHS 4 (NHS acute, NHS community, NHS mental health); "
        "council 1 (council housing); user-led 1 (user-led)."
    )
    assert "user-led" not in finding.advice and "housing" not in finding.advice
    assert "a voluntary or community group" in finding.advice


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


# --- stale.decisions_falling (a quarter fewer per meeting, 4+ meetings a year) --

def year_of_meetings(count, decisions, year_ago=0):
    """`count` meetings in one 365-day window (0 = the last, 1 = the one before)
    taking `decisions` decisions between them."""
    from joinedup.meetings.review_facts import MeetingFacts

    end = TODAY - timedelta(days=365 * year_ago)
    each = [decisions // count + (1 if i < decisions % count else 0) for i in range(count)]
    return [MeetingFacts(end - timedelta(days=20 * i + 1), Decimal("100"), n, n, 8, 8) for i, n in enumerate(each)]


def decisions(before, now, thresholds=None):
    from joinedup.meetings.review_facts import CostFacts

    meetings = sorted(year_of_meetings(*before, year_ago=1) + year_of_meetings(*now), key=lambda m: m.held_on)
    return run("stale.decisions_falling", thresholds, cost=CostFacts(tuple(meetings)))


def test_decisions_falling_fires_at_a_quarter_fewer_per_meeting():
    findings = decisions((4, 8), (4, 6))
    assert rule_ids(findings) == ["stale.decisions_falling"]
    assert findings[0].evidence[0].text == (
        "In the last 365 days its 4 meetings took 6 decisions (1.5 a meeting), against 8 at 4 meetings "
        "the year before (2.0 a meeting): 25% fewer a meeting."
    )


def test_decisions_falling_is_quiet_just_under_a_quarter():
    # 2.0 -> 1.58 a meeting is 21% fewer; 2.0 -> 1.5 is 25%.
    assert decisions((12, 24), (12, 19)) == []
    assert rule_ids(decisions((12, 24), (12, 18))) == ["stale.decisions_falling"]


def test_decisions_falling_counts_per_meeting_not_in_all():
    # Half the decisions at half the meetings: the same per meeting.
    assert decisions((8, 16), (4, 8)) == []


def test_decisions_falling_needs_four_meetings_in_each_year():
    assert decisions((3, 9), (4, 4)) == []
    assert decisions((4, 12), (3, 3)) == []
    assert rule_ids(decisions((4, 12), (4, 4))) == ["stale.decisions_falling"]


def test_decisions_falling_thresholds_can_be_changed():
    assert decisions((4, 8), (4, 6), {"stale_decisions_fall_share": 0.3}) == []
    assert rule_ids(decisions((3, 9), (3, 3), {"stale_decisions_min_meetings": 3})) == ["stale.decisions_falling"]


def test_decisions_falling_needs_meetings():
    assert run("stale.decisions_falling", cost=None) == []


# --- stale.no_dissent (every gap under half a point, morale down a quarter point) --

def consensus(widest=0.3, morale=(3.6, 3.35), groups=("Northshire Hospitals", "Northshire Council")):
    from joinedup.surveys.review_facts import GapFacts, StaffChange, VoiceFacts

    gaps = [GapFacts("purpose", "Purpose", groups[0], 3.5 + widest, 3.5, widest)]
    gaps += [GapFacts("purpose", "Purpose", g, 3.5, 3.5 + widest / 2, -widest / 2) for g in groups[1:]]
    changes = [StaffChange("role_clarity", "Role clarity", 3.0, 3.0, "Autumn 2025", "Spring 2026")]
    if morale:
        changes.append(StaffChange("wellbeing", "Job satisfaction and morale", *morale, "Autumn 2025", "Spring 2026"))
    return VoiceFacts(threshold=5, waves=["Autumn 2025", "Spring 2026"], latest_wave="Spring 2026",
                      partner_gaps=gaps, staff_changes=changes)


def no_dissent(voice, thresholds=None, **overrides):
    return run("stale.no_dissent", thresholds, voice=voice, **overrides)


def test_no_dissent_fires_when_partners_agree_and_morale_falls():
    findings = no_dissent(consensus())
    assert rule_ids(findings) == ["stale.no_dissent"]
    assert [e.text for e in findings[0].evidence] == [
        "In Spring 2026's health check, no partner group's score on any theme differs from everyone "
        "else's by 0.5 points or more (2 groups; widest gap 0.30).",
        "Job satisfaction and morale among front-line staff fell from 3.6 to 3.4 out of 5 between "
        "Autumn 2025 and Spring 2026.",
    ]


@pytest.mark.parametrize("widest, fires", [(0.49, True), (-0.49, True), (0.5, False), (-0.5, False)])
def test_no_dissent_at_a_gap_of_half_a_point(widest, fires):
    assert bool(no_dissent(consensus(widest=widest))) == fires


@pytest.mark.parametrize("morale, fires", [((3.6, 3.35), True), ((3.6, 3.36), False), ((3.0, 3.5), False), (None, False)])
def test_no_dissent_needs_morale_down_a_quarter_point(morale, fires):
    assert bool(no_dissent(consensus(morale=morale))) == fires


def test_no_dissent_needs_two_partner_groups_shown():
    # One group shown (the others suppressed) says nothing about agreement.
    assert no_dissent(consensus(groups=("Northshire Hospitals",))) == []
    assert no_dissent(None) == []


def test_no_dissent_waits_until_the_partnership_is_two_years_old():
    assert no_dissent(consensus(), start_date=date(2025, 1, 1)) == []
    assert rule_ids(no_dissent(consensus(), start_date=date(2024, 11, 22))) == ["stale.no_dissent"]


def test_no_dissent_thresholds_can_be_changed():
    assert no_dissent(consensus(widest=0.3), {"stale_consensus_max_gap": 0.3}) == []
    assert rule_ids(no_dissent(consensus(morale=(3.6, 3.5)), {"stale_consensus_morale_fall": 0.1})) == ["stale.no_dissent"]
