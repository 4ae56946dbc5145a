"""Browser tests: Playwright drives Debian's Chromium against a live server,
and axe-core checks every page visited. A missing Chromium is a failure, not
a skip: these tests are part of the suite."""

import os
from pathlib import Path
from urllib.parse import urljoin

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright

CHROMIUM = os.environ.get("JOINEDUP_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.fixture(scope="session", autouse=True)
def allow_database_calls_beside_playwright():
    """Playwright's sync API runs an event loop in the test's thread; the
    test's own database calls are still synchronous, so Django's guard is
    lifted while browser tests run, and restored after."""
    before = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    if before is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = before


@pytest.fixture(scope="session")
def browser(allow_database_calls_beside_playwright):
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"Chromium not found at {CHROMIUM}. Install Debian's chromium package "
            "(apt-get install chromium) or set JOINEDUP_CHROMIUM."
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1200, "height": 900}, locale="en-GB")
    context.set_default_timeout(30_000)
    page = context.new_page()
    # Every browser test also proves the pages work under the
    # Content-Security-Policy: any script, eval or style it refuses fails the test.
    refused = []
    page.on("console", lambda message: refused.append(message.text)
            if "Content Security Policy" in message.text else None)
    yield page
    context.close()
    assert not refused, f"refused by the Content-Security-Policy: {refused}"


# WCAG 2.0, 2.1 and 2.2 at levels A and AA, and axe's best practices (on by
# default before). target-size (WCAG 2.2's 2.5.8) is off by default in axe 4.x,
# so it is turned on by name as well as by its wcag22aa tag.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": AXE_TAGS},
    "rules": {"target-size": {"enabled": True}},
    "resultTypes": ["violations"],
}
MUST_RUN = {"target-size", "color-contrast", "label"}


class AccessibilityChecker:
    def __init__(self):
        self.axe = Axe()
        self.checked = []

    def check(self, page):
        """Run axe-core on the page as it is now; fail on any violation."""
        results = self.axe.run(page, options=AXE_OPTIONS)
        self.checked.append(page.url)
        ran = {
            rule["id"]
            for kind in ("violations", "passes", "incomplete", "inapplicable")
            for rule in results.response.get(kind, [])
        }
        assert MUST_RUN <= ran, f"axe did not run {sorted(MUST_RUN - ran)} on {page.url}"
        assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"


@pytest.fixture
def axe():
    return AccessibilityChecker()


def screenshot(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def follow(link):
    """Click a link and wait until its page has loaded, so that what comes
    next (axe-core above all) looks at the new page, not the old one."""
    page = link.page
    target = urljoin(page.url, link.get_attribute("href"))
    link.click()
    page.wait_for_url(target)
