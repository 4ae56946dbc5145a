"""Journey (issue 13, item 6 and 9): a manager, on a 1280-pixel screen, sees
the workspace's sections on one line, opens a survey wave typing its date in
GOV.UK's day, month and year boxes, forgets the month and is told exactly
that; makes easy-read links; a service user opens one and sees a picture
beside each answer, with "Never" among how often, in English and in Welsh.
Everything is made through the pages; axe-core checks each page."""

import re

import pytest
from django.utils import timezone
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

COUNCIL = "Northshire Council"


def given_a_partnership_made_through_the_pages(page, live_server, axe):
    page.set_viewport_size({"width": 1280, "height": 900})
    make_user("manager")
    sign_in(page, live_server, "manager", axe)
    create_workspace(page, axe, "Northshire", "northshire")
    add_organisation(page, axe, COUNCIL, "Council adult social care")
    add_partnership(page, axe, "Home First", "Older people go home from hospital well.",
                    "Joint or lead commissioning", "2023-04-01")
    add_member(page, axe, COUNCIL)
    add_outcome(page, axe, "I only have to tell my story once.", "Ward, therapy and social work each assess me.")


def then_the_workspace_sections_fit_one_line(page):
    items = page.locator(".govuk-service-navigation__item")
    expect(items).to_have_count(11)
    tops = {round(items.nth(i).bounding_box()["y"]) for i in range(11)}
    assert len(tops) == 1, f"the sections wrap onto {len(tops)} lines"
    heights = {round(items.nth(i).bounding_box()["height"]) for i in range(11)}
    navigation = page.locator(".govuk-service-navigation").bounding_box()
    assert navigation["height"] <= max(heights) + 2, (navigation["height"], heights)
    # Every page the same width: the container spans the same pixels here as on the workspace list.
    return page.locator("main").bounding_box()["width"]


def when_they_open_a_wave_and_forget_the_month(page, axe):
    follow(page.get_by_role("link", name="Run a survey wave"))
    width = then_the_workspace_sections_fit_one_line(page)
    follow(page.get_by_role("link", name="Open a survey wave"))
    assert page.locator("main").bounding_box()["width"] == width
    expect(page.locator('input[type="date"]')).to_have_count(0)
    expect(page.get_by_text("---------")).to_have_count(0)
    page.get_by_label("Name of the wave").fill("Spring 2026")
    page.get_by_role("group", name="Which surveys").get_by_label("Your experience of services").check()
    page.get_by_role("group", name="Who will be asked").get_by_label("Service users").check()
    opens = page.get_by_role("group", name=re.compile("^Opens"))
    # The boxes start at today; they type the 1st of this month and clear the month by mistake.
    opens.get_by_label("Day").fill("1")
    opens.get_by_label("Month").fill("")
    page.get_by_role("button", name=re.compile("Save|Open")).click()


def then_they_are_told_what_is_wrong_with_this_date(page, axe):
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("The date the wave opens must include a month")
    expect(page.get_by_text("This field is required")).to_have_count(0)
    expect(page).to_have_title(re.compile("^Error: "))
    opens = page.get_by_role("group", name=re.compile("^Opens"))
    expect(opens.get_by_label("Month")).to_have_class(re.compile("govuk-input--error"))
    expect(opens.get_by_label("Day")).not_to_have_class(re.compile("govuk-input--error"))
    expect(opens.get_by_label("Day")).to_have_value("1")
    screenshot(page, "govuk-date-input-error")
    axe.check(page)
    # The summary's link takes them to the box to fix.
    summary.get_by_role("link", name="The date the wave opens must include a month").click()
    expect(opens.get_by_label("Month")).to_be_focused()
    opens.get_by_label("Month").fill(str(timezone.localdate().month))
    page.get_by_role("button", name=re.compile("Save|Open")).click()
    expect(page.get_by_text("Wave opened: Spring 2026")).to_be_visible()
    axe.check(page)


def when_they_make_easy_read_links(page, axe):
    follow(page.get_by_role("link", name="Make invitation links"))
    expect(page.get_by_text("---------")).to_have_count(0)
    axe.check(page)
    page.get_by_role("group", name="Group").get_by_label("Service users", exact=True).check()
    page.get_by_role("group", name="Survey").get_by_label("Your experience of services", exact=True).check()
    page.get_by_label("Easy-read version").check()
    page.get_by_label("How many links").fill("5")
    page.get_by_role("button", name="Make the links").click()
    axe.check(page)
    return [cell.inner_text() for cell in page.locator("table.joinedup-links-table tbody tr td:first-child").all()]


def then_the_easy_read_survey_shows_pictures_beside_the_answers(page, axe, link):
    page.goto(link)
    how_often = page.get_by_role("group", name="How many times did you tell your story to someone new?")
    expect(how_often.get_by_role("radio")).to_have_count(5)
    expect(how_often.get_by_role("radio", name="Never", exact=True)).to_be_visible()
    pictures = page.locator("img.joinedup-pictured__picture")
    expect(pictures).to_have_count(5 + 3 * 3)
    for index in range(pictures.count()):
        picture = pictures.nth(index)
        assert picture.get_attribute("alt") == ""  # the answer's words beside it say the same
        assert picture.evaluate("img => img.complete && img.naturalWidth > 0"), picture.get_attribute("src")
    never = how_often.locator(".govuk-radios__item").first
    box = never.locator("img").bounding_box()
    words = never.locator("label").bounding_box()
    assert box["height"] >= 60 and box["x"] < words["x"] + 80  # the picture is beside the words
    screenshot(page, "easy-read-pictures")
    axe.check(page)
    follow(page.get_by_role("link", name="Cymraeg"))
    expect(page.get_by_role("radio", name="Byth", exact=True)).to_be_visible()
    expect(page.locator("img.joinedup-pictured__picture")).to_have_count(14)
    screenshot(page, "easy-read-pictures-cy")
    axe.check(page)
    page.get_by_role("radio", name="Byth", exact=True).check()


def then_the_results_are_in_parts(page, axe, wave_url):
    page.goto(wave_url)
    follow(page.get_by_role("link", name="See the results"))
    parts = page.get_by_role("navigation", name=re.compile("^Parts of the"))
    expect(parts.get_by_role("link", name="Summary")).to_have_attribute("aria-current", "page")
    then_the_workspace_sections_fit_one_line(page)
    screenshot(page, "survey-results-parts")
    axe.check(page)


def test_dates_errors_navigation_and_the_easy_read_survey_follow_govuk_patterns(page, live_server, axe):
    given_a_partnership_made_through_the_pages(page, live_server, axe)
    when_they_open_a_wave_and_forget_the_month(page, axe)
    then_they_are_told_what_is_wrong_with_this_date(page, axe)
    wave_url = page.url
    links = when_they_make_easy_read_links(page, axe)
    then_the_easy_read_survey_shows_pictures_beside_the_answers(page, axe, links[0])
    then_the_results_are_in_parts(page, axe, wave_url)
