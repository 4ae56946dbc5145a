"""Imports in the background: the confirm queues a task and shows its
progress, the task writes everything or nothing and records why, two people
confirming at once make one import, limits refuse hostile files quickly, and
the daily upkeep deletes abandoned uploads."""

import io
import threading
import zipfile
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from joinedup.audit.models import Entry, Kind
from joinedup.indicators import importing, tasks
from joinedup.indicators.import_writing import Progress
from joinedup.indicators.mapping import ColumnMapping
from joinedup.indicators.models import (
    Area,
    ImportBatch,
    ImportStatus,
    Indicator,
    Measurement,
    MeasurementRevision,
)
from joinedup.indicators.reading import FileReadError, read_table
from joinedup.indicators.upkeep import remove_abandoned_imports
from tests.public_data import PUBLIC

ADMISSIONS = PUBLIC / "trafford_dashboard_residential_home_admissions.csv"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def indicator(partnership, outcome):
    return Indicator.objects.create(
        partnership=partnership, outcome=outcome, name="Permanent admissions 65+ per 100,000",
        unit="rate_100k", direction="lower", frequency="financial_year",
    )


def stage(indicator, user, content=None):
    return importing.stage_upload(indicator, user, "admissions.csv", content or ADMISSIONS.read_bytes())


def roles_for(batch):
    return {c.key: "own" if c.name == "Trafford" else "comparator" for c in importing.preview(batch).areas}


def progress_url(batch):
    return reverse("indicators:import_progress", args=["northshire", batch.token])


def area_post(batch):
    return {f"area_{i}": "own" if c.name == "Trafford" else "comparator"
            for i, c in enumerate(importing.preview(batch).areas)}


# The states and the task


def test_a_confirmed_import_goes_queued_running_committed_and_its_file_is_deleted(indicator, editor, media_root):
    batch = stage(indicator, editor)
    assert importing.queue(batch, editor, roles_for(batch))
    assert batch.status == ImportStatus.QUEUED and batch.confirmed_by == editor
    assert Measurement.objects.count() == 0  # queued, nothing written yet

    importing.run(batch.pk)
    batch.refresh_from_db()
    assert batch.status == ImportStatus.COMMITTED and batch.finished
    assert (batch.total, batch.added, batch.changed, batch.unchanged) == (50, 50, 0, 0)
    assert batch.started_at and batch.finished_at and batch.committed_at
    assert Measurement.objects.filter(batch=batch).count() == 50
    assert not importing.stored_path(batch).exists() and not importing.progress_path(batch).exists()


def test_a_task_delivered_twice_imports_once(indicator, editor):
    batch = stage(indicator, editor)
    importing.queue(batch, editor, roles_for(batch))
    importing.run(batch.pk)
    importing.run(batch.pk)  # finds the batch no longer queued: does nothing
    assert Measurement.objects.count() == 50


def test_a_refused_file_fails_with_its_errors_by_row_and_writes_nothing(indicator, editor):
    broken = ADMISSIONS.read_bytes().replace(b"Persons,985.2", b'Persons,"98,52"')
    batch = stage(indicator, editor, broken)
    assert importing.queue(batch, editor, {})
    importing.run(batch.pk)
    batch.refresh_from_db()
    assert batch.status == ImportStatus.FAILED
    assert batch.errors == [
        "Row 3, column 'value': '98,52' has a comma where joinedup expects a thousands separator "
        "(1,234). Use a decimal point for decimals, like 12.5."
    ]
    assert Measurement.objects.count() == 0 and Area.objects.count() == 0


