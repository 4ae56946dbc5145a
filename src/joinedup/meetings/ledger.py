"""The cost ledger of a partnership, computed in the database.

Each attendance line is costed in SQL with the same rule as cost.meeting_cost:
hourly cost in pence × (minutes in the meeting + preparation + travel) ÷ 60,
rounded half up to the penny — done in integer arithmetic, ``(p × m + 30) / 60``,
so SQLite and PostgreSQL give exactly the pence Decimal arithmetic gives.
Lines are summed per meeting and organisation with one grouped query; the
periods, shares and cost per decision then come from cost.py over one plain
row per meeting."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db import connection
from django.db.models import Case, Count, F, FilteredRelation, IntegerField, Q, Sum, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from joinedup.organisations.models import Organisation, Person
from joinedup.workspaces.access import for_workspace

from .cost import (
    LedgerAction,
    LedgerMeeting,
    LedgerTotals,
    PeriodKind,
    ledger_by_organisation,
    ledger_by_period,
    ledger_totals,
)
from .models import Action, Attendance, AttendanceStatus, Meeting
from .scales import employer_nation, rates_for

PENCE = Decimal("0.01")


@dataclass(frozen=True)
class CostingSql:
    """The SQL expressions that cost one attendance line, for one workspace."""

    rate: object  # hourly pence of whoever's time was spent, or NULL
    minutes: object  # meeting + preparation + travel minutes spent
    pence: object  # the line's cost in pence, rounded half up
    attendee: object  # the person whose time was spent (the deputy, if one went)
    organisation: object  # whose organisation bears the cost
    defaulted: object  # a Q: the person whose time was spent is costed at the workspace default
    default_label: str
    default_pence: int | None
    rates: object = None  # the workspace's Rates
    # What the expressions were built from (the pence of each (band, nation) pair, the
    # pairs costed at the default, the default): the same key, the same SQL.
    key: tuple = ()


def _pairs_q(prefix, pairs):
    """A Q for people (`prefix` "person" or "deputy") written down with one of
    the (pay band, organisation's nation) pairs."""
    by_nation = defaultdict(list)
    for band, nation in pairs:
        by_nation[nation].append(band)
    found = Q(pk__in=[])
    for nation, bands in by_nation.items():
        found |= Q(**{f"{prefix}__pay_band__in": bands, f"{prefix}__organisation__nation": nation})
    return found


def _rate_for(prefix, groups, default_pence):
    whens = [When(_pairs_q(prefix, pairs), then=Value(pence, output_field=IntegerField()))
             for pence, pairs in groups.items()]
    default = Value(default_pence, output_field=IntegerField())
    return Case(*whens, default=default, output_field=IntegerField()) if whens else default


def costing_sql(workspace, rates=None):
    """Build the costing expressions from the workspace's pay scale and the pay bands its
    people are written down with, in their employer's nation: each (band, nation) pair
    once (a workspace of 6,000 people has a few dozen), not each person (whose ids made
    the SQL of one ledger 70 kB)."""
    rates = rates or rates_for(workspace)
    groups, defaulted, uncosted = defaultdict(list), set(), False
    # The employer joined on the workspace too (the same rows: a person's organisation is
    # one of their workspace's) lets PostgreSQL read the workspace's organisations by its
    # index rather than all of them (20,000 at national scale: 7 ms, now 3.5 ms).
    written = (for_workspace(Person, workspace).order_by()
               .annotate(employer=FilteredRelation("organisation", condition=Q(organisation__workspace=workspace)))
               .values_list("pay_band", "employer__nation").distinct())
    for band, organisation_nation in written:
        # Each person is costed with the bands of their employer's nation.
        nation = employer_nation(workspace, organisation_nation)
        pence = rates.pence_for(band, nation)
        if pence is None:
            defaulted.add((band, organisation_nation))
            pence = rates.default_pence_in(nation)
            uncosted = uncosted or pence is None
            if pence == rates.default_pence:
                continue
        groups[pence].append((band, organisation_nation))
    deputy = Q(status=AttendanceStatus.DEPUTY)
    rate = Case(
        When(status=AttendanceStatus.APOLOGIES, then=Value(0)),
        When(deputy, then=_rate_for("deputy", groups, rates.default_pence)),
        default=_rate_for("person", groups, rates.default_pence),
        output_field=IntegerField(),
    )
    minutes = Case(
        When(status=AttendanceStatus.APOLOGIES, then=Value(0)),
        default=Coalesce("minutes_attended", "meeting__length_minutes")
        + Coalesce("preparation_minutes", "meeting__preparation_minutes")
        + Coalesce("travel_minutes", "meeting__travel_minutes"),
        output_field=IntegerField(),
    )
    pence = (rate * minutes + Value(30)) / Value(60)
    attendee = Case(When(deputy, then=F("deputy_id")), default=F("person_id"), output_field=IntegerField())
    organisation = Case(
        When(deputy, then=Coalesce("deputy__organisation_id", "person__organisation_id")),
        default=F("person__organisation_id"), output_field=IntegerField(),
    )
    defaulted_q = (Q(status=AttendanceStatus.DEPUTY) & _pairs_q("deputy", defaulted)) | (
        ~Q(status=AttendanceStatus.DEPUTY) & _pairs_q("person", defaulted))
    # default_pence is None when someone without a band has no default in their
    # nation, so that the ledger says people were left out rather than hiding it.
    key = (
        tuple(sorted(((p, tuple(sorted(pairs, key=repr))) for p, pairs in groups.items()), key=repr)),
        tuple(sorted(defaulted, key=repr)), rates.default_pence,
    )
    return CostingSql(
        rate, minutes, pence, attendee, organisation, defaulted_q, rates.default_label,
        None if uncosted else rates.default_pence, rates, key,
    )


def costed_lines(workspace, attendances, sql=None):
    """Attendance rows annotated with line_pence, line_minutes, attendee_id and org_id."""
    sql = sql or costing_sql(workspace)
    return attendances.annotate(
        line_pence=sql.pence, line_minutes=sql.minutes, attendee_id=sql.attendee, org_id=sql.organisation,
    )


def attendances_at(partnership_ids):
    """Every attendance line of the live meetings of these partnerships, read (and scoped
    to their workspace) by the caller. Not joined to the workspace again: PostgreSQL
    then guesses a tenth of the lines (one workspace's share of all partnerships), and
    for 200 partnerships' 200,000 lines built a hash table on disk (10 s instead of 0.3 s)."""
    return Attendance.objects.filter(meeting__partnership_id__in=list(partnership_ids),
                                     meeting__archived_at__isnull=True)


def attendances_of(workspace):
    """Every attendance line of the workspace's live meetings (joined, not a subquery of
    the workspace's meetings, which PostgreSQL checked line by line)."""
    return Attendance.objects.filter(meeting__partnership__workspace=workspace, meeting__archived_at__isnull=True)


@dataclass
class MeetingRow:
    id: int
    title: str
    starts_at: object
    held_on: date
    cost: Decimal = Decimal("0.00")
    people_minutes: int = 0
    attended: int = 0
    apologies: int = 0
    defaulted: int = 0
    decisions: int = 0
    linked: int = 0
    by_organisation: dict = field(default_factory=dict)

    @property
    def no_attendance(self):
        """No one is recorded as present, sent apologies or a deputy: the cost is
        unknown, not nothing."""
        return self.attended == 0 and self.apologies == 0


@dataclass
class Ledger:
    partnership: object
    meetings: list  # MeetingRow of the meetings held up to the as-of date, oldest first
    totals: LedgerTotals
    by_month: list
    by_quarter: list
    by_year: list
    by_organisation: list  # (organisation name, OrganisationCost)
    defaulted_people: int
    default_label: str
    missing_rate: bool
    planned: list = field(default_factory=list)  # MeetingRow after the as-of date: not held, not counted
    rates: object = None  # the workspace's Rates it was costed with (scales.rates_for)

    @property
    def without_attendance(self):
        return [row for row in self.meetings if row.no_attendance]


def _meeting_rows(workspace, partnership):
    meetings = (
        for_workspace(Meeting, workspace).live().filter(partnership=partnership)
        .annotate(n_decisions=Count("decisions"), n_linked=Count("decisions", filter=Q(decisions__outcome__isnull=False)))
        .values_list("id", "title", "starts_at", "n_decisions", "n_linked")
        .order_by("starts_at", "id")
    )
    return {
        pk: MeetingRow(pk, title, starts_at, timezone.localtime(starts_at).date(), decisions=d, linked=linked)
        for pk, title, starts_at, d, linked in meetings
    }


# The SQL of a partnership's grouped lines, by (database, partnership, costing key):
# building and compiling its CASE of pay bands took 5 ms of every ledger, and the SQL
# depends on nothing else. The figures are read afresh each time.
_GROUPED_LINES = {}
GROUPED_LINES_KEPT = 2048


def _grouped_lines(workspace, partnership, sql):
    """(meeting, organisation, attendee if costed at the default, pence, minutes,
    attended, apologies) of the partnership's live meetings."""
    lines = costed_lines(workspace, attendances_at([partnership.pk]), sql)
    not_apologies = ~Q(status=AttendanceStatus.APOLOGIES)
    defaulted_attendee = Case(When(not_apologies & sql.defaulted, then=sql.attendee),
                              default=Value(None), output_field=IntegerField())
    return lines.annotate(defaulted_attendee=defaulted_attendee).values(
        "meeting_id", "org_id", "defaulted_attendee").annotate(
        pence=Sum("line_pence"), minutes=Sum("line_minutes"),
        attended=Count("id", filter=not_apologies),
        apologies=Count("id", filter=Q(status=AttendanceStatus.APOLOGIES)),
    ).order_by().values_list("meeting_id", "org_id", "defaulted_attendee", "pence", "minutes", "attended", "apologies")


def _add_lines(workspace, partnership, rows, sql):
    """Cost the meetings' lines into their rows; returns how many different people at
    them were costed at the default. One grouped query does both: the lines are grouped
    by meeting and organisation and, for the lines costed at the default only, by
    attendee too (a few more rows: 530 become 540 for a partnership of 1,000 lines)
    rather than a second pass over the same joins to count them apart."""
    key = (connection.vendor, partnership.pk, sql.key)
    statement = _GROUPED_LINES.get(key)
    if statement is None:
        statement = _grouped_lines(workspace, partnership, sql).query.sql_with_params()
        if len(_GROUPED_LINES) >= GROUPED_LINES_KEPT:
            _GROUPED_LINES.clear()
        _GROUPED_LINES[key] = statement
    with connection.cursor() as cursor:
        cursor.execute(*statement)
        grouped = cursor.fetchall()
    # Summed in whole pence, made into pounds once per meeting and organisation:
    # each line's pence is whole, so the total is the one Decimal arithmetic gives.
    groups, defaulted = {}, set()
    for meeting_id, org_id, attendee_id, pence, minutes, attended, apologies in grouped:
        group = groups.setdefault((meeting_id, org_id), [0, 0, 0, 0, 0])
        group[0] += pence or 0
        group[1] += minutes or 0
        group[2] += attended
        group[3] += apologies
        if attendee_id is not None:
            group[4] += attended
            defaulted.add(attendee_id)
    for (meeting_id, org_id), (pence, minutes, attended, apologies, n_defaulted) in groups.items():
        row = rows[meeting_id]
        cost = (Decimal(pence) * PENCE).quantize(PENCE)
        row.cost += cost
        row.people_minutes += minutes
        row.attended += attended
        row.apologies += apologies
        row.defaulted += n_defaulted
        if attended:
            row.by_organisation[org_id] = row.by_organisation.get(org_id, Decimal("0.00")) + cost
    return len(defaulted)


def partnership_ledger(workspace, partnership, as_of=None, rates=None):
    """The whole ledger of one partnership's live meetings."""
    as_of = as_of or timezone.localdate()
    sql = costing_sql(workspace, rates)
    rows = _meeting_rows(workspace, partnership)
    defaulted = _add_lines(workspace, partnership, rows, sql)
    # A meeting after the as-of date has not been held: it is planned, and is
    # neither counted nor costed (a series that never ends imports many).
    planned = [row for row in rows.values() if row.held_on > as_of]
    rows = {pk: row for pk, row in rows.items() if row.held_on <= as_of}
    actions = defaultdict(list)
    for meeting_id, due_on, done_on in Action.objects.filter(meeting_id__in=list(rows)).values_list(
        "meeting_id", "due_on", "done_on"
    ):
        actions[meeting_id].append(LedgerAction(due_on, done_on))
    plain = [
        LedgerMeeting(
            meeting_id=row.id, held_on=row.held_on, cost=row.cost, people_minutes=row.people_minutes,
            cost_by_organisation=row.by_organisation, decisions=row.decisions,
            decisions_linked_to_outcome=row.linked, actions=tuple(actions[row.id]),
        )
        for row in rows.values()
    ]
    by_organisation = ledger_by_organisation(plain)
    names = dict(for_workspace(Organisation, workspace).filter(
        id__in=[row.organisation_id for row in by_organisation if row.organisation_id is not None],
    ).values_list("id", "name"))
    return Ledger(
        partnership=partnership,
        meetings=list(rows.values()),
        totals=ledger_totals(plain, as_of=as_of),
        by_month=ledger_by_period(plain, PeriodKind.MONTH, as_of=as_of),
        by_quarter=ledger_by_period(plain, PeriodKind.FINANCIAL_QUARTER, as_of=as_of),
        by_year=ledger_by_period(plain, PeriodKind.FINANCIAL_YEAR, as_of=as_of),
        by_organisation=[
            (names.get(row.organisation_id, _("No organisation recorded")), row)
            for row in by_organisation
        ],
        defaulted_people=defaulted,
        default_label=sql.default_label,
        missing_rate=bool(defaulted) and sql.default_pence is None,
        planned=planned,
        rates=sql.rates,
    )

