"""Journey: a partnership manager imports their Outlook calendar, checks the
preview, confirms, and reads the cost ledger; then records a meeting by hand
and looks at the pay scale and the meeting load. Only the user account is made
beforehand; the workspace, organisation, person, partnership and outcome are
made through the pages, and axe-core checks every page.

Given a partnership whose member has someone on pay band AfC 8a,
when the manager uploads a real Outlook export (``tests/meetings/files/outlook.ics``),
sends two series to the partnership and imports them,
then the ledger shows what the meetings cost; a meeting recorded by hand is
costed at that person's band; the pay scale and the meeting load are there."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from joinedup.meetings.models import Meeting

from ..conftest import make_user
from .conftest import follow, screenshot
from .journeys import (
    add_member,
    add_organisation,
    add_outcome,
    add_partnership,
    add_person,
    create_workspace,
    fill_date,
    open_partnership,
    sign_in,
    upload_calendar,
    workspace_nav,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OUTLOOK = Path(__file__).resolve().parents[1] / "meetings" / "files" / "outlook.ics"
COUNCIL = "Northshire Council Adult Social Care"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def given_a_partnership_whose_member_has_a_known_person(page, live_server, axe):
    make_user("manager")  # an account is made by an administrator; all else through the pages
    sign_in(page, live_server, "manager", axe)
    create_workspace(page, axe, "Northshire", "northshire")
    add_organisation(page, axe, COUNCIL, "Council adult social care")
    add_person(page, axe, "Alex Fictional", COUNCIL, "AfC 8a", email="alex.fictional@example.org")
    add_partnership(page, axe, "Home First", "People go home from hospital well.",
                    "Joint or lead commissioning", "2022-04-01")
    add_member(page, axe, COUNCIL)
    add_outcome(page, axe, "I only have to tell my story once.", "Four agencies each assess me.")


def when_they_import_their_outlook_calendar(page, axe):
    workspace_nav(page, "Partnerships")
    open_partnership(page, axe, "Home First")
    expect(page.get_by_role("heading", name="Meetings and cost")).to_be_visible()
    follow(page.get_by_role("link", name="all meetings"))
    expect(page.get_by_text("No meetings recorded yet.")).to_be_visible()
    axe.check(page)
    page.go_back()
    upload_calendar(page, axe, OUTLOOK)
    # The person is known by their e-mail address; the cancelled meeting is noted, not imported.
    expect(page.get_by_text("Matched to people by e-mail: Alex Fictional")).to_be_visible()
    expect(page.locator("#import-notes").get_by_text("cancelled meeting")).to_be_visible()
    page.get_by_label("Partnership for “Integrated discharge huddle”").select_option(label="Home First")
    page.get_by_label("Partnership for “Discharge to Assess partnership board”").select_option(label="Home First")
    axe.check(page)
    screenshot(page, "calendar-import-preview")
    assert not Meeting.objects.exists()  # nothing is saved before the manager confirms
    page.get_by_role("button", name="Import these meetings").click()


def and_record_a_meeting_by_hand(page, axe):
    follow(page.get_by_role("link", name="All meetings"))
    axe.check(page)
    follow(page.get_by_role("link", name="Record a meeting"))
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


def test_import_a_calendar_see_the_preview_confirm_and_read_the_ledger(page, live_server, axe):
    given_a_partnership_whose_member_has_a_known_person(page, live_server, axe)
    when_they_import_their_outlook_calendar(page, axe)

    # Then the ledger shows the imported meetings and their cost, year by year.
    expect(page.get_by_role("heading", name="Cost ledger")).to_be_visible()
    expect(page.get_by_text("Imported outlook.ics:")).to_be_visible()
    assert Meeting.objects.count() > 1
    expect(page.locator("#cost-chart svg").first).to_be_visible()
    expect(page.locator("#ledger-years")).to_be_visible()
    axe.check(page)
    screenshot(page, "cost-ledger")

    and_record_a_meeting_by_hand(page, axe)
    # Then the meeting is costed at the person's band: 90 minutes at £43.01 an hour.
    expect(page.get_by_role("heading", name="Home First board")).to_be_visible()
    expect(page.get_by_role("cell", name="£64.52")).to_be_visible()
    expect(page.get_by_text("Open the hub at weekends")).to_be_visible()
    axe.check(page)
    screenshot(page, "meeting-recorded")

    # And the workspace's meetings pages lead to the pay scale and the meeting load.
    workspace_nav(page, "Meetings and cost")
    expect(page.get_by_role("row", name=re.compile("Home First"))).to_contain_text("£")
    axe.check(page)
    follow(page.get_by_role("link", name="The pay scale used to cost people's time"))
    expect(page.get_by_text("NJC spinal column points 14–43")).to_be_visible()
    axe.check(page)
    screenshot(page, "pay-scale")
    page.go_back()
    follow(page.get_by_role("link", name=re.compile("^Meeting load")))
    expect(page.get_by_role("heading", name="Meeting load")).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text("Alex Fictional")
    axe.check(page)
    screenshot(page, "meeting-load")
