"""Journey (issue 18, items 1, 2 and 4): a Scottish partnership manager
creates a workspace in Scotland through the pages, adds a partnership that is
an integration joint board (only Scotland's bodies are offered), starts an
outcome from Scotland's national health and wellbeing outcomes, putting it in
the words of the people it is for, and records the performance report that
section 42 of the 2014 Act asks the board for. axe-core checks every page."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from ..conftest import make_user
from .conftest import follow, screenshot
from .journeys import fill_date, save, sign_in, workspace_nav

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NATIONAL_OUTCOME = ("People, including those with disabilities or long term conditions, or who are frail, "
                    "are able to live, as far as reasonably practicable, independently and at home or in a "
                    "homely setting in their community.")
OUR_WORDS = "I can stay in my own home, with the help I need, for as long as I want to."


def test_a_scottish_partnership_uses_its_own_body_and_national_outcomes(page, live_server, axe):
    make_user("manager")
    sign_in(page, live_server, "manager", axe)

    # A workspace in Scotland, not England (which is ticked to start with).
    page.get_by_role("link", name=re.compile("Create a workspace")).click()
    expect(page.get_by_role("heading", name="Create a workspace")).to_be_visible()
    axe.check(page)
    page.get_by_label("Name", exact=True).fill("Glenshire")
    page.get_by_label("Short name for web addresses").fill("glenshire")
    nations = page.get_by_role("group", name=re.compile("^Nations the workspace works in"))
    expect(nations.get_by_label("England")).to_be_checked()
    nations.get_by_label("England").uncheck()
    nations.get_by_label("Scotland").check()
    screenshot(page, "nations-create-workspace")
    save(page, axe, "Create workspace")
    expect(page.get_by_text("Workspace created: Glenshire")).to_be_visible()

    # An integration joint board: only Scotland's bodies are offered.
    workspace_nav(page, "Partnerships")
    axe.check(page)
    follow(page.get_by_role("link", name=re.compile("^Add (a )?partnership")))
    axe.check(page)
    body = page.get_by_label(re.compile("^Kind of body"))
    expect(body.locator("option", has_text="Integrated care board")).to_have_count(0)
    page.get_by_label("Name", exact=True).fill("Glenshire Integration Joint Board")
    page.get_by_label("Purpose and vision").fill("Adults live well at home in Glenshire.")
    page.get_by_label("Pooled budget").check()
    body.select_option(label="Integration joint board")
    screenshot(page, "nations-partnership-body")
    page.get_by_label("Active", exact=True).check()
    fill_date(page, "Start date", "2016-04-01")
    save(page, axe)
    expect(page.get_by_role("heading", name="Glenshire Integration Joint Board", exact=True)).to_be_visible()
    expect(page.get_by_text("Pooled budget · Integration joint board")).to_be_visible()

    # An outcome started from Scotland's national outcomes, then in our own words.
    follow(page.get_by_role("link", name="Add an outcome", exact=True))
    axe.check(page)
    page.get_by_text("Start from a national outcome framework").click()
    expect(page.get_by_role("heading", name="Scotland: National health and wellbeing outcomes")).to_be_visible()
    axe.check(page)
    choice = page.locator("#national-frameworks li").filter(has_text=NATIONAL_OUTCOME)
    follow(choice.get_by_role("link", name=re.compile("^Use as a starting point")))
    axe.check(page)
    statement = page.get_by_label("Statement")
    expect(statement).to_have_value(NATIONAL_OUTCOME)
    screenshot(page, "nations-outcome-starting-point")
    statement.fill(OUR_WORDS)
    page.get_by_label("Why it needs a partnership").fill("Care at home needs the NHS board and the council together.")
    save(page, axe)
    expect(page.get_by_text(f"“{OUR_WORDS}”")).to_be_visible()

    # The legal duty of a Scottish integration authority: late until recorded.
    duties = page.locator("#duty-table")
    expect(duties).to_contain_text("Public Bodies (Joint Working) (Scotland) Act 2014, section 42")
    expect(duties.get_by_text("Late", exact=True)).to_be_visible()
    expect(page.locator("#warnings")).to_contain_text("A document the law asks for is late")
    # The warning's own link to put it right.
    follow(page.locator("#warnings").get_by_role("link", name="Record a published document"))
    axe.check(page)
    page.get_by_label("Annual performance report").check()
    fill_date(page, "Published on", (timezone.localdate() - timedelta(days=40)).isoformat())
    page.get_by_label("Link").fill("https://glenshire.example.org/performance-report")
    save(page, axe)
    expect(page.locator("#duty-table").get_by_text("In time", exact=True)).to_be_visible()
    expect(page.locator("#document-table")).to_contain_text("Annual performance report")
    screenshot(page, "nations-legal-duties")
