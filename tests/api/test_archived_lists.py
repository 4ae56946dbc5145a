"""The archived records of each register, read only (GET /people/archived,
/partnerships/archived, /partnerships/{id}/outcomes/archived, ...): what a sync
needs to learn that a record was archived. Only the token's own workspace's."""

import pytest
from django.urls import reverse
from django.utils import timezone

from joinedup.api.models import ApiToken
from joinedup.organisations.models import Organisation, Person
from joinedup.partnerships.models import Outcome, Partnership

pytestmark = pytest.mark.django_db


def bearer(workspace, user, scope="read"):
    return {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(workspace, user, 'sync', scope, 30)[1]}"}


@pytest.fixture
def archived_elsewhere(other_workspace, outsider):
    """Workspace B's archived organisation, person, partnership and outcome (under a live partnership)."""
    Organisation.objects.create(workspace=other_workspace, name="Theirs Org", sector="nhs_acute",
                                archived_at=timezone.now())
    person = Person.objects.create(workspace=other_workspace, name="Theirs Archived", archived_at=timezone.now())
    gone = Partnership.objects.create(workspace=other_workspace, name="Theirs Gone", archived_at=timezone.now())
    live = Partnership.objects.create(workspace=other_workspace, name="Theirs Live")
    outcome = Outcome.objects.create(partnership=live, statement="Theirs archived outcome", archived_at=timezone.now())
    return {"person": person, "partnership": gone, "live": live, "outcome": outcome}


def test_a_workspace_lists_its_archived_records_and_not_the_live_ones(client, workspace, owner, partnership):
    kept = Outcome.objects.create(partnership=partnership, statement="Still wanted")
    gone = Outcome.objects.create(partnership=partnership, statement="No longer wanted")
    auth = bearer(workspace, owner, "write")
    archived = client.post(reverse("api-v1:archive_outcome", args=[gone.pk]), **auth)
    assert archived.status_code == 200
    listed = client.get(reverse("api-v1:list_archived_outcomes", args=[partnership.pk]), **auth).json()
    assert [item["id"] for item in listed["items"]] == [gone.pk]
    assert listed["items"][0]["statement"] == "No longer wanted"
    assert kept.pk not in [item["id"] for item in listed["items"]]
    # and learnt by a sync since an earlier time, as the other lists' changes are
    since = client.get(reverse("api-v1:list_archived_outcomes", args=[partnership.pk]),
                       {"updated_since": "2000-01-01T00:00:00Z"}, **auth).json()
    assert since["count"] == 1
    client.post(reverse("api-v1:restore_outcome", args=[gone.pk]), **auth)
    assert client.get(reverse("api-v1:list_archived_outcomes", args=[partnership.pk]), **auth).json()["count"] == 0


def test_another_workspaces_token_sees_none_of_them(client, workspace, owner, archived_elsewhere, other_workspace,
                                                    outsider):
    ours = bearer(workspace, owner)
    for name in ("list_archived_people", "list_archived_partnerships", "list_archived_organisations"):
        answer = client.get(reverse(f"api-v1:{name}"), **ours)
        assert answer.status_code == 200
        assert "Theirs" not in answer.text, name
    theirs_under = client.get(reverse("api-v1:list_archived_outcomes", args=[archived_elsewhere["live"].pk]), **ours)
    assert theirs_under.status_code == 404
    assert "Theirs" not in theirs_under.text
    # B's own token sees them
    their_token = bearer(other_workspace, outsider)
    assert [p["name"] for p in client.get(reverse("api-v1:list_archived_partnerships"), **their_token).json()["items"]] \
        == ["Theirs Gone"]
    assert client.get(reverse("api-v1:list_archived_people"), **their_token).json()["items"][0]["name"] == "Theirs Archived"
    outcomes = client.get(reverse("api-v1:list_archived_outcomes", args=[archived_elsewhere["live"].pk]), **their_token)
    assert [o["statement"] for o in outcomes.json()["items"]] == ["Theirs archived outcome"]


def test_the_archived_lists_are_read_only(client, workspace, owner):
    auth = bearer(workspace, owner, "write")
    refused = client.post(reverse("api-v1:list_archived_people"), {}, content_type="application/json", **auth)
    assert refused.status_code == 405
