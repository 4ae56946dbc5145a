"""A locality's network: a manager records organisations and two partnerships
that share their members, opens the Network page, filters it by sector and
follows a suggestion to add a missing voice. Everything is made through the
pages (only the user account beforehand); every page passes axe-core.

Given two partnerships for frail older people that share two members,
when the manager opens the Network page, filters it and follows a suggestion,
then the missing voluntary organisation joins the second partnership."""

import pytest
from playwright.sync_api import expect

from ..conftest import make_user
from .conftest import follow, screenshot
from .journeys import add_member, add_organisation, add_partnership, create_workspace, sign_in
from .journeys_review import say_who_it_serves

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def given_two_partnerships_sharing_their_members(page, live_server, axe):
    make_user("manager")
    sign_in(page, live_server, "manager", axe)
    create_workspace(page, axe, "Northshire", "northshire")
    for name, sector in [("Northshire Hospital", "NHS acute"), ("Northshire Council", "Council adult social care"),
                         ("Carers Centre", "Voluntary and community"), ("Peer Voices", "User-led")]:
        add_organisation(page, axe, name, sector)
    for name, members in [("Frailty Network", ["Northshire Hospital", "Northshire Council", "Carers Centre"]),
                          ("Frailty Pathway Group", ["Northshire Hospital", "Northshire Council"])]:
        add_partnership(page, axe, name, "Frail older people stay well at home.", "Co-ordinated working",
                        "2022-04-01")
        say_who_it_serves(page, axe, "Frail older people")
        for organisation in members:
            add_member(page, axe, organisation)


def test_see_the_network_filter_by_sector_and_follow_a_suggestion(page, live_server, axe):
    given_two_partnerships_sharing_their_members(page, live_server, axe)

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
