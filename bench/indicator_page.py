"""The indicator page of a long series with many comparators: 250,000 values (300 areas, 834
days by default), fetched through Django's test client as a signed-in user, warm (the median of
--repeat fetches after a first one). Target (issue 12): under 1 s warm. Beside it, the floor:
the bare aggregate query any such page needs (count, mean and median of the values per period,
in SQL), and the page's ratio to it.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/<db> uv run python bench/indicator_page.py \
        [--areas 300] [--days 834] [--repeat 5] [--profile]

The measurements are written with COPY on PostgreSQL (bulk_create on SQLite) straight into
the table; how they got there does not matter to the page.
"""

import argparse
import os
import random
import statistics
import time
from datetime import date, timedelta
from decimal import Decimal

from _setup import django_setup, report

TARGET_SECONDS = 1.0
SLUG = "bench-indicator-page"


def build(areas, days, seed=1):
    from django.contrib.auth import get_user_model
    from django.db import connection, transaction
    from django.utils import timezone

    from joinedup.indicators.import_writing import NEW_COLUMNS, _columns
    from joinedup.indicators.models import Area, Indicator, Measurement, MeasurementRevision
    from joinedup.partnerships.models import Partnership
    from joinedup.workspaces.models import Role, UserRole, Workspace

    old = Workspace.objects.filter(slug=SLUG).first()
    if old is not None:
        measurements = Measurement.objects.filter(indicator__partnership__workspace=old)
        MeasurementRevision.objects.filter(measurement__in=measurements)._raw_delete(measurements.db)
        measurements._raw_delete(measurements.db)
        old.delete()
    workspace = Workspace.objects.create(name="Bench indicator page", slug=SLUG)
    user, _ = get_user_model().objects.get_or_create(username="bench-indicator-page")
    UserRole.objects.update_or_create(user=user, workspace=workspace, defaults={"role": Role.OWNER})
    first = date(2020, 1, 1)
    partnership = Partnership.objects.create(
        workspace=workspace, name="Bench partnership", form="coordinated_working",
        purpose="People get joined-up help.", start_date=first + timedelta(days=days // 2),
    )
    made = Area.objects.bulk_create(
        Area(workspace=workspace, name=f"Area {n:03}", ons_code=f"E06{n:06d}", is_own_area=n == 1)
        for n in range(1, areas + 1)
    )
    indicator = Indicator.objects.create(partnership=partnership, name="Daily count", unit="count",
                                         direction="lower", frequency="day")
    rng = random.Random(seed)
    now = timezone.now()
    rows = []
    for offset in range(days):
        day = first + timedelta(days=offset)
        for area in made:
            rows.append((indicator.pk, area.pk, day, day, day.isoformat(), "day",
                         Decimal(rng.randint(5_000, 15_000)) / 100, None, None, "ok", "", "", None, now))
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor, cursor.cursor.copy(
                f"COPY {Measurement._meta.db_table} ({_columns(Measurement, NEW_COLUMNS)}) FROM STDIN"
            ) as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            Measurement.objects.bulk_create(
                (Measurement(**{f"{name}_id" if name in ("indicator", "area", "batch") else name: value
                                for name, value in zip(NEW_COLUMNS, row, strict=True)}) for row in rows),
                batch_size=500)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return user, indicator, len(rows)


def floor_query(indicator):
    """The bare aggregate query: per period, the count, mean and median of the values (the median
    in Python on SQLite, which has none)."""
    from django.db import connection

    from joinedup.indicators.models import Measurement

    table = Measurement._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            median = "percentile_cont(0.5) WITHIN GROUP (ORDER BY value)"
            cursor.execute(f"SELECT period_start, count(*), avg(value), {median} FROM {table} "  # noqa: S608
                           "WHERE indicator_id = %s GROUP BY period_start ORDER BY period_start", [indicator.pk])
        else:
            cursor.execute(f"SELECT period_start, count(*), avg(value) FROM {table} WHERE indicator_id = %s "  # noqa: S608
                           "GROUP BY period_start ORDER BY period_start", [indicator.pk])
        return cursor.fetchall()


def timed(function, repeat):
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--areas", type=int, default=300)
    parser.add_argument("--days", type=int, default=834)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--profile", action="store_true", help="print cProfile's figures for one fetch")
    args = parser.parse_args()
    django_setup()
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    print(f"{connection.vendor}; load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    started = time.perf_counter()
    user, indicator, count = build(args.areas, args.days)
    print(f"{count:,} values ({args.areas} areas × {args.days} days) written in {time.perf_counter() - started:.1f} s")
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    url = reverse("indicators:indicator_detail", args=[SLUG, indicator.pk])

    def fetch():
        page = client.get(url)
        assert page.status_code == 200, page.status_code

    started = time.perf_counter()
    page = client.get(url)
    print(f"first fetch: HTTP {page.status_code} in {time.perf_counter() - started:.2f} s, "
          f"{len(page.content) / 1024:,.0f} KB")
    if args.profile:
        import cProfile

        cProfile.runctx("fetch()", globals(), locals(), sort="cumulative")
        return
    floor = timed(lambda: floor_query(indicator), args.repeat)
    warm = timed(fetch, args.repeat)
    print(f"the bare aggregate query (floor), median of {args.repeat}: {floor:.3f} s")
    report(f"indicator page, warm (median of {args.repeat})", warm, TARGET_SECONDS, "s")
    print(f"page ÷ floor: {warm / floor:.1f}")
    print(f"load average at the end {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
