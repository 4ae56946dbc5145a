"""Search by meaning (the optional `semantic` extra): without the package the
library searches by words exactly as before, with no error; with it, a query
finds a case study that shares no word with it, and nothing crosses
workspaces that words alone would not let cross."""

import importlib.util
import logging
import sys

import pytest

from joinedup.practice import search, semantic
from tests.practice.conftest import case_study

HAS_EXTRA = importlib.util.find_spec("wordllama") is not None
needs_extra = pytest.mark.skipif(
    not HAS_EXTRA, reason="the `semantic` extra is not installed (uv sync --extra semantic, or pip install joinedup[semantic])"
)

# Judged by meaning: each query shares no word (nor a word's stem) with the
# case study that must come first.
JUDGED = [
    ("lonely older people", "Isolation in later life"),
    ("elderly who fell over", "Falls response with the fire service"),
    ("kids", "A children's front door"),
]


@pytest.fixture
def library(workspace):
    rows = [
        ("Isolation in later life", "residents over seventy-five living alone", "social contact"),
        ("Falls response with the fire service", "adults at home after a fall", "falls"),
        ("Home First: waiting for care at home", "patients ready to leave the ward", "leaving the ward"),
        ("Housing adaptations in weeks, not months", "disabled adults", "adaptations"),
        ("A GP surgery in the hostel", "people who are homeless", "primary care"),
        ("Making safeguarding personal", "adults at risk", "safeguarding"),
        ("A children's front door", "children and families", "early help"),
        ("Carers' breaks commissioned together", "unpaid carers", "breaks for carers"),
    ]
    return {title: case_study(workspace, title, user_group=people, outcome_area=area,
                              problem="It took too long.", what_we_did="Agreed one plan.", outcomes="Better.")
            for title, people, area in rows}


@pytest.fixture
def without_extra(monkeypatch):
    """The package absent, as Python sees it when it is not installed: `import
    wordllama` raises ImportError."""
    monkeypatch.setitem(sys.modules, "wordllama", None)
    semantic.model.cache_clear()
    yield
    semantic.model.cache_clear()


def test_without_the_extra_search_is_by_words_alone(library, workspace, without_extra):
    visible = search.visible_to(workspace)
    assert not semantic.available()
    assert semantic.nearest(visible, "lonely older people", limit=3, at_least=0) is None
    # No word in common: nothing found, and no error.
    assert search.find(visible, "lonely older people", seen_by=workspace).total == 0
    words = search.search(visible, "fire service", seen_by=workspace)
    found = search.find(visible, "fire service", seen_by=workspace)
    assert found.case_studies == words.case_studies == [library["Falls response with the fire service"]]
    assert found.total == words.total == 1


def test_without_the_extra_similar_is_by_telling_words(library, workspace, without_extra):
    mine = case_study(workspace, "Carers breaks in Southshire", user_group="unpaid carers")
    assert search.similar_to(mine, workspace)[0] == library["Carers' breaks commissioned together"]


@needs_extra
@pytest.mark.parametrize("query,first", JUDGED)
def test_meaning_finds_what_shares_no_word_with_the_query(library, workspace, query, first):
    visible = search.visible_to(workspace)
    target = library[first]
    # Full-text search cannot find it, with all the words or any of them.
    assert target not in search.search(visible, query, any_term=True).case_studies
    found = search.find(visible, query, seen_by=workspace)
    assert found.case_studies[0] == target
    assert found.total == len(found.case_studies) >= 1


@needs_extra
def test_word_matches_stay_and_are_re_ranked(library, workspace):
    visible = search.visible_to(workspace)
    words = search.search(visible, "carers").case_studies
    found = search.find(visible, "carers", seen_by=workspace).case_studies
    assert set(words) <= set(found) and found[0] == library["Carers' breaks commissioned together"]


@needs_extra
def test_meaning_crosses_no_workspace_that_words_would_not(library, workspace, other_workspace):
    draft = case_study(workspace, "Loneliness among the old: a draft", visibility="draft",
                       user_group="isolated pensioners")
    mine_only = case_study(workspace, "Loneliness in old age: weekly visits", visibility="workspace",
                           user_group="isolated pensioners")
    theirs = search.find(search.visible_to(other_workspace), "lonely older people", seen_by=other_workspace)
    assert draft not in theirs.case_studies and mine_only not in theirs.case_studies
    assert library["Isolation in later life"] in theirs.case_studies
    similar = search.similar_to(library["Isolation in later life"], other_workspace)
    assert draft not in similar and mine_only not in similar
    ours = search.find(search.visible_to(workspace), "lonely older people", seen_by=workspace).case_studies
    assert draft in ours and mine_only in ours


@needs_extra
def test_an_edit_is_embedded_again(library, workspace):
    visible = search.visible_to(workspace)
    housing = library["Housing adaptations in weeks, not months"]
    assert search.find(visible, "lonely older people", seen_by=workspace).case_studies[0] != housing
    housing.title, housing.user_group, housing.outcome_area = "Loneliness in old age", "pensioners living alone", "loneliness"
    housing.save()
    assert housing in search.find(search.visible_to(workspace), "lonely older people", seen_by=workspace).case_studies


@needs_extra
def test_similar_is_by_meaning(library, workspace):
    mine = case_study(workspace, "Visiting pensioners who live on their own", user_group="isolated elderly residents",
                      outcome_area="companionship")
    assert search.similar_to(mine, workspace)[0] == library["Isolation in later life"]


@needs_extra
def test_loading_the_model_leaves_the_apps_logging_alone():
    root = logging.getLogger()
    before = (root.handlers[:], root.level)
    semantic.model.cache_clear()
    assert semantic.available()
    assert (root.handlers[:], root.level) == before
