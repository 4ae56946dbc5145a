"""Full-text search of case studies, ranked: FTS5 on SQLite, tsvector on
PostgreSQL, behind one function. The index is kept by the database itself
(triggers on SQLite, a generated column on PostgreSQL; migration 0002), so no
write path can forget it.

Who may see what is decided here and nowhere else: a workspace sees its own
case studies (drafts included) and those published to everyone, never another
workspace's drafts or workspace-only ones."""

import re
from dataclasses import dataclass

from django.db import connection
from django.db.models import BooleanField, Count, Q, Window
from django.db.models.expressions import RawSQL

from . import semantic
from .models import CaseStudy, Visibility

# The columns searched, from most to least telling; the weights rank a match
# in the title above one in the lessons.
COLUMNS = ("title", "problem", "user_group", "outcome_area", "partners", "what_we_did",
           "outcomes", "evidence", "lessons")
SQLITE_WEIGHTS = (10.0, 4.0, 4.0, 4.0, 1.0, 1.0, 2.0, 1.0, 1.0)
MAX_TERMS = 12
QUERY_SQL = "to_tsquery('english', %s)"


def visible_to(workspace):
    """The case studies a member of `workspace` may see."""
    return CaseStudy.objects.filter(archived_at__isnull=True).filter(
        Q(workspace=workspace) | Q(visibility=Visibility.EVERYONE)
    )


def terms_of(text):
    """The words of a query, lower case, without the query syntax of either
    database (quotes, operators and brackets are not passed through)."""
    return re.findall(r"[^\W_]+", text.lower())[:MAX_TERMS]


@dataclass
class Results:
    case_studies: list
    total: int


def search(queryset, query, *, seen_by=None, any_term=False, limit=20, offset=0, count=True):
    """The case studies of `queryset` that match `query`, best first.

    All the words must match, unless `any_term`, when any may (for "similar"
    and "examples from elsewhere", ranked by how many and how rare). Without
    `count`, the total is only a lower bound (the length of the page).
    `seen_by`, the workspace whose `visible_to` the queryset is, only narrows
    it further: on PostgreSQL it lets the index of what is published to
    everyone answer for most of the library (see `_matching`)."""
    terms = terms_of(query)
    if not terms:
        return Results(list(queryset.order_by("-published_at", "title")[offset:offset + limit]), queryset.count())
    if connection.vendor == "postgresql":
        expression = (" | " if any_term else " & ").join(terms)
        matched = queryset.filter(_matching(expression, seen_by))
        ranked = matched.annotate(rank=RawSQL(f"ts_rank(search_document, {QUERY_SQL})", [expression]))  # noqa: S611
        if count:
            # Counted in the same pass as the ranking: the matches are read once, not twice.
            rows = list(ranked.annotate(matches=Window(Count("id"))).order_by("-rank", "id")
                        .values_list("id", "matches")[offset:offset + limit])
            ids = [row[0] for row in rows]
            total = rows[0][1] if rows else (matched.count() if offset else 0)
        else:
            ids = list(ranked.order_by("-rank", "id").values_list("id", flat=True)[offset:offset + limit])
            total = offset + len(ids)
    else:
        ids, total = _sqlite_search(queryset, terms, any_term, limit, offset, count)
    found = CaseStudy.objects.select_related("workspace").in_bulk(ids)
    return Results([found[i] for i in ids if i in found], total)


# Blending by meaning (semantic.py, with the optional extra): how many word
# matches are re-ranked, how many case studies near in meaning may join them,
# and how near they must be (cosine: on the demo library a query's unrelated
# case studies score below 0.35, the ones it means from about 0.43).
CANDIDATES = 50
NEIGHBOURS = 10
NEAR_ENOUGH = 0.4
SIMILAR_ENOUGH = 0.5
# Reciprocal rank fusion's constant: a place in either ranking counts 1 / (K + place).
FUSION_K = 60


