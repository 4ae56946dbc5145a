"""The archive cannot fall behind the models: every model with a path to a
workspace is archived or left out with a reason, tables come after the
tables they point to, and the archive's version moves with its columns."""

from django.apps import apps
from django.contrib.auth import get_user_model

from joinedup.api.archive_tables import LEFT_OUT, TABLES
from joinedup.api.archive_versions import ARCHIVE_VERSION, UPGRADES, columns_fingerprint
from joinedup.workspaces.models import Workspace

# The fingerprint of the archived tables' columns at ARCHIVE_VERSION. When a
# migration changes them, this test fails: bump ARCHIVE_VERSION, add the step
# from the old version in archive_versions.py, then put the new value here.
COLUMNS_AT_VERSION = {3: "5b3e9fe11ed80c53", 4: "7c3ff038da3b5b37"}


def forward_relations(model):
    return [f for f in model._meta.get_fields() if f.is_relation and f.concrete and f.related_model]


def reaches_workspace(model, seen=()):
    if model is Workspace:
        return True
    return any(
        reaches_workspace(f.related_model, (*seen, model))
        for f in forward_relations(model) if f.related_model not in seen and f.related_model is not model
    )


def test_every_model_with_a_path_to_a_workspace_is_archived_or_left_out_with_a_reason():
    archived = {table.model for table in TABLES}
    tied = {model for model in apps.get_models() if reaches_workspace(model)}
    missing = sorted(m._meta.label for m in tied - archived - LEFT_OUT.keys())
    assert not missing, f"Add these to TABLES or LEFT_OUT in api/archive_tables.py: {missing}"
    assert archived.isdisjoint(LEFT_OUT)
    assert all(len(why) > 20 for why in LEFT_OUT.values())
    # Nothing listed that has no path to a workspace (a typo or a moved model).
    assert archived | LEFT_OUT.keys() <= tied


def test_every_table_points_only_at_the_workspace_users_and_tables_before_it():
    before = set()
    for table in TABLES:
        for field in forward_relations(table.model):
            target = field.related_model
            assert target in before or target in {Workspace, get_user_model()}, (
                f"{table.name}.{field.name} points at {target._meta.label}, not archived before it"
            )
        before.add(table.model)


def test_the_secrets_are_not_columns():
    columns = {(table.name, column) for table in TABLES for column in table.columns}
    assert ("indicators.importbatch", "token") not in columns
    assert all("password" not in column and "digest" not in column and "hash" not in column
               for _, column in columns)


def test_the_archive_version_moves_with_the_columns():
    fingerprint = columns_fingerprint([(table.name, table.columns) for table in TABLES])
    assert COLUMNS_AT_VERSION.get(ARCHIVE_VERSION) == fingerprint, (
        f"The archived columns changed (fingerprint {fingerprint}): bump ARCHIVE_VERSION and add the upgrade step"
    )
    assert sorted(UPGRADES) == list(range(1, ARCHIVE_VERSION))
