"""Journey: an analyst imports a real public file (Trafford's care home
admissions, a CSV from ``tests/data/public``) through the mapping step, and
reads the chart, the SPC reading and the time series in plain English, with
the long table of values collapsed after them. Only the user account is made
beforehand; the workspace, partnership, outcome and indicator are made through
the pages, and axe-core checks every page.

Given a partnership with an outcome and an indicator, all made in the pages,
when the analyst uploads the file, says which columns hold what and which
area is theirs, and imports it,
then the indicator page shows the chart, the SPC reading, the reading in plain
English (its table behind "The technical detail") and the values collapsed."""

import pytest
from playwright.sync_api import expect

from joinedup.indicators.models import Measurement
from tests.public_data import PUBLIC

from ..conftest import PASSWORD, make_user
from .conftest import follow, screenshot
from .journeys import (
    add_indicator,
    add_outcome,
    add_partnership,
    create_workspace,
    sign_in,
    upload_indicator_file,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ADMISSIONS = PUBLIC / "trafford_dashboard_residential_home_admissions.csv"
INDICATOR = "Care home admissions 65+ per 100,000"
OUTCOME = "I only have to tell my story once."


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def given_an_indicator_made_through_the_pages(page, live_server, axe):
    make_user("analyst")  # an account is made by an administrator; all else through the pages
    sign_in(page, live_server, "analyst", axe)
    create_workspace(page, axe, "Northshire", "northshire")
    add_partnership(page, axe, "Home First", "People go home from hospital well.",
                    "Joint or lead commissioning", "2016-04-01")
    add_outcome(page, axe, OUTCOME, "Four agencies each assess me.")
    add_indicator(page, axe, "Home First", INDICATOR, OUTCOME, "Rate per 100,000", "Lower is better",
                  "Yearly (financial year, April to March)", "Trafford Council data dashboard", target=600)
    open_the_indicator(page, axe)
    expect(page.get_by_text("No data yet.")).to_be_visible()


def open_the_indicator(page, axe):
    if not page.get_by_role("heading", name=INDICATOR).count():
        follow(page.get_by_role("link", name=INDICATOR))
    expect(page.get_by_role("heading", name=INDICATOR)).to_be_visible()
    axe.check(page)


def when_they_import_the_file_with_trafford_as_their_own_area(page, axe, upload=ADMISSIONS, map_columns=True):
    upload_indicator_file(page, axe, upload)
    if map_columns:
        expect(page.get_by_role("heading", name="Say which column holds what")).to_be_visible()
        assert page.get_by_label("Period (optional)", exact=True).input_value() == "period"
        assert page.get_by_label("Area code (ONS)").input_value() == "area_code"
        axe.check(page)
        screenshot(page, "indicator-import-mapping")
        page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="Check the import")).to_be_visible()
    assert page.locator("#import-counts").get_by_text("50", exact=True).count() == 2  # found, new
    page.get_by_role("group", name="Trafford (E08000009)").get_by_label("Our own area").check()
    axe.check(page)
    screenshot(page, "indicator-import-preview")
    page.get_by_role("button", name="Import 50 values").click()
    # The import runs as a background task (inline in tests) and its page shows the result.
    expect(page.get_by_role("heading", name="Import complete")).to_be_visible()
    expect(page.locator("#import-result dd")).to_have_text(["50", "0", "0"])
    axe.check(page)


