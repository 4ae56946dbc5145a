"""The cursor for the few statements that every survey submission runs."""

import time
from contextlib import contextmanager

from django.db import connection


class _LoggedCursor:
    """A psycopg cursor whose statements join Django's query log when Django
    keeps one (DEBUG, and tests that count queries)."""

    def __init__(self, cursor):
        self.cursor = cursor

    def execute(self, sql, params):
        started = time.monotonic()
        try:
            return self.cursor.execute(sql, params)
        finally:
            if connection.queries_logged:
                connection.queries_log.append({"sql": sql, "params": params,
                                               "time": f"{time.monotonic() - started:.3f}"})

    def __getattr__(self, name):
        return getattr(self.cursor, name)


@contextmanager
def hot_cursor():
    """On PostgreSQL a psycopg cursor with server-side binding, so that psycopg
    prepares the statement after a few runs on a connection and PostgreSQL
    keeps its plan; Django's own cursors bind on the client, so every run is
    parsed and planned again. Elsewhere, Django's cursor. Database errors are
    Django's either way."""
    if connection.vendor != "postgresql":
        with connection.cursor() as cursor:
            yield cursor
        return
    import psycopg

    connection.ensure_connection()
    with connection.wrap_database_errors, psycopg.Cursor(connection.connection) as cursor:
        yield _LoggedCursor(cursor)
