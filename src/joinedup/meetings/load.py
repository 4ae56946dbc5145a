"""Meeting load across a workspace: who sits in which partnerships, for how
many hours a month and at what cost; and what each organisation gives.
Lines are costed and summed in the database (ledger.costed_lines)."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, time
from decimal import Decimal

from django.db.models import Case, Count, F, IntegerField, Q, Sum, When
from django.utils import timezone

from joinedup.organisations.models import Organisation, Person
from joinedup.partnerships.models import Partnership
from joinedup.workspaces.access import for_workspace

from .cost import PENNY
from .ledger import attendances_of, costed_lines
from .models import Attendance, AttendanceStatus

MONTHS = 12


@dataclass
class PersonLoad:
    id: int
    name: str
    organisation: str
    pay_band: str
    partnerships: list = field(default_factory=list)  # names
    meetings: int = 0
    minutes: int = 0
    cost: Decimal = Decimal("0.00")

    @property
    def hours_per_month(self):
        return (Decimal(self.minutes) / 60 / MONTHS).quantize(Decimal("0.1"))


@dataclass
class OrganisationLoad:
    name: str
    people: int
    minutes: int
    cost: Decimal

    @property
    def hours(self):
        return (Decimal(self.minutes) / 60).quantize(Decimal("0.1"))


@dataclass
class MeetingLoad:
    start: object
    end: object
    people: list
    organisations: list


def window(as_of):
    """The twelve months up to and including ``as_of``, as aware datetimes."""
    start = as_of.replace(year=as_of.year - 1) if not (as_of.month == 2 and as_of.day == 29) else as_of.replace(
        year=as_of.year - 1, day=28)
    zone = timezone.get_current_timezone()
    return (
        timezone.make_aware(datetime.combine(start, time.min), zone),
        timezone.make_aware(datetime.combine(as_of, time.max), zone),
    )


def _lines(workspace, as_of):
    start, end = window(as_of)
    attended = attendances_of(workspace).filter(meeting__starts_at__range=(start, end)).exclude(
        status=AttendanceStatus.APOLOGIES
    )
    return costed_lines(workspace, attended)


def meeting_load(workspace, as_of=None):
    """Each person's load over the last twelve months, people in the most
    partnerships first; and each organisation's total."""
    as_of = as_of or timezone.localdate()
    lines = _lines(workspace, as_of)
    grouped = lines.values("attendee_id", "meeting__partnership_id").annotate(
        pence=Sum("line_pence"), minutes=Sum("line_minutes"), meetings=Count("id")
    ).order_by()
    partnership_names = dict(for_workspace(Partnership, workspace).values_list("id", "name"))
    people = {
        p.id: PersonLoad(p.id, p.name, p.organisation.name if p.organisation else "", p.pay_band)
        for p in for_workspace(Person, workspace).select_related("organisation")
    }
    for row in grouped:
        load = people[row["attendee_id"]]
        load.partnerships.append(partnership_names[row["meeting__partnership_id"]])
        load.meetings += row["meetings"]
        load.minutes += row["minutes"] or 0
        load.cost += (Decimal(row["pence"] or 0) * PENNY).quantize(PENNY)
    busy = sorted(
        (p for p in people.values() if p.meetings),
        key=lambda p: (-len(p.partnerships), -p.minutes, p.name),
    )
    for load in busy:
        load.partnerships.sort()
    start, end = window(as_of)
    return MeetingLoad(start, end, busy, _organisations(workspace, lines))


def _organisations(workspace, lines):
    names = dict(for_workspace(Organisation, workspace).values_list("id", "name"))
    grouped = lines.values("org_id").annotate(
        pence=Sum("line_pence"), minutes=Sum("line_minutes"), people=Count("attendee_id", distinct=True)
    ).order_by()
    rows = [
        OrganisationLoad(
            names.get(row["org_id"], "No organisation recorded"), row["people"], row["minutes"] or 0,
            (Decimal(row["pence"] or 0) * PENNY).quantize(PENNY),
        )
        for row in grouped
    ]
    return sorted(rows, key=lambda r: (-r.minutes, r.name))


def partnerships_per_person(workspace_ids, as_of, attending=None):
    """{person id: set of partnership ids} over the last twelve months, for
    people who attended (or went as a deputy) in the given workspaces; with
    `attending` (partnership ids), only for people who attended those, which
    spares a review of one partnership reading every meeting in the workspace."""
    start, end = window(as_of)
    result = defaultdict(set)
    rows = Attendance.objects.filter(
        meeting__partnership__workspace_id__in=workspace_ids, meeting__archived_at__isnull=True,
        meeting__starts_at__range=(start, end),
    ).exclude(status=AttendanceStatus.APOLOGIES)
    people = None
    if attending is not None:
        people = {
            deputy_id if status == AttendanceStatus.DEPUTY else person_id
            for person_id, deputy_id, status in rows.filter(meeting__partnership_id__in=list(attending))
            .values_list("person_id", "deputy_id", "status").distinct()
        }
        rows = rows.filter(Q(person_id__in=people) | Q(deputy_id__in=people))
    for person_id, deputy_id, status, partnership_id in rows.values_list(
        "person_id", "deputy_id", "status", "meeting__partnership_id"
    ).distinct():
        who = deputy_id if status == AttendanceStatus.DEPUTY else person_id
        if people is None or who in people:
            result[who].add(partnership_id)
    return result


def people_and_their_partnerships(workspace_ids, as_of, partnership_ids):
    """Who attended (or went as a deputy to) the given partnerships' meetings over the
    last twelve months, and in how many of the workspaces' partnerships each sat then:
    ([(partnership id, person id)], {person id: partnerships}). What
    `partnerships_per_person` gives, counted by the database: a review of 200
    partnerships read every distinct pair of the workspace's year (tens of thousands)."""
    start, end = window(as_of)
    attendee = Case(When(status=AttendanceStatus.DEPUTY, then=F("deputy_id")), default=F("person_id"),
                    output_field=IntegerField())
    held = Attendance.objects.filter(meeting__archived_at__isnull=True, meeting__starts_at__range=(start, end)).exclude(
        status=AttendanceStatus.APOLOGIES).annotate(attendee=attendee)
    lines = held.filter(meeting__partnership__workspace_id__in=workspace_ids)
    # The partnerships' ids alone (read and scoped by the caller), as in ledger.attendances_at.
    theirs = held.filter(meeting__partnership_id__in=list(partnership_ids))
    pairs = list(theirs.values_list("meeting__partnership_id", "attendee").distinct().order_by())
    people = {who for _pid, who in pairs}
    # Their lines found by person and by deputy (both indexed), then kept by who went.
    counts = dict(
        lines.filter(Q(person_id__in=people) | Q(deputy_id__in=people), attendee__in=people).values("attendee")
        .annotate(n=Count("meeting__partnership_id", distinct=True)).values_list("attendee", "n").order_by()
    )
    return pairs, counts
