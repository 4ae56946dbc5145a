"""The API's HTML pages in Welsh (issue 18 item 6); the JSON API's own error
text stays English (docs/api.md)."""

import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_token_page_speaks_welsh(client, workspace, editor):
    client.force_login(editor)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "cy"
    html = client.get(reverse("api_tokens:list", args=[workspace.slug])).content.decode()
    assert "Tocynnau API" in html and "Gwneud tocyn" in html and "Darllen yn unig" in html
    for english in ("API tokens</h1>", "Make a token", "Read only", "What is the token for?"):
        assert english not in html, english


def test_the_import_page_speaks_welsh(client, editor):
    client.force_login(editor)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "cy"
    html = client.get(reverse("archive:import")).content.decode()
    assert "Mewnforio gofod gwaith" in html and "Archif y gofod gwaith" in html
    assert "Import a workspace" not in html and "Workspace archive" not in html


def test_the_json_api_errors_stay_english(client, workspace):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "cy"
    response = client.get("/api/v1/partnerships", HTTP_AUTHORIZATION="Bearer jdu_nope_nope")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["title"] == "Not signed in"
