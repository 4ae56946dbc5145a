"""Voice rules fire at their thresholds and not below, and say nothing
without survey facts."""

import pytest

from joinedup.review.rules import run_rules
from joinedup.surveys.review_facts import GapFacts, StaffChange, ThemeTrend, TieTrust, VoiceFacts

from .factories import TODAY, facts

VOICE_RULES = {
    "voice.perspective_gap", "voice.falling_morale", "voice.telling_story_again",
    "voice.no_user_voice", "voice.low_response", "voice.low_trust",
}


def voice(**overrides):
    base = dict(
        threshold=5, waves=["Autumn 2025", "Spring 2026"], latest_wave="Spring 2026",
        service_user_asked=True, service_user_responses=20, invited=40, answered=20,
    )
    base.update(overrides)
    return VoiceFacts(**base)


def fired(voice_facts, thresholds=None):
    found = run_rules(facts(voice=voice_facts), today=TODAY, thresholds=thresholds, rule_ids=VOICE_RULES)
    return {f.rule_id for f in found}


def gap(difference):
    return GapFacts("resources", "Resources", "Northshire Council", 3.0 + difference, 3.0, difference)


def change(before, now):
    return StaffChange("wellbeing", "Job satisfaction and morale", before, now, "Autumn 2025", "Spring 2026")


def test_no_survey_facts_no_voice_findings():
    assert fired(None) == set()


def test_a_healthy_voice_fires_nothing():
    assert fired(voice()) == set()


@pytest.mark.parametrize("difference, fires", [(1.0, True), (-1.0, True), (0.99, False), (-0.99, False)])
def test_perspective_gap_at_one_point(difference, fires):
    assert ("voice.perspective_gap" in fired(voice(partner_gaps=[gap(difference)]))) == fires


def test_perspective_gap_threshold_can_be_changed():
    assert fired(voice(partner_gaps=[gap(1.2)]), {"voice_gap_points": 1.5}) == set()


def test_perspective_gap_evidence_names_the_group_and_theme():
    finding = run_rules(facts(voice=voice(partner_gaps=[gap(-1.8)])), today=TODAY, rule_ids={"voice.perspective_gap"})[0]
    assert "Resources: Northshire Council scored 1.2 out of 5, everyone else 3.0" in finding.evidence[0].text


@pytest.mark.parametrize("before, now, fires", [(3.7, 3.2, True), (3.7, 3.21, False), (3.0, 3.5, False)])
def test_falling_morale_at_half_a_point(before, now, fires):
    assert ("voice.falling_morale" in fired(voice(staff_changes=[change(before, now)]))) == fires


@pytest.mark.parametrize("answered, repeated, fires", [(10, 5, True), (10, 4, False), (4, 4, False), (5, 3, True)])
def test_telling_story_again_at_half_of_at_least_the_threshold(answered, repeated, fires):
    v = voice(told_story_answered=answered, told_story_repeated=repeated, told_story_wave="Spring 2026")
    assert ("voice.telling_story_again" in fired(v)) == fires


@pytest.mark.parametrize("responses, asked, fires", [(0, False, True), (0, True, True), (1, True, False)])
def test_no_user_voice(responses, asked, fires):
    v = voice(service_user_responses=responses, service_user_asked=asked)
    assert ("voice.no_user_voice" in fired(v)) == fires


@pytest.mark.parametrize("invited, answered, fires", [(40, 11, True), (40, 12, False), (9, 0, False), (10, 2, True)])
def test_low_response_below_thirty_per_cent_of_at_least_ten(invited, answered, fires):
    assert ("voice.low_response" in fired(voice(invited=invited, answered=answered))) == fires


def test_low_response_never_gives_a_small_number_or_its_rate():
    finding = run_rules(facts(voice=voice(invited=40, answered=3)), today=TODAY, rule_ids={"voice.low_response"})[0]
    assert "fewer than 5 of the 40" in finding.evidence[0].text
    assert "3" not in finding.evidence[0].text.replace("40", "") and "%" not in finding.evidence[0].text


