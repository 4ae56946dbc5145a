"""CPU per request of a survey submission against the bare one-row-insert
view, measured in one process with Django's WSGI handler (what gunicorn
calls) on PostgreSQL, with no network and no other clients. What it counts
is the CPU time this process spends per request (time.process_time, which
the shared machine's load barely moves, unlike wall-clock throughput) and
the CPU of the PostgreSQL backend serving it, plus the queries per request.
This is what the submission path is trimmed against; bench/survey_load.py
measures the same two views under concurrent load.

    uv run python bench/survey_submission_cpu.py [--requests 2000] [--rounds 4] [--database NAME]
                                                  [--profile survey|bare]

It creates a database (--database, default joinedup_cpu_<pid>) on the
PostgreSQL server of BENCH_POSTGRES (default postgres://postgres@127.0.0.1:5432),
migrates it, opens a wave with enough links, then runs --rounds alternating
rounds of --requests POSTs to each view (so that a change in the machine's
speed falls on both alike) and drops the database. Targets (issue 20): the
survey submission costs at most twice the bare view's server CPU (ratio
≥ 0.5), stretch 1.25 times (0.8). --profile runs cProfile over one view's
requests instead and prints its top entries.
"""

import argparse
import cProfile
import io
import os
import pstats
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

import psycopg

ROOT = Path(__file__).resolve().parents[1]
SUPPORT = Path(__file__).resolve().parent / "survey_load_support"
SERVER = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
FORM = {"told_story": "3", "passed_between": "yes", "services_talk": "no", "knew_contact": "unsure",
        "what_matters": "Staying at home with my family", "action": "send"}


def environment(database):
    os.environ.update(
        DATABASE_URL=f"{SERVER}/{database}", DJANGO_SETTINGS_MODULE="bench_settings",
        JOINEDUP_BENCH_BARE_VIEW="1", CONN_MAX_AGE="600", LOG_LEVEL="ERROR",
    )
    os.environ.pop("DEBUG", None)
    os.environ["PYTHONPATH"] = os.pathsep.join([str(SUPPORT), str(ROOT / "src")])
    sys.path[:0] = [str(SUPPORT), str(ROOT / "src")]


