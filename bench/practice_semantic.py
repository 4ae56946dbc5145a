"""Search of the demo's good-practice library with and without the `semantic`
extra (docs/practice.md). Target: a search with meaning blended in under
100 ms, as for search by words.

Loads the demo's twelve case studies into a workspace of its own, then times,
the median of --repeat runs each, the library page's search (`search.find`,
first page of 20) of a few queries with the extra and, as the baseline in the
same run, by words alone (`search.search`, what `find` does without the
extra); and "similar case studies" both ways. Also the first search after a
start, which loads the model and embeds the library. Needs the extra
(`uv sync --extra semantic`).

    uv run --extra semantic python bench/practice_semantic.py [--repeat 21]
"""

import argparse
import statistics
import sys
import time
from functools import partial

from _setup import django_setup, report

TARGET_MS = 100.0
SLUG = "bench-practice-semantic"
QUERIES = ["lonely older people", "hospital discharge", "carers breaks", "kids"]


def timed(run, repeat):
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=21)
    args = parser.parse_args()
    django_setup()
    from django.db import connection

    from joinedup.demo.practice import CASE_STUDIES
    from joinedup.practice import search, semantic
    from joinedup.practice.models import CaseStudy
    from joinedup.workspaces.models import Workspace

    Workspace.objects.filter(slug=SLUG).delete()
    workspace = Workspace.objects.create(name="Bench semantic", slug=SLUG)
    for fields in CASE_STUDIES:
        CaseStudy.objects.create(workspace=workspace, **fields)
    visible = search.visible_to(workspace)
    count = visible.count()
    print(f"{connection.vendor}: the demo library, {count} case studies visible")

    started = time.perf_counter()
    if not semantic.available():
        raise SystemExit("the `semantic` extra is not installed: uv sync --extra semantic")
    search.find(visible, "lonely older people", seen_by=workspace)
    print(f"first search after a start (loads the model, embeds the library): "
          f"{(time.perf_counter() - started) * 1000:,.0f} ms")

    worst = 0.0
    for query in QUERIES:
        ms = timed(partial(search.find, visible, query, seen_by=workspace, limit=20), args.repeat)
        words = timed(partial(search.search, visible, query, seen_by=workspace, limit=20), args.repeat)
        by_words = search.search(visible, query, seen_by=workspace).total
        blended = search.find(visible, query, seen_by=workspace).total
        worst = max(worst, ms)
        report(f"{query!r} with meaning ({blended} found; by words {by_words})", ms, TARGET_MS, "ms")
        print(f"    baseline, by words alone: {words:,.2f} ms; with meaning takes {ms / words:.1f} times as long")
    first = CaseStudy.objects.filter(workspace=workspace).order_by("pk").first()
    ms = timed(partial(search.similar_to, first, workspace), args.repeat)
    semantic.model.cache_clear()
    sys.modules["wordllama"] = None  # as without the extra: similar by telling words
    words = timed(partial(search.similar_to, first, workspace), args.repeat)
    report("similar case studies with meaning", ms, TARGET_MS, "ms")
    print(f"    baseline, by telling words: {words:,.2f} ms; with meaning takes {ms / words:.1f} times as long")
    report("slowest search with meaning", worst, TARGET_MS, "ms")
    Workspace.objects.filter(slug=SLUG).delete()


if __name__ == "__main__":
    main()
