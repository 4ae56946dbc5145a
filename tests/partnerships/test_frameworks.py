"""National outcome frameworks as starting points: the catalogue, what each
workspace is offered, and the outcome page filling the statement in."""

import json
import re

from django.urls import reverse

from joinedup.partnerships import frameworks
from joinedup.partnerships.models import Outcome
from joinedup.workspaces.models import Nation


def test_the_catalogue_has_every_nation_unique_codes_and_known_kinds():
    catalogue = frameworks.all_frameworks()
    assert {f.nation for f in catalogue} == set(Nation.values)
    codes = [item.code for f in catalogue for item in f.items]
    assert len(codes) == len(set(codes))
    kinds = {item.kind for f in catalogue for item in f.items}
    assert kinds <= frameworks.OUTCOME_KINDS | frameworks.INDICATOR_KINDS
    assert all(f.source and f.publisher for f in catalogue)
    notes = json.loads(frameworks.DATA.read_text())["notes"]
    assert "checked against the official publication" in notes


def test_scotland_has_its_nine_national_outcomes():
    [(framework, items), *_] = frameworks.frameworks_of({"scotland"}, frameworks.OUTCOME_KINDS)
    assert framework.title == "National health and wellbeing outcomes"
    assert len(items) == 9
    assert items[6].text == "People who use health and social care services are safe from harm."


def test_only_the_workspaces_nations_and_the_kinds_asked_for_are_offered():
    catalogue = frameworks.read_frameworks(json.dumps({"frameworks": [
        {"code": "w", "nation": "wales", "title": "W", "publisher": "P", "source": "S",
         "items": [{"code": "w1", "kind": "goal", "text": "A healthier Wales"},
                   {"code": "w2", "kind": "indicator", "text": "Some rate"}]},
        {"code": "e", "nation": "england", "title": "E", "publisher": "P", "source": "S",
         "items": [{"code": "e1", "kind": "measure", "text": "Only a measure"}]},
    ]}))
    offered = frameworks.frameworks_of({"wales", "england"}, frameworks.OUTCOME_KINDS, catalogue)
    assert [(f.code, [i.code for i in items]) for f, items in offered] == [("w", ["w1"])]
    framework, item = frameworks.starting_point("w1", {"wales"}, frameworks.OUTCOME_KINDS, catalogue)
    assert (framework.code, item.text) == ("w", "A healthier Wales")
    assert frameworks.starting_point("w1", {"england"}, frameworks.OUTCOME_KINDS, catalogue) is None
    assert frameworks.starting_point("w2", {"wales"}, frameworks.OUTCOME_KINDS, catalogue) is None


def statement_box(page):
    return re.search(r'<textarea name="statement"[^>]*>(.*?)</textarea>', page, re.S).group(1).strip()


def test_the_outcome_page_offers_the_nations_frameworks_and_fills_the_statement_in(
        client, editor, workspace, partnership):
    client.force_login(editor)
    url = reverse("partnerships:outcome_add", args=["northshire", partnership.pk])
    page = client.get(url).content.decode()
    assert "Adult Social Care Outcomes Framework" not in page  # measures are for indicators
    assert "Programme for Government" not in page and "national health and wellbeing" not in page.lower()

    workspace.nations = "scotland,northern_ireland"
    workspace.save()
    page = client.get(url).content.decode()
    assert "Scotland: National health and wellbeing outcomes" in page
    assert "Northern Ireland: Programme for Government outcomes" in page
    assert "Use as a starting point" in page and statement_box(page) == ""

    page = client.get(url, {"starting_point": "scot_hwbo_7"}).content.decode()
    assert statement_box(page) == "People who use health and social care services are safe from harm."
    assert 'id="starting-point"' in page
    # A framework of a nation the workspace is not in fills nothing in.
    assert statement_box(client.get(url, {"starting_point": "wales_goal_healthier"}).content.decode()) == ""

    response = client.post(url, {"statement": "I feel safe at home, and so do the people who care for me.",
                                 "why_partnership": "Safety at home needs the council, the NHS and carers."})
    assert response.status_code == 302
    assert Outcome.objects.get(partnership=partnership).statement.startswith("I feel safe at home")


def test_the_indicator_page_offers_measures_and_fills_name_and_publisher_in(client, editor, workspace, partnership):
    client.force_login(editor)
    url = reverse("indicators:indicator_add", args=["northshire", partnership.pk])
    page = client.get(url).content.decode()
    assert "Start from a national indicator set" in page
    assert "England: Adult Social Care Outcomes Framework" in page and "England: Better Care Fund metrics" in page
    assert "Core suite of integration indicators" not in page

    page = client.get(url, {"starting_point": "ascof_2b"}).content.decode()
    name = re.search(r'<input type="text" name="name" value="([^"]*)"', page).group(1)
    assert name.startswith("Proportion of older people (65 and over) who were still at home 91 days")
    assert 'value="Department of Health and Social Care; data by NHS England: Adult Social Care Outcomes' in page
    # An outcome's wording is not an indicator's starting point.
    workspace.nations = "scotland"
    workspace.save()
    page = client.get(url, {"starting_point": "scot_hwbo_1"}).content.decode()
    assert 'id="starting-point"' not in page
    assert "Scotland: Core suite of integration indicators" in page
