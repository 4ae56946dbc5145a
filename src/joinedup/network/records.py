"""Read one workspace's register and meetings into a plain `Web` (a fixed
number of queries, whatever the workspace's size)."""

from collections import defaultdict
from datetime import UTC, datetime, time, timedelta

from django.db.models import Case, Count, F, Min, Q, Sum, When
from django.db.models.functions import Coalesce

from joinedup.meetings.models import Attendance as AttendanceRow
from joinedup.meetings.models import AttendanceStatus
from joinedup.organisations.models import Organisation as OrganisationRow
from joinedup.organisations.models import Person as PersonRow
from joinedup.organisations.models import Sector
from joinedup.organisations.sectors import SECTOR_GROUPS
from joinedup.partnerships.models import Membership as MembershipRow
from joinedup.partnerships.models import Outcome as OutcomeRow
from joinedup.partnerships.models import Partnership as PartnershipRow
from joinedup.partnerships.models import Status
from joinedup.workspaces.access import for_workspace

from .web import (
    ATTENDANCE_WINDOW,
    Attendance,
    Membership,
    Organisation,
    Partnership,
    Person,
    Seat,
    Seating,
    Web,
)


def _live(queryset):
    return queryset.filter(archived_at__isnull=True)


def web_of(workspace):
    """The workspace's web: its organisations, people, partnerships (not
    archived, not ended), their memberships with dates, and who came to which
    meeting (every line: `web_as_at` reads the same summed up for one day).
    Someone who sent a deputy is recorded as having one; the deputy as having
    sat in the room."""
    web = register_of(workspace)
    web.attendances = _attendances(workspace, web)
    return web


def web_as_at(workspace, day):
    """The workspace's web to be looked at on one day: the register as
    `web_of` reads it, and the attendance summed up by the database for that
    day (`Seating`) instead of every line."""
    web = register_of(workspace)
    web.seating = seating_of(workspace, web, day)
    return web


def register_of(workspace):
    """The web without its attendance."""
    partnerships = _live(for_workspace(PartnershipRow, workspace)).exclude(status=Status.ENDED)
    outcomes = defaultdict(list)
    for pid, statement in _live(for_workspace(OutcomeRow, workspace)).values_list("partnership_id", "statement"):
        outcomes[pid].append(statement)
    # Labels as text in the language of the page (they are lazy translations).
    web = Web(sectors=[(value, str(label)) for value, label in Sector.choices], sector_groups=SECTOR_GROUPS)
    for pid, name, user_groups in partnerships.values_list("id", "name", "user_groups"):
        web.partnerships[pid] = Partnership(pid, name, user_groups, " ".join(outcomes[pid]))
    for oid, name, sector in _live(for_workspace(OrganisationRow, workspace)).values_list("id", "name", "sector"):
        web.organisations[oid] = Organisation(oid, name, sector)
    for xid, name, oid in _live(for_workspace(PersonRow, workspace)).values_list("id", "name", "organisation_id"):
        web.people[xid] = Person(xid, name, oid)
    rows = _live(for_workspace(MembershipRow, workspace)).filter(partnership_id__in=list(web.partnerships))
    web.memberships = [
        Membership(pid, oid, joined, left)
        for pid, oid, joined, left in rows.values_list("partnership_id", "organisation_id", "joined_on", "left_on")
    ]
    return web


def _lines(workspace, web):
    """The attendance lines the web counts: at live meetings of its
    partnerships, apologies left out."""
    return AttendanceRow.objects.filter(
        meeting__partnership__workspace=workspace,
        meeting__archived_at__isnull=True,
        meeting__partnership_id__in=list(web.partnerships),
    ).exclude(status=AttendanceStatus.APOLOGIES)


def _start_of(day):
    # A meeting's day is the day of its start in UTC, as `web_of` reads it.
    return datetime.combine(day, time(), tzinfo=UTC)


def seating_of(workspace, web, day):
    """The seating of `web.seating_of(lines, day)` asked of the database: one
    row per partnership and person who sat in its room (or a deputy who did)
    in the year to the day, with their first meeting and the year's minutes;
    and everyone who has ever sent a deputy."""
    lines = _lines(workspace, web)
    in_year = Q(meeting__starts_at__gte=_start_of(day - ATTENDANCE_WINDOW + timedelta(days=1)))
    sitter = Case(When(status=AttendanceStatus.DEPUTY, deputy__isnull=False, then=F("deputy_id")),
                  default=F("person_id"))
    rows = (
        lines.filter(meeting__starts_at__lt=_start_of(day + timedelta(days=1)))
        .annotate(sitter=sitter).values("meeting__partnership_id", "sitter")
        .annotate(first=Min("meeting__starts_at"), lines=Count("pk", filter=in_year),
                  minutes=Sum(Coalesce("minutes_attended", "meeting__length_minutes"), filter=in_year))
        .filter(lines__gt=0)
        .values_list("meeting__partnership_id", "sitter", "first", "minutes")
    )
    seats = [Seat(pid, x, first.astimezone(UTC).date(), minutes or 0)
             for pid, x, first, minutes in sorted(rows, key=lambda row: row[:2])]
    deputised = lines.filter(status=AttendanceStatus.DEPUTY, deputy__isnull=False).values_list("person_id", flat=True)
    return Seating(day=day, seats=tuple(seats), sent_deputies=frozenset(deputised.distinct()))


def _attendances(workspace, web):
    rows = _lines(workspace, web).values_list(
        "meeting__partnership_id", "meeting__starts_at", "meeting__length_minutes",
        "person_id", "status", "deputy_id", "minutes_attended",
    )
    found = []
    for pid, starts_at, length, person, status, deputy, attended in rows:
        day = starts_at.date()
        minutes = attended if attended is not None else length
        if status == AttendanceStatus.DEPUTY and deputy:
            found.append(Attendance(pid, person, day, 0, sent_deputy=True))
            found.append(Attendance(pid, deputy, day, minutes, deputised=True))
        else:
            found.append(Attendance(pid, person, day, minutes))
    return found
