from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from joinedup.demo.loader import DEFAULT_LOCALITY, LOCALITIES, ensure_demo_user, load_demo
from joinedup.design_system.commands import Command as BaseCommand


class Command(BaseCommand):
    help = gettext_lazy("Load a demo locality (deterministic from its seed): Northshire in England, Glenmore in "
                        "Scotland or Loughside in Northern Ireland.")

    def add_arguments(self, parser):
        parser.add_argument("--replace", action="store_true", help=gettext_lazy("Delete and rebuild it if present."))
        parser.add_argument("--seed", type=int, default=None,
                            help=gettext_lazy("The seed the demo's people are made from (default: the locality's "
                                              "own)."))
        parser.add_argument(
            "--locality", choices=sorted(LOCALITIES), default=DEFAULT_LOCALITY,
            help=gettext_lazy("northshire (England, the default), scotland (Glenmore health and social care "
                              "partnership) or northern-ireland (Loughside health and social care trust area)."),
        )

    def handle(self, *args, replace, seed, locality, **options):
        workspace, created = load_demo(
            if_absent=not replace, replace=replace, seed=seed, progress=self.stdout.write, locality_name=locality
        )
        username, password = ensure_demo_user(workspace)
        said = {"name": workspace.name, "username": username, "password": password}
        if created:
            result = _("Loaded %(name)s. Sign in as %(username)s / %(password)s") % said
        else:
            result = _("Already present: %(name)s. Sign in as %(username)s / %(password)s") % said
        self.stdout.write(self.style.SUCCESS(result))
