"""Cost rules at each boundary, over hand-made facts; and the facts gathered
from real meetings."""

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

import pytest

from joinedup.meetings.review_facts import BusyPerson, CostFacts, MeetingFacts
from joinedup.review.facts import PartnershipFacts, partnership_facts
from joinedup.review.rules import run_rules

TODAY = date(2026, 11, 22)
COST_RULES = {"cost.no_linked_decisions", "cost.rising_while_decisions_fall",
              "cost.person_in_many_partnerships", "cost.attendance_falling"}


def facts(meetings=(), busy=()):
    base = PartnershipFacts(id=1, name="Board", purpose="", form="information_network", status="active",
                            start_date=date(2020, 1, 1), review_date=None)
    return replace(base, cost=CostFacts(tuple(meetings), tuple(busy)))


def monthly(count, *, linked=0, decisions=1, cost="100.00", attended=8, expected=8, last=TODAY):
    return [MeetingFacts(last - timedelta(days=30 * (count - 1 - i)), Decimal(cost), decisions, linked, attended, expected)
            for i in range(count)]


def fired(f, rule_id, thresholds=None):
    return [x for x in run_rules(f, today=TODAY, thresholds=thresholds) if x.rule_id == rule_id]


def test_no_cost_rule_fires_without_meetings():
    base = replace(facts(), cost=None)
    assert not {x.rule_id for x in run_rules(base, today=TODAY)} & COST_RULES


# --- cost.no_linked_decisions (last N = 6 meetings) -----------------------

def test_no_linked_decisions_fires_when_none_of_the_last_six_linked_one():
    meetings = monthly(3, linked=1) + monthly(6, linked=0, last=TODAY)
    found = fired(facts(meetings), "cost.no_linked_decisions")
    assert len(found) == 1 and "None of the last 6 meetings" in found[0].evidence[0].text


def test_no_linked_decisions_is_quiet_when_one_of_the_last_six_linked_one():
    meetings = monthly(6, linked=0)
    meetings[0] = replace(meetings[0], decisions_linked=1)
    assert fired(facts(meetings), "cost.no_linked_decisions") == []


def test_no_linked_decisions_needs_at_least_n_meetings():
    assert fired(facts(monthly(5)), "cost.no_linked_decisions") == []
    assert len(fired(facts(monthly(6)), "cost.no_linked_decisions")) == 1


def test_no_linked_decisions_ignores_meetings_after_today():
    meetings = monthly(6) + [MeetingFacts(TODAY + timedelta(days=1), Decimal(1), 1, 1, 1, 1)]
    assert len(fired(facts(meetings), "cost.no_linked_decisions")) == 1


def test_no_linked_decisions_takes_its_window_from_settings(settings):
    settings.REVIEW_THRESHOLDS = {"cost_no_linked_decisions_meetings": 7}
    assert fired(facts(monthly(6)), "cost.no_linked_decisions") == []


# --- cost.rising_while_decisions_fall (rise of at least 10%) --------------

def two_years(before_cost, after_cost, before_decisions=10, after_decisions=5):
    before = [MeetingFacts(TODAY - timedelta(days=500), Decimal(before_cost), before_decisions, 1, 5, 5)]
    after = [MeetingFacts(TODAY - timedelta(days=100), Decimal(after_cost), after_decisions, 1, 5, 5)]
    return facts(before + after)


def test_rising_cost_fires_at_exactly_ten_per_cent_with_fewer_decisions():
    found = fired(two_years("1000", "1100"), "cost.rising_while_decisions_fall")
    assert len(found) == 1 and "up 10%" in found[0].evidence[0].text


def test_rising_cost_is_quiet_just_below_ten_per_cent():
    assert fired(two_years("1000", "1099.99"), "cost.rising_while_decisions_fall") == []


def test_rising_cost_is_quiet_when_decisions_hold():
    assert fired(two_years("1000", "2000", 10, 10), "cost.rising_while_decisions_fall") == []


def test_rising_cost_needs_both_years():
    one_year = facts([MeetingFacts(TODAY - timedelta(days=100), Decimal(1000), 1, 1, 5, 5)])
    assert fired(one_year, "cost.rising_while_decisions_fall") == []


# --- cost.person_in_many_partnerships (more than 4) ------------------------

