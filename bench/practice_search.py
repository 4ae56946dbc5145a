"""Search of the good-practice library over 100,000 case studies.
Target: every query under 100 ms, on SQLite and on PostgreSQL
(DATABASE_URL=postgres://... to run it there).

Builds (once, or with --regenerate) a workspace of case studies whose texts are
drawn from a vocabulary of 20,000 words with Zipf's law of word frequencies (the
demo library's real words among the commonest 3,000, so that "hospital" is
found in about a fifth of the case studies, as in a real library about health
and care), half published to everyone; then times
typical queries through `practice.search.search` as the library page runs them
(count + first page of 20), the median of --repeat runs each. Beside each, the
baseline measured in the same run: the same words found with a plain
case-insensitive scan (`icontains` on every searched column), which is what
search would cost without the full-text index.

    uv run python bench/practice_search.py [--count 100000] [--repeat 7] [--regenerate]
"""

import argparse
import itertools
import random
import statistics
import time
from functools import partial

from _setup import django_setup, report

TARGET_MS = 100.0
SLUG = "bench-practice"
QUERIES = [
    ("one common word", "hospital", {}),
    ("one rare word", "hostel", {}),
    ("three words", "older hospital home", {}),
    ("two words and two filters", "carers breaks", {"form": "joint_commissioning", "strength": "before_after"}),
    # As "similar case studies" and "examples from elsewhere" ask: any word, three, no count.
    ("any of five words (similar)", "discharge hospital older people home", {"any": True, "similar": True}),
]


def build(count, seed=1):
    from django.db import transaction

    from joinedup.demo.practice import CASE_STUDIES
    from joinedup.partnerships.models import Form
    from joinedup.practice.models import CaseStudy, EvidenceStrength, Visibility
    from joinedup.workspaces.models import Workspace

    Workspace.objects.filter(slug=SLUG).delete()
    workspace = Workspace.objects.create(name="Bench practice", slug=SLUG)
    rng = random.Random(seed)
    real = sorted({w.lower() for c in CASE_STUDIES for key in ("problem", "what_we_did", "outcomes", "lessons")
                   for w in c[key].replace("-", " ").split() if w.isalpha()})
    vocabulary = [f"w{n}x" for n in range(20_000)]
    for word, rank in zip(real, rng.sample(range(3_000), len(real)), strict=True):
        vocabulary[rank] = word
    cumulative = list(itertools.accumulate(1 / (rank + 1) ** 1.07 for rank in range(len(vocabulary))))

    def text(n):
        return " ".join(rng.choices(vocabulary, cum_weights=cumulative, k=n))

    started = time.perf_counter()
    with transaction.atomic():
        batch = []
        for n in range(count):
            template = CASE_STUDIES[n % len(CASE_STUDIES)]
            batch.append(CaseStudy(
                workspace=workspace, title=f"{text(4)} {n}".capitalize(), problem=text(25),
                user_group=template["user_group"], outcome_area=template["outcome_area"],
                sectors=template["sectors"], partners=text(15), form=rng.choice(Form.values),
                what_we_did=text(60), outcomes=text(30), evidence=text(15),
                evidence_strength=rng.choice(EvidenceStrength.values), lessons=text(30),
                visibility=Visibility.EVERYONE if n % 2 else Visibility.WORKSPACE,
            ))
            if len(batch) == 2000:
                CaseStudy.objects.bulk_create(batch)
                batch = []
        CaseStudy.objects.bulk_create(batch)
    print(f"built {count:,} case studies in {time.perf_counter() - started:.1f} s")


def scan(queryset, query, any_term):
    """The baseline: the same words found by a case-insensitive scan of every searched column."""
    from django.db.models import Q

    from joinedup.practice import search

    condition = Q()
    for term in search.terms_of(query):
        column_match = Q()
        for column in search.COLUMNS:
            column_match |= Q(**{f"{column}__icontains": term})
        condition = (condition | column_match) if any_term else (condition & column_match)
    matched = queryset.filter(condition)
    return matched.count(), list(matched.order_by("-published_at")[:20])


def as_similar(queryset, query, reader):
    """What "similar case studies" asks: the telling words chosen, then any of them, three, no count."""
    from joinedup.practice import search

    terms = search.telling(search.terms_of(query), at_least=2)
    return search.search(queryset, " ".join(terms), seen_by=reader, any_term=True, limit=3, count=False)


def timed(function, repeat):
    function()
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        runs.append((time.perf_counter() - started) * 1000)
    return statistics.median(runs)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--regenerate", action="store_true")
    args = parser.parse_args()
    django_setup()
    from django.db import connection

    from joinedup.practice import search
    from joinedup.practice.models import CaseStudy
    from joinedup.practice.views import filtered
    from joinedup.workspaces.models import Workspace

    workspace = Workspace.objects.filter(slug=SLUG).first()
    if args.regenerate or workspace is None or CaseStudy.objects.filter(workspace=workspace).count() != args.count:
        build(args.count)
        workspace = Workspace.objects.get(slug=SLUG)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE practice_casestudy")
    # Another workspace, which sees only what was published to everyone.
    reader, _ = Workspace.objects.get_or_create(slug=f"{SLUG}-reader", defaults={"name": "Bench reader"})
    print(f"{connection.vendor}: {CaseStudy.objects.filter(workspace=workspace).count():,} case studies")
    worst = 0.0
    for label, query, options in QUERIES:
        options = dict(options)
        any_term = options.pop("any", False)
        similar = options.pop("similar", False)
        queryset = filtered(search.visible_to(reader), options)
        if similar:
            run = partial(as_similar, queryset, query, reader)
        else:
            run = partial(search.search, queryset, query, seen_by=reader, any_term=any_term, limit=20)
        found = search.search(queryset, query, seen_by=reader, any_term=any_term, limit=1).total
        ms = timed(run, args.repeat)
        baseline = timed(partial(scan, queryset, query, any_term), max(1, args.repeat // 3))
        worst = max(worst, ms)
        report(f"{label} ({query!r}, {found:,} found)", ms, TARGET_MS, "ms")
        print(f"    baseline, a plain scan: {baseline:,.1f} ms; search takes {ms / baseline:.3f} of it")
    report("slowest query", worst, TARGET_MS, "ms")


if __name__ == "__main__":
    main()
