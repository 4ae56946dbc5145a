"""Writing a workspace archive: one ZIP with each table as JSON (what the
import reads) and CSV (for people), the files the workspace owns, and a
manifest with the layout's version, the schema it came from and the SHA-256
of every file (docs/export.md).

Records are numbered afresh in each table, 1, 2, 3… in the order they were
made, and references between them use those numbers, so the archive can be
read into any instance. Users are named by e-mail address only."""

import csv
import hashlib
import io
import json
import shutil
import tempfile
import zipfile
from datetime import UTC
from decimal import Context, Decimal
from importlib.metadata import version
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import connection, models
from django.utils import timezone

from joinedup.design_system.spreadsheets import spreadsheet_cell
from joinedup.indicators.importing import stored_path
from joinedup.indicators.models import ImportBatch

from .archive_tables import AUDITED_MODEL, TABLE_OF, TABLES
from .archive_versions import ARCHIVE_VERSION, latest_migrations

FORMAT = "joinedup workspace archive"
MANIFEST = "manifest.json"
TEXT_FIELDS = (models.CharField, models.TextField)
SPOOL_BYTES = 8 * 1024 * 1024


def sha256_of(data):
    return hashlib.sha256(data).hexdigest()


def json_value(value):
    """A JSON field's value with its keys sorted: PostgreSQL keeps them in
    its own order, SQLite as written, and the archive must not depend on it."""
    return json.loads(json.dumps(value, sort_keys=True))


def plain(field, value):
    """One stored value as the archive writes it."""
    if value is None:
        return None
    if isinstance(field, models.JSONField):
        return json_value(value)
    if isinstance(field, models.DecimalField):
        exact = Decimal(1).scaleb(-field.decimal_places)
        return str(Decimal(value).quantize(exact, context=Context(prec=field.max_digits + 2)))
    if isinstance(field, models.DateTimeField):
        return value.astimezone(UTC).isoformat()
    if isinstance(field, models.DateField):
        return value.isoformat()
    return value


class Numbering:
    """Archive-local ids: each table's records numbered 1, 2, 3… in the
    order of their ids here, and users by their e-mail address."""

    def __init__(self):
        self.local = {}
        self.users = {}

    def number(self, model, pks):
        self.local[model] = {pk: number for number, pk in enumerate(pks, start=1)}

    def reference(self, field, value):
        if value is None:
            return None
        target = field.related_model
        if target is get_user_model():
            return self.user(value)
        try:
            return self.local[target][value]
        except KeyError:
            raise ValueError(f"{field.model._meta.label}.{field.name} points outside the workspace") from None

    def user(self, pk):
        if pk not in self.users:
            found = get_user_model().objects.filter(pk=pk).values_list("email", "username").first()
            # A user deleted since (audit entries keep no constraint) is no one.
            self.users[pk] = (found[0] or found[1]) if found else None
        return self.users[pk]

    def audit_object(self, object_type, object_id):
        """An audit entry's object id as its archive number, or "" when the
        record is not in the archive (an id here would mean nothing elsewhere)."""
        model = AUDITED_MODEL.get(object_type)
        if model is None or not object_id.isdigit():
            return ""
        number = self.local.get(model, {}).get(int(object_id))
        return "" if number is None else str(number)


def table_rows(table, workspace, numbering):
    """The table's rows for this workspace, as lists in column order."""
    fields = table.fields
    names = [f.attname for f in fields]
    pks = list(table.queryset(workspace).values_list("pk", flat=True))
    numbering.number(table.model, pks)
    own = numbering.local[table.model]
    for values in table.queryset(workspace).values_list(*names).iterator(chunk_size=2000):
        row = []
        for field, value in zip(fields, values, strict=True):
            if field.primary_key:
                row.append(own[value])
            elif field.is_relation:
                row.append(numbering.reference(field, value))
            else:
                row.append(plain(field, value))
        if table.name == "audit.entry":
            position = table.columns.index("object_id")
            row[position] = numbering.audit_object(row[table.columns.index("object_type")], row[position])
        yield row


def csv_cell(field, value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if isinstance(field, TEXT_FIELDS) and not field.choices and not field.is_relation:
        return spreadsheet_cell(value)
    return value


class HashingWriter:
    """Counts and hashes what is written to one member of the ZIP."""

    def __init__(self, member):
        self.member = member
        self.sha256 = hashlib.sha256()

    def write(self, text):
        data = text.encode()
        self.sha256.update(data)
        self.member.write(data)


def write_table(table, workspace, numbering, as_json, as_csv):
    """Write the table as JSON and as CSV; returns the number of rows."""
    text = io.StringIO()
    rows = csv.writer(text, lineterminator="\r\n")
    rows.writerow(table.columns)
    as_json.write("[")
    count = 0
    for row in table_rows(table, workspace, numbering):
        as_json.write(("\n" if not count else ",\n")
                      + json.dumps(dict(zip(table.columns, row, strict=True)), ensure_ascii=False))
        rows.writerow([csv_cell(f, v) for f, v in zip(table.fields, row, strict=True)])
        count += 1
        if text.tell() > SPOOL_BYTES // 8:
            as_csv.write(text.getvalue())
            text.seek(0)
            text.truncate()
    as_json.write("\n]\n")
    as_csv.write(text.getvalue())
    return count


def write_archive(workspace, target, *, now=None):
    """Write the archive of `workspace` to the binary file object `target`.
    Returns the manifest."""
    now = now or timezone.now()
    stamp = now.astimezone(UTC).timetuple()[:6]
    numbering = Numbering()
    files, tables = {}, {}
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:

        def member(name):
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            return archive.open(info, "w", force_zip64=True)

        for table in TABLES:
            json_name, csv_name = f"tables/{table.name}.json", f"tables/{table.name}.csv"
            # One member of a ZIP is written at a time: the CSV waits in a spool.
            with tempfile.SpooledTemporaryFile(SPOOL_BYTES) as spool:
                with member(json_name) as json_member:
                    as_json, as_csv = HashingWriter(json_member), HashingWriter(spool)
                    count = write_table(table, workspace, numbering, as_json, as_csv)
                spool.seek(0)
                with member(csv_name) as csv_member:
                    shutil.copyfileobj(spool, csv_member)
            files[json_name] = as_json.sha256.hexdigest()
            files[csv_name] = as_csv.sha256.hexdigest()
            tables[table.name] = {"rows": count, "json": json_name, "csv": csv_name}
        for name, content in uploaded_files(workspace, numbering):
            with member(name) as upload:
                upload.write(content)
            files[name] = sha256_of(content)
        manifest = {
            "format": FORMAT,
            "archive_version": ARCHIVE_VERSION,
            "joinedup_version": version("joinedup"),
            "created_at": now.astimezone(UTC).isoformat(),
            "schema": latest_migrations(connection),
            "workspace": {"name": workspace.name, "slug": workspace.slug},
            "tables": tables,
            "files": dict(sorted(files.items())),
        }
        with member(MANIFEST) as out:
            out.write((json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode())
    return manifest


def uploaded_files(workspace, numbering):
    """(name in the archive, bytes) of each upload the workspace still keeps:
    the files of indicator imports waiting for confirmation."""
    numbers = numbering.local.get(ImportBatch, {})
    for batch in TABLE_OF[ImportBatch].queryset(workspace):
        path = Path(stored_path(batch))
        if path.is_file():
            yield f"files/indicators.importbatch/{numbers[batch.pk]}", path.read_bytes()


def archive_name(workspace, now=None):
    now = timezone.localtime(now or timezone.now())
    return f"{workspace.slug}-{now:%Y-%m-%d-%H%M}.zip"

