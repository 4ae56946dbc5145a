"""The cursor for the few statements that every survey submission runs."""

import time
from contextlib import contextmanager

from django.conf import settings
from django.db import connection

NEVER_BY_COUNT = 2**31 - 1


class _LoggedCursor:
    """A psycopg cursor whose statements join Django's query log when Django
    keeps one (DEBUG, and tests that count queries)."""

    def __init__(self, cursor):
        self.cursor = cursor

    def execute(self, sql, params):
        started = time.monotonic()
        try:
            return self.cursor.execute(sql, params, prepare=settings.PREPARED_STATEMENTS or None)
        finally:
            if connection.queries_logged:
                connection.queries_log.append({"sql": sql, "params": params,
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
    if connection.vendor != "postgresql":
        with connection.cursor() as cursor:
            yield cursor
        return
    import psycopg

    connection.ensure_connection()
    raw = connection.connection
    if settings.PREPARED_STATEMENTS and raw.prepare_threshold is None:
        # Django sets None, which refuses even prepare=True. A threshold no
        # count reaches prepares only what asks to be (Django's own cursors
        # bind on the client and never prepare).
        raw.prepare_threshold = NEVER_BY_COUNT
    with connection.wrap_database_errors, psycopg.Cursor(raw) as cursor:
        yield _LoggedCursor(cursor)
