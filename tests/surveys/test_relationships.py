"""Trust and value between partners: the instrument, the ratings and the
scores per tie, organisation and partnership, checked against small examples
worked by hand."""

import pytest
from django.utils import translation

from joinedup.surveys.instruments import (
    RELATIONSHIPS,
    clean_answers,
    with_partnership,
    without_own_ratings,
)
from joinedup.surveys.relationships import (
    Rating,
    all_ratings,
    changes,
    ratings_from,
    relationship_scores,
    score,
    weakest_ties,
)

ORGANISATIONS = [("a", "Acorn Trust"), ("b", "Beech Council"), ("c", "Cedar Carers")]
MEMBERS = ["a", "b", "c"]


def test_it_asks_about_each_other_partner_together_and_never_about_the_respondents_own():
    survey = with_partnership(RELATIONSHIPS, ORGANISATIONS, own_organisation="a")
    codes = [q.code for q in survey.questions]
    assert codes == ["group"] + [
        f"rate_{item}__{org}" for org in ("b", "c")
        for item in ("open", "reliable", "mission", "influence", "involved", "resources")
    ]
    assert {q.about_organisation for q in survey.questions[1:7]} == {"Beech Council"}
    assert str(survey.questions[1].text) == (
        "How willing is Beech Council to talk things through with your organisation, even when you disagree?"
    )
    assert [o.value for o in survey.questions[1].options] == ["1", "2", "3", "4", "dont_know"]


def test_it_drops_answers_about_the_respondents_own_organisation_when_they_chose_it_themselves():
    survey = with_partnership(RELATIONSHIPS, ORGANISATIONS)
    cleaned = clean_answers(survey, {"group": "b", "rate_open__a": "4", "rate_open__b": "4", "rate_mission__c": "1"})
    assert cleaned.errors == {}
    assert without_own_ratings(survey, cleaned.answers) == {"group": "b", "rate_open__a": 4, "rate_mission__c": 1}


def test_it_needs_to_know_which_organisation_the_respondent_represents():
    survey = with_partnership(RELATIONSHIPS, ORGANISATIONS)
    assert clean_answers(survey, {"rate_open__a": "4"}).errors == {"group": "Select an answer"}


def test_a_rating_is_the_mean_of_the_items_answered_on_each_measure():
    answers = {
        "group": "a",
        # about b: trust (4 + 3 + 2) / 3 = 3.0; value (2 + 1) / 2 = 1.5, "don't know" left out
        "rate_open__b": 4, "rate_reliable__b": 3, "rate_mission__b": 2,
        "rate_influence__b": 2, "rate_involved__b": 1, "rate_resources__b": "dont_know",
        # about c: trust only
        "rate_reliable__c": 1,
        # about a itself, and out of range: both ignored
        "rate_open__a": 4, "rate_open__c": 9,
    }
    assert ratings_from(7, answers) == [
        Rating(7, "a", "b", "trust", 3.0),
        Rating(7, "a", "b", "value", 1.5),
        Rating(7, "a", "c", "trust", 1.0),
    ]


def rate(rater, by, about, trust, value=None):
    found = [Rating(rater, by, about, "trust", trust)]
    if value is not None:
        found.append(Rating(rater, by, about, "value", value))
    return found


# Seven people: three from a (1-3), two from b (4-5), two from c (6-7).
# Every number below is worked out by hand in the comments.
RATINGS = [
    *rate(1, "a", "b", 3, 4), *rate(1, "a", "c", 1, 2),
    *rate(2, "a", "b", 4, 4), *rate(2, "a", "c", 2, 2),
    *rate(3, "a", "b", 2, 3), *rate(3, "a", "c", 1, 1),
    *rate(4, "b", "a", 4, 3), *rate(4, "b", "c", 2),
    *rate(5, "b", "a", 2, 3), *rate(5, "b", "c", 3),
    *rate(6, "c", "a", 1, 1), *rate(6, "c", "b", 2, 2),
    *rate(7, "c", "a", 2, 1), *rate(7, "c", "b", 3, 3),
]


def test_it_scores_each_tie_over_the_raters_of_both_organisations_hiding_ties_of_too_few():
    scores = relationship_scores(RATINGS, MEMBERS, threshold=5)
    ties = {(t.first, t.second): t for t in scores.ties}
    # a-b: raters 1, 2, 3 (of b) and 4, 5 (of a): five people.
    # trust (3 + 4 + 2 + 4 + 2) / 5 = 3.0; value (4 + 4 + 3 + 3 + 3) / 5 = 3.4
    assert (ties["a", "b"].trust.value, ties["a", "b"].value.value) == (3.0, 3.4)
    # a-c: raters 1, 2, 3 and 6, 7: trust (1 + 2 + 1 + 1 + 2) / 5 = 1.4; value (2 + 2 + 1 + 1 + 1) / 5 = 1.4
    assert (ties["a", "c"].trust.value, ties["a", "c"].value.value) == (1.4, 1.4)
    # b-c: raters 4, 5 and 6, 7: four people, fewer than 5, so hidden.
    assert ties["b", "c"].trust.suppressed and ties["b", "c"].trust.value is None
    assert ties["b", "c"].value.suppressed


