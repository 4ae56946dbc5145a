import os
import sys

from django.conf import settings
from django.db import connection
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from joinedup.design_system.commands import Command as BaseCommand


def where_the_data_lives():
    """Two lines for start-up, so that nobody wonders which database they are looking at."""
    database = connection.settings_dict
    if database["ENGINE"].endswith("sqlite3"):
        where = _("SQLite %(file)s") % {"file": database["NAME"]}
    else:
        host = database.get("HOST") or _("local socket")
        port = f":{database['PORT']}" if database.get("PORT") else ""
        where = _("%(engine)s %(name)s on %(host)s") % {
            "engine": connection.display_name, "name": database["NAME"], "host": f"{host}{port}"}
        if database.get("USER"):
            where = _("%(database)s as %(user)s") % {"database": where, "user": database["USER"]}
    return "\n".join((
        _("Data directory (JOINEDUP_DATA_DIR): %(directory)s") % {"directory": settings.DATA_DIR},
        _("Database (DATABASE_URL): %(database)s") % {"database": where},
    ))


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
    help = gettext_lazy("Serve joinedup with gunicorn (the production web server).")

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"),
                            help=gettext_lazy("The address to listen on (default: HOST, else 127.0.0.1)."))
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")),
                            help=gettext_lazy("The port to listen on (default: PORT, else 8000)."))
        parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", "2")),
                            help=gettext_lazy("How many web server processes (default: WEB_CONCURRENCY, else 2)."))

    def handle(self, *args, host, port, workers, **options):
        self.stdout.write(where_the_data_lives())
        self.stdout.write(_("Serving joinedup on %(address)s (press Ctrl+C to stop)")
                          % {"address": f"http://{host}:{port}/"})
        sys.stdout.flush()
        command = gunicorn_command(host, port, workers)
        # No gunicorn access log: it would write each survey link's key beside the time it
        # was used. joinedup's own line per request masks it (joinedup/json_logs.py).
        os.execv(sys.executable, command)  # noqa: S606 - becomes gunicorn with our own fixed arguments, no shell
