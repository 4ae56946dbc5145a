"""API tokens (hashed, shown once, scoped, expiring, revocable) and reading a
workspace through the API: pages, incremental sync, problem details."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from joinedup.api import tokens
from joinedup.api.models import ApiToken, digest_of
from joinedup.organisations.models import Organisation
from joinedup.workspaces.models import Role, UserRole

pytestmark = pytest.mark.django_db


def bearer(plain):
    return {"HTTP_AUTHORIZATION": f"Bearer {plain}"}


def test_a_token_is_kept_only_as_its_fingerprint(workspace, editor):
    token, plain = ApiToken.issue(workspace, editor, "Notebook", "read", 30)
    assert plain.startswith(f"jdu_{token.prefix}_") and len(plain) > 40
    stored = ApiToken.objects.values_list(flat=True).get(pk=token.pk)
    assert plain not in repr(ApiToken.objects.filter(pk=token.pk).values().first())
    assert token.digest == digest_of(plain) and stored
    assert tokens.authenticate(plain).pk == token.pk
    assert tokens.authenticate(plain[:-1] + ("A" if plain[-1] != "A" else "B")) is None


def test_revoked_expired_and_removed_tokens_do_not_work(workspace, editor):
    revoked, revoked_plain = ApiToken.issue(workspace, editor, "a", "read", 30)
    revoked.revoked_at = timezone.now()
    revoked.save()
    expired, expired_plain = ApiToken.issue(workspace, editor, "b", "read", 30)
    ApiToken.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    _kept, plain = ApiToken.issue(workspace, editor, "c", "read", 30)
    assert tokens.authenticate(revoked_plain) is None and tokens.authenticate(expired_plain) is None
    assert tokens.authenticate(plain) is not None
    UserRole.objects.filter(user=editor).delete()
    assert tokens.authenticate(plain) is None


def test_last_use_is_recorded(client, workspace, viewer):
    token, plain = ApiToken.issue(workspace, viewer, "a", "read", 30)
    assert token.last_used_at is None
    client.get(reverse("api-v1:list_partnerships"), **bearer(plain))
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_a_write_needs_a_write_token_of_an_editor(client, workspace, editor, viewer):
    url = reverse("api-v1:add_organisation")
    body = {"name": "Northshire Carers", "sector": "voluntary_community"}
    _t, read_plain = ApiToken.issue(workspace, editor, "r", "read", 30)
    response = client.post(url, body, content_type="application/json", **bearer(read_plain))
    assert response.status_code == 403 and response["Content-Type"] == "application/problem+json"
    assert response.json()["title"] == "Not allowed"
    _t, write_plain = ApiToken.issue(workspace, editor, "w", "write", 30)
    response = client.post(url, body, content_type="application/json", **bearer(write_plain))
    assert response.status_code == 201 and response.json()["name"] == "Northshire Carers"
    assert Organisation.objects.get(workspace=workspace, name="Northshire Carers")
    # An editor moved down to viewer: the write token now only reads.
    UserRole.objects.filter(user=editor).update(role=Role.VIEWER)
    response = client.post(url, {**body, "name": "Another"}, content_type="application/json",
                           **bearer(write_plain))
    assert response.status_code == 403 and not Organisation.objects.filter(name="Another").exists()


def test_bad_input_is_a_problem_naming_the_field(client, workspace, editor):
    _t, plain = ApiToken.issue(workspace, editor, "w", "write", 30)
    response = client.post(reverse("api-v1:add_organisation"), {"name": "", "sector": "nonsense"},
                           content_type="application/json", **bearer(plain))
    assert response.status_code == 422 and response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem["status"] == 422 and {e["field"] for e in problem["errors"]} == {"name", "sector"}
    response = client.get(reverse("api-v1:list_partnerships"), {"limit": 0}, **bearer(plain))
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "limit"
    response = client.get(reverse("api-v1:list_partnerships"))
    assert response.status_code == 401 and response.json()["title"] == "Not signed in"


def test_pages_follow_with_next_and_sync_by_updated_since(client, workspace, viewer):
    for n in range(5):
        Organisation.objects.create(workspace=workspace, name=f"Org {n}", sector="other")
    _t, plain = ApiToken.issue(workspace, viewer, "r", "read", 30)
    url = reverse("api-v1:list_organisations") + "?limit=2"
    names = []
    while url:
        page = client.get(url, **bearer(plain)).json()
        assert page["count"] == 5
        names += [o["name"] for o in page["items"]]
        url = page["next"]
    assert names == [f"Org {n}" for n in range(5)]
    cut = timezone.now()
    Organisation.objects.filter(name="Org 3").update(name="Org three", updated_at=cut + timedelta(seconds=1))
    page = client.get(reverse("api-v1:list_organisations"), {"updated_since": cut.isoformat()},
                      **bearer(plain)).json()
    assert [o["name"] for o in page["items"]] == ["Org three"]


def test_partnership_outcomes_and_indicator_values_are_read(client, workspace, viewer, partnership, outcome):
    _t, plain = ApiToken.issue(workspace, viewer, "r", "read", 30)
    one = client.get(reverse("api-v1:get_partnership", args=[partnership.pk]), **bearer(plain)).json()
    assert one["name"] == partnership.name
    outcomes = client.get(reverse("api-v1:list_outcomes", args=[partnership.pk]), **bearer(plain)).json()
    assert [o["statement"] for o in outcomes["items"]] == [outcome.statement]


def test_the_openapi_document_describes_every_operation(client):
    document = client.get(reverse("api-v1:openapi-json")).json()
    assert document["openapi"].startswith("3.")
    paths = document["paths"]
    assert "/api/v1/organisations" in paths and "/api/v1/indicators/{indicator_id}/measurements" in paths
    assert client.get(reverse("api-v1:openapi-view")).status_code == 200
