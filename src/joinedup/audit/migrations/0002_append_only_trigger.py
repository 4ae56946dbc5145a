"""On PostgreSQL, the database itself refuses to change or delete an audit
entry, whatever code asks: a trigger raises on UPDATE and on DELETE. The one
DELETE let through is of the rows of a workspace being deleted in the same
transaction (audit/purge.py sets `joinedup.audit_purge` just before Django
deletes them). TRUNCATE is not refused: it is how tests empty the database,
and a role that may truncate may also drop the trigger."""

from django.db import migrations

CREATE = """
CREATE FUNCTION audit_entry_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' AND position(',' || OLD.workspace_id || ','
            IN coalesce(current_setting('joinedup.audit_purge', true), '')) > 0 THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'audit entries are append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER audit_entry_append_only
    BEFORE UPDATE OR DELETE ON audit_entry
    FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only();
"""

DROP = """
DROP TRIGGER IF EXISTS audit_entry_append_only ON audit_entry;
DROP FUNCTION IF EXISTS audit_entry_append_only();
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