def test_a_person_in_five_partnerships_fires_and_four_does_not():
    assert fired(facts(monthly(1), [BusyPerson("Wren", 4)]), "cost.person_in_many_partnerships") == []
    found = fired(facts(monthly(1), [BusyPerson("Wren", 5), BusyPerson("Ada", 2)]), "cost.person_in_many_partnerships")
    assert [e.text for e in found[0].evidence] == ["Wren attended meetings of 5 partnerships in the last year."]


def test_the_partnership_limit_comes_from_the_thresholds_given():
    busy = facts(monthly(1), [BusyPerson("Wren", 5)])
    assert fired(busy, "cost.person_in_many_partnerships", {"cost_max_partnerships_per_person": 5}) == []


# --- cost.attendance_falling (last 6 against the 6 before, fall of 25%) ---

def attendance(before, after):
    return facts(monthly(6, attended=before, last=TODAY - timedelta(days=180)) + monthly(6, attended=after))


def test_attendance_falling_fires_at_a_fall_of_exactly_a_quarter():
    found = fired(attendance(8, 6), "cost.attendance_falling")
    assert len(found) == 1 and "6.0 people attended" in found[0].evidence[0].text and "8.0" in found[0].evidence[0].text


def test_attendance_falling_is_quiet_below_a_quarter():
    assert fired(attendance(8, 7), "cost.attendance_falling") == []
    assert fired(attendance(8, 9), "cost.attendance_falling") == []


def test_attendance_falling_needs_two_full_windows():
    assert fired(facts(monthly(11, attended=1)[:5] + monthly(6, attended=1)), "cost.attendance_falling") == []


# --- facts from real meetings ----------------------------------------------

@pytest.mark.django_db
def test_the_facts_come_from_the_recorded_meetings(workspace, partnership, outcome):
    from joinedup.meetings.models import Decision
    from tests.meetings.factories import at, attend, meeting, person

    ada = person(workspace, "Ada", "AfC 8a")
    held = meeting(partnership, at(2026, 3, 10, 10), minutes=60, prep=0, travel=0)
    attend(held, ada)
    attend(held, person(workspace, "Bilal", "AfC 7"), status="apologies")
    Decision.objects.create(meeting=held, text="Fund it", outcome=outcome)
    cost = partnership_facts(partnership, as_of=TODAY).cost
    assert cost.meetings == (MeetingFacts(date(2026, 3, 10), Decimal("43.01"), 1, 1, 1, 2),)
    assert cost.busy_people == (BusyPerson("Ada", 1),)


@pytest.mark.django_db
def test_reviewing_a_few_partnerships_counts_their_peoples_other_partnerships(workspace, partnership):
    """The narrowed read (only the reviewed partnerships' attendees) gives each
    of those people the same partnerships as the read of the whole workspace."""
    from joinedup.meetings.load import partnerships_per_person
    from joinedup.partnerships.models import Partnership
    from tests.meetings.factories import at, attend, meeting, person

    other, third = (Partnership.objects.create(workspace=workspace, name=name, form="coordinated_working",
                                               start_date=date(2022, 4, 1))
                    for name in ("Safer Streets", "Warm Homes"))
    ada, bilal, cara, dev = (person(workspace, name, "AfC 7") for name in ("Ada", "Bilal", "Cara", "Dev"))
    here = meeting(partnership, at(2026, 3, 10, 10))
    attend(here, ada)
    attend(here, cara, status="deputy", deputy=bilal)  # Bilal went, for Cara
    attend(here, dev, status="apologies")
    elsewhere = meeting(other, at(2026, 4, 2, 10))
    attend(elsewhere, ada)
    attend(elsewhere, bilal)
    attend(elsewhere, cara)
    attend(meeting(third, at(2026, 5, 2, 10)), dev)

    everyone = partnerships_per_person([workspace.id], TODAY)
    few = partnerships_per_person([workspace.id], TODAY, attending=[partnership.id])
    assert few == {ada.id: {partnership.id, other.id}, bilal.id: {partnership.id, other.id}}
    assert all(everyone[who] == seen for who, seen in few.items())
    assert everyone[cara.id] == {other.id} and everyone[dev.id] == {third.id}


@pytest.mark.django_db
def test_a_partnership_without_meetings_has_no_cost_facts(partnership):
    assert partnership_facts(partnership, as_of=TODAY).cost is None
