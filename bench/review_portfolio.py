"""Review partnerships through the background path (django-tasks-db's
DatabaseBackend) with several `joinedup worker` processes, and print the time
and each worker's peak memory against the targets (issue 19): 3,000
partnerships under 5 minutes with two workers, each under 1 GB.

    uv run python bench/review_portfolio.py [--partnerships 3000] [--regenerate] [--workers 2]
        [--slug bench | --all-workspaces] [--profile FILE]

By default the bench workspace (meetings, indicators and survey waves
included), built by generate.py in a child process; `--all-workspaces` queues
every workspace instead (the national set: `DATABASE_URL=postgres://…/<copy of it>
uv run python bench/review_portfolio.py --all-workspaces`). This process queues
the runs (`start_run`, chunks of `CHUNK_SIZE` partnerships), then starts
`--workers` processes of `joinedup worker --batch` (each stops when the queue
is empty) and waits for them; the peak memory is each worker's own max RSS.
--profile runs one worker in this process under cProfile instead, writes the
statistics to FILE and prints the top functions.
"""

import argparse
import cProfile
import os
import pstats
import resource
import subprocess
import sys
import time
from pathlib import Path

TARGET_SECONDS = 300
TARGET_PARTNERSHIPS = 3000
TARGET_MB = 1024
HERE = Path(__file__).resolve().parent
DATABASE_BACKEND = "django_tasks_db.DatabaseBackend"


def _generate(partnerships, slug):
    os.environ.setdefault("JOINEDUP_DATA_DIR", str(HERE / ".data"))
    command = [sys.executable, str(HERE / "generate.py"), "--partnerships", str(partnerships),
               "--slug", slug]
    print("Generating:", " ".join(command[1:]), flush=True)
    subprocess.run(command, check=True)


def start_workers(count):
    """`count` new processes of `joinedup worker --batch`, quiet, with the database backend."""
    env = {**os.environ, "TASKS_BACKEND": DATABASE_BACKEND, "LOG_LEVEL": "WARNING",
           "PYTHONWARNINGS": "ignore"}
    command = [sys.executable, "-m", "joinedup", "worker", "--batch", "--no-startup-delay", "--interval", "0"]
    return [subprocess.Popen(command, env=env, cwd=HERE.parent, stdout=subprocess.DEVNULL)
            for _ in range(count)]


def wait_for(workers):
    """{pid: (exit status, max RSS in MB, CPU seconds)} of each worker, as it ends (os.wait4:
    its own rusage). The CPU time, unlike the wall time, hardly depends on how busy the machine is."""
    ended = {}
    for worker in workers:
        _, status, usage = os.wait4(worker.pid, 0)
        worker.returncode = os.waitstatus_to_exitcode(status)
        ended[worker.pid] = (worker.returncode, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime)
    return ended


def review_through_workers(workspaces, workers=2):
    """Queue a run over every partnership of each workspace, then let `workers` worker
    processes review them. Returns {"runs", "seconds", "queued_seconds", "peak_mb": [...]}."""
    from django.db import transaction

    from joinedup.partnerships.models import Partnership
    from joinedup.review import services

    started = time.perf_counter()
    with transaction.atomic():
        runs = [services.start_run(ws, Partnership.objects.filter(workspace=ws)) for ws in workspaces]
    queued = time.perf_counter()
    ended = wait_for(start_workers(workers))
    seconds = time.perf_counter() - started
    failed = [pid for pid, (code, _, _) in ended.items() if code != 0]
    if failed:
        raise SystemExit(f"worker(s) {failed} failed")
    for run in runs:
        run.refresh_from_db()
    return {"runs": runs, "seconds": seconds, "queued_seconds": queued - started,
            "peak_mb": [mb for _, mb, _ in ended.values()], "cpu_seconds": [cpu for _, _, cpu in ended.values()]}


def main():
    from _setup import django_setup, report

    parser = argparse.ArgumentParser()
    parser.add_argument("--partnerships", type=int, default=3000)
    parser.add_argument("--slug", default="bench")
    parser.add_argument("--all-workspaces", action="store_true", help="review every workspace's partnerships")
    parser.add_argument("--regenerate", action="store_true")
    parser.add_argument("--workers", type=int, default=2, help="worker processes (default 2)")
    parser.add_argument("--profile", metavar="FILE", help="one worker, in this process, under cProfile")
    args = parser.parse_args()
    django_setup(tasks_backend=DATABASE_BACKEND)

    from django.core.management import call_command
    from django.db import connection, transaction

    from joinedup.partnerships.models import Partnership
    from joinedup.review import services
    from joinedup.review.models import Review
    from joinedup.workspaces.models import Workspace

    if args.all_workspaces:
        workspaces = list(Workspace.objects.order_by("pk"))
    else:
        workspace = Workspace.objects.filter(slug=args.slug).first()
        if workspace is None or args.regenerate:
            connection.close()  # the child writes the database
            _generate(args.partnerships, args.slug)
            workspace = Workspace.objects.get(slug=args.slug)
        workspaces = [workspace]
    count = Partnership.objects.filter(workspace__in=workspaces).count()
    print(f"Database: {connection.vendor} {connection.settings_dict['NAME']}; {count:,} partnerships in "
          f"{len(workspaces)} workspace(s); load average " + " ".join(f"{x:.1f}" for x in os.getloadavg()),
          flush=True)
    if args.profile:
        import warnings

        warnings.simplefilter("ignore")
        profiler = cProfile.Profile()
        started = time.perf_counter()
        with transaction.atomic():
            runs = [services.start_run(ws, Partnership.objects.filter(workspace=ws)) for ws in workspaces]
        profiler.enable()
        call_command("db_worker", batch=True, startup_delay=False, interval=0, verbosity=0)
        profiler.disable()
        elapsed = time.perf_counter() - started
        for run in runs:
            run.refresh_from_db()
        peaks = [resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024]
    else:
        found = review_through_workers(workspaces, args.workers)
        runs, elapsed, peaks = found["runs"], found["seconds"], found["peak_mb"]
        print(f"Queued in {found['queued_seconds']:.2f} s; the workers' CPU time: "
              + ", ".join(f"{cpu:.1f} s" for cpu in found["cpu_seconds"])
              + f" ({sum(found['cpu_seconds']):.1f} s in all)", flush=True)
    done, failed = sum(r.done for r in runs), sum(r.failed for r in runs)
    stored = Review.objects.filter(run__in=runs).count()
    print(f"Reviewed {done:,} of {count:,} partnerships ({failed} failed); {stored:,} reviews stored; "
          f"{len(peaks)} worker(s)")
    report("Time, queue + workers", elapsed, TARGET_SECONDS, "s")
    report(f"The same rate for {TARGET_PARTNERSHIPS:,} partnerships", elapsed * TARGET_PARTNERSHIPS / max(done, 1),
           TARGET_SECONDS, "s")
    report("Peak memory of the biggest worker (max RSS)", max(peaks), TARGET_MB, "MB")
    print(f"Per partnership: {1000 * elapsed / max(done, 1):.1f} ms of wall time; load average now "
          + " ".join(f"{x:.1f}" for x in os.getloadavg()))
    if args.profile:
        profiler.dump_stats(args.profile)
        stats = pstats.Stats(args.profile)
        stats.sort_stats("cumulative").print_stats(r"joinedup", 30)


if __name__ == "__main__":
    main()