def test_a_failure_part_way_through_the_writing_leaves_nothing_written(indicator, editor, monkeypatch):
    batch = stage(indicator, editor)
    importing.queue(batch, editor, roles_for(batch))
    monkeypatch.setattr(importing, "CHUNK_ROWS", 20)
    written = []
    original = importing.MeasurementWriter.add

    def add_then_fail(self, rows):
        original(self, rows)
        written.append(len(rows))
        if len(written) == 2:
            raise RuntimeError("the disk is full")

    monkeypatch.setattr(importing.MeasurementWriter, "add", add_then_fail)
    importing.run(batch.pk)
    batch.refresh_from_db()
    assert written == [20, 20]  # 40 rows were written inside the transaction...
    assert Measurement.objects.count() == 0 and Area.objects.count() == 0  # ...and rolled back
    assert batch.status == ImportStatus.FAILED
    assert "nothing was imported" in batch.errors[0]


def test_a_re_import_with_corrections_revises_in_bulk(indicator, editor, owner):
    first = stage(indicator, editor)
    importing.commit(first, editor, roles_for(first))
    corrected = ADMISSIONS.read_bytes().replace(b"Persons,543", b"Persons,550.5").replace(
        b"Persons,985.2", b"Persons,*")
    again = stage(indicator, owner, corrected)
    importing.queue(again, owner, {})
    importing.run(again.pk)
    again.refresh_from_db()
    assert (again.added, again.changed, again.unchanged) == (0, 2, 48)
    revisions = {r.old_value: r for r in MeasurementRevision.objects.select_related("measurement")}
    assert revisions[Decimal("543")].new_value == Decimal("550.5")
    assert revisions[Decimal("985.2")].new_status == "suppressed" and revisions[Decimal("985.2")].new_value is None
    assert {r.changed_by_id for r in revisions.values()} == {owner.pk}
    assert revisions[Decimal("543")].measurement.value == Decimal("550.5")
    assert revisions[Decimal("985.2")].measurement.batch_id == again.pk


def test_markers_and_notes_are_written_in_bulk_and_a_changed_marker_is_revised(partnership, editor, owner):
    """The bulk writer (COPY on PostgreSQL) keeps each value's marker and note, and a
    re-import that changes only a marker is a change, revised with the old and new marker."""
    indicator = Indicator.objects.create(partnership=partnership, name="Plans", unit="count",
                                         direction="lower", frequency="year")
    mapping = ColumnMapping(period="Year", value="Value", value_note="Note").to_dict()

    def import_file(user, content):
        batch = importing.stage_upload(indicator, user, "plans.csv", content)
        batch.mapping = mapping
        batch.save()
        importing.commit(batch, user)
        batch.refresh_from_db()
        return batch

    first = import_file(editor, b"Year,Value,Note\n2020,c,Fewer than 5 children\n2021,12.5,\n2022,..,Not collected\n")
    assert (first.added, first.changed, first.unchanged) == (3, 0, 0)
    stored = {m.period_label: m for m in Measurement.objects.all()}
    assert (stored["2020"].status, stored["2020"].marker, stored["2020"].note) == (
        "suppressed", "c", "Fewer than 5 children")
    assert (stored["2021"].value, stored["2021"].marker, stored["2021"].note) == (Decimal("12.5"), "", "")
    assert (stored["2022"].status, stored["2022"].marker) == ("missing", "..")

    again = import_file(owner, b"Year,Value,Note\n2020,x,Fewer than 5 children\n2021,12.5,\n2022,..,Not collected\n")
    assert (again.added, again.changed, again.unchanged) == (0, 1, 2)
    revision = MeasurementRevision.objects.get()
    assert (revision.old_marker, revision.new_marker, revision.changed_by) == ("c", "x", owner)
    assert Measurement.objects.get(period_label="2020").marker == "x"


def test_the_audit_log_records_the_import_when_the_task_commits_it_as_the_person_who_confirmed(
    indicator, editor, owner
):
    batch = stage(indicator, editor)
    importing.queue(batch, owner, roles_for(batch))
    assert not Entry.objects.filter(kind=Kind.IMPORT).exists()  # queued: nothing imported yet
    importing.run(batch.pk)
    entry = Entry.objects.get(kind=Kind.IMPORT)
    assert (entry.actor, entry.action, entry.object_label) == (owner, "imported measurements", indicator.name)
    assert entry.changes == "File: admissions.csv: 50 added, 0 changed, 0 unchanged"


