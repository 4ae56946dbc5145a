"""The import steps after the upload of a big file, each timed through Django's test client
beside the baseline of reading the file once (what the upload does, and what each step did
again before the read was kept). Issue 12: the column and check pages of a 250,000-row file
read and parsed the whole file on every request, and the check page mapped and checked every
row on every request, turning a page of areas too; it now keeps its check with the import.

    uv run python bench/import_steps.py [--rows 250000]   (DATABASE_URL=postgres://... for PostgreSQL)

The file is indicator_import.py's: area code, date, value; 300 areas, daily.
"""

import argparse
import os
import time

from _setup import django_setup
from indicator_import import SLUG, build, csv_bytes


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=250_000)
    args = parser.parse_args()
    django_setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.urls import reverse

    from joinedup.indicators import importing, reading
    from joinedup.indicators.models import ImportBatch

    print(f"{connection.vendor}; load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    workspace, user, (indicator, *_) = build()
    content = csv_bytes(args.rows)
    print(f"{args.rows:,} rows, {len(content) / 1024 / 1024:.1f} MB of CSV")

    started = time.perf_counter()
    reading.read_table(content, "bench.csv", **importing.read_limits())
    parse = time.perf_counter() - started
    print(f"baseline, reading the file once (reading.read_table): {parse:.2f} s")

    setup_test_environment()  # so that the client gives each page's context (its form)
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)

    def step(label, method, url, data=None):
        started = time.perf_counter()
        response = getattr(client, method)(url, data or {})
        seconds = time.perf_counter() - started
        assert response.status_code in (200, 302), (label, response.status_code)
        print(f"{label}: {seconds:.2f} s ({seconds / parse:.2f} of the read)")
        return response

    from django.core.files.uploadedfile import SimpleUploadedFile

    upload_url = reverse("indicators:import_upload", args=[SLUG, indicator.pk])
    client.get(upload_url)  # the first page a process serves loads the template libraries: not a step's cost
    response = step("upload (reads the file and keeps what it read)", "post", upload_url,
                    {"file": SimpleUploadedFile("bench.csv", content)})
    batch = ImportBatch.objects.get(indicator=indicator, status="pending")
    mapping_url = response.url
    page = step("column page (GET)", "get", mapping_url)
    form = page.context["form"]
    data = {f.html_name: f.value() for f in form if f.value() not in (None, [], "")}
    response = step("column page (POST, to the check page)", "post", mapping_url, data)
    check_url = response.url
    check = step("check page (GET; maps and checks every row, and keeps the check)", "get", check_url)
    step("check page again (GET; from the kept check)", "get", check_url)
    roles = {f.html_name: f.value() for f in check.context["area_form"] if f.value() not in (None, [], "")}
    roles["area_1"] = "skip"
    response = step("areas: a role chosen, the next page asked for (POST)", "post", check_url,
                    {**roles, "areas_page": "1", "go": "2"})
    step("areas: page 2 (GET)", "get", response.url)
    importing.forget_upload(batch)
    print(f"load average at the end {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
