"""Search by meaning, with the optional extra (`pip install joinedup[semantic]`,
docs/adr/0019-semantic-search.md): a sentence-embedding model that the
`wordllama` package ships inside its wheel, so nothing is downloaded when it
runs. Without the package every function here answers None and the library
searches by words alone (search.py), with no error.

A case study's meaning is the embedding of its title, people and outcome
area: what it is about, not how it was done (with the problem's longer text
too, the mean of many words' vectors blurred and the judged set ranked worse). Vectors are kept in
memory per process, keyed by the case study and the time it last changed, so
an edit is embedded again on the next search and nothing is stored."""

import functools
import logging
import threading
from pathlib import Path

import numpy as np

from .models import CaseStudy

logger = logging.getLogger(__name__)

ABOUT = ("title", "user_group", "outcome_area")
# Above this many visible case studies, meaning only re-ranks the word matches:
# embedding a larger library on a first search would keep a person waiting
# (about 30,000 case studies a second on this machine; bench/README.md).
MAX_LIBRARY = 20_000

_vectors = {}  # case study id -> (updated_at, unit vector)
_lock = threading.Lock()


@functools.cache
def model():
    """The embedding model, or None when the extra is not installed (or its
    files are missing: then once, a warning in the log)."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    try:
        import wordllama
    except ImportError:
        return None
    finally:
        # wordllama calls logging.basicConfig() when imported, which would send
        # every INFO record of the whole app to stderr; Django's logging stays.
        root.handlers[:] = handlers
        root.setLevel(level)
    try:
        # The weights and tokenizer are in the package's own folders; with
        # downloads disabled a missing file is an error, never a fetch.
        return wordllama.WordLlama.load(cache_dir=Path(wordllama.__file__).parent, disable_download=True)
    except (OSError, ValueError) as error:
        logger.warning("Semantic search is off: the wordllama package is installed but its model did not load (%s)",
                       error)
        return None


def available():
    return model() is not None


def text_about(case_study):
    return ". ".join(str(getattr(case_study, name)) for name in ABOUT if getattr(case_study, name))


def embed(texts):
    """Unit vectors for `texts`, one a row."""
    vectors = model().embed(list(texts), norm=True)
    return np.nan_to_num(vectors.astype(np.float32))


def vectors_of(queryset, limit=MAX_LIBRARY):
    """The ids and unit vectors (a matrix, one row each) of the case studies
    in `queryset`, or None when there are more than `limit`."""
    stamps = list(queryset.order_by().values_list("id", "updated_at")[:limit + 1])
    if len(stamps) > limit:
        return None
    stale = [pk for pk, updated in stamps if _vectors.get(pk, (None,))[0] != updated]
    for start in range(0, len(stale), 1000):
        rows = list(CaseStudy.objects.filter(pk__in=stale[start:start + 1000]).only("updated_at", *ABOUT))
        for row, vector in zip(rows, embed(text_about(r) for r in rows), strict=True):
            with _lock:
                _vectors[row.pk] = (row.updated_at, vector)
    ids = [pk for pk, _ in stamps]
    matrix = np.stack([_vectors[pk][1] for pk in ids]) if ids else np.empty((0, 1), dtype=np.float32)
    return ids, matrix


def nearest(queryset, text, *, limit, at_least):
    """The ids of the case studies of `queryset` nearest in meaning to `text`,
    nearest first, with their similarity (cosine, -1 to 1), only those of at
    least `at_least`; None without the model or over a library too large."""
    if not available():
        return None
    library = vectors_of(queryset)
    if library is None:
        return None
    ids, matrix = library
    if not ids:
        return []
    similarity = matrix @ embed([text])[0]
    order = np.argsort(-similarity, kind="stable")[:limit]
    return [(ids[i], float(similarity[i])) for i in order if similarity[i] >= at_least]


def similarity_to(ids, text):
    """The similarity of each of the case studies `ids` to `text`, by id."""
    if not ids:
        return {}
    found, matrix = vectors_of(CaseStudy.objects.filter(pk__in=ids), limit=len(ids))
    return dict(zip(found, (matrix @ embed([text])[0]).tolist(), strict=True))
