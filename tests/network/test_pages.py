"""The network page and a partnership's suggestions, read from the database."""

from datetime import date

import pytest
from django.urls import reverse

from joinedup.network.records import web_of
from joinedup.organisations.models import Organisation
from joinedup.surveys.models import Response, Wave

pytestmark = pytest.mark.django_db


def test_the_web_is_read_from_one_workspace_without_ended_partnerships(workspace, locality):
    web = web_of(workspace)
    assert sorted(p.name for p in web.partnerships.values()) == ["Discharge Board", "Frailty Network"]
    assert "Southshire Trust" not in {o.name for o in web.organisations.values()}
    assert web.partnerships[locality["frailty"].pk].outcomes == "I get home from hospital quickly"
    wren, ann = locality["wren"].pk, locality["ann"].pk
    seats = {(a.person_id, a.sent_deputy, a.deputised, a.minutes) for a in web.attendances}
    assert seats == {(wren, False, False, 90), (wren, False, True, 90), (ann, True, False, 0)}


def test_the_page_shows_overlap_brokers_and_missing_sectors(client, viewer, workspace, locality):
    client.force_login(viewer)
    response = client.get(reverse("network:home", args=[workspace.slug]) + "?as_at=30/6/2026")
    assert response.status_code == 200
    html = response.content.decode()
    assert "as at 30 June 2026" in html
    # 2 shared of Frailty's 3 and Discharge's 2: Jaccard 2/3.
    assert "Frailty Network</a> and <a" in html or "Discharge Board</a> and <a" in html
    assert "2 of 2" in html and "0.67" in html
    assert "Wren Vetchley" in html
    assert "Peer Voices" in html  # in no partnership
    assert "User-led" in html  # a sector in no partnership
    assert "Youth Forum" not in html
    assert "Southshire" not in html
    assert "Blau" in html and "Jaccard" in html
    spec = response.context["spec"]
    assert {n["name"] for n in spec["datasets"]["nodes"]} >= {"Frailty Network", "Wren Vetchley", "Hospital"}
    assert len(spec["datasets"]["ties"]) == 2 + 3 + 2  # memberships + seats


def test_as_at_an_earlier_day_nobody_sat_and_the_carers_had_not_joined(client, viewer, workspace, locality):
    client.force_login(viewer)
    response = client.get(reverse("network:home", args=[workspace.slug]), {"as_at": "1/1/2023"})
    html = response.content.decode()
    assert "Nobody sat in more than one partnership" in html
    rows = {r["name"]: r for r in response.context["page"].partnership_rows()}
    assert rows["Frailty Network"]["members"] == 2


def test_filters_by_sector_and_user_group(client, viewer, workspace, locality):
    client.force_login(viewer)
    url = reverse("network:home", args=[workspace.slug])
    page = client.get(url, {"sector": "voluntary_community"}).context["page"]
    assert [r["name"] for r in page.partnership_rows()] == ["Frailty Network"]
    page = client.get(url, {"user_group": "children"}).context["page"]
    assert page.partnership_rows() == []
    page = client.get(url, {"user_group": "older_people"}).context["page"]
    assert len(page.partnership_rows()) == 2


def test_a_bad_date_is_named_and_today_is_shown(client, viewer, workspace, locality):
    client.force_login(viewer)
    response = client.get(reverse("network:home", args=[workspace.slug]), {"as_at": "31/2/2025"})
    assert response.status_code == 200
    assert "The day to show the network on must be a real date" in response.content.decode()


def test_suggestions_name_the_voluntary_group_and_its_reason(client, viewer, workspace, locality):
    client.force_login(viewer)
    url = reverse("network:suggestions", args=[workspace.slug, locality["discharge"].pk])
    html = client.get(url).content.decode()
    assert "Carers Centre" in html and "Peer Voices" in html
    assert "already works with older people in Frailty Network" in html
    assert html.index("Carers Centre") < html.index("Peer Voices")


def test_the_drawing_downloads_as_svg(client, viewer, workspace, locality):
    client.force_login(viewer)
    response = client.get(reverse("network:drawing_svg", args=[workspace.slug]))
    assert response["Content-Type"] == "image/svg+xml"
    assert response.content.startswith(b"<svg")


def test_outsiders_see_nothing(client, outsider, workspace, locality):
    client.force_login(outsider)
    assert client.get(reverse("network:home", args=[workspace.slug])).status_code == 404
    assert client.get(reverse("network:drawing_svg", args=[workspace.slug])).status_code == 404
    url = reverse("network:suggestions", args=[workspace.slug, locality["frailty"].pk])
    assert client.get(url).status_code == 404


def test_another_workspaces_partnership_has_no_suggestions_here(client, outsider, other_workspace, locality):
    client.force_login(outsider)
    url = reverse("network:suggestions", args=[other_workspace.slug, locality["frailty"].pk])
    assert client.get(url).status_code == 404


def test_the_navigation_links_to_it(client, viewer, workspace):
    client.force_login(viewer)
    html = client.get(reverse("workspaces:home", args=[workspace.slug])).content.decode()
    assert reverse("network:home", args=[workspace.slug]) in html


