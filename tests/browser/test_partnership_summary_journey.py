"""A manager opens a partnership made through the pages and sees, at the top,
its status, verdict, cost, evidence and voice; jumps to a section from "On
this page"; and follows a network fact to the network page. axe-core checks
every page.

Given a workspace with two partnerships that share both their members,
when the manager opens one of them,
then the summary says what is there and what is not yet, the sub-navigation
leads to the members, and the network fact names the other partnership."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import follow, screenshot
from .journeys import (
    add_member,
    add_organisation,
    add_partnership,
    create_workspace,
    sign_in,
    workspace_nav,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_partnership_page_summary_sub_navigation_and_network_fact(page, live_server, editor, axe):
    sign_in(page, live_server, "editor", axe)
    create_workspace(page, axe, "Eastvale", "eastvale")
    add_organisation(page, axe, "Eastvale Council", "Council adult social care")
    add_organisation(page, axe, "Eastvale Carers Centre", "Voluntary and community")
    for name in ("Eastvale Frailty Network", "Eastvale Discharge Group"):
        add_partnership(page, axe, name, "Older people stay well at home.", "Co-ordinated working", "2024-04-01")
        add_member(page, axe, "Eastvale Council")
        add_member(page, axe, "Eastvale Carers Centre")

    workspace_nav(page, "Partnerships")
    follow(page.get_by_role("link", name="Eastvale Frailty Network"))
    summary = page.locator("#at-a-glance")
    expect(summary.locator("#glance-status")).to_contain_text("Active")
    expect(summary.locator("#glance-verdict")).to_contain_text("Not reviewed yet")
    expect(summary.locator("#glance-cost")).to_contain_text("No meetings recorded")
    expect(summary.locator("#glance-evidence")).to_contain_text("No indicators yet")
    expect(summary.locator("#glance-voice")).to_contain_text("No survey wave yet")
    expect(page.locator("#network-facts")).to_contain_text(
        "Shares 2 of 2 member organisations with Eastvale Discharge Group.")
    axe.check(page)
    screenshot(page, "partnership-summary")

    on_this_page = page.get_by_role("navigation", name="On this page")
    on_this_page.get_by_role("link", name="Members", exact=True).click()
    expect(page).to_have_url(re.compile(r"#members$"))
    expect(page.get_by_role("heading", name="Members", exact=True)).to_be_in_viewport()
    axe.check(page)

    follow(page.locator("#network-facts").get_by_role("link", name=re.compile("^See the network")))
    expect(page.get_by_role("heading", name="Candidates to merge or coordinate")).to_be_visible()
    expect(page.locator("#merge-candidates")).to_contain_text("Eastvale Discharge Group")
    axe.check(page)
