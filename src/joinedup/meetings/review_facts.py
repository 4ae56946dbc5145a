"""Plain facts about a partnership's meetings for the review rules
(review/cost_rules.py): one row per meeting, and the people at its meetings
who sit in many partnerships. Gathered for many partnerships at once."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count, Max, Q, Sum
from django.utils import timezone

from joinedup.organisations.models import Person
from joinedup.workspaces.access import for_workspace

from .cost import PENNY
from .ledger import attendances_at, costed_lines
from .load import people_and_their_partnerships
from .models import AttendanceStatus, Decision, Meeting, PayBand, PayScale


@dataclass(frozen=True)
class MeetingFacts:
    held_on: date
    cost: Decimal
    decisions: int
    decisions_linked: int
    attended: int  # present, or a deputy went
    expected: int  # everyone recorded, apologies included


@dataclass(frozen=True)
class BusyPerson:
    name: str
    partnerships: int


@dataclass(frozen=True)
class CostFacts:
    meetings: tuple = ()  # MeetingFacts, oldest first, up to the as-of date
    busy_people: tuple = field(default=())  # BusyPerson, everyone at its meetings in the last year


def _meetings(workspace, partnership_ids, as_of):
    rows = (
        for_workspace(Meeting, workspace).live().filter(partnership_id__in=partnership_ids)
        .annotate(n=Count("decisions"), linked=Count("decisions", filter=Q(decisions__outcome__isnull=False)))
        .values_list("id", "partnership_id", "starts_at", "n", "linked")
    )
    found = {}
    for pk, pid, starts, n, linked in rows:
        held_on = timezone.localtime(starts).date()
        if held_on <= as_of:
            found[pk] = (pid, held_on, n, linked)
    return found


def _lines_by_meeting(workspace, partnership_ids):
    lines = costed_lines(workspace, attendances_at(partnership_ids))
    grouped = lines.values("meeting_id").annotate(
        pence=Sum("line_pence"), attended=Count("id", filter=~Q(status=AttendanceStatus.APOLOGIES)),
        expected=Count("id"),
    ).order_by()
    return {row["meeting_id"]: row for row in grouped}


def _busy(workspace, partnership_ids, as_of):
    """{partnership id: [BusyPerson]}: everyone at its meetings in the last year, with the
    number of the workspace's partnerships each sat in."""
    pairs, counts = people_and_their_partnerships([workspace.id], as_of, partnership_ids)
    names = dict(for_workspace(Person, workspace).filter(id__in=list(counts)).values_list("id", "name"))
    busy = defaultdict(list)
    for pid, person_id in pairs:
        busy[pid].append(BusyPerson(names.get(person_id, ""), counts[person_id]))
    return busy


def facts_for(partnerships, as_of):
    """{partnership id: CostFacts} for the partnerships that have meetings."""
    # By the workspace's id: reading `partnership.workspace` of each would ask
    # for the workspace once per partnership unless the caller fetched it.
    by_workspace, one_of = defaultdict(list), {}
    for partnership in partnerships:
        by_workspace[partnership.workspace_id].append(partnership.id)
        one_of.setdefault(partnership.workspace_id, partnership)
    found = {}
    for workspace_id, ids in by_workspace.items():
        workspace = one_of[workspace_id].workspace
        meetings = _meetings(workspace, ids, as_of)
        if not meetings:
            continue
        lines = _lines_by_meeting(workspace, ids)
        busy = _busy(workspace, ids, as_of)
        grouped = defaultdict(list)
        for pk, (pid, held_on, n, linked) in meetings.items():
            line = lines.get(pk, {})
            cost = (Decimal(line.get("pence") or 0) * PENNY).quantize(PENNY)
            grouped[pid].append(MeetingFacts(held_on, cost, n, linked, line.get("attended", 0), line.get("expected", 0)))
        for pid, rows in grouped.items():
            found[pid] = CostFacts(
                meetings=tuple(sorted(rows, key=lambda m: m.held_on)),
                busy_people=tuple(sorted(busy[pid], key=lambda b: (-b.partnerships, b.name))),
            )
    return found


def sources(workspace, partnership_ids):
    """What the cost facts of these partnerships read besides the records the kept network
    figures' fingerprint already covers (network/kept.py: partnerships, outcomes,
    organisations, people, memberships, and the workspace's meetings with their attendance):
    the workspace's pay bands (number, highest id, latest change), its pay scale settings
    (no date of change: the settings themselves), and the partnerships' decisions (no date
    of change either: each one's meeting and outcome). Plain values; review/kept_facts.py
    fingerprints them with the rest."""
    bands = for_workspace(PayBand, workspace).order_by().aggregate(n=Count("pk"), last=Max("pk"), changed=Max("updated_at"))
    scale = list(PayScale.objects.filter(workspace=workspace).values_list(
        "pk", "default_band_id", "default_hourly_cost", "seeded_nations", "seeded_at"))
    decisions = list(Decision.objects.filter(meeting__partnership_id__in=list(partnership_ids)).order_by("pk")
                     .values_list("pk", "meeting_id", "outcome_id"))
    return [sorted(bands.items()), scale, decisions]
