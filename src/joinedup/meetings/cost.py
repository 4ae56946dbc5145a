"""The true cost of partnership meetings, worked out over plain data.

A meeting costs the time of everyone who was there — in the room,
preparing, and travelling — at the hourly cost of their pay band (see
``pay_scales.hourly_cost``). The ledger adds meetings up by month, quarter
and year (calendar and UK financial), by organisation, and sets the cost
against what the meetings produced: decisions linked to an outcome and
actions done on time.

Money is ``Decimal`` throughout. Each attendee's cost is rounded once, to
the penny (half up), and a meeting's total is the sum of those rounded
lines, so the lines shown always add up to the total shown.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from functools import lru_cache

from django.utils.translation import ngettext

from joinedup.indicators.periods import (
    Period,
    financial_quarter_period,
    financial_year_period,
    month_period,
    quarter_period,
    year_period,
)

PENNY = Decimal("0.01")
SHARE_PLACES = Decimal("0.0001")
MINUTES_PER_HOUR = Decimal(60)


class AttendanceStatus(StrEnum):
    PRESENT = "present"
    APOLOGIES = "apologies"
    DEPUTY = "deputy"


class RateSource(StrEnum):
    """Where the hourly cost used for an attendance line came from."""

    PAY_BAND = "pay band"
    DEPUTY_PAY_BAND = "deputy's pay band"
    WORKSPACE_DEFAULT = "workspace default"
    MISSING = "missing"  # no band and no workspace default: not costed
    NOT_COSTED = "not costed"  # apologies


@dataclass(frozen=True)
class Deputy:
    """Someone who attended in a member's place."""

    name: str
    hourly_cost: Decimal | None = None  # the deputy's own band; None if not known
    person_id: Hashable | None = None
    organisation_id: Hashable | None = None
    # Employed in another nation than the workspace's first: without a band they
    # are costed at this default of their own nation (None: not costed), not the meeting's.
    other_nation: bool = False
    other_nation_default: Decimal | None = None


@dataclass(frozen=True)
class Attendance:
    """One member's attendance at one meeting.

    ``hourly_cost`` is the hourly cost of the member's pay band, or ``None``
    when they have none. ``minutes_in_meeting`` is ``None`` for the whole
    meeting. For a deputy, the minutes are the deputy's and
    ``deputy.hourly_cost`` is used. ``fte`` and ``working_pattern`` record a
    part-time pattern; they do not change the hourly cost (see
    :func:`meeting_cost`).
    """

    person_id: Hashable
    status: AttendanceStatus = AttendanceStatus.PRESENT
    hourly_cost: Decimal | None = None
    minutes_in_meeting: int | None = None
    preparation_minutes: int = 0
    travel_minutes: int = 0
    deputy: Deputy | None = None
    organisation_id: Hashable | None = None
    fte: Decimal | None = None
    working_pattern: str = ""
    other_nation: bool = False  # as Deputy.other_nation
    other_nation_default: Decimal | None = None


@dataclass(frozen=True)
class AttendanceCost:
    """One line of a meeting's cost."""

    person_id: Hashable
    status: AttendanceStatus
    deputy_name: str
    organisation_id: Hashable | None
    hourly_cost: Decimal | None
    rate_source: RateSource
    meeting_minutes: int
    preparation_minutes: int
    travel_minutes: int
    cost: Decimal | None  # None when no hourly cost was available

    @property
    def total_minutes(self) -> int:
        return self.meeting_minutes + self.preparation_minutes + self.travel_minutes


@dataclass(frozen=True)
class MeetingCost:
    """The cost of one meeting, line by line, with notes on how it was reached."""

    lines: tuple[AttendanceCost, ...]
    total: Decimal  # pounds, to the penny; lines that could not be costed are left out
    people_minutes: int  # everyone's meeting, preparation and travel minutes
    notes: tuple[str, ...]

    @property
    def total_pence(self) -> int:
        return int(self.total * 100)

    @property
    def people_hours(self) -> Decimal:
        """People-hours, to two decimal places (display only)."""
        return _hours(self.people_minutes)

    @property
    def complete(self) -> bool:
        """False when someone's time could not be costed at all."""
        return all(line.rate_source is not RateSource.MISSING for line in self.lines)

    def by_organisation(self) -> dict[Hashable | None, Decimal]:
        """Cost per organisation (``None`` for attendees with no organisation)."""
        totals: dict[Hashable | None, Decimal] = defaultdict(Decimal)
        for line in self.lines:
            if line.cost is not None and line.status is not AttendanceStatus.APOLOGIES:
                totals[line.organisation_id] += line.cost
        return dict(totals)


