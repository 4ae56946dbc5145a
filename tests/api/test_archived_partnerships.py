"""An archived partnership is gone from the API as it is gone from the pages'
lists: it and every record under it (outcomes, members, agreement and its
parts, meetings, indicators and their values, reviews, waves) are a 404
problem saying the partnership is archived, for reads and writes alike,
until the partnership is restored (POST /partnerships/{id}/restore)."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from joinedup.api.models import ApiToken
from joinedup.partnerships.models import Partnership
from tests.security.routes import API_ARGUMENTS, one_of_everything
from tests.security.test_every_api_operation import api_routes, api_url
from tests.security.test_every_route import changed_since, fingerprint

pytestmark = pytest.mark.django_db
# Paths naming no record of the partnership: the register's own records.
NOT_UNDER_A_PARTNERSHIP = {"organisation_id", "person_id"}


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def archived(workspace, owner):
    records = one_of_everything(workspace, "Kept", owner)
    Partnership.objects.filter(pk=records["partnership"]).update(archived_at=timezone.now())
    return records


@pytest.fixture
def auth(workspace, owner):
    return {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(workspace, owner, 'w', 'write', 30)[1]}"}


def under_the_partnership():
    """Every path naming the partnership or a record under it, but its restore: the way back."""
    return [r for r in api_routes() if r.arguments and not set(r.arguments) & NOT_UNDER_A_PARTNERSHIP
            and r.name != "api-v1:restore_partnership"]


def test_every_path_under_an_archived_partnership_is_a_404_saying_so(archived, auth):
    client = Client(raise_request_exception=False)
    ApiToken.objects.update(last_used_at=timezone.now() + timedelta(hours=1))
    before = fingerprint()
    reads = 0
    for route in under_the_partnership():
        url = api_url(route, archived)
        got = client.get(url, **auth)
        if got.status_code != 405:
            assert got.status_code == 404, f"GET {url} gave {got.status_code}"
            assert got["Content-Type"] == "application/problem+json"
            assert f"Partnership {archived['partnership']} is archived" in got.json()["detail"], url
            reads += 1
        for method in ("post", "patch", "put"):
            response = getattr(client, method)(url, "{}", content_type="application/json", **auth)
            assert response.status_code in {404, 405, 422}, f"{method.upper()} {url}: {response.status_code}"
    named = {a for r in under_the_partnership() for a in r.arguments}
    assert reads >= 12 and named == {a for a in API_ARGUMENTS if a.endswith("_id")} - NOT_UNDER_A_PARTNERSHIP
    assert not changed_since(before)


def test_well_formed_writes_under_an_archived_partnership_change_nothing(archived, auth, client):
    ApiToken.objects.update(last_used_at=timezone.now() + timedelta(hours=1))
    before = fingerprint()
    meeting = {"title": "Board", "date": "2026-03-10", "start_time": "10:00", "length_minutes": 60}
    calls = [
        ("patch", reverse("api-v1:change_outcome", args=[archived["outcome"]]), {"statement": "Changed"}),
        ("post", reverse("api-v1:archive_membership", args=[archived["membership"]]), {}),
        ("post", reverse("api-v1:restore_resource", args=[archived["resource"]]), {}),
        ("post", reverse("api-v1:add_outcome", args=[archived["partnership"]]),
         {"statement": "New", "why_partnership": "Because"}),
        ("put", reverse("api-v1:put_agreement", args=[archived["partnership"]]), {"signed_on": "2026-01-01"}),
        ("put", reverse("api-v1:put_meeting", args=[archived["meeting"]]), meeting),
        ("post", reverse("api-v1:add_meeting", args=[archived["partnership"]]), meeting),
        ("patch", reverse("api-v1:change_indicator", args=[archived["indicator"]]), {"name": "Renamed"}),
        ("post", reverse("api-v1:push_measurements", args=[archived["indicator"]]),
         {"rows": [{"area": "Kept area", "period": "2025/26", "value": 1}]}),
    ]
    for method, url, body in calls:
        response = getattr(client, method)(url, body, content_type="application/json", **auth)
        assert response.status_code == 404, f"{method.upper()} {url}: {response.status_code} {response.content}"
        assert "is archived" in response.json()["detail"]
    assert not changed_since(before)


def test_restoring_the_partnership_brings_its_records_back(archived, auth, client):
    outcome = reverse("api-v1:get_outcome", args=[archived["outcome"]])
    listed = reverse("api-v1:list_indicators")
    assert client.get(outcome, **auth).status_code == 404
    assert client.get(listed, {"partnership": archived["partnership"]}, **auth).status_code == 404
    assert client.get(listed, **auth).json()["count"] == 0
    restored = client.post(reverse("api-v1:restore_partnership", args=[archived["partnership"]]), **auth)
    assert restored.status_code == 200
    assert client.get(outcome, **auth).json()["statement"] == "I go home (Kept)."
    assert client.get(listed, {"partnership": archived["partnership"]}, **auth).json()["count"] == 1
    for name, key in [("get_meeting", "meeting"), ("get_membership", "membership"), ("get_indicator", "indicator"),
                      ("list_measurements", "indicator"), ("get_wave_results", "wave"),
                      ("get_agreement", "partnership"), ("list_reviews", "partnership")]:
        assert client.get(reverse(f"api-v1:{name}", args=[archived[key]]), **auth).status_code == 200, name


def test_another_workspaces_archived_partnership_is_simply_not_found(archived, other_workspace, outsider, client):
    theirs = {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(other_workspace, outsider, 'w', 'write', 30)[1]}"}
    response = client.get(reverse("api-v1:get_outcome", args=[archived["outcome"]]), **theirs)
    assert response.status_code == 404 and "archived" not in response.json()["detail"]
