"""Steps a person takes in the pages, shared by the journey tests. Each step
fills in a form the way someone would (by its labels) and checks every page it
lands on with axe-core. Nothing here touches the ORM: a journey that needs a
workspace, organisations or a partnership makes them through these steps."""

import re
from datetime import date, datetime

from playwright.sync_api import expect

from ..conftest import PASSWORD
from .conftest import follow


def sign_in(page, live_server, username, axe):
    page.goto(f"{live_server.url}/sign-in/")
    axe.check(page)
    page.get_by_label("User name or e-mail address").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Your workspaces")).to_be_visible()
    axe.check(page)


def fill_date(page, label, iso_date):
    """A date as the page asks for it: GOV.UK's day, month and year boxes
    inside a fieldset named ``label``, or one date box labelled ``label``."""
    group = page.get_by_role("group", name=re.compile(f"^{re.escape(label)}"))
    if group.count() and group.get_by_label("Day").count():
        year, month, day = iso_date.split("-")
        group.get_by_label("Day").fill(str(int(day)))
        group.get_by_label("Month").fill(str(int(month)))
        group.get_by_label("Year").fill(year)
    else:
        page.get_by_label(re.compile(f"^{re.escape(label)}( \\(optional\\))?$")).fill(iso_date)


def save(page, axe, button="Save"):
    # Wait for the page the form leads to: checked any sooner, the old page has
    # no error summary either, and axe would read a page half replaced.
    with page.expect_navigation():
        page.get_by_role("button", name=button).click()
    expect(page.locator(".govuk-error-summary")).to_have_count(0)
    axe.check(page)


def create_workspace(page, axe, name, slug):
    page.get_by_role("link", name=re.compile("Create a workspace")).click()
    expect(page.get_by_role("heading", name="Create a workspace")).to_be_visible()
    axe.check(page)
    page.get_by_label("Name", exact=True).fill(name)
    page.get_by_label("Short name for web addresses").fill(slug)
    save(page, axe, "Create workspace")
    expect(page.get_by_text(f"Workspace created: {name}")).to_be_visible()


def workspace_nav(page, name):
    follow(page.get_by_role("navigation", name="Workspace").get_by_role("link", name=name, exact=True))


def add_organisation(page, axe, name, sector):
    workspace_nav(page, "Organisations")
    axe.check(page)
    follow(page.get_by_role("link", name=re.compile("^Add (an )?organisation")))
    axe.check(page)
    page.get_by_label("Name", exact=True).fill(name)
    page.get_by_label("Sector").select_option(label=sector)
    save(page, axe)
    expect(page.get_by_role("link", name=name).or_(page.get_by_role("cell", name=name)).first).to_be_visible()


def add_partnership(page, axe, name, purpose, form, start):
    workspace_nav(page, "Partnerships")
    axe.check(page)
    follow(page.get_by_role("link", name=re.compile("^Add (a )?partnership")))
    axe.check(page)
    page.get_by_label("Name", exact=True).fill(name)
    page.get_by_label("Purpose and vision").fill(purpose)
    page.get_by_label(form).check()
    page.get_by_label("Active", exact=True).check()
    fill_date(page, "Start date", start)
    save(page, axe)
    expect(page.get_by_role("heading", name=name, exact=True)).to_be_visible()


def add_member(page, axe, organisation, role="Core partner", joined_on=None):
    """From the partnership's page: a member organisation, its role and the date it
    joined, which the members table then shows. ``joined_on`` is an ISO date typed in
    the GOV.UK date boxes; without it, the day the partnership started, as its page
    says ("Started"), as someone adding its founding members would type."""
    if joined_on is None:
        started = page.locator(".govuk-summary-list__row").filter(
            has=page.locator("dt", has_text=re.compile(r"^\s*Started\s*$"))).locator("dd").first.inner_text()
        joined_on = datetime.strptime(started.strip(), "%d %B %Y").date().isoformat()
    follow(page.get_by_role("link", name="Add a member organisation", exact=True))
    axe.check(page)
    page.get_by_label("Organisation").select_option(label=organisation)
    page.get_by_label(role).check()
    fill_date(page, "Joined on", joined_on)
    save(page, axe)
    row = page.get_by_role("row", name=re.compile(re.escape(organisation))).first
    expect(row).to_be_visible()
    year, month, day = (int(part) for part in joined_on.split("-"))
    expect(row).to_contain_text(f"{day} {date(year, month, day):%B %Y}")


def add_outcome(page, axe, statement, why_partnership=""):
    follow(page.get_by_role("link", name="Add an outcome", exact=True))
    axe.check(page)
    page.get_by_label("Statement").fill(statement)
    if why_partnership:
        page.get_by_label("Why it needs a partnership").fill(why_partnership)
    save(page, axe)
    expect(page.get_by_text(f"“{statement}”")).to_be_visible()


# --- Steps for the older journeys remade through the pages (calendar import,
# indicator import, surveys): people, calendar and indicator uploads, waves
# and invitation links. ---