def backend_cpu(pid):
    """User + system CPU seconds of one PostgreSQL backend (Linux /proc; the
    server is on this machine)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def environ_for(path, body):
    return {
        "REQUEST_METHOD": "POST", "PATH_INFO": path, "SCRIPT_NAME": "", "QUERY_STRING": "",
        "SERVER_NAME": "127.0.0.1", "SERVER_PORT": "8000", "HTTP_HOST": "127.0.0.1",
        "REMOTE_ADDR": "127.0.0.1", "SERVER_PROTOCOL": "HTTP/1.1", "CONTENT_TYPE": "application/x-www-form-urlencoded",
        "CONTENT_LENGTH": str(len(body)), "wsgi.input": io.BytesIO(body), "wsgi.url_scheme": "http",
        "wsgi.errors": sys.stderr, "wsgi.multithread": False, "wsgi.multiprocess": True, "wsgi.run_once": False,
        "wsgi.version": (1, 0),
    }


def send(handler, path, body):
    """One request through the WSGI handler; returns its status code."""
    status = []
    result = handler(environ_for(path, body), lambda s, headers, exc_info=None: status.append(s))
    try:
        for _chunk in result:
            pass
    finally:
        if hasattr(result, "close"):
            result.close()
    return int(status[0].split()[0])


def run(args, database):
    environment(database)
    subprocess.run([sys.executable, "-m", "django", "migrate", "-v", "0"], check=True, cwd=ROOT)
    with psycopg.connect(f"{SERVER}/{database}", autocommit=True) as connection:
        connection.execute("CREATE TABLE bench_bare (id bigserial PRIMARY KEY, body text)")
    rounds = max(1, args.rounds)
    made = subprocess.run([sys.executable, str(SUPPORT / "setup_wave.py"), str(args.requests * rounds + 100)],
                          check=True, cwd=ROOT, capture_output=True, text=True).stdout.split()
    outcome, tokens = made[0], made[1:]

    import django

    django.setup()
    from django.core.wsgi import get_wsgi_application
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from joinedup.surveys.sealing import sealer

    handler = get_wsgi_application()
    survey_body = urlencode({**FORM, "outcomes": outcome}).encode()
    bare_body = urlencode({"body": FORM["what_matters"]}).encode()
    survey = [(f"/s/{token}/", survey_body) for token in tokens]
    bare = ("/bench/bare/", bare_body)

    def phase(requests, expected):
        statuses = [send(handler, path, body) for path, body in requests]
        wrong = [s for s in statuses if s != expected]
        if wrong:
            raise SystemExit(f"unexpected statuses: {sorted(set(wrong))}")

    # Warm both (imports, prepared statements, caches), and count queries.
    phase(survey[:50], 302)
    phase([bare] * 50, 200)
    survey = survey[50:]
    # Read at once: the log is emptied as the next request starts.
    with CaptureQueriesContext(connection) as captured:
        phase(survey[:10], 302)
    queries = {"survey": len(captured.captured_queries) / 10}
    with CaptureQueriesContext(connection) as captured:
        phase([bare] * 10, 200)
    queries["bare"] = len(captured.captured_queries) / 10
    survey = survey[10:]
    sealer.wait()

    if args.profile:
        requests = survey[:args.requests] if args.profile == "survey" else [bare] * args.requests
        expected = 302 if args.profile == "survey" else 200
        profiler = cProfile.Profile(time.process_time)  # CPU, not waiting on PostgreSQL
        profiler.runcall(phase, requests, expected)
        stats = pstats.Stats(profiler)
        if args.dump:
            stats.dump_stats(args.dump)
        stats.sort_stats(args.sort).print_stats(args.top)
        return True

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        backend = cursor.fetchone()[0]
    totals = {"bare": [0.0, 0.0, 0.0], "survey": [0.0, 0.0, 0.0]}
    print(f"{rounds} alternating rounds of {args.requests} POSTs each, in-process WSGI handler, "
          f"PostgreSQL; load average {loadavg()}")
    for r in range(rounds):
        mine, survey = survey[:args.requests], survey[args.requests:]
        for name, requests, expected in (("bare", [bare] * args.requests, 200), ("survey", mine, 302)):
            cpu, db, wall = time.process_time(), backend_cpu(backend), time.perf_counter()
            phase(requests, expected)
            if name == "survey":
                sealer.wait()  # the seals its requests asked for are part of their cost
            used = (time.process_time() - cpu, backend_cpu(backend) - db, time.perf_counter() - wall)
            totals[name] = [t + u for t, u in zip(totals[name], used, strict=True)]
            print(f"round {r + 1} {name:<7} server CPU {used[0] * 1000 / args.requests:.3f} ms/request, "
                  f"PostgreSQL backend {used[1] * 1000 / args.requests:.3f} ms, wall {used[2] * 1000 / args.requests:.3f} ms")
    count = args.requests * rounds
    per = {name: [t * 1000 / count for t in values] for name, values in totals.items()}
    print(f"\nover {rounds} rounds ({count} requests each):")
    for name in ("bare", "survey"):
        print(f"{name:<7} server CPU {per[name][0]:.3f} ms/request, PostgreSQL backend {per[name][1]:.3f} ms "
              f"(the sealer's backend not included), wall {per[name][2]:.3f} ms, "
              f"queries {queries[name]:.1f}/request")
    ratio = per["bare"][0] / per["survey"][0]
    print(f"ratio bare/survey server CPU: {ratio:.2f} (target ≥ 0.50, stretch 0.80)")
    both = (per["bare"][0] + per["bare"][1]) / (per["survey"][0] + per["survey"][1])
    print(f"ratio bare/survey server + PostgreSQL CPU: {both:.2f}")
    return ratio >= 0.5


def loadavg():
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000, help="requests per round to each view")
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--database", default=f"joinedup_cpu_{os.getpid()}")
    parser.add_argument("--profile", choices=["survey", "bare"], help="cProfile one view's requests instead")
    parser.add_argument("--sort", default="cumulative", help="cProfile sort key (with --profile)")
    parser.add_argument("--dump", help="also write the profile to this file (with --profile)")
    parser.add_argument("--top", type=int, default=60, help="entries printed (with --profile)")
    args = parser.parse_args()
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as connection:
        connection.execute(f"CREATE DATABASE {args.database}")
    try:
        ok = run(args, args.database)
    finally:
        from django.db import connections

        connections.close_all()
        with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as connection:
            connection.execute(f"DROP DATABASE IF EXISTS {args.database} WITH (FORCE)")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
