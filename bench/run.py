"""The benchmark suite in one command (`make bench`): a fresh PostgreSQL
database, national-scale data (bench/generate.py), then every benchmark,
printed as one table: benchmark, figure, target, floor measured in the same
run, ratio to the floor, met or missed.

    uv run python bench/run.py [--scale 0.1|national] [--database NAME] [--reuse]
                               [--users 20] [--requests 100] [--rounds 2] [--port 0] [--keep]

The server is BENCH_POSTGRES (default postgres://postgres@127.0.0.1:5432); the
database is made afresh (--database, default joinedup_bench_<pid>) and dropped
at the end unless --keep; --reuse measures a database generated before (by
`generate.py --scale ...` or a --keep run) instead of making one.

Pages are fetched by `--users` concurrent clients (survey_load.py's asyncio
client, signed in with a session cookie) from gunicorn on 127.0.0.1, in
alternating rounds with the page's floor (its main aggregate as raw SQL, in a
bare view of the same server: survey_load_support/bench_urls.py), in the
biggest generated workspace and its busiest partnership. The other benchmarks
import the bench scripts' own functions. The figures depend on the machine's
load, printed beside them; the ratios to the floors less so.
"""

import argparse
import asyncio
import io
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import psycopg

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import survey_load  # noqa: E402
from survey_load import SERVER, SUPPORT, environment, free_port, percentile, phase, request  # noqa: E402

PAGE_P95_MS = 300.0
FLOOR_RATIO = 3.0
BENCH_USER = "bench-reader"
PORTFOLIO_WORKERS = 2  # issue 19: 3,000 partnerships in 5 minutes with two workers


def loadavg():
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


