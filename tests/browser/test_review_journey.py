"""Journey: a manager builds a small locality through the pages (three
partnerships with their members, people, outcomes, an indicator with a year
of published figures imported from a real file, meetings recorded by hand, an
agreement), reviews a partnership, reads the report and its findings,
overrides the verdict with a reason, downloads the PDF and looks at it, then
reviews the rest and reads the portfolio, sorted by yearly cost, which marks
the overridden verdict. Only the user account is made beforehand; axe-core
checks every page.

Given a locality of three partnerships made through the pages,
when the manager reviews Home First, overrides its verdict and prints it,
then the report, the PDF and the portfolio say what was decided and by whom."""

import io
import re
import subprocess
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.public_data import PUBLIC

from ..conftest import make_user
from .conftest import ARTIFACTS, follow, screenshot
from .journeys import (
    add_indicator,
    add_member,
    add_organisation,
    add_outcome,
    add_partnership,
    add_person,
    create_workspace,
    open_partnership,
    sign_in,
    workspace_nav,
)
from .journeys_review import (
    import_indicator_data,
    record_agreement,
    record_meeting,
    run_review,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WORKSPACE = "King's Lynn & West Norfolk"
ADMISSIONS = PUBLIC / "trafford_dashboard_residential_home_admissions.csv"
STORY_ONCE = "I only have to tell my story once."
REASON = "The partners signed the agreement on 1 October; it is being added to the register this week."


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def given_a_locality_of_three_partnerships(page, live_server, axe):
    today = timezone.localdate()
    make_user("manager")
    sign_in(page, live_server, "manager", axe)
    create_workspace(page, axe, WORKSPACE, "kings-lynn")
    for name, sector in [("West Norfolk Council", "Council adult social care"),
                         ("Queen Elizabeth Hospital", "NHS acute"),
                         ("O'Brien & Sons Carers", "User-led")]:
        add_organisation(page, axe, name, sector)
    add_person(page, axe, "Ada Quillfeather", "West Norfolk Council", "AfC 8a", in_post_from="2020-04-01")
    add_person(page, axe, "Sam O'Brien", "Queen Elizabeth Hospital", "AfC 8c", in_post_from="2020-04-01")

    # Home First: members, an outcome measured by published figures, two board meetings; no agreement.
    add_partnership(page, axe, "Home First", "Older people go home from hospital well.",
                    "Joint or lead commissioning", "2016-04-01")
    for organisation in ["West Norfolk Council", "Queen Elizabeth Hospital", "O'Brien & Sons Carers"]:
        add_member(page, axe, organisation)
    add_outcome(page, axe, STORY_ONCE, "Ward, therapy and social work each assess me.")
    add_indicator(page, axe, "Home First", "Care home admissions 65+ per 100,000", STORY_ONCE,
                  "Rate per 100,000", "Lower is better", "Yearly (financial year, April to March)",
                  "Trafford Council data dashboard", question="Is anyone better off?")
    import_indicator_data(page, axe, "Care home admissions 65+ per 100,000", ADMISSIONS, "Trafford", 50)
    for days_ago, minutes in [(60, 120), (30, 90)]:
        open_partnership(page, axe, "Home First")
        record_meeting(page, axe, "Home First board", f"{today - timedelta(days=days_ago):%Y-%m-%d}", minutes,
                       ["Ada Quillfeather", "Sam O'Brien"], "Open the hub at weekends", STORY_ONCE)

    # Frailty Network: members and one short meeting, but no outcomes yet.
    add_partnership(page, axe, "Frailty Network", "Frail older people stay well at home.",
                    "Co-ordinated working", "2024-04-01")
    add_member(page, axe, "West Norfolk Council")
    add_member(page, axe, "O'Brien & Sons Carers")
    record_meeting(page, axe, "Frailty huddle", f"{today - timedelta(days=14):%Y-%m-%d}", 45, ["Ada Quillfeather"])

    # Carers' Breaks: new this season, with an outcome and a signed agreement; no meetings yet.
    add_partnership(page, axe, "Carers' Breaks", "Carers get a break when they need one.",
                    "Co-ordinated working", f"{today - timedelta(days=90):%Y-%m-%d}")
    add_member(page, axe, "West Norfolk Council")
    add_member(page, axe, "O'Brien & Sons Carers")
    add_outcome(page, axe, "I get a break before I reach crisis point.", "The council funds it; carers run it.")
    record_agreement(page, axe, "The council funds the breaks; the carers' group books them.",
                     f"{today - timedelta(days=80):%Y-%m-%d}", f"{today + timedelta(days=280):%Y-%m-%d}")


def test_review_a_partnership_override_its_verdict_print_it_and_see_the_portfolio(page, live_server, axe):
    given_a_locality_of_three_partnerships(page, live_server, axe)

    # When the manager reviews Home First from its page
    open_partnership(page, axe, "Home First")
    run_review(page, axe)

    # Then the report gives the rules' verdict with its reasons and findings that lead to the records
    expect(page.get_by_role("heading", name="Verdict: Restructure")).to_be_visible()
    verdict = page.locator("#verdict")
    expect(verdict).to_contain_text("Restructure: the agreement")
    finding = page.locator(".joinedup-finding", has_text="No agreement")
    expect(finding.first).to_be_visible()
    expect(page.locator("#value-for-effort")).to_contain_text("2 meetings")
    expect(page.locator("#indicator-charts")).to_contain_text("Care home admissions 65+ per 100,000")
    screenshot(page, "review-report")

    # When they override the verdict, first forgetting the reason
    follow(page.get_by_role("link", name="Override the verdict"))
    axe.check(page)
    page.get_by_label("Continue", exact=True).check()
    page.get_by_role("button", name="Save the verdict").click()
    expect(page.get_by_role("link", name="Write why you are overriding the verdict")).to_be_visible()
    axe.check(page)
    page.get_by_label("Why you are overriding the rules' verdict").fill(REASON)
    with page.expect_navigation():
        page.get_by_role("button", name="Save the verdict").click()

    # Then the report shows their verdict beside the rules' one, with their reason
    expect(page.get_by_role("heading", name="Verdict: Continue")).to_be_visible()
    expect(verdict.locator(".govuk-inset-text")).to_contain_text("The rules' verdict was Restructure")
    expect(verdict.locator(".govuk-inset-text")).to_contain_text(REASON)
    axe.check(page)
    screenshot(page, "review-report-overridden")

    # And the PDF they download is a tagged PDF titled for the partnership, that says the same
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download the report as PDF").click()
    pdf = download_info.value.path().read_bytes()
    assert pdf.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(pdf))
    assert reader.metadata.title == f"Review of Home First – {WORKSPACE}"
    catalogue = reader.trailer["/Root"]
    assert {"/StructTreeRoot", "/Lang", "/Outlines"} <= set(catalogue.keys())  # tagged, in English, bookmarked
    assert all(p.extract_text().count("\n") > 10 for p in reader.pages[:-1])  # no page left almost blank
    first_page = reader.pages[0].extract_text()
    assert "Verdict: Continue" in first_page
    assert WORKSPACE in first_page  # the running header, apostrophe and ampersand as written
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "review-report.pdf").write_bytes(pdf)
    subprocess.run(["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "1", "-singlefile",
                    str(ARTIFACTS / "review-report.pdf"), str(ARTIFACTS / "review-report-pdf-page-1")], check=True)

    # When they review the other partnerships and open the portfolio
    for name in ["Frailty Network", "Carers' Breaks"]:
        open_partnership(page, axe, name)
        run_review(page, axe)
    workspace_nav(page, "Portfolio")
    expect(page.get_by_role("heading", name="Portfolio", exact=True)).to_be_visible()
    axe.check(page)

    # And sort it by yearly cost
    follow(page.get_by_role("link", name="Yearly cost (sort)"))
    expect(page.get_by_role("link", name="Yearly cost ▲ (sort)")).to_be_visible()
    axe.check(page)
    screenshot(page, "portfolio")

    # Then the cheapest comes first, the one with no meetings last, and each row has its verdict
    rows = page.locator("table.joinedup-portfolio-table tbody tr")
    names = [name.strip() for name in rows.locator("th").all_inner_texts()]
    assert names == ["Frailty Network", "Home First", "Carers' Breaks"]
    expect(rows.nth(0)).to_contain_text("Refocus")
    expect(rows.nth(2)).to_contain_text("Continue")
    # And Home First's verdict is marked as overridden, with what the rules said
    expect(rows.nth(1).locator(".joinedup-overridden")).to_have_text(re.compile(r"overridden; the rules said Restructure"))
    expect(rows.nth(1)).to_contain_text("Continue")
    expect(rows.nth(0).locator(".joinedup-overridden")).to_have_count(0)
    # Every column in view at 1200px, and never a page that scrolls sideways
    # (narrower screens scroll the table inside its own box).
    widths = page.evaluate("""() => { const w = document.querySelector('.joinedup-table-wrapper');
        return [w.clientWidth, w.scrollWidth, document.documentElement.scrollWidth, window.innerWidth]; }""")
    assert widths[1] <= widths[0] and widths[2] <= widths[3], widths
    page.set_viewport_size({"width": 800, "height": 900})
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
    page.set_viewport_size({"width": 1200, "height": 900})
    follow(page.get_by_role("link", name="Continue – report on Home First"))
    expect(page.get_by_role("heading", name="Verdict: Continue")).to_be_visible()
    axe.check(page)
