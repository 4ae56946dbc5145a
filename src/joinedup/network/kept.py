"""The network's figures kept in the database (issue 19).

Betweenness and cut vertices of the people, the overlapping pairs of
partnerships and the whole-web figures need the whole web of a workspace at
once, and summing up a year of attendance reads every line of it: at national
scale, seconds. So they are worked out once per workspace, day and filters of
the network page (`Figures` rows), on first need or by a worker, and every app
process, worker and review reads them.

They are known to be out of date by their fingerprint: the number, the
highest id and the latest change of the records of the workspace they are
worked out from (partnerships, outcomes, organisations, people, memberships
and meetings; an attendance line saved or deleted on its own marks its
meeting changed -- see `apps.py`; the meeting form, the API and the calendar
import write attendance only with their meeting). A page shown from figures
worked out before the latest change says so ("as at ..., being worked out
again") while a worker works them out again; a review always waits for
figures that are up to date."""

import contextvars
import hashlib
from collections import OrderedDict
from contextlib import contextmanager
from dataclasses import dataclass, field, fields, replace
from datetime import date, datetime, timedelta

from django.db import IntegrityError, connection, transaction
from django.utils import timezone, translation

from joinedup.meetings.models import Meeting
from joinedup.organisations.models import Organisation, Person
from joinedup.partnerships.models import Membership, Outcome, Partnership
from joinedup.workspaces.access import for_workspace

from . import headlines, metrics
from .models import Figures
from .presenters import filtered
from .records import register_of, web_as_at
from .web import Seat, Seating, Web

# Bumped when what is kept changes shape: figures of another shape are worked out again.
SHAPE = 1
# Figures of days long gone are deleted when new ones are kept.
KEPT_FOR = timedelta(days=30)
# Webs already read from kept figures, in this process, by workspace, day,
# filters and fingerprint: checked against the database's fingerprint on every
# use, so never out of date; only spares reading the same row again.
_READ = OrderedDict()
READ_KEPT = 4


# Fingerprints already asked in the block of `fingerprints_held`, by workspace id.
_HELD = contextvars.ContextVar("kept_network_fingerprints", default=None)


@contextmanager
def fingerprints_held():
    """Within the block, each workspace's fingerprint is asked of the database
    once. For one page that reads the kept figures more than once (the
    partnership page: the review's facts, then its network headlines): the
    second read would otherwise ask the same six-table count again (tens of
    milliseconds at national scale). Nothing the block writes is in the
    fingerprint (kept figures are not), so it stays true within one page."""
    token = _HELD.set({})
    try:
        yield
    finally:
        _HELD.reset(token)


def fingerprint(workspace):
    """Changes whenever a record the web is read from is added, changed,
    archived or deleted."""
    held = _HELD.get()
    key = getattr(workspace, "pk", workspace)
    if held is not None and key in held:
        return held[key]
    found = _fingerprint(workspace)
    if held is not None:
        held[key] = found
    return found


def _fingerprint(workspace):
    selects, values = [], []
    for model in (Partnership, Outcome, Organisation, Person, Membership, Meeting):
        rows = for_workspace(model, workspace).order_by().values("pk", "updated_at")
        sql, params = rows.query.sql_with_params()
        # Django's own SQL, its values passed apart.
        selects.append(f"SELECT {len(selects)}, COUNT(*), MAX(t.pk), MAX(t.updated_at) FROM ({sql}) t")  # noqa: S608
        values.extend(params)
    # One question to the database rather than six.
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(selects), values)
        parts = sorted(cursor.fetchall())
    return hashlib.sha256(repr([SHAPE, parts]).encode()).hexdigest()


@dataclass(frozen=True)
class KeptNetwork:
    """A web to look at on one day, with its whole-web figures."""

    web: Web
    day: date
    pairs: list  # metrics.PairOverlap, most alike first
    people: dict  # person id: metrics.PersonFigures
    whole: metrics.WorkspaceFigures
    made_at: datetime
    # Worked out before the records last changed: being worked out again.
    out_of_date: bool = False
    # What pages make of these figures (their rows, the drawing), kept with
    # them in this process while they are up to date (`remembered`).
    made: dict = field(default_factory=dict, compare=False, repr=False)

    def remembered(self, key, work_out):
        """`work_out()`, once per key while these figures are up to date."""
        if self.out_of_date:
            return work_out()
        if key not in self.made:
            self.made[key] = work_out()
        return self.made[key]


def work_out(web, day):
    """The figures of the web on the day as kept (plain JSON)."""
    seating = web.seating_on(day)
    whole = metrics.workspace_figures(web, day)
    return {
        "shape": SHAPE,
        "seats": [[s.partnership_id, s.person_id, s.first_day.isoformat(), s.minutes] for s in seating.seats],
        "sent_deputies": sorted(seating.sent_deputies),
        "pairs": [[getattr(p, f.name) for f in fields(metrics.PairOverlap)] for p in metrics.overlapping_pairs(web, day)],
        "people": [[getattr(f, g.name) for g in fields(metrics.PersonFigures)]
                   for f in metrics.person_figures(web, day).values()],
        "whole": {f.name: getattr(whole, f.name) for f in fields(metrics.WorkspaceFigures)},
    }


def _seating(figures, day):
    return Seating(
        day=day,
        seats=tuple(Seat(pid, x, date.fromisoformat(first), minutes) for pid, x, first, minutes in figures["seats"]),
        sent_deputies=frozenset(figures["sent_deputies"]),
    )


