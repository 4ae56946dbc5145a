from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from joinedup.api.archive_import import ArchiveRefused, import_archive
from joinedup.design_system.commands import Command as BaseCommand


class Command(BaseCommand):
    help = gettext_lazy("Import a workspace archive made by export_workspace as a new workspace, all or "
                        "nothing. See docs/export.md.")

    def add_arguments(self, parser):
        parser.add_argument("file", help=gettext_lazy("The .zip file export_workspace wrote."))
        parser.add_argument("--slug", help=gettext_lazy("A new address for the workspace, if its own is taken here."))

    def handle(self, *args, file, slug, **options):
        try:
            workspace = import_archive(file, slug=slug)
        except ArchiveRefused as refused:
            raise CommandError(_("Nothing was imported. %(reason)s") % {"reason": refused}) from None
        self.stdout.write(self.style.SUCCESS(
            _("Imported %(name)s as %(address)s") % {"name": workspace.name, "address": f"/w/{workspace.slug}/"}))
