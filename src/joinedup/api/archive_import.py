"""Reading a workspace archive back into a new workspace (docs/export.md).

The archive is checked whole before anything is written: it must be a ZIP
with a manifest, every file the manifest lists must be there with its
SHA-256, and nothing else may be; an older layout is brought up to date
(archive_versions.py) and then every table must have exactly the columns of
this version. The rows are written in one transaction: a value that does not
fit, or a reference to a record the archive does not hold, refuses the whole
archive with a message naming the table, row and column."""

import json
import secrets
import zipfile
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils.translation import gettext as _

from joinedup.indicators.importing import stored_path
from joinedup.indicators.models import ImportBatch
from joinedup.review.models import stale_findings
from joinedup.workspaces.models import Role, UserRole, Workspace

from .archive_export import FORMAT, MANIFEST, sha256_of
from .archive_tables import AUDITED_MODEL, TABLES
from .archive_versions import ARCHIVE_VERSION, upgrade

BATCH_SIZE = 1000


class ArchiveRefused(Exception):
    """The archive cannot be imported; the message says why and what to do."""


class AddressTaken(ArchiveRefused):
    """The workspace's short name is already used on this instance."""


def read_archive(source):
    """(manifest, rows by table name, uploaded files by name) of a checked archive."""
    try:
        archive = zipfile.ZipFile(source)
    except FileNotFoundError:
        raise ArchiveRefused(_("There is no file %(file)s.") % {"file": source}) from None
    except (zipfile.BadZipFile, OSError) as error:
        raise ArchiveRefused(
            _("The file is not a ZIP archive (%(error)s). Choose the .zip file joinedup made.") % {"error": error}
        ) from None
    with archive:
        manifest = _manifest(archive)
        contents = _checked_contents(archive, manifest)
    tables = {}
    for name, about in manifest["tables"].items():
        try:
            rows = json.loads(contents[about["json"]])
        except (KeyError, TypeError, ValueError) as error:
            raise ArchiveRefused(_("The table %(name)s cannot be read (%(error)s).") % {"name": name, "error": error}) from None
        if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
            raise ArchiveRefused(_("The table %(name)s is not a list of records.") % {"name": name})
        tables[name] = rows
    uploads = {name: data for name, data in contents.items() if name.startswith("files/")}
    return manifest, tables, uploads


def _manifest(archive):
    try:
        manifest = json.loads(archive.read(MANIFEST))
    except KeyError:
        raise ArchiveRefused(
            _("The archive has no %(manifest)s: it is not a joinedup workspace archive.") % {"manifest": MANIFEST}
        ) from None
    except ValueError as error:
        raise ArchiveRefused(
            _("The archive's %(manifest)s cannot be read (%(error)s).") % {"manifest": MANIFEST, "error": error}
        ) from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise ArchiveRefused(
            _("The archive's %(manifest)s does not describe a joinedup workspace archive.") % {"manifest": MANIFEST}
        )
    version = manifest.get("archive_version")
    if not isinstance(version, int) or version < 1:
        raise ArchiveRefused(_("The archive's %(manifest)s gives no archive version.") % {"manifest": MANIFEST})
    if version > ARCHIVE_VERSION:
        raise ArchiveRefused(
            _("The archive is of version %(version)s, made by a newer joinedup (%(made_by)s); "
              "this one reads versions up to %(newest)s. Update joinedup here, then import it.")
            % {"version": version, "made_by": manifest.get("joinedup_version"), "newest": ARCHIVE_VERSION}
        )
    if not isinstance(manifest.get("files"), dict) or not isinstance(manifest.get("tables"), dict):
        raise ArchiveRefused(_("The archive's %(manifest)s lists no files or tables.") % {"manifest": MANIFEST})
    return manifest


