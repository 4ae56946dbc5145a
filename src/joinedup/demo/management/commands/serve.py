import os
import sys

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Serve joinedup with gunicorn (the production web server)."

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", "2")))

    def handle(self, *args, host, port, workers, **options):
        self.stdout.write(f"Serving joinedup on http://{host}:{port}/ (press Ctrl+C to stop)")
        sys.stdout.flush()
        command = [
            sys.executable, "-m", "gunicorn", "joinedup.wsgi:application",
            "--bind", f"{host}:{port}", "--workers", str(workers),
            "--access-logfile", "-", "--timeout", "120",
        ]
        os.execv(sys.executable, command)  # noqa: S606 - becomes gunicorn with our own fixed arguments, no shell