def add_person(page, axe, name, organisation, pay_band, email="", in_post_from=""):
    """From anywhere in the workspace: People, "Add a person", the form.
    ``in_post_from`` is an ISO date, typed in the GOV.UK date boxes."""
    workspace_nav(page, "People")
    axe.check(page)
    follow(page.get_by_role("link", name=re.compile("^Add (a )?person")))
    axe.check(page)
    page.get_by_label("Name", exact=True).fill(name)
    if email:
        page.get_by_label(re.compile("^Email")).fill(email)
    page.get_by_label(re.compile("^Organisation")).select_option(label=organisation)
    page.get_by_label(re.compile("^Pay band")).fill(pay_band)
    if in_post_from:
        fill_date(page, "In post from", in_post_from)
    save(page, axe)
    expect(page.get_by_role("link", name=name).or_(page.get_by_role("cell", name=name)).first).to_be_visible()


def open_partnership(page, axe, name):
    workspace_nav(page, "Partnerships")
    axe.check(page)
    follow(page.get_by_role("link", name=name, exact=True))
    expect(page.get_by_role("heading", name=name, exact=True)).to_be_visible()
    axe.check(page)


def upload_calendar(page, axe, path):
    """From a partnership's page: its meetings, "Import from a calendar", the file."""
    follow(page.get_by_role("link", name="all meetings"))
    axe.check(page)
    follow(page.get_by_role("link", name="Import from a calendar"))
    axe.check(page)
    page.get_by_label("Upload a calendar file (.ics)").set_input_files(str(path))
    page.get_by_role("button", name="Upload and check").click()
    expect(page.get_by_role("heading", name="Check the import")).to_be_visible()
    axe.check(page)


def add_indicator(page, axe, partnership, name, outcome, unit, direction, frequency, source, target="",
                  question=""):
    """From anywhere in the workspace: Evidence, the partnership, "Add an indicator".
    ``unit``, ``direction``, ``frequency`` and ``question`` (which of the three questions
    it answers, e.g. "Is anyone better off?") are the answers' labels as shown."""
    workspace_nav(page, "Evidence")
    axe.check(page)
    follow(page.get_by_role("link", name=partnership, exact=True))
    axe.check(page)
    follow(page.get_by_role("link", name="Add an indicator"))
    axe.check(page)
    page.get_by_label("Name", exact=True).fill(name)
    page.get_by_label(re.compile("^Outcome")).select_option(label=outcome)
    if question:
        page.get_by_label(question).check()
    page.get_by_role("group", name=re.compile("^Unit")).get_by_label(unit, exact=True).check()
    page.get_by_role("group", name=re.compile("^Direction")).get_by_label(direction, exact=True).check()
    page.get_by_role("group", name=re.compile("^Frequency")).get_by_label(frequency, exact=True).check()
    page.get_by_label(re.compile("^Source")).fill(source)
    if target:
        page.get_by_label(re.compile("^Target")).fill(str(target))
    save(page, axe)
    expect(page.get_by_role("link", name=name).or_(page.get_by_role("heading", name=name)).first).to_be_visible()


def upload_indicator_file(page, axe, path):
    """From an indicator's page: "Import data", the file, "Upload and continue"."""
    follow(page.get_by_role("link", name="Import data"))
    axe.check(page)
    page.get_by_label("Upload a file").set_input_files(str(path))
    with page.expect_navigation():
        page.get_by_role("button", name="Upload and continue").click()


def open_survey_wave(page, axe, name, surveys, groups, opens):
    """From a partnership's page: "Run a survey wave", "Open a survey wave", the
    surveys and groups ticked by their labels. Ends on the wave's page."""
    follow(page.get_by_role("link", name="Run a survey wave"))
    axe.check(page)
    follow(page.get_by_role("link", name="Open a survey wave"))
    axe.check(page)
    page.get_by_label("Name of the wave").fill(name)
    for survey in surveys:
        page.get_by_role("group", name="Which surveys").get_by_label(survey, exact=True).check()
    for group in groups:
        page.get_by_role("group", name="Who will be asked").get_by_label(group, exact=True).check()
    fill_date(page, "Opens", opens)
    save(page, axe, re.compile("Save|Open"))
    expect(page.get_by_text(f"Wave opened: {name}")).to_be_visible()


def make_invitation_links(page, axe, group, survey, count=1, language="English", easy_read=False):
    """From a wave's page: make ``count`` links and come back. Returns each
    link's address and printed short code, as the links page shows them."""
    follow(page.get_by_role("link", name="Make invitation links"))
    axe.check(page)
    page.get_by_role("group", name="Group").get_by_label(group, exact=True).check()
    page.get_by_role("group", name="Survey").get_by_label(survey, exact=True).check()
    page.get_by_label("How many links").fill(str(count))
    page.get_by_role("group", name="Language").get_by_label(language, exact=True).check()
    if easy_read:
        page.get_by_label("Easy-read version").check()
    save(page, axe, "Make the links")
    expect(page.get_by_role("heading", name=re.compile(f"^Your {count} invitation links?$"))).to_be_visible()
    rows = page.locator("table.joinedup-links-table tbody tr").all()
    links = [(row.locator("td").nth(0).inner_text(), row.locator("td").nth(1).inner_text()) for row in rows]
    follow(page.get_by_role("link", name="Back to the wave"))
    return links


def close_survey_wave(page, axe):
    """From a wave's page: "Close the wave" and confirm."""
    follow(page.get_by_role("link", name="Close the wave"))
    axe.check(page)
    save(page, axe, "Close the wave")
