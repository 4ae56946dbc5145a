"""An analyst imports a real public file through the mapping step, sees the
chart, the data table and the SPC reading, and every page passes axe-core."""

from datetime import date

import pytest
from playwright.sync_api import expect

from joinedup.indicators.models import Indicator, Measurement
from tests.public_data import PUBLIC

from .conftest import follow, screenshot
from .test_partnership_journey import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ADMISSIONS = (PUBLIC
              / "trafford_dashboard_residential_home_admissions.csv")


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def indicator(partnership, outcome):
    partnership.start_date = date(2016, 4, 1)
    partnership.save()
    return Indicator.objects.create(
        partnership=partnership, outcome=outcome, name="Care home admissions 65+ per 100,000",
        unit="rate_100k", direction="lower", frequency="financial_year", target=600,
    )


def test_import_a_file_through_the_mapping_step_and_see_the_chart_and_spc(page, live_server, editor, indicator, axe):
    sign_in(page, live_server, "editor", axe)
    page.goto(f"{live_server.url}/w/northshire/evidence/")
    axe.check(page)
    page.get_by_role("link", name="Home First").click()
    expect(page.get_by_role("link", name="Care home admissions 65+ per 100,000")).to_be_visible()
    axe.check(page)
    page.get_by_role("link", name="Care home admissions 65+ per 100,000").click()
    expect(page.get_by_text("No data yet.")).to_be_visible()
    axe.check(page)

    follow(page.get_by_role("link", name="Import data"))
    axe.check(page)
    page.get_by_label("Upload a file").set_input_files(str(ADMISSIONS))
    page.get_by_role("button", name="Upload and continue").click()

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
    expect(page.locator("#import-result").get_by_text("50", exact=True)).to_be_visible()
    assert Measurement.objects.filter(indicator=indicator).count() == 50
    axe.check(page)
    screenshot(page, "indicator-import-done")
    follow(page.get_by_role("link", name=f"See {indicator.name}"))
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
    assert len(axe.checked) == 9


def test_the_chart_shows_without_javascript(browser, live_server, editor, indicator):
    """axe-core needs JavaScript, so this page is checked by axe in the test above."""
    from joinedup.indicators import importing

    from ..conftest import PASSWORD

    batch = importing.stage_upload(indicator, editor, ADMISSIONS.name, ADMISSIONS.read_bytes())
    importing.commit(batch, editor, {c.key: "own" if c.name == "Trafford" else "comparator"
                                     for c in importing.preview(batch).areas})
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1200, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.goto(f"{live_server.url}/sign-in/")
    page.get_by_label("User name or e-mail address").fill("editor")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/")
    page.goto(f"{live_server.url}/w/northshire/indicators/{indicator.pk}/")
    expect(page.locator("#chart-series-fallback svg")).to_be_visible()
    expect(page.locator("#chart-series")).to_be_hidden()
    expect(page.locator("#reading-spc svg")).to_be_visible()
    context.close()


def test_an_area_nobody_knows_is_listed_and_matched_to_one_of_ours(page, live_server, editor, indicator, axe, tmp_path):
    """The second file spells Bury so that neither the register of UK areas nor the
    workspace knows it: the page lists it and the analyst says which area it is."""
    renamed = tmp_path / "admissions-renamed.csv"
    renamed.write_bytes(ADMISSIONS.read_bytes().replace(b"E08000002,Bury,", b",Bury (north),"))
    sign_in(page, live_server, "editor", axe)
    for upload, own in ((ADMISSIONS, True), (renamed, False)):
        page.goto(f"{live_server.url}/w/northshire/indicators/{indicator.pk}/")
        follow(page.get_by_role("link", name="Import data"))
        page.get_by_label("Upload a file").set_input_files(str(upload))
        page.get_by_role("button", name="Upload and continue").click()
        if own:
            page.get_by_role("button", name="Continue").click()
        # The second file is laid out like the first: its columns are remembered, straight to the check.
        expect(page.get_by_role("heading", name="Check the import")).to_be_visible()
        if own:
            page.get_by_role("group", name="Trafford (E08000009)").get_by_label("Our own area").check()
            page.get_by_role("button", name="Import 50 values").click()
            expect(page.get_by_role("heading", name="Import complete")).to_be_visible()
            expect(page.locator("#import-result dd")).to_have_text(["50", "0", "0"])

    expect(page.locator("#unknown-areas")).to_contain_text("Bury (north)")
    page.get_by_label("Which of your areas is Bury (north)?").select_option(label="Bury")
    axe.check(page)
    screenshot(page, "indicator-import-unknown-area")
    page.get_by_role("button", name="Import 50 values").click()
    expect(page.get_by_role("heading", name="Import complete")).to_be_visible()
    expect(page.locator("#import-result dd")).to_have_text(["0", "0", "50"])
    assert Measurement.objects.filter(indicator=indicator).count() == 50
