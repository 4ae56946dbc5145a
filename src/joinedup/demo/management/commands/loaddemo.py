from django.core.management.base import BaseCommand

from joinedup.demo.loader import ensure_demo_user, load_demo


class Command(BaseCommand):
    help = "Load the Northshire demo locality (deterministic from its seed)."

    def add_arguments(self, parser):
        parser.add_argument("--replace", action="store_true", help="Delete and rebuild it if present.")
        parser.add_argument("--seed", type=int, default=None)

    def handle(self, *args, replace, seed, **options):
        workspace, created = load_demo(
            if_absent=not replace, replace=replace, seed=seed, progress=self.stdout.write
        )
        username, password = ensure_demo_user(workspace)
        verb = "Loaded" if created else "Already present:"
        self.stdout.write(self.style.SUCCESS(f"{verb} {workspace.name}. Sign in as {username} / {password}"))
