"""Search: ranked, the same on SQLite and PostgreSQL, and never showing one
workspace's drafts or workspace-only case studies to another."""

import pytest
from django.db import connection

from joinedup.practice import search
from joinedup.practice.models import CaseStudy
from tests.practice.conftest import case_study

# A small judged set: for each query, the case study that must come first.
JUDGED = [
    ("delayed discharge hospital", "Home First: no one waits in a hospital bed"),
    ("tell my story once", "One assessment for adults with mental health needs"),
    ("homeless", "A GP surgery in the hostel"),
    ("carers breaks", "Carers' breaks commissioned together"),
    ("falls", "Falls response with the fire service"),
    ("safeguarding adults", "Making safeguarding personal"),
]


@pytest.fixture
def library(workspace):
    rows = [
        ("Home First: no one waits in a hospital bed", "I waited three weeks in a hospital bed for care at home.",
         "older people leaving hospital", "leaving hospital", "Delayed discharge fell by a third."),
        ("One assessment for adults with mental health needs",
         "I had to tell my story to five people before anyone helped; now I tell my story once.",
         "adults with mental health needs", "joined-up help", "Fewer repeat assessments."),
        ("A GP surgery in the hostel", "Nobody would register me with a GP because I was homeless.",
         "people who are homeless", "primary care", "Registrations rose; A&E attendances fell."),
        ("Carers' breaks commissioned together", "I never got a break from caring for my husband.",
         "carers", "carers' breaks", "More carers had a break."),
        ("Falls response with the fire service", "After my fall I lay on the floor for hours.",
         "older people at home", "falls", "Falls responses within an hour."),
        ("Making safeguarding personal", "Nobody asked me what I wanted from the safeguarding enquiry.",
         "adults at risk", "safeguarding adults", "More people asked what they want."),
        ("Hospital discharge that went wrong", "The pooled budget argued about who pays while I waited in hospital.",
         "older people", "leaving hospital", "No change; the pool was unwound."),
    ]
    return [case_study(workspace, title, problem=problem, user_group=people, outcome_area=area, outcomes=outcomes)
            for title, problem, people, area, outcomes in rows]


@pytest.mark.parametrize("query,first", JUDGED)
def test_the_judged_case_study_comes_first(library, workspace, query, first):
    found = search.search(search.visible_to(workspace), query).case_studies
    assert found and found[0].title == first


def test_all_words_must_match_unless_any_will_do(library, workspace):
    visible = search.visible_to(workspace)
    assert search.search(visible, "hospital homeless").total == 0
    assert search.search(visible, "hospital homeless", any_term=True).total == 3


def test_words_match_their_other_forms(library, workspace):
    # "carer" finds "carers"; "waiting" finds "waited" (English stemming on both databases).
    visible = search.visible_to(workspace)
    assert search.search(visible, "carer").total >= 1
    assert search.search(visible, "waiting").total >= 1


@pytest.mark.parametrize("query", ['"', "AND OR NOT", "NEAR(", "*", "title:x", "a & b | !c", "'; DROP TABLE x; --",
                                   "\x00", "é" * 400])
def test_any_text_is_a_query_not_syntax(library, workspace, query):
    # Syntax of either database is not passed through: no error, and only words match.
    found = search.search(search.visible_to(workspace), query)
    words = search.terms_of(query)
    assert set(found.case_studies) <= set(library)
    assert found.total == (len(library) if not words else search.search(search.visible_to(workspace),
                                                                        " ".join(words)).total)


def test_the_index_follows_edits_and_archiving(library, workspace):
    visible = search.visible_to(workspace)
    home_first = library[0]
    home_first.title = "Discharge to assess in Kingsfold"
    home_first.save()
    assert search.search(search.visible_to(workspace), "Kingsfold").case_studies == [home_first]
    home_first.archived_at = home_first.updated_at
    home_first.save()
    assert search.search(search.visible_to(workspace), "Kingsfold").total == 0
    CaseStudy.objects.filter(pk=library[1].pk).delete()
    assert search.search(visible, "mental").total == 0


