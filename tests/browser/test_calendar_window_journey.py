"""Journey: a partnership manager imports a shared Google calendar whose weekly
huddle never ends. They see which dates are read and who was invited (not the
rooms or the shared calendar), widen the dates past today, import, and read a
ledger that counts only the meetings held: the weeks ahead are planned, and a
meeting with no one recorded is flagged, not costed at £0.00. Everything is
made through the pages; axe-core checks each page."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from ..conftest import make_user
from .conftest import follow, screenshot
from .journeys import (
    add_member,
    add_organisation,
    add_partnership,
    create_workspace,
    fill_date,
    sign_in,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHARED = Path(__file__).resolve().parents[1] / "meetings" / "files" / "google-shared.ics"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def given_a_partnership_that_started_in_2025(page, live_server, axe):
    make_user("manager")
    sign_in(page, live_server, "manager", axe)
    create_workspace(page, axe, "Northshire", "northshire")
    add_organisation(page, axe, "Northshire Council", "Council adult social care")
    add_partnership(page, axe, "Home First", "Older people go home from hospital well.",
                    "Co-ordinated working", "2025-01-01")
    add_member(page, axe, "Northshire Council")


def when_they_upload_the_shared_calendar(page, axe):
    follow(page.get_by_role("link", name="all meetings"))
    axe.check(page)
    follow(page.get_by_role("link", name="Import from a calendar"))
    axe.check(page)
    page.get_by_label("Upload a calendar file (.ics)").set_input_files(str(SHARED))
    page.get_by_role("button", name="Upload and check").click()
    expect(page.get_by_role("heading", name="Check the import")).to_be_visible()
    axe.check(page)


def test_import_a_never_ending_series_choose_the_dates_and_see_planned_meetings_apart(page, live_server, axe):
    today = timezone.localdate()
    given_a_partnership_that_started_in_2025(page, live_server, axe)
    when_they_upload_the_shared_calendar(page, axe)

    # Then the dates read run from the partnership's start to today, and none is ahead.
    summary = page.locator("#import-summary")
    expect(summary).to_contain_text(f"From 1 January 2025 to {today.day} {today:%B %Y}")
    expect(summary).not_to_contain_text("after today")
    # Everyone invited to the series, including those who joined later; no room, group or shared calendar.
    huddle = page.locator(".govuk-summary-card", has_text="Home First discharge huddle")
    expect(huddle).to_contain_text("Jordan Example")
    expect(page.get_by_role("checkbox", name=re.compile("as a person"))).to_have_count(3)
    for not_a_person in ["Committee Room", "group.calendar.google.com", "discharge-team@"]:
        expect(page.get_by_role("main").get_by_label(re.compile(re.escape(not_a_person)))).to_have_count(0)
    expect(page.locator("#import-notes")).to_contain_text("3 room, resource or group calendars were left out")

    # When they read two months ahead as well.
    ahead = today + timedelta(days=60)
    fill_date(page, "To", f"{ahead:%Y-%m-%d}")
    page.get_by_role("button", name="Read these dates").click()
    expect(page.get_by_text(re.compile(r"Meetings read from 1 January 2025"))).to_be_visible()
    expect(summary).to_contain_text("after today and will come in as planned meetings")
    axe.check(page)
    screenshot(page, "calendar-import-window")
    for series in ["Home First discharge huddle", "Home First development session (to be confirmed)"]:
        expect(page.get_by_label(f"Partnership for “{series}”")).to_have_value(re.compile(r"\d+"))
    page.get_by_role("button", name="Import these meetings").click()

    # Then the ledger counts only the meetings held, and says what it leaves out.
    expect(page.get_by_role("heading", name="Cost ledger")).to_be_visible()
    expect(page.get_by_text(re.compile(r"\d+ planned meetings after today are not counted or costed until held"))).to_be_visible()
    expect(page.get_by_text("1 meeting has no attendance recorded")).to_be_visible()
    axe.check(page)
    screenshot(page, "cost-ledger-planned-and-unattended")
    follow(page.get_by_role("link", name="All meetings"))
    planned = page.locator("#planned-meetings tbody tr")
    expect(planned.first).to_contain_text("Planned")
    assert 8 <= planned.count() <= 10  # a weekly huddle over about two months
    session = page.get_by_role("row", name=re.compile("development session"))
    expect(session).to_contain_text("No attendance recorded")
    expect(session).not_to_contain_text("£0.00")
    axe.check(page)
    screenshot(page, "meetings-planned-and-held")
