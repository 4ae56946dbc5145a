"""An analyst imports a published workbook as it is (NHS Digital's adult social
care overview: a Contents sheet first, notes above each table, 'Year' merged over
the year columns) through the pages: creates the indicator, uploads, chooses the
sheet, the header rows and the rows to import, imports, and sees the values.
axe-core checks every page."""

import re

import pytest
from playwright.sync_api import expect

from joinedup.indicators.models import Measurement
from tests.public_data import PUBLIC

from .conftest import follow, screenshot
from .journeys import save, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WORKBOOK = PUBLIC / "indicators-dev" / "nhsd_adult-social-care-overview-tables_england_2015-16-to-2020-21.xlsx"
NAME = "Safeguarding concerns raised"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_a_workbook_imported_through_the_pages(page, live_server, editor, partnership, outcome, axe):
    sign_in(page, live_server, "editor", axe)
    page.goto(f"{live_server.url}/w/northshire/evidence/")
    axe.check(page)
    follow(page.get_by_role("link", name="Home First"))
    axe.check(page)
    follow(page.get_by_role("link", name="Add an indicator"))
    axe.check(page)
    page.get_by_label("Name", exact=True).fill(NAME)
    page.get_by_label("Outcome").select_option(index=1)
    page.get_by_label("Count", exact=True).check()
    page.get_by_label("Lower is better").check()
    page.get_by_label("Yearly (financial year, April to March)").check()
    save(page, axe)
    expect(page.get_by_role("heading", name=NAME)).to_be_visible()

    follow(page.get_by_role("link", name="Import data"))
    axe.check(page)
    page.get_by_label("Upload a file").set_input_files(str(WORKBOOK))
    page.get_by_role("button", name="Upload and continue").click()

    expect(page.get_by_role("heading", name="Say where the table is")).to_be_visible()
    expect(page.get_by_label("Table 1 (186 rows × 7 columns)")).to_be_checked()
    axe.check(page)
    # Look at another sheet, then come back to Table 1.
    page.get_by_label(re.compile(r"^Table 2 \(")).check()
    page.get_by_role("button", name="Show this sheet").click()
    expect(page.locator("#sheet-top caption")).to_contain_text("the sheet Table 2")
    axe.check(page)
    page.get_by_label(re.compile(r"^Table 1 \(")).check()
    page.get_by_role("button", name="Show this sheet").click()
    expect(page.locator("#sheet-top caption")).to_contain_text("the sheet Table 1")
    assert page.get_by_label("First header row").input_value() == "7"
    assert page.get_by_label("Last header row").input_value() == "8"
    assert page.get_by_label("First row of data").input_value() == "9"
    assert page.get_by_label("Last row of data").input_value() == "20"
    expect(page.locator("#column-names")).to_contain_text("Year · 2015-16")
    axe.check(page)
    screenshot(page, "indicator-import-table")
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_role("heading", name="Say which column holds what")).to_be_visible()
    expect(page.locator("#table-summary")).to_contain_text("Sheet Table 1: header on rows 7 to 8, 12 rows of data")
    page.get_by_label("A column for each period, a row for each area").check()
    page.get_by_role("group", name="Rows to import by Measure").get_by_label(
        "Number of safeguarding concerns raised (1 row)").check()
    axe.check(page)
    screenshot(page, "indicator-import-mapping-filters")
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_role("heading", name="Check the import")).to_be_visible()
    expect(page.locator("#import-counts")).to_contain_text("Measure: Number of safeguarding concerns raised")
    page.get_by_role("group", name="The file's one area").get_by_label("Our own area").check()
    axe.check(page)
    screenshot(page, "indicator-import-check")
    page.get_by_role("button", name="Import 6 values").click()

    # The import runs as a background task (inline in tests) and its page shows the result.
    expect(page.get_by_role("heading", name="Import complete")).to_be_visible()
    expect(page.locator("#import-result dd")).to_have_text(["6", "0", "0"])
    axe.check(page)
    follow(page.get_by_role("link", name=f"See {NAME}"))
    # Table 1, row 17: B17 N/A (missing, not 0), C17 364605 ... G17 498260.
    values = {m.period_label: m for m in Measurement.objects.all()}
    assert values["2015/16"].status == "missing" and values["2015/16"].value is None
    assert values["2020/21"].value == 498260
    expect(page.locator("#data-table")).to_contain_text("498,260")

    # The same layout again (next year's file, say): straight to the check page, one click.
    follow(page.get_by_role("link", name="Import data"))
    page.get_by_label("Upload a file").set_input_files(str(WORKBOOK))
    page.get_by_role("button", name="Upload and continue").click()
    expect(page.get_by_role("heading", name="Check the import")).to_be_visible()
    expect(page.locator("#remembered-layout")).to_contain_text("laid out like one imported before")
    axe.check(page)
    screenshot(page, "indicator-import-remembered")
    page.get_by_role("button", name="Import 6 values").click()
    expect(page.get_by_role("heading", name="Import complete")).to_be_visible()
    expect(page.locator("#import-result dd")).to_have_text(["0", "0", "6"])
