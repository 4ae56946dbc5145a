"""The attendance summed up by the database and the whole-web figures kept in
it (network/kept.py) give the same figures as every attendance line read into
Python, as the network app worked before (issue 19); and an edit shows up."""

import random
from dataclasses import replace
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from joinedup.meetings.models import Attendance, Meeting
from joinedup.network import kept, metrics, tasks
from joinedup.network.headlines import partnership_headlines, workspace_headlines
from joinedup.network.models import Figures
from joinedup.network.presenters import filtered
from joinedup.network.records import seating_of, web_of
from joinedup.network.web import ATTENDANCE_WINDOW
from joinedup.network.web import Attendance as Line
from joinedup.organisations.models import Organisation, Person
from joinedup.partnerships.models import Membership, Partnership
from tests.meetings.factories import at

from .webs import DAY, small_web

# --- The old way: every line read into Python (network/web.py and metrics.py before issue 19).


def old_people_on(web, day):
    since = day - ATTENDANCE_WINDOW
    seated = {pid: set() for pid in web.partnerships}
    for a in web.attendances:
        if a.partnership_id in seated and since < a.day <= day and not a.sent_deputy:
            seated[a.partnership_id].add(a.person_id)
    return seated


def old_tenures(web, day):
    seated = old_people_on(web, day)
    first = {}
    for a in web.attendances:
        if a.sent_deputy or a.day > day:
            continue
        key = (a.partnership_id, a.person_id)
        if key not in first or a.day < first[key]:
            first[key] = a.day
    tenures = {}
    for pid, people in seated.items():
        years = [(day - first[(pid, x)]).days / 365.25 for x in people]
        if years:
            tenures[pid] = sum(years) / len(years)
    return tenures


def old_hours_and_deputies(web, day):
    since = day - ATTENDANCE_WINDOW
    minutes, deputised = {}, set()
    for a in web.attendances:
        if a.sent_deputy:
            deputised.add(a.person_id)
        if since < a.day <= day and not a.sent_deputy:
            minutes[a.person_id] = minutes.get(a.person_id, 0) + a.minutes
    return {x: m / 60 / 12 for x, m in minutes.items()}, deputised


def random_web(seed):
    """The small web with a few hundred lines on random days round the year's
    edges, deputies among them, for partnerships 1–3 and people 1–3."""
    rng = random.Random(seed)
    web = small_web()
    lines = list(web.attendances)
    for _ in range(300):
        day = DAY + timedelta(days=rng.randint(-800, 40))
        pid, x = rng.randint(1, 3), rng.randint(1, 3)
        if rng.random() < 0.1:
            lines.append(Line(pid, x, day, 0, sent_deputy=True))
            lines.append(Line(pid, rng.randint(1, 3), day, 45, deputised=True))
        else:
            lines.append(Line(pid, x, day, rng.choice([30, 60, 90])))
    return replace(web, attendances=lines, _on_day={})


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("day", [DAY, DAY - timedelta(days=200), date(2025, 3, 11), date(2025, 3, 10)])
def test_the_seating_gives_the_figures_every_line_gave(seed, day):
    web = random_web(seed)
    assert web.people_on(day) == old_people_on(web, day)
    tenures = metrics.average_tenures(web, day)
    assert tenures.keys() == old_tenures(web, day).keys()
    for pid, years in old_tenures(web, day).items():
        assert tenures[pid] == pytest.approx(years, abs=1e-12)
    hours, deputised = old_hours_and_deputies(web, day)
    for x, f in metrics.person_figures(web, day).items():
        assert f.hours_per_month == pytest.approx(hours[x], abs=1e-12)
        assert f.has_deputy == (x in deputised)
    # A web filtered to some partnerships still counts everyone's hours in all of them.
    narrow = filtered(web, group="young_people")
    for x, f in metrics.person_figures(narrow, day).items():
        assert f.hours_per_month == pytest.approx(hours[x], abs=1e-12)


