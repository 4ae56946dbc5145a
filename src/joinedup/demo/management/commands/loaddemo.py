from django.core.management.base import BaseCommand

from joinedup.demo.loader import DEFAULT_LOCALITY, LOCALITIES, ensure_demo_user, load_demo


class Command(BaseCommand):
    help = ("Load a demo locality (deterministic from its seed): Northshire in England, Glenmore in Scotland "
            "or Loughside in Northern Ireland.")

    def add_arguments(self, parser):
        parser.add_argument("--replace", action="store_true", help="Delete and rebuild it if present.")
        parser.add_argument("--seed", type=int, default=None)
        parser.add_argument(
            "--locality", choices=sorted(LOCALITIES), default=DEFAULT_LOCALITY,
            help="northshire (England, the default), scotland (Glenmore health and social care partnership) or "
            "northern-ireland (Loughside health and social care trust area).",
        )

    def handle(self, *args, replace, seed, locality, **options):
        workspace, created = load_demo(
            if_absent=not replace, replace=replace, seed=seed, progress=self.stdout.write, locality_name=locality
        )
        username, password = ensure_demo_user(workspace)
        verb = "Loaded" if created else "Already present:"
        self.stdout.write(self.style.SUCCESS(f"{verb} {workspace.name}. Sign in as {username} / {password}"))
