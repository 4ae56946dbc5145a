"""The partnership page keeps a partnership's cost facts while the records they are
read from are unchanged (review/kept_facts.py). Each test shows the page, edits one
of those records, and shows it again: the page's cost facts must be those worked out
afresh from the records, and different from before (so the edit was one that matters)."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from joinedup.meetings import review_facts as cost_facts
from joinedup.meetings.models import Decision, PayBand, PayScale
from joinedup.organisations.models import Organisation, Person
from joinedup.partnerships.models import Partnership
from joinedup.review import kept_facts
from joinedup.review.facts import read_register
from tests.meetings.factories import attend, meeting


@pytest.fixture
def room(workspace, partnership, person, organisation, outcome):
    """Two meetings of the partnership in the last year, with the person at both."""
    now = timezone.now()
    first = meeting(partnership, now - timedelta(days=60))
    second = meeting(partnership, now - timedelta(days=30))
    attend(first, person)
    attend(second, person)
    return first, second


def shown(client, viewer, partnership):
    """The cost facts of the partnership page, checked against those worked out afresh."""
    client.force_login(viewer)
    response = client.get(reverse("partnerships:detail", args=[partnership.workspace.slug, partnership.pk]))
    assert response.status_code == 200
    page = response.context["page"]
    fresh = cost_facts.facts_for(read_register([partnership]), page.today).get(partnership.pk)
    assert page.facts.cost == fresh
    return page.facts.cost


def changes(client, viewer, partnership, edit):
    before = shown(client, viewer, partnership)
    assert kept_facts._KEPT  # kept after the first view
    edit()
    after = shown(client, viewer, partnership)
    assert after != before
    return before, after


def test_a_second_view_reads_the_kept_cost_facts(client, viewer, partnership, room):
    url = reverse("partnerships:detail", args=[partnership.workspace.slug, partnership.pk])
    client.force_login(viewer)
    client.get(url)  # seeds the workspace's pay scale, which changes the fingerprint
    client.get(url)
    with CaptureQueriesContext(connection) as first:
        client.get(url)
    kept_facts._KEPT.clear()
    with CaptureQueriesContext(connection) as worked_out:
        client.get(url)
    assert len(first) < len(worked_out)
    assert not any("meetings_attendance" in q["sql"] for q in first.captured_queries)


def test_an_attendance_line_added(client, viewer, partnership, room, workspace):
    other = Person.objects.create(workspace=workspace, name="Ben Okafor", pay_band="AfC 7")
    changes(client, viewer, partnership, lambda: attend(room[0], other))


def test_an_attendance_line_changed_and_deleted(client, viewer, partnership, room):
    line = room[0].attendances.get()

    def longer():
        line.preparation_minutes = 240
        line.save()

    changes(client, viewer, partnership, longer)
    changes(client, viewer, partnership, line.delete)


def test_a_meeting_changed_added_and_archived(client, viewer, partnership, room, person):
    first = room[0]

    def longer():
        first.length_minutes = 180
        first.save()

    def archived():
        first.archived_at = timezone.now()
        first.save()

    changes(client, viewer, partnership, longer)
    changes(client, viewer, partnership, lambda: attend(meeting(partnership, timezone.now() - timedelta(days=5)), person))
    changes(client, viewer, partnership, archived)


def test_a_decision_added_and_linked_to_an_outcome(client, viewer, partnership, room, outcome):
    # Decisions have no date of change and do not mark their meeting changed.
    decision = []
    changes(client, viewer, partnership, lambda: decision.append(Decision.objects.create(meeting=room[0], text="Fund it")))

    def linked():
        decision[0].outcome = outcome
        decision[0].save()

    changes(client, viewer, partnership, linked)


def test_a_persons_pay_band_changed(client, viewer, partnership, room, person):
    def promoted():
        person.pay_band = "AfC 9"
        person.save()

    changes(client, viewer, partnership, promoted)


def test_a_pay_band_changed(client, viewer, partnership, room, workspace, person):
    shown(client, viewer, partnership)  # seeds the workspace's pay scale

    def raised():
        band = PayBand.objects.get(workspace=workspace, code_key="AFC 8A", nation="england")
        band.annual_salary += 10000
        band.save()

    changes(client, viewer, partnership, raised)


def test_the_pay_scales_default_changed(client, viewer, partnership, room, workspace):
    Person.objects.filter(workspace=workspace).update(pay_band="")  # costed at the default
    shown(client, viewer, partnership)

    def default():
        PayScale.objects.filter(workspace=workspace).update(default_hourly_cost=Decimal("99.00"))

    changes(client, viewer, partnership, default)


def test_the_organisations_nation_changed(client, viewer, partnership, room, organisation):
    def moved():
        organisation.nation = "scotland"
        organisation.save()

    changes(client, viewer, partnership, moved)


def test_the_workspaces_nations_changed(client, viewer, partnership, room, workspace):
    def welsh():
        workspace.nations = "wales"
        workspace.save()

    changes(client, viewer, partnership, welsh)


def test_the_same_person_at_another_partnerships_meeting(client, viewer, partnership, room, workspace, person):
    # The busy people of the partnership: how many of the workspace's partnerships each sat in.
    other = Partnership.objects.create(workspace=workspace, name="Falls", form="coordinated_working")
    before, after = changes(client, viewer, partnership,
                            lambda: attend(meeting(other, timezone.now() - timedelta(days=3)), person))
    assert [b.partnerships for b in after.busy_people] == [2]


def test_a_persons_name_changed(client, viewer, partnership, room, person):
    def renamed():
        person.name = "Ada Okonkwo"
        person.save()

    changes(client, viewer, partnership, renamed)


def test_kept_per_day(client, viewer, partnership, room, monkeypatch):
    before = shown(client, viewer, partnership)
    later = timezone.localdate() + timedelta(days=400)  # the meetings fall out of the last year
    monkeypatch.setattr(timezone, "localdate", lambda *args: later)
    assert shown(client, viewer, partnership) != before


def test_organisations_other_than_the_members_do_not_matter_to_the_day(workspace, partnership, room):
    Organisation.objects.create(workspace=workspace, name="Elsewhere")  # for the fingerprint only
    assert kept_facts.fingerprint(workspace, [partnership.pk])


def test_only_so_many_partnerships_are_kept(client, viewer, partnership, room, workspace, monkeypatch):
    monkeypatch.setattr(kept_facts, "KEPT_PARTNERSHIPS", 1)
    other = Partnership.objects.create(workspace=workspace, name="Falls", form="coordinated_working")
    shown(client, viewer, partnership)
    assert shown(client, viewer, other) is None  # no meetings: kept as none
    assert [key[0] for key in kept_facts._KEPT] == [other.pk]
