"""A big upload is read in the background: the upload request only keeps the file and queues
a task (run here as the request's transaction ends, as the confirm's import task is), and the
import's progress page refreshes until the file is read, then goes on to the next step. Shown
with the Scottish Government's SIMD 2020v2 indicators (tests/data/public/indicators-dev/,
6,976 data zones), read in the background under a lowered threshold."""

import csv
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse

from joinedup.indicators import importing
from joinedup.indicators.models import ImportBatch, ImportStatus, Indicator, SavedMapping
from tests.indicators.test_import_screens import DEV

SIMD = DEV / "scotgov_simd-2020v2-indicators_scotland-datazone_2020.csv"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    # The SIMD file is 1.1 MB, under the 2 MB read in the request; a lower threshold sends it
    # to the background, as a file of 250,000 rows is.
    settings.INDICATOR_IMPORT_INLINE_READ_BYTES = 500_000


@pytest.fixture
def indicator(partnership):
    return Indicator.objects.create(partnership=partnership, name="School attendance", unit="percentage",
                                    direction="higher", frequency="year")


def page(name, batch):
    return reverse(f"indicators:{name}", args=["northshire", batch.token])


def post_upload(client, indicator, content, name=SIMD.name):
    """Upload, keeping the on-commit callbacks (the queued read) for the test to run."""
    with TestCase.captureOnCommitCallbacks(execute=False) as queued:
        response = client.post(reverse("indicators:import_upload", args=["northshire", indicator.pk]),
                               {"file": SimpleUploadedFile(name, content)})
    return response, queued


def raw_attendance():
    """The file's Attendance column by data zone, read with Python's csv module."""
    with SIMD.open(encoding="utf-8-sig", newline="") as file:
        return {row["Data_Zone"]: row["Attendance"] for row in csv.DictReader(file)}


def test_a_big_upload_is_read_by_a_task_while_its_progress_page_refreshes(client, editor, indicator):
    client.force_login(editor)
    response, queued = post_upload(client, indicator, SIMD.read_bytes())
    batch = ImportBatch.objects.get()
    # The request kept the file and queued its reading; it read nothing.
    assert response.status_code == 302 and response.url == page("import_progress", batch)
    assert batch.status == ImportStatus.PENDING and importing.reading_state(batch) == "queued"
    assert len(queued) == 1
    kept = importing.stored_path(batch)
    assert kept.exists() and sorted(p.name for p in kept.parent.iterdir()) == [batch.token]

    waiting = client.get(response.url)
    text = waiting.content.decode()
    assert waiting.status_code == 200
    assert "Waiting to start." in text and 'data-refresh-every="2"' in text
    # Without JavaScript the page reloads itself.
    assert '<noscript><meta http-equiv="refresh" content="3"></noscript>' in text
    # The later steps wait for the reading too.
    for step in ("import_mapping", "import_table", "import_preview"):
        assert client.get(page(step, batch))["Location"] == page("import_progress", batch)
    assert client.post(page("import_preview", batch), {})["Location"] == page("import_progress", batch)

    queued[0]()  # the task runs (the immediate backend, as the confirm's import task does in tests)
    batch.refresh_from_db()
    assert importing.reading_state(batch) == "" and batch.layout_signature
    # Read: the progress page goes on to the columns (a CSV file of a new layout).
    assert client.get(page("import_progress", batch))["Location"] == page("import_mapping", batch)
    mapping_page = client.get(page("import_mapping", batch))
    assert mapping_page.status_code == 200
    assert len(mapping_page.context["table"].rows) == 6976

    response = client.post(page("import_mapping", batch), {
        "layout": "long", "period_dates": "day", "area_code": "Data_Zone", "value": "Attendance",
        "file_period": "2020", "percentages": "",
    })
    assert response.status_code == 302, response.context["form"].errors
    found = client.get(response.url).context["preview"]
    assert not found.errors, list(found.errors)[:3]
    raw = raw_attendance()
    assert found.row_count == len(raw) == 6976
    # Line 2: S01006506, 85%; line 12: S01006516, suppressed (*), one of 567.
    first = found.rows[0]
    assert (first.row, first.area_code, first.value) == (2, "S01006506", Decimal("85"))
    assert raw["S01006506"] == "85%" and raw["S01006516"] == "*"
    assert [note for note in found.notes if "suppressed" in note][0].startswith("567 values are suppressed (* 567)")


def test_a_big_file_of_a_layout_imported_before_is_read_and_checked_by_the_task(client, editor, indicator):
    client.force_login(editor)
    response, queued = post_upload(client, indicator, SIMD.read_bytes())
    queued[0]()
    batch = ImportBatch.objects.get()
    chosen = {"layout": "long", "period_dates": "day", "area_code": "Data_Zone", "value": "Attendance",
              "file_period": "2020", "percentages": ""}
    assert client.post(page("import_mapping", batch), chosen).status_code == 302
    batch.refresh_from_db()
    # Remembered as a confirmed import remembers it.
    SavedMapping.objects.create(workspace=batch.workspace, layout_signature=batch.layout_signature,
                                mapping=batch.mapping)

    response, queued = post_upload(client, indicator, SIMD.read_bytes())
    again = ImportBatch.objects.exclude(pk=batch.pk).get()
    assert response.url == page("import_progress", again)
    queued[0]()
    again.refresh_from_db()
    assert again.mapping["remembered"] and "read_in_background" in again.mapping
    # The task checked the rows too: the check page reads what it kept.
    assert importing.kept_tables.kept_check(importing.stored_path(again)) is not None
    assert client.get(page("import_progress", again))["Location"] == page("import_preview", again)
    found = client.get(page("import_preview", again)).context["preview"]
    assert not found.errors and found.row_count == 6976


def test_a_big_file_that_cannot_be_read_says_why_on_its_progress_page(client, editor, indicator):
    client.force_login(editor)
    content = b"%PDF-1.7\n" + bytes(range(256)) * 4000
    response, queued = post_upload(client, indicator, content, name="attendance.csv")
    batch = ImportBatch.objects.get()
    queued[0]()
    batch.refresh_from_db()
    assert importing.read_error(batch) and not importing.stored_path(batch).exists()
    shown = client.get(page("import_progress", batch))
    text = shown.content.decode()
    assert shown.status_code == 200
    assert "The file could not be read" in text and importing.read_error(batch)[:40] in text.replace("&#x27;", "'")
    assert "http-equiv" not in text and "upload it again" in text
    assert client.get(page("import_mapping", batch))["Location"] == page("import_progress", batch)
