from datetime import date
from decimal import Decimal

import pytest

from joinedup.meetings.cost import (
    Attendance,
    AttendanceStatus,
    LedgerAction,
    LedgerMeeting,
    PeriodKind,
    ledger_by_organisation,
    ledger_by_period,
    ledger_totals,
    meeting_cost,
    period_containing,
)

AS_OF = date(2026, 5, 1)


def ledger():
    march = LedgerMeeting(
        meeting_id=1,
        held_on=date(2026, 3, 10),
        cost=Decimal("262.25"),
        people_minutes=440,
        cost_by_organisation={"nhs": Decimal("156.16"), "council": Decimal("106.09")},
        decisions=3,
        decisions_linked_to_outcome=2,
        actions=(
            LedgerAction(date(2026, 3, 20), date(2026, 3, 18)),  # done early: on time
            LedgerAction(date(2026, 3, 20), date(2026, 3, 25)),  # done late
            LedgerAction(date(2026, 4, 30)),  # not done, overdue on 1 May: late
            LedgerAction(None, date(2026, 4, 1)),  # no due date: not assessed
        ),
    )
    april = LedgerMeeting(
        meeting_id=2,
        held_on=date(2026, 4, 14),
        cost=Decimal("120.00"),
        people_minutes=240,
        cost_by_organisation={"council": Decimal("120.00")},
        decisions=1,
        decisions_linked_to_outcome=0,
        actions=(
            LedgerAction(date(2026, 6, 30)),  # not due yet: not assessed
            LedgerAction(date(2026, 6, 30), date(2026, 4, 20)),  # done early: on time
        ),
    )
    june = LedgerMeeting(meeting_id=3, held_on=date(2026, 6, 9), cost=Decimal("0.00"))
    return [march, april, june]


@pytest.mark.parametrize(
    ("day", "kind", "label", "start", "end"),
    [
        (date(2026, 3, 31), PeriodKind.MONTH, "2026-03", date(2026, 3, 1), date(2026, 3, 31)),
        (date(2026, 12, 31), PeriodKind.MONTH, "2026-12", date(2026, 12, 1), date(2026, 12, 31)),
        (
            date(2026, 3, 31),
            PeriodKind.CALENDAR_QUARTER,
            "2026 Q1",
            date(2026, 1, 1),
            date(2026, 3, 31),
        ),
        (
            date(2026, 11, 5),
            PeriodKind.CALENDAR_QUARTER,
            "2026 Q4",
            date(2026, 10, 1),
            date(2026, 12, 31),
        ),
        (date(2026, 3, 31), PeriodKind.CALENDAR_YEAR, "2026", date(2026, 1, 1), date(2026, 12, 31)),
        (
            date(2026, 3, 31),
            PeriodKind.FINANCIAL_YEAR,
            "2025/26",
            date(2025, 4, 1),
            date(2026, 3, 31),
        ),
        (
            date(2026, 4, 1),
            PeriodKind.FINANCIAL_YEAR,
            "2026/27",
            date(2026, 4, 1),
            date(2027, 3, 31),
        ),
        (
            date(1999, 5, 1),
            PeriodKind.FINANCIAL_YEAR,
            "1999/00",
            date(1999, 4, 1),
            date(2000, 3, 31),
        ),
        (
            date(2026, 4, 1),
            PeriodKind.FINANCIAL_QUARTER,
            "2026/27 Q1",
            date(2026, 4, 1),
            date(2026, 6, 30),
        ),
        (
            date(2026, 12, 15),
            PeriodKind.FINANCIAL_QUARTER,
            "2026/27 Q3",
            date(2026, 10, 1),
            date(2026, 12, 31),
        ),
        (
            date(2027, 1, 5),
            PeriodKind.FINANCIAL_QUARTER,
            "2026/27 Q4",
            date(2027, 1, 1),
            date(2027, 3, 31),
        ),
        (
            date(2026, 3, 31),
            PeriodKind.FINANCIAL_QUARTER,
            "2025/26 Q4",
            date(2026, 1, 1),
            date(2026, 3, 31),
        ),
    ],
)
def test_it_finds_the_period_a_day_falls_in(day, kind, label, start, end):
    period = period_containing(day, kind)
    assert (period.label, period.start, period.end) == (label, start, end)


def test_it_adds_up_cost_decisions_and_actions():
    totals = ledger_totals(ledger(), as_of=AS_OF)
    assert totals.meetings == 3
    assert totals.cost == Decimal("382.25")  # 262.25 + 120.00 + 0
    assert totals.people_minutes == 680  # 440 + 240
    assert totals.people_hours == Decimal("11.33")  # 680 / 60 = 11.333...
    assert totals.decisions == 4  # 3 + 1
    assert totals.decisions_linked_to_outcome == 2
    assert totals.share_linked_to_outcome == Decimal("0.5000")  # 2 / 4
    # assessed: early, late, overdue (March) and done early (April) = 4; on time: 2
    assert totals.actions_assessed == 4
    assert totals.actions_completed_on_time == 2
    assert totals.share_on_time == Decimal("0.5000")
    # £382.25 / 2 linked decisions = £191.125 -> £191.13
    assert totals.cost_per_linked_decision == Decimal("191.13")


