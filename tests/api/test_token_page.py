"""The API tokens page: a member makes a token, sees it once, revokes it."""

import pytest
from django.urls import reverse

from joinedup.api import tokens
from joinedup.api.models import ApiToken
from joinedup.audit.models import Entry

pytestmark = pytest.mark.django_db


def test_a_token_is_made_shown_once_and_revoked(client, workspace, editor):
    client.force_login(editor)
    url = reverse("api_tokens:list", args=[workspace.slug])
    response = client.post(url, {"name": "Evaluation notebook", "scope": "write", "days": "90"}, follow=True)
    html = response.content.decode()
    plain = response.context["shown_once"]
    assert plain.startswith("jdu_") and plain in html and "will not be shown again" in html
    assert tokens.authenticate(plain).scope == "write"
    again = client.get(url).content.decode()
    assert plain not in again and "Evaluation notebook" in again
    token = ApiToken.objects.get()
    client.post(reverse("api_tokens:revoke", args=[workspace.slug, token.pk]))
    assert tokens.authenticate(plain) is None
    assert "Revoked" in client.get(url).content.decode()
    logged = list(Entry.objects.filter(workspace=workspace).order_by("pk").values_list("action", "actor_name", "object_label"))
    assert logged == [("API token made", editor.email, f"Evaluation notebook (jdu_{token.prefix}_…)"),
                      ("API token revoked", editor.email, f"Evaluation notebook (jdu_{token.prefix}_…)")]
    assert not any(plain in str(row) for row in Entry.objects.values_list())


def test_a_viewer_can_make_only_read_tokens(client, workspace, viewer):
    client.force_login(viewer)
    url = reverse("api_tokens:list", args=[workspace.slug])
    response = client.post(url, {"name": "Power BI", "scope": "write", "days": "30"})
    assert response.status_code == 200 and "Choose what the token may do" in response.content.decode()
    assert not ApiToken.objects.exists()
    client.post(url, {"name": "Power BI", "scope": "read", "days": "30"})
    assert ApiToken.objects.get().scope == "read"


def test_a_member_sees_and_revokes_only_their_own_tokens(client, workspace, editor, viewer):
    theirs, _ = ApiToken.issue(workspace, editor, "Editor sync", "write", 30)
    client.force_login(editor)
    assert "Editor sync" in client.get(reverse("api_tokens:list", args=[workspace.slug])).content.decode()
    client.force_login(viewer)
    assert "Editor sync" not in client.get(reverse("api_tokens:list", args=[workspace.slug])).content.decode()
    response = client.post(reverse("api_tokens:revoke", args=[workspace.slug, theirs.pk]))
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.revoked_at is None


def test_empty_form_says_what_to_enter(client, workspace, editor):
    client.force_login(editor)
    response = client.post(reverse("api_tokens:list", args=[workspace.slug]), {})
    html = response.content.decode()
    assert "Enter what the token is for" in html and "Choose how long the token should work" in html
