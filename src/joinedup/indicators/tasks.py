"""Background work of indicator imports: the confirmed file is read, checked
and written by a task (inline by default, by `joinedup worker` with the
database backend; ADR 4), never in the web request that confirmed it."""

from django.db import transaction
from django_tasks import task

from . import importing


def confirm(batch, user, area_roles):
    """Confirm a pending import and queue its task, once: False if it was already confirmed."""
    if not importing.queue(batch, user, area_roles):
        return False
    batch_id = batch.pk
    transaction.on_commit(lambda: import_file.enqueue(batch_id))
    return True


@task()
def import_file(batch_id):
    """Write a confirmed import (see `importing.run`); takes the batch's id."""
    importing.run(batch_id)
