"""Load benchmark of survey submissions: many concurrent respondents against
gunicorn and PostgreSQL on loopback, side by side with a bare Django view
that inserts one row on the same server.

    uv run python bench/survey_load.py [--submissions 3000] [--rounds 10] [--concurrency 32,64]
                                       [--workers 4] [--port 0] [--database NAME]

It creates a database (--database, default joinedup_bench_<pid>) on the
PostgreSQL server of BENCH_POSTGRES (default postgres://postgres@127.0.0.1:5432),
migrates it, opens a wave with enough single-use links, starts gunicorn on
127.0.0.1 (--port, default any free one) with
bench/survey_load_support/bench_settings.py (which adds the bare view only
because JOINEDUP_BENCH_BARE_VIEW=1), then, at each concurrency, sends rounds
of --submissions requests to each, alternately. Every acknowledged answer (a
redirect to the thank-you page) must be in the database afterwards, and
nothing else. The database is dropped at the end.

Targets (issues 5 and 20): no 5xx response at all; in every round at least
300 submissions a second with p99 under 250 ms; at least half the bare
view's throughput. It exits non-zero when any is missed.
"""

import argparse
import asyncio
import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode
from urllib.request import urlopen

import psycopg

ROOT = Path(__file__).resolve().parents[1]
SUPPORT = Path(__file__).resolve().parent / "survey_load_support"
SERVER = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
TIME_LIMIT = 60.0  # seconds per phase, whatever happens
cut_off = 0  # requests sent but cut off by the time limit: maybe stored, never acknowledged


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def environment(database):
    env = dict(os.environ)
    env.update(
        DATABASE_URL=f"{SERVER}/{database}", DJANGO_SETTINGS_MODULE="bench_settings",
        JOINEDUP_BENCH_BARE_VIEW="1", PYTHONPATH=os.pathsep.join([str(SUPPORT), str(ROOT / "src")]),
        CONN_MAX_AGE="600", LOG_LEVEL="ERROR",
    )
    return env


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000 if ordered else float("nan")


async def request(host, port, method, path, body=b"", headers=""):
    """One HTTP/1.1 request on its own connection (gunicorn's sync workers close
    each connection anyway); returns the status code. Written on asyncio's
    streams rather than an HTTP client library so that the load generator,
    which shares the two cores with the server, uses as little CPU as it can.
    `headers`: extra header lines, each ending in CRLF."""
    reader, writer = await asyncio.open_connection(host, port)
    try:
        writer.write(
            f"{method} {path} HTTP/1.1\r\nHost: {host}:{port}\r\nConnection: close\r\n{headers}"
            f"Content-Length: {len(body)}\r\n\r\n".encode()
            + body
        )
        status_line = await reader.readline()
        await reader.read()  # the rest, until the server closes
        return int(status_line.split()[1])
    finally:
        writer.close()


async def post(host, port, path, body):
    """A form POSTed, as a respondent's browser sends it."""
    return await request(host, port, "POST", path, body, "Content-Type: application/x-www-form-urlencoded\r\n")


async def phase(base, requests, concurrency, send=post):
    """Send (path, form) requests with at most `concurrency` in flight; return
    (acknowledged, latencies, seconds, server errors). `send(host, port, path,
    body)` sends one (a form POSTed, unless told otherwise)."""
    host, port = base.removeprefix("http://").split(":")
    queue = asyncio.Queue()
    for path, form in requests:
        queue.put_nowait((path, urlencode(form).encode()))
    latencies, acknowledged, errors, in_flight = [], 0, 0, 0

    async def respondent():
        nonlocal acknowledged, errors, in_flight
        while not queue.empty():
            path, body = queue.get_nowait()
            started = time.perf_counter()
            in_flight += 1
            status = await asyncio.wait_for(send(host, int(port), path, body), 30)
            in_flight -= 1
            latencies.append(time.perf_counter() - started)
            if status in (200, 302):
                acknowledged += 1
            elif status >= 500:
                errors += 1

    started = time.perf_counter()
    try:
        await asyncio.wait_for(asyncio.gather(*(respondent() for _ in range(concurrency))), TIME_LIMIT)
    except TimeoutError:
        global cut_off
        cut_off += in_flight
        print(f"stopped at the {TIME_LIMIT:.0f} s limit with {queue.qsize()} requests unsent "
              f"and {in_flight} cut off unanswered")
    return acknowledged, latencies, time.perf_counter() - started, errors