def test_a_failed_import_is_not_in_the_audit_log(indicator, editor):
    broken = ADMISSIONS.read_bytes().replace(b"Persons,985.2", b"Persons,lots")
    batch = stage(indicator, editor, broken)
    importing.queue(batch, editor, {})
    importing.run(batch.pk)
    assert ImportBatch.objects.get(pk=batch.pk).status == ImportStatus.FAILED
    assert not Entry.objects.filter(kind=Kind.IMPORT).exists()


def test_a_confirm_of_a_file_with_errors_stays_on_the_check_page_and_queues_nothing(
    client, editor, indicator, django_capture_on_commit_callbacks
):
    broken = ADMISSIONS.read_bytes().replace(b"Persons,985.2", b"Persons,lots")
    batch = stage(indicator, editor, broken)
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(reverse("indicators:import_preview", args=["northshire", batch.token]),
                               area_post(batch))
    assert response.status_code == 200 and not callbacks
    assert "&#x27;lots&#x27; is not a number" in response.content.decode()
    assert ImportBatch.objects.get(pk=batch.pk).status == ImportStatus.PENDING


def test_progress_is_read_from_its_file_while_the_import_runs(tmp_path):
    progress = Progress(tmp_path / "token.progress")
    assert Progress.read(progress.path) == (0, 0)
    progress.update(0, 1_000_000)
    progress.update(20_000)
    assert Progress.read(progress.path) == (20_000, 1_000_000)
    progress.remove()
    assert Progress.read(progress.path) == (0, 0)


# The pages


def test_the_confirm_redirects_to_a_progress_page_that_refreshes_until_done(client, editor, indicator,
                                                                          django_capture_on_commit_callbacks):
    batch = stage(indicator, editor)
    client.force_login(editor)
    preview = reverse("indicators:import_preview", args=["northshire", batch.token])
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(preview, area_post(batch))
    assert response["Location"] == progress_url(batch) and len(callbacks) == 1
    batch.refresh_from_db()
    assert batch.status == ImportStatus.QUEUED

    waiting = client.get(progress_url(batch)).content.decode()
    assert "Waiting to start." in waiting and 'role="status"' in waiting
    assert '<noscript><meta http-equiv="refresh" content="3"></noscript>' in waiting
    assert "joinedup/progress.js" in waiting

    ImportBatch.objects.filter(pk=batch.pk).update(status=ImportStatus.RUNNING, total=0)
    assert "Reading and checking the file." in client.get(progress_url(batch)).content.decode()
    ImportBatch.objects.filter(pk=batch.pk).update(total=50)
    Progress(importing.progress_path(batch)).update(20, 50)
    running = client.get(progress_url(batch)).content.decode()
    assert "20 of 50 rows imported (40%)." in running
    assert '<progress class="joinedup-progress" max="50" value="20"' in running

    ImportBatch.objects.filter(pk=batch.pk).update(status=ImportStatus.QUEUED)
    callbacks[0]()  # the task runs (inline, as the tests' backend does)
    done = client.get(progress_url(batch)).content.decode()
    assert "Import complete" in done and "http-equiv" not in done and "progress.js" not in done
    assert Measurement.objects.count() == 50


def test_a_failed_import_page_lists_the_reasons(client, editor, indicator, django_capture_on_commit_callbacks):
    batch = stage(indicator, editor)
    client.force_login(editor)
    data = area_post(batch)
    Measurement.objects.all().delete()
    # Another import makes another area the workspace's own after this preview was shown.
    Area.objects.create(workspace=indicator.partnership.workspace, name="Bury", is_own_area=True)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("indicators:import_preview", args=["northshire", batch.token]), data)
    # Caught before queueing: the area choices are checked in the request.
    assert response.status_code == 200 and "Bury is already your own area" in response.content.decode()
    batch.refresh_from_db()
    assert batch.status == ImportStatus.PENDING

    ImportBatch.objects.filter(pk=batch.pk).update(
        status=ImportStatus.FAILED, errors=["Row 3, column 'value': 'lots' is not a number."])
    page = client.get(progress_url(batch)).content.decode()
    assert "Error: Import of admissions.csv" in page
    assert "Row 3, column &#x27;value&#x27;: &#x27;lots&#x27; is not a number." in page
    assert "Nothing has been imported" in page and "upload it again" in page


