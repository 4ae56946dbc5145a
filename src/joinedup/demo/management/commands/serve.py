import os
import sys

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import connection


def where_the_data_lives():
    """Two lines for start-up, so that nobody wonders which database they are looking at."""
    database = connection.settings_dict
    if database["ENGINE"].endswith("sqlite3"):
        where = f"SQLite {database['NAME']}"
    else:
        host = database.get("HOST") or "local socket"
        port = f":{database['PORT']}" if database.get("PORT") else ""
        user = f" as {database['USER']}" if database.get("USER") else ""
        where = f"{connection.display_name} {database['NAME']} on {host}{port}{user}"
    return f"Data directory (JOINEDUP_DATA_DIR): {settings.DATA_DIR}\nDatabase (DATABASE_URL): {where}"


def gunicorn_command(host, port, workers):
    """gunicorn's command line. Its configuration (joinedup/gunicorn_conf.py) loads the app
    and the heavy libraries once in the master before the workers fork, so that a new
    worker's first request does not wait for them."""
    return [
        sys.executable, "-m", "gunicorn", "joinedup.wsgi:application",
        "--config", "python:joinedup.gunicorn_conf",
        "--bind", f"{host}:{port}", "--workers", str(workers),
        "--timeout", "120",
    ]


class Command(BaseCommand):
    help = "Serve joinedup with gunicorn (the production web server)."

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", "2")))

    def handle(self, *args, host, port, workers, **options):
        self.stdout.write(where_the_data_lives())
        self.stdout.write(f"Serving joinedup on http://{host}:{port}/ (press Ctrl+C to stop)")
        sys.stdout.flush()
        command = gunicorn_command(host, port, workers)
        # No gunicorn access log: it would write each survey link's key beside the time it
        # was used. joinedup's own line per request masks it (joinedup/json_logs.py).
        os.execv(sys.executable, command)  # noqa: S606 - becomes gunicorn with our own fixed arguments, no shell
