"""Journey: a partnership manager signs in, creates their workspace, records a
partnership (first sending the form empty and being told what is missing),
states an outcome and sees the partnership listed. Only the user account is
made beforehand (an administrator makes accounts); everything else through the
pages, and axe-core checks every page on the way.

Given a manager with an account and nothing else,
when they create a workspace and a partnership with an outcome,
then the partnership page shows the outcome and that there is no written
agreement yet, and the partnerships list names it."""

import re

import pytest
from playwright.sync_api import expect

from ..conftest import PASSWORD, make_user
from .conftest import follow, screenshot
from .journeys import create_workspace, fill_date, save, workspace_nav
from .journeys import sign_in as sign_in_to_a_new_account

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PARTNERSHIP = "Home First: leaving hospital well"


def sign_in(page, live_server, username, axe):
    """Sign in without waiting for a page: older journeys (comparison, network)
    use it and count the pages they check."""
    page.goto(f"{live_server.url}/sign-in/")
    axe.check(page)
    page.get_by_label("User name or e-mail address").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def given_a_manager_with_a_workspace_made_through_the_pages(page, live_server, axe):
    make_user("manager")  # an account is made by an administrator; all else through the pages
    sign_in_to_a_new_account(page, live_server, "manager", axe)
    create_workspace(page, axe, "Northshire", "northshire")


def when_they_send_the_partnership_form_empty_then_fill_it_in(page, axe):
    workspace_nav(page, "Partnerships")
    axe.check(page)
    follow(page.get_by_role("link", name=re.compile("^Add (a )?partnership")))
    axe.check(page)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(page).to_have_title(re.compile(r"^Error: Add partnership"))
    axe.check(page)

    page.get_by_label("Name", exact=True).fill(PARTNERSHIP)
    page.get_by_label("Purpose and vision").fill("Older people go home from hospital well.")
    page.get_by_label("Joint or lead commissioning").check()
    page.get_by_label("Active", exact=True).check()
    fill_date(page, "Start date", "2022-04-01")
    save(page, axe)
    expect(page.get_by_role("heading", name=PARTNERSHIP)).to_be_visible()
    expect(page.get_by_text("No outcomes stated", exact=True)).to_be_visible()


def and_state_an_outcome(page, axe):
    follow(page.get_by_role("link", name="Add an outcome", exact=True))
    expect(page.get_by_label("Statement")).to_be_visible()
    axe.check(page)
    page.get_by_label("Statement").fill("I only have to tell my story once.")
    page.get_by_label("Why it needs a partnership").fill("Ward, therapy and social work each assess me.")
    save(page, axe)


def test_sign_in_create_a_partnership_with_an_outcome_and_see_it_listed(page, live_server, axe):
    given_a_manager_with_a_workspace_made_through_the_pages(page, live_server, axe)
    when_they_send_the_partnership_form_empty_then_fill_it_in(page, axe)
    and_state_an_outcome(page, axe)

    # Then the partnership page shows the outcome and what is still missing.
    expect(page.get_by_text("“I only have to tell my story once.”")).to_be_visible()
    expect(page.get_by_text("No outcomes stated")).to_have_count(0)
    expect(page.get_by_text("No written agreement", exact=True)).to_be_visible()
    screenshot(page, "partnership-page")

    # And the partnerships list names it.
    workspace_nav(page, "Partnerships")
    expect(page.get_by_role("link", name=PARTNERSHIP)).to_be_visible()
    axe.check(page)
    screenshot(page, "partnerships-list")
    assert len(axe.checked) == 11


def test_the_demo_partnership_page_shows_its_warnings_and_passes_axe(page, live_server, axe):
    from joinedup.demo.loader import ensure_demo_user, load_demo
    from joinedup.partnerships.models import Partnership

    workspace, _ = load_demo()
    _, password = ensure_demo_user(workspace)
    page.goto(f"{live_server.url}/sign-in/")
    page.get_by_label("User name or e-mail address").fill("demo")
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    bcf = Partnership.objects.get(name="Better Care Fund pooled budget")
    page.goto(f"{live_server.url}/w/northshire/partnerships/{bcf.pk}/")
    expect(page.get_by_text("Disputed resources", exact=True)).to_be_visible()
    axe.check(page)
    for path in ["/w/northshire/organisations/", "/w/northshire/people/", "/w/northshire/partnerships/",
                 "/w/northshire/members/"]:
        page.goto(live_server.url + path)
        axe.check(page)
