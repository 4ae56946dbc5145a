"""A partnership manager signs in, records a partnership with an outcome and
sees it listed, and every page on the way passes axe-core."""

import re

import pytest
from playwright.sync_api import expect

from ..conftest import PASSWORD
from .conftest import follow, screenshot
from .journeys import fill_date

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, live_server, username, axe):
    page.goto(f"{live_server.url}/sign-in/")
    axe.check(page)
    page.get_by_label("User name or e-mail address").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_sign_in_create_a_partnership_with_an_outcome_and_see_it_listed(page, live_server, editor, axe):
    sign_in(page, live_server, "editor", axe)
    expect(page.get_by_role("heading", name="Your workspaces")).to_be_visible()
    axe.check(page)

    follow(page.get_by_role("link", name="Northshire", exact=True))
    expect(page.get_by_role("link", name="Add a partnership")).to_be_visible()
    axe.check(page)
    page.get_by_role("link", name="Add a partnership").click()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(page).to_have_title(re.compile(r"^Error: Add partnership"))
    axe.check(page)

    page.get_by_label("Name").fill("Home First: leaving hospital well")
    page.get_by_label("Purpose and vision").fill("Older people go home from hospital well.")
    page.get_by_label("Joint or lead commissioning").check()
    page.get_by_label("Active", exact=True).check()
    fill_date(page, "Start date", "2022-04-01")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name="Home First: leaving hospital well")).to_be_visible()
    expect(page.get_by_text("No outcomes stated", exact=True)).to_be_visible()
    axe.check(page)

    follow(page.get_by_role("link", name="Add an outcome", exact=True))
    expect(page.get_by_label("Statement")).to_be_visible()
    axe.check(page)
    page.get_by_label("Statement").fill("I only have to tell my story once.")
    page.get_by_label("Why it needs a partnership").fill("Ward, therapy and social work each assess me.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("“I only have to tell my story once.”")).to_be_visible()
    expect(page.get_by_text("No outcomes stated")).to_have_count(0)
    expect(page.get_by_text("No written agreement", exact=True)).to_be_visible()
    axe.check(page)
    screenshot(page, "partnership-page")

    follow(page.get_by_role("navigation", name="Workspace").get_by_role("link", name="Partnerships"))
    expect(page.get_by_role("link", name="Home First: leaving hospital well")).to_be_visible()
    axe.check(page)
    assert len(axe.checked) == 8


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
