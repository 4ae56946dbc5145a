import pytest

from joinedup.surveys.culture import (
    CultureRating,
    culture_clashes,
    culture_ratings,
    style_mismatches,
)
from joinedup.surveys.instruments import CULTURE, clean_answers, with_partnership

ORGANISATIONS = [
    ("nhs", "Riverside NHS Trust"),
    ("council", "Riverside Council"),
    ("vcs", "Carers Together"),
]


def ratings_about(subject, dimension, values, rater="council"):
    return [CultureRating(rater, subject, dimension, v) for v in values]


def test_it_reads_ratings_from_a_culture_check_response():
    survey = with_partnership(CULTURE, ORGANISATIONS, own_organisation="nhs")
    cleaned = clean_answers(
        survey,
        {
            "group": "nhs",
            "own_papers": "1",
            "own_speed": "2",
            "partner_papers__vcs": "5",
            "partner_money__council": "1",
            "misunderstood": "We need papers a week ahead.",
        },
    )
    assert cleaned.errors == {}
    ratings = culture_ratings(cleaned.answers, "nhs")
    assert sorted(ratings, key=lambda r: (r.subject_organisation, r.dimension)) == [
        CultureRating("nhs", "council", "money", 1),
        CultureRating("nhs", "nhs", "papers", 1),
        CultureRating("nhs", "nhs", "speed", 2),
        CultureRating("nhs", "vcs", "papers", 5),
    ]


def test_it_ignores_answers_that_are_not_culture_ratings():
    answers = {
        "group": "nhs",
        "own_papers": "dont_know",
        "own_colour": 3,
        "partner_speed": 2,
        "misc": 4,
    }
    assert culture_ratings(answers, "nhs") == []


def test_it_finds_an_agency_that_sees_itself_differently_from_its_partners():
    ratings = ratings_about("nhs", "speed", [4, 5, 4, 5, 4], rater="nhs")  # "we decide at the meeting"
    ratings += ratings_about("nhs", "speed", [1, 2, 1, 2, 2], rater="council")  # "it takes months"
    ratings += ratings_about("vcs", "speed", [4] * 5, rater="vcs")
    ratings += ratings_about("vcs", "speed", [4, 5, 4, 4, 5], rater="nhs")
    clashes = culture_clashes(ratings)
    assert len(clashes) == 1
    clash = clashes[0]
    assert (clash.organisation, clash.dimension) == ("nhs", "speed")
    assert clash.self_view == pytest.approx(4.4) and clash.others_view == pytest.approx(1.6)
    assert clash.gap == pytest.approx(-2.8)
    assert (clash.self_raters, clash.other_raters) == (5, 5)


def test_it_needs_five_of_an_organisations_own_people_before_using_its_own_view():
    partners = ratings_about("nhs", "speed", [1, 2, 1, 2, 2], rater="council")
    one_person = ratings_about("nhs", "speed", [5], rater="nhs")
    assert culture_clashes(one_person + partners) == []
    four = ratings_about("nhs", "speed", [5] * 4, rater="nhs")
    assert culture_clashes(four + partners) == []
    assert len(culture_clashes(four + ratings_about("nhs", "speed", [4], rater="nhs") + partners)) == 1
    assert culture_clashes(
        ratings_about("nhs", "speed", [5] * 6, rater="nhs") + partners, min_self_raters=7,
    ) == []
    with pytest.raises(ValueError):
        culture_clashes(partners, min_self_raters=1)


def test_it_needs_five_partner_raters_before_showing_how_partners_see_an_agency():
    ratings = ratings_about("nhs", "papers", [5] * 5, rater="nhs") + ratings_about(
        "nhs", "papers", [1, 1, 1, 1]
    )
    assert culture_clashes(ratings) == []
    assert len(culture_clashes(ratings + ratings_about("nhs", "papers", [2]))) == 1
    with pytest.raises(ValueError):
        culture_clashes(ratings, min_other_raters=2)


def test_it_orders_clashes_largest_first_and_respects_the_minimum_gap():
    ratings = ratings_about("nhs", "papers", [2] * 5, rater="nhs") + ratings_about(
        "nhs", "papers", [3] * 5
    )
    ratings += ratings_about("vcs", "money", [5] * 5, rater="vcs") + ratings_about(
        "vcs", "money", [2] * 5
    )
    assert [(c.organisation, c.gap) for c in culture_clashes(ratings)] == [
        ("vcs", -3.0),
        ("nhs", 1.0),
    ]
    assert [c.organisation for c in culture_clashes(ratings, min_gap=1.5)] == ["vcs"]


def test_it_finds_partners_whose_ways_of_working_are_far_apart():
    ratings = ratings_about("nhs", "papers", [1] * 6, rater="nhs")
    ratings += ratings_about("vcs", "papers", [5] * 5, rater="vcs")
    ratings += ratings_about("council", "papers", [2] * 5, rater="council")
    mismatches = style_mismatches(ratings)
    assert [(m.first, m.second, m.gap) for m in mismatches] == [
        ("nhs", "vcs", 4.0),
        ("council", "vcs", 3.0),
    ]
    assert style_mismatches(ratings, min_gap=3.5)[0].dimension == "papers"
    assert len(style_mismatches(ratings, min_gap=3.5)) == 1


def test_it_leaves_out_an_organisation_whose_own_view_fewer_than_five_gave():
    ratings = ratings_about("nhs", "papers", [1] * 5, rater="nhs")
    ratings += ratings_about("vcs", "papers", [5], rater="vcs")  # one person: never shown
    ratings += ratings_about("council", "papers", [5] * 4, rater="council")
    assert style_mismatches(ratings) == []
    ratings += ratings_about("council", "papers", [5], rater="council")
    assert [(m.first, m.second) for m in style_mismatches(ratings)] == [("council", "nhs")]
    assert style_mismatches(ratings, min_raters=6) == []
    with pytest.raises(ValueError):
        style_mismatches(ratings, min_raters=4)
