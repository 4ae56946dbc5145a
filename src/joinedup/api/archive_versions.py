"""The version of the archive's layout, and how an older archive is brought
up to it: one function per step, from version N to N + 1, over plain data
(each table's rows as dicts, by table name).

Bump ARCHIVE_VERSION, and add the step from the old version, whenever a
migration changes the columns of an archived table: the import refuses an
archive whose columns do not match exactly, and
tests/api/test_archive_versions.py fails until the version moves with the
columns (it pins their fingerprint)."""

import hashlib

from django.apps import apps
from django.db.migrations.loader import MigrationLoader

ARCHIVE_VERSION = 4


def from_1_to_2(tables):
    """Version 1 is the layout of the tables at their first migrations: the
    workspace without free_text_months (workspaces 0002), measurements
    without the file's marker and note, and revisions without the markers
    (indicators 0002). They get the defaults those migrations gave."""
    for row in tables.get("workspaces.workspace", []):
        row.setdefault("free_text_months", 12)
    for row in tables.get("indicators.measurement", []):
        row.setdefault("marker", "")
        row.setdefault("note", "")
    for row in tables.get("indicators.measurementrevision", []):
        row.setdefault("old_marker", "")
        row.setdefault("new_marker", "")
    return tables


def from_2_to_3(tables):
    """Version 2 has no nations of the workspace (workspaces 0003) and no
    kind of body of a partnership (partnerships 0002): every workspace before
    then worked as an English one, so it is England, and no body was chosen."""
    for row in tables.get("workspaces.workspace", []):
        row.setdefault("nations", "england")
    for row in tables.get("partnerships.partnership", []):
        row.setdefault("body", "")
    return tables


def from_3_to_4(tables):
    """Version 3 has no employer nation of an organisation (organisations 0003),
    no nation of a pay band (meetings 0002) and no statutory documents
    (partnerships 0004): organisations employ in the workspace's first nation,
    the bands were seeded for that nation (as the migration does), and no
    document was recorded."""
    tables.setdefault("partnerships.statutorydocument", [])
    for row in tables.get("organisations.organisation", []):
        row.setdefault("nation", "")
    order = ["england", "scotland", "wales", "northern_ireland"]
    workspaces = tables.get("workspaces.workspace", [])
    listed = set((workspaces[0].get("nations") or "").split(",")) if workspaces else set()
    first = next((code for code in order if code in listed), "england")
    for row in tables.get("meetings.payband", []):
        row.setdefault("nation", first)
    for row in tables.get("meetings.payscale", []):
        row.setdefault("seeded_nations", first)
    return tables


# The step from each version to the next.
UPGRADES = {1: from_1_to_2, 2: from_2_to_3, 3: from_3_to_4}


def upgrade(tables, version):
    """The tables of an archive of `version`, as the current version has them."""
    while version < ARCHIVE_VERSION:
        tables = UPGRADES[version](tables)
        version += 1
    return tables


def latest_migrations(connection):
    """The latest migration applied of each joinedup app: the database
    schema the archive was written from, for people and for support."""
    loader = MigrationLoader(connection, ignore_no_migrations=True)
    latest = {}
    for app, name in sorted(loader.applied_migrations):
        if _is_ours(app):
            latest[app] = max(latest.get(app, ""), name)
    return latest


def _is_ours(app_label):
    try:
        return apps.get_app_config(app_label).name.startswith("joinedup.")
    except LookupError:
        return False


def columns_fingerprint(tables):
    """A short hash of every archived table's columns, in order."""
    text = "\n".join(f"{name}: {', '.join(columns)}" for name, columns in tables)
    return hashlib.sha256(text.encode()).hexdigest()[:16]
