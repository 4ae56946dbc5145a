"""National outcome frameworks as starting points: the catalogue, what each
workspace is offered, and the outcome page filling the statement in."""

import json
import re

from django.urls import reverse

from joinedup.indicators.models import Frequency, Indicator
from joinedup.indicators.views import unit_of
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
    assert "checked against the official publication" in notes and "SOURCES.md" in notes


def test_every_indicator_has_its_fields_or_says_they_were_not_checked():
    """What the publisher says of each indicator is in the catalogue, or the
    field is empty and named as not checked: never a value made up."""
    indicators = [item for f in frameworks.all_frameworks() for item in f.items if item.is_indicator]
    assert len(indicators) >= 40
    for item in indicators:
        for field in ("definition", "direction", "unit", "frequency", "data_url"):
            assert bool(getattr(item, field)) != (field in item.unchecked), (item.code, field)
        assert item.direction in {"", *frameworks.DIRECTIONS}
        assert item.frequency in {"", *frameworks.FREQUENCIES}
        assert not item.data_url or item.data_url.startswith("https://")
    # Outcomes carry only their wording.
    outcome = frameworks.starting_point("scot_hwbo_1", {"scotland"}, frameworks.OUTCOME_KINDS)[1]
    assert outcome.unchecked == () and outcome.definition == ""
    ascof_2b = frameworks.starting_point("ascof_2b", {"england"}, frameworks.INDICATOR_KINDS)[1]
    assert (ascof_2b.direction, ascof_2b.unit, ascof_2b.frequency) == ("higher", "Percentage", "financial_year")
    assert ascof_2b.unchecked == ()
    ascof_4a = frameworks.starting_point("ascof_4a", {"england"}, frameworks.INDICATOR_KINDS)[1]
    assert ascof_4a.unchecked == ("direction",)
    # Every framework's sources are cited, each page by its address.
    sources = (frameworks.DATA.parent / "SOURCES.md").read_text()
    for item in indicators:
        assert not item.data_url or item.data_url in sources, item.code


def test_the_catalogues_frequencies_are_the_indicator_forms():
    """Each frequency is one the indicator form offers, with its label, but a
    survey run every two years (which the form has no choice for)."""
    assert set(frameworks.FREQUENCIES) - set(Frequency.values) == {"two_years"}
    for value, label in frameworks.FREQUENCIES.items():
        if value != "two_years":
            assert str(Frequency(value).label) == str(label)


def test_a_direction_or_frequency_the_form_does_not_know_is_refused():
    def catalogue(**fields):
        return json.dumps({"frameworks": [{"code": "e", "nation": "england", "title": "E", "publisher": "P",
                                           "source": "S", "items": [{"code": "e1", "kind": "measure",
                                                                     "text": "A rate", **fields}]}]})
    [framework] = frameworks.read_frameworks(catalogue(direction="lower", frequency="quarter"))
    assert framework.items[0].direction_text == "Lower is better"
    for wrong in ({"direction": "up"}, {"frequency": "fortnightly"}):
        try:
            frameworks.read_frameworks(catalogue(**wrong))
        except ValueError:
            continue
        raise AssertionError(f"{wrong} was read")


def test_northern_ireland_has_outcomes_and_indicators_with_stable_codes():
    outcomes = frameworks.frameworks_of({"northern_ireland"}, frameworks.OUTCOME_KINDS)
    assert [item.code for _, items in outcomes for item in items] == ["ni_pfg_3", "ni_pfg_4", "ni_pfg_8", "ni_pfg_12"]
    [(framework, items)] = frameworks.frameworks_of({"northern_ireland"}, frameworks.INDICATOR_KINDS)
    assert framework.code == "northern_ireland_pfg_indicators"
    assert "ni_pfg_ind_healthy_life_expectancy" in [item.code for item in items]
    assert all(item.data_url.startswith("https://www.nisra.gov.uk/") for item in items)


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


