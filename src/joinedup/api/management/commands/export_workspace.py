from pathlib import Path

from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from joinedup.api.archive_export import write_archive
from joinedup.audit.models import Kind
from joinedup.audit.record import record
from joinedup.design_system.commands import Command as BaseCommand
from joinedup.workspaces.models import Workspace


class Command(BaseCommand):
    help = gettext_lazy("Export a whole workspace to one archive (a ZIP of JSON and CSV per table, with a "
                        "manifest and checksums) that import_workspace reads on any joinedup. See docs/export.md.")

    def add_arguments(self, parser):
        parser.add_argument("slug", help=gettext_lazy("The workspace's address, as in /w/<slug>/."))
        parser.add_argument("file", help=gettext_lazy("The .zip file to write."))

    def handle(self, *args, slug, file, **options):
        workspace = Workspace.objects.filter(slug=slug).first()
        if workspace is None:
            raise CommandError(_("There is no workspace with the address “%(slug)s”.") % {"slug": slug})
        target = Path(file)
        # Written beside the target and then renamed, so a failed export leaves no half file.
        partial = target.with_name(target.name + ".partial")
        try:
            with partial.open("wb") as out:
                manifest = write_archive(workspace, out)
            partial.replace(target)
        finally:
            partial.unlink(missing_ok=True)
        record(workspace, None, Kind.EXPORT, "exported the workspace", label=target.name)
        rows = sum(table["rows"] for table in manifest["tables"].values())
        self.stdout.write(self.style.SUCCESS(
            ngettext("Exported %(name)s (%(rows)d record) to %(file)s", "Exported %(name)s (%(rows)d records) to %(file)s",
                     rows) % {"name": workspace.name, "rows": rows, "file": target}))