def test_import_a_file_through_the_mapping_step_and_see_the_chart_and_spc(page, live_server, axe):
    given_an_indicator_made_through_the_pages(page, live_server, axe)
    when_they_import_the_file_with_trafford_as_their_own_area(page, axe)
    assert Measurement.objects.filter(indicator__name=INDICATOR).count() == 50
    screenshot(page, "indicator-import-done")
    follow(page.get_by_role("link", name=f"See {INDICATOR}"))

    # Then the chart, drawn by its script, and the SPC reading.
    page.locator("#chart-series svg").first.wait_for()
    expect(page.locator("#chart-series-fallback")).to_be_hidden()
    expect(page.get_by_role("heading", name="Statistical process control (XmR chart)")).to_be_visible()
    expect(page.locator("#reading-spc").get_by_text("The latest point (2018/19")).to_be_visible()
    # The reading in plain English comes first; its technical table is behind "The technical detail".
    plain = page.locator("#reading-its-plain")
    expect(plain.get_by_text("How sure:")).to_be_visible()
    expect(page.locator("#reading-its-detail").get_by_role("table")).to_be_hidden()
    page.locator("#reading-its-detail").get_by_text("The technical detail").click()
    expect(page.locator("#reading-its-detail").get_by_role("table")).to_be_visible()
    # The long table of values comes after the readings, collapsed.
    expect(page.locator("#data-table")).to_be_hidden()
    page.get_by_text("Show the 5 periods for 10 areas").click()
    expect(page.locator("#data-table").get_by_role("columnheader", name="Trafford (own area)")).to_be_visible()
    axe.check(page)
    screenshot(page, "indicator-page")


def test_the_chart_shows_without_javascript(page, browser, live_server, axe):
    """axe-core needs JavaScript: the pages are checked while they are made; the
    indicator page without script is then read in a second browser."""
    given_an_indicator_made_through_the_pages(page, live_server, axe)
    when_they_import_the_file_with_trafford_as_their_own_area(page, axe)
    follow(page.get_by_role("link", name=f"See {INDICATOR}"))
    indicator_url = page.url

    context = browser.new_context(java_script_enabled=False, viewport={"width": 1200, "height": 900})
    context.set_default_timeout(30_000)
    no_script = context.new_page()
    try:
        no_script.goto(f"{live_server.url}/sign-in/")
        no_script.get_by_label("User name or e-mail address").fill("analyst")
        no_script.get_by_label("Password").fill(PASSWORD)
        no_script.get_by_role("button", name="Sign in").click()
        expect(no_script.get_by_role("heading", name="Your workspaces")).to_be_visible()
        no_script.goto(indicator_url)
        expect(no_script.locator("#chart-series-fallback svg")).to_be_visible()
        expect(no_script.locator("#chart-series")).to_be_hidden()
        expect(no_script.locator("#reading-spc svg")).to_be_visible()
        screenshot(no_script, "indicator-page-no-javascript")
    finally:
        context.close()


def test_an_area_nobody_knows_is_listed_and_matched_to_one_of_ours(page, live_server, axe, tmp_path):
    """The second file spells Bury so that neither the register of UK areas nor the
    workspace knows it: the page lists it and the analyst says which area it is."""
    renamed = tmp_path / "admissions-renamed.csv"
    renamed.write_bytes(ADMISSIONS.read_bytes().replace(b"E08000002,Bury,", b",Bury (north),"))
    given_an_indicator_made_through_the_pages(page, live_server, axe)
    when_they_import_the_file_with_trafford_as_their_own_area(page, axe)
    follow(page.get_by_role("link", name=f"See {INDICATOR}"))

    # The second file is laid out like the first: its columns are remembered, straight to the check.
    upload_indicator_file(page, axe, renamed)
    expect(page.get_by_role("heading", name="Check the import")).to_be_visible()
    expect(page.locator("#unknown-areas")).to_contain_text("Bury (north)")
    page.get_by_label("Which of your areas is Bury (north)?").select_option(label="Bury")
    axe.check(page)
    screenshot(page, "indicator-import-unknown-area")
    page.get_by_role("button", name="Import 50 values").click()
    expect(page.get_by_role("heading", name="Import complete")).to_be_visible()
    expect(page.locator("#import-result dd")).to_have_text(["0", "0", "50"])
    assert Measurement.objects.filter(indicator__name=INDICATOR).count() == 50
    axe.check(page)
