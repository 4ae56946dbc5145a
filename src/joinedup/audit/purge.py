"""A workspace deleted (by staff in the admin: the app has no other way)
takes its audit log with it: the log is the workspace's record and is kept
exactly as long as the workspace is (docs/privacy.md).

On PostgreSQL the trigger that refuses DELETE on audit rows lets through
the rows of a workspace named in the transaction-local setting
`joinedup.audit_purge`, which this receiver sets just before Django deletes
the workspace's rows, in the same transaction."""

from django.db import connections

PURGE_SETTING = "joinedup.audit_purge"


def allow_purge_of_deleted_workspace(sender, instance, using, **kwargs):
    connection = connections[using]
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT set_config(%s, coalesce(current_setting(%s, true), '') || %s, true)",
            [PURGE_SETTING, PURGE_SETTING, f",{instance.pk},"],
        )