_NOT_COSTED = AttendanceCost(
    person_id=None,
    status=AttendanceStatus.APOLOGIES,
    deputy_name="",
    organisation_id=None,
    hourly_cost=None,
    rate_source=RateSource.NOT_COSTED,
    meeting_minutes=0,
    preparation_minutes=0,
    travel_minutes=0,
    cost=Decimal("0.00"),
)


def meeting_cost(
    meeting_minutes: int,
    attendances: Iterable[Attendance],
    default_hourly_cost: Decimal | None,
) -> MeetingCost:
    """Cost a meeting of ``meeting_minutes`` from its attendances.

    Each line costs ``hourly cost × (minutes in meeting + preparation +
    travel) ÷ 60``, rounded to the penny (half up).

    * **Apologies** cost nothing: the member's time was not spent.
    * **Deputies** are costed at the deputy's own band, for the deputy's
      time; a deputy with no known band gets the workspace default.
    * **No pay band**: the workspace default hourly cost is used and a note
      says how many people it was used for. With no default either, the
      line is left uncosted (``cost`` is ``None``), the total leaves it out,
      and a note says so — a missing figure is reported, never guessed.
    * **Part-time** people cost the same per hour as a full-time colleague
      on the same band: their salary, pension and hours are all pro rata,
      so an hour of their time costs the employer the same and is an hour
      not spent on services. (Employer NI has a yearly threshold per
      person, so strictly a part-timer's hour costs a little less — about
      £0.38 an hour at 0.5 FTE on AfC hours; we do not adjust for it.)
    """
    if meeting_minutes < 0:
        raise ValueError("A meeting cannot last a negative number of minutes.")
    lines = tuple(
        _line(meeting_minutes, attendance, default_hourly_cost) for attendance in attendances
    )
    total = sum((line.cost for line in lines if line.cost is not None), Decimal("0.00"))
    return MeetingCost(
        lines=lines,
        total=total,
        people_minutes=sum(line.total_minutes for line in lines),
        notes=tuple(_notes(lines, default_hourly_cost)),
    )


def _line(meeting_minutes: int, attendance: Attendance, default: Decimal | None) -> AttendanceCost:
    status = AttendanceStatus(attendance.status)
    _check(meeting_minutes, attendance, status)
    if status is AttendanceStatus.APOLOGIES:
        return replace(
            _NOT_COSTED, person_id=attendance.person_id, organisation_id=attendance.organisation_id
        )
    deputy = attendance.deputy if status is AttendanceStatus.DEPUTY else None
    rate, source = _rate(attendance, deputy, default)
    minutes = (
        meeting_minutes if attendance.minutes_in_meeting is None else attendance.minutes_in_meeting
    )
    all_minutes = minutes + attendance.preparation_minutes + attendance.travel_minutes
    cost = None
    if rate is not None:
        cost = (rate * all_minutes / MINUTES_PER_HOUR).quantize(PENNY, ROUND_HALF_UP)
    organisation = attendance.organisation_id
    if deputy is not None and deputy.organisation_id is not None:
        organisation = deputy.organisation_id
    return AttendanceCost(
        person_id=attendance.person_id,
        status=status,
        deputy_name=deputy.name if deputy else "",
        organisation_id=organisation,
        hourly_cost=rate,
        rate_source=source,
        meeting_minutes=minutes,
        preparation_minutes=attendance.preparation_minutes,
        travel_minutes=attendance.travel_minutes,
        cost=cost,
    )


def _rate(
    attendance: Attendance, deputy: Deputy | None, default: Decimal | None
) -> tuple[Decimal | None, RateSource]:
    holder = deputy or attendance
    own = holder.hourly_cost
    if holder.other_nation:
        default = holder.other_nation_default
    if own is not None:
        return own, RateSource.DEPUTY_PAY_BAND if deputy else RateSource.PAY_BAND
    if default is not None:
        return default, RateSource.WORKSPACE_DEFAULT
    return None, RateSource.MISSING


