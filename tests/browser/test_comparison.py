"""Journey: the owners of two workspaces opt in to comparison, and one reads
how a partnership compares with similar ones. Both workspaces, their
partnerships, people and meetings are made through the pages by their owners
(only the two user accounts beforehand); every page passes axe-core.

Given two workspaces, each with three partnerships of older people run by
joint commissioning, each with a meeting recorded and a review,
when the second owner opts in, then the first,
then the first workspace's partnership is compared with the six, names left out."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from ..conftest import make_user
from .conftest import follow, screenshot
from .journeys import (
    add_member,
    add_organisation,
    add_partnership,
    add_person,
    create_workspace,
    sign_in,
)
from .journeys_review import (
    opt_in_to_comparison,
    record_meeting,
    review_every_partnership,
    say_who_it_serves,
    sign_out,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# One officer on AfC 8a (£43.01 an hour) at one meeting of each length: the
# partnerships' yearly costs are £21.51, £43.01, £64.52 in Northshire and
# £32.26, £53.76, £86.02 in Southshire. Their median is £48.39 and their middle
# half (Hyndman and Fan's type 7, docs/comparison.md) £34.95 to £61.83.
NORTHSHIRE = [("Home First", "Older people leaving hospital", 30),
              ("Northshire Frailty Network", "Frail older people", 60),
              ("Brampton Later Life Hub", "People in later life in Brampton", 90)]
SOUTHSHIRE = [("Southshire Frailty Alliance", "Older people living with frailty", 45),
              ("Saltmarsh Elderly Care Board", "Elderly residents of Saltmarsh", 75),
              ("Southshire Discharge to Assess", "Older adults leaving hospital", 120)]


def given_a_workspace_of_three_partnerships(page, live_server, axe, user, workspace, slug, council, partnerships):
    sign_in(page, live_server, user, axe)
    create_workspace(page, axe, workspace, slug)
    add_organisation(page, axe, council, "Council adult social care")
    add_person(page, axe, f"Officer of {council}", council, "AfC 8a", in_post_from="2020-04-01")
    a_week_ago = f"{timezone.localdate() - timezone.timedelta(days=7):%Y-%m-%d}"
    for name, serves, minutes in partnerships:
        add_partnership(page, axe, name, f"{serves} live well at home.", "Joint or lead commissioning", "2023-04-01")
        say_who_it_serves(page, axe, serves)
        add_member(page, axe, council)
        record_meeting(page, axe, f"{name} board", a_week_ago, minutes, [f"Officer of {council}"])
    review_every_partnership(page, axe, 3)


def test_an_owner_opts_in_and_sees_the_comparison(page, live_server, axe):
    make_user("southshire-owner")
    make_user("owner")
    # Given Southshire, made and opted in by its owner
    given_a_workspace_of_three_partnerships(page, live_server, axe, "southshire-owner", "Southshire", "southshire",
                                            "Southshire Council", SOUTHSHIRE)
    opt_in_to_comparison(page, axe)
    sign_out(page)

    # And Northshire, made by its owner, who opens the comparison page and opts in
    given_a_workspace_of_three_partnerships(page, live_server, axe, "owner", "Northshire", "northshire",
                                            "Northshire Council", NORTHSHIRE)
    opt_in_to_comparison(page, axe)
    expect(page.get_by_role("button", name="Stop comparing and sharing")).to_be_visible()
    screenshot(page, "comparison-opted-in")

    # Then a partnership's reviews page compares it with the six similar partnerships, names left out
    follow(page.get_by_role("link", name="Home First reviews and comparison"))
    section = page.get_by_role("region", name="Compared with similar partnerships")
    expect(section).to_be_visible()
    cost = section.get_by_role("row", name="Yearly cost of meetings")
    expect(cost).to_contain_text("£22")
    expect(cost).to_contain_text("£48")
    expect(cost).to_contain_text("£35 to £62")
    expect(cost).to_contain_text("In the lowest quarter")
    expect(page.get_by_text("Southshire")).to_have_count(0)
    axe.check(page)
    # No survey wave has been run anywhere, so the health check is not compared, and says why.
    expect(section.get_by_role("row", name="Partnership health check, all themes")).to_contain_text(
        "Not compared: fewer than 5 similar partnerships have this figure.")
    expect(section.get_by_text("Each health-check theme")).to_have_count(0)
    screenshot(page, "comparison-section")
