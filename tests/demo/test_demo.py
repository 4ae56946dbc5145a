from datetime import date

import pytest

from joinedup.demo import locality
from joinedup.demo.loader import ensure_demo_user, load_demo
from joinedup.organisations.models import Organisation, Person
from joinedup.partnerships.models import Partnership
from joinedup.review.facts import partnership_facts
from joinedup.review.rules import run_rules

TODAY = date(2026, 11, 22)


@pytest.fixture
def northshire(db):
    workspace, created = load_demo()
    assert created
    return workspace


def test_the_demo_has_the_locality_promised(northshire):
    assert Organisation.objects.filter(workspace=northshire).count() == 30
    assert Person.objects.filter(workspace=northshire).count() == 60
    assert Partnership.objects.filter(workspace=northshire).count() == 9
    sectors = set(Organisation.objects.filter(workspace=northshire).values_list("sector", flat=True))
    assert len(sectors) >= 14
    forms = set(Partnership.objects.filter(workspace=northshire).values_list("form", flat=True))
    assert len(forms) == 6


def test_it_is_deterministic():
    assert locality.people() == locality.people()
    assert locality.people(1) != locality.people(2)
    assert len({p["name"] for p in locality.people()}) == 60


def test_loading_twice_keeps_one_copy_and_replace_rebuilds(northshire):
    again, created = load_demo()
    assert not created and again.pk == northshire.pk
    rebuilt, created = load_demo(replace=True)
    assert created and rebuilt.pk != northshire.pk
    assert Partnership.objects.count() == 9


def findings_of(workspace, name):
    partnership = Partnership.objects.get(workspace=workspace, name=name)
    return {f.rule_id for f in run_rules(partnership_facts(partnership), today=TODAY)}


def test_each_partnership_shows_the_warnings_its_story_implies(northshire):
    assert findings_of(northshire, "Home First: leaving hospital well") == set()
    assert "agreement.past_review" in findings_of(northshire, "Northshire Health and Wellbeing Board")
    assert {"purpose.no_outcomes", "agreement.missing"} <= findings_of(northshire, "Northshire Frailty Network")
    assert "resources.disputed" in findings_of(northshire, "Better Care Fund pooled budget")
    assert "agreement.past_review" in findings_of(northshire, "Saltmarsh Mental Health Hub")
    assert findings_of(northshire, "Northshire Safeguarding Adults Board") == {
        "agreement.responsibility_without_owner"
    }
    assert {"purpose.no_why_partnership", "purpose.no_downsides"} <= findings_of(northshire, "Homeless Health Partnership")
    assert "people.key_person_moved_on" in findings_of(northshire, "Saltmarsh Mental Health Hub")
    assert "accountability.conflicting" in findings_of(northshire, "Better Care Fund pooled budget")
    assert {"stale.same_people", "stale.low_sector_diversity", "stale.no_user_led_or_voluntary",
            "stale.decisions_falling"} <= findings_of(northshire, "Northshire Health and Wellbeing Board")
    assert "communication.poor" in findings_of(northshire, "Northshire Frailty Network")
    # The Network page's stories: a duplicate of the Frailty Network, all NHS, and the
    # Director of Place in six rooms with no deputy.
    assert {"network.high_overlap", "stale.no_user_led_or_voluntary"} <= findings_of(northshire, "Frailty Pathway Group")
    assert "network.high_overlap" in findings_of(northshire, "Northshire Frailty Network")
    assert "network.broker_without_deputy" in findings_of(northshire, "Northshire Health and Wellbeing Board")
    # No demo partnership is all cost and no evidence: none ends.
    assert not any("value.cost_without_evidence" in findings_of(northshire, p.name)
                   for p in Partnership.objects.filter(workspace=northshire))


# The verdict each partnership's story implies (docs/verdict.md, "The demo").
DEMO_VERDICTS = {
    "Home First: leaving hospital well": "continue",
    "Northshire Health and Wellbeing Board": "refresh",
    "Northshire Frailty Network": "refocus",
    "Better Care Fund pooled budget": "restructure",
    "Saltmarsh Mental Health Hub": "restructure",
    "Northshire Safeguarding Adults Board": "continue",
    "Brampton Neighbourhood Care Team": "continue",
    "Homeless Health Partnership": "refocus",
    # Added for the Network page (issue 15): NHS members only, no user voice.
    "Frailty Pathway Group": "refresh",
}


def test_each_partnership_gets_the_verdict_its_story_implies(northshire):
    from joinedup.review.services import review_partnerships

    reviews = review_partnerships(Partnership.objects.filter(workspace=northshire), as_of=TODAY)
    verdicts = {Partnership.objects.get(pk=r.partnership_id).name: r.verdict for r in reviews}
    assert verdicts == DEMO_VERDICTS
    for review in reviews:
        assert review.verdict_reasons and review.findings is not None


def test_the_demo_user_owns_the_demo_and_gets_a_fresh_password(northshire):
    username, first = ensure_demo_user(northshire)
    _, second = ensure_demo_user(northshire)
    assert username == "demo" and first != second
    from django.contrib.auth import get_user_model

    assert get_user_model().objects.get(username="demo").check_password(second)


def test_the_demo_opens_with_every_partnership_reviewed(northshire):
    from joinedup.review.models import Review

    reviewed = Review.objects.filter(partnership__workspace=northshire)
    assert reviewed.count() == 9
    assert reviewed.get(partnership__name="Home First: leaving hospital well").verdict == "continue"
