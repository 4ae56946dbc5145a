"""Leave room on the invitation table's pages (PostgreSQL only), so that
claiming and sealing a link rewrite its row in place (a HOT update) instead of
adding an entry to each of the table's four indexes. Links made before this
migration keep their full pages until the table is next rewritten."""

from django.db import migrations


def set_fillfactor(apps, schema_editor, value):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER TABLE surveys_invitation SET (fillfactor = {value})")


class Migration(migrations.Migration):
    dependencies = [("surveys", "0002_invitation_sealed")]

    operations = [
        migrations.RunPython(lambda apps, editor: set_fillfactor(apps, editor, 70),
                             lambda apps, editor: set_fillfactor(apps, editor, 100)),
    ]
