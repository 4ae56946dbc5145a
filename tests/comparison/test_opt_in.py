"""Opting in and out: any member may read the page, only an owner may
change the choice, and other workspaces' members get 404."""

import pytest
from django.urls import reverse

from joinedup.comparison.models import ComparisonOptIn

pytestmark = pytest.mark.django_db

URL = reverse("comparison:home", args=["northshire"])


def test_an_owner_opts_in_and_out(client, owner, workspace):
    client.force_login(owner)
    page = client.get(URL).content.decode()
    assert "What opting in shares" in page and "Opt in to comparison" in page
    response = client.post(URL, {"choice": "opt_in"}, follow=True)
    choice = ComparisonOptIn.objects.get(workspace=workspace)
    assert choice.opted_in_by == owner
    assert "now compares its partnerships" in response.content.decode()
    assert "Stop comparing and sharing" in response.content.decode()
    client.post(URL, {"choice": "opt_in"})
    assert ComparisonOptIn.objects.count() == 1
    client.post(URL, {"choice": "opt_out"})
    assert not ComparisonOptIn.objects.exists()


def test_an_editor_can_read_but_not_opt_in(client, editor, workspace):
    client.force_login(editor)
    page = client.get(URL).content.decode()
    assert "Only an owner of this workspace can opt in or out." in page
    assert "Opt in to comparison" not in page
    assert client.post(URL, {"choice": "opt_in"}).status_code == 403
    assert not ComparisonOptIn.objects.exists()


def test_an_editor_cannot_opt_out(client, editor, workspace):
    ComparisonOptIn.objects.create(workspace=workspace)
    client.force_login(editor)
    assert client.post(URL, {"choice": "opt_out"}).status_code == 403
    assert ComparisonOptIn.objects.filter(workspace=workspace).exists()


def test_the_outsider_gets_404(client, outsider, workspace):
    client.force_login(outsider)
    assert client.get(URL).status_code == 404
    assert client.post(URL, {"choice": "opt_in"}).status_code == 404
    assert not ComparisonOptIn.objects.filter(workspace=workspace).exists()


def test_signed_out_visitors_are_sent_to_sign_in(client, workspace):
    response = client.get(URL)
    assert response.status_code == 302 and "/sign-in/" in response["Location"]


def test_the_page_lists_how_the_workspaces_partnerships_are_grouped(client, viewer, similar):
    client.force_login(viewer)
    page = client.get(URL).content.decode()
    assert "Northshire Frailty Network" in page and "Older people" in page
    assert "Southshire" not in page


def test_the_workspace_navigation_links_to_it(client, viewer, workspace):
    client.force_login(viewer)
    assert URL in client.get(reverse("workspaces:home", args=["northshire"])).content.decode()
