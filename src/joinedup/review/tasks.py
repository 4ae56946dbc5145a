"""Background work: a run's shared figures worked out once, then its
partnerships reviewed in chunks. Tasks take ids and run through django-tasks
(inline by default, `joinedup worker` with the database backend)."""

import logging

from django.db.models import F
from django.utils import timezone
from django_tasks import task

from joinedup.network import kept as network_kept
from joinedup.partnerships.models import Partnership

from .models import ReviewRun
from .services import CHUNK_SIZE, review_partnerships

logger = logging.getLogger(__name__)


@task()
def start_chunks(run_id, partnership_ids):
    """Work out what every chunk of the run reads and no chunk should work out
    itself -- the network's figures of the workspace on the run's day
    (network/kept.py; 29 s for the biggest national workspace) -- then queue
    the chunks. Queued together, two workers' first chunks would each work
    them out; a daily `joinedup network_upkeep` has them ready already."""
    run = ReviewRun.objects.select_related("workspace").get(pk=run_id)
    try:
        network_kept.keep_up_to_date(run.workspace, run.as_of)
    except Exception:
        # The chunks work them out (or fail and are counted) as before.
        logger.exception("Review run %s: the network figures could not be worked out first", run_id)
    for start in range(0, len(partnership_ids), CHUNK_SIZE):
        review_chunk.enqueue(run_id, partnership_ids[start:start + CHUNK_SIZE])


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