def find(queryset, query, *, seen_by=None, limit=20, offset=0):
    """The library page's search: `search`, and with the semantic extra, its
    word matches re-ranked together with the case studies nearest in meaning,
    by reciprocal rank fusion (docs/practice.md). Without the extra, exactly
    `search`."""
    if not terms_of(query) or not semantic.available():
        return search(queryset, query, seen_by=seen_by, limit=limit, offset=offset)
    words = search(queryset, query, seen_by=seen_by, limit=CANDIDATES)
    near = semantic.nearest(queryset, query, limit=NEIGHBOURS, at_least=NEAR_ENOUGH)
    if near is None:  # a library too large to embed whole: re-rank the word matches only
        near = []
    word_ids = [c.pk for c in words.case_studies]
    extra = [pk for pk, _ in near if pk not in set(word_ids)]
    meaning = semantic.similarity_to(word_ids, query) | dict(near)
    by_meaning = sorted(meaning, key=lambda pk: -meaning[pk])
    score = dict.fromkeys(meaning, 0.0)
    for ranking in (word_ids, by_meaning):
        for place, pk in enumerate(ranking, 1):
            score[pk] += 1 / (FUSION_K + place)
    fused = sorted(score, key=lambda pk: (-score[pk], pk))
    total = words.total + len(extra)
    ids = fused[offset:offset + limit]
    if len(ids) < limit and words.total > len(word_ids):
        # Past the re-ranked head, the other word matches follow in their own order.
        start = len(word_ids) + max(offset, len(fused)) - len(fused)
        rest = search(queryset, query, seen_by=seen_by, limit=limit - len(ids), offset=start, count=False)
        ids += [c.pk for c in rest.case_studies if c.pk not in score]
    found = CaseStudy.objects.select_related("workspace").in_bulk(ids)
    return Results([found[i] for i in ids if i in found], total)


def _matching(expression, seen_by):
    """The PostgreSQL condition that a case study matches `expression`.

    Asked as one condition beside "published to everyone, or ours", a common
    word makes the planner read every row's tsvector (it cannot tell how many
    of the word's matches are visible). Asked as two — the word among what is
    published to everyone, which a partial GIN index holds (migration 0003),
    or the word among the reader's own — each half has an index that answers
    it, and only the visible matches are ranked."""
    # The SQL is fixed text; the words go in as a parameter.
    match = Q(RawSQL(f"search_document @@ {QUERY_SQL}", [expression], output_field=BooleanField()))  # noqa: S611
    if seen_by is None:
        return match
    return (Q(visibility=Visibility.EVERYONE, archived_at__isnull=True) & match) | (Q(workspace=seen_by) & match)


TELLING_TERMS = 3
# A word in more than this share of the library says little about a case study.
COMMON_SHARE = 0.1


def telling(terms, at_least=1):
    """The few rarest of `terms` that match anything, leaving out words found
    in more than a tenth of the library unless nothing rarer is left: any of
    many common words matches half a library and ranks it all, and the rare
    ones are what say what a case study is about."""
    total = CaseStudy.objects.count()
    # In a small library every word is in a tenth of it; there, all may count.
    common = max(int(COMMON_SHARE * total), 50)
    terms = list(dict.fromkeys(terms))
    counts = _word_counts(terms, common, total)
    found = sorted((t for t in counts if counts[t] >= at_least), key=lambda t: counts[t])
    rare = [t for t in found if counts[t] <= common]
    return (rare or found[:1])[:TELLING_TERMS]


def _word_counts(terms, common, total):
    """How many case studies hold each word, counted only up to just past
    `common` (how common a common word is does not matter).

    On PostgreSQL the words the planner's statistics already know as frequent
    (the most common lexemes ANALYZE keeps for the tsvector column) are
    estimated from them instead of counted: counting a word found in a fifth
    of a large library reads a fifth of it, several times for "similar"."""
    counts = {}
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            known = _frequent_lexemes(cursor)
            # Every term's lexemes in one statement, then every count left in one more:
            # a round trip per word was most of "examples from elsewhere" on the partnership page.
            cursor.execute("SELECT term, tsvector_to_array(to_tsvector('english', term)) "
                           "FROM unnest(%s::text[]) WITH ORDINALITY AS t(term, n) ORDER BY n", [terms])
            estimated = {}
            for term, lexemes in cursor.fetchall():
                if lexemes and all(lexeme in known for lexeme in lexemes):
                    estimated[term] = min(round(known[lexeme] * total) for lexeme in lexemes)
            counted = {}
            left = [term for term in terms if term not in estimated]
            if left:
                cursor.execute(
                    "SELECT term, (SELECT COUNT(*) FROM (SELECT 1 FROM practice_casestudy "
                    "WHERE search_document @@ to_tsquery('english', term) LIMIT %s) found) "
                    "FROM unnest(%s::text[]) AS t(term)", [common + 1, left])
                counted = dict(cursor.fetchall())
            counts = {term: estimated[term] if term in estimated else counted[term] for term in terms}
        else:
            for term in terms:
                cursor.execute("SELECT COUNT(*) FROM (SELECT 1 FROM practice_casestudy_fts "
                               "WHERE practice_casestudy_fts MATCH %s LIMIT %s)", [f'"{term}"', common + 1])
                counts[term] = cursor.fetchone()[0]
    return counts