def test_it_scores_each_organisation_as_the_others_see_it():
    scores = relationship_scores(RATINGS, MEMBERS, threshold=5)
    rated = {o.organisation: o for o in scores.organisations}
    # a is rated by 4, 5, 6, 7: four people, hidden.
    assert rated["a"].trust.suppressed and rated["a"].value.suppressed
    # b by 1, 2, 3, 6, 7: trust (3 + 4 + 2 + 2 + 3) / 5 = 2.8; value (4 + 4 + 3 + 2 + 3) / 5 = 3.2
    assert (rated["b"].trust.value, rated["b"].value.value) == (2.8, 3.2)
    # c's trust by 1, 2, 3, 4, 5: (1 + 2 + 1 + 2 + 3) / 5 = 1.8;
    # its value only by 1, 2, 3 (b's people gave none): hidden.
    assert rated["c"].trust.value == 1.8
    assert rated["c"].value.suppressed


def test_it_scores_the_whole_partnership_over_every_rating():
    scores = relationship_scores(RATINGS, MEMBERS, threshold=5)
    # trust: 3+1+4+2+2+1 + 4+2+2+3 + 1+2+2+3 = 32 over 14 ratings = 2.29, shown as 2.3
    assert scores.partnership["trust"].value == 2.3
    # value: 4+2+4+2+3+1 + 3+3 + 1+2+1+3 = 29 over 12 ratings = 2.42, shown as 2.4
    assert scores.partnership["value"].value == 2.4
    # With a threshold of 8, seven people are too few for anything.
    strict = relationship_scores(RATINGS, MEMBERS, threshold=8)
    assert strict.partnership["trust"].suppressed
    assert all(t.trust.suppressed for t in strict.ties)


def test_a_tie_rated_many_times_by_one_person_is_still_one_rater():
    one_person = [Rating(1, "a", "b", "trust", 4.0)] * 9
    assert score(one_person, "trust", 5).suppressed


def test_the_threshold_cannot_be_set_below_five():
    with pytest.raises(ValueError):
        score(RATINGS, "trust", 4)


def test_it_ignores_anyones_rating_of_their_own_organisation():
    mine = [Rating(n, "a", "a", "trust", 4.0) for n in range(10)]
    scores = relationship_scores(mine, MEMBERS, threshold=5)
    assert scores.partnership["trust"].suppressed


def test_it_reads_every_response_as_a_different_rater():
    responses = [{"group": "a", "rate_open__b": 4}, {"group": "a", "rate_open__b": 2}]
    assert [(r.rater, r.value) for r in all_ratings(responses)] == [(0, 4.0), (1, 2.0)]


def test_it_gives_the_change_only_between_two_shown_scores():
    before = relationship_scores(RATINGS, MEMBERS, threshold=5)
    # In the next wave everyone trusts c one point more.
    later = [
        Rating(r.rater, r.rater_organisation, r.subject_organisation, r.measure,
               r.value + 1 if r.subject_organisation == "c" and r.measure == "trust" else r.value)
        for r in RATINGS
    ]
    after = relationship_scores(later, MEMBERS, threshold=5)
    found = {(c.subject, c.measure): c for c in changes(after, before)}
    # c's trust 1.8 -> 2.8
    assert found[("c",), "trust"].change == 1.0
    # a-c: (2 + 3 + 2 + 1 + 2) / 5 = 2.0 from 1.4
    assert found[("a", "c"), "trust"].change == 0.6
    # b-c was hidden both times: no change worked out
    assert found[("b", "c"), "trust"].change is None
    # the partnership: (32 + 5) / 14 = 2.64, shown as 2.6, from 2.3
    assert found[(), "trust"].change == 0.3
    assert changes(after, None) == []


def test_it_lists_the_shown_ties_of_low_trust_lowest_first():
    scores = relationship_scores(RATINGS, MEMBERS, threshold=5)
    assert [(t.first, t.second) for t in weakest_ties(scores)] == [("a", "c")]


def test_every_question_and_answer_is_in_welsh_too():
    survey = with_partnership(RELATIONSHIPS, ORGANISATIONS, own_organisation="a")
    with translation.override("cy"):
        assert str(survey.title) == "Perthnasoedd rhwng partneriaid: ymddiriedaeth a gwerth"
        assert str(survey.questions[2].text) == (
            "I ba raddau y gall eich sefydliad chi ddibynnu ar Beech Council i wneud yr hyn mae'n dweud y bydd yn ei wneud?"
        )
        texts = [str(survey.intro)] + [str(q.text) for q in survey.questions] + [
            str(o.label) for o in survey.questions[1].options
        ]
    with translation.override("en-gb"):
        english = [str(survey.intro)] + [str(q.text) for q in survey.questions] + [
            str(o.label) for o in survey.questions[1].options
        ]
    assert all(welsh != words for welsh, words in zip(texts, english, strict=True))