def _check(meeting_minutes: int, attendance: Attendance, status: AttendanceStatus) -> None:
    minutes = [attendance.preparation_minutes, attendance.travel_minutes]
    if attendance.minutes_in_meeting is not None:
        minutes.append(attendance.minutes_in_meeting)
        if attendance.minutes_in_meeting > meeting_minutes:
            raise ValueError(
                f"{attendance.person_id} is recorded for {attendance.minutes_in_meeting} minutes "
                f"of a {meeting_minutes}-minute meeting."
            )
    if any(value < 0 for value in minutes):
        raise ValueError(f"{attendance.person_id} has a negative number of minutes.")
    if status is AttendanceStatus.DEPUTY and attendance.deputy is None:
        raise ValueError(
            f"{attendance.person_id} is marked as sending a deputy, but no deputy is named."
        )


def _notes(lines: tuple[AttendanceCost, ...], default: Decimal | None) -> list[str]:
    notes = []
    defaulted = sum(1 for line in lines if line.rate_source is RateSource.WORKSPACE_DEFAULT)
    missing = sum(1 for line in lines if line.rate_source is RateSource.MISSING)
    deputies = sum(1 for line in lines if line.status is AttendanceStatus.DEPUTY)
    apologies = sum(1 for line in lines if line.status is AttendanceStatus.APOLOGIES)
    if defaulted and default is not None:
        notes.append(
            ngettext("%(count)s person without a pay band was costed at the workspace default of £%(rate)s/h.",
                     "%(count)s people without a pay band were costed at the workspace default of £%(rate)s/h.",
                     defaulted) % {"count": defaulted, "rate": default.quantize(PENNY)}
        )
    if missing:
        notes.append(
            ngettext("%(count)s person without a pay band was not costed, because the workspace has no default "
                     "hourly cost; the total leaves their time out.",
                     "%(count)s people without a pay band were not costed, because the workspace has no default "
                     "hourly cost; the total leaves their time out.", missing) % {"count": missing}
        )
    if deputies:
        notes.append(
            ngettext("%(count)s person sent a deputy, costed at the deputy's own time and band.",
                     "%(count)s people sent a deputy, costed at the deputy's own time and band.",
                     deputies) % {"count": deputies}
        )
    if apologies:
        notes.append(ngettext("%(count)s person gave apologies and was not costed.",
                              "%(count)s people gave apologies and were not costed.", apologies) % {"count": apologies})
    return notes


def _hours(minutes: int) -> Decimal:
    return (Decimal(minutes) / MINUTES_PER_HOUR).quantize(PENNY, ROUND_HALF_UP)


def _share(part: int, whole: int) -> Decimal | None:
    if whole == 0:
        return None
    return (Decimal(part) / Decimal(whole)).quantize(SHARE_PLACES, ROUND_HALF_UP)


# --- The ledger -------------------------------------------------------------


class PeriodKind(StrEnum):
    MONTH = "month"
    CALENDAR_QUARTER = "calendar quarter"
    CALENDAR_YEAR = "calendar year"
    FINANCIAL_QUARTER = "financial quarter"  # Q1 = April–June
    FINANCIAL_YEAR = "financial year"  # 1 April to 31 March


@dataclass(frozen=True)
class LedgerAction:
    """An action agreed at a meeting."""

    due_on: date | None
    completed_on: date | None = None


@dataclass(frozen=True)
class LedgerMeeting:
    """One meeting as the ledger sees it.

    Build it from a :class:`MeetingCost`: ``cost=mc.total``,
    ``people_minutes=mc.people_minutes``,
    ``cost_by_organisation=mc.by_organisation()``.
    """

    meeting_id: Hashable
    held_on: date
    cost: Decimal
    people_minutes: int = 0
    cost_by_organisation: Mapping[Hashable | None, Decimal] = field(default_factory=dict)
    decisions: int = 0
    decisions_linked_to_outcome: int = 0
    actions: tuple[LedgerAction, ...] = ()


@dataclass(frozen=True)
class LedgerTotals:
    """What a set of meetings cost and what they produced."""

    period: Period | None
    meetings: int
    cost: Decimal
    people_minutes: int
    decisions: int
    decisions_linked_to_outcome: int
    actions_assessed: int  # with a due date, and either done or past due
    actions_completed_on_time: int

    @property
    def people_hours(self) -> Decimal:
        return _hours(self.people_minutes)

    @property
    def share_linked_to_outcome(self) -> Decimal | None:
        """Decisions linked to an outcome ÷ all decisions, to 4 places; None if none."""
        return _share(self.decisions_linked_to_outcome, self.decisions)

    @property
    def share_on_time(self) -> Decimal | None:
        """Actions done by their due date ÷ actions assessed, to 4 places; None if none."""
        return _share(self.actions_completed_on_time, self.actions_assessed)

    @property
    def cost_per_linked_decision(self) -> Decimal | None:
        """Cost ÷ decisions linked to an outcome, to the penny; None when there are none."""
        if self.decisions_linked_to_outcome == 0:
            return None
        return (self.cost / self.decisions_linked_to_outcome).quantize(PENNY, ROUND_HALF_UP)


