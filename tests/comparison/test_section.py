"""The "Compared with similar partnerships" section on a partnership's
reviews page: aggregates only, never another workspace's names or figures."""

import re

import pytest
from django.urls import reverse

from joinedup.partnerships.models import Partnership

from .builders import PLANS, Plan, add_health_check, build, wellbeing
from .conftest import opt_in

pytestmark = pytest.mark.django_db


def reviews_page(client, user, partnership, slug="northshire"):
    client.force_login(user)
    response = client.get(reverse("review:partnership_reviews", args=[slug, partnership.pk]))
    assert response.status_code == 200
    return response.content.decode()


def other_workspaces_traces():
    """Every name and figure of Southshire's partnerships, as the page could write them."""
    traces = []
    for plan in PLANS["southshire"]:
        amount = float(plan.yearly_cost)
        traces += [plan.name, plan.user_groups, plan.yearly_cost, f"{amount:,.0f}", f"{amount:,.2f}"]
    return traces


def table_row(html, title):
    row = re.search(rf"<th scope=\"row\" class=\"govuk-table__header\">{re.escape(title)}</th>(.*?)</tr>", html, re.S)
    return [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row.group(1), re.S)]


def test_it_shows_the_median_and_middle_half_of_similar_partnerships(
    client, viewer, workspace, other_workspace, similar,
):
    opt_in(workspace, other_workspace)
    html = reviews_page(client, viewer, similar["Home First"])
    assert "Compared with similar partnerships" in html
    assert "joint or lead commissioning partnerships for older people" in html
    assert table_row(html, "Yearly cost of meetings") == [
        "£24,800", "6", "£26,180", "£19,888 to £30,440", "In the middle half, below the median",
    ]
    wellbeing = table_row(html, "Staff pulse: job satisfaction and morale")
    assert wellbeing[1] == "5"  # the Frailty Network's 4 staff answers are hidden
    assert table_row(html, "Partnership health check, all themes") == [
        "Not compared: fewer than 5 similar partnerships have this figure."
    ]


def test_another_workspaces_partnerships_only_count_towards_aggregates(
    client, viewer, workspace, other_workspace, similar,
):
    opt_in(workspace, other_workspace)
    html = reviews_page(client, viewer, similar["Home First"])
    assert "£26,180" in html  # they are counted ...
    for trace in other_workspaces_traces():  # ... but never shown
        assert trace not in html, trace
    assert "Southshire" not in html
    # The lowest and highest staff scores are Southshire's; only quartiles are shown.
    cells = re.findall(r"<td[^>]*>([^<]*)</td>", html)
    for plan in PLANS["southshire"][:2]:
        assert f"{wellbeing(plan):.1f}" not in cells


def test_a_workspace_that_has_not_opted_in_sees_no_comparison(client, viewer, other_workspace, similar):
    opt_in(other_workspace)
    html = reviews_page(client, viewer, similar["Home First"])
    assert "This workspace has not chosen to compare" in html
    assert "Median" not in html
    assert reverse("comparison:home", args=["northshire"]) in html


def test_a_workspace_that_has_not_opted_in_is_not_counted_by_others(
    client, outsider, workspace, other_workspace, third_workspace, eastshire_owner, similar,
):
    opt_in(other_workspace, workspace)
    for name in ["Eastshire Frailty Board", "Eastshire Elderly Care", "Eastshire Later Life"]:
        build(third_workspace, Plan(name, "Frail older people", "50000.00", []))
    html = reviews_page(client, outsider, similar["Saltmarsh Elderly Care Board"], "southshire")
    assert table_row(html, "Yearly cost of meetings")[1] == "6"
    assert "Eastshire" not in html and "50,000" not in html
    east = Partnership.objects.get(name="Eastshire Frailty Board")
    html = reviews_page(client, eastshire_owner, east, "eastshire")
    assert "This workspace has not chosen to compare" in html and "Median" not in html


def test_a_group_of_fewer_than_five_is_not_shown(client, viewer, workspace, other_workspace, similar):
    opt_in(workspace, other_workspace)
    Partnership.objects.filter(workspace=other_workspace).exclude(name="Southshire Frailty Alliance").update(form="pooled_budget")
    html = reviews_page(client, viewer, similar["Home First"])
    assert "There are not yet 5 similar partnerships" in html
    assert "Median" not in html and "12,345" not in html


def test_unrecognised_people_served_is_explained(client, viewer, workspace, partnership):
    opt_in(workspace)
    html = reviews_page(client, viewer, partnership)
    assert "does not say which group of people it is for" in html


def test_an_ended_partnership_is_not_compared(client, viewer, workspace, other_workspace, similar):
    opt_in(workspace, other_workspace)
    Partnership.objects.filter(pk=similar["Home First"].pk).update(status="ended")
    html = reviews_page(client, viewer, Partnership.objects.get(pk=similar["Home First"].pk))
    assert "Only active partnerships and partnerships under review are compared." in html


def test_health_check_themes_are_compared_once_five_partnerships_have_them(
    client, viewer, workspace, other_workspace, similar,
):
    add_health_check(similar["Brampton Later Life Hub"], 4)
    opt_in(workspace, other_workspace)
    html = reviews_page(client, viewer, similar["Home First"])
    assert table_row(html, "Partnership health check, all themes")[1] == "5"
    assert "Each health-check theme" in html
    assert table_row(html, "Trust and commitment")[1] == "5"


def test_it_compares_within_the_workspaces_nations_unless_widened_to_every_nation(
    client, viewer, workspace, other_workspace, similar,
):
    """Southshire works in Scotland: Northshire's Home First is compared only with
    England's three, too few, until the page is widened to every nation."""
    other_workspace.nations = "scotland"
    other_workspace.save()
    opt_in(workspace, other_workspace)
    html = reviews_page(client, viewer, similar["Home First"])
    assert "for older people in England" in html
    assert "Compared only with similar partnerships in England" in html
    assert "There are not yet 5 similar partnerships" in html and "Yearly cost of meetings" not in html
    client.force_login(viewer)
    wide = client.get(reverse("review:partnership_reviews", args=["northshire", similar["Home First"].pk]),
                      {"compare": "all-nations"}).content.decode()
    assert "Compared with similar partnerships in every nation." in wide
    assert table_row(wide, "Yearly cost of meetings")[:3] == ["£24,800", "6", "£26,180"]


def test_a_cross_border_workspace_is_compared_with_each_of_its_nations(
    client, viewer, workspace, other_workspace, similar,
):
    workspace.nations = "england,scotland"
    workspace.save()
    other_workspace.nations = "scotland"
    other_workspace.save()
    opt_in(workspace, other_workspace)
    html = reviews_page(client, viewer, similar["Home First"])
    assert "in England and Scotland" in html
    assert table_row(html, "Yearly cost of meetings")[1] == "6"