def report(name, count, acknowledged, latencies, seconds, errors):
    rate = acknowledged / seconds
    print(f"{name:<22} {acknowledged:>6}/{count:<6} in {seconds:6.2f} s = {rate:7.1f}/s   "
          f"p50 {percentile(latencies, 0.5):6.1f} ms  p95 {percentile(latencies, 0.95):6.1f} ms  "
          f"p99 {percentile(latencies, 0.99):6.1f} ms  max {max(latencies, default=0) * 1000:6.1f} ms  "
          f"5xx {errors}")
    return rate


def cpu_seconds(pids):
    """User + system CPU time of these processes so far (Linux /proc)."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def server_pids(server):
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
    return [server.pid, *map(int, children)]


def postgres_pids():
    return [int(p.name) for p in Path("/proc").iterdir() if p.name.isdigit() and _command(p) == "postgres"]


def _command(proc):
    try:
        return (proc / "comm").read_text().strip()
    except OSError:
        return ""


def measured(server, run_phase):
    """Run a phase and also return the CPU milliseconds it took, per request,
    in the server, in PostgreSQL and in this load generator."""
    pids = server_pids(server), postgres_pids()
    before = cpu_seconds(pids[0]), cpu_seconds(pids[1]), time.process_time()
    acknowledged, latencies, seconds, errors = run_phase()
    after = cpu_seconds(pids[0]), cpu_seconds(pids[1]), time.process_time()
    count = max(len(latencies), 1)
    cpu = [(a - b) * 1000 / count for a, b in zip(after, before, strict=True)]
    return (acknowledged, latencies, seconds, errors), cpu


def combined(runs):
    """One phase's figures from its rounds: acknowledged and seconds summed,
    latencies pooled, CPU per request weighted by each round's requests."""
    acknowledged = sum(r[0][0] for r in runs)
    latencies = [x for r in runs for x in r[0][1]]
    seconds = sum(r[0][2] for r in runs)
    errors = sum(r[0][3] for r in runs)
    count = max(len(latencies), 1)
    cpu = [sum(r[1][k] * len(r[0][1]) for r in runs) / count for k in range(3)]
    return (acknowledged, latencies, seconds, errors), cpu


def cpu_line(cpu):
    return f"{'':<22} CPU per request: server {cpu[0]:.2f} ms, PostgreSQL {cpu[1]:.2f} ms, load generator {cpu[2]:.2f} ms"


def wait_for(base, process):
    # Up to five minutes: on a busy shared machine the workers start slowly.
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit("gunicorn stopped")
        try:
            with urlopen(base + "/s/", timeout=60):
                return
        except OSError:
            time.sleep(0.1)
    raise SystemExit("gunicorn did not start")


