"""A second full-text index on PostgreSQL, of only the case studies published
to everyone and not archived: the part of a large library that every
workspace searches (practice/search.py `_matching`). SQLite needs none: its
FTS5 matches drive the join there."""

from django.db import migrations

CREATE = ("CREATE INDEX practice_casestudy_search_published ON practice_casestudy USING gin (search_document) "
          "WHERE visibility = 'everyone' AND archived_at IS NULL")


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS practice_casestudy_search_published")


class Migration(migrations.Migration):
    dependencies = [("practice", "0002_search_index")]
    operations = [migrations.RunPython(create_index, drop_index)]
