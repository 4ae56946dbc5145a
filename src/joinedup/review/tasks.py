"""Background work: reviewing a chunk of a run's partnerships. Tasks take ids
and run through django-tasks (inline by default, `joinedup worker` with the
database backend)."""

import logging

from django.db.models import F
from django.utils import timezone
from django_tasks import task

from joinedup.partnerships.models import Partnership

from .models import ReviewRun
from .services import review_partnerships

logger = logging.getLogger(__name__)


@task()
def review_chunk(run_id, partnership_ids):
    """Review some of a run's partnerships and add them to its progress.
    A partnership that cannot be reviewed is counted as failed, not retried."""
    run = ReviewRun.objects.select_related("workspace", "started_by").get(pk=run_id)
    partnerships = Partnership.objects.filter(workspace=run.workspace, pk__in=partnership_ids)
    try:
        done = len(review_partnerships(partnerships, as_of=run.as_of, run=run, user=run.started_by))
    except Exception:
        logger.exception("Review run %s: a chunk failed; reviewing one at a time", run_id)
        done = 0
        for partnership in partnerships:
            try:
                review_partnerships([partnership], as_of=run.as_of, run=run, user=run.started_by)
                done += 1
            except Exception:
                logger.exception("Review run %s: partnership %s failed", run_id, partnership.pk)
    failed = len(partnership_ids) - done
    runs = ReviewRun.objects.filter(pk=run_id)
    runs.update(done=F("done") + done, failed=F("failed") + failed)
    runs.filter(finished_at__isnull=True, done__gte=F("total") - F("failed")).update(
        finished_at=timezone.now()
    )
    return {"done": done, "failed": failed}
