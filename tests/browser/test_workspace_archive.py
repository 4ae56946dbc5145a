"""An owner downloads their workspace as an archive and imports it again
as a new workspace, through the pages; every page passes axe-core."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import follow, screenshot
from .journeys import add_organisation, create_workspace, save, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_export_a_workspace_and_import_it_as_a_new_one(page, live_server, owner, axe, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    # Given an owner with a workspace holding an organisation
    sign_in(page, live_server, "owner", axe)
    create_workspace(page, axe, "Eastshire", "eastshire")
    add_organisation(page, axe, "Eastshire Council Housing", "Council housing")

    # When they go from the workspace's home to its settings and export it
    page.goto(f"{live_server.url}/w/eastshire/")
    follow(page.get_by_role("link", name="Manage members and invitations"))
    follow(page.get_by_role("link", name="workspace settings"))
    axe.check(page)
    follow(page.get_by_role("link", name="Export the workspace"))
    expect(page.get_by_role("heading", name="Export the workspace")).to_be_visible()
    expect(page.get_by_text("survey links and codes")).to_be_visible()
    axe.check(page)
    screenshot(page, "archive-export")
    with page.expect_download() as downloading:
        page.get_by_role("button", name="Download the archive").click()
    download = downloading.value
    assert re.fullmatch(r"eastshire-\d{4}-\d\d-\d\d-\d{4}\.zip", download.suggested_filename)
    archive = tmp_path / download.suggested_filename
    download.save_as(archive)

    # Then, on the list of their workspaces, they import it under a new short name
    page.goto(f"{live_server.url}/")
    follow(page.get_by_role("link", name="Import a workspace from an archive"))
    expect(page.get_by_role("heading", name="Import a workspace")).to_be_visible()
    axe.check(page)
    page.get_by_label("Workspace archive").set_input_files(str(archive))
    page.get_by_role("button", name="Import workspace").click()
    # The archive's own short name is taken here: they are told, against that field
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(page).to_have_title(re.compile(r"^Error: "))
    expect(page.get_by_role("link", name=re.compile("“eastshire” already exists here"))).to_be_visible()
    axe.check(page)
    screenshot(page, "archive-import-error")
    page.get_by_label("Workspace archive").set_input_files(str(archive))
    page.get_by_label(re.compile("^Short name for web addresses")).fill("eastshire-copy")
    save(page, axe, "Import workspace")

    # And the new workspace has what the old one had
    expect(page.get_by_text("Workspace imported: Eastshire")).to_be_visible()
    assert page.url.endswith("/w/eastshire-copy/")
    expect(page.get_by_text("1 organisation")).to_be_visible()
