"""The cursor for the few statements that every survey submission runs."""

import time
from contextlib import contextmanager

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

NEVER_BY_COUNT = 2**31 - 1


class _LoggedCursor:
    """A psycopg cursor whose statements join Django's query log when Django
    keeps one (DEBUG, and tests that count queries)."""

    def __init__(self, cursor, database):
        self.cursor = cursor
        self.database = database

    def execute(self, sql, params):
        started = time.monotonic()
        try:
            return self.cursor.execute(sql, params, prepare=settings.PREPARED_STATEMENTS or None)
        finally:
            if self.database.queries_logged:
                self.database.queries_log.append({"sql": sql, "params": params,
                                               "time": f"{time.monotonic() - started:.3f}"})

    def __getattr__(self, name):
        return getattr(self.cursor, name)


@contextmanager
def hot_cursor():
    """On PostgreSQL a psycopg cursor with server-side binding whose
    statements are prepared, once per connection, so PostgreSQL keeps their
    plans: planning the survey's three-table lookup took eight times as long
    as running it. Django's own cursors bind on the client and Django turns
    psycopg's preparing off, so every run would be parsed and planned again.
    settings.PREPARED_STATEMENTS=False keeps the binding but prepares nothing.
    Elsewhere, Django's cursor. Database errors are Django's either way."""
    # The connection itself, not django.db.connection, whose every attribute
    # is looked up again through the per-thread proxy: this runs twice in
    # every submission.
    database = connections[DEFAULT_DB_ALIAS]
    if database.vendor != "postgresql":
        with database.cursor() as cursor:
            yield cursor
        return
    # Here, not at the top: on SQLite nothing imports psycopg, and `joinedup review` (which
    # loads this module) need not pay for it; on PostgreSQL Django's backend has imported it.
    import psycopg

    database.ensure_connection()
    raw = database.connection
    if settings.PREPARED_STATEMENTS and raw.prepare_threshold is None:
        # Django sets None, which refuses even prepare=True. A threshold no
        # count reaches prepares only what asks to be (Django's own cursors
        # bind on the client and never prepare).
        raw.prepare_threshold = NEVER_BY_COUNT
    with database.wrap_database_errors, psycopg.Cursor(raw) as cursor:
        yield _LoggedCursor(cursor, database)
