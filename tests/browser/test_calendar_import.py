"""A partnership manager imports an Outlook calendar through the page, checks
the preview, confirms, and reads the cost ledger; then records a meeting by
hand and looks at the pay scale and meeting load. Every page passes axe-core."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from joinedup.meetings.models import Meeting

from .conftest import follow, screenshot
from .journeys import fill_date
from .test_partnership_journey import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OUTLOOK = Path(__file__).resolve().parents[1] / "meetings" / "files" / "outlook.ics"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def known_person(workspace, organisation, partnership, outcome):
    from joinedup.organisations.models import Person
    from joinedup.partnerships.models import Membership

    Membership.objects.create(partnership=partnership, organisation=organisation)
    return Person.objects.create(workspace=workspace, name="Alex Fictional", email="alex.fictional@example.org",
                                 organisation=organisation, pay_band="AfC 8a")


def test_import_a_calendar_see_the_preview_confirm_and_read_the_ledger(page, live_server, editor, known_person, axe):
    sign_in(page, live_server, "editor", axe)
    page.goto(f"{live_server.url}/w/northshire/partnerships/")
    page.get_by_role("link", name="Home First").click()
    expect(page.get_by_role("heading", name="Meetings and cost")).to_be_visible()
    axe.check(page)
    page.get_by_role("link", name="all meetings").click()
    expect(page.get_by_text("No meetings recorded yet.")).to_be_visible()
    axe.check(page)

    follow(page.get_by_role("link", name="Import from a calendar"))
    axe.check(page)
    page.get_by_label("Upload a calendar file (.ics)").set_input_files(str(OUTLOOK))
    page.get_by_role("button", name="Upload and check").click()

    expect(page.get_by_role("heading", name="Check the import")).to_be_visible()
    expect(page.get_by_text("Matched to people by e-mail: Alex Fictional")).to_be_visible()
    expect(page.locator("#import-notes").get_by_text("cancelled meeting")).to_be_visible()
    page.get_by_label("Partnership for “Integrated discharge huddle”").select_option(label="Home First")
    page.get_by_label("Partnership for “Discharge to Assess partnership board”").select_option(label="Home First")
    axe.check(page)
    screenshot(page, "calendar-import-preview")
    assert not Meeting.objects.exists()
    page.get_by_role("button", name="Import these meetings").click()

    expect(page.get_by_role("heading", name="Cost ledger")).to_be_visible()
    expect(page.get_by_text("Imported outlook.ics:")).to_be_visible()
    assert Meeting.objects.count() > 1
    expect(page.locator("#cost-chart svg").first).to_be_visible()
    expect(page.locator("#ledger-years")).to_be_visible()
    axe.check(page)
    screenshot(page, "cost-ledger")

    follow(page.get_by_role("link", name="All meetings"))
    axe.check(page)
    page.get_by_role("link", name="Record a meeting").click()
    page.get_by_label("Title").fill("Home First board")
    fill_date(page, "Date", "2026-10-01")
    page.get_by_label("Start time").fill("10:00")
    page.get_by_label("Length (minutes)").fill("90")
    page.get_by_role("group", name="Attendance of Alex Fictional").get_by_label("Present").check()
    page.get_by_label("Decision (optional)").first.fill("Open the hub at weekends")
    page.get_by_label("Outcome it serves (optional)").first.select_option(label="I only have to tell my story once.")
    axe.check(page)
    screenshot(page, "meeting-form")
    page.get_by_role("button", name="Save the meeting").click()
    expect(page.get_by_role("heading", name="Home First board")).to_be_visible()
    expect(page.get_by_role("cell", name="£64.52")).to_be_visible()  # 90 min × £43.01
    axe.check(page)

    page.goto(f"{live_server.url}/w/northshire/meetings/pay-scale/")
    expect(page.get_by_text("NJC spinal points above 13")).to_be_visible()
    axe.check(page)
    screenshot(page, "pay-scale")
    page.goto(f"{live_server.url}/w/northshire/meetings/load/")
    expect(page.get_by_role("heading", name="Meeting load")).to_be_visible()
    axe.check(page)
    page.goto(f"{live_server.url}/w/northshire/meetings/")
    axe.check(page)
    assert len(axe.checked) == 12
