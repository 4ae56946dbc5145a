"""Review every partnership of the bench workspace through the background
path (django-tasks-db's DatabaseBackend and its worker) and print the time
and peak memory against the targets: under 5 minutes, under 1 GB.

    uv run python bench/review_portfolio.py [--partnerships 3000] [--regenerate] [--tracemalloc]
"""

import argparse
import resource
import time
import tracemalloc

TARGET_SECONDS = 300
TARGET_MB = 1024


def main():
    from _setup import django_setup, report

    parser = argparse.ArgumentParser()
    parser.add_argument("--partnerships", type=int, default=3000)
    parser.add_argument("--slug", default="bench")
    parser.add_argument("--regenerate", action="store_true")
    parser.add_argument("--tracemalloc", action="store_true", help="also trace Python allocations (slower)")
    args = parser.parse_args()
    django_setup(tasks_backend="django_tasks_db.DatabaseBackend")

    from django.core.management import call_command
    from django.db import transaction
    from generate_workspace import generate

    from joinedup.partnerships.models import Partnership
    from joinedup.review import services
    from joinedup.review.models import Review
    from joinedup.workspaces.models import Workspace

    workspace = Workspace.objects.filter(slug=args.slug).first()
    if workspace is None or args.regenerate:
        workspace = generate(args.partnerships, slug=args.slug)
    count = Partnership.objects.filter(workspace=workspace).count()
    if args.tracemalloc:
        tracemalloc.start()
    started = time.perf_counter()
    with transaction.atomic():
        run = services.start_run(workspace, Partnership.objects.filter(workspace=workspace))
    queued = time.perf_counter()
    call_command("db_worker", batch=True, startup_delay=False, interval=0, verbosity=0)
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
    print(f"Per partnership: {1000 * elapsed / max(run.done, 1):.1f} ms")


if __name__ == "__main__":
    main()
