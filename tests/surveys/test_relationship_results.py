"""The partner relationships survey through the survey machinery: links fix
the respondent's organisation, answers are released in steps, and the
results page and CSV show trust and value only where enough people rated."""

from datetime import date

import pytest
from django.urls import reverse

from joinedup.surveys import respond
from joinedup.surveys.headlines import NOT_SHOWN, wave_headlines
from joinedup.surveys.models import Response, Wave
from joinedup.surveys.release import release_answers
from joinedup.surveys.results import wave_results

from .conftest import make_links

pytestmark = pytest.mark.django_db


@pytest.fixture
def relational_wave(partnership, members):
    return Wave.objects.create(
        partnership=partnership, name="Spring 2026", opens_on=date(2026, 3, 1), instruments=["relationships"],
        respondent_groups=[o.name for o in members],
    )


def rate_all(wave, by, trust_of, value_of=None):
    """One person from `by` answers through a link made for their organisation:
    every trust item `trust_of[org]` and every value item `value_of[org]`."""
    invitation = respond.open_invitation(make_links(wave, group=by.name, instrument="relationships")[0].token)
    raw = {}
    for org, level in trust_of.items():
        raw |= {f"rate_{item}__{org.pk}": str(level) for item in ("open", "reliable", "mission")}
    for org, level in (value_of or {}).items():
        raw |= {f"rate_{item}__{org.pk}": str(level) for item in ("influence", "involved", "resources")}
    outcome = respond.send(invitation, raw)
    assert outcome.sent, outcome.errors


def tables_of(wave):
    block = next(i for i in wave_results(wave).instruments if i.code == "relationships")
    return {t.key: t for t in block.tables}


def row(table, name):
    return next([cell.text for cell in r] for r in table.rows if r[0].text == name)


def tie(table, one, other):
    """A tie's row: the pair is named in the order of its organisations' ids as text, so
    "98" comes after "100" and either may come first, by the ids the test was given."""
    names = {f"{one.name} and {other.name}", f"{other.name} and {one.name}"}
    return next([cell.text for cell in r] for r in table.rows if r[0].text in names)


def test_a_link_for_an_organisation_never_asks_about_that_organisation(relational_wave, members):
    hospitals = members[0]
    batch = make_links(relational_wave, group=hospitals.name, instrument="relationships")[0]
    survey, fixed = respond.survey_for(respond.open_invitation(batch.token).batch)
    asked = respond.asked_questions(survey, fixed)
    assert fixed == str(hospitals.pk)
    assert [q.about_organisation for q in asked][::6] == sorted([members[1].name, members[2].name])
    assert not any(q.code.endswith(f"__{hospitals.pk}") for q in asked)


def test_scores_are_shown_per_tie_and_organisation_only_where_five_or_more_rated(relational_wave, members):
    hospitals, council, later_life = members
    # 3 from the hospitals, 2 from the council and 2 from Later Life (the
    # example in test_relationships.py): hospitals-council and
    # hospitals-Later Life are each rated by 5 people, council-Later Life by 4.
    for level in (3, 4, 2):
        rate_all(relational_wave, hospitals, {council: level, later_life: 1}, {council: 4})
    for level in (4, 2):
        rate_all(relational_wave, council, {hospitals: level, later_life: 3})
    for level in (1, 2):
        rate_all(relational_wave, later_life, {hospitals: level, council: 2})
    # Every group has fewer than 5 answers: nothing is released while the wave is open.
    assert release_answers(relational_wave) == 0
    assert row(tables_of(relational_wave)["relationship_partnership"], "Trust")[1] == "hidden"
    assert release_answers(relational_wave, closing=True) == 7
    tables = tables_of(relational_wave)
    # Trust: hospitals-council (3 + 4 + 2 + 4 + 2) / 5 = 3.0; hospitals-Later Life (1 + 1 + 1 + 1 + 2) / 5 = 1.2
    ties = tables["relationship_ties"]
    assert tie(ties, hospitals, council)[1] == "3.0"
    assert tie(ties, hospitals, later_life)[1] == "1.2"
    assert tie(ties, council, later_life)[1:] == ["hidden", "hidden"]
    # The council as others see it: 3, 4, 2 from the hospitals and 2, 2 from Later Life = 2.6
    organisations = tables["relationship_organisations"]
    assert row(organisations, council.name)[1] == "2.6"
    assert row(organisations, hospitals.name)[1] == "hidden"  # rated by 4
    # Value: only the hospitals' three people gave any, about the council: too few everywhere.
    assert row(tables["relationship_partnership"], "Value")[1] == "hidden"
    # Trust over all 14 ratings: (3+1+4+1+2+1) + (4+3+2+3) + (1+2+2+2) = 31 / 14 = 2.2
    assert row(tables["relationship_partnership"], "Trust")[1] == "2.2"
    assert tables["relationship_changes"].rows == []


