from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from joinedup.demo.loader import ensure_demo_user, load_demo

from .serve import where_the_data_lives


class Command(BaseCommand):
    help = "Migrate the database, load the Northshire demo locality if absent, and serve it."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--no-serve", action="store_true", help="Load the demo but do not serve.")

    def handle(self, *args, port, host, no_serve, **options):
        self.stdout.write(where_the_data_lives())
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write("Database is up to date.")
        workspace, created = load_demo(if_absent=True, progress=self.stdout.write)
        self.stdout.write(
            f"Demo locality {'loaded' if created else 'already present'}: {workspace.name}."
        )
        username, password = ensure_demo_user(workspace)
        # Bound to every interface, the server still answers this machine's own address.
        everywhere = host in ("0.0.0.0", "::")  # noqa: S104 - compares the address the user chose; binds nothing
        browse = "127.0.0.1" if everywhere else host
        banner = (
            f"\nSign in at http://{browse}:{port}/sign-in/\n"
            f"  user name: {username}\n  password:  {password}\n"
            "(The demo password is set afresh each time `joinedup demo` starts.)\n"
        )
        self.stdout.write(self.style.SUCCESS(banner))
        if everywhere and not no_serve:
            self.stdout.write(
                f"Other machines reach it by this machine's name or address once ALLOWED_HOSTS "
                f"lists it (now {','.join(settings.ALLOWED_HOSTS)}); see docs/configuration.md."
            )
        if not no_serve:
            call_command("serve", host=host, port=port)
