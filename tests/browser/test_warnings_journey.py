"""Journey: a partnership manager reads the warnings on their partnership's
page and follows each one to the form that puts it right: the outcome with no
reason for working in partnership to that outcome's form, too few sectors to
"Add a member organisation". The sector warning counts the sectors as the
members table shows them and suggests none already at the table; rule ids stay
out of the headlines. Then a review's findings link to the same records.
Everything is made through the pages; axe-core checks each page."""

import re

import pytest
from playwright.sync_api import expect

from ..conftest import make_user
from .conftest import follow, screenshot
from .journeys import (
    add_member,
    add_organisation,
    add_outcome,
    add_partnership,
    create_workspace,
    sign_in,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NO_WHY = "Outcome with no reason for working in partnership"
FEW_SECTORS = "Partners mostly from one or two sectors"


def warning(page, title):
    return page.locator("#warnings > li", has_text=title)


def given_an_old_partnership_of_two_nhs_trusts_and_a_user_led_group(page, live_server, axe):
    make_user("manager")
    sign_in(page, live_server, "manager", axe)
    create_workspace(page, axe, "Northshire", "northshire")
    for name, sector in [("Northshire Hospitals", "NHS acute"), ("Northshire Community Health", "NHS community"),
                         ("Carers' Voice Northshire", "User-led"), ("Northshire Council", "Council adult social care")]:
        add_organisation(page, axe, name, sector)
    add_partnership(page, axe, "Home First", "Older people go home from hospital well.",
                    "Co-ordinated working", "2020-04-01")
    for name in ["Northshire Hospitals", "Northshire Community Health", "Carers' Voice Northshire"]:
        add_member(page, axe, name)
    add_outcome(page, axe, "I only have to tell my story once.")


def test_each_warning_leads_to_the_form_that_fixes_it(page, live_server, axe):
    given_an_old_partnership_of_two_nhs_trusts_and_a_user_led_group(page, live_server, axe)
    partnership_url = page.url

    # The headlines are plain words; the rule ids wait in "Why this matters".
    no_why = warning(page, NO_WHY)
    expect(no_why).to_be_visible()
    expect(page.get_by_text(re.compile(r"\(purpose\.no_why_partnership\)"))).to_have_count(0)
    expect(no_why.locator(".govuk-details__text")).to_contain_text("purpose.no_why_partnership")
    expect(no_why.locator(".govuk-details__text")).not_to_be_visible()

    # The sector warning counts what the members table shows and suggests nothing already there.
    sectors = warning(page, FEW_SECTORS)
    expect(sectors).to_contain_text("3 current members in 2 sector groups: NHS 2 (NHS acute, NHS community); "
                                    "user-led 1 (user-led).")
    advice = sectors.locator("p", has_text="What to do").inner_text()
    assert "user-led" not in advice and "voluntary or community group" in advice
    axe.check(page)
    screenshot(page, "partnership-warnings")

    # When they follow the outcome's link, they land on that outcome's form and put it right.
    follow(no_why.get_by_role("link", name=re.compile("^Change this outcome")))
    expect(page.get_by_label("Statement")).to_have_value("I only have to tell my story once.")
    axe.check(page)
    page.get_by_label("Why it needs a partnership").fill("Ward, therapy and social work each assess me.")
    page.get_by_role("button", name="Save").click()
    page.goto(partnership_url)
    expect(warning(page, NO_WHY)).to_have_count(0)
    axe.check(page)

    # The sector warning leads to adding a member.
    follow(warning(page, FEW_SECTORS).get_by_role("link", name=re.compile("^Add a member organisation")))
    expect(page.get_by_label("Organisation")).to_be_visible()
    axe.check(page)
    page.get_by_label("Organisation").select_option(label="Northshire Council")
    page.get_by_label("Core partner").check()
    page.get_by_role("button", name="Save").click()
    page.goto(partnership_url)
    expect(warning(page, FEW_SECTORS)).to_contain_text("4 current members in 3 sector groups")

    # Then a review's findings carry the same links, and no rule id in a heading.
    follow(page.get_by_role("link", name=re.compile("^Reviews of this partnership")))
    axe.check(page)
    page.get_by_role("button", name="Run a review now").click()
    finding = page.locator(".joinedup-finding", has_text=FEW_SECTORS)
    expect(finding).to_be_visible()
    expect(finding.get_by_role("heading")).not_to_contain_text("stale.")
    axe.check(page)
    screenshot(page, "review-finding-links")
    follow(finding.get_by_role("link", name=re.compile("^Add a member organisation")))
    expect(page.get_by_label("Organisation")).to_be_visible()
    axe.check(page)
