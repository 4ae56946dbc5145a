"""A partnership manager's journey through the good-practice library: write
a case study, find it by search and filters, open it, start another from a
review of their partnership, and publish it; axe-core on every page."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import follow, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in_to_the_demo(page, live_server):
    from joinedup.demo.loader import ensure_demo_user, load_demo

    workspace, _ = load_demo()
    _, password = ensure_demo_user(workspace)
    page.goto(f"{live_server.url}/sign-in/")
    page.locator("#id_username").fill("demo")
    page.locator("#id_password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def test_search_filter_open_start_from_a_review_and_publish(page, live_server, axe):
    # Given a manager signed in to the demo locality
    sign_in_to_the_demo(page, live_server)
    page.goto(f"{live_server.url}/w/northshire/")

    # When they open the library and write a case study
    follow(page.get_by_role("navigation", name="Workspace").get_by_role("link", name="Good practice"))
    expect(page.get_by_role("heading", name="Good practice", exact=True)).to_be_visible()
    axe.check(page)
    follow(page.get_by_role("link", name="Write a case study"))
    axe.check(page)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("link", name="Enter a title")).to_be_visible()  # the error summary
    axe.check(page)
    page.get_by_label("Title").fill("Night sitting for people dying at home in Saltmarsh")
    page.get_by_label("The problem, as the people who use services saw it").fill(
        "My husband wanted to die at home, but I could not stay awake every night.")
    page.get_by_label("People it is about").fill("people at the end of life and their carers")
    page.get_by_label("Outcome area").fill("end of life")
    page.get_by_role("group", name="Form of partnership").get_by_label("Co-ordinated working").check()
    page.get_by_role("group", name="Sectors of the partners").get_by_label("Voluntary and community").check()
    page.get_by_role("group", name="Sectors of the partners").get_by_label("NHS community").check()
    page.get_by_label("What was done").fill("A hospice volunteer sits through the night, **twice a week**.")
    page.get_by_label("Outcomes achieved").fill("More people died where they chose.")
    page.get_by_role("group", name="Who can read it").get_by_label("Published to this workspace").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name="Night sitting for people dying at home in Saltmarsh")).to_be_visible()
    expect(page.locator(".joinedup-prose strong", has_text="twice a week")).to_be_visible()
    axe.check(page)

    # Then they find it by search and filter, alongside the library's others
    follow(page.get_by_role("link", name="Good practice").first)
    page.get_by_label("Search case studies").fill("dying at home")
    page.get_by_role("button", name="Search").click()
    # One by its words; with the optional semantic extra, others near in meaning may follow it.
    expect(page.get_by_role("heading", name=re.compile(r"^\d+ case stud(y|ies) for “dying at home”$"))).to_be_visible()
    expect(page.locator("h3 a.govuk-link").first).to_have_text("Night sitting for people dying at home in Saltmarsh")
    axe.check(page)
    page.get_by_label("Search case studies").fill("")
    page.get_by_label("Strength of evidence").select_option("comparison")
    page.get_by_label("Form of partnership").select_option("pooled_budget")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("heading", name="1 case study")).to_be_visible()
    follow(page.get_by_role("link", name="The Brookmere pooled budget that was unwound"))
    expect(page.get_by_role("heading", name="What went wrong and what was learned")).to_be_visible()
    expect(page.get_by_role("heading", name="Similar case studies")).to_be_visible()
    axe.check(page)
    screenshot(page, "practice-case-study")

    # When they review their own partnership and start a case study from the review
    page.goto(f"{live_server.url}/w/northshire/partnerships/")
    follow(page.get_by_role("link", name="Home First: leaving hospital well"))
    follow(page.get_by_role("link", name="Reviews of this partnership: verdict and report"))
    page.get_by_role("button", name="Run a review now").click()
    expect(page.get_by_role("heading", name="Review of Home First: leaving hospital well")).to_be_visible()
    follow(page.get_by_role("link", name="Write a case study from this review"))
    expect(page.get_by_text("Filled in from the review of Home First")).to_be_visible()
    expect(page.get_by_text("Statistical analysis")).to_be_visible()
    axe.check(page)
    expect(page.get_by_label("What was done")).not_to_be_empty()  # from the agreement's tasks
    page.get_by_label("Title").fill("Home First: going home the same day")
    page.get_by_label("Published to everyone on this joinedup").check()
    page.get_by_role("button", name="Save").click()

    # Then it is published to everyone, with the evidence strength the review gave
    expect(page.get_by_text("Published to everyone on this joinedup", exact=True)).to_be_visible()
    expect(page.get_by_text("Statistical analysis (from joinedup's review of the partnership)")).to_be_visible()
    axe.check(page)
    screenshot(page, "practice-from-review")
