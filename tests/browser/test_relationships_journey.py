"""Journey: a partnership manager opens a wave of the partner relationships
survey; representatives of three partners answer through links made for
their organisations (one of them by keyboard alone); the manager closes the
wave and reads trust and value per partnership, organisation and tie, with
the tie rated by too few hidden, on the results page and the network page.
Everything is made through the pages; axe-core checks each page."""

import re

import pytest
from playwright.sync_api import expect

from ..conftest import make_user
from .conftest import ARTIFACTS, follow, screenshot
from .journeys import (
    add_member,
    add_organisation,
    add_partnership,
    create_workspace,
    fill_date,
    sign_in,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ACORN, BEECH, CEDAR = "Acorn Housing", "Beech Council", "Cedar Carers"
SURVEY = "Partner relationships: trust and value"
# Three people from Acorn, two from Beech and two from Cedar, each giving
# this level to every question about every partner. Acorn-Beech and
# Acorn-Cedar are each rated by five people; Beech-Cedar by four: hidden.
LEVELS = {ACORN: [3, 4, 2], BEECH: [4, 2], CEDAR: [1, 2]}


def given_a_partnership_of_three_organisations(page, live_server, axe):
    make_user("manager")
    sign_in(page, live_server, "manager", axe)
    create_workspace(page, axe, "Northshire", "northshire")
    add_organisation(page, axe, ACORN, "Council housing")
    add_organisation(page, axe, BEECH, "Council adult social care")
    add_organisation(page, axe, CEDAR, "Voluntary and community")
    add_partnership(page, axe, "Home First", "Older people go home from hospital well.",
                    "Joint or lead commissioning", "2023-04-01")
    for name in (ACORN, BEECH, CEDAR):
        add_member(page, axe, name)


def open_a_wave_of_the_relationships_survey(page, axe):
    follow(page.get_by_role("link", name="Run a survey wave"))
    axe.check(page)
    follow(page.get_by_role("link", name="Open a survey wave"))
    axe.check(page)
    page.get_by_label("Name of the wave").fill("Spring 2026")
    page.get_by_role("group", name="Which surveys").get_by_label(SURVEY).check()
    for group in (ACORN, BEECH, CEDAR):
        page.get_by_role("group", name="Who will be asked").get_by_label(group).check()
    fill_date(page, "Opens", "2026-03-01")
    page.get_by_role("button", name=re.compile("Save|Open")).click()
    expect(page.get_by_text("Wave opened: Spring 2026")).to_be_visible()
    axe.check(page)


def make_links(page, axe, group, count):
    follow(page.get_by_role("link", name="Make invitation links"))
    axe.check(page)
    page.get_by_role("group", name="Group").get_by_label(group, exact=True).check()
    page.get_by_role("group", name="Survey").get_by_label(SURVEY, exact=True).check()
    page.get_by_label("How many links").fill(str(count))
    page.get_by_role("button", name="Make the links").click()
    expect(page.get_by_role("heading", name=f"Your {count} invitation links")).to_be_visible()
    axe.check(page)
    links = [cell.inner_text() for cell in page.locator("table.joinedup-links-table tbody tr td:first-child").all()]
    follow(page.get_by_role("link", name="Back to the wave"))
    return links


def answer(page, axe, link, own, level, keyboard=False):
    """A representative of ``own`` gives ``level`` (1 to 4) on every question
    about every other partner, by mouse or by keyboard alone."""
    page.goto(link)
    axe.check(page)
    others = [name for name in LEVELS if name != own]
    # A heading per partner, never one for their own organisation.
    for name in others:
        expect(page.get_by_role("heading", name=f"About {name}")).to_be_visible()
    expect(page.get_by_role("heading", name=f"About {own}")).to_have_count(0)
    questions = page.locator("fieldset")
    expect(questions).to_have_count(6 * len(others))
    # Each question is a group whose name (its legend) says which partner it is about.
    expect(page.get_by_role("group", name=re.compile(f"rely on {others[0]} to do"))).to_have_count(1)
    for question in questions.all():
        if keyboard:
            # Focus the group's first answer, choose it with the space bar,
            # then move down to the level with the arrow keys.
            question.locator('input[value="1"]').focus()
            page.keyboard.press("Space")
            for _ in range(level - 1):
                page.keyboard.press("ArrowDown")
            expect(question.locator(f'input[value="{level}"]')).to_be_checked()
        else:
            question.locator(f'input[value="{level}"]').check()
    if keyboard:
        screenshot(page, "relationships-respondent")
        page.get_by_role("button", name="Send my answers").focus()
        page.keyboard.press("Enter")
    else:
        page.get_by_role("button", name="Send my answers").click()
    expect(page.get_by_role("heading", name="Thank you")).to_be_visible()
    axe.check(page)


def test_partners_rate_each_other_and_the_manager_sees_trust_and_value(page, live_server, axe):
    given_a_partnership_of_three_organisations(page, live_server, axe)
    open_a_wave_of_the_relationships_survey(page, axe)
    wave_url = page.url
    links = {group: make_links(page, axe, group, len(levels)) for group, levels in LEVELS.items()}
    first = True
    for group, levels in LEVELS.items():
        for link, level in zip(links[group], levels, strict=True):
            answer(page, axe, link, group, level, keyboard=first)
            if first:
                page.goto(link)  # the link is used up
                expect(page.get_by_role("heading", name="These answers have already been sent")).to_be_visible()
                axe.check(page)
            first = False
    page.goto(links[ACORN][1])
    screenshot(page, "relationships-used-link")

    # While the wave is open, no group has five answers: nothing is counted yet.
    page.goto(wave_url)
    follow(page.get_by_role("link", name="See the results"))
    axe.check(page)
    follow(page.get_by_role("navigation", name=re.compile("Parts of the")).get_by_role(
        "link", name="Trust and value between partners"))
    axe.check(page)
    expect(page.locator('[data-result-table^="relationship_"]')).to_have_count(0)
    expect(page.get_by_text(re.compile(r"2 rows are not listed .*\(Trust, Value\)"))).to_be_visible()

    # Closing the wave releases all seven answers together.
    page.goto(wave_url)
    follow(page.get_by_role("link", name="Close the wave"))
    axe.check(page)
    page.get_by_role("button", name="Close the wave").click()
    expect(page.get_by_text("Wave closed: Spring 2026")).to_be_visible()
    axe.check(page)
    follow(page.get_by_role("link", name="See the results"))
    follow(page.get_by_role("navigation", name=re.compile("Parts of the")).get_by_role(
        "link", name="Trust and value between partners"))
    axe.check(page)
    whole = page.locator('[data-result-table="relationship_partnership"]')
    # (3 + 4 + 2 + 4 + 2 + 1 + 2) / 7 = 2.57: 2.6 for trust and for value.
    expect(whole.get_by_role("row", name=re.compile("Trust"))).to_contain_text("2.6")
    expect(whole.get_by_role("row", name=re.compile("Value"))).to_contain_text("2.6")
    ties = page.locator('[data-result-table="relationship_ties"]')
    # Acorn-Beech: (3 + 4 + 2 + 4 + 2) / 5 = 3.0; Acorn-Cedar: (3 + 4 + 2 + 1 + 2) / 5 = 2.4.
    expect(ties.get_by_role("row", name=re.compile(f"{ACORN} and {BEECH}"))).to_contain_text("3.0")
    expect(ties.get_by_role("row", name=re.compile(f"{ACORN} and {CEDAR}"))).to_contain_text("2.4")
    # Beech-Cedar, rated by four people, is not listed, and the page says why.
    expect(ties).not_to_contain_text(f"{BEECH} and {CEDAR}")
    expect(page.get_by_text(re.compile(f"not listed because every figure in them is hidden \\({BEECH} and {CEDAR}\\)")))\
        .to_be_visible()
    organisations = page.locator('[data-result-table="relationship_organisations"]')
    # Beech as the others see it: (3 + 4 + 2 + 1 + 2) / 5 = 2.4; Cedar (3 + 4 + 2 + 4 + 2) / 5 = 3.0.
    expect(organisations.get_by_role("row", name=re.compile(BEECH))).to_contain_text("2.4")
    expect(organisations.get_by_role("row", name=re.compile(CEDAR))).to_contain_text("3.0")
    expect(page.get_by_text("A tie is a pair of organisations").first).to_be_visible()
    screenshot(page, "relationships-results")

    # The network page shows the partnership's scores, linking to these results.
    follow(page.get_by_role("navigation", name="Workspace").get_by_role("link", name="Network"))
    axe.check(page)
    figures = page.locator("#relationship-figures")
    expect(figures).to_contain_text("Home First")
    expect(figures).to_contain_text("2.6 out of 4")
    expect(figures).to_contain_text(f"{ACORN} and {CEDAR} (2.4)")
    page.locator("#relationships").scroll_into_view_if_needed()
    figures.screenshot(path=str(ARTIFACTS / "relationships-network.png"))
    follow(figures.get_by_role("link", name=re.compile("Spring 2026")))
    expect(page.get_by_role("heading", name="Results: Spring 2026")).to_be_visible()
    axe.check(page)
