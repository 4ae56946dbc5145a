"""`joinedup network_upkeep`: the network's figures of the day worked out
ahead of need, for cron, early each day (docs/deploy.md)."""

import time
from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from joinedup.workspaces.models import Workspace

from ... import kept


class Command(BaseCommand):
    help = ("Work out and keep the day's network figures of every workspace (or one) whose kept figures are "
            "missing or out of date, so that neither the first page nor the first review of the day waits "
            "for them (docs/network.md).")

    def add_arguments(self, parser):
        parser.add_argument("--workspace", help="Only this workspace (its short name, slug).")
        parser.add_argument("--day", type=date.fromisoformat, help="The day (YYYY-MM-DD); today by default.")

    def handle(self, *args, **options):
        day = options["day"] or timezone.localdate()
        workspaces = Workspace.objects.order_by("pk")
        if options["workspace"]:
            workspaces = workspaces.filter(slug=options["workspace"])
            if not workspaces.exists():
                raise CommandError(f"No workspace with the short name {options['workspace']!r}")
        made = kept_already = 0
        for workspace in workspaces:
            started = time.perf_counter()
            if kept.keep_up_to_date(workspace, day):
                made += 1
                self.stdout.write(f"{workspace.slug}: worked out in {time.perf_counter() - started:.1f} s")
            else:
                kept_already += 1
        self.stdout.write(f"Network figures of {day.isoformat()}: {made} workspace(s) worked out, "
                          f"{kept_already} up to date already.")
