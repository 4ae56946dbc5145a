"""Tenant isolation: nobody sees another workspace's records by any URL."""

from datetime import date

import pytest
from django.urls import reverse

from joinedup.organisations.models import Organisation, Person
from joinedup.partnerships.models import (
    Agreement,
    Membership,
    Outcome,
    PartnerAccountability,
    Partnership,
    Resource,
    Responsibility,
)


@pytest.fixture
def southshire_records(other_workspace):
    """One of everything in the outsider's workspace."""
    org = Organisation.objects.create(workspace=other_workspace, name="Southshire ICB", sector="nhs_primary_care")
    person = Person.objects.create(workspace=other_workspace, name="Sam Fernsby", organisation=org)
    partnership = Partnership.objects.create(workspace=other_workspace, name="South Discharge", form="pooled_budget")
    outcome = Outcome.objects.create(partnership=partnership, statement="I go home.")
    Agreement.objects.create(partnership=partnership, signed_on=date(2024, 1, 1))
    return {
        "organisation": org,
        "person": person,
        "partnership": partnership,
        "membership": Membership.objects.create(partnership=partnership, organisation=org),
        "outcome": outcome,
        "responsibility": Responsibility.objects.create(partnership=partnership, task="Run it", responsible_organisation=org),
        "resource": Resource.objects.create(partnership=partnership, organisation=org, kind="money", status="agreed"),
        "accountability": PartnerAccountability.objects.create(partnership=partnership, organisation=org, target="4 hours"),
    }


def urls_for(slug, records):
    p = records["partnership"].pk
    urls = [
        reverse("workspaces:home", args=[slug]),
        reverse("workspaces:members", args=[slug]),
        reverse("partnerships:partnership_list", args=[slug]),
        reverse("organisations:organisation_list", args=[slug]),
        reverse("organisations:person_list", args=[slug]),
        reverse("partnerships:detail", args=[slug, p]),
        reverse("partnerships:agreement_edit", args=[slug, p]),
        reverse("partnerships:partnership_edit", args=[slug, p]),
        reverse("partnerships:partnership_archive", args=[slug, p]),
        reverse("organisations:organisation_edit", args=[slug, records["organisation"].pk]),
        reverse("organisations:person_edit", args=[slug, records["person"].pk]),
    ]
    for name in ["membership", "outcome", "responsibility", "resource", "accountability"]:
        urls.append(reverse(f"partnerships:{name}_add", args=[slug, p]))
        urls.append(reverse(f"partnerships:{name}_edit", args=[slug, p, records[name].pk]))
        urls.append(reverse(f"partnerships:{name}_archive", args=[slug, p, records[name].pk]))
    return urls


def test_it_gives_404_for_every_url_of_another_workspace(client, owner, outsider, southshire_records):
    client.force_login(owner)
    for url in urls_for("southshire", southshire_records):
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"name": "x"}).status_code == 404, url


def test_it_gives_404_for_other_workspaces_records_under_own_slug(client, owner, outsider, southshire_records):
    client.force_login(owner)
    for url in urls_for("northshire", southshire_records)[5:]:
        assert client.get(url).status_code == 404, url


def test_the_outsider_can_see_their_own_records(client, outsider, southshire_records):
    client.force_login(outsider)
    for url in urls_for("southshire", southshire_records):
        assert client.get(url).status_code == 200, url


def test_forms_offer_only_this_workspaces_organisations(client, owner, partnership, organisation, southshire_records):
    client.force_login(owner)
    url = reverse("partnerships:membership_add", args=["northshire", partnership.pk])
    page = client.get(url).content.decode()
    assert organisation.name in page
    assert "Southshire ICB" not in page
    response = client.post(url, {"organisation": southshire_records["organisation"].pk, "role": "core"})
    assert response.status_code == 200
    assert "choose one of the answers listed" in response.content.decode()
    assert not Membership.objects.filter(partnership=partnership).exists()


def test_anonymous_visitors_are_sent_to_sign_in(client, workspace):
    response = client.get(reverse("workspaces:home", args=["northshire"]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