def _checked_contents(archive, manifest):
    listed = manifest["files"]
    present = {name for name in archive.namelist() if name != MANIFEST}
    for name in sorted(present - listed.keys()):
        raise ArchiveRefused(
            _("The archive holds %(name)s, which its manifest does not list: it has been changed.") % {"name": name}
        )
    contents = {}
    for name, expected in sorted(listed.items()):
        if name not in present:
            raise ArchiveRefused(_("The archive has lost %(name)s, which its manifest lists.") % {"name": name})
        try:
            data = archive.read(name)
        except (zipfile.BadZipFile, OSError, ValueError) as error:
            raise ArchiveRefused(_("%(name)s in the archive is damaged (%(error)s).") % {"name": name, "error": error}) from None
        if sha256_of(data) != expected:
            raise ArchiveRefused(
                _("%(name)s in the archive does not match its checksum: the archive is damaged or has been changed. "
                  "Export it again from the original workspace.") % {"name": name}
            )
        contents[name] = data
    return contents


def _check_columns(tables):
    expected = {table.name: table for table in TABLES}
    for name in tables.keys() - expected.keys():
        raise ArchiveRefused(_("The archive holds a table this joinedup does not know: %(name)s.") % {"name": name})
    for name, table in expected.items():
        if name not in tables:
            raise ArchiveRefused(_("The archive has no table %(name)s.") % {"name": name})
        for number, row in enumerate(tables[name], start=1):
            if row.keys() != set(table.columns):
                missing = [c for c in table.columns if c not in row]
                extra = [c for c in row if c not in table.columns]
                raise ArchiveRefused(
                    _("%(name)s, record %(number)s: the columns are not those of archive version %(version)s")
                    % {"name": name, "number": number, "version": ARCHIVE_VERSION}
                    + (_("; missing %(columns)s") % {"columns": ", ".join(missing)} if missing else "")
                    + (_("; not known %(columns)s") % {"columns": ", ".join(extra)} if extra else "")
                )
    if len(tables["workspaces.workspace"]) != 1:
        raise ArchiveRefused(_("The archive must hold exactly one workspace."))


class Restoring:
    """The new ids of the records written so far, by table and archive number."""

    def __init__(self, only_user=None):
        self.ids = {}
        self.users = {}
        self.workspace = None
        # Through the page, the archive cannot make accounts or members of anyone
        # on this server: everyone it names is the person importing it.
        self.only_user = only_user

    def user(self, identity):
        if self.only_user is not None:
            return self.only_user.pk
        if identity not in self.users:
            self.users[identity] = user_named(identity).pk
        return self.users[identity]

    def value(self, table, number, field, value):
        where = _("%(table)s, record %(number)s, column %(column)s") % {
            "table": table.name, "number": number, "column": field.name}
        if field.is_relation:
            if value is None:
                return None
            if field.related_model is get_user_model():
                if not isinstance(value, str) or not value.strip():
                    raise ArchiveRefused(_("%(where)s: a user is named by e-mail address.") % {"where": where})
                return self.user(value)
            try:
                return self.ids[field.related_model][value]
            except (KeyError, TypeError):
                raise ArchiveRefused(_("%(where)s: record %(value)s is not in the archive.") % {"where": where, "value": value}) from None
        try:
            value = field.to_python(value)
            if value is not None and value != "":
                if field.choices and value not in dict(field.flatchoices):
                    raise ValidationError(_("“%(value)s” is not one of the choices") % {"value": value})
                field.run_validators(value)
        except ValidationError as error:
            raise ArchiveRefused(f"{where}: {' '.join(error.messages)}") from None
        if value is None and not field.null:
            raise ArchiveRefused(_("%(where)s: a value is needed.") % {"where": where})
        return value

    def instance(self, table, number, row):
        values = {}
        for field in table.fields:
            if not field.primary_key:
                values[field.attname] = self.value(table, number, field, row[field.name])
        for field in table.model._meta.concrete_fields:
            if field.is_relation and field.related_model is Workspace:
                values[field.attname] = self.workspace.pk
        for name, fresh in table.secret.items():
            values[name] = fresh()
        if table.name == "audit.entry":
            model = AUDITED_MODEL.get(values["object_type"])
            number_of = values["object_id"]
            found = self.ids.get(model, {}).get(int(number_of)) if number_of.isdigit() else None
            values["object_id"] = "" if found is None else str(found)
        return table.model(**values)

    def write(self, table, rows):
        if self.only_user is not None and table.model is UserRole:
            rows = []  # the importer alone is a member, made owner afterwards
        objects = [self.instance(table, row["id"], row) for row in rows]
        stamped = [f for f in table.fields if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)]
        kept = [[getattr(o, f.attname) for f in stamped] for o in objects]
        try:
            table.model._base_manager.bulk_create(objects, batch_size=BATCH_SIZE)
            if stamped:
                # Saving stamps these with the time now; the archive's are the record's own.
                for made, values in zip(objects, kept, strict=True):
                    for field, value in zip(stamped, values, strict=True):
                        setattr(made, field.attname, value)
                table.model._base_manager.bulk_update(objects, [f.name for f in stamped], batch_size=BATCH_SIZE)
        except DatabaseError as error:
            raise ArchiveRefused((_("%(name)s cannot be written here: %(error)s") % {"name": table.name, "error": error}).strip()) from None
        self.ids[table.model] = {row["id"]: made.pk for row, made in zip(rows, objects, strict=True)}
        return objects


