"""`joinedup worker`: django-tasks-db's database worker under our own name, saying what to
set when the tasks run inline, where its bare "Backend 'default' is not a database backend"
leaves a newcomer guessing."""

from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.compat import InvalidTaskBackend, task_backends
from django_tasks_db.management.commands import db_worker

from joinedup.design_system.commands import Command as BaseCommand

from .serve import where_the_data_lives

DATABASE_BACKEND = "django_tasks_db.DatabaseBackend"


# joinedup's base first: its --language and the language of the help and messages, then
# django-tasks-db's worker (whose own options' help stays in its English).
class Command(BaseCommand, db_worker.Command):
    help = gettext_lazy(
        "Run the background task worker; needs TASKS_BACKEND=django_tasks_db.DatabaseBackend "
        "for the web app and the worker alike."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        # Checked in handle() instead, where the message can say what to do.
        parser._option_string_actions["--backend"].type = str

    def handle(self, *args, backend_name, **options):
        try:
            backend = task_backends[backend_name]
        except InvalidTaskBackend as error:
            raise CommandError(error.args[0]) from error
        if not isinstance(backend, DatabaseBackend):
            name = f"{type(backend).__module__}.{type(backend).__name__}"
            raise CommandError(
                _("The task backend '%(backend)s' is %(name)s, which runs each task at once "
                  "inside the web app, so there is nothing for a worker to do.\n"
                  "To run tasks in the background, set\n"
                  "    TASKS_BACKEND=%(database_backend)s\n"
                  "for the web app and for the worker, then run `joinedup worker`, e.g.\n"
                  "    TASKS_BACKEND=%(database_backend)s joinedup worker")
                % {"backend": backend_name, "name": name, "database_backend": DATABASE_BACKEND}
            )
        self.stdout.write(where_the_data_lives())
        return super().handle(*args, backend_name=backend_name, **options)