def _frequent_lexemes(cursor):
    """The share of case studies holding each of the commonest lexemes, as the
    last ANALYZE found them (none before the first)."""
    cursor.execute("SELECT most_common_elems::text::text[], most_common_elem_freqs FROM pg_stats "
                   "WHERE tablename = 'practice_casestudy' AND attname = 'search_document'")
    row = cursor.fetchone()
    if not row or not row[0]:
        return {}
    # The array of frequencies ends with three summary numbers (min, max, and the null share).
    return dict(zip(row[0], row[1][:len(row[0])], strict=True))


def _sqlite_search(queryset, terms, any_term, limit, offset, count):
    ids_sql, ids_params = queryset.order_by().values("id").query.sql_with_params()
    expression = (" OR " if any_term else " AND ").join(f'"{term}"' for term in terms)
    weights = ", ".join(str(w) for w in SQLITE_WEIGHTS)
    # The full-text matches drive the join (CROSS JOIN keeps them the outer
    # loop), each looked up in the visible set by key, and bm25 is computed
    # only for those kept; the other way round is hundreds of times slower.
    matches = (f"FROM practice_casestudy_fts CROSS JOIN ({ids_sql}) visible "
               "ON visible.id = practice_casestudy_fts.rowid WHERE practice_casestudy_fts MATCH %s")
    params = [*ids_params, expression]
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT practice_casestudy_fts.rowid, bm25(practice_casestudy_fts, {weights}) AS rank {matches} "
            "ORDER BY rank, practice_casestudy_fts.rowid LIMIT %s OFFSET %s",
            [*params, limit, offset],
        )
        ids = [row[0] for row in cursor.fetchall()]
        # A first page that is not full holds every match: no need to count.
        if not count or (offset == 0 and len(ids) < limit):
            return ids, offset + len(ids)
        cursor.execute(f"SELECT COUNT(*) {matches}", params)
        return ids, cursor.fetchone()[0]


def _nearest(queryset, text, limit):
    """With the semantic extra, the case studies of `queryset` nearest in
    meaning to `text`; None without it, or when none is near enough (then the
    telling words decide)."""
    near = semantic.nearest(queryset, text, limit=limit, at_least=SIMILAR_ENOUGH)
    if not near:
        return None
    found = CaseStudy.objects.select_related("workspace").in_bulk([pk for pk, _ in near])
    return [found[pk] for pk, _ in near if pk in found]


def similar_to(case_study, workspace, limit=3):
    """Case studies like this one: nearest in meaning with the semantic extra,
    else by the words of its title, people and outcome area."""
    others = visible_to(workspace).exclude(pk=case_study.pk)
    near = _nearest(others, semantic.text_about(case_study), limit) if semantic.available() else None
    if near is not None:
        return near
    words = " ".join([case_study.title, case_study.user_group, case_study.outcome_area])
    # A word of this case study's own found nowhere else cannot find another.
    terms = telling([t for t in terms_of(words) if len(t) > 3], at_least=2)
    return search(others, " ".join(terms), seen_by=workspace, any_term=True, limit=limit, count=False).case_studies if terms else []


def examples_for(partnership, workspace, limit=3, outcomes=None):
    """Case studies from elsewhere that bear on a partnership's outcomes and
    people: nearest in meaning with the semantic extra, else by telling words.
    `outcomes`: its live outcomes, when already read (the partnership page has them)."""
    if outcomes is None:
        outcomes = partnership.outcomes.filter(archived_at__isnull=True)
    statements = " ".join(o.statement for o in outcomes)
    others = visible_to(workspace).exclude(partnership=partnership)
    near = _nearest(others, f"{partnership.user_groups}. {statements}", limit) if semantic.available() else None
    if near is not None:
        return near
    terms = telling([t for t in terms_of(" ".join([partnership.user_groups, statements])) if len(t) > 3])
    return search(others, " ".join(terms), seen_by=workspace, any_term=True, limit=limit, count=False).case_studies if terms else []
