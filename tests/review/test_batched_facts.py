"""A portfolio review's chunk reads its facts for all its partnerships at once
(issue 19). These tests hold the batched facts to the facts read one
partnership at a time, as they were read before, on hand-made cases (the demo
locality: test_batched_facts_demo.py), and hold the chunk's queries constant
as it grows."""

from collections import defaultdict
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from joinedup.organisations.models import Organisation, Person
from joinedup.partnerships.models import Membership, Outcome, Partnership
from joinedup.review.facts import facts_for, partnership_facts
from joinedup.surveys import review_facts as voice
from joinedup.surveys import scoring
from joinedup.surveys.instruments import instrument
from joinedup.surveys.invitations import issue_batch
from joinedup.surveys.models import Response, Wave

from ..meetings.factories import at, attend, meeting

TODAY = date(2026, 11, 22)


def voice_one_at_a_time(partnership, as_of=TODAY):
    """The voice facts as `facts_for` read them before: for one partnership, its
    organisations and outcomes, then each wave's answers, one query each."""
    waves = list(
        Wave.objects.filter(partnership=partnership, opens_on__lte=as_of)
        .select_related("partnership").prefetch_related("batches").order_by("opens_on", "pk")
    )
    return voice.facts_of_waves(waves) if waves else None


def theme_rows_before(survey, theme, responses):
    """scoring._theme_rows as it was: each respondent's values worked out twice."""
    questions = survey.theme_questions(theme)
    by_group = defaultdict(list)
    for response in responses:
        if scoring.respondent_theme_score(survey, theme, response.answers) is not None:
            by_group[response.group or scoring.NOT_STATED].append(scoring._item_values(questions, response.answers))
    return by_group


@pytest.fixture
def partners(workspace):
    return [
        Organisation.objects.create(workspace=workspace, name=name, sector=sector)
        for name, sector in [("Northshire Hospitals", "nhs_acute"), ("Northshire Council", "council_adult_social_care"),
                             ("Later Life Northshire", "voluntary_community")]
    ]


def partnership_with(workspace, partners, name):
    p = Partnership.objects.create(workspace=workspace, name=name, start_date=date(2022, 4, 1))
    for organisation in partners:
        Membership.objects.create(partnership=p, organisation=organisation)
    Outcome.objects.create(partnership=p, statement="I only have to tell my story once.", position=1)
    Outcome.objects.create(partnership=p, statement="I get home from hospital quickly.", position=0)
    return p


def wave_of(partnership, name, opens_on, groups, instruments=("health_check", "staff_pulse", "service_user")):
    return Wave.objects.create(partnership=partnership, name=name, opens_on=opens_on, instruments=list(instruments),
                               respondent_groups=list(groups))


def invite(wave, group, code, count):
    issue_batch(wave, group=group, instrument=code, count=count, language="en-gb", easy_read=False)


def answer(wave, code, group, n, value, **extra):
    questions = [q.code for t in instrument(code).themes for q in instrument(code).theme_questions(t.code)]
    Response.objects.bulk_create(
        Response(wave=wave, released=True, instrument=code, respondent_group=group,
                 answers={**{q: 1 + (value + i) % 5 for q in questions}, **extra})
        for i in range(n)
    )


def test_hand_made_partnerships_read_together_have_the_facts_each_has_alone(workspace, partners):
    groups = [o.name for o in partners] + ["Service users"]
    no_waves = partnership_with(workspace, partners, "No waves")
    not_yet = partnership_with(workspace, partners, "Wave not yet open")
    wave_of(not_yet, "Next spring", date(2027, 3, 1), groups)
    one_wave = partnership_with(workspace, partners, "One wave")
    spring = wave_of(one_wave, "Spring 2026", date(2026, 3, 1), groups)
    answer(spring, "health_check", "Northshire Hospitals", 6, 3)
    answer(spring, "health_check", "Northshire Council", 7, 1)
    answer(spring, "service_user", "Service users", 6, 2, told_story=3)
    invite(spring, "Service users", "service_user", 20)
    suppressed = partnership_with(workspace, partners, "Suppressed groups")
    autumn = wave_of(suppressed, "Autumn 2025", date(2025, 10, 1), groups)
    later = wave_of(suppressed, "Spring 2026", date(2026, 3, 1), groups)
    for wave, shift in ((autumn, 0), (later, 2)):
        answer(wave, "health_check", "Northshire Hospitals", 6, 4 + shift)
        answer(wave, "health_check", "Northshire Council", 6, 2 + shift)
        answer(wave, "health_check", "Later Life Northshire", 2, 5)  # too few: hidden
        answer(wave, "staff_pulse", "Northshire Council", 8, 1 + shift)
        answer(wave, "staff_pulse", "Northshire Hospitals", 3, shift)  # too few: hidden
    # Hidden for its response rate: 6 of 100 invited.
    invite(later, "Northshire Council", "health_check", 100)
    empty = partnership_with(workspace, partners, "A wave with no answers")
    wave_of(empty, "Spring 2026", date(2026, 3, 1), groups)

    chunk = [no_waves, not_yet, one_wave, suppressed, empty]
    batched = voice.facts_for(chunk, TODAY)
    assert set(batched) == {one_wave.id, suppressed.id, empty.id}
    for partnership in chunk:
        assert batched.get(partnership.id) == voice_one_at_a_time(partnership), partnership.name
    # The cases are what they say: hidden groups left out, the staff change seen, the story told.
    facts = batched[suppressed.id]
    assert facts.waves == ["Autumn 2025", "Spring 2026"] and facts.staff_changes
    assert "Later Life Northshire" not in {g.group for g in facts.partner_gaps}
    assert batched[one_wave.id].told_story_answered == 6 and batched[one_wave.id].invited == 20
    assert batched[empty.id].answered == 0 and batched[empty.id].communication is None
    together = {f.id: f for f in facts_for(Partnership.objects.filter(pk__in=[p.pk for p in chunk]), TODAY)}
    assert together == {p.id: partnership_facts(p, TODAY) for p in chunk}


def test_a_chunk_s_queries_do_not_grow_with_its_partnerships_waves_and_answers(workspace, partners):
    """However many partnerships, waves, invitations, answers and meetings a chunk has,
    its facts take the same number of queries (the voice facts took four a partnership)."""
    person = Person.objects.create(workspace=workspace, name="Ada Quillfeather", organisation=partners[0])
    groups = [o.name for o in partners]

    def grow(count):
        for _ in range(count):
            p = partnership_with(workspace, partners, f"Partnership {Partnership.objects.count()}")
            for n, opens_on in enumerate((date(2025, 3, 1), date(2026, 3, 1))):
                wave = wave_of(p, f"Wave {opens_on}", opens_on, groups)
                answer(wave, "health_check", groups[0], 6, n)
                answer(wave, "health_check", groups[1], 6, n + 1)
                answer(wave, "staff_pulse", groups[1], 6, n)
                invite(wave, groups[1], "health_check", 10)
            attend(meeting(p, at(2026, 6, 1, 10)), person)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            found = facts_for(Partnership.objects.filter(workspace=workspace), TODAY)
        assert all(f.voice is not None for f in found)
        return len(found), len(captured)

    # Each count is of a second call: the first after a change works out and keeps
    # the figures that are kept (the network's, the survey themes').
    grow(2)
    queries()
    few = queries()
    grow(5)
    queries()
    assert queries() == (7, few[1])
