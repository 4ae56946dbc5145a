"""The demo's survey waves tell each partnership's story."""

from datetime import date

import pytest

from joinedup.demo.loader import load_demo
from joinedup.network.presenters import NetworkPage
from joinedup.network.records import web_of
from joinedup.partnerships.models import Partnership
from joinedup.review.facts import partnership_facts
from joinedup.review.rules import run_rules
from joinedup.surveys.models import Response, Wave
from joinedup.surveys.results import outcome_voice, wave_results

TODAY = date(2026, 11, 22)


@pytest.fixture(scope="module")
def northshire(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        workspace, _ = load_demo(replace=True)
        yield workspace
        workspace.delete()


def voice_findings(workspace, name):
    partnership = Partnership.objects.get(workspace=workspace, name=name)
    facts = partnership_facts(partnership, as_of=TODAY)
    return {f.rule_id for f in run_rules(facts, today=TODAY) if f.rule_id.startswith("voice.")}


@pytest.mark.django_db
def test_each_story_shows_in_the_voice_findings(northshire):
    assert voice_findings(northshire, "Home First: leaving hospital well") == set()
    assert voice_findings(northshire, "Northshire Health and Wellbeing Board") == {
        "voice.falling_morale", "voice.telling_story_again",
    }
    assert voice_findings(northshire, "Better Care Fund pooled budget") == {
        "voice.perspective_gap", "voice.no_user_voice", "voice.low_trust",
    }
    assert voice_findings(northshire, "Northshire Frailty Network") == {"voice.low_response"}
    assert voice_findings(northshire, "Homeless Health Partnership") == set()
    # Since its lead moved on, staff are less clear about their roles.
    assert voice_findings(northshire, "Saltmarsh Mental Health Hub") == {"voice.falling_morale"}
    assert voice_findings(northshire, "Northshire Safeguarding Adults Board") == set()
    assert voice_findings(northshire, "Brampton Neighbourhood Care Team") == set()


@pytest.mark.django_db
def test_the_hub_s_communication_slipped_after_its_lead_left(northshire):
    partnership = Partnership.objects.get(workspace=northshire, name="Saltmarsh Mental Health Hub")
    findings = {f.rule_id for f in run_rules(partnership_facts(partnership, as_of=TODAY), today=TODAY)}
    assert "communication.poor" in findings


@pytest.mark.django_db
def test_every_demo_partnership_has_two_waves_after_it_started(northshire):
    for partnership in Partnership.objects.filter(workspace=northshire):
        waves = list(partnership.waves.all())
        assert len(waves) == 2, partnership.name
        assert all(w.opens_on >= partnership.start_date for w in waves), partnership.name
        assert Response.objects.filter(wave__in=waves).count() >= 40, partnership.name
    # Closed waves: every used link is sealed.
    from joinedup.surveys.models import Invitation

    used = Invitation.objects.filter(batch__wave__partnership__workspace=northshire, used_on__isnull=False)
    assert used.exists() and not used.filter(sealed=False).exists()


@pytest.mark.django_db
def test_the_demo_results_hide_small_groups(northshire):
    hwb = Wave.objects.get(partnership__name="Northshire Health and Wellbeing Board", name="Spring 2026")
    results = wave_results(hwb)
    cells = [cell for block in results.instruments for table in block.tables for row in table.rows for cell in row]
    assert any(cell.hidden for cell in cells)
    assert all(cell.count is None or cell.count == 0 or cell.count >= 5 for cell in cells)


@pytest.mark.django_db
def test_home_first_users_name_the_outcomes_that_matter(northshire):
    home_first = Partnership.objects.get(workspace=northshire, name="Home First: leaving hospital well")
    voice = outcome_voice(home_first)
    assert voice.wave.name == "Spring 2026"
    assert voice.table.rows and voice.missing.n_comments > 0


@pytest.mark.django_db
def test_the_better_care_fund_s_nhs_and_council_partners_trust_each_other_least(northshire):
    partnership = Partnership.objects.get(workspace=northshire, name="Better Care Fund pooled budget")
    for wave in partnership.waves.all():
        block = next(i for i in wave_results(wave).instruments if i.code == "relationships")
        ties = next(t for t in block.tables if t.key == "relationship_ties")
        shown = {row[0].text: float(row[1].text) for row in ties.rows if not row[1].hidden}
        assert len(shown) == 6, wave.name  # four partners, every pair rated by 6 or more
        lowest = min(shown, key=shown.get)
        assert set(lowest.split(" and ")) == {"Northshire Integrated Care Board",
                                              "Northshire Council Adult Social Care"}, shown
    page = NetworkPage(web_of(northshire), TODAY, northshire.slug)
    rows = {r["name"]: r for r in page.relationship_rows()}
    assert set(rows) == {"Better Care Fund pooled budget", "Home First: leaving hospital well"}
    assert "Trust +" in rows["Better Care Fund pooled budget"]["change"]
    # At Home First, the advocacy group's one answer is too few for its ties to show.
    home_first = Partnership.objects.get(workspace=northshire, name="Home First: leaving hospital well")
    block = next(i for i in wave_results(home_first.waves.first()).instruments if i.code == "relationships")
    ties = next(t for t in block.tables if t.key == "relationship_ties")
    assert any(all(c.hidden for c in row[1:]) for row in ties.rows)
