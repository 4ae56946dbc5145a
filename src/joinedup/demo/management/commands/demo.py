from django.conf import settings
from django.core.management import call_command
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from joinedup.demo.loader import ensure_demo_user, load_demo
from joinedup.design_system.commands import Command as BaseCommand

from .serve import where_the_data_lives


class Command(BaseCommand):
    help = gettext_lazy("Migrate the database, load the Northshire demo locality if absent, and serve it.")

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000,
                            help=gettext_lazy("The port to serve on (default: 8000)."))
        parser.add_argument("--host", default="127.0.0.1",
                            help=gettext_lazy("The address to serve on (default: 127.0.0.1; 0.0.0.0 for every "
                                              "interface)."))
        parser.add_argument("--no-serve", action="store_true", help=gettext_lazy("Load the demo but do not serve."))

    def handle(self, *args, port, host, no_serve, **options):
        self.stdout.write(where_the_data_lives())
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write(_("Database is up to date."))
        workspace, created = load_demo(if_absent=True, progress=self.stdout.write)
        if created:
            self.stdout.write(_("Demo locality loaded: %(name)s.") % {"name": workspace.name})
        else:
            self.stdout.write(_("Demo locality already present: %(name)s.") % {"name": workspace.name})
        username, password = ensure_demo_user(workspace)
        # Bound to every interface, the server still answers this machine's own address.
        everywhere = host in ("0.0.0.0", "::")  # noqa: S104 - compares the address the user chose; binds nothing
        browse = "127.0.0.1" if everywhere else host
        banner = "\n".join((
            "",
            _("Sign in at %(address)s") % {"address": f"http://{browse}:{port}/sign-in/"},
            _("  user name: %(username)s") % {"username": username},
            _("  password:  %(password)s") % {"password": password},
            _("(The demo password is set afresh each time `joinedup demo` starts.)"),
            "",
        ))
        self.stdout.write(self.style.SUCCESS(banner))
        if everywhere and not no_serve:
            self.stdout.write(
                _("Other machines reach it by this machine's name or address once ALLOWED_HOSTS "
                  "lists it (now %(hosts)s); see docs/configuration.md.") % {"hosts": ",".join(settings.ALLOWED_HOSTS)}
            )
        if not no_serve:
            # In the language this command was asked to speak, not only the environment's.
            call_command("serve", host=host, port=port, language=options.get("language"))
