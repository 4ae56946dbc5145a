"""Steps a person takes in the pages for the journeys that review, compare,
value and share partnerships: people, meetings, indicators and their data,
and reviews, each made through the forms (never the ORM) and each page checked
with axe-core. The steps that every journey shares (signing in, the workspace,
organisations, partnerships, members, outcomes) are in journeys.py."""

import re

from playwright.sync_api import expect

from .conftest import follow
from .journeys import fill_date, save, upload_indicator_file, workspace_nav


def record_meeting(page, axe, title, iso_date, minutes, present, decision="", outcome=""):
    """From the partnership's page: a meeting with who came and, if given, a
    decision linked to an outcome. Ends on the meeting's page."""
    follow(page.get_by_role("link", name="Record a meeting", exact=True))
    axe.check(page)
    page.get_by_label("Title").fill(title)
    fill_date(page, "Date", iso_date)
    page.get_by_label("Start time").fill("10:00")
    page.get_by_label("Length (minutes)").fill(str(minutes))
    for person in present:
        page.get_by_role("group", name=f"Attendance of {person}").get_by_label("Present").check()
    if decision:
        page.get_by_label("Decision (optional)").first.fill(decision)
        page.get_by_label("Outcome it serves (optional)").first.select_option(label=outcome)
    save(page, axe, "Save the meeting")
    expect(page.get_by_role("heading", name=title)).to_be_visible()


def import_indicator_data(page, axe, indicator, path, own_area, values):
    """From the indicator's page: upload a real published file, keep the
    columns the page reads, say which area is ours, import, and go back to the
    indicator."""
    upload_indicator_file(page, axe, path)
    expect(page.get_by_role("heading", name="Say which column holds what")).to_be_visible()
    axe.check(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="Check the import")).to_be_visible()
    page.get_by_role("group", name=re.compile(f"^{re.escape(own_area)}")).get_by_label("Our own area").check()
    axe.check(page)
    page.get_by_role("button", name=f"Import {values} values").click()
    expect(page.get_by_role("heading", name="Import complete")).to_be_visible()
    axe.check(page)
    follow(page.get_by_role("link", name=f"See {indicator}"))
    axe.check(page)


def run_review(page, axe):
    """From the partnership's page: its reviews, then "Run a review now"; ends
    on the report."""
    follow(page.get_by_role("link", name=re.compile("^Reviews of this partnership")))
    axe.check(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Run a review now").click()
    expect(page.get_by_role("heading", name=re.compile("^Review of "))).to_be_visible()
    axe.check(page)


def record_agreement(page, axe, summary, signed_on, review_on):
    """From the partnership's page: what the partners signed, and when it is due for review."""
    follow(page.get_by_role("link", name="Record the agreement", exact=True))
    axe.check(page)
    page.get_by_label("Summary").fill(summary)
    fill_date(page, "Signed on", signed_on)
    fill_date(page, "Review due", review_on)
    save(page, axe)
    expect(page.get_by_text(summary).first).to_be_visible()


def say_who_it_serves(page, axe, people):
    """From the partnership's page: the people it serves, in the partnership's details."""
    follow(page.get_by_role("link", name="Change the partnership's details"))
    axe.check(page)
    page.get_by_label("People it serves").fill(people)
    save(page, axe)
    expect(page.get_by_text(people).first).to_be_visible()


def review_every_partnership(page, axe, count):
    """From anywhere in the workspace: the portfolio's "Review every partnership
    now", waiting for the run to finish; ends on the portfolio."""
    workspace_nav(page, "Portfolio")
    axe.check(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Review every partnership now").click()
    expect(page.get_by_text(f"{count} of {count} partnership{'s' if count > 1 else ''} reviewed")).to_be_visible()
    axe.check(page)
    follow(page.get_by_role("link", name="See the portfolio"))
    axe.check(page)


def opt_in_to_comparison(page, axe):
    workspace_nav(page, "Comparison")
    expect(page.get_by_role("heading", name="Comparison with similar partnerships")).to_be_visible()
    expect(page.get_by_text("This workspace has not opted in.")).to_be_visible()
    axe.check(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Opt in to comparison").click()
    expect(page.get_by_text("This workspace now compares its partnerships")).to_be_visible()
    axe.check(page)


def sign_out(page):
    with page.expect_navigation():
        page.get_by_role("button", name="Sign out").click()


def add_responsibility(page, axe, task, organisation):
    """From the partnership's page: a task of the agreement and who does it."""
    follow(page.get_by_role("link", name="Add a responsibility", exact=True))
    axe.check(page)
    page.get_by_label("Task").fill(task)
    page.get_by_label(re.compile("^Responsible organisation")).select_option(label=organisation)
    save(page, axe)
    expect(page.get_by_role("row", name=re.compile(re.escape(task)))).to_be_visible()
