"""Read one workspace's register and meetings into a plain `Web` (a fixed
number of queries, whatever the workspace's size)."""

from collections import defaultdict

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

from .web import Attendance, Membership, Organisation, Partnership, Person, Web


def _live(queryset):
    return queryset.filter(archived_at__isnull=True)


def web_of(workspace):
    """The workspace's web: its organisations, people, partnerships (not
    archived, not ended), their memberships with dates, and who came to which
    meeting. Someone who sent a deputy is recorded as having one; the deputy
    as having sat in the room."""
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
    web.attendances = _attendances(workspace, web)
    return web


def _attendances(workspace, web):
    rows = AttendanceRow.objects.filter(
        meeting__partnership__workspace=workspace,
        meeting__archived_at__isnull=True,
        meeting__partnership_id__in=list(web.partnerships),
    ).exclude(status=AttendanceStatus.APOLOGIES).values_list(
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
