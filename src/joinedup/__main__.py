"""The `joinedup` command: Django's management commands plus a few of our own.

    joinedup demo        migrate, load the demo locality, and serve it
    joinedup serve       serve the web app (gunicorn)
    joinedup worker      run the background task worker
    joinedup analyse     run a statistical method on a CSV file, no database needed
    joinedup migrate | createsuperuser | loaddemo | ...   any manage.py command
"""

import os
import sys


def main(argv=None):
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "analyse":
        from joinedup.indicators.analyse import main as analyse

        return analyse(argv[1:])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "joinedup.settings")
    from django.core.management import execute_from_command_line

    if argv and argv[0] == "worker":
        argv = ["db_worker", *argv[1:]]
    execute_from_command_line(["joinedup", *argv])
    return 0


if __name__ == "__main__":
    sys.exit(main())
