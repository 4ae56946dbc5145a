import re

import pytest
from django.utils import translation
from django.utils.functional import Promise

from joinedup.surveys.instruments import (
    AGREEMENT5,
    CULTURE,
    CULTURE_DIMENSIONS,
    DONT_KNOW,
    FREE_TEXT,
    HEALTH_CHECK,
    INSTRUMENTS,
    KINDS,
    OUTCOME_CHOICE,
    RESPONDENT_KINDS,
    SCORED_KINDS,
    SERVICE_USER,
    SERVICE_USER_EASY_READ,
    STAFF_PULSE,
    Instrument,
    Question,
    clean_answers,
    consented_obstacle,
    instrument,
    with_partnership,
)

ORGANISATIONS = [("1", "Riverside NHS Trust"), ("2", "Riverside Council"), ("3", "Carers Together")]
OUTCOMES = [("10", "I only have to tell my story once"), ("11", "I can stay in my own home")]


def visible_strings(survey: Instrument):
    yield survey.title
    yield survey.intro
    for theme in survey.themes:
        yield theme.title
    for question in survey.questions:
        yield question.text
        if question.help:
            yield question.help
        for option in question.options:
            yield option.label


def test_it_has_the_five_instruments_and_an_easy_read_version():
    assert set(INSTRUMENTS) == {
        "health_check",
        "culture",
        "relationships",
        "staff_pulse",
        "service_user",
        "service_user_easy_read",
    }
    assert instrument("staff_pulse") is STAFF_PULSE
    assert SERVICE_USER_EASY_READ.easy_read_of == SERVICE_USER.code
    assert [i.respondent_kind for i in INSTRUMENTS.values()] == [
        "partner",
        "partner",
        "partner",
        "staff",
        "service_user",
        "service_user",
    ]
    assert {i.respondent_kind for i in INSTRUMENTS.values()} == RESPONDENT_KINDS
    with pytest.raises(ValueError):
        instrument("nonsense")


@pytest.mark.parametrize("survey", INSTRUMENTS.values(), ids=INSTRUMENTS.keys())
def test_it_gives_every_question_a_unique_code_a_known_kind_and_a_known_theme(survey):
    codes = [q.code for q in survey.questions]
    assert len(codes) == len(set(codes))
    theme_codes = {t.code for t in survey.themes}
    for question in survey.questions:
        assert question.kind in KINDS
        assert question.theme is None or question.theme in theme_codes
        if question.kind in SCORED_KINDS and question.theme:
            assert [o.value for o in question.options if o.value != DONT_KNOW] in (
                ["5", "4", "3", "2", "1"],
                ["1", "2", "3", "4", "5"],
            )


@pytest.mark.parametrize("survey", INSTRUMENTS.values(), ids=INSTRUMENTS.keys())
def test_it_wraps_every_visible_string_for_translation(survey):
    for text in visible_strings(survey):
        assert isinstance(text, Promise), text


def test_it_covers_the_health_check_themes_with_more_than_one_question_each():
    assert [t.code for t in HEALTH_CHECK.themes] == [
        "purpose",
        "why_partnership",
        "who_does_what",
        "resources",
        "accountability",
        "communication",
        "trust",
        "frontline",
        "user_involvement",
        "learning",
        "benefits",
    ]
    for theme in HEALTH_CHECK.themes:
        assert len(HEALTH_CHECK.theme_questions(theme.code)) >= 2
    assert HEALTH_CHECK.group_question.code == "group"
    assert any(q.reverse_scored for q in HEALTH_CHECK.questions)


def test_it_asks_staff_what_gets_in_the_way_and_for_consent():
    codes = [q.code for q in STAFF_PULSE.questions]
    for code in [
        "job_satisfaction",
        "morale",
        "role_clear",
        "know_contact",
        "partnership_effect",
        "obstacle",
        "obstacle_consent",
    ]:
        assert code in codes
    assert STAFF_PULSE.question("obstacle").kind == FREE_TEXT


def test_it_keeps_the_service_user_surveys_short_and_the_easy_read_one_simpler():
    assert len(SERVICE_USER.questions) <= 8
    assert len(SERVICE_USER_EASY_READ.questions) <= len(SERVICE_USER.questions)
    assert SERVICE_USER_EASY_READ.question("missing").kind == FREE_TEXT
    assert not any(q.required for q in SERVICE_USER.questions + SERVICE_USER_EASY_READ.questions)

    def words(survey):
        return [len(re.findall(r"\w+", str(q.text))) for q in survey.questions]

    assert max(words(SERVICE_USER_EASY_READ)) <= 13
    assert sum(words(SERVICE_USER_EASY_READ)) < 0.75 * sum(words(SERVICE_USER))
    # The same codes, so that answers to both versions can be counted together.
    assert {q.code for q in SERVICE_USER_EASY_READ.questions} <= {
        q.code for q in SERVICE_USER.questions
    }
    assert SERVICE_USER.question("outcomes").kind == OUTCOME_CHOICE


