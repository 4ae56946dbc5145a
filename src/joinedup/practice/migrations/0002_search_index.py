# ruff: noqa: S608 - the SQL is built from this file's own column names; nothing comes from outside.
"""The full-text index of case studies, kept by the database (practice/search.py).

SQLite: an FTS5 table over the case-study columns, kept by triggers. Django
rebuilds a SQLite table when a later migration alters it, which drops its
triggers: such a migration must create them again (RunPython(create_index)
after it); tests/practice/test_search.py fails if they are missing.
PostgreSQL: a generated tsvector column with a GIN index."""

from django.db import migrations

COLUMNS = ("title", "problem", "user_group", "outcome_area", "partners", "what_we_did",
           "outcomes", "evidence", "lessons")


def _sqlite_statements():
    columns = ", ".join(COLUMNS)
    new = ", ".join(f"new.{c}" for c in COLUMNS)
    old = ", ".join(f"old.{c}" for c in COLUMNS)
    return [
        "DROP TABLE IF EXISTS practice_casestudy_fts",
        f"CREATE VIRTUAL TABLE practice_casestudy_fts USING fts5({columns}, content='practice_casestudy', "
        "content_rowid='id', tokenize='porter unicode61 remove_diacritics 2')",
        "DROP TRIGGER IF EXISTS practice_casestudy_fts_insert",
        "DROP TRIGGER IF EXISTS practice_casestudy_fts_delete",
        "DROP TRIGGER IF EXISTS practice_casestudy_fts_update",
        f"CREATE TRIGGER practice_casestudy_fts_insert AFTER INSERT ON practice_casestudy BEGIN "
        f"INSERT INTO practice_casestudy_fts(rowid, {columns}) VALUES (new.id, {new}); END",
        f"CREATE TRIGGER practice_casestudy_fts_delete AFTER DELETE ON practice_casestudy BEGIN "
        f"INSERT INTO practice_casestudy_fts(practice_casestudy_fts, rowid, {columns}) VALUES ('delete', old.id, {old}); END",
        f"CREATE TRIGGER practice_casestudy_fts_update AFTER UPDATE ON practice_casestudy BEGIN "
        f"INSERT INTO practice_casestudy_fts(practice_casestudy_fts, rowid, {columns}) VALUES ('delete', old.id, {old}); "
        f"INSERT INTO practice_casestudy_fts(rowid, {columns}) VALUES (new.id, {new}); END",
        "INSERT INTO practice_casestudy_fts(practice_casestudy_fts) VALUES ('rebuild')",
    ]


def _document(columns):
    return " || ' ' || ".join(f"coalesce({c}, '')" for c in columns)


POSTGRESQL_STATEMENTS = [
    "ALTER TABLE practice_casestudy DROP COLUMN IF EXISTS search_document",
    "ALTER TABLE practice_casestudy ADD COLUMN search_document tsvector GENERATED ALWAYS AS ("
    f"setweight(to_tsvector('english'::regconfig, {_document(COLUMNS[:1])}), 'A') || "
    f"setweight(to_tsvector('english'::regconfig, {_document(COLUMNS[1:4])}), 'B') || "
    f"setweight(to_tsvector('english'::regconfig, {_document(COLUMNS[6:7])}), 'C') || "
    f"setweight(to_tsvector('english'::regconfig, {_document(COLUMNS[4:6] + COLUMNS[7:])}), 'D')) STORED",
    "CREATE INDEX practice_casestudy_search ON practice_casestudy USING gin (search_document)",
]


def create_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = POSTGRESQL_STATEMENTS if vendor == "postgresql" else _sqlite_statements()
    for statement in statements:
        schema_editor.execute(statement)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE practice_casestudy DROP COLUMN IF EXISTS search_document")
    else:
        for name in ("insert", "delete", "update"):
            schema_editor.execute(f"DROP TRIGGER IF EXISTS practice_casestudy_fts_{name}")
        schema_editor.execute("DROP TABLE IF EXISTS practice_casestudy_fts")


class Migration(migrations.Migration):
    dependencies = [("practice", "0001_initial")]
    operations = [migrations.RunPython(create_index, drop_index)]
