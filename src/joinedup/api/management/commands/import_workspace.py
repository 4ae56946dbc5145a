from django.core.management.base import BaseCommand, CommandError

from joinedup.api.archive_import import ArchiveRefused, import_archive


class Command(BaseCommand):
    help = ("Import a workspace archive made by export_workspace as a new workspace, all or nothing. "
            "See docs/export.md.")

    def add_arguments(self, parser):
        parser.add_argument("file", help="The .zip file export_workspace wrote.")
        parser.add_argument("--slug", help="A new address for the workspace, if its own is taken here.")

    def handle(self, *args, file, slug, **options):
        try:
            workspace = import_archive(file, slug=slug)
        except ArchiveRefused as refused:
            raise CommandError(f"Nothing was imported. {refused}") from None
        self.stdout.write(self.style.SUCCESS(f"Imported {workspace.name} as /w/{workspace.slug}/"))
