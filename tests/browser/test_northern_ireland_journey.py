"""Journey (issue 18, items 2, 3, 4 and 5 for Northern Ireland): a manager in a
health and social care trust creates a workspace in Northern Ireland through the
pages, adds the trust (its own sector, not an NHS one), an integrated care
partnership (only Northern Ireland's bodies are offered), an outcome started from
Northern Ireland's outcomes framework and an indicator started from its Programme for
Government population indicators (the draft 2016-21 framework's: the 2024-27 Wellbeing
Framework's wording could not be checked, docs/nations.md), and finds the trust's pay costed on HSC
Agenda for Change with what is missing said. Then the workspace also works in
England, and an organisation is asked which nation it employs its staff in.
axe-core checks every page."""

import re

import pytest
from playwright.sync_api import expect

from ..conftest import make_user
from .conftest import follow, screenshot
from .journeys import add_organisation, fill_date, save, sign_in, workspace_nav

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TRUST = "Western Health and Social Care Trust"
OUR_WORDS = "I get the help I need to stay well and live at home in my own community."
CARE_AT_HOME = ("Number of adults receiving social care services at home or self directed support for social care "
                "as a % of the total number of adults needing care")


def test_a_northern_irish_trust_uses_its_own_body_outcomes_and_pay(page, live_server, axe):
    make_user("manager")
    sign_in(page, live_server, "manager", axe)

    page.get_by_role("link", name=re.compile("Create a workspace")).click()
    axe.check(page)
    page.get_by_label("Name", exact=True).fill("Western Trust partnerships")
    page.get_by_label("Short name for web addresses").fill("western")
    nations = page.get_by_role("group", name=re.compile("^Nations the workspace works in"))
    nations.get_by_label("England").uncheck()
    nations.get_by_label("Northern Ireland").check()
    save(page, axe, "Create workspace")

    # The trust is a sector of its own; one nation, so no question about where it employs.
    workspace_nav(page, "Organisations")
    follow(page.get_by_role("link", name=re.compile("^Add (an )?organisation")))
    axe.check(page)
    expect(page.get_by_text("Which nation does it employ its staff in?")).to_have_count(0)
    page.get_by_label("Name", exact=True).fill(TRUST)
    page.get_by_label("Sector").select_option(label="Health and social care trust (Northern Ireland)")
    screenshot(page, "ni-organisation")
    save(page, axe)

    # An integrated care partnership: only Northern Ireland's bodies are offered.
    workspace_nav(page, "Partnerships")
    follow(page.get_by_role("link", name=re.compile("^Add (a )?partnership")))
    axe.check(page)
    body = page.get_by_label(re.compile("^Kind of body"))
    expect(body.locator("option", has_text="Integrated care board")).to_have_count(0)
    expect(body.locator("option", has_text="Integration joint board")).to_have_count(0)
    page.get_by_label("Name", exact=True).fill("Western Integrated Care Partnership")
    page.get_by_label("Purpose and vision").fill("Older people in the west live well at home.")
    page.get_by_label("Co-ordinated working").check()
    body.select_option(label="Integrated care partnership")
    page.get_by_label("Active", exact=True).check()
    fill_date(page, "Start date", "2016-04-01")
    screenshot(page, "ni-partnership")
    save(page, axe)
    expect(page.get_by_text("Co-ordinated working · Integrated care partnership")).to_be_visible()

    # An outcome started from Northern Ireland's outcomes framework, then in our own words.
    follow(page.get_by_role("link", name="Add an outcome", exact=True))
    page.get_by_text("Start from a national outcome framework").click()
    expect(page.get_by_role("heading", name=re.compile("^Northern Ireland: Programme for Government"))).to_be_visible()
    choice = page.locator("#national-frameworks li").filter(has_text="We enjoy long, healthy, active lives")
    follow(choice.get_by_role("link", name=re.compile("^Use as a starting point")))
    axe.check(page)
    expect(page.get_by_label("Statement")).to_have_value("We enjoy long, healthy, active lives")
    page.get_by_label("Statement").fill(OUR_WORDS)
    page.get_by_label("Why it needs a partnership").fill("The trust, GPs and the voluntary sector all help.")
    save(page, axe)

    # An indicator started from Northern Ireland's indicators: what NISRA says of it shown,
    # its unit filled in, what could not be checked said so, the rest the user's.
    workspace_nav(page, "Evidence")
    follow(page.get_by_role("link", name="Western Integrated Care Partnership", exact=True))
    follow(page.get_by_role("link", name="Add an indicator"))
    axe.check(page)
    page.get_by_text("Start from a national indicator set").click()
    expect(page.get_by_role("heading", name=re.compile(
        "^Northern Ireland: Programme for Government population indicators"))).to_be_visible()
    choice = page.locator("#national-frameworks li").filter(has_text=CARE_AT_HOME)
    expect(choice.locator(".govuk-summary-list")).to_contain_text("Where the data is")
    axe.check(page)
    follow(choice.get_by_role("link", name=re.compile("^Use as a starting point")))
    axe.check(page)
    expect(page.get_by_label("Name", exact=True)).to_have_value(CARE_AT_HOME)
    unit = page.get_by_role("group", name=re.compile("^Unit"))
    expect(unit.get_by_label("Percentage", exact=True)).to_be_checked()
    facts = page.locator("#starting-point")
    expect(facts).to_contain_text("Not checked: check with the publisher")  # its direction, for one
    expect(facts.get_by_role("link", name=re.compile("^The publisher's data page"))).to_have_attribute(
        "href", "https://www.nisra.gov.uk/statistics/programme-government/programme-government-population-indicators")
    screenshot(page, "ni-indicator-starting-point")
    page.get_by_label("Name", exact=True).fill("Adults needing care who get it at home")
    page.get_by_label(re.compile("^Outcome")).select_option(label=OUR_WORDS)
    page.get_by_role("group", name=re.compile("^Direction")).get_by_label("Higher is better", exact=True).check()
    page.get_by_role("group", name=re.compile("^Frequency")).get_by_label(
        "Yearly (financial year, April to March)", exact=True).check()
    save(page, axe)
    expect(page.get_by_role("link", name="Adults needing care who get it at home").or_(
        page.get_by_role("heading", name="Adults needing care who get it at home")).first).to_be_visible()

    # Pay: HSC Agenda for Change, the latest published, and what is missing.
    workspace_nav(page, "Meetings and cost")
    follow(page.get_by_role("link", name="The pay scale used to cost people's time"))
    axe.check(page)
    expect(page.locator("#pay-scale-source")).to_contain_text("HSC (AfC) 06/2025")
    expect(page.locator("#pay-scale-used")).to_contain_text(
        "Costed with the workspace's pay scale for Northern Ireland: HSC AfC 2025/26 (latest published)")
    expect(page.get_by_text("Any HSC Agenda for Change 2026/27 pay award")).to_be_visible()
    expect(page.get_by_text("Northern Ireland local government pay is not included in joinedup yet")).to_be_visible()
    band = page.get_by_role("row").filter(has=page.get_by_role("rowheader", name="AfC 8a", exact=True))
    expect(band).to_contain_text("£41.45")
    screenshot(page, "ni-pay-scale")

    # The workspace also works in England: an organisation now says where it employs.
    page.goto(f"{live_server.url}/w/western/settings/")
    page.get_by_role("group", name=re.compile("^Nations the workspace works in")).get_by_label("England").check()
    save(page, axe)
    add_organisation(page, axe, "Border Hospital NHS Trust", "NHS acute")
    workspace_nav(page, "Organisations")
    follow(page.get_by_role("link", name=TRUST))  # the register's link opens the organisation's form
    axe.check(page)
    question = page.get_by_role("group", name="Which nation does it employ its staff in?")
    expect(question.get_by_label("England, the workspace's first nation")).to_be_checked()
    question.get_by_label("Northern Ireland").check()
    screenshot(page, "ni-employer-nation")
    save(page, axe)
    expect(page.get_by_role("cell", name=TRUST).or_(page.get_by_role("link", name=TRUST)).first).to_be_visible()
