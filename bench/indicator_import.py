"""A million-row indicator import through the background task, beside a bare COPY of the same rows.
Targets (issue 12): under 60 s on PostgreSQL; at least a third of the bare insert's speed;
peak memory under 1 GB.

Builds a workspace with 300 areas (ONS-style codes) and a daily indicator,
writes a long-format CSV of --rows rows (area code, date, value) and stages
it as an upload would (`stage_upload`: the upload request's work, timed
apart). Then, in a child process (so that its peak memory is the task's
alone, as in `joinedup worker`), the import is confirmed and the task
function run: the file read, mapped, checked and written in one
transaction. In the same run, the baseline: the same rows, already made
into tuples, COPYed into the measurements table (a second indicator) in one
transaction, which is the least any import of them could cost, once before
the import and once after (the shared machine's load drifts; their mean is
the baseline). With
--page, the indicator's page is then fetched once (a long series: it must
not fail) and timed.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench uv run python bench/indicator_import.py [--rows 1000000] [--page]
"""

import argparse
import io
import multiprocessing
import os
import random
import resource
import time
from datetime import date, timedelta
from decimal import Decimal

from _setup import django_setup, fresh_indicator_workspace, report

TARGET_SECONDS = 60.0
TARGET_RATIO = 1 / 3
TARGET_MB = 1024.0
SLUG = "bench-import"
AREAS = 300


def csv_bytes(rows, seed=1):
    """area_code,period,value: 300 areas a day, one value each, from 1 January 2000."""
    rng = random.Random(seed)
    codes = [f"E06{n:06d}" for n in range(1, AREAS + 1)]
    out = io.StringIO()
    out.write("area_code,period,value\n")
    day, written = date(2000, 1, 1), 0
    while written < rows:
        label = day.isoformat()
        for code in codes[: rows - written]:
            out.write(f"{code},{label},{rng.randint(0, 999_999) / 100}\n")
        written += min(AREAS, rows - written)
        day += timedelta(days=1)
    return out.getvalue().encode()


def build():

    from joinedup.indicators.models import (
        Indicator,
    )

    workspace, user, partnership = fresh_indicator_workspace(
        SLUG, "Bench import", "bench-import", date(2010, 1, 1), AREAS, 3
    )
    made = [Indicator.objects.create(partnership=partnership, name=name, unit="count", direction="lower",
                                     frequency="day") for name in ("Imported", "Bare COPY before", "Bare COPY after")]
    return workspace, user, made


def run_task(batch_id, roles, user_id, profile):
    """The child process, started afresh (as `joinedup worker` is, so that its
    peak memory is its own): confirm and run the task function."""
    django_setup()
    from django.contrib.auth import get_user_model

    from joinedup.indicators import importing
    from joinedup.indicators.models import ImportBatch

    batch = ImportBatch.objects.get(pk=batch_id)
    if profile:
        import cProfile

        importing.queue(batch, get_user_model().objects.get(pk=user_id), roles)
        cProfile.runctx("importing.run(batch_id)", globals(), locals(), sort="cumulative")
        return
    importing.queue(batch, get_user_model().objects.get(pk=user_id), roles)
    importing.run(batch_id)


def bare_copy(tuples):
    """The baseline: COPY the prepared rows into the measurements table in one transaction."""
    from django.db import connection, transaction

    from joinedup.indicators.import_writing import NEW_COLUMNS, _columns
    from joinedup.indicators.models import Measurement

    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor, cursor.cursor.copy(
        f"COPY {Measurement._meta.db_table} ({_columns(Measurement, NEW_COLUMNS)}) FROM STDIN"
    ) as copy:
        for row in tuples:
            copy.write_row(row)
    return time.perf_counter() - started


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--page", action="store_true", help="fetch the indicator's page after the import")
    parser.add_argument("--profile", action="store_true", help="print cProfile's figures for the task")
    args = parser.parse_args()
    django_setup()
    from django.db import connection
    from django.test import Client
    from django.urls import reverse
    from django.utils import timezone

    from joinedup.indicators import importing
    from joinedup.indicators.models import Area, ImportBatch, Measurement

    print(f"{connection.vendor}; load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    if connection.vendor != "postgresql":
        print("(the targets are for PostgreSQL: set DATABASE_URL=postgres://...)")
    workspace, user, (imported, *bare) = build()
    content = csv_bytes(args.rows)
    print(f"{args.rows:,} rows, {len(content) / 1024 / 1024:.1f} MB of CSV, {AREAS} areas")

    started = time.perf_counter()
    batch = importing.stage_upload(imported, user, "bench.csv", content)
    staged = time.perf_counter() - started
    print(f"upload (read once and kept, in the web request): {staged:.1f} s")
    roles = {f"E06{n:06d}": "own" if n == 1 else "comparator" for n in range(1, AREAS + 1)}

    # The same rows as tuples, made before the clock starts.
    areas = dict(Area.objects.filter(workspace=workspace).values_list("ons_code", "pk"))
    now = timezone.now()
    tuples = []
    for line in content.decode().splitlines()[1:]:
        code, label, value = line.split(",")
        day = date.fromisoformat(label)
        tuples.append((None, areas[code], day, day, label, "day", Decimal(value), None, None, "ok", "", "", None, now))

    # The baseline before and after the import, as the shared machine's load drifts.
    bare_before = bare_copy([(bare[0].pk, *row[1:]) for row in tuples])
    child = multiprocessing.get_context("spawn").Process(
        target=run_task, args=(batch.pk, roles, user.pk, args.profile))
    child.start()
    child.join()
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    bare_after = bare_copy([(bare[1].pk, *row[1:]) for row in tuples])
    bare_seconds = (bare_before + bare_after) / 2
    del tuples
    batch = ImportBatch.objects.get(pk=batch.pk)
    # The task's own time, from confirmation to the end of its transaction
    # (starting Python and Django in the child is not part of it).
    seconds = (batch.finished_at - batch.confirmed_at).total_seconds()
    assert batch.status == "committed", (batch.status, batch.errors)
    assert batch.added == args.rows == Measurement.objects.filter(indicator=imported).count()

    print(f"bare COPY of the same rows: {bare_before:.1f} s before the import, {bare_after:.1f} s after; "
          f"mean {bare_seconds:.1f} s, {args.rows / bare_seconds:,.0f} rows/s")
    print(f"import in the task: {seconds:.1f} s, {args.rows / seconds:,.0f} rows/s")
    report("import, seconds", seconds, TARGET_SECONDS, "s")
    speed = bare_seconds / seconds
    print(f"speed against the bare COPY: {speed:.2f} (target at least {TARGET_RATIO:.2f}; "
          f"{'met' if speed >= TARGET_RATIO else 'missed'})")
    report("peak memory of the task's process", peak_mb, TARGET_MB, "MB")

    if not args.page:
        print(f"load average at the end {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        return
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    started = time.perf_counter()
    page = client.get(reverse("indicators:indicator_detail", args=[SLUG, imported.pk]))
    print(f"indicator page with {args.rows:,} values: HTTP {page.status_code} in {time.perf_counter() - started:.1f} s")
    print(f"load average at the end {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