def run(args, database):
    env = environment(database)
    python = [sys.executable]
    subprocess.run([*python, "-m", "django", "migrate", "-v", "0"], env=env, check=True, cwd=ROOT)
    with psycopg.connect(f"{SERVER}/{database}", autocommit=True) as connection:
        connection.execute("CREATE TABLE bench_bare (id bigserial PRIMARY KEY, body text)")
    rounds = max(1, args.rounds)
    total = args.submissions * rounds * len(args.concurrency) + args.warmup
    made = subprocess.run([*python, str(SUPPORT / "setup_wave.py"), str(total)], env=env, check=True,
                          cwd=ROOT, capture_output=True, text=True).stdout.split()
    outcome, tokens = made[0], made[1:]
    port = args.port or free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [*python, "-m", "gunicorn", "joinedup.wsgi:application", "--workers", str(args.workers),
         "--bind", f"127.0.0.1:{port}", "--log-level", "warning", "--backlog", "2048", "--timeout", "120"],
        env=env, cwd=ROOT,
    )
    checks, acknowledged = {}, args.warmup
    try:
        wait_for(base, server)
        form = {"told_story": "3", "passed_between": "yes", "services_talk": "no", "knew_contact": "unsure",
                "outcomes": outcome, "what_matters": "Staying at home with my family", "action": "send"}
        survey = [(f"/s/{t}/", form) for t in tokens]
        bare = [("/bench/bare/", {"body": "Staying at home with my family"})] * args.submissions
        warm = asyncio.run(phase(base, survey[:args.warmup] + bare[:args.warmup], args.concurrency[0]))
        errors = warm[3]
        unsent = survey[args.warmup:]
        for concurrency in args.concurrency:
            print(f"\n{rounds} rounds of {args.submissions} requests each, {concurrency} at a time, gunicorn "
                  f"with {args.workers} workers, PostgreSQL on loopback; load average {loadavg()}")
            # Alternate rounds of each, so that a change in the machine's speed
            # during the run (it is shared) falls on both alike.
            runs = {"bare": [], "survey": []}
            for r in range(rounds):
                mine, unsent = unsent[:args.submissions], unsent[args.submissions:]
                runs["bare"].append(measured(server, lambda c=concurrency: asyncio.run(phase(base, bare, c))))
                runs["survey"].append(
                    measured(server, lambda m=mine, c=concurrency: asyncio.run(phase(base, m, c))))
                (done, latencies, seconds, _errors), _cpu = runs["survey"][-1]
                report(f"round {r + 1:>2} survey", args.submissions, done, latencies, seconds, _errors)
                checks[f"{concurrency} clients, round {r + 1}: ≥ 300 submissions/s, p99 < 250 ms"] = (
                    done / seconds >= 300 and percentile(latencies, 0.99) < 250)
            print(f"over all {rounds} rounds:")
            b, bare_cpu = combined(runs["bare"])
            bare_rate = report("bare one-row insert", args.submissions * rounds, *b)
            print(cpu_line(bare_cpu))
            s, survey_cpu = combined(runs["survey"])
            survey_rate = report("survey submission", args.submissions * rounds, *s)
            print(cpu_line(survey_cpu))
            ratio = survey_rate / bare_rate
            print(f"ratio survey/bare: {ratio:.2f}")
            checks[f"{concurrency} clients: ≥ half the bare view"] = ratio >= 0.5
            errors += b[3] + s[3]
            acknowledged += s[0]
    finally:
        server.terminate()
        server.wait(timeout=30)
    with psycopg.connect(f"{SERVER}/{database}") as connection:
        stored = connection.execute("SELECT count(*) FROM surveys_response").fetchone()[0]
        used = connection.execute("SELECT count(*) FROM surveys_invitation WHERE used_on IS NOT NULL").fetchone()[0]
    print(f"\nanswers in the database: {stored} (acknowledged {acknowledged}, cut off by the time limit "
          f"{cut_off}); links used: {used}; 5xx responses: {errors}")
    checks["no 5xx response"] = errors == 0
    # A request cut off by the time limit may be stored without being acknowledged.
    checks["every acknowledged answer stored once, nothing else"] = (
        acknowledged <= stored == used <= acknowledged + cut_off)
    for name, ok in checks.items():
        print(f"{'PASS' if ok else 'FAIL'}  {name}")
    return all(checks.values())


def loadavg():
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--submissions", type=int, default=3000, help="requests per round to each")
    parser.add_argument("--warmup", type=int, default=200)
    parser.add_argument("--concurrency", type=lambda v: [int(n) for n in v.split(",")], default=[32, 64],
                        help="clients at a time; several, comma-separated, are run one after the other")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=10, help="alternating rounds of bare view and survey")
    parser.add_argument("--port", type=int, default=0, help="gunicorn's port on 127.0.0.1 (default: any free)")
    parser.add_argument("--database", default=f"joinedup_bench_{os.getpid()}")
    args = parser.parse_args()
    database = args.database
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as connection:
        connection.execute(f"CREATE DATABASE {database}")
    try:
        ok = run(args, database)
    finally:
        with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as connection:
            connection.execute(f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