def test_it_has_no_cost_per_decision_when_no_decision_is_linked_to_an_outcome():
    april = ledger()[1]
    totals = ledger_totals([april], as_of=AS_OF)
    assert totals.decisions == 1
    assert totals.cost_per_linked_decision is None
    assert totals.share_linked_to_outcome == Decimal("0.0000")
    empty = ledger_totals([ledger()[2]], as_of=AS_OF)
    assert empty.share_linked_to_outcome is None
    assert empty.share_on_time is None
    assert empty.cost_per_linked_decision is None


def test_it_counts_an_action_once_it_falls_due():
    later = ledger_totals(ledger(), as_of=date(2026, 7, 1))
    # the April action due 30 June is now overdue: 5 assessed, still 2 on time
    assert later.actions_assessed == 5
    assert later.share_on_time == Decimal("0.4000")


def test_it_totals_by_uk_financial_year():
    years = ledger_by_period(ledger(), PeriodKind.FINANCIAL_YEAR, as_of=AS_OF)
    assert [(y.period.label, y.meetings, y.cost) for y in years] == [
        ("2025/26", 1, Decimal("262.25")),  # 10 March 2026
        ("2026/27", 2, Decimal("120.00")),  # 14 April and 9 June 2026
    ]


def test_it_totals_by_calendar_year_and_quarter():
    years = ledger_by_period(ledger(), PeriodKind.CALENDAR_YEAR, as_of=AS_OF)
    assert [(y.period.label, y.cost) for y in years] == [("2026", Decimal("382.25"))]
    quarters = ledger_by_period(ledger(), PeriodKind.CALENDAR_QUARTER, as_of=AS_OF)
    assert [(q.period.label, q.cost) for q in quarters] == [
        ("2026 Q1", Decimal("262.25")),
        ("2026 Q2", Decimal("120.00")),
    ]


def test_it_totals_by_month_without_gaps():
    months = ledger_by_period(ledger(), PeriodKind.MONTH, as_of=AS_OF)
    assert [(m.period.label, m.meetings, m.cost) for m in months] == [
        ("2026-03", 1, Decimal("262.25")),
        ("2026-04", 1, Decimal("120.00")),
        ("2026-05", 0, Decimal("0.00")),
        ("2026-06", 1, Decimal("0.00")),
    ]
    assert months[0].cost_per_linked_decision == Decimal("131.13")  # 262.25 / 2 = 131.125


def test_it_has_no_periods_without_meetings():
    assert ledger_by_period([], PeriodKind.MONTH, as_of=AS_OF) == []


def test_it_shares_the_cost_between_organisations():
    shares = ledger_by_organisation(ledger())
    # council 106.09 + 120.00 = 226.09; nhs 156.16; total 382.25
    assert [(s.organisation_id, s.cost, s.share) for s in shares] == [
        ("council", Decimal("226.09"), Decimal("0.5915")),  # 226.09 / 382.25 = 0.59147...
        ("nhs", Decimal("156.16"), Decimal("0.4085")),  # 156.16 / 382.25 = 0.40853...
    ]


def test_it_builds_a_ledger_row_from_a_meeting_cost():
    cost = meeting_cost(
        60,
        [
            Attendance("ana", AttendanceStatus.PRESENT, Decimal("43.01"), organisation_id="nhs"),
            Attendance("ben", AttendanceStatus.PRESENT, None, organisation_id="council"),
        ],
        Decimal("30"),
    )
    row = LedgerMeeting(
        1, date(2026, 5, 5), cost.total, cost.people_minutes, cost.by_organisation()
    )
    shares = ledger_by_organisation([row])
    # nhs £43.01, council £30.00; 43.01 / 73.01 = 0.58909...
    assert [(s.organisation_id, s.cost, s.share) for s in shares] == [
        ("nhs", Decimal("43.01"), Decimal("0.5891")),
        ("council", Decimal("30.00"), Decimal("0.4109")),
    ]


def test_it_does_not_count_an_action_due_today_as_late_yet():
    meeting = LedgerMeeting(1, date(2026, 4, 1), Decimal("10.00"), actions=(LedgerAction(AS_OF),))
    assert ledger_totals([meeting], as_of=AS_OF).actions_assessed == 0
    next_day = ledger_totals([meeting], as_of=date(2026, 5, 2))
    assert (next_day.actions_assessed, next_day.actions_completed_on_time) == (1, 0)
