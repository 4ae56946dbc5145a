"""Background work of indicator imports: the confirmed file is read, checked
and written by a task (inline by default, by `joinedup worker` with the
database backend; ADR 4), never in the web request that confirmed it. A big
upload is read (and, for a layout imported before, checked) by a task too."""

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


def stage(indicator, user, file_name, content):
    """Keep an upload: read at once if small, else queued for `read_upload` (see
    `importing.reads_in_background`). Raises FileReadError for a small file that cannot be read."""
    if not importing.reads_in_background(file_name, len(content)):
        return importing.stage_upload(indicator, user, file_name, content)
    batch = importing.keep_upload(indicator, user, file_name, content)
    batch_id = batch.pk
    transaction.on_commit(lambda: read_upload.enqueue(batch_id))
    return batch


@task()
def read_upload(batch_id):
    """Read a big upload in the background (see `importing.read_kept_upload`)."""
    importing.read_kept_upload(batch_id)