@dataclass(frozen=True)
class OrganisationCost:
    organisation_id: Hashable | None
    cost: Decimal
    share: Decimal | None  # of the total cost, to 4 places


# Kept: a ledger asks for the period of each of its meetings in three kinds (a
# partnership's 100 meetings: some 400 asks), and a period is the same every time.
@lru_cache(maxsize=8192)
def period_containing(day: date, kind: PeriodKind) -> Period:
    """The month, quarter or year (calendar or UK financial) that ``day`` falls
    in: an indicators Period, both ends inclusive. Months are labelled
    "2026-03" in the ledger; the other labels are the periods' own."""
    kind = PeriodKind(kind)
    if kind is PeriodKind.MONTH:
        return replace(month_period(day.year, day.month), label=format(day, "%Y-%m"))
    if kind is PeriodKind.CALENDAR_QUARTER:
        return quarter_period(day.year, (day.month - 1) // 3 + 1)
    if kind is PeriodKind.CALENDAR_YEAR:
        return year_period(day.year)
    first_year = day.year if day.month >= 4 else day.year - 1
    if kind is PeriodKind.FINANCIAL_YEAR:
        return financial_year_period(first_year)
    return financial_quarter_period(first_year, ((day.month - 4) % 12) // 3 + 1)


def ledger_totals(
    meetings: Iterable[LedgerMeeting], *, as_of: date, period: Period | None = None
) -> LedgerTotals:
    """Add up ``meetings`` (only those held in ``period``, if given).

    An action counts towards "on time" once it has a due date and is either
    done or past due on ``as_of``; it is on time when done on or before its
    due date. Actions with no due date are not counted.
    """
    chosen = [m for m in meetings if period is None or period.start <= m.held_on <= period.end]
    actions = [a for m in chosen for a in m.actions if a.due_on is not None]
    assessed = [a for a in actions if a.completed_on is not None or a.due_on < as_of]
    return LedgerTotals(
        period=period,
        meetings=len(chosen),
        cost=sum((m.cost for m in chosen), Decimal("0.00")),
        people_minutes=sum(m.people_minutes for m in chosen),
        decisions=sum(m.decisions for m in chosen),
        decisions_linked_to_outcome=sum(m.decisions_linked_to_outcome for m in chosen),
        actions_assessed=len(assessed),
        actions_completed_on_time=sum(
            1 for a in assessed if a.completed_on is not None and a.completed_on <= a.due_on
        ),
    )


def ledger_by_period(
    meetings: Iterable[LedgerMeeting], kind: PeriodKind, *, as_of: date
) -> list[LedgerTotals]:
    """Totals for every period from the first meeting's to the last's, in order.

    Periods with no meetings in between are included (with zero totals) so
    that a chart of the ledger has no gaps.
    """
    meetings = list(meetings)
    if not meetings:
        return []
    # Each meeting put in its period once, so that every period adds up its own
    # meetings rather than looking through all of them (a partnership with 100
    # meetings over five years: 87 periods, 8,700 looks on every ledger).
    held_in = defaultdict(list)
    for m in meetings:
        held_in[period_containing(m.held_on, kind).start].append(m)
    period = period_containing(min(m.held_on for m in meetings), kind)
    last = period_containing(max(m.held_on for m in meetings), kind)
    result = []
    while period <= last:
        result.append(ledger_totals(held_in.get(period.start, ()), as_of=as_of, period=period))
        period = period_containing(period.end + timedelta(days=1), kind)
    return result


def ledger_by_organisation(meetings: Iterable[LedgerMeeting]) -> list[OrganisationCost]:
    """Each organisation's share of the cost, largest first."""
    totals: dict[Hashable | None, Decimal] = defaultdict(Decimal)
    for meeting in meetings:
        for organisation, cost in meeting.cost_by_organisation.items():
            totals[organisation] += cost
    whole = sum(totals.values(), Decimal(0))
    shares = [
        OrganisationCost(
            organisation,
            cost,
            (cost / whole).quantize(SHARE_PLACES, ROUND_HALF_UP) if whole else None,
        )
        for organisation, cost in totals.items()
    ]
    return sorted(shares, key=lambda row: (-row.cost, str(row.organisation_id)))

