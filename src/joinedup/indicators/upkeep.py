"""Daily upkeep of indicator imports, run by `joinedup close_lapsed_waves`.

An upload that is never confirmed leaves its file under MEDIA_ROOT and a
pending `ImportBatch`; after INDICATOR_IMPORT_ABANDONED_HOURS both are
deleted. An import confirmed but still queued or running after that long
was stopped (a worker killed, a server restarted): its transaction never
committed, so nothing of it was written, and it is marked failed to say so."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from .importing import forget_upload, progress_path
from .models import ImportBatch, ImportStatus

STOPPED = ("The import stopped before it finished (the server may have been restarted), so nothing was "
           "imported. Upload the file again.")


def remove_abandoned_imports(now=None):
    """Delete old unconfirmed uploads and their files; mark stalled imports failed.

    Returns (uploads deleted, imports marked failed)."""
    now = now or timezone.now()
    cutoff = now - timedelta(hours=settings.INDICATOR_IMPORT_ABANDONED_HOURS)
    abandoned = ImportBatch.objects.filter(status=ImportStatus.PENDING, created_at__lt=cutoff)
    for batch in abandoned.only("pk", "workspace_id", "token"):
        forget_upload(batch)
    deleted = abandoned.delete()[1].get(ImportBatch._meta.label, 0)
    stalled = ImportBatch.objects.filter(
        status__in=[ImportStatus.QUEUED, ImportStatus.RUNNING], confirmed_at__lt=cutoff,
    )
    for batch in stalled.only("pk", "workspace_id", "token"):
        forget_upload(batch)
        progress_path(batch).unlink(missing_ok=True)
    failed = stalled.update(status=ImportStatus.FAILED, errors=[STOPPED], finished_at=now)
    return deleted, failed
