"""Sealing used links: rewriting claimed invitations together, so that no
invitation keeps the transaction id it shares with its answer
(docs/surveys.md, "Used links are sealed").

A submission never seals. A process notes the links its submissions claim,
and once SEAL_EVERY of one wave's are waiting it hands them to its sealer
thread and returns at once: the seal runs beside the requests, on the
thread's own database connection, in its own transaction, and whatever
happens to it never reaches a respondent. Seals take their rows in id order
and skip rows another seal holds, so two seals never wait for each other;
one that still fails on a deadlock or a serialisation failure is tried
again.
"""

import logging
import os
import threading
import time

from django.db import OperationalError, connection, transaction

from .models import Invitation, InvitationBatch

# Claims are sealed in groups of at least this many, tried on every
# SEAL_EVERY-th submission a process handles, and all at once when a wave closes.
SEAL_MINIMUM = 10
SEAL_EVERY = 25
TRIES = 5
# PostgreSQL's deadlock_detected and serialization_failure: worth another try.
RETRYABLE = {"40P01", "40001"}

log = logging.getLogger(__name__)
# Links this process has claimed and not yet handed to its sealer, by wave.
_waiting = {}
_waiting_lock = threading.Lock()
# Kept to retry after failed seals, but never without end.
MAX_WAITING = 100_000


def seal_claims(wave_id, minimum=SEAL_MINIMUM, ids=None):
    """Rewrite the wave's claimed invitations together, in one transaction of
    their own, so they share one transaction id (xmin) that is no answer's.
    With a minimum, only waiting (unsealed) claims not held by another seal,
    and only if there are at least `minimum` of them; `ids` narrows them to
    those invitations (the claims one process made). With minimum=0 (closing
    a wave) every claimed invitation of the wave, and the invitation table is
    then vacuumed so the old row versions go too. Tried again on a deadlock or
    serialisation failure. Returns how many were rewritten."""
    for attempt in range(1, TRIES + 1):
        try:
            with transaction.atomic():
                sealed = _seal(wave_id, minimum, ids)
            break
        except OperationalError as error:
            if getattr(error.__cause__, "sqlstate", None) not in RETRYABLE or attempt == TRIES:
                raise
            time.sleep(0.01 * 2**attempt)
    if not minimum and connection.vendor == "postgresql" and not connection.in_atomic_block:
        with connection.cursor() as cursor:
            cursor.execute(f"VACUUM {Invitation._meta.db_table}")
    return sealed


def _seal(wave_id, minimum, ids=None):
    if connection.vendor != "postgresql":
        # One writer at a time (SQLite): no row locks to order.
        claimed = Invitation.objects.filter(batch__wave_id=wave_id, used_on__isnull=False)
        if minimum:
            claimed = claimed.filter(sealed=False)
        if ids is not None:
            claimed = claimed.filter(id__in=ids)
        ids = list(claimed.order_by("id").values_list("id", flat=True))
        if not ids or len(ids) < minimum:
            return 0
        return Invitation.objects.filter(id__in=ids).update(sealed=True)
    # One statement. The rows are locked in id order (the lock is taken
    # after the sort), so two seals cannot each hold a row the other wants;
    # a periodic seal also skips rows another seal holds, and so never waits.
    # A submission never waits for a seal: it claims an unused link, and a
    # seal locks only used ones.
    invitations, batches = Invitation._meta.db_table, InvitationBatch._meta.db_table
    lock = "FOR UPDATE SKIP LOCKED" if minimum else "FOR UPDATE"
    waiting = "AND NOT sealed" if minimum else ""
    # Given the ids, the primary key finds them: without, the wave's every
    # invitation is read, used or not, and on a busy wave of tens of
    # thousands of links that reading was a large share of the machine.
    only = "AND id = ANY(%s)" if ids is not None else ""
    sql = (
        # Only table names from the models and fixed phrases are formatted in; values are parameters.
        f"WITH chosen AS (SELECT id FROM {invitations} "  # noqa: S608
        f"WHERE batch_id IN (SELECT id FROM {batches} WHERE wave_id = %s) {only} "
        f"AND used_on IS NOT NULL {waiting} ORDER BY id {lock}) "
        f"UPDATE {invitations} SET sealed = true WHERE id IN (SELECT id FROM chosen) "
        f"AND (SELECT count(*) FROM chosen) >= %s"
    )
    parameters = [wave_id, *([list(ids)] if ids is not None else []), max(minimum, 1)]
    with connection.cursor() as cursor:
        cursor.execute(sql, parameters)
        return cursor.rowcount


