"""Themes in free-text answers, with scikit-learn and no downloaded model.

Method (docs/surveys.md explains it for readers):

1. Personal details are removed from every comment first (``redaction``),
   so names never become theme words or quotes.
2. Words are lower-cased and a plural is folded into its singular when the
   singular also occurs ("assessments" -> "assessment"). Comments become
   TF-IDF vectors of single words and word pairs (English stop words out,
   terms in at least 2 comments and at most 90% of them, sublinear term
   frequency).
3. Non-negative matrix factorisation (NMF, "nndsvda" start, fixed
   random_state, so the same comments always give the same themes) splits
   them into themes. Each comment belongs to the theme it loads on most.
4. **How many themes**: unless told, try 2 up to one theme per 10 comments
   (at most 8) and keep the number whose comment-to-theme assignment has
   the highest mean silhouette (cosine distance); ties go to fewer themes.
   The silhouette asks whether each comment is closer to its own theme's
   comments than to the next theme's, so it favours themes that are
   distinct rather than many.
5. Each theme is labelled by its top terms and illustrated by the comments
   closest (cosine) to the mean of its comments: the most typical ones,
   not the most extreme.

Themes with fewer comments than the small-number threshold are not shown
(their words and quotes could point to one person); nor is anything when
there are fewer comments than the threshold.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from joinedup.surveys.redaction import redact
from joinedup.surveys.suppression import DEFAULT_RULE, SuppressionRule, small_number_reason

RANDOM_STATE = 0
COMMENTS_PER_THEME = 10
MIN_COMMENTS = 10  # below this, themes say less than reading the comments
MAX_THEMES = 8
LABEL_TERMS = 3
MAX_QUOTE_LENGTH = 300
_MARKER = re.compile(r"\[(?:name|phone number|email address|NHS number|postcode)\]")
_TOKEN = re.compile(r"[a-z][a-z'-]*[a-z]")
# Themes already found in this process, by a digest of everything they are
# found from (the comments, the rule, the options): the same comments always
# give the same themes (a fixed random_state), so a page that shows a wave's
# themes on every request (the partnership page) finds them once per process,
# not once per request (tens of milliseconds of NMF each). Any change to the
# comments -- an answer released, edited or deleted -- is a new key.
_FOUND = OrderedDict()
FOUND_KEPT = 64


@dataclass(frozen=True)
class CommentTheme:
    """A theme in free text: its top terms, how many comments, typical quotes (redacted)."""

    label: str
    terms: tuple[str, ...]
    count: int | None
    quotes: tuple[str, ...]
    suppressed: bool = False
    reason: str = ""


@dataclass(frozen=True)
class CommentThemes:
    """All themes in one question's comments, largest first."""

    themes: tuple[CommentTheme, ...]
    n_comments: int
    n_without_theme: int
    reason: str = ""  # why there are no themes, if there are none


def find_themes(
    comments: Sequence[str],
    *,
    n_themes: int | None = None,
    quotes_per_theme: int = 3,
    rule: SuppressionRule = DEFAULT_RULE,
) -> CommentThemes:
    """Group comments into themes, each with a label, a count and representative quotes."""
    digest = hashlib.sha256()
    for comment in comments:
        digest.update(b"\x00" + (comment or "").encode())
    key = (digest.hexdigest(), len(comments), n_themes, quotes_per_theme, rule)
    if key in _FOUND:
        _FOUND.move_to_end(key)
        return _FOUND[key]
    found = _find_themes(comments, n_themes=n_themes, quotes_per_theme=quotes_per_theme, rule=rule)
    _FOUND[key] = found
    while len(_FOUND) > FOUND_KEPT:
        _FOUND.popitem(last=False)
    return found


