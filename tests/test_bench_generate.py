"""bench/generate.py's national set at a tiny scale: the counts asked for, every
row in its own workspace, and the pages of a generated workspace answer."""

import sys
from pathlib import Path

import pytest
from django.db.models import F, Q
from django.urls import reverse

from joinedup.indicators.models import Indicator, Measurement
from joinedup.meetings.models import Action, Attendance, Meeting
from joinedup.organisations.models import Organisation, Person
from joinedup.partnerships.models import Membership, Partnership
from joinedup.surveys.models import Response, Wave
from joinedup.workspaces.models import Role, UserRole, Workspace

from .conftest import kept_for_the_module

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

import generate  # noqa: E402

SCALE = 0.001  # 1 workspace... 3 partnerships, 300 meetings, 3,000 attendance lines, 3,000 values, 1,000 answers
TWO = 0.01  # two workspaces, to see that none borrows from the other


@pytest.fixture(scope="module")
def national_set(django_db_setup, django_db_blocker):
    """Two workspaces of the national set, generated once for the module."""
    with kept_for_the_module(django_db_blocker,
                             lambda: generate.generate_national(TWO, seed=3, log=lambda *_: None)) as made:
        yield made


@pytest.fixture
def national(db, national_set):
    return national_set


def test_sizes_scale_the_national_figures():
    assert generate.sizes(1.0) == {
        "workspaces": 150, "partnerships": 3_000, "organisations": 20_000, "people": 60_000,
        "meetings": 300_000, "attendances": 3_000_000, "indicators": 50_000, "measurements": 3_000_000,
        "survey answers": 1_000_000,
    }
    small = generate.sizes(SCALE)
    assert small["workspaces"] == 1 and small["partnerships"] == 3 and small["attendances"] == 3_000


def test_spread_sums_exactly_and_keeps_the_minimum():
    counts = generate.spread(3_000, [(rank + 1) ** -0.8 for rank in range(150)], minimum=1)
    assert sum(counts) == 3_000 and min(counts) >= 1 and counts == sorted(counts, reverse=True)


def test_the_national_set_has_the_counts_asked_for(national):
    wanted = generate.sizes(TWO)
    assert Workspace.objects.filter(slug__startswith="nat-").count() == wanted["workspaces"] == 2
    assert Partnership.objects.count() == wanted["partnerships"]
    assert Organisation.objects.count() == wanted["organisations"]
    assert Person.objects.count() == wanted["people"]
    assert Meeting.objects.count() == wanted["meetings"]
    assert Attendance.objects.count() == wanted["attendances"]
    assert Indicator.objects.count() == wanted["indicators"]
    assert Measurement.objects.count() == wanted["measurements"]
    assert Response.stored.count() == wanted["survey answers"]
    assert national["meetings.Attendance"] == wanted["attendances"]
    assert national["surveys.Response"] == wanted["survey answers"]


def test_every_row_belongs_to_its_own_workspace(national):
    ws = "meeting__partnership__workspace"
    assert not Attendance.objects.exclude(person__workspace=F(ws)).exists()
    assert not Attendance.objects.filter(deputy__isnull=False).exclude(deputy__workspace=F(ws)).exists()
    assert not Attendance.objects.filter(status="deputy", deputy__isnull=True).exists()
    assert not Action.objects.filter(owner__isnull=False).exclude(owner__workspace=F(ws)).exists()
    assert not Membership.objects.exclude(organisation__workspace=F("partnership__workspace")).exists()
    assert not Membership.objects.filter(representative__isnull=False).exclude(
        representative__workspace=F("partnership__workspace")).exists()
    assert not Measurement.objects.exclude(area__workspace=F("indicator__partnership__workspace")).exists()
    assert not Indicator.objects.filter(outcome__isnull=False).exclude(
        outcome__partnership=F("partnership")).exists()
    assert not Person.objects.exclude(organisation__workspace=F("workspace")).exists()
    assert Wave.objects.filter(~Q(status="closed")).count() == 0


def test_a_second_run_on_the_same_database_is_refused(national):
    with pytest.raises(SystemExit):
        generate.generate_national(TWO, log=lambda *_: None)


def test_the_pages_of_a_generated_workspace_answer(national, client, django_user_model):
    workspace = Workspace.objects.filter(slug__startswith="nat-").order_by("slug").first()
    user = django_user_model.objects.create_user("bench-reader")
    UserRole.objects.create(user=user, workspace=workspace, role=Role.VIEWER)
    client.force_login(user)
    slug = workspace.slug
    partnership = Partnership.objects.filter(workspace=workspace, meetings__isnull=False).order_by("pk").first()
    indicator = Indicator.objects.filter(partnership=partnership).order_by("pk").first()
    wave = Wave.objects.filter(partnership=partnership).order_by("pk").first()
    urls = [
        reverse("workspaces:home", args=[slug]),
        reverse("partnerships:detail", args=[slug, partnership.pk]),
        reverse("meetings:ledger", args=[slug, partnership.pk]),
        reverse("meetings:partnership_meetings", args=[slug, partnership.pk]),
        reverse("review:portfolio", args=[slug]),
        reverse("network:home", args=[slug]),
        reverse("indicators:indicator_detail", args=[slug, indicator.pk]),
        reverse("surveys:partnership", args=[slug, partnership.pk]),
        reverse("surveys:wave", args=[slug, wave.pk]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
    # and the other generated workspace's partnership is not to be seen from here
    other = Partnership.objects.exclude(workspace=workspace).order_by("pk").first()
    assert client.get(reverse("partnerships:detail", args=[slug, other.pk])).status_code == 404
