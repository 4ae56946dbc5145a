"""A board member's journey: review the demo portfolio, sort it, open a
partnership's report and download its PDF; every page passes axe-core."""

import io
import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from .conftest import follow, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_portfolio_sort_report_and_pdf(page, live_server, axe):
    from joinedup.demo.loader import ensure_demo_user, load_demo

    workspace, _ = load_demo()
    _, password = ensure_demo_user(workspace)
    page.goto(f"{live_server.url}/sign-in/")
    page.locator("#id_username").fill("demo")
    page.locator("#id_password").fill(password)
    page.get_by_role("button", name="Sign in").click()

    page.goto(f"{live_server.url}/w/northshire/")
    page.get_by_role("navigation", name="Workspace").get_by_role("link", name="Portfolio").click()
    expect(page.get_by_role("heading", name="Portfolio", exact=True)).to_be_visible()
    axe.check(page)

    page.get_by_role("button", name="Review every partnership now").click()
    expect(page.get_by_text("9 of 9 partnerships reviewed")).to_be_visible()
    axe.check(page)
    follow(page.get_by_role("link", name="See the portfolio"))
    axe.check(page)

    page.get_by_role("link", name="High (sort)").click()
    expect(page).to_have_url(re.compile(r"sort=high"))
    page.get_by_role("link", name="High ▲ (sort)").click()
    expect(page).to_have_url(re.compile(r"sort=-high"))
    page.get_by_role("link", name="Yearly cost (sort)").click()
    expect(page).to_have_url(re.compile(r"sort=cost"))
    expect(page.get_by_role("link", name="Yearly cost ▲ (sort)")).to_be_visible()
    # The rows are in order of yearly cost, cheapest first, those with no cost last.
    from django.utils import timezone

    from joinedup.review.portfolio import portfolio_rows, sort_rows

    expected = sort_rows(portfolio_rows(workspace, timezone.localdate()), "cost", False)
    rows = page.locator("table.joinedup-portfolio-table tbody tr")
    names = [rows.nth(i).locator("th").inner_text().strip() for i in range(rows.count())]
    assert names == [r.name for r in expected]
    headers = [h.inner_text() for h in page.locator("table.joinedup-portfolio-table thead th").all()]
    cost_column = next(i for i, h in enumerate(headers) if h.startswith("Yearly cost"))
    costs = [rows.nth(i).locator("th, td").nth(cost_column).inner_text().strip() for i in range(rows.count())]
    values = [int(re.sub(r"[£,]", "", c)) for c in costs if c.startswith("£")]
    assert len(values) >= 2 and values == sorted(values)
    assert all(c.startswith("£") for c in costs[:len(values)])  # no cost recorded: at the end
    # Every column in view at 1200px, and never a page that scrolls sideways
    # (narrower screens scroll the table inside its own box).
    widths = page.evaluate("""() => { const w = document.querySelector('.joinedup-table-wrapper');
        return [w.clientWidth, w.scrollWidth, document.documentElement.scrollWidth, window.innerWidth]; }""")
    assert widths[1] <= widths[0] and widths[2] <= widths[3], widths
    page.set_viewport_size({"width": 800, "height": 900})
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
    page.set_viewport_size({"width": 1200, "height": 900})
    axe.check(page)
    follow(page.get_by_role("link", name="High (sort)"))
    follow(page.get_by_role("link", name="High ▲ (sort)"))
    first_row = page.locator("tbody tr").first.locator("th").inner_text()
    assert first_row in {"Better Care Fund pooled budget", "Northshire Frailty Network", "Saltmarsh Mental Health Hub"}
    axe.check(page)
    screenshot(page, "portfolio")

    page.get_by_role("link", name="Restructure – report on Better Care Fund pooled budget").click()
    expect(page.get_by_role("heading", name="Review of Better Care Fund pooled budget")).to_be_visible()
    expect(page.get_by_text("Disputed resources").first).to_be_visible()
    axe.check(page)
    screenshot(page, "review-report")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download the report as PDF").click()
    content = open(download_info.value.path(), "rb").read()
    assert content.startswith(b"%PDF-")
    assert "Verdict: Restructure" in PdfReader(io.BytesIO(content)).pages[0].extract_text()

    follow(page.get_by_role("link", name="Override the verdict"))
    axe.check(page)
    page.get_by_role("button", name="Save the verdict").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    axe.check(page)
    assert len(axe.checked) == 8