def user_named(identity):
    """The user with this e-mail address (or user name), made if this
    instance has none: with a random password nobody knows, so that they
    sign in by resetting it."""
    User = get_user_model()
    found = User.objects.filter(email__iexact=identity).order_by("pk").first()
    found = found or User.objects.filter(username=identity).first()
    if found is None:
        found = User.objects.create(username=identity[:150], email=identity if "@" in identity else "",
                                    password=make_password(secrets.token_urlsafe(32)))
    return found


def import_archive(source, *, slug=None, owner=None):
    """Make a new workspace from the archive in `source` (a path or a binary
    file). `slug` gives it another address; `owner` (the user importing
    through the page) is made its owner and its only member, and stands for
    every person the archive names, so that an upload can neither make
    accounts nor enrol anyone else here; without `owner` (the command line,
    run by whoever runs the server) people and roles are restored exactly. Raises ArchiveRefused, having
    written nothing, if the archive cannot be imported."""
    manifest, tables, uploads = read_archive(source)
    tables = upgrade(tables, manifest["archive_version"])
    _check_columns(tables)
    _recount_staleness(tables.get("review.review", []))
    for name, rows in tables.items():
        numbers = [row["id"] for row in rows]
        if not all(type(n) is int for n in numbers) or len(set(numbers)) != len(numbers):
            raise ArchiveRefused(_("%(name)s: every record's id must be a whole number, used once.") % {"name": name})
    workspace_row = tables["workspaces.workspace"][0]
    if slug:
        workspace_row["slug"] = slug
    if Workspace.objects.filter(slug=workspace_row["slug"]).exists():
        raise AddressTaken(
            _("A workspace with the short name “%(slug)s” already exists here. Give the new one another short name.")
            % {"slug": workspace_row["slug"]}
        )
    written = []
    try:
        with transaction.atomic():
            restoring = Restoring(only_user=owner)
            for table in TABLES:
                made = restoring.write(table, tables[table.name])
                if table.model is Workspace:
                    restoring.workspace = made[0]
                if table.model is ImportBatch:
                    written += _restore_uploads(made, tables[table.name], uploads)
            if owner is not None:
                UserRole.objects.update_or_create(workspace=restoring.workspace, user=owner,
                                                  defaults={"role": Role.OWNER})
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        raise
    return restoring.workspace


def _recount_staleness(reviews):
    """A review's signs of staleness are counted from its findings, which the
    portfolio shows without reading (review 0002): an archive written before
    that migration may count voice.* findings too."""
    for row in reviews:
        findings = row.get("findings")
        if isinstance(findings, list) and all(isinstance(f, dict) and isinstance(f.get("rule_id"), str) for f in findings):
            row["stale_count"] = stale_findings(findings)


def _restore_uploads(batches, rows, uploads):
    written = []
    for batch, row in zip(batches, rows, strict=True):
        data = uploads.get(f"files/indicators.importbatch/{row['id']}")
        if data is not None:
            path = Path(stored_path(batch))
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            written.append(path)
    return written