class Table:
    """The rows of the closing table, printed as they are measured too."""

    def __init__(self):
        self.rows = []

    def add(self, name, figure, unit, target=None, floor=None, met=None, target_text=None):
        ratio = figure / floor if floor else None
        if met is None and target is not None:
            met = figure <= target
        def rate(value):
            return f"{value:,.0f}/s" if value >= 100 else f"{value:,.2f}/s"

        def amount(value):
            return f"{value:,.2f} {unit}" if value < 10 else f"{value:,.1f} {unit}"

        row = (name, amount(figure) if unit != "/s" else rate(figure),
               target_text or (f"{target:,.0f} {unit}" if target is not None else "—"),
               amount(floor) if floor is not None and unit != "/s" else (
                   rate(floor) if floor is not None else "—"),
               f"{ratio:.2f}" if ratio is not None else "—",
               "—" if met is None else ("met" if met else "MISSED"), loadavg())
        self.rows.append(row)
        print("  " + " | ".join(row), flush=True)

    def print(self):
        heads = ("benchmark", "figure", "target", "floor (same run)", "ratio to floor", "met?", "load average")
        widths = [max(len(str(r[i])) for r in [heads, *self.rows]) for i in range(len(heads))]
        line = "+".join("-" * (w + 2) for w in widths)
        print("\n" + line)
        print("| " + " | ".join(h.ljust(w) for h, w in zip(heads, widths, strict=True)) + " |")
        print(line)
        for row in self.rows:
            print("| " + " | ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)) + " |")
        print(line)


def setup_django(database):
    os.environ.update(environment(database))
    sys.path.insert(0, str(SUPPORT))
    import django

    django.setup()


def biggest(prefix):
    """The biggest generated workspace and its partnership with most attendance lines."""
    from django.db.models import Count

    from joinedup.partnerships.models import Partnership
    from joinedup.workspaces.models import Workspace

    counted = (Partnership.objects.filter(workspace__slug__startswith=f"{prefix}-").values("workspace")
               .annotate(n=Count("pk")).order_by("-n", "workspace__slug").first())
    workspace = Workspace.objects.get(pk=counted["workspace"])
    partnership = (Partnership.objects.filter(workspace=workspace)
                   .annotate(n=Count("meetings__attendances")).order_by("-n", "pk").first())
    return workspace, partnership


def bench_cookie(workspace):
    """A session for a viewer of the workspace, as the sign-in page would make it."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    from joinedup.workspaces.models import Role, UserRole

    user, _ = get_user_model().objects.get_or_create(username=BENCH_USER)
    UserRole.objects.update_or_create(user=user, workspace=workspace, defaults={"role": Role.VIEWER})
    client = Client()
    client.force_login(user)
    from django.conf import settings

    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def start_server(database, port, workers):
    # As `joinedup serve` runs it: its configuration imports the heavy libraries and
    # compiles the templates in the master before the workers fork (gunicorn_conf.py).
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "joinedup.wsgi:application", "--config", "python:joinedup.gunicorn_conf",
         "--workers", str(workers), "--preload",
         "--bind", f"127.0.0.1:{port}", "--log-level", "warning", "--backlog", "2048", "--timeout", "300"],
        env=environment(database), cwd=HERE.parent,
    )
    survey_load.wait_for(f"http://127.0.0.1:{port}", server)
    return server


def get_with(cookie):
    async def get(host, port, path, body):
        return await request(host, port, "GET", path, headers=f"Cookie: {cookie}\r\n")
    return get


def drain(base, workers, get):
    """Wait until every gunicorn worker is free again: the requests a cut-off phase
    left behind are still being answered (sync workers do not notice the client
    has gone), and would otherwise slow the next phase."""
    limit, survey_load.TIME_LIMIT = survey_load.TIME_LIMIT, 600
    try:
        asyncio.run(phase(base, [("/health/", {})] * workers, workers, send=get))
    finally:
        survey_load.TIME_LIMIT = limit


def database_pids(database):
    """The PostgreSQL backends connected to this database (not the other databases of a shared server)."""
    found = []
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                command = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            except OSError:
                continue
            if command.startswith("postgres: ") and f" {database} " in command:
                found.append(int(proc.name))
    return found


def pages(table, args, base, cookie, workspace, partnership, server=None):
    """p50/p95/p99 of each page under `--users` clients, in rounds alternating with its floor;
    and the CPU each request of the page took (gunicorn's processes and this database's
    PostgreSQL backends), with the p95 it bounds: closed-loop users each wait for the
    requests ahead of them, so p95 ≥ about (users ÷ cores) × CPU per request."""
    from django.urls import reverse

    slug, pk = workspace.slug, partnership.pk
    asked = [
        ("partnership page", reverse("partnerships:detail", args=[slug, pk]), f"/bench/floor/partnership/{pk}/"),
        ("cost ledger", reverse("meetings:ledger", args=[slug, pk]), f"/bench/floor/ledger/{pk}/"),
        ("portfolio", reverse("review:portfolio", args=[slug]), f"/bench/floor/portfolio/{workspace.pk}/"),
        ("network page", reverse("network:home", args=[slug]), f"/bench/floor/network/{workspace.pk}/"),
    ]
    if args.pages:  # --pages: only these (by the start of their names)
        asked = [a for a in asked if any(a[0].startswith(n.strip()) for n in args.pages.split(","))]
    get = get_with(cookie)
    host, port = base.removeprefix("http://").split(":")
    for name, url, floor_url in asked:
        for path in (url, url, floor_url):  # the first fetch fills the caches (and the network's layout)
            status = asyncio.run(get(host, int(port), path, b""))
            if status != 200:
                raise SystemExit(f"{name}: {path} answered {status}")
        # Then every worker: each keeps what it has read (the kept network figures, the
        # comment themes) in its own memory, so a worker's first fetch of a page is not
        # what a server that has been running meets. Not measured.
        for path in (url, floor_url):
            asyncio.run(phase(base, [(path, {})] * (args.workers * 3), args.workers, send=get))
        page, floor, errors, cut = [], [], 0, 0
        cpu_seconds_used, cpu_requests = 0.0, 0
        for _ in range(args.rounds):
            for latencies, path in ((floor, floor_url), (page, url)):
                pids = (survey_load.server_pids(server) if server else []) + database_pids(args.database)
                cpu_before = survey_load.cpu_seconds(pids)
                done, measured, _seconds, failed = asyncio.run(
                    phase(base, [(path, {})] * args.requests, args.users, send=get))
                if path == url:
                    cpu_seconds_used += survey_load.cpu_seconds(pids) - cpu_before
                    cpu_requests += len(measured)
                latencies += measured
                errors += failed + (len(measured) - done)
                # Requests still unanswered at the phase's time limit count as taking the limit (a lower bound).
                missing = args.requests - len(measured)
                latencies += [survey_load.TIME_LIMIT] * missing
                cut += missing if path == url else 0
                if missing:
                    drain(base, args.workers, get)
        for share, label in ((0.5, "p50"), (0.95, "p95"), (0.99, "p99")):
            figure, bare = percentile(page, share), percentile(floor, share)
            met = None
            if label == "p95":
                met = figure < PAGE_P95_MS and figure / bare <= FLOOR_RATIO and not errors
            notes = (f" ({errors} not 200)" if errors else "") + (
                f" ({cut} cut off at {survey_load.TIME_LIMIT:.0f} s, counted as that)" if cut else "")
            table.add(f"{name} {label}, {args.users} users{notes}",
                      figure, "ms", target=PAGE_P95_MS if label == "p95" else None, floor=bare, met=met,
                      target_text=f"< {PAGE_P95_MS:.0f} ms, ≤ {FLOOR_RATIO:g}× floor" if label == "p95" else None)
        if server and cpu_requests:
            cpu_ms = cpu_seconds_used * 1000 / cpu_requests
            cores = os.cpu_count() or 1
            table.add(f"{name} CPU per request (gunicorn + PostgreSQL)", cpu_ms, "ms")
            table.add(f"{name} p95 bound: {args.users} users ÷ {cores} cores × CPU", cpu_ms * args.users / cores, "ms")


def surveys(table, args, base, database):
    """Survey submissions a second (survey_load.py's client and wave), beside its bare one-row insert."""
    env = environment(database)
    with psycopg.connect(f"{SERVER}/{database}", autocommit=True) as connection:
        connection.execute("CREATE TABLE IF NOT EXISTS bench_bare (id bigserial PRIMARY KEY, body text)")
    made = subprocess.run([sys.executable, str(SUPPORT / "setup_wave.py"), str(args.submissions * args.rounds + 50)],
                          env=env, check=True, cwd=HERE.parent, capture_output=True, text=True).stdout.split()
    outcome, tokens = made[0], made[1:]
    form = {"told_story": "3", "passed_between": "yes", "services_talk": "no", "knew_contact": "unsure",
            "outcomes": outcome, "what_matters": "Staying at home with my family", "action": "send"}
    survey = [(f"/s/{t}/", form) for t in tokens]
    bare = [("/bench/bare/", {"body": "Staying at home with my family"})] * args.submissions
    asyncio.run(phase(base, survey[:50] + bare[:50], args.survey_clients))
    unsent = survey[50:]
    rates, bare_rates, latencies, errors = [], [], [], 0
    for _ in range(args.rounds):
        done, _l, seconds, failed = asyncio.run(phase(base, bare, args.survey_clients))
        bare_rates.append(done / seconds)
        mine, unsent = unsent[:args.submissions], unsent[args.submissions:]
        done, measured, seconds, failed = asyncio.run(phase(base, mine, args.survey_clients))
        rates.append(done / seconds)
        latencies += measured
        errors += failed
    rate, bare_rate = statistics.mean(rates), statistics.mean(bare_rates)
    # The floor is a rate here: the ratio printed is survey ÷ bare (target ≥ 0.5).
    table.add(f"survey submissions, {args.survey_clients} clients ({errors} 5xx)", rate, "/s",
              floor=bare_rate, met=rate >= 300 and rate / bare_rate >= 0.5 and not errors,
              target_text="≥ 300/s, ≥ 0.5 of floor")
    table.add(f"survey submission p99, {args.survey_clients} clients", percentile(latencies, 0.99), "ms",
              target=250)


# What a review reads, as raw SQL: the floor of the review benchmarks.
READS = (
    "SELECT a.* FROM meetings_attendance a JOIN meetings_meeting m ON m.id = a.meeting_id "
    "JOIN partnerships_partnership p ON p.id = m.partnership_id WHERE {where}",
    "SELECT me.* FROM indicators_measurement me JOIN indicators_indicator i ON i.id = me.indicator_id "
    "JOIN partnerships_partnership p ON p.id = i.partnership_id WHERE {where}",
    "SELECT r.* FROM surveys_response r JOIN surveys_wave w ON w.id = r.wave_id "
    "JOIN partnerships_partnership p ON p.id = w.partnership_id WHERE {where}",
)


def read_all(where, pk):
    """Seconds to fetch every row a review reads, for one partnership or a workspace."""
    from django.db import connection

    started = time.perf_counter()
    with connection.cursor() as cursor:
        for sql in READS:
            cursor.execute(sql.format(where=where), [pk])
            cursor.fetchall()
    return time.perf_counter() - started


def review_one(table, partnership):
    """One partnership's review and its PDF (review_one.py's own function), warm,
    beside the floor: reading the rows the review reads, as raw SQL."""
    from review_one import _quiet, _review_and_pdf

    _quiet()
    workspace = partnership.workspace
    _review_and_pdf(workspace, partnership)
    runs = []
    for _ in range(3):
        started = time.perf_counter()
        _review_and_pdf(workspace, partnership)
        runs.append(time.perf_counter() - started)
    floor = statistics.median(read_all("p.id = %s", partnership.pk) for _ in range(3))
    table.add("review of one partnership + PDF, warm (median of 3)", statistics.median(runs), "s", target=2,
              floor=floor)


def portfolio_review(table, args, database, prefix):
    """Every generated partnership (all the workspaces) reviewed through the queue by two
    `joinedup worker` processes (review_portfolio.py's `review_through_workers`, queued from a
    process of its own with the database backend), beside the floor: fetching every row those
    reviews read, as raw SQL, in this process."""
    from joinedup.workspaces.models import Workspace

    env = {**environment(database), "TASKS_BACKEND": "django_tasks_db.DatabaseBackend"}
    out = subprocess.run([sys.executable, __file__, "--portfolio-worker", prefix], env=env, check=True,
                         cwd=HERE.parent, capture_output=True, text=True).stdout
    figures = json.loads(out.strip().splitlines()[-1])
    rate = figures["done"] / figures["seconds"]
    ids = list(Workspace.objects.filter(slug__startswith=f"{prefix}-").values_list("pk", flat=True))
    floor_rate = figures["done"] / read_all("p.workspace_id = ANY(%s)", ids)
    table.add(f"portfolio review, {figures['done']:,} partnerships ({figures['failed']} failed), queue + "
              f"{PORTFOLIO_WORKERS} workers", rate, "/s", floor=floor_rate, met=3000 / rate <= 300,
              target_text="≥ 10/s (3,000 in 5 min)")
    table.add("  the biggest worker's peak memory (max RSS)", max(figures["peak_mb"]), "MB", target=1024)


def portfolio_worker(prefix):
    """In a process of its own: queue every generated workspace's reviews, run the workers; print JSON."""
    import django

    sys.path.insert(0, str(SUPPORT))
    django.setup()
    from review_portfolio import review_through_workers

    from joinedup.workspaces.models import Workspace

    found = review_through_workers(list(Workspace.objects.filter(slug__startswith=f"{prefix}-").order_by("pk")),
                                   PORTFOLIO_WORKERS)
    print(json.dumps({"done": sum(r.done for r in found["runs"]), "failed": sum(r.failed for r in found["runs"]),
                      "seconds": found["seconds"], "peak_mb": found["peak_mb"]}))


def its(table, indicators):
    """The batch segmented regression of its_batch.py on as many series as were generated, beside bare NumPy."""
    import its_batch

    from joinedup.indicators.stats import default_maxlags, segmented_regression_batch

    values = its_batch.make_series(indicators, 60, 36, 20240601)
    maxlags = default_maxlags(60)
    design = its_batch.design_matrix(60, 36)
    app, _ = its_batch.best_time(lambda: segmented_regression_batch(values, 36, maxlags=maxlags), 3)
    bare, _ = its_batch.best_time(lambda: its_batch.bare_numpy(values, design, maxlags), 3)
    table.add(f"indicator batch statistics, {indicators:,} series × 60", app, "s", floor=bare,
              met=app / bare <= its_batch.BARE_RATIO_TARGET, target_text=f"≤ {its_batch.BARE_RATIO_TARGET:g}× floor")


def search(table, count):
    """practice_search.py's library of `count` case studies, its slowest query, beside a plain scan."""
    from functools import partial

    import practice_search
    from django.db import connection

    from joinedup.practice import search as practice
    from joinedup.practice.views import filtered
    from joinedup.workspaces.models import Workspace

    practice_search.build(count)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE practice_casestudy")
    reader, _ = Workspace.objects.get_or_create(slug=f"{practice_search.SLUG}-reader",
                                                defaults={"name": "Bench reader"})
    worst = (0.0, 0.0, "")
    for label, query, options in practice_search.QUERIES:
        options = dict(options)
        any_term, similar = options.pop("any", False), options.pop("similar", False)
        queryset = filtered(practice.visible_to(reader), options)
        run = (partial(practice_search.as_similar, queryset, query, reader) if similar else
               partial(practice.search, queryset, query, seen_by=reader, any_term=any_term, limit=20))
        ms = practice_search.timed(run, 5)
        if ms > worst[0]:
            worst = (ms, practice_search.timed(partial(practice_search.scan, queryset, query, any_term), 1), label)
    table.add(f"search, slowest query ({worst[2]}), {count:,} case studies", worst[0], "ms",
              target=practice_search.TARGET_MS, floor=worst[1])


def export(table, workspace):
    """The workspace's archive (settings → archive), beside the floor: its biggest tables copied out as raw SQL."""
    from django.db import connection

    from joinedup.api.archive_export import write_archive

    started = time.perf_counter()
    target = io.BytesIO()
    write_archive(workspace, target)
    seconds = time.perf_counter() - started
    started = time.perf_counter()
    raw = connection.connection
    for sql in ("SELECT a.* FROM meetings_attendance a JOIN meetings_meeting m ON m.id = a.meeting_id "
                "JOIN partnerships_partnership p ON p.id = m.partnership_id WHERE p.workspace_id = {ws}",
                "SELECT m.* FROM meetings_meeting m JOIN partnerships_partnership p ON p.id = m.partnership_id "
                "WHERE p.workspace_id = {ws}",
                "SELECT me.* FROM indicators_measurement me JOIN indicators_area a ON a.id = me.area_id "
                "WHERE a.workspace_id = {ws}",
                "SELECT r.* FROM surveys_response r JOIN surveys_wave w ON w.id = r.wave_id "
                "JOIN partnerships_partnership p ON p.id = w.partnership_id WHERE p.workspace_id = {ws}"):
        with raw.cursor() as cursor, cursor.copy(f"COPY ({sql.format(ws=int(workspace.pk))}) TO STDOUT") as copy:
            for _ in copy:
                pass
    floor = time.perf_counter() - started
    table.add(f"export: the workspace's archive ({target.tell() / 1e6:,.1f} MB zip)", seconds, "s", floor=floor)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", default=os.environ.get("BENCH_SCALE", "0.1"),
                        help="'national' or a factor of it (default BENCH_SCALE, else 0.1)")
    parser.add_argument("--database", default=f"joinedup_bench_{os.getpid()}")
    parser.add_argument("--reuse", action="store_true", help="the database exists and holds generated data")
    parser.add_argument("--keep", action="store_true", help="do not drop the database at the end")
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--requests", type=int, default=60, help="requests per page per round")
    parser.add_argument("--time-limit", type=float, default=120, help="seconds per phase of requests at most")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--submissions", type=int, default=1000, help="survey submissions per round")
    parser.add_argument("--survey-clients", type=int, default=32)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn's")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--pages", help="comma-separated starts of the pages' names for --only pages: partnership,cost,portfolio,network")
    parser.add_argument("--only", help="comma-separated: generate,pages,surveys,review,portfolio,its,search,export")
    parser.add_argument("--portfolio-worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.portfolio_worker:
        return portfolio_worker(args.portfolio_worker)
    from generate import NATIONAL, PREFIX, generate_national, scale_of

    survey_load.TIME_LIMIT = args.time_limit

    scale = scale_of(args.scale)
    only = set(args.only.split(",")) if args.only else None
    wanted = lambda name: only is None or name in only  # noqa: E731
    database = args.database
    if not args.reuse:
        with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as connection:
            connection.execute(f"CREATE DATABASE {database}")
    table = Table()
    server = None
    print(f"Bench database {database} on {SERVER}; "
          + ("data generated before" if args.reuse else f"scale {scale:g}") + f"; load average {loadavg()}", flush=True)
    try:
        setup_django(database)
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        if not args.reuse:
            started = time.perf_counter()
            made = generate_national(scale, seed=1)
            seconds = time.perf_counter() - started
            rows = sum(n for what, n in made.items() if what != "workspaces")
            # 15 minutes for the national set; below a tenth of it the fixed costs (ANALYZE, one
            # transaction a workspace) outweigh the rows, so no target is set.
            table.add(f"generate scale {scale:g} ({rows:,} rows)", seconds, "s",
                      met=seconds <= 900 * scale if scale >= 0.1 else None,
                      target_text=f"{900 * scale:,.0f} s (15 min × scale)" if scale >= 0.1 else "—")
        from joinedup.indicators.models import Indicator
        from joinedup.partnerships.models import Partnership

        if args.reuse:  # the scale of the data found, for the sizes of what is built here (the search's library)
            scale = Partnership.objects.filter(workspace__slug__startswith=f"{PREFIX}-").count() / NATIONAL["partnerships"]

        workspace, partnership = biggest(PREFIX)
        print(f"Measured in {workspace.slug} ({Partnership.objects.filter(workspace=workspace).count():,} "
              f"partnerships) and partnership {partnership.pk} ({partnership.name})", flush=True)
        if wanted("portfolio"):
            portfolio_review(table, args, database, PREFIX)
        if wanted("review"):
            review_one(table, partnership)
        cookie = bench_cookie(workspace)
        port = args.port or free_port()
        base = f"http://127.0.0.1:{port}"
        if wanted("pages") or wanted("surveys"):
            server = start_server(database, port, args.workers)
        if wanted("pages"):
            pages(table, args, base, cookie, workspace, partnership, server)
        if wanted("surveys"):
            surveys(table, args, base, database)
        if server:
            server.terminate()
            server.wait(timeout=60)
            server = None
        if wanted("its"):
            its(table, max(1000, Indicator.objects.count()))
        if wanted("search"):
            search(table, max(2000, min(100_000, round(NATIONAL["partnerships"] * 33 * scale))))
        if wanted("export"):
            export(table, workspace)
    finally:
        if server:
            server.terminate()
            server.wait(timeout=60)
        from django.db import connections

        connections.close_all()
        if not args.keep and not args.reuse:
            with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as connection:
                connection.execute(f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")
        table.print()
    missed = sum(row[5] == "MISSED" for row in table.rows)
    print(f"{missed} of {sum(row[5] != '—' for row in table.rows)} targets missed; load average now {loadavg()}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
