"""The export page (owners only) and the import page (any signed-in user,
who owns what they import)."""

import io
import zipfile

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from joinedup.audit.models import Entry
from joinedup.organisations.models import Organisation
from joinedup.workspaces.models import Role, UserRole, Workspace

from .archive_files import members, table


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def client_of(user):
    client = Client()
    client.force_login(user)
    return client


def download(user, workspace):
    return client_of(user).post(reverse("archive:export", args=[workspace.slug]))


def test_an_owner_downloads_the_whole_workspace(workspace, owner, organisation):
    page = client_of(owner).get(reverse("archive:export", args=[workspace.slug]))
    assert page.status_code == 200
    assert "Download the archive" in page.text
    assert "API tokens: secrets" in page.text
    response = download(owner, workspace)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith('attachment; filename="northshire-')
    data = b"".join(response.streaming_content)
    assert table(data, "organisations.organisation")[0]["name"] == organisation.name
    entry = Entry.objects.get(workspace=workspace, kind="export")
    assert (entry.actor, entry.action) == (owner, "exported the workspace")


def test_the_settings_page_leads_to_the_export(workspace, owner):
    page = client_of(owner).get(reverse("workspaces:settings", args=[workspace.slug]))
    assert reverse("archive:export", args=[workspace.slug]) in page.text


def test_only_owners_may_export_and_other_workspaces_never(workspace, editor, viewer, outsider, organisation):
    assert download(editor, workspace).status_code == 403
    assert download(viewer, workspace).status_code == 403
    assert download(outsider, workspace).status_code == 404
    assert client_of(outsider).get(reverse("archive:export", args=[workspace.slug])).status_code == 404
    assert not Entry.objects.filter(kind="export").exists()


def upload(user, data, slug=""):
    archive = SimpleUploadedFile("northshire.zip", data, content_type="application/zip")
    return client_of(user).post(reverse("archive:import"), {"file": archive, "slug": slug})


def test_an_archive_becomes_a_new_workspace_owned_by_whoever_imports_it(workspace, owner, organisation, outsider):
    data = b"".join(download(owner, workspace).streaming_content)
    accounts = get_user_model().objects.count()
    response = upload(outsider, data, slug="northshire-copy")
    copy = Workspace.objects.get(slug="northshire-copy")
    assert response.status_code == 302
    assert response["Location"] == reverse("workspaces:home", args=[copy.slug])
    assert Organisation.objects.get(workspace=copy).name == organisation.name
    assert UserRole.objects.get(workspace=copy, user=outsider).role == Role.OWNER
    # Through the page the importer is the only member: an uploaded file enrols nobody else
    # here and makes no account; what the archive says its owner did is the importer's.
    assert list(UserRole.objects.filter(workspace=copy).values_list("user", flat=True)) == [outsider.pk]
    assert get_user_model().objects.count() == accounts
    assert not Entry.objects.filter(workspace=copy, actor=owner).exists()
    assert Entry.objects.filter(workspace=copy, kind="import", actor=outsider).exists()


def test_a_changed_archive_is_refused_on_the_page_with_nothing_written(workspace, owner, organisation):
    data = b"".join(download(owner, workspace).streaming_content)
    files = members(data)
    name = "tables/organisations.organisation.json"
    files[name] = files[name].replace(b"Northshire", b"Forged")
    changed = io.BytesIO()
    with zipfile.ZipFile(changed, "w") as archive:
        for member, content in files.items():
            archive.writestr(member, content)
    workspaces = Workspace.objects.count()
    response = upload(owner, changed.getvalue(), slug="forged")
    assert response.status_code == 200
    assert response.text.count(f"{name} in the archive does not match its checksum") == 2  # summary and field
    assert "Nothing was imported." in response.text
    assert Workspace.objects.count() == workspaces


def test_a_taken_address_is_shown_against_the_short_name(workspace, owner, organisation):
    data = b"".join(download(owner, workspace).streaming_content)
    response = upload(owner, data)
    assert response.status_code == 200
    assert "A workspace with the short name “northshire” already exists here" in response.text
    assert 'id="id_slug-error"' in response.text


def test_the_import_page_needs_a_signed_in_user(db):
    response = Client().get(reverse("archive:import"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
