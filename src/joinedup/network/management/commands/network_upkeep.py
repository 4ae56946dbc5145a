"""`joinedup network_upkeep`: the network's figures of the day worked out
ahead of need, for cron, early each day (docs/deploy.md)."""

import time
from datetime import date

from django.core.management.base import CommandError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from joinedup.design_system.commands import Command as BaseCommand
from joinedup.workspaces.models import Workspace

from ... import kept


class Command(BaseCommand):
    help = gettext_lazy(
        "Work out and keep the day's network figures of every workspace (or one) whose kept figures are "
        "missing or out of date, so that neither the first page nor the first review of the day waits "
        "for them (docs/network.md).")

    def add_arguments(self, parser):
        parser.add_argument("--workspace", help=gettext_lazy("Only this workspace (its short name, slug)."))
        parser.add_argument("--day", type=date.fromisoformat,
                            help=gettext_lazy("The day (YYYY-MM-DD); today by default."))

    def handle(self, *args, **options):
        day = options["day"] or timezone.localdate()
        workspaces = Workspace.objects.order_by("pk")
        if options["workspace"]:
            workspaces = workspaces.filter(slug=options["workspace"])
            if not workspaces.exists():
                raise CommandError(_("No workspace with the short name %(slug)r") % {"slug": options["workspace"]})
        made = kept_already = 0
        for workspace in workspaces:
            started = time.perf_counter()
            if kept.keep_up_to_date(workspace, day):
                made += 1
                self.stdout.write(_("%(slug)s: worked out in %(seconds).1f s") % {
                    "slug": workspace.slug, "seconds": time.perf_counter() - started})
            else:
                kept_already += 1
        self.stdout.write(" ".join([
            ngettext("Network figures of %(day)s: %(count)d workspace worked out,",
                     "Network figures of %(day)s: %(count)d workspaces worked out,", made)
            % {"day": day.isoformat(), "count": made},
            ngettext("%(count)d up to date already.", "%(count)d up to date already.", kept_already)
            % {"count": kept_already},
        ]))
