"""A portfolio review's chunk reads its facts for all its partnerships at once
(issue 19): on the demo locality, the batched facts are those read one
partnership at a time, as they were read before (hand-made cases and the
query counts: test_batched_facts.py)."""

from datetime import date

from joinedup.partnerships.models import Partnership
from joinedup.review.facts import facts_for, partnership_facts
from joinedup.surveys import review_facts as voice
from joinedup.surveys import scoring
from joinedup.surveys.instruments import instrument, with_partnership
from joinedup.surveys.models import Wave
from joinedup.surveys.respond import partnership_choices, partnerships_choices
from joinedup.surveys.results import responses_by_instrument, responses_by_wave

from .test_batched_facts import theme_rows_before, voice_one_at_a_time

TODAY = date(2026, 11, 22)


def test_the_demo_s_batched_facts_equal_those_read_one_partnership_at_a_time(demo_workspace):
    partnerships = list(Partnership.objects.filter(workspace=demo_workspace).order_by("pk"))
    batched = voice.facts_for(partnerships, TODAY)
    assert len(batched) >= 3, "the demo runs surveys in several partnerships"
    for partnership in partnerships:
        assert batched.get(partnership.id) == voice_one_at_a_time(partnership), partnership.name
    # The whole facts of a chunk, every capability's, are those of each partnership alone.
    together = {f.id: f for f in facts_for(Partnership.objects.filter(workspace=demo_workspace), TODAY)}
    assert together == {p.id: partnership_facts(p, TODAY) for p in partnerships}


def test_the_demo_s_answers_and_choices_read_at_once_are_those_read_one_by_one(demo_workspace):
    waves = list(Wave.objects.filter(partnership__workspace=demo_workspace))
    assert waves
    at_once = responses_by_wave(waves)
    for wave in waves:
        assert dict(at_once[wave.pk]) == dict(responses_by_instrument(wave))
    partnerships = list(Partnership.objects.filter(workspace=demo_workspace))
    choices = partnerships_choices([p.pk for p in partnerships])
    for partnership in partnerships:
        assert choices[partnership.pk] == partnership_choices(partnership)


def test_the_demo_s_theme_rows_are_those_scored_before(demo_workspace):
    """Every instrument's and theme's scored respondents, in the same groups and order,
    with the same item values, as when each respondent's values were worked out twice."""
    compared = 0
    for wave in Wave.objects.filter(partnership__workspace=demo_workspace).select_related("partnership"):
        organisations, outcomes = partnership_choices(wave.partnership)
        for code, rows in responses_by_instrument(wave).items():
            survey = with_partnership(instrument(code), organisations, outcomes)
            for theme in survey.themes:
                now = scoring._theme_rows(survey, theme.code, rows)
                assert dict(now) == dict(theme_rows_before(survey, theme.code, rows))
                compared += sum(len(r) for r in now.values())
    assert compared > 100