def test_the_page_shows_trust_and_value_from_the_partner_relationships_survey(client, viewer, workspace, locality):
    frailty = locality["frailty"]
    members = {o.name: str(o.pk) for o in Organisation.objects.filter(workspace=workspace)}
    wave = Wave.objects.create(partnership=frailty, name="Spring 2026", opens_on=date(2026, 3, 1),
                               instruments=["relationships"], respondent_groups=["Hospital", "Council"])
    client.force_login(viewer)
    url = reverse("network:home", args=[workspace.slug]) + "?as_at=30/6/2026"
    assert "No partnership has results from the partner relationships survey yet" in client.get(url).content.decode()
    # Three from the hospital rate the council, two from the council the hospital:
    # five raters of the one tie, trust 2 and value 3 throughout.
    for by, about, n in (("Hospital", "Council", 3), ("Council", "Hospital", 2)):
        for _ in range(n):
            answers = {"group": members[by]}
            answers |= {f"rate_{i}__{members[about]}": 2 for i in ("open", "reliable", "mission")}
            answers |= {f"rate_{i}__{members[about]}": 3 for i in ("influence", "involved", "resources")}
            Response.objects.create(wave=wave, instrument="relationships", respondent_group=by,
                                    answers=answers, released=True)
    html = client.get(url).content.decode()
    table = html.split('id="relationship-figures"')[1].split("</table>")[0]
    assert "Frailty Network" in table and "Spring 2026" in table
    assert "2.0 out of 4" in table and "3.0 out of 4" in table
    assert "Council and Hospital (2.0)" in table or "Hospital and Council (2.0)" in table
    assert "No earlier wave" in table
    assert "how open to discussion, reliable and committed" in html
    # As at a day before the wave opened, there is nothing to show.
    earlier = client.get(reverse("network:home", args=[workspace.slug]) + "?as_at=1/1/2026").content.decode()
    assert "No partnership has results from the partner relationships survey yet" in earlier


def _rate_each_other(wave, members, trust, value):
    """Three from the hospital rate the council and two from the council the hospital:
    five raters of the one tie, enough to show it."""
    for by, about, n in (("Hospital", "Council", 3), ("Council", "Hospital", 2)):
        for _ in range(n):
            answers = {"group": members[by]}
            answers |= {f"rate_{i}__{members[about]}": trust for i in ("open", "reliable", "mission")}
            answers |= {f"rate_{i}__{members[about]}": value for i in ("influence", "involved", "resources")}
            Response.objects.create(wave=wave, instrument="relationships", respondent_group=by,
                                    answers=answers, released=True)


def _one_at_a_time(wave):
    """What the network page showed of one wave before the summaries were read at once:
    the wave's own answers, invitations, rule and the partnership's organisations."""
    from joinedup.surveys.respond import partnership_choices
    from joinedup.surveys.results import (
        RELATIONSHIPS_CODE,
        invited_counts,
        responses_by_instrument,
        rule_for,
        scored_relationships,
        shown_responses,
    )

    rule = rule_for(wave)
    organisations, _outcomes = partnership_choices(wave.partnership)
    asked = dict(invited_counts(wave).get(RELATIONSHIPS_CODE, {})) or None
    responses = responses_by_instrument(wave).get(RELATIONSHIPS_CODE, [])
    return scored_relationships(shown_responses(responses, asked, rule), organisations, rule)


def test_relationship_summaries_are_each_waves_own_in_the_same_queries_however_many(workspace, locality):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from joinedup.surveys.models import InvitationBatch
    from joinedup.surveys.results import previous_wave, relationship_summaries

    members = {o.name: str(o.pk) for o in Organisation.objects.filter(workspace=workspace)}
    frailty, discharge = locality["frailty"], locality["discharge"]
    ids = [frailty.pk, discharge.pk]
    day = date(2026, 6, 30)

    def summaries():
        with CaptureQueriesContext(connection) as queries:
            found = relationship_summaries(ids, day)
        return found, len(queries)

    autumn = Wave.objects.create(partnership=frailty, name="Autumn 2025", opens_on=date(2025, 10, 1),
                                 instruments=["relationships"], respondent_groups=["Hospital", "Council"])
    _rate_each_other(autumn, members, 2, 3)
    spring = Wave.objects.create(partnership=frailty, name="Spring 2026", opens_on=date(2026, 3, 1),
                                 instruments=["relationships"], respondent_groups=["Hospital", "Council"])
    _rate_each_other(spring, members, 4, 1)
    InvitationBatch.objects.create(wave=spring, group="Hospital", instrument="relationships", count=6)
    # A later wave without relationship answers, and one after the day: neither is the latest.
    Wave.objects.create(partnership=frailty, name="Summer 2026", opens_on=date(2026, 6, 1), instruments=["health_check"])
    Wave.objects.create(partnership=frailty, name="Winter 2026", opens_on=date(2026, 12, 1), instruments=["relationships"])
    one, queries_for_one = summaries()
    assert set(one) == {frailty.pk}
    assert one[frailty.pk].wave == spring and one[frailty.pk].previous_wave == previous_wave(spring) == autumn
    assert one[frailty.pk].scores == _one_at_a_time(spring)
    assert one[frailty.pk].previous == _one_at_a_time(autumn)

    board = Wave.objects.create(partnership=discharge, name="Board survey", opens_on=date(2026, 2, 1),
                                instruments=["relationships"], respondent_groups=["Hospital", "Council"])
    _rate_each_other(board, members, 3, 3)
    two, queries_for_two = summaries()
    assert set(two) == {frailty.pk, discharge.pk}
    assert two[discharge.pk].scores == _one_at_a_time(board)
    assert two[discharge.pk].previous_wave is None and two[discharge.pk].previous is None
    assert two[frailty.pk].scores == one[frailty.pk].scores
    assert queries_for_two == queries_for_one
