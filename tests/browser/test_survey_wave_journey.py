"""Journey: a partnership manager opens one survey wave that asks partners,
front-line staff and service users, each their own survey; people answer
through their links; the manager reads where the groups see things
differently. Everything is made through the pages; axe-core checks each page."""

import re

import pytest
from playwright.sync_api import expect

from ..conftest import make_user
from .conftest import ARTIFACTS, follow, screenshot
from .journeys import (
    add_member,
    add_organisation,
    add_outcome,
    add_partnership,
    create_workspace,
    fill_date,
    sign_in,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

COUNCIL, HOSPITALS = "Northshire Council", "Northshire Hospitals"
PEOPLE_EACH = 5  # the smallest group the results may show


def given_a_partnership_of_two_organisations_made_through_the_pages(page, live_server, axe):
    make_user("manager")  # an account is made by an administrator; all else through the pages
    sign_in(page, live_server, "manager", axe)
    create_workspace(page, axe, "Northshire", "northshire")
    add_organisation(page, axe, COUNCIL, "Council adult social care")
    add_organisation(page, axe, HOSPITALS, "NHS acute")
    add_partnership(page, axe, "Home First", "Older people go home from hospital well.",
                    "Joint or lead commissioning", "2023-04-01")
    add_member(page, axe, COUNCIL)
    add_member(page, axe, HOSPITALS)
    add_outcome(page, axe, "I only have to tell my story once.", "Ward, therapy and social work each assess me.")


def when_they_open_a_wave_asking_several_surveys_of_several_groups(page, axe):
    follow(page.get_by_role("link", name="Run a survey wave"))
    axe.check(page)
    follow(page.get_by_role("link", name="Open a survey wave"))
    surveys = page.get_by_role("group", name="Which surveys")
    groups = page.get_by_role("group", name="Who will be asked")
    # Several answers: checkboxes, not radios, in both questions.
    expect(surveys.get_by_role("checkbox")).not_to_have_count(0)
    expect(surveys.get_by_role("radio")).to_have_count(0)
    expect(groups.get_by_role("radio")).to_have_count(0)
    axe.check(page)
    page.get_by_label("Name of the wave").fill("Spring 2026")
    for survey in ["Partnership health check", "Staff pulse", "Your experience of services"]:
        surveys.get_by_label(survey).check()
    for group in [COUNCIL, HOSPITALS, "Service users"]:
        groups.get_by_label(group).check()
    fill_date(page, "Opens", "2026-03-01")
    screenshot(page, "survey-wave-form")
    page.get_by_role("button", name=re.compile("Save|Open")).click()
    expect(page.get_by_text("Wave opened: Spring 2026")).to_be_visible()
    summary = page.locator(".govuk-summary-list__row")
    expect(summary.filter(has_text="Surveys")).to_contain_text(
        "Partnership health check, Staff pulse, Your experience of services")
    expect(summary.filter(has_text="Groups asked")).to_contain_text(
        f"{COUNCIL}, {HOSPITALS}, Service users")
    axe.check(page)


def make_links(page, axe, group, survey):
    follow(page.get_by_role("link", name="Make invitation links"))
    axe.check(page)
    page.get_by_role("group", name="Group").get_by_label(group, exact=True).check()
    page.get_by_role("group", name="Survey").get_by_label(survey, exact=True).check()
    page.get_by_label("How many links").fill(str(PEOPLE_EACH))
    page.get_by_role("button", name="Make the links").click()
    expect(page.get_by_role("heading", name=f"Your {PEOPLE_EACH} invitation links")).to_be_visible()
    axe.check(page)
    links = [cell.inner_text() for cell in page.locator("table.joinedup-links-table tbody tr td:first-child").all()]
    follow(page.get_by_role("link", name="Back to the wave"))
    return links


def answer(page, axe, link, score):
    """A respondent opens their link and gives ``score`` (1 to 5) on every
    scored question; other questions get their first answer."""
    page.goto(link)
    axe.check(page)
    for question in page.locator(".govuk-radios").all():
        scored = question.locator(f'input[value="{score}"]')
        (scored if scored.count() else question.locator("input").first).check()
    page.get_by_role("button", name="Send my answers").click()
    expect(page.get_by_role("heading", name="Thank you")).to_be_visible()
    axe.check(page)


def test_a_wave_asks_partners_staff_and_service_users_and_shows_their_perspective_gaps(page, live_server, axe):
    given_a_partnership_of_two_organisations_made_through_the_pages(page, live_server, axe)
    when_they_open_a_wave_asking_several_surveys_of_several_groups(page, axe)
    wave_url = page.url

    asked = [
        (COUNCIL, "Partnership health check", [5, 4, 5, 4, 4]),
        (HOSPITALS, "Partnership health check", [2, 1, 2, 3, 2]),
        (COUNCIL, "Staff pulse", [4, 4, 3, 4, 5]),
        (HOSPITALS, "Staff pulse", [2, 3, 2, 2, 1]),
        ("Service users", "Your experience of services", [4, 3, 4, 5, 4]),
    ]
    links = {(group, survey): make_links(page, axe, group, survey) for group, survey, _ in asked}
    for group, survey, scores in asked:
        for link, score in zip(links[(group, survey)], scores, strict=True):
            answer(page, axe, link, score)

    # Then the manager sees each survey's results and the gaps between the partners.
    page.goto(wave_url)
    follow(page.get_by_role("link", name="See the results"))
    axe.check(page)
    tabs = page.get_by_role("navigation", name="Surveys in this wave")
    for survey in ["Partnership health check", "Staff pulse"]:
        tab = tabs.get_by_role("link", name=survey)
        if tab.count():
            follow(tab)
        gaps = page.locator('[data-result-table="perspective_gaps"]')
        expect(gaps).to_contain_text(COUNCIL)
        rows = gaps.locator("tbody tr")
        themes = [row.locator("th, td").first.inner_text() for row in rows.all()]
        assert themes and len(themes) == len(set(themes)), themes  # two groups: one row per theme
        differences = [float(re.match(r"[+−-]?[\d.]+", row.locator("td").nth(3).inner_text().replace("−", "-"))[0])
                       for row in rows.all()]
        sizes = [abs(d) for d in differences]
        assert sizes == sorted(sizes, reverse=True)
        assert all(size > 0 for size in sizes)
        axe.check(page)
        # The table itself: the whole results page is many screens long.
        page.locator("#perspective_gaps").scroll_into_view_if_needed()
        gaps.screenshot(path=str(ARTIFACTS / f"survey-perspective-gaps-{survey.lower().replace(' ', '-')}.png"))
    follow(tabs.get_by_role("link", name="Your experience of services"))
    expect(page.get_by_text("Service users").first).to_be_visible()
    axe.check(page)
