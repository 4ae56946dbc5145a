"""Journey (issue 18, items 5 and 7): a partnership in a Scottish workspace imports
Public Health Scotland's care-at-home figures by council area through the import
pages, and its indicator is compared with Scottish council areas (S12 codes).
Only the account is made beforehand; the workspace (in Scotland), partnership,
outcome and indicator are made through the pages, and axe-core checks every page.

Given a workspace in Scotland with an integration joint board, an outcome and a
quarterly indicator, when the analyst uploads the care-at-home file, maps its
columns, marks Dumfries and Galloway as their own area and imports it,
then the indicator's page compares it with the other Scottish council areas."""

import re

import pytest
from playwright.sync_api import expect

from joinedup.indicators.models import Area, Measurement
from tests.public_data import PUBLIC

from ..conftest import make_user
from .conftest import follow, screenshot
from .journeys import (
    add_indicator,
    add_outcome,
    add_partnership,
    save,
    sign_in,
    upload_indicator_file,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CARE_AT_HOME = PUBLIC / "indicators-dev" / "phs_care-at-home-tidied_scotland-council-area_2018-q1-to-2024-q1.csv"
INDICATOR = "People receiving care at home per 1,000"
OUTCOME = "I can stay in my own home for as long as I want to."


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def create_a_workspace_in_scotland(page, axe):
    page.get_by_role("link", name=re.compile("Create a workspace")).click()
    expect(page.get_by_role("heading", name="Create a workspace")).to_be_visible()
    axe.check(page)
    page.get_by_label("Name", exact=True).fill("Glenmore")
    page.get_by_label("Short name for web addresses").fill("glenmore")
    nations = page.get_by_role("group", name=re.compile("^Nations the workspace works in"))
    nations.get_by_label("England").uncheck()
    nations.get_by_label("Scotland").check()
    save(page, axe, "Create workspace")
    expect(page.get_by_text("Workspace created: Glenmore")).to_be_visible()


def test_a_scottish_workspace_imports_care_at_home_and_is_compared_with_scottish_areas(page, live_server, axe):
    make_user("analyst")
    sign_in(page, live_server, "analyst", axe)
    create_a_workspace_in_scotland(page, axe)
    add_partnership(page, axe, "Glenmore Integration Joint Board", "Adults live well at home in Glenmore.",
                    "Pooled budget", "2016-04-01")
    add_outcome(page, axe, OUTCOME, "Community nursing and care at home are run by two bodies.")
    add_indicator(page, axe, "Glenmore Integration Joint Board", INDICATOR, OUTCOME, "Count", "Higher is better",
                  "Quarterly", "Public Health Scotland, Care at home statistics")
    if not page.get_by_role("heading", name=INDICATOR).count():
        follow(page.get_by_role("link", name=INDICATOR))
    axe.check(page)

    upload_indicator_file(page, axe, CARE_AT_HOME)
    expect(page.get_by_role("heading", name="Say which column holds what")).to_be_visible()
    page.get_by_label("Period (optional)", exact=True).select_option("date")
    page.get_by_label(re.compile(r"^Area code \(ONS\)")).select_option("ltla24_code")
    page.get_by_label(re.compile(r"^Area name")).select_option("ltla24_name")
    page.get_by_label(re.compile(r"^Value( \(optional\))?$")).select_option("care_at_home_per_1000")
    axe.check(page)
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_role("heading", name="Check the import")).to_be_visible()
    # Every area is a Scottish council area: none is left out as being in another nation.
    expect(page.locator("#comparator-nations")).to_have_count(0)
    own = page.get_by_role("group", name="Dumfries and Galloway (S12000006)")
    expect(own.get_by_text("council area")).to_be_visible()
    own.get_by_label("Our own area").check()
    expect(page.get_by_role("group", name="Aberdeen City (S12000033)").get_by_label("Comparator")).to_be_checked()
    axe.check(page)
    screenshot(page, "scotland-import-preview")
    page.get_by_role("button", name="Import 800 values").click()
    expect(page.get_by_role("heading", name="Import complete")).to_be_visible()
    axe.check(page)
    assert Measurement.objects.filter(indicator__name=INDICATOR).count() == 800
    comparators = Area.objects.filter(is_own_area=False).values_list("ons_code", flat=True)
    assert len(comparators) == 31 and all(code.startswith("S12") for code in comparators)

    # The indicator's page compares Dumfries and Galloway with the Scottish council areas.
    follow(page.get_by_role("link", name=f"See {INDICATOR}"))
    expect(page.get_by_role("heading", name=INDICATOR)).to_be_visible()
    page.get_by_text(re.compile(r"Show the 25 periods for 32 areas")).click()
    table = page.locator("#data-table")
    expect(table.get_by_role("columnheader", name="Dumfries and Galloway (own area)")).to_be_visible()
    expect(table.get_by_role("columnheader", name="Aberdeen City", exact=True)).to_be_visible()
    expect(table.get_by_role("columnheader", name="Na h-Eileanan Siar", exact=True)).to_be_visible()
    axe.check(page)
    screenshot(page, "scotland-indicator-comparators")