def _read(row, web, out_of_date):
    """The kept figures over the web read now; when they are out of date,
    only what still names a partnership and people of the web."""
    figures = row.figures
    web = replace(web, seating=_seating(figures, row.day), _on_day={})
    pairs = [metrics.PairOverlap(*p) for p in figures["pairs"]]
    people = {p[0]: metrics.PersonFigures(*p) for p in figures["people"]}
    whole = figures["whole"]
    whole = metrics.WorkspaceFigures(**{
        **whole, "isolated_organisations": tuple(whole["isolated_organisations"]),
        "absent_sectors": tuple(whole["absent_sectors"]),
    })
    if out_of_date:
        pairs = [p for p in pairs if p.first_id in web.partnerships and p.second_id in web.partnerships]
        people = {x: f for x, f in people.items() if x in web.people}
        whole = replace(whole, isolated_organisations=tuple(
            o for o in whole.isolated_organisations if o in web.organisations))
    return KeptNetwork(web, row.day, pairs, people, whole, row.made_at, out_of_date)


def _usable(row):
    """The row if its figures are of the shape kept now."""
    return row if row is not None and row.figures.get("shape") == SHAPE else None


def keep(workspace, day, sector="", group="", seen=None):
    """Work out the figures now and keep them; returns the row."""
    seen = seen or fingerprint(workspace)
    web = filtered(web_as_at(workspace, day), sector, group)
    values = dict(fingerprint=seen, figures=work_out(web, day), made_at=timezone.now())
    key = dict(workspace=workspace, day=day, sector=sector, user_group=group)
    try:
        with transaction.atomic():
            row, _ = Figures.objects.update_or_create(**key, defaults=values)
    except IntegrityError:  # another process kept them first
        row = Figures.objects.get(**key)
    Figures.objects.filter(workspace=workspace, made_at__lt=timezone.now() - KEPT_FOR).delete()
    return row


def keep_up_to_date(workspace, day, sector="", group=""):
    """Work out and keep the figures of the day for these filters unless those
    kept are up to date. True when they were worked out now."""
    seen = fingerprint(workspace)
    row = _usable(Figures.objects.filter(workspace=workspace, day=day, sector=sector, user_group=group).first())
    if row is not None and row.fingerprint == seen:
        return False
    keep(workspace, day, sector, group, seen)
    return True


def network_as_at(workspace, day, sector="", group="", wait=False, start_task=None):
    """The web of the workspace on the day (for the filters) with its
    whole-web figures, from the kept figures: worked out now when there are
    none, or when they are out of date and `wait` (reviews) or no
    `start_task` is given; else (pages) the ones kept -- out of date, or,
    when there are none for today yet, of the latest earlier day -- marked out of
    date, while `start_task()` asks a worker, once, to work them out. Look
    at the web on the `day` of what is returned."""
    seen = fingerprint(workspace)
    # Sector labels are read in the language of the page.
    memo = (workspace.pk, day, sector, group, seen, translation.get_language())
    if memo in _READ:
        _READ.move_to_end(memo)
        return _READ[memo]
    rows = Figures.objects.filter(workspace=workspace, sector=sector, user_group=group)
    row = _usable(rows.filter(day=day).first())
    page = start_task is not None and not wait
    if page and (row is None or row.fingerprint != seen):
        # Figures out of date, or only those of an earlier day (a new day has
        # begun), are shown marked so while a worker works them out.
        new_day = row is None and day == timezone.localdate()
        shown = row or (_usable(rows.filter(day__lt=day).order_by("-day").first()) if new_day else None)
        wanted = hashlib.sha256(f"{day}:{seen}".encode()).hexdigest()
        if shown is not None and shown.asked_for != wanted:
            Figures.objects.filter(pk=shown.pk).update(asked_for=wanted)
            start_task()
            # A task run at once (no worker queue) has kept them already.
            done = _usable(rows.filter(day=day).first())
            shown = done if done is not None and done.fingerprint == seen else shown
        row = shown
    if row is None or (row.fingerprint != seen and not page):
        row = keep(workspace, day, sector, group, seen)
    web = filtered(register_of(workspace), sector, group)
    found = _read(row, web, out_of_date=row.fingerprint != seen or row.day != day)
    if not found.out_of_date:
        _READ[memo] = found
        while len(_READ) > READ_KEPT:
            _READ.popitem(last=False)
    return found


def for_pages(workspace, day, sector="", group=""):
    """`network_as_at` for a page: figures out of date are shown, marked so,
    while a worker works them out again (`tasks.work_out`)."""
    from . import tasks  # tasks reads this module

    return network_as_at(workspace, day, sector, group, start_task=lambda: tasks.work_out.enqueue(
        workspace.pk, day.isoformat(), sector, group))


def headlines_for(workspace, day, partnership_id=None):
    """The network facts that matter most (headlines.py) across the workspace,
    or for one of its partnerships, from the kept figures."""
    network = for_pages(workspace, day)
    if partnership_id is None:
        return network.remembered(("workspace headlines", translation.get_language()), lambda: (
            headlines.workspace_headlines(network.web, network.day, pairs=network.pairs)))
    return network.remembered(("partnership headlines", partnership_id, translation.get_language()), lambda: (
        headlines.partnership_headlines(network.web, network.day, partnership_id, pairs=network.pairs)))