def test_a_web_read_for_one_day_is_not_looked_at_on_another():
    web = small_web()
    web = replace(web, attendances=[], seating=web.seating_on(DAY))
    assert web.people_on(DAY)[1] == {1, 2}
    with pytest.raises(ValueError):
        web.people_on(DAY - timedelta(days=1))


# --- In the database: the summed-up seating and the kept figures against every line.


@pytest.fixture
def busy(workspace, other_workspace, locality):
    """The conftest locality and more lines round the edges: a meeting a year
    less a day before DAY and one a year before it, one after DAY, minutes
    attended, apologies, an archived meeting, and a deputy sent by Ann again."""
    frailty, discharge, wren, ann = locality["frailty"], locality["discharge"], locality["wren"], locality["ann"]
    bob = Person.objects.create(workspace=workspace, name="Bob Ash", organisation=locality["orgs"]["Hospital"])
    day = date(2026, 6, 30)
    for when, partnership, minutes in [
        (at(2025, 7, 1, 0, 30), frailty, 60),  # 30 June 23:30 in UTC: a year before, left out
        (at(2025, 7, 1, 10), frailty, 45),  # a year less a day: in
        (at(2024, 2, 1, 10), discharge, 120),
        (at(2026, 7, 1, 10), discharge, 30),  # after the day
    ]:
        meeting = Meeting.objects.create(partnership=partnership, title="Board", starts_at=when, length_minutes=minutes)
        Attendance.objects.create(meeting=meeting, person=bob, minutes_attended=minutes // 3 or None)
        Attendance.objects.create(meeting=meeting, person=wren)
        Attendance.objects.create(meeting=meeting, person=ann, status="apologies")
    gone = Meeting.objects.create(partnership=discharge, title="Old", starts_at=at(2026, 1, 5, 10), length_minutes=60,
                                  archived_at=at(2026, 1, 6, 10))
    Attendance.objects.create(meeting=gone, person=ann)
    later = Meeting.objects.create(partnership=discharge, title="Later", starts_at=at(2026, 5, 5, 10), length_minutes=70)
    Attendance.objects.create(meeting=later, person=bob, status="deputy", deputy=ann)
    return {**locality, "bob": bob, "day": day}


DAYS = [date(2026, 6, 30), date(2026, 7, 1), date(2025, 7, 1), date(2025, 6, 30), date(2024, 12, 31)]


@pytest.mark.django_db
@pytest.mark.parametrize("day", DAYS)
def test_the_database_sums_up_the_lines_as_python_did(workspace, busy, day):
    lines = web_of(workspace)
    assert seating_of(workspace, lines, day) == lines.seating_on(day)


@pytest.mark.django_db
@pytest.mark.parametrize("day", DAYS)
def test_the_kept_figures_are_those_of_every_line(workspace, busy, day):
    lines = web_of(workspace)
    network = kept.network_as_at(workspace, day)
    assert not network.out_of_date
    web = network.web
    assert web.attendances == []
    assert metrics.partnership_figures(web, day) == metrics.partnership_figures(lines, day)
    assert network.pairs == metrics.overlapping_pairs(lines, day)
    assert network.people == metrics.person_figures(lines, day)
    assert network.whole == metrics.workspace_figures(lines, day)
    assert workspace_headlines(web, day, pairs=network.pairs) == workspace_headlines(lines, day)
    for pid in lines.partnerships:
        assert partnership_headlines(web, day, pid, pairs=network.pairs) == partnership_headlines(lines, day, pid)
    # Read again: the row kept, not worked out again.
    kept._READ.clear()
    made = Figures.objects.get(workspace=workspace, day=day).made_at
    assert kept.network_as_at(workspace, day).made_at == made


@pytest.mark.django_db
def test_filtered_figures_are_kept_apart(workspace, busy):
    day = busy["day"]
    lines = filtered(web_of(workspace), "voluntary_community")
    network = kept.network_as_at(workspace, day, "voluntary_community")
    assert list(network.web.partnerships) == [busy["frailty"].pk]
    assert network.people == metrics.person_figures(lines, day)
    assert Figures.objects.filter(workspace=workspace, day=day).count() == 1
    kept.network_as_at(workspace, day)
    assert Figures.objects.filter(workspace=workspace, day=day).count() == 2


def later():
    """A moment after every record the fixtures made: update() does not set
    updated_at itself. (A fixed time worked only until the clock passed it.)"""
    return timezone.now() + timedelta(seconds=1)


def edits(busy):
    """Each makes a change the network figures must show."""
    frailty, discharge, wren = busy["frailty"], busy["discharge"], busy["wren"]

    def new_line():
        meeting = Meeting.objects.create(partnership=discharge, title="Extra", starts_at=at(2026, 6, 1, 10),
                                         length_minutes=60)
        Attendance.objects.bulk_create([Attendance(meeting=meeting, person=busy["ann"])])

    def line_changed_alone():
        line = Attendance.objects.get(meeting__partnership=discharge, person=wren, meeting__title="Board",
                                      meeting__starts_at=at(2026, 3, 2, 10))
        line.status = "apologies"
        line.save()

    def line_deleted_alone():
        Attendance.objects.get(meeting__partnership=frailty, person=busy["ann"], status="deputy").delete()

    def meeting_archived():
        meeting = Meeting.objects.get(partnership=frailty, starts_at=at(2026, 3, 2, 10))
        meeting.archived_at = at(2026, 6, 1, 10)
        meeting.save()

    def member_joined():
        Membership.objects.create(partnership=discharge, organisation=busy["orgs"]["Peer Voices"],
                                  joined_on=date(2026, 1, 1))

    def partnership_ended():
        Partnership.objects.filter(pk=discharge.pk).update(status="ended", updated_at=later())

    def organisation_moved():
        Organisation.objects.filter(name="Council").update(sector="user_led", updated_at=later())

    def person_renamed():
        wren.name = "Wren Vetch"
        wren.save()

    return [new_line, line_changed_alone, line_deleted_alone, meeting_archived, member_joined,
            partnership_ended, organisation_moved, person_renamed]


@pytest.mark.django_db
@pytest.mark.parametrize("which", range(8))
def test_an_edit_shows_up(workspace, busy, which):
    day = busy["day"]
    before = kept.network_as_at(workspace, day)
    edit = edits(busy)[which]
    edit()
    lines = web_of(workspace)
    # A page with no worker: the figures kept are shown, marked out of date.
    asked = []
    shown = kept.network_as_at(workspace, day, start_task=lambda: asked.append(True))
    assert shown.out_of_date and shown.made_at == before.made_at and asked == [True]
    kept.network_as_at(workspace, day, start_task=lambda: asked.append(True))
    assert asked == [True], "a worker is asked once"
    # A review waits for them; a page sees them once a worker has worked them out.
    for network in (kept.network_as_at(workspace, day, wait=True),
                    kept.network_as_at(workspace, day, start_task=lambda: asked.append(True))):
        assert not network.out_of_date
        assert network.web.partnerships == lines.partnerships
        assert network.web.people == lines.people
        assert network.pairs == metrics.overlapping_pairs(lines, day)
        assert network.people == metrics.person_figures(lines, day)
        assert network.whole == metrics.workspace_figures(lines, day)
        assert metrics.partnership_figures(network.web, day) == metrics.partnership_figures(lines, day)
    assert (before.pairs, before.people, before.whole, before.web.people) != (
        network.pairs, network.people, network.whole, network.web.people)


@pytest.mark.django_db
def test_the_page_says_when_its_figures_are_being_worked_out_again(client, viewer, workspace, busy, monkeypatch):
    client.force_login(viewer)
    url = reverse("network:home", args=[workspace.slug]) + "?as_at=30/6/2026"
    assert 'id="figures-out-of-date"' not in client.get(url).content.decode()
    queued, work_out = [], tasks.work_out

    class NoWorker:
        def enqueue(*args):
            queued.append(args[1:])

    monkeypatch.setattr(tasks, "work_out", NoWorker())
    busy["wren"].name = "Wren Vetch"
    busy["wren"].save()
    html = client.get(url).content.decode()
    assert 'id="figures-out-of-date"' in html and "being worked out again" in html
    assert queued == [(workspace.pk, "2026-06-30", "", "")]
    work_out.call(*queued[0])
    html = client.get(url).content.decode()
    assert 'id="figures-out-of-date"' not in html and "Wren Vetch<" in html


@pytest.mark.django_db
def test_on_a_new_day_pages_show_the_days_before_while_a_worker_works_them_out(
        client, viewer, workspace, busy, monkeypatch):

    today = timezone.localdate()
    before = kept.network_as_at(workspace, today - timedelta(days=1))
    queued, work_out = [], tasks.work_out

    class NoWorker:
        def enqueue(*args):
            queued.append(args[1:])

    monkeypatch.setattr(tasks, "work_out", NoWorker())
    shown = kept.for_pages(workspace, today)
    assert shown.out_of_date and shown.day == before.day and shown.made_at == before.made_at
    assert queued == [(workspace.pk, today.isoformat(), "", "")]
    client.force_login(viewer)
    assert 'id="figures-out-of-date"' in client.get(reverse("network:home", args=[workspace.slug])).content.decode()
    # Every page looks at the web on the day of the figures shown. (The
    # partnership page's review facts wait for today's, last.)
    for url in (reverse("workspaces:home", args=[workspace.slug]),
                reverse("network:suggestions", args=[workspace.slug, busy["frailty"].pk]),
                reverse("network:drawing_svg", args=[workspace.slug]),
                reverse("network:people_table", args=[workspace.slug, "csv"])):
        assert client.get(url).status_code == 200, url
    assert len(queued) == 1, "a worker is asked once"
    # A day in the past with no figures kept is worked out at once, never shown from another day.
    past = kept.for_pages(workspace, date(2025, 7, 1))
    assert not past.out_of_date and past.day == date(2025, 7, 1)
    work_out.call(*queued[0])
    assert not kept.for_pages(workspace, today).out_of_date
    assert client.get(reverse("partnerships:detail", args=[workspace.slug, busy["frailty"].pk])).status_code == 200


@pytest.mark.django_db
def test_a_page_asks_the_fingerprint_once_and_sees_the_figures_it_would_see_without(workspace, busy):
    """The partnership page reads the kept figures twice (the review's facts, then
    its headlines) inside `fingerprints_held`: one fingerprint query, the same
    figures and headlines as asking twice, and nothing held after the block."""
    day = busy["day"]
    asked_apart = kept.network_as_at(workspace, day, wait=True)
    headlines_apart = kept.headlines_for(workspace, day, busy["frailty"].pk)
    kept._READ.clear()
    with CaptureQueriesContext(connection) as queries, kept.fingerprints_held():
        held = kept.network_as_at(workspace, day, wait=True)
        headlines_held = kept.headlines_for(workspace, day, busy["frailty"].pk)
        assert kept.fingerprint(workspace) == kept._fingerprint(workspace)
    assert sum("COUNT(*), MAX(t.pk), MAX(t.updated_at)" in q["sql"] for q in queries.captured_queries) == 2, (
        "once for the page, once more by this test's own _fingerprint")
    assert (held.pairs, held.people, held.whole, held.web) == (
        asked_apart.pairs, asked_apart.people, asked_apart.whole, asked_apart.web)
    assert headlines_held == headlines_apart
    # After the block every read asks again, so an edit shows up at once.
    for edit in edits(busy):
        seen = kept.fingerprint(workspace)
        edit()
        assert kept.fingerprint(workspace) != seen