def _find_themes(comments, *, n_themes, quotes_per_theme, rule) -> CommentThemes:
    redacted = [redact(c.strip()) for c in comments if c and c.strip()]
    n = len(redacted)
    if rule.is_small(n) or n == 0:
        return CommentThemes((), n, n, small_number_reason(rule))
    if n < MIN_COMMENTS:
        return CommentThemes(
            (), n, n, format_lazy(_("Too few comments ({n}) to find themes."), n=n)
        )
    # scikit-learn is imported where it is used: it takes seconds to load, and
    # every web process imports this module through the URLs, most never
    # drawing themes (survey respondents' pages above all).
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectorizer = TfidfVectorizer(
        stop_words="english", ngram_range=(1, 2), min_df=2, max_df=0.9, sublinear_tf=True
    )
    try:
        matrix = vectorizer.fit_transform(_normalised(redacted))
    except ValueError:  # no term occurs in two comments
        return CommentThemes((), n, n, _("The comments have too little in common to find themes."))
    terms = vectorizer.get_feature_names_out()
    k = n_themes or choose_theme_count(matrix)
    weights, components = _factorise(matrix, k)
    assigned = np.where(weights.max(axis=1) > 0, weights.argmax(axis=1), -1)
    themes = [
        _theme(t, components[t], terms, redacted, matrix, assigned, quotes_per_theme, rule)
        for t in range(k)
    ]
    themes.sort(key=lambda theme: (theme.suppressed, -(theme.count or 0), theme.label))
    return CommentThemes(tuple(themes), n, int((assigned < 0).sum()))


def _normalised(comments: Sequence[str]) -> list[str]:
    """Lower-case words, markers removed, plurals folded where the singular occurs."""
    tokenised = [_TOKEN.findall(_MARKER.sub(" ", c).lower()) for c in comments]
    vocabulary = Counter(word for words in tokenised for word in words)
    fold = {}
    for word in vocabulary:
        if word.endswith("ies") and word[:-3] + "y" in vocabulary:
            fold[word] = word[:-3] + "y"
        elif word.endswith("s") and not word.endswith("ss") and word[:-1] in vocabulary:
            fold[word] = word[:-1]
    return [" ".join(fold.get(word, word) for word in words) for words in tokenised]


def _factorise(matrix, k: int) -> tuple[np.ndarray, np.ndarray]:
    from sklearn.decomposition import NMF

    model = NMF(n_components=k, init="nndsvda", random_state=RANDOM_STATE, max_iter=1000)
    return model.fit_transform(matrix), model.components_


def choose_theme_count(matrix) -> int:
    """The number of themes (2 to one per 10 comments, at most 8) with the best silhouette."""
    n_comments = matrix.shape[0]
    largest = max(2, min(MAX_THEMES, n_comments // COMMENTS_PER_THEME, matrix.shape[1]))
    from sklearn.metrics import silhouette_score

    best, best_score = 2, -np.inf
    for k in range(2, largest + 1):
        weights, _components = _factorise(matrix, k)
        has_theme = weights.max(axis=1) > 0
        labels = weights.argmax(axis=1)[has_theme]
        if len(set(labels)) < 2 or len(set(labels)) >= has_theme.sum():
            continue
        score = silhouette_score(matrix[has_theme], labels, metric="cosine")
        if score > best_score + 1e-9:
            best, best_score = k, score
    return best


def _theme(t, component, terms, comments, matrix, assigned, quotes_per_theme, rule) -> CommentTheme:
    members = np.flatnonzero(assigned == t)
    if rule.is_small(len(members)) or len(members) == 0:
        return CommentTheme("", (), None, (), suppressed=True, reason=small_number_reason(rule))
    from sklearn.metrics.pairwise import cosine_similarity

    top = _label_terms(terms[np.argsort(component)[::-1][:10]])
    centroid = np.asarray(matrix[members].mean(axis=0))
    closeness = cosine_similarity(matrix[members], centroid).ravel()
    quotes: list[str] = []
    for index in members[np.argsort(-closeness, kind="stable")]:
        quote = _shortened(comments[index])
        if quote not in quotes:
            quotes.append(quote)
        if len(quotes) == quotes_per_theme:
            break
    return CommentTheme(", ".join(top[:LABEL_TERMS]), tuple(top), len(members), tuple(quotes))


def _label_terms(ranked: Sequence[str]) -> list[str]:
    """Top terms without repeats: a word pair takes the place of a single word inside it."""
    chosen: list[str] = []
    for term in ranked:
        words = term.split()
        in_pairs = {w for c in chosen if " " in c for w in c.split()}
        if len(set(words)) < len(words) or in_pairs & set(words):
            continue  # "assessment assessment", or overlapping a pair already chosen
        inside = [i for i, c in enumerate(chosen) if c in words]
        if inside:
            chosen[inside[0]] = term
            chosen = [c for i, c in enumerate(chosen) if i not in inside[1:]]
        else:
            chosen.append(term)
    return chosen


def _shortened(text: str) -> str:
    if len(text) <= MAX_QUOTE_LENGTH:
        return text
    return text[:MAX_QUOTE_LENGTH].rsplit(" ", 1)[0] + "…"