def test_the_database_keeps_the_index(db):
    """A later migration that rebuilds the table on SQLite drops the triggers
    (migration 0002 says so); this fails until it makes them again."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT is_generated FROM information_schema.columns "
                           "WHERE table_name = 'practice_casestudy' AND column_name = 'search_document'")
            assert cursor.fetchone() == ("ALWAYS",)
        else:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'practice_casestudy'")
            assert {row[0] for row in cursor.fetchall()} == {
                "practice_casestudy_fts_insert", "practice_casestudy_fts_delete", "practice_casestudy_fts_update"}


def test_another_workspace_sees_only_what_was_published_to_everyone(workspace, other_workspace):
    case_study(workspace, "Draft about hospital", visibility="draft")
    case_study(workspace, "Workspace hospital story", visibility="workspace")
    shared = case_study(workspace, "Everyone hospital story", visibility="everyone")
    theirs = case_study(other_workspace, "Their own draft hospital plan", visibility="draft")
    seen_by_them = search.search(search.visible_to(other_workspace), "hospital").case_studies
    assert set(seen_by_them) == {shared, theirs}
    seen_by_us = search.search(search.visible_to(workspace), "hospital").case_studies
    assert theirs not in seen_by_us and len(seen_by_us) == 3
    assert search.search(search.visible_to(other_workspace), "").total == 2


def test_similar_and_examples_cross_only_what_was_published_to_everyone(workspace, other_workspace, partnership, outcome):
    mine = case_study(workspace, "Telling the story once in Northshire", visibility="workspace",
                      user_group="older people", outcome_area="story once")
    hidden = case_study(other_workspace, "Story once draft elsewhere", visibility="draft", outcome_area="story once")
    workspace_only = case_study(other_workspace, "Story once for their workspace", visibility="workspace",
                                outcome_area="story once")
    shared = case_study(other_workspace, "Telling the story once in Southshire", visibility="everyone",
                        user_group="older people", outcome_area="story once")
    assert search.similar_to(mine, workspace) == [shared]
    examples = search.examples_for(partnership, workspace)
    assert shared in examples and hidden not in examples and workspace_only not in examples
    assert search.similar_to(shared, other_workspace)[0] in {hidden, workspace_only}


def test_a_page_past_the_end_still_says_how_many(library, workspace):
    visible = search.visible_to(workspace)
    first = search.search(visible, "hospital", limit=1)
    past = search.search(visible, "hospital", limit=1, offset=10)
    assert len(first.case_studies) == 1 and first.total == past.total == 2 and past.case_studies == []


@pytest.mark.parametrize("any_term", [False, True])
def test_naming_the_reader_finds_the_same_in_the_same_order(workspace, other_workspace, any_term):
    """`seen_by` only lets PostgreSQL use the index of what is published to
    everyone: it must neither add nor drop nor reorder a match, drafts and
    archived case studies included."""
    for n, visibility in enumerate(["draft", "workspace", "everyone", "everyone", "workspace", "draft"] * 2):
        owner = workspace if n % 3 else other_workspace
        archived = n == 3
        made = case_study(owner, f"Hospital discharge story {n}", visibility=visibility,
                          problem="I waited in hospital" + " at home" * (n % 4))
        if archived:
            CaseStudy.objects.filter(pk=made.pk).update(archived_at=made.created_at)
    for reader in (workspace, other_workspace):
        visible = search.visible_to(reader)
        for query in ("hospital", "hospital home", "waited story"):
            plain = search.search(visible, query, any_term=any_term, limit=50)
            named = search.search(visible, query, seen_by=reader, any_term=any_term, limit=50)
            assert named.case_studies == plain.case_studies and named.total == plain.total
            assert plain.total == len(plain.case_studies) > 0
            paged = search.search(visible, query, seen_by=reader, any_term=any_term, limit=2, offset=2)
            assert paged.total == plain.total and paged.case_studies == plain.case_studies[2:4]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the planner's word statistics are PostgreSQL's")
def test_telling_words_use_the_planners_statistics_once_analysed(workspace):
    for n in range(60):
        case_study(workspace, f"Hospital story {n}", problem="hospital" + (" hostel" if n < 2 else ""))
    with connection.cursor() as cursor:
        assert search._frequent_lexemes(cursor) == {}  # before ANALYZE: counted
        assert search.telling(["hospital", "hostel"]) == ["hostel"]
        cursor.execute("ANALYZE practice_casestudy")
        frequent = search._frequent_lexemes(cursor)
    # Every case study holds "hospital": the statistics say so, and it is not counted again.
    assert frequent["hospit"] == pytest.approx(1.0)
    assert search._word_counts(["hospital"], common=50, total=60) == {"hospital": 60}
    assert search.telling(["hospital", "hostel"]) == ["hostel"]
    assert search.telling(["hospital"]) == ["hospital"]  # nothing rarer left: the commonest one