def test_a_pending_import_progress_page_goes_to_the_preview(client, editor, indicator):
    batch = stage(indicator, editor)
    client.force_login(editor)
    assert client.get(progress_url(batch))["Location"] == reverse(
        "indicators:import_preview", args=["northshire", batch.token])


def test_the_second_confirm_of_an_import_is_told_it_is_under_way_not_an_error(client, editor, owner, indicator,
                                                                             django_capture_on_commit_callbacks):
    batch = stage(indicator, editor)
    data = area_post(batch)
    preview = reverse("indicators:import_preview", args=["northshire", batch.token])
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(preview, data)
    client.force_login(owner)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(preview, data)
    assert response.status_code == 302 and response["Location"] == progress_url(batch)
    assert not callbacks
    assert "already been confirmed" in client.get(response["Location"]).content.decode()
    assert Measurement.objects.count() == 50


def test_of_two_confirms_racing_only_the_first_update_claims_the_import(indicator, editor, owner):
    batch = stage(indicator, editor)
    stale = ImportBatch.objects.get(pk=batch.pk)  # the second request read it while pending
    assert tasks.confirm(batch, editor, roles_for(batch)) is True
    assert stale.status == ImportStatus.PENDING
    assert importing.queue(stale, owner, {}) is False
    batch.refresh_from_db()
    assert batch.confirmed_by == editor


@pytest.mark.django_db(transaction=True)
def test_two_people_confirming_at_once_make_one_import(indicator, editor, owner):
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers need PostgreSQL; CI runs this suite on it too")
    batch = stage(indicator, editor)
    roles = roles_for(batch)
    both = threading.Barrier(2)
    outcomes = []

    def confirm(user):
        both.wait()
        try:
            mine = ImportBatch.objects.get(pk=batch.pk)
            outcomes.append(tasks.confirm(mine, user, roles))
        except Exception as error:  # any error is a failure of the test, reported below
            outcomes.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=confirm, args=(user,)) for user in (editor, owner)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == [False, True]
    batch.refresh_from_db()
    assert batch.status == ImportStatus.COMMITTED
    assert Measurement.objects.count() == 50 and Area.objects.count() == 10


@pytest.mark.django_db(transaction=True)
def test_two_imports_of_one_file_at_once_write_it_once_and_revise_nothing(indicator, editor, owner):
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers need PostgreSQL; CI runs this suite on it too")
    batches = [stage(indicator, user) for user in (editor, owner)]
    roles = roles_for(batches[0])
    for batch, user in zip(batches, (editor, owner), strict=True):
        importing.queue(batch, user, roles)
    both = threading.Barrier(2)

    def run(batch):
        both.wait()
        try:
            importing.run(batch.pk)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(batch,)) for batch in batches]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    results = sorted((b.added, b.unchanged, b.status) for b in ImportBatch.objects.all())
    assert results == [(0, 50, "committed"), (50, 0, "committed")]
    assert Measurement.objects.count() == 50 and Area.objects.count() == 10


@pytest.mark.django_db(transaction=True)
def test_the_database_worker_moves_the_import_through_its_states(settings, indicator, editor):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    from django_tasks_db.models import DBTaskResult

    batch = stage(indicator, editor)
    assert tasks.confirm(batch, editor, roles_for(batch))  # outside a transaction: enqueued at once
    assert DBTaskResult.objects.count() == 1
    batch.refresh_from_db()
    assert batch.status == ImportStatus.QUEUED and Measurement.objects.count() == 0
    call_command("db_worker", batch=True, startup_delay=False, interval=0, verbosity=0)
    batch.refresh_from_db()
    assert batch.status == ImportStatus.COMMITTED and batch.added == 50
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}


