"""Review every partnership of the bench workspace through the background
path (django-tasks-db's DatabaseBackend and its worker) and print the time
and peak memory against the targets: under 5 minutes, under 1 GB.

    uv run python bench/review_portfolio.py [--partnerships 3000] [--regenerate] [--tracemalloc]
        [--profile FILE]

The workspace (meetings, indicators and survey waves included) is built by
generate.py in a child process, so the peak memory measured here is
the review's alone. --profile writes cProfile statistics of the queue and
worker to FILE and prints the top functions.
"""

import argparse
import cProfile
import os
import pstats
import resource
import subprocess
import sys
import time
import tracemalloc
import warnings
from collections import Counter
from pathlib import Path

TARGET_SECONDS = 300
TARGET_MB = 1024
HERE = Path(__file__).resolve().parent


def _count_warnings():
    """Count the warnings the statistics raise on this data instead of printing each."""
    seen = Counter()

    def show(message, category, filename, lineno, file=None, line=None):
        seen[f"{category.__name__} at {Path(filename).name}:{lineno}"] += 1

    warnings.simplefilter("always")
    warnings.showwarning = show
    return seen


def _generate(partnerships, slug):
    os.environ.setdefault("JOINEDUP_DATA_DIR", str(HERE / ".data"))
    command = [sys.executable, str(HERE / "generate.py"), "--partnerships", str(partnerships),
               "--slug", slug]
    print("Generating:", " ".join(command[1:]), flush=True)
    subprocess.run(command, check=True)


def main():
    from _setup import django_setup, report

    parser = argparse.ArgumentParser()
    parser.add_argument("--partnerships", type=int, default=3000)
    parser.add_argument("--slug", default="bench")
    parser.add_argument("--regenerate", action="store_true")
    parser.add_argument("--tracemalloc", action="store_true", help="also trace Python allocations (slower)")
    parser.add_argument("--profile", metavar="FILE", help="cProfile the queue and worker into FILE")
    args = parser.parse_args()
    django_setup(tasks_backend="django_tasks_db.DatabaseBackend")

    from django.core.management import call_command
    from django.db import connection, transaction

    from joinedup.partnerships.models import Partnership
    from joinedup.review import services
    from joinedup.review.models import Review
    from joinedup.workspaces.models import Workspace

    workspace = Workspace.objects.filter(slug=args.slug).first()
    if workspace is None or args.regenerate:
        connection.close()  # the child writes the database
        _generate(args.partnerships, args.slug)
        workspace = Workspace.objects.get(slug=args.slug)
    count = Partnership.objects.filter(workspace=workspace).count()
    print(f"Database: {connection.vendor} {connection.settings_dict['NAME']}; load average "
          + " ".join(f"{x:.1f}" for x in os.getloadavg()), flush=True)
    import joinedup.indicators.stats  # noqa: F401  (its libraries set their own warning filters on import)

    seen = _count_warnings()
    if args.tracemalloc:
        tracemalloc.start()
    profiler = cProfile.Profile() if args.profile else None
    started = time.perf_counter()
    if profiler:
        profiler.enable()
    with transaction.atomic():
        run = services.start_run(workspace, Partnership.objects.filter(workspace=workspace))
    queued = time.perf_counter()
    call_command("db_worker", batch=True, startup_delay=False, interval=0, verbosity=0)
    if profiler:
        profiler.disable()
    elapsed = time.perf_counter() - started
    run.refresh_from_db()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"Reviewed {run.done:,} of {count:,} partnerships ({run.failed} failed); "
          f"queued in {queued - started:.2f} s; {Review.objects.filter(run=run).count():,} reviews stored")
    report("Time, queue + worker", elapsed, TARGET_SECONDS, "s")
    report("Peak memory (max RSS of the process)", peak_mb, TARGET_MB, "MB")
    if args.tracemalloc:
        _, traced_peak = tracemalloc.get_traced_memory()
        report("Peak Python allocations (tracemalloc)", traced_peak / 2**20, TARGET_MB, "MB")
    print(f"Per partnership: {1000 * elapsed / max(run.done, 1):.1f} ms; load average now "
          + " ".join(f"{x:.1f}" for x in os.getloadavg()))
    if seen:
        print(f"{sum(seen.values()):,} warnings from the statistics, not shown; most frequent:")
        for where, n in seen.most_common(5):
            print(f"  {n:,} × {where}")
    if profiler:
        profiler.dump_stats(args.profile)
        stats = pstats.Stats(args.profile)
        stats.sort_stats("cumulative").print_stats(r"joinedup", 30)


if __name__ == "__main__":
    main()
