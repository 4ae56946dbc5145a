"""Writing an import's measurements in bulk, and telling the progress page how far it has got.

On PostgreSQL new values go in with COPY (psycopg's `cursor.copy`), the
fastest way in; changed values are copied into a temporary table and
updated from it in one statement, and their revisions copied in. On SQLite
(the demo, small installs) the same is done with `bulk_create` and
`bulk_update` in chunks. Either way it happens inside the caller's
transaction, so a failure part-way leaves nothing written.

Progress cannot go through the database: the import's transaction is not
visible to the page until it commits, and on SQLite a second connection
could not write while the import holds the write lock. So it goes in a small
file beside the uploaded file, under MEDIA_ROOT, which the web app and the
worker share already (the worker reads the upload from there); it is
replaced whole (write, then rename), so the page never reads half of it.
"""

import os
from pathlib import Path

from django.db import connection

from .models import Measurement, MeasurementRevision

NEW_COLUMNS = ("indicator", "area", "period_start", "period_end", "period_label", "frequency",
               "value", "numerator", "denominator", "status", "marker", "note", "batch", "updated_at")
# A revision keeps the old and new value, numerator, denominator, status and
# marker (as `importing._same` compares them; a changed note alone is not revised history).
REVISION_COLUMNS = ("measurement", "batch", "changed_by", "changed_at", "old_value", "new_value",
                    "old_numerator", "new_numerator", "old_denominator", "new_denominator",
                    "old_status", "new_status", "old_marker", "new_marker")
VALUE_FIELDS = ("value", "numerator", "denominator", "status", "marker", "note")
SQLITE_BATCH = 500


def _columns(model, names):
    return ", ".join(connection.ops.quote_name(model._meta.get_field(name).column) for name in names)


class MeasurementWriter:
    """Adds and revises one batch's measurements, in bulk, in the caller's transaction."""

    def __init__(self, batch, now):
        self.batch, self.now = batch, now
        self.copying = connection.vendor == "postgresql"
        self.changes_table = False

    def add(self, rows):
        """New measurements: `rows` is a list of (area id, MeasurementRow)."""
        if not rows:
            return
        batch, now = self.batch, self.now
        if self.copying:
            table = connection.ops.quote_name(Measurement._meta.db_table)
            with connection.cursor() as cursor, cursor.cursor.copy(
                f"COPY {table} ({_columns(Measurement, NEW_COLUMNS)}) FROM STDIN"
            ) as copy:
                for area_id, row in rows:
                    period = row.period
                    copy.write_row((
                        batch.indicator_id, area_id, period.start, period.end, period.label,
                        str(period.frequency), row.value, row.numerator, row.denominator, str(row.status),
                        row.marker, row.note, batch.pk, now,
                    ))
            return
        Measurement.objects.bulk_create(
            (Measurement(
                indicator_id=batch.indicator_id, area_id=area_id, period_start=row.period.start,
                period_end=row.period.end, period_label=row.period.label, frequency=str(row.period.frequency),
                value=row.value, numerator=row.numerator, denominator=row.denominator, status=str(row.status),
                marker=row.marker, note=row.note, batch=batch, updated_at=now,
            ) for area_id, row in rows),
            batch_size=SQLITE_BATCH,
        )

    def revise(self, changes):
        """Changed measurements: `changes` is a list of (Existing, MeasurementRow).
        Each keeps its old values in a `MeasurementRevision`."""
        if not changes:
            return
        batch, now, user = self.batch, self.now, self.batch.confirmed_by_id
        revisions = (
            (old.pk, batch.pk, user, now, old.value, row.value, old.numerator, row.numerator,
             old.denominator, row.denominator, old.status, str(row.status), old.marker, row.marker)
            for old, row in changes
        )
        if not self.copying:
            MeasurementRevision.objects.bulk_create(
                (MeasurementRevision(**{f"{name}_id" if name in ("measurement", "batch", "changed_by") else name:
                                        value for name, value in zip(REVISION_COLUMNS, revision, strict=True)})
                 for revision in revisions),
                batch_size=SQLITE_BATCH,
            )
            Measurement.objects.bulk_update(
                [Measurement(pk=old.pk, value=row.value, numerator=row.numerator, denominator=row.denominator,
                             status=str(row.status), marker=row.marker, note=row.note, batch_id=batch.pk,
                             updated_at=now)
                 for old, row in changes],
                [*VALUE_FIELDS, "batch", "updated_at"], batch_size=SQLITE_BATCH,
            )
            return
        revision_table = connection.ops.quote_name(MeasurementRevision._meta.db_table)
        measurement_table = connection.ops.quote_name(Measurement._meta.db_table)
        with connection.cursor() as cursor:
            with cursor.cursor.copy(
                f"COPY {revision_table} ({_columns(MeasurementRevision, REVISION_COLUMNS)}) FROM STDIN"
            ) as copy:
                for revision in revisions:
                    copy.write_row(revision)
            if not self.changes_table:
                cursor.execute(
                    "CREATE TEMPORARY TABLE import_changes (id bigint, value numeric, numerator numeric, "
                    "denominator numeric, status varchar(20), marker varchar(20), note varchar(300)) ON COMMIT DROP"
                )
                self.changes_table = True
            else:
                cursor.execute("TRUNCATE import_changes")
            with cursor.cursor.copy(
                "COPY import_changes (id, value, numerator, denominator, status, marker, note) FROM STDIN"
            ) as copy:
                for old, row in changes:
                    copy.write_row((old.pk, row.value, row.numerator, row.denominator, str(row.status),
                                    row.marker, row.note))
            cursor.execute(
                # The table name is the model's own, nothing from outside.
                f"UPDATE {measurement_table} AS m SET value = c.value, numerator = c.numerator, "  # noqa: S608
                "denominator = c.denominator, status = c.status, marker = c.marker, note = c.note, "
                "batch_id = %s, updated_at = %s "
                "FROM import_changes AS c WHERE m.id = c.id",
                [batch.pk, now],
            )

    def close(self):
        if self.changes_table:
            with connection.cursor() as cursor:
                cursor.execute("DROP TABLE import_changes")
            self.changes_table = False


class Progress:
    """How many of an import's values are written, kept in a file the progress page reads."""

    def __init__(self, path):
        self.path = Path(path)
        self.total = None

    def update(self, done, total=None):
        if total is not None:
            self.total = total
        self.path.parent.mkdir(parents=True, exist_ok=True)
        partial = self.path.with_name(self.path.name + ".partial")
        partial.write_text(f"{done} {self.total or 0}", encoding="ascii")
        os.replace(partial, self.path)

    def remove(self):
        self.path.unlink(missing_ok=True)

    @staticmethod
    def read(path):
        """(done, total) as last written, or (0, 0) if nothing is written yet."""
        try:
            done, total = Path(path).read_text(encoding="ascii").split()
            return int(done), int(total)
        except (OSError, ValueError):
            return 0, 0
