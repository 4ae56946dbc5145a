from django.urls import reverse

from joinedup.partnerships.models import Partnership
from joinedup.workspaces.models import Role, UserRole


def test_a_viewer_can_read_but_not_change(client, viewer, partnership):
    client.force_login(viewer)
    assert client.get(reverse("partnerships:detail", args=["northshire", partnership.pk])).status_code == 200
    page = client.get(reverse("partnerships:detail", args=["northshire", partnership.pk])).content.decode()
    assert "Add an outcome" not in page
    for url in [
        reverse("partnerships:partnership_add", args=["northshire"]),
        reverse("partnerships:partnership_edit", args=["northshire", partnership.pk]),
        reverse("partnerships:outcome_add", args=["northshire", partnership.pk]),
        reverse("partnerships:partnership_archive", args=["northshire", partnership.pk]),
    ]:
        assert client.get(url).status_code == 403, url
        assert client.post(url, {"name": "Changed"}).status_code == 403, url
    partnership.refresh_from_db()
    assert partnership.name == "Home First"
    assert partnership.archived_at is None


def test_an_editor_can_change_but_not_manage_members(client, editor, partnership):
    client.force_login(editor)
    response = client.post(
        reverse("partnerships:partnership_edit", args=["northshire", partnership.pk]),
        {"name": "Home First 2", "form": "pooled_budget", "status": "active"},
    )
    assert response.status_code == 302
    assert Partnership.objects.get(pk=partnership.pk).name == "Home First 2"
    assert client.get(reverse("workspaces:members", args=["northshire"])).status_code == 403


def test_an_owner_can_change_roles_but_not_remove_the_last_owner(client, owner, viewer, workspace):
    client.force_login(owner)
    viewer_role = UserRole.objects.get(user=viewer)
    client.post(reverse("workspaces:change_role", args=["northshire", viewer_role.pk]), {"role": "editor"})
    viewer_role.refresh_from_db()
    assert viewer_role.role == Role.EDITOR
    owner_role = UserRole.objects.get(user=owner)
    response = client.post(reverse("workspaces:change_role", args=["northshire", owner_role.pk]), {"role": "viewer"}, follow=True)
    assert "A workspace needs at least one owner." in response.content.decode()
    owner_role.refresh_from_db()
    assert owner_role.role == Role.OWNER


def test_workspace_list_shows_only_own_workspaces(client, owner, outsider):
    client.force_login(owner)
    page = client.get(reverse("workspaces:list")).content.decode()
    assert "Northshire" in page
    assert "Southshire" not in page


def test_creating_a_workspace_makes_you_its_owner(client, viewer):
    client.force_login(viewer)
    response = client.post(reverse("workspaces:create"), {"name": "Eastshire", "slug": "eastshire", "nations": "england"})
    assert response.status_code == 302
    assert UserRole.objects.get(workspace__slug="eastshire", user=viewer).role == Role.OWNER
