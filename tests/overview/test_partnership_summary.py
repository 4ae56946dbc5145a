"""The partnership page's summary at the top, its sub-navigation, and the
network facts on it and on the workspace's overview: on a partnership made
by hand and on the demo."""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from joinedup.demo.loader import load_demo
from joinedup.overview.presenters import PartnershipPresenter, workspace_network_facts
from joinedup.partnerships.amounts import amount_text
from joinedup.partnerships.models import (
    Agreement,
    Membership,
    Outcome,
    PartnerAccountability,
    Partnership,
    Resource,
    Responsibility,
)
from joinedup.review.models import Review
from joinedup.review.services import review_partnership


def glance(presenter):
    return {row["key"]: row["value"] for row in presenter.at_a_glance}


def test_a_new_partnership_says_what_is_not_there_yet(partnership, outcome, workspace):
    rows = glance(PartnershipPresenter(partnership, workspace))
    assert rows == {
        "Status": "Active",
        "Latest verdict": "Not reviewed yet",
        "Yearly cost of meetings": "No meetings recorded",
        "Outcome evidence": "No indicators yet; 1 outcome has no indicator",
        "Voice": "No survey wave yet",
    }


def test_the_latest_verdict_and_an_override_show(partnership, outcome, workspace):
    review = review_partnership(partnership)
    verdict = glance(PartnershipPresenter(partnership, workspace))["Latest verdict"]
    assert verdict.startswith(review.final_verdict_label) and "review as at" in verdict
    Review.objects.filter(pk=review.pk).update(override_verdict="end", override_reason="Merging")
    verdict = glance(PartnershipPresenter(partnership, workspace))["Latest verdict"]
    assert verdict.startswith("End") and f"the rules said {review.get_verdict_display().lower()}" in verdict


def test_the_page_has_the_summary_and_a_link_to_every_section(client, viewer, partnership, outcome):
    client.force_login(viewer)
    page = client.get(reverse("partnerships:detail", args=["northshire", partnership.pk])).content.decode()
    assert page.index('id="at-a-glance"') < page.index('id="subnav"') < page.index('id="put-right"')
    anchors = re.findall(r'<li class="joinedup-subnav__item"><a class="govuk-link" href="#([a-z-]+)"', page)
    assert anchors == ["put-right", "network", "about", "outcomes", "members", "meetings", "agreement"]
    for anchor in anchors:
        assert page.count(f'id="{anchor}"') == 1, anchor
    assert "has no members or meetings in the" in page


def test_the_register_is_read_once_for_the_facts_and_every_section(client, viewer, partnership, outcome,
                                                                   organisation, person):
    """The review's facts and the page's sections (each shown twice by the template: once to
    ask whether there is any, once to list it) share one reading of each register table;
    archived records are in neither."""
    Membership.objects.create(partnership=partnership, organisation=organisation, representative=person)
    Responsibility.objects.create(partnership=partnership, task="Chair the panel", responsible_person=person,
                                  outcome=outcome)
    Resource.objects.create(partnership=partnership, organisation=organisation, kind="money", amount=Decimal(5000))
    PartnerAccountability.objects.create(partnership=partnership, organisation=organisation, target="Fewer delays")
    Agreement.objects.create(partnership=partnership, summary="Who does what", signed_on=date(2022, 4, 1))
    Outcome.objects.create(partnership=partnership, statement="An outcome given up", archived_at=timezone.now())
    Resource.objects.create(partnership=partnership, organisation=organisation, kind="staff_time",
                            description="A post given up", archived_at=timezone.now())
    client.force_login(viewer)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("partnerships:detail", args=["northshire", partnership.pk])).content.decode()
    # The agreement is read with the partnership, the other tables once each.
    for table, count in [("membership", 1), ("responsibility", 1), ("resource", 1), ("partneraccountability", 1),
                         ("agreement", 0)]:
        reads = [q["sql"] for q in queries.captured_queries
                 if q["sql"].startswith(f'SELECT "partnerships_{table}"."id", ')]
        assert len(reads) == count, (table, reads)
    for shown in ("Chair the panel", "Ada Quillfeather", "Fewer delays", "Who does what", "£5,000"):
        assert shown in page, shown
    assert "An outcome given up" not in page and "A post given up" not in page


@pytest.fixture
def northshire(db):
    workspace, _ = load_demo()
    return workspace


def test_the_demo_summary_agrees_with_the_review_and_names_the_network_facts(northshire, client):
    home_first = Partnership.objects.get(workspace=northshire, name="Home First: leaving hospital well")
    presenter = PartnershipPresenter(home_first, northshire)
    rows = glance(presenter)
    review = Review.objects.filter(partnership=home_first).latest("run_at")
    assert review.as_of == timezone.localdate()
    cost = amount_text(Decimal(review.figures["yearly_cost"]).quantize(Decimal(1)), "£")
    assert rows["Yearly cost of meetings"] == f"{cost} for {review.figures['meetings_in_year']} meetings in the last year"
    assert rows["Latest verdict"].startswith("Continue")
    assert rows["Outcome evidence"].startswith(
        f"{review.figures['indicators_improving']} of {review.figures['indicators_measured']} indicators")
    assert rows["Voice"].startswith("Latest survey wave: ")

    frailty = Partnership.objects.get(workspace=northshire, name="Northshire Frailty Network")
    facts = PartnershipPresenter(frailty, northshire).network
    assert facts[0]["text"].startswith("Shares 3 of 6 member organisations with Frailty Pathway Group, and 4 of 7 people")
    assert facts[0]["url"] == reverse("network:home", args=["northshire"]) + "#merge"

    overview = [f["text"] for f in workspace_network_facts(northshire)]
    assert "Wren Vetchley sits in 6 partnerships and has no deputy." in overview
    assert len(overview) == 3