@pytest.mark.parametrize(
    "survey", [SERVICE_USER, SERVICE_USER_EASY_READ], ids=["standard", "easy read"]
)
def test_it_has_a_welsh_translation_of_the_service_user_surveys(survey):
    for text in visible_strings(survey):
        english = str(text)
        with translation.override("cy"):
            welsh = str(text)
        assert welsh != english, english


def test_it_fills_in_the_partnership_organisations_and_outcomes():
    survey = with_partnership(HEALTH_CHECK, ORGANISATIONS)
    assert [o.label for o in survey.group_question.options] == [name for _v, name in ORGANISATIONS]
    experience = with_partnership(SERVICE_USER, [], OUTCOMES)
    assert [o.value for o in experience.question("outcomes").options] == ["10", "11"]
    assert HEALTH_CHECK.group_question.options == ()  # the template is untouched


def test_it_asks_the_culture_check_about_each_other_partner():
    survey = with_partnership(CULTURE, ORGANISATIONS, own_organisation="2")
    codes = [q.code for q in survey.questions]
    for dimension in CULTURE_DIMENSIONS:
        assert f"own_{dimension.code}" in codes
        assert f"partner_{dimension.code}__1" in codes and f"partner_{dimension.code}__3" in codes
        assert f"partner_{dimension.code}__2" not in codes
        assert f"partner_{dimension.code}" not in codes
    question = survey.question("partner_papers__3")
    assert "Carers Together" in str(question.text)
    assert len(question.options) == 5


def test_it_cleans_and_types_answers():
    survey = with_partnership(HEALTH_CHECK, ORGANISATIONS)
    cleaned = clean_answers(
        survey,
        {
            "group": "1",
            "purpose_shared": "4",
            "purpose_outcomes": DONT_KNOW,
            "purpose_meetings": "",
            "changes": ["new_partners", "people_left"],
            "improve": "  Fewer meetings.  ",
        },
    )
    assert cleaned.errors == {}
    assert cleaned.answers == {
        "group": "1",
        "purpose_shared": 4,
        "purpose_outcomes": DONT_KNOW,
        "changes": ("people_left", "new_partners"),
        "improve": "Fewer meetings.",
    }


def test_it_explains_what_is_wrong_with_an_answer():
    survey = with_partnership(HEALTH_CHECK, ORGANISATIONS)
    cleaned = clean_answers(
        survey, {"purpose_shared": "7", "changes": ["made_up"], "improve": "x" * 2001}
    )
    assert set(cleaned.errors) == {"group", "purpose_shared", "changes", "improve"}
    assert str(cleaned.errors["group"]) == "Select an answer"
    assert "2000" in str(cleaned.errors["improve"])


def test_it_limits_outcome_choices_and_checks_counts():
    survey = with_partnership(SERVICE_USER, [], OUTCOMES + [("12", "A"), ("13", "B")])
    cleaned = clean_answers(survey, {"outcomes": ["10", "11", "12", "13"], "told_story": "lots"})
    assert set(cleaned.errors) == {"outcomes", "told_story"}
    assert clean_answers(survey, {"told_story": "3"}).answers == {"told_story": 3}


def test_it_passes_on_an_obstacle_only_with_consent_and_without_personal_details():
    text = "Nobody in housing calls back. Ring Sarah Jones on 07700 900123 if you doubt it."
    obstacle = consented_obstacle({"obstacle": text, "obstacle_consent": "yes"})
    assert (
        obstacle == "Nobody in housing calls back. Ring [name] on [phone number] if you doubt it."
    )
    assert consented_obstacle({"obstacle": text, "obstacle_consent": "no"}) is None
    assert consented_obstacle({"obstacle": text}) is None
    assert consented_obstacle({"obstacle": "   ", "obstacle_consent": "yes"}) is None


def test_it_refuses_a_bad_question():
    with pytest.raises(ValueError):
        Question("q", "Text", "slider")
    with pytest.raises(ValueError):
        Question("q", "Text", FREE_TEXT, reverse_scored=True)
    assert Question("q", "Text", AGREEMENT5, reverse_scored=True).reverse_scored
