"""An owner opts the workspace in to comparison and reads how a partnership
compares with similar ones; every page passes axe-core."""

import pytest
from playwright.sync_api import expect

from ..comparison.builders import add_health_check, build_all
from ..comparison.conftest import opt_in
from .conftest import follow, screenshot
from .test_partnership_journey import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_owner_opts_in_and_sees_the_comparison(page, live_server, owner, workspace, other_workspace, axe):
    # Given six similar partnerships, three of them in another workspace that has opted in
    similar = build_all({"northshire": workspace, "southshire": other_workspace})
    add_health_check(similar["Brampton Later Life Hub"], 4)
    opt_in(other_workspace)

    # When the owner opens the comparison page from the workspace navigation
    sign_in(page, live_server, "owner", axe)
    follow(page.get_by_role("link", name="Northshire", exact=True))
    follow(page.get_by_role("navigation", name="Workspace").get_by_role("link", name="Comparison"))
    expect(page.get_by_role("heading", name="Comparison with similar partnerships")).to_be_visible()
    expect(page.get_by_text("This workspace has not opted in.")).to_be_visible()
    axe.check(page)

    # And opts in
    page.get_by_role("button", name="Opt in to comparison").click()
    expect(page.get_by_text("This workspace now compares its partnerships")).to_be_visible()
    expect(page.get_by_role("button", name="Stop comparing and sharing")).to_be_visible()
    axe.check(page)
    screenshot(page, "comparison-opted-in")

    # Then a partnership's reviews page compares it with similar partnerships, names left out
    follow(page.get_by_role("link", name="Home First reviews and comparison"))
    section = page.get_by_role("region", name="Compared with similar partnerships")
    expect(section).to_be_visible()
    cost = section.get_by_role("row", name="Yearly cost of meetings")
    expect(cost).to_contain_text("£26,180")
    expect(cost).to_contain_text("£19,888 to £30,440")
    expect(page.get_by_text("Southshire")).to_have_count(0)
    axe.check(page)
    section.get_by_text("Each health-check theme").click()
    expect(section.get_by_role("row", name="Trust and commitment")).to_be_visible()
    axe.check(page)
    screenshot(page, "comparison-section")
    assert len(axe.checked) == 5