class Sealer:
    """This process's sealing thread. Started on first use (so after a
    server forks its workers), it seals the waves it is asked to, one at a
    time, on a database connection of its own that it keeps while work keeps
    coming and closes once it has had nothing to do for IDLE_SECONDS: a busy
    wave asks for a seal many times a second, and opening a connection for
    each cost the machine more than the seals."""

    IDLE_SECONDS = 2.0

    def __init__(self):
        self._changed = threading.Condition()
        self._waves = {}  # wave id: the claimed invitations' ids to seal
        self._busy = False
        self._let_go = False
        self._thread = None
        self._pid = None

    def ask(self, wave_id, ids):
        """Seal these claims of the wave soon; returns at once."""
        with self._changed:
            self._waves.setdefault(wave_id, []).extend(ids)
            if self._pid != os.getpid() or not self._thread.is_alive():
                self._pid = os.getpid()
                self._thread = threading.Thread(target=self._run, name="joinedup-sealer", daemon=True)
                self._thread.start()
            self._changed.notify_all()

    def wait(self, timeout=30):
        """Wait until every seal asked for has run (for tests and shutdown)."""
        with self._changed:
            return self._changed.wait_for(lambda: not self._waves and not self._busy, timeout)

    def let_go(self, timeout=30):
        """Wait for the seals asked for, then have the thread close its
        connection now (before a test database is dropped, say)."""
        with self._changed:
            if self._thread is None or self._pid != os.getpid() or not self._thread.is_alive():
                return True
            self._let_go = True
            self._changed.notify_all()
            return self._changed.wait_for(lambda: not self._let_go and not self._waves and not self._busy, timeout)

    def _run(self):
        while True:
            with self._changed:
                asked = self._changed.wait_for(lambda: bool(self._waves) or self._let_go, self.IDLE_SECONDS)
                waves, self._busy = sorted(self._waves.items()), True
                self._waves.clear()
            try:
                for wave_id, ids in waves:
                    try:
                        if not seal_claims(wave_id, ids=ids):
                            # Fewer than SEAL_MINIMUM of them waiting: they wait for more.
                            _note_waiting(wave_id, ids, hand_over=False)
                    except Exception:
                        # Left waiting: the next seal of the wave, its closing or
                        # the daily upkeep rewrites these claims.
                        log.exception("Sealing the used links of wave %s failed", wave_id)
                        _note_waiting(wave_id, ids, hand_over=False)
                        connection.close()  # a broken connection is not kept
            finally:
                with self._changed:
                    idle = not asked or self._let_go
                    if idle and not self._waves:
                        connection.close()
                        self._let_go = False
                    self._busy = False
                    self._changed.notify_all()
                if idle:
                    with self._changed:
                        # Nothing to do: wait, without a connection, for as long as it takes.
                        self._changed.wait_for(lambda: self._waves or self._let_go)


sealer = Sealer()


def _note_waiting(wave_id, ids, hand_over=True):
    """Keep claims of the wave to seal; returns them all once SEAL_EVERY wait
    (unless told not to hand them over: they are back from a failed seal)."""
    with _waiting_lock:
        waiting = _waiting.setdefault(wave_id, [])
        if len(waiting) < MAX_WAITING:
            waiting.extend(ids)
        if not hand_over or len(waiting) < SEAL_EVERY:
            return []
        del _waiting[wave_id]
        return waiting


def after_sending(wave_id, invitation_id):
    """Called once an answer is stored: note its claim, and once SEAL_EVERY
    of the wave's claims wait in this process, ask the sealer thread to seal
    them once the answer is committed (at once outside a transaction)."""
    ready = _note_waiting(wave_id, [invitation_id])
    if ready:
        transaction.on_commit(lambda: sealer.ask(wave_id, ready))
