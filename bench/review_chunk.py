"""Where one chunk of a portfolio review goes (issue 19): the register and each
capability's facts (`review/facts.py`, each app's `facts_for`) timed and their
queries counted apart, then the rules and the stored reviews, for the first
`--count` partnerships of a workspace, as `review_chunk` reviews them.

    DATABASE_URL=postgres://…/<copy of the national set> \\
        uv run python bench/review_chunk.py [--slug nat-001] [--count 200] [--repeat 1] [--profile FILE]

The network's kept figures of the day are worked out first, and timed apart
(`network.kept.network_as_at`): a portfolio run works them out before its
chunks (`review.services.start_run`). The reviews are written in a
transaction rolled back at the end, so the database is left as it was.
`--profile` also runs the whole chunk under cProfile and prints its top
functions."""

import argparse
import cProfile
import os
import pstats
import time


def load():
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def main():
    from _setup import django_setup

    parser = argparse.ArgumentParser()
    parser.add_argument("--slug", default="nat-001")
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--profile", metavar="FILE")
    args = parser.parse_args()
    django_setup()

    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from joinedup.network import kept
    from joinedup.partnerships.models import Partnership
    from joinedup.review import facts
    from joinedup.review.services import review_partnerships
    from joinedup.workspaces.models import Workspace

    workspace = Workspace.objects.get(slug=args.slug)
    ids = list(Partnership.objects.filter(workspace=workspace).order_by("pk").values_list("pk", flat=True)[:args.count])
    chunk = Partnership.objects.filter(workspace=workspace, pk__in=ids)
    as_of = timezone.localdate()
    print(f"{connection.vendor} {connection.settings_dict['NAME']}: {args.slug}, {len(ids)} partnerships; "
          f"load average {load()}", flush=True)

    started = time.perf_counter()
    kept.network_as_at(workspace, as_of, wait=True)
    print(f"network figures of the day (kept, or worked out now): {time.perf_counter() - started:.2f} s", flush=True)

    for _ in range(args.repeat):
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            register = facts.read_register(chunk)
        print(f"{'register':<10} {time.perf_counter() - started:7.2f} s {len(queries):5} queries", flush=True)
        for name, module in facts.CAPABILITY_SOURCES.items():
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                module.facts_for(register, as_of)
            sql = sum(float(q["time"]) for q in queries.captured_queries)
            print(f"{name:<10} {time.perf_counter() - started:7.2f} s {len(queries):5} queries "
                  f"(SQL {sql:.2f} s)", flush=True)
        started = time.perf_counter()
        with transaction.atomic(), CaptureQueriesContext(connection) as queries:
            review_partnerships(chunk, as_of=as_of)
            transaction.set_rollback(True)
        print(f"{'chunk':<10} {time.perf_counter() - started:7.2f} s {len(queries):5} queries "
              f"(everything: register, facts, rules, reviews stored); load average {load()}", flush=True)

    if args.profile:
        profiler = cProfile.Profile()
        with transaction.atomic():
            profiler.enable()
            review_partnerships(chunk, as_of=as_of)
            profiler.disable()
            transaction.set_rollback(True)
        profiler.dump_stats(args.profile)
        pstats.Stats(args.profile).sort_stats("cumulative").print_stats(r"joinedup", 40)


if __name__ == "__main__":
    main()
