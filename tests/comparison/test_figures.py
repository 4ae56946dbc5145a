"""The figures each partnership contributes: only from opted-in workspaces,
only live partnerships, and survey scores only where suppression allows."""

import pytest

from joinedup.comparison.figures import (
    HEALTH_CHECK_OVERALL,
    YEARLY_COST,
    comparisons_for,
    figures_for,
    similar_partnerships,
)
from joinedup.partnerships.models import Partnership

from .builders import PLANS, Plan, build, invite, wellbeing
from .conftest import opt_in

pytestmark = pytest.mark.django_db

WELLBEING = "staff_pulse:wellbeing"


def test_the_group_is_live_similar_partnerships_of_opted_in_workspaces(
    workspace, other_workspace, third_workspace, similar,
):
    hidden = build(third_workspace, Plan("Eastshire Frailty Board", "Frail older people", "99999.00", []))
    other_form = build(workspace, Plan("Frailty Pooled Fund", "Frail older people", "5000.00", []), form="pooled_budget")
    other_people = build(workspace, Plan("Saltmarsh Minds", "Adults with mental health problems", "7000.00", []))
    ended = build(other_workspace, Plan("Old Age Forum", "Older people", "100.00", []), status="ended")
    archived = build(other_workspace, Plan("Elderly Care Panel", "Elderly people", "200.00", []))
    Partnership.objects.filter(pk=archived.pk).update(archived_at="2026-01-01T00:00Z")
    opt_in(workspace, other_workspace)

    group = set(similar_partnerships(similar["Home First"]))

    assert group == {p.pk for p in similar.values()}
    assert not group & {hidden.pk, other_form.pk, other_people.pk, ended.pk, archived.pk}


def test_a_workspace_that_has_not_opted_in_contributes_nothing(workspace, other_workspace, similar):
    opt_in(workspace)
    assert set(similar_partnerships(similar["Home First"])) == {
        similar[p.name].pk for p in PLANS["northshire"]
    }
    assert all(c.distribution is None for c in comparisons_for(similar["Home First"]))


def test_a_partnership_of_a_workspace_not_opted_in_is_compared_with_no_one(
    workspace, other_workspace, similar,
):
    opt_in(other_workspace)
    assert similar_partnerships(similar["Home First"]) == []
    assert comparisons_for(similar["Home First"]) == []


def test_the_cost_is_the_latest_reviews(similar):
    figures = figures_for([p.pk for p in similar.values()])
    assert figures[similar["Home First"].pk][YEARLY_COST] == 24800.0
    assert figures[similar["Northshire Frailty Network"].pk][YEARLY_COST] == 18250.5


def test_staff_scores_come_from_the_scoring_and_hide_small_groups(similar):
    figures = figures_for([p.pk for p in similar.values()])
    plan = PLANS["northshire"][0]
    assert figures[similar["Home First"].pk][WELLBEING] == pytest.approx(wellbeing(plan))
    assert WELLBEING not in figures[similar["Northshire Frailty Network"].pk]  # only 4 answered


def test_a_response_rate_below_the_minimum_hides_the_score(similar):
    home_first = similar["Home First"]
    invite(home_first, "staff_pulse", 60)  # 6 of 60 answered: 10%
    assert WELLBEING not in figures_for([home_first.pk]).get(home_first.pk, {})


def test_the_health_check_overall_is_the_mean_of_its_shown_themes(similar):
    figures = figures_for([similar["Home First"].pk])[similar["Home First"].pk]
    themes = [v for k, v in figures.items() if k.startswith("health_check:") and k != HEALTH_CHECK_OVERALL]
    assert len(themes) == 11
    assert figures[HEALTH_CHECK_OVERALL] == pytest.approx(sum(themes) / 11)


def test_it_compares_each_figure_over_the_group(workspace, other_workspace, similar):
    opt_in(workspace, other_workspace)
    found = {c.measure.key: c.distribution for c in comparisons_for(similar["Home First"])}
    assert found[YEARLY_COST].n == 6
    assert found[YEARLY_COST].median == 26180.0
    assert found[WELLBEING].n == 5
    assert found[HEALTH_CHECK_OVERALL] is None  # only 4 partnerships ran a health check