def checked_choices(page):
    """The radio buttons of the indicator form checked on the page, by field."""
    found = {}
    for tag in re.findall(r"<input[^>]*>", page):
        name, value = re.search(r'name="([^"]+)"', tag), re.search(r'value="([^"]*)"', tag)
        if "checked" in tag and name and name.group(1) in {"unit", "direction", "frequency"}:
            found[name.group(1)] = value.group(1)
    return found


def test_a_northern_irish_indicator_fills_its_unit_and_names_its_data_page(client, editor, workspace, partnership):
    client.force_login(editor)
    workspace.nations = "northern_ireland"
    workspace.save()
    url = reverse("indicators:indicator_add", args=["northshire", partnership.pk])
    page = client.get(url).content.decode()
    assert "Northern Ireland: Programme for Government population indicators" in page
    page = client.get(url, {"starting_point": "ni_pfg_ind_low_birth_weight"}).content.decode()
    assert checked_choices(page) == {"unit": "percentage"}  # direction and frequency not checked: left to the user
    assert 'href="https://www.nisra.gov.uk/statistics/programme-government/programme-government-population-indicators"' in page


def test_the_indicator_page_offers_measures_and_fills_name_and_publisher_in(client, editor, workspace, partnership):
    client.force_login(editor)
    url = reverse("indicators:indicator_add", args=["northshire", partnership.pk])
    page = client.get(url).content.decode()
    assert "Start from a national indicator set" in page
    assert "England: Adult Social Care Outcomes Framework" in page and "England: Better Care Fund metrics" in page
    assert "Core suite of integration indicators" not in page

    assert "Where the data is" in page and "Not checked: check with the publisher" in page

    page = client.get(url, {"starting_point": "ascof_2b"}).content.decode()
    name = re.search(r'<input type="text" name="name" value="([^"]*)"', page).group(1)
    assert name.startswith("Proportion of older people (65 and over) who were still at home 91 days")
    assert 'value="Department of Health and Social Care; data by NHS England: Adult Social Care Outcomes' in page
    # Unit, direction and frequency are filled in; the definition is shown beside the form.
    assert checked_choices(page) == {"unit": "percentage", "direction": "higher", "frequency": "financial_year"}
    advice = re.search(r'id="starting-point">(.*?)</dl>', page, re.S).group(1)
    assert "91 days after discharge" in advice and "Higher is better" in advice
    assert "Not checked" not in advice
    assert 'href="https://digital.nhs.uk/data-and-information/publications/statistical/adult-social-care-outcomes' in advice
    # A field not checked says so, and leaves the form's choice to the user.
    page = client.get(url, {"starting_point": "ascof_4a"}).content.decode()
    advice = re.search(r'id="starting-point">(.*?)</dl>', page, re.S).group(1)
    assert "Not checked: check with the publisher" in advice
    assert checked_choices(page) == {"unit": "percentage", "frequency": "financial_year"}
    page = client.get(url, {"starting_point": "ascof_2b"}).content.decode()

    response = client.post(url + "?starting_point=ascof_2b", {
        "name": "Older people at home 91 days after reablement", "kind": "better_off", "scope": "performance",
        **checked_choices(page), "source": "NHS England (ASCOF 2B)"})
    assert response.status_code == 302
    saved = Indicator.objects.get(partnership=partnership)
    assert (saved.unit, saved.direction, saved.frequency) == ("percentage", "higher", "financial_year")
    # An outcome's wording is not an indicator's starting point.
    workspace.nations = "scotland"
    workspace.save()
    page = client.get(url, {"starting_point": "scot_hwbo_1"}).content.decode()
    assert 'id="starting-point"' not in page
    assert "Scotland: Core suite of integration indicators" in page


def test_a_unit_in_the_publishers_words_fills_the_forms_choice_only_where_it_has_one():
    assert unit_of("Percentage") == "percentage"
    assert unit_of("Rate per 100,000 (European age-standardised)") == "rate_100k"
    assert unit_of("Rate per 100,000 population") == "rate_100k"
    assert unit_of("Score out of 24") is None and unit_of("Rate per 1,000 population") is None and unit_of("") is None
