"""The demo's meetings tell each partnership's story (demo/locality.py)."""

from datetime import date
from decimal import Decimal

import pytest

from joinedup.demo.loader import load_demo
from joinedup.meetings.ledger import partnership_ledger
from joinedup.meetings.load import meeting_load
from joinedup.meetings.models import Meeting
from joinedup.partnerships.models import Partnership
from joinedup.review.facts import partnership_facts
from joinedup.review.rules import run_rules

TODAY = date(2026, 11, 22)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        workspace, _ = load_demo()
        ledgers, findings = {}, {}
        for p in Partnership.objects.filter(workspace=workspace):
            ledgers[p.name] = partnership_ledger(workspace, p, as_of=TODAY)
            findings[p.name] = {f.rule_id for f in run_rules(partnership_facts(p, TODAY), today=TODAY)}
        load = meeting_load(workspace, as_of=TODAY)
        yield {"ledgers": ledgers, "findings": findings, "load": load,
               "count": Meeting.objects.filter(partnership__workspace=workspace).count()}
        workspace.delete()


HWB = "Northshire Health and Wellbeing Board"
HOME_FIRST = "Home First: leaving hospital well"


def test_the_stale_board_meets_more_costs_more_and_decides_less_about_outcomes(demo):
    hwb, home_first = demo["ledgers"][HWB].totals, demo["ledgers"][HOME_FIRST].totals
    assert hwb.meetings > home_first.meetings and hwb.cost > 3 * home_first.cost
    assert hwb.share_linked_to_outcome < Decimal("0.2") < Decimal("0.8") < home_first.share_linked_to_outcome
    assert hwb.decisions < home_first.decisions
    assert {"cost.no_linked_decisions", "cost.rising_while_decisions_fall"} <= demo["findings"][HWB]


def test_home_first_and_safeguarding_raise_no_cost_finding(demo):
    for name in (HOME_FIRST, "Northshire Safeguarding Adults Board", "Brampton Neighbourhood Care Team"):
        assert not {f for f in demo["findings"][name] if f.startswith("cost.")}, name


def test_the_better_care_fund_is_dominated_by_finance(demo):
    ledger = demo["ledgers"]["Better Care Fund pooled budget"]
    assert ledger.totals.share_linked_to_outcome < Decimal("0.4")
    assert ledger.by_organisation[0][0] == "Northshire Integrated Care Board"


def test_mental_health_hub_attendance_falls_after_its_lead_moved_on(demo):
    assert "cost.attendance_falling" in demo["findings"]["Saltmarsh Mental Health Hub"]
    meetings = demo["ledgers"]["Saltmarsh Mental Health Hub"].meetings
    before = [m.attended for m in meetings if m.held_on < date(2025, 7, 1)]
    after = [m.attended for m in meetings if m.held_on >= date(2026, 5, 1)]
    assert sum(after) / len(after) < sum(before) / len(before) / 2


def test_the_director_of_place_sits_in_six_partnerships(demo):
    # Six since the Frailty Pathway Group (issue 15, the Network page's broker).
    busiest = demo["load"].people[0]
    assert len(busiest.partnerships) == 6 and busiest.organisation == "Northshire Integrated Care Board"
    assert "cost.person_in_many_partnerships" in demo["findings"][HWB]


def test_two_years_of_meetings_are_loaded_deterministically(demo):
    assert demo["count"] == 178 + 16  # 16 of the Frailty Pathway Group, monthly since September 2025
    first = min(m.held_on for ledger in demo["ledgers"].values() for m in ledger.meetings)
    assert first == date(2024, 12, 3)