def test_thresholds_come_from_settings_too(settings):
    settings.REVIEW_THRESHOLDS = {"voice_min_response_rate": 0.5}
    assert "voice.low_response" in fired(voice(invited=40, answered=19))


# --- communication.poor (below 3, or a fall of half a point) --------------

def communication(mean, previous=None):
    change = None if mean is None or previous is None else mean - previous
    return ThemeTrend("communication", "Communication", "Spring 2026", mean,
                      "Autumn 2025" if previous is not None else "", previous if change is not None else None, change)


def communication_fired(trend, thresholds=None):
    found = run_rules(facts(voice=voice(communication=trend)), today=TODAY, thresholds=thresholds,
                      rule_ids={"communication.poor"})
    return [e.text for f in found for e in f.evidence]


@pytest.mark.parametrize("mean, fires", [(2.99, True), (2.996, False), (3.0, False), (4.2, False)])
def test_poor_communication_below_three(mean, fires):
    # Compared as shown, to two decimals: 2.996 is shown as 3.00 and does not fire.
    assert bool(communication_fired(communication(mean))) == fires


@pytest.mark.parametrize("previous, now, fires", [(3.7, 3.2, True), (4.5, 3.9, True), (3.7, 3.21, False), (3.2, 3.7, False)])
def test_poor_communication_when_it_fell_half_a_point(previous, now, fires):
    assert bool(communication_fired(communication(now, previous))) == fires


def test_poor_communication_evidence_gives_the_scores_and_waves():
    texts = communication_fired(communication(2.5, 3.2))
    assert texts == [
        "In Spring 2026's health check, partners scored communication 2.50 out of 5 (below 3).",
        "The communication score fell from 3.20 in Autumn 2025 to 2.50 in Spring 2026 (0.70 points).",
    ]


def test_poor_communication_never_uses_a_suppressed_score():
    # The facts carry None for a score the results page hides, and no change.
    assert communication_fired(communication(None)) == []
    assert communication_fired(ThemeTrend("communication", "Communication", "Spring 2026", 3.5, "Autumn 2025")) == []


def test_poor_communication_needs_a_health_check():
    assert communication_fired(None) == []
    assert run_rules(facts(voice=None), today=TODAY, rule_ids={"communication.poor"}) == []


def test_poor_communication_thresholds_can_be_changed():
    assert communication_fired(communication(3.4), {"communication_low_score": 3.5})
    assert not communication_fired(communication(3.2, 3.7), {"communication_fall": 0.6})


@pytest.mark.parametrize("answered, repeated, shown", [
    (10, 5, "50% of the service users"), (12, 12, "100% of the service users"),
    (5, 3, "At least 50% of the service users"), (9, 6, "At least 50% of the service users"),
])
def test_telling_story_again_never_reveals_a_split_under_the_threshold(answered, repeated, shown):
    v = voice(told_story_answered=answered, told_story_repeated=repeated, told_story_wave="Spring 2026")
    text = run_rules(facts(voice=v), today=TODAY, rule_ids={"voice.telling_story_again"})[0].evidence[0].text
    assert text.startswith(shown)
    if shown.startswith("At least"):
        assert f"{repeated / answered:.0%}" not in text and "fewer than 5 people" in text


def test_low_trust_between_two_partners_fires_below_two_and_a_half_out_of_four():
    low = TieTrust("Northshire ICB", "Northshire Council", 2.4, "Spring 2026")
    fine = TieTrust("Northshire ICB", "Carers Centre", 2.5, "Spring 2026")
    assert "voice.low_trust" in fired(voice(tie_trust=[low, fine]))
    assert "voice.low_trust" not in fired(voice(tie_trust=[fine]))
    assert "voice.low_trust" not in fired(voice(tie_trust=[low]), {"voice_low_trust": 2.4})
    [finding] = [f for f in run_rules(facts(voice=voice(tie_trust=[low, fine])), today=TODAY, rule_ids=VOICE_RULES)
                 if f.rule_id == "voice.low_trust"]
    assert [e.text for e in finding.evidence] == [
        "Northshire ICB and Northshire Council scored 2.4 out of 4 for trust in each other (Spring 2026)."
    ]
