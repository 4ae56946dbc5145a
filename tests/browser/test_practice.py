"""A partnership manager's journey through the good-practice library: write
two case studies, find one by search and the other by filters, open it, start
another from a review of their own partnership, and publish it. The
workspace, the partnership with its outcome, indicator data, agreement task
and review are all made through the pages (only the user account
beforehand); axe-core checks every page.

Given a partnership whose review found an indicator improving since it started,
when the manager writes case studies and starts one from that review,
then the library finds them and the one from the review carries its evidence."""

import re

import pytest
from playwright.sync_api import expect

from tests.public_data import PUBLIC

from ..conftest import make_user
from .conftest import follow, screenshot
from .journeys import (
    add_indicator,
    add_member,
    add_organisation,
    add_outcome,
    add_partnership,
    create_workspace,
    open_partnership,
    sign_in,
)
from .journeys_review import (
    add_responsibility,
    import_indicator_data,
    run_review,
    say_who_it_serves,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ADMISSIONS = PUBLIC / "trafford_dashboard_residential_home_admissions.csv"
STORY_ONCE = "I only have to tell my story once."


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def given_a_partnership_with_an_agreement_and_improving_figures(page, live_server, axe):
    make_user("manager")
    sign_in(page, live_server, "manager", axe)
    create_workspace(page, axe, "Northshire", "northshire")
    add_organisation(page, axe, "Northshire Council", "Council adult social care")
    add_organisation(page, axe, "Carers' Voice Northshire", "User-led")
    add_partnership(page, axe, "Home First: leaving hospital well", "Older people go home from hospital well.",
                    "Joint or lead commissioning", "2016-04-01")
    say_who_it_serves(page, axe, "Older people leaving hospital")
    add_member(page, axe, "Northshire Council")
    add_member(page, axe, "Carers' Voice Northshire")
    add_outcome(page, axe, STORY_ONCE, "Ward, therapy and social work each assess me.")
    add_responsibility(page, axe, "A trusted assessor sees each person on the ward", "Northshire Council")
    add_indicator(page, axe, "Home First: leaving hospital well", "Care home admissions 65+ per 100,000",
                  STORY_ONCE, "Rate per 100,000", "Lower is better", "Yearly (financial year, April to March)",
                  "Trafford Council data dashboard", question="Is anyone better off?")
    import_indicator_data(page, axe, "Care home admissions 65+ per 100,000", ADMISSIONS, "Trafford", 50)


def write_brookmere_case_study(page, axe):
    follow(page.get_by_role("link", name="Write a case study"))
    page.get_by_label("Title").fill("The Brookmere pooled budget that was unwound")
    page.get_by_label("The problem, as the people who use services saw it").fill(
        "Each agency paid for its own part of my care and none for the whole.")
    page.get_by_label("People it is about").fill("older people with complex needs")
    page.get_by_label("Outcome area").fill("staying at home")
    page.get_by_role("group", name="Form of partnership").get_by_label("Pooled budget").check()
    page.get_by_label("What was done").fill("The council and the NHS pooled their budgets for home care.")
    page.get_by_label("Outcomes achieved").fill("Fewer admissions at first; then the pool was overspent.")
    page.get_by_label("Compared with other areas").check()
    page.get_by_label("Why this strength of evidence").fill("Admissions against four neighbouring councils.")
    page.get_by_label("What went wrong and what was learned").fill("Agree the risk share before the pool opens.")
    page.get_by_role("group", name="Who can read it").get_by_label("Published to this workspace").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name="The Brookmere pooled budget that was unwound")).to_be_visible()
    axe.check(page)


def test_search_filter_open_start_from_a_review_and_publish(page, live_server, axe):
    # Given a manager's partnership with an agreement and figures improving since it started
    given_a_partnership_with_an_agreement_and_improving_figures(page, live_server, axe)

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
    # And another, of a pooled budget that went wrong
    follow(page.get_by_role("link", name="Good practice").first)
    write_brookmere_case_study(page, axe)

    # Then they find one by search and the other by filters
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
    open_partnership(page, axe, "Home First: leaving hospital well")
    run_review(page, axe)
    expect(page.get_by_role("heading", name="Review of Home First: leaving hospital well")).to_be_visible()
    follow(page.get_by_role("link", name="Write a case study from this review"))
    expect(page.get_by_text("Filled in from the review of Home First")).to_be_visible()
    expect(page.get_by_label("People it is about")).to_have_value("Older people leaving hospital")
    expect(page.get_by_text("Statistical analysis")).to_be_visible()
    axe.check(page)
    expect(page.get_by_label("What was done")).to_have_value(  # from the agreement's tasks
        "- A trusted assessor sees each person on the ward (Northshire Council)")
    page.get_by_label("Title").fill("Home First: going home the same day")
    page.get_by_label("Published to everyone on this joinedup").check()
    page.get_by_role("button", name="Save").click()

    # Then it is published to everyone, with the evidence strength the review gave
    expect(page.get_by_text("Published to everyone on this joinedup", exact=True)).to_be_visible()
    expect(page.get_by_text("Statistical analysis (from joinedup's review of the partnership)")).to_be_visible()
    axe.check(page)
    screenshot(page, "practice-from-review")