# Limits on hostile files


def test_a_line_of_a_million_columns_is_refused_quickly_with_a_message():
    content = b"Area,Period,Value\n" + b"," * 1_000_000 + b"\nTrafford,2024/25,1\n"
    # Refused at the row itself, before any table is built from it (no padding
    # of other rows to a million columns, which is what took a worker down).
    with pytest.raises(FileReadError) as raised:
        read_table(content, "wide.csv", max_bytes=10 * 1024 * 1024)
    assert raised.value.code == "too_large"
    assert raised.value.message.startswith("Row 2 of the file has 1,000,001 cells; joinedup reads at most 16,384 ")


def test_a_file_of_too_many_cells_is_refused(settings, indicator, editor):
    settings.INDICATOR_IMPORT_MAX_CELLS = 1_000
    rows = b"".join(b"Trafford,%d,%d,1,2,3,4,5,6,7\n" % (2000 + n, n) for n in range(200))
    with pytest.raises(FileReadError) as raised:
        importing.stage_upload(indicator, editor, "cells.csv", b"Area,Year,Value,a,b,c,d,e,f,g\n" + rows)
    assert "more than 1,000 cells (rows times columns)" in raised.value.message
    assert not ImportBatch.objects.exists()


def zip_bomb_workbook(unpacked_megabytes):
    """A valid-looking workbook whose one sheet is mostly blank rows, highly compressible."""
    buffer = io.BytesIO()
    head = ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
            'spreadsheetml/2006/main"><sheetData>')
    row = '<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>'
    chunk = (row * (1024 * 1024 // len(row))).encode()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(head.encode())
            for _ in range(unpacked_megabytes):
                sheet.write(chunk)
            sheet.write(b"</sheetData></worksheet>")
    return buffer.getvalue()


def test_a_workbook_that_unpacks_to_far_more_than_its_size_is_refused_before_it_is_parsed(monkeypatch):
    content = zip_bomb_workbook(250)
    assert len(content) < 1024 * 1024  # under a megabyte on disk, 250 MB unpacked

    def never(*args, **kwargs):
        raise AssertionError("openpyxl was asked to parse the workbook")

    monkeypatch.setattr("openpyxl.load_workbook", never)
    with pytest.raises(FileReadError) as raised:
        read_table(content, "bomb.xlsx")
    assert raised.value.code == "too_large"
    assert raised.value.message.startswith("The workbook unpacks to 250 MB, more than the 100 MB joinedup reads.")


# Upkeep


def test_the_daily_upkeep_deletes_abandoned_uploads_and_fails_stalled_imports(indicator, editor, settings):
    settings.INDICATOR_IMPORT_ABANDONED_HOURS = 24
    old, recent, stalled, done = (stage(indicator, editor) for _ in range(4))
    day_ago = timezone.now() - timedelta(hours=25)
    ImportBatch.objects.filter(pk__in=[old.pk, stalled.pk, done.pk]).update(created_at=day_ago)
    importing.commit(done, editor, roles_for(done))
    ImportBatch.objects.filter(pk=stalled.pk).update(status=ImportStatus.RUNNING, confirmed_at=day_ago)

    out = io.StringIO()
    call_command("close_lapsed_waves", stdout=out)
    assert "1 abandoned indicator upload deleted, 1 stopped import marked failed." in out.getvalue()
    assert not ImportBatch.objects.filter(pk=old.pk).exists()
    assert not importing.stored_path(old).exists() and importing.stored_path(recent).exists()
    assert ImportBatch.objects.get(pk=recent.pk).status == ImportStatus.PENDING
    stalled.refresh_from_db()
    assert stalled.status == ImportStatus.FAILED and "stopped before it finished" in stalled.errors[0]
    assert not importing.stored_path(stalled).exists()
    assert ImportBatch.objects.get(pk=done.pk).status == ImportStatus.COMMITTED
    assert Measurement.objects.count() == 50
    assert remove_abandoned_imports() == (0, 0)
