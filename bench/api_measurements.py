"""Bulk upsert of measurements through the REST API, beside a bare COPY of the same rows.
Target (issue 17): 1,000,000 measurements in under 60 s on PostgreSQL, batched.

Builds a workspace with 1,000 areas (ONS-style codes) and a monthly
indicator, and a read-and-write API token. The rows (area code, month,
value) are sent as tidy JSON, --batch rows per call (each call all or
nothing), through Django's test client: the whole request path (token check,
JSON parsing and validation, the import's reading of every row, the areas,
the stored values of those months, COPY) runs as on a server, without the
network. The clock covers making each request body too, as a client would.
The baseline, in the same run: the same rows, already made into tuples,
COPYed into the measurements table (a second indicator) in one transaction,
the least any write of them could cost.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench uv run python bench/api_measurements.py [--rows 1000000]
"""

import argparse
import json
import os
import random
import time
from datetime import date

from _setup import django_setup, fresh_indicator_workspace, report

TARGET_SECONDS = 60.0
SLUG = "bench-api-push"
AREAS = 1000


def months(count):
    for n in range(count):
        yield date(2000 + n // 12, n % 12 + 1, 1)


def rows_of(total, seed=1):
    """(code, month, value) for 1,000 areas a month, from January 2000."""
    rng = random.Random(seed)
    codes = [f"E06{n:06d}" for n in range(1, AREAS + 1)]
    made = []
    for month in months(-(-total // AREAS)):
        for code in codes:
            if len(made) == total:
                return made
            made.append((code, month, rng.randint(0, 999_999) / 100))
    return made


def build():

    from joinedup.api.models import ApiToken
    from joinedup.indicators.models import (
        Indicator,
    )

    workspace, user, partnership = fresh_indicator_workspace(
        SLUG, "Bench API push", "bench-api-push", date(2000, 1, 1), AREAS, 4
    )
    pushed, bare = (Indicator.objects.create(partnership=partnership, name=name, unit="count", direction="lower",
                                             frequency="month") for name in ("Pushed", "Bare COPY"))
    token = ApiToken.issue(workspace, user, "bench", "write", 30)[1]
    return workspace, pushed, bare, token


def bare_copy(tuples):
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
    parser.add_argument("--batch", type=int, default=50_000, help="rows per API call (at most 100,000)")
    args = parser.parse_args()
    django_setup()
    from django.db import connection
    from django.test import Client
    from django.urls import reverse
    from django.utils import timezone

    from joinedup.indicators.models import Area, Measurement

    print(f"{connection.vendor}; load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    if connection.vendor != "postgresql":
        print("(the target is for PostgreSQL: set DATABASE_URL=postgres://...)")
    workspace, pushed, bare, token = build()
    rows = rows_of(args.rows)
    print(f"{args.rows:,} rows, {AREAS} areas, {args.batch:,} rows per call")

    areas = dict(Area.objects.filter(workspace=workspace).values_list("ons_code", "pk"))
    now = timezone.now()
    tuples = [(bare.pk, areas[code], month, month, month.strftime("%b %Y"), "month", value, None, None, "ok",
               "", "", None, now) for code, month, value in rows]
    bare_seconds = bare_copy(tuples)
    del tuples

    client = Client(HTTP_HOST="localhost", HTTP_AUTHORIZATION=f"Bearer {token}")
    url = reverse("api-v1:push_measurements", args=[pushed.pk])
    started = time.perf_counter()
    calls = 0
    for first in range(0, len(rows), args.batch):
        body = json.dumps({"rows": [{"area_code": code, "period": month.strftime("%Y-%m"), "value": value}
                                    for code, month, value in rows[first:first + args.batch]]})
        response = client.post(url, body, content_type="application/json")
        assert response.status_code == 200, response.content[:2000]
        calls += 1
    seconds = time.perf_counter() - started
    assert Measurement.objects.filter(indicator=pushed).count() == args.rows

    print(f"bare COPY of the same rows: {bare_seconds:.1f} s, {args.rows / bare_seconds:,.0f} rows/s")
    print(f"pushed through the API in {calls} calls: {seconds:.1f} s, {args.rows / seconds:,.0f} rows/s")
    print(f"ratio to the bare COPY: {seconds / bare_seconds:.1f} times its time")
    report("API push, seconds (scaled to 1,000,000 rows)", seconds * 1_000_000 / args.rows, TARGET_SECONDS, "s")
    print(f"load average at the end {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
