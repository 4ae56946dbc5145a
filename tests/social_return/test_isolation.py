"""Tenant isolation: nobody reaches another workspace's unit costs by any URL."""

from decimal import Decimal

import pytest
from django.urls import reverse

from joinedup.partnerships.models import Outcome, Partnership
from joinedup.social_return.models import OutcomeValuation


@pytest.fixture
def southshire_valuation(other_workspace):
    partnership = Partnership.objects.create(workspace=other_workspace, name="South Discharge", form="pooled_budget")
    outcome = Outcome.objects.create(partnership=partnership, statement="I go home.")
    return OutcomeValuation.objects.create(
        partnership=partnership, outcome=outcome, counted="A day at home", unit_cost=Decimal(10),
        source="Southshire's own costing", quantity=Decimal(5),
    )


def urls_for(slug, partnership_pk, valuation_pk):
    args = [slug, partnership_pk]
    return [
        reverse("social_return:page", args=args),
        reverse("social_return:basis_edit", args=args),
        reverse("social_return:valuation_add", args=args),
        reverse("social_return:valuation_edit", args=[*args, valuation_pk]),
        reverse("social_return:valuation_archive", args=[*args, valuation_pk]),
    ]


def test_every_url_of_another_workspace_is_404(client, owner, southshire_valuation):
    client.force_login(owner)
    for url in urls_for("southshire", southshire_valuation.partnership_id, southshire_valuation.pk):
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"investment": "1", "discount_rate": "3.5"}).status_code == 404, url
    southshire_valuation.refresh_from_db()
    assert not southshire_valuation.is_archived


def test_other_workspaces_records_under_own_slug_are_404(client, owner, partnership, southshire_valuation):
    client.force_login(owner)
    for url in urls_for("northshire", southshire_valuation.partnership_id, southshire_valuation.pk):
        assert client.get(url).status_code == 404, url
    # Their valuation under our own partnership.
    for url in urls_for("northshire", partnership.pk, southshire_valuation.pk)[3:]:
        assert client.get(url).status_code == 404, url
        assert client.post(url).status_code == 404, url


def test_the_outsider_reads_and_edits_their_own(client, outsider, southshire_valuation):
    client.force_login(outsider)
    for url in urls_for("southshire", southshire_valuation.partnership_id, southshire_valuation.pk):
        assert client.get(url).status_code == 200, url
