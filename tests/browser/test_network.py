"""A locality's network: an editor records organisations and two partnerships
that share their members, opens the Network page, filters it by sector and
follows a suggestion to add a missing voice. Every page passes axe-core."""

import pytest
from playwright.sync_api import expect

from .conftest import follow, screenshot
from .journeys import fill_date
from .test_partnership_journey import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def add_organisation(page, name, sector):
    nav = page.get_by_role("navigation", name="Workspace")
    follow(nav.get_by_role("link", name="Organisations"))
    page.get_by_role("link", name="Add organisation").click()
    page.get_by_label("Name").fill(name)
    page.get_by_label("Sector").select_option(label=sector)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("link", name=name).or_(page.get_by_text(name)).first).to_be_visible()


def add_partnership(page, name, members):
    follow(page.get_by_role("navigation", name="Workspace").get_by_role("link", name="Partnerships"))
    page.get_by_role("link", name="Add partnership").click()
    page.get_by_label("Name").fill(name)
    page.get_by_label("People it serves").fill("Frail older people")
    page.get_by_label("Co-ordinated working").check()
    page.get_by_label("Active", exact=True).check()
    fill_date(page, "Start date", "2022-04-01")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name=name)).to_be_visible()
    for organisation in members:
        add_member(page, organisation)


def add_member(page, organisation):
    follow(page.get_by_role("link", name="Add a member organisation", exact=True))
    page.get_by_label("Organisation").select_option(label=organisation)
    page.get_by_label("Core partner").check()
    fill_date(page, "Joined on", "2022-04-01")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("link", name="Add a member organisation", exact=True)).to_be_visible()


def test_see_the_network_filter_by_sector_and_follow_a_suggestion(page, live_server, editor, axe):
    sign_in(page, live_server, "editor", axe)
    follow(page.get_by_role("link", name="Northshire", exact=True))
    for name, sector in [("Northshire Hospital", "NHS acute"), ("Northshire Council", "Council adult social care"),
                         ("Carers Centre", "Voluntary and community"), ("Peer Voices", "User-led")]:
        add_organisation(page, name, sector)
    add_partnership(page, "Frailty Network", ["Northshire Hospital", "Northshire Council", "Carers Centre"])
    add_partnership(page, "Frailty Pathway Group", ["Northshire Hospital", "Northshire Council"])

    follow(page.get_by_role("navigation", name="Workspace").get_by_role("link", name="Network"))
    expect(page.get_by_role("heading", name="Network", exact=True)).to_be_visible()
    candidates = page.locator("#merge-candidates")
    expect(candidates).to_contain_text("Frailty Network")
    expect(candidates).to_contain_text("2 of 2")
    expect(page.locator("#isolated")).to_contain_text("Peer Voices")
    # The drawing is drawn by vega-embed from the spec beside it.
    expect(page.locator("#network-drawing svg")).to_be_visible()
    axe.check(page)
    screenshot(page, "network-page")

    page.get_by_label("Partnerships with a member from").select_option(label="Voluntary and community")
    page.get_by_role("button", name="Show the network").click()
    rows = page.locator("#partnership-figures tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Frailty Network")
    axe.check(page)

    page.get_by_label("Partnerships with a member from").select_option(label="Any sector")
    page.get_by_role("button", name="Show the network").click()
    follow(page.get_by_role("link", name="Suggestions for Frailty Pathway Group"))
    suggestions = page.locator("#suggestions")
    expect(suggestions).to_contain_text("Carers Centre")
    expect(suggestions).to_contain_text("already works with older people in Frailty Network")
    expect(suggestions).to_contain_text("Peer Voices")
    axe.check(page)

    follow(page.get_by_role("link", name="Add a member organisation", exact=True))
    axe.check(page)
    page.get_by_label("Organisation").select_option(label="Carers Centre")
    page.get_by_label("Core partner").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name="Frailty Pathway Group")).to_be_visible()
    expect(page.get_by_text("Carers Centre").first).to_be_visible()
    axe.check(page)
