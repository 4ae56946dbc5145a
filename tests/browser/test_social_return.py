"""A partnership manager records a unit cost of an outcome, sees the social
return with its sensitivity table, then sets the investment. The workspace,
partnership and outcome are made through the pages (only the user account
beforehand); every page on the way passes axe-core.

Given a partnership with an outcome, made through the pages,
when the manager adds a unit cost of that outcome (a mistake first) and the investment,
then the page shows the social value, its sensitivity and the return on each pound."""

import re

import pytest
from playwright.sync_api import expect

from ..conftest import make_user
from .conftest import follow, screenshot
from .journeys import add_outcome, add_partnership, create_workspace, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def given_a_partnership_with_an_outcome(page, live_server, axe):
    make_user("manager")
    sign_in(page, live_server, "manager", axe)
    create_workspace(page, axe, "Northshire", "northshire")
    add_partnership(page, axe, "Home First", "People go home from hospital well.",
                    "Joint or lead commissioning", "2022-04-01")
    add_outcome(page, axe, "I only have to tell my story once.", "Four agencies each assess me.")


def test_add_a_unit_cost_and_see_the_social_return(page, live_server, axe):
    # Given a manager on the page of a partnership they made
    given_a_partnership_with_an_outcome(page, live_server, axe)

    # When they open the social-return page
    follow(page.get_by_role("link", name=re.compile(r"^Unit costs and social return")))
    expect(page.get_by_role("heading", name="Unit costs and social return")).to_be_visible()
    expect(page.get_by_text("These figures rest on your assumptions and are not part of the verdict.")).to_be_visible()
    axe.check(page)

    # And save an empty form, they are told what is missing
    follow(page.get_by_role("link", name="Add a unit cost"))
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(page).to_have_title(re.compile(r"^Error: "))
    expect(page.get_by_role("link", name="Enter what is counted")).to_be_visible()
    axe.check(page)

    # And fill it in with the keyboard, a mistake first
    page.get_by_label("Outcome it values").select_option(label="I only have to tell my story once.")
    page.get_by_label("What is counted").fill("An hour of a band 6 nurse's time no longer needed")
    page.get_by_label("Unit cost (£)").fill("61")
    page.get_by_label("Source of the unit cost").fill(
        "Unit Costs of Health and Social Care 2025 Manual, table 9.2.1, band 6 nurse per working hour")
    page.get_by_label("How many a year").fill("1200")
    page.get_by_label("How many years it lasts").fill("3")
    page.get_by_label("Deadweight (%)").fill("125")
    page.get_by_label("Attribution (%)").fill("40")
    page.get_by_label("Drop-off (%)").fill("50")
    page.get_by_label("Drop-off (%)").press("Enter")
    expect(page.get_by_role("link", name="Deadweight must be 100% or less")).to_be_visible()
    axe.check(page)
    page.get_by_role("link", name="Deadweight must be 100% or less").click()
    expect(page.get_by_label("Deadweight (%)")).to_be_focused()
    page.keyboard.press("Control+A")
    page.keyboard.type("25")
    page.keyboard.press("Enter")

    # Then the page shows the unit cost, the result and the sensitivity table
    expect(page.get_by_role("heading", name="An hour of a band 6 nurse's time no longer needed")).to_be_visible()
    expect(page.get_by_text("£54,628.51").first).to_be_visible()
    expect(page.get_by_role("table", name=re.compile("Sensitivity"))).to_be_visible()
    axe.check(page)

    # When they enter the investment
    follow(page.get_by_role("link", name="Change the investment and discount rate"))
    axe.check(page)
    page.get_by_label("Investment in a year (£)").fill("20000")
    page.get_by_role("button", name="Save").click()

    # Then the ratio and the break-even are shown
    expect(page.get_by_text("£2.73 for each £1 invested").first).to_be_visible()
    expect(page.locator("#break-even")).to_contain_text("0.37 times what you entered")
    axe.check(page)
    screenshot(page, "social-return")
    assert len(axe.checked) == 15
