"""The communication score the review reads (VoiceFacts.communication) is the
one the wave's results page shows, through the same small-number rules."""

from datetime import date

import pytest

from joinedup.review.rules import run_rules
from joinedup.surveys import results
from joinedup.surveys.models import Response, Wave
from joinedup.surveys.review_facts import facts_for
from joinedup.surveys.scoring import ALL

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 22)


def health_check(wave, group, n, score):
    # "Different professional language often causes misunderstandings" is
    # reverse-scored: disagreeing (6 - score) counts as `score`.
    for _ in range(n):
        Response.objects.create(wave=wave, released=True, instrument="health_check", respondent_group=group, answers={
            "information_shared": score, "decisions_reach": score, "jargon": 6 - score,
        })


def page_scores(wave, monkeypatch):
    """The communication score and change for all respondents, as wave_results computes them."""
    seen = []
    real = results.score_wave

    def recording(survey, *args, **kwargs):
        scores = real(survey, *args, **kwargs)
        if survey.code == "health_check":
            seen.append(scores)
        return scores

    monkeypatch.setattr(results, "score_wave", recording)
    results.wave_results(wave)
    (scores,) = seen
    score = next(s for s in scores.theme_scores if s.theme == "communication" and s.group == ALL)
    change = next((c for c in scores.changes if c.theme == "communication" and c.group == ALL), None)
    return score, change


def communication(partnership):
    return facts_for([partnership], TODAY)[partnership.id].communication


def test_the_review_reads_the_score_and_change_the_results_page_shows(partnership, members, wave, monkeypatch):
    autumn = Wave.objects.create(partnership=partnership, name="Autumn 2025", opens_on=date(2025, 10, 1),
                                 instruments=["health_check"], respondent_groups=wave.respondent_groups)
    health_check(autumn, "Northshire Hospitals", 6, 4)
    health_check(autumn, "Northshire Council", 6, 3)
    health_check(wave, "Northshire Hospitals", 6, 3)
    health_check(wave, "Northshire Council", 6, 2)
    health_check(wave, "Later Life Northshire", 2, 5)  # a hidden group

    score, change = page_scores(wave, monkeypatch)
    trend = communication(partnership)
    assert not score.suppressed and trend.mean == pytest.approx(score.mean)
    assert trend.change == pytest.approx(change.change) and trend.previous_mean == pytest.approx(change.previous_mean)
    assert (trend.wave, trend.previous_wave) == ("Spring 2026", "Autumn 2025")
    assert trend.mean < 3 and trend.change <= -0.5


def test_a_suppressed_score_is_not_used(partnership, members, wave, monkeypatch):
    health_check(wave, "Northshire Hospitals", 4, 1)
    score, _ = page_scores(wave, monkeypatch)
    assert score.suppressed
    trend = communication(partnership)
    assert trend.mean is None and trend.change is None
    voice = facts_for([partnership], TODAY)[partnership.id]
    from joinedup.review.facts import PartnershipFacts

    bare = PartnershipFacts(id=partnership.id, name=partnership.name, purpose="x", form="", status="active",
                            start_date=None, review_date=None, voice=voice)
    assert run_rules(bare, today=TODAY, rule_ids={"communication.poor"}) == []


def test_no_health_check_answers_no_communication_facts(partnership, members, wave):
    Response.objects.create(wave=wave, released=True, instrument="staff_pulse", respondent_group="Northshire Council", answers={})
    assert communication(partnership) is None


def test_told_story_counts_only_groups_the_results_page_shows(wave):
    """Service users: 10 of 100 invited answered (10%, under the 20% minimum),
    carers 6 of 10: only the carers' answers reach the review."""
    from .conftest import make_links

    make_links(wave, group="Service users", count=100)
    make_links(wave, group="Carers", count=10)
    for group, n in (("Service users", 10), ("Carers", 6)):
        for _ in range(n):
            Response.objects.create(wave=wave, released=True, instrument="service_user", respondent_group=group,
                                    answers={"told_story": 3})
    voice = facts_for([wave.partnership], TODAY)[wave.partnership_id]
    assert (voice.told_story_answered, voice.told_story_repeated) == (6, 6)
