import random

import pytest

from joinedup.surveys import themes as module
from joinedup.surveys.suppression import SuppressionRule
from joinedup.surveys.themes import choose_theme_count, find_themes
from tests.surveys.staff_comments import ASSESSMENTS, COMMENTS, DISCHARGE, HOUSING

SOURCES = {"discharge": DISCHARGE, "housing": HOUSING, "assessment": ASSESSMENTS}


def source_of(quote: str) -> str:
    return next(name for name, comments in SOURCES.items() if quote in comments)


@pytest.fixture(scope="module")
def themes():
    return find_themes(COMMENTS)


def test_it_finds_the_three_problems_in_the_staff_comments(themes):
    assert themes.n_comments == 40 and themes.n_without_theme == 0
    assert len(themes.themes) == 3
    labels = [theme.label for theme in themes.themes]
    assert "discharge" in labels[0]
    assert any("housing" in label for label in labels)
    assert any("assessment" in label for label in labels)
    assert [theme.count for theme in themes.themes] == [14, 13, 13]


def test_it_gives_typical_quotes_from_the_theme_itself(themes):
    for theme in themes.themes:
        assert len(theme.quotes) == 3
        sources = {source_of(quote) for quote in theme.quotes}
        assert len(sources) == 1
        assert sources.pop() in theme.label
    # The most typical discharge comment mentions the ward and the care package.
    first = themes.themes[0].quotes[0]
    assert "discharge" in first.lower() and "care" in first.lower()


def test_it_gives_the_same_themes_however_the_comments_are_ordered(themes):
    shuffled = list(COMMENTS)
    random.Random(11).shuffle(shuffled)
    again = find_themes(shuffled)
    assert [(t.label, t.count) for t in again.themes] == [(t.label, t.count) for t in themes.themes]
    assert find_themes(COMMENTS) == themes


def test_it_labels_themes_without_repeating_words(themes):
    for theme in themes.themes:
        words = [w for term in theme.terms for w in term.split()]
        pairs = [t for t in theme.terms if " " in t]
        for pair in pairs:
            for word in pair.split():
                assert word not in theme.terms
        assert len(theme.terms) >= 3 and len(words) >= 3


def test_it_chooses_three_themes_by_silhouette():
    from sklearn.feature_extraction.text import TfidfVectorizer

    matrix = TfidfVectorizer(stop_words="english", min_df=2).fit_transform(COMMENTS)
    assert choose_theme_count(matrix) == 3


def test_it_removes_personal_details_before_finding_themes():
    signed = [f"{comment} Ask Dr Okafor on 07700 900123." for comment in DISCHARGE]
    result = find_themes(signed + HOUSING + ASSESSMENTS)
    discharge = next(t for t in result.themes if "discharge" in t.label)
    assert discharge.count == 14
    for quote in discharge.quotes:
        assert quote.endswith("Ask [name] on [phone number].")
    assert not any("okafor" in term or "07700" in term for t in result.themes for term in t.terms)


def test_it_hides_themes_with_too_few_comments():
    comments = (
        DISCHARGE[:12] + ["The IT systems do not share records with the council IT system."] * 2
    )
    result = find_themes(comments, n_themes=2)
    small = [t for t in result.themes if t.suppressed]
    assert len(small) == 1
    assert small[0].count is None and small[0].quotes == () and small[0].terms == ()
    assert "fewer than 5" in str(small[0].reason)
    assert not result.themes[0].suppressed  # shown themes come first


def test_it_does_not_look_for_themes_in_a_handful_of_comments():
    assert find_themes(DISCHARGE[:4]).themes == ()
    assert "fewer than 5" in str(find_themes(DISCHARGE[:4]).reason)
    assert "Too few comments (8)" in str(find_themes(DISCHARGE[:8]).reason)
    assert find_themes(["", "  "] * 10).n_comments == 0


def test_it_says_when_comments_share_no_words():
    comments = [f"word{n}" for n in range(12)]
    result = find_themes(comments)
    assert result.themes == () and "too little in common" in str(result.reason)


def test_it_takes_a_number_of_themes_and_a_raised_threshold():
    result = find_themes(COMMENTS, n_themes=2, rule=SuppressionRule(threshold=14))
    assert len(result.themes) == 2
    assert all(t.suppressed or t.count >= 14 for t in result.themes)


def test_it_shortens_long_quotes():
    long_comment = (
        "Discharge is delayed, the care package is not ready and patients wait on the ward. " * 6
    )
    comments = DISCHARGE + [long_comment] * 3 + HOUSING
    quotes = [q for t in find_themes(comments).themes for q in t.quotes]
    assert all(len(q) <= 301 for q in quotes)
    assert any(q.endswith("…") and q.startswith("Discharge is delayed") for q in quotes)


def test_themes_found_again_are_those_found_afresh(monkeypatch):
    """find_themes keeps what it found per process, keyed by the comments and
    options: the kept result is the one worked out afresh, and other comments,
    another rule or other options are worked out again."""
    module._FOUND.clear()
    worked_out = []
    real = module._find_themes
    monkeypatch.setattr(module, "_find_themes", lambda *a, **k: worked_out.append(1) or real(*a, **k))
    first = find_themes(COMMENTS)
    assert find_themes(list(COMMENTS)) == first == real(COMMENTS, n_themes=None, quotes_per_theme=3,
                                                         rule=SuppressionRule())
    assert len(worked_out) == 1
    fewer = COMMENTS[:-1]
    assert find_themes(fewer) == real(fewer, n_themes=None, quotes_per_theme=3, rule=SuppressionRule())
    edited = [COMMENTS[0] + " and the ward", *COMMENTS[1:]]
    assert find_themes(edited) == real(edited, n_themes=None, quotes_per_theme=3, rule=SuppressionRule())
    stricter = SuppressionRule(threshold=15)
    assert find_themes(COMMENTS, rule=stricter) == real(COMMENTS, n_themes=None, quotes_per_theme=3, rule=stricter)
    assert find_themes(COMMENTS, n_themes=2) == real(COMMENTS, n_themes=2, quotes_per_theme=3, rule=SuppressionRule())
    assert len(worked_out) == 5
    for _ in range(module.FOUND_KEPT + 1):
        find_themes(["only one comment"] * (_ + 1))
    assert len(module._FOUND) == module.FOUND_KEPT