def test_answers_about_their_own_organisation_are_not_stored_when_the_respondent_chooses_it(
    relational_wave, members
):
    hospitals, council, _later_life = members
    relational_wave.respondent_groups = ["Partner representatives"]
    relational_wave.save()
    invitation = respond.open_invitation(
        make_links(relational_wave, group="Partner representatives", instrument="relationships")[0].token
    )
    outcome = respond.send(invitation, {
        "group": str(hospitals.pk), f"rate_open__{hospitals.pk}": "4", f"rate_open__{council.pk}": "2",
    })
    assert outcome.sent
    stored = Response.stored.get(wave=relational_wave)
    assert stored.answers == {"group": str(hospitals.pk), f"rate_open__{council.pk}": 2}
    assert stored.respondent_group == hospitals.name


def test_the_page_shows_the_change_since_the_previous_wave(client, viewer, relational_wave, members):
    hospitals, council, later_life = members
    for org, others in ((hospitals, (council, later_life)), (council, (hospitals, later_life)),
                        (later_life, (hospitals, council))):
        for _ in range(2):
            rate_all(relational_wave, org, dict.fromkeys(others, 2), dict.fromkeys(others, 3))
    release_answers(relational_wave, closing=True)
    later = Wave.objects.create(
        partnership=relational_wave.partnership, name="Autumn 2026", opens_on=date(2026, 9, 1),
        instruments=["relationships"], respondent_groups=relational_wave.respondent_groups,
    )
    for org, others in ((hospitals, (council, later_life)), (council, (hospitals, later_life)),
                        (later_life, (hospitals, council))):
        for _ in range(2):
            rate_all(later, org, dict.fromkeys(others, 3), dict.fromkeys(others, 3))
    release_answers(later, closing=True)
    changes = tables_of(later)["relationship_changes"]
    whole = [r for r in changes.rows if r[0].text == "The whole partnership"]
    assert [[c.text for c in r] for r in whole] == [
        ["The whole partnership", "Trust", "2.0", "3.0", "+1.0"],
        ["The whole partnership", "Value", "3.0", "3.0", "+0.0"],
    ]
    client.force_login(viewer)
    url = reverse("surveys:results", args=["northshire", later.pk])
    html = client.get(url + "?instrument=relationships&section=relationships").content.decode()
    assert "Trust and value between partners" in html
    assert 'id="relationship_ties"' in html and "Change in trust and value since the previous wave" in html
    assert "the mean of what their people said of each other" in html
    exported = client.get(reverse("surveys:results_csv", args=["northshire", later.pk])).content.decode()
    assert "Trust and value in each tie (pair of partners)" in exported


def test_the_respondent_page_asks_about_each_partner_under_its_name(client, relational_wave, members):
    hospitals, council, later_life = members
    link = make_links(relational_wave, group=council.name, instrument="relationships")[0]
    html = client.get(reverse("respond:answer", args=[link.token])).content.decode()
    assert f"<h2 class=\"govuk-heading-l govuk-!-margin-top-8\">About {hospitals.name}</h2>" in html
    assert f"About {later_life.name}</h2>" in html and f"About {council.name}" not in html
    # Each question is its own fieldset whose legend names the partner.
    assert html.count("<fieldset") == 12
    assert f"How far can your organisation rely on {later_life.name} to do what it says it will?" in html
    assert "Which organisation do you represent" not in html  # the link says
    welsh = client.get(reverse("respond:answer", args=[link.token]) + "?lang=cy").content.decode()
    assert f"Ynglŷn â {hospitals.name}" in welsh and "Cryn dipyn" in welsh


def test_the_review_s_wave_summary_gives_the_results_page_s_trust_and_value(relational_wave, members):
    hospitals, council, later_life = members
    for org, others in ((hospitals, (council, later_life)), (council, (hospitals, later_life)),
                        (later_life, (hospitals, council))):
        for level in (2, 3):
            rate_all(relational_wave, org, dict.fromkeys(others, level), dict.fromkeys(others, 4))
    [headline] = wave_headlines(relational_wave)
    # Nothing released yet: no figures at all.
    assert headline.figures == [] and headline.answered_text == "no answers yet"
    release_answers(relational_wave, closing=True)
    [headline] = wave_headlines(relational_wave)
    # Each organisation's two people give every other partner 2 and 3 for trust: 2.5; value 4 throughout.
    assert dict(headline.figures) == {"trust between partners": "2.5 out of 4", "value between partners": "4.0 out of 4"}
    assert row(tables_of(relational_wave)["relationship_partnership"], "Trust")[1] == "2.5"
    # A threshold above the six who answered hides both, as on the results page.
    relational_wave.threshold = 7
    relational_wave.save(update_fields=["threshold"])
    [headline] = wave_headlines(relational_wave)
    assert dict(headline.figures) == {"trust between partners": NOT_SHOWN, "value between partners": NOT_SHOWN}
