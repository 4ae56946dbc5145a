"""`joinedup close_lapsed_waves`: the daily upkeep of survey waves, for cron,
and of the uploads it is the one daily command for (indicator imports)."""

from django.core.management.base import BaseCommand

from joinedup.indicators.upkeep import remove_abandoned_imports

from ...respond import close_lapsed_waves
from ...retention import remove_old_free_text


class Command(BaseCommand):
    help = ("Close the waves whose closing date has passed, release their answers and seal their used "
            "links together, delete half-finished answers of closed waves or untouched for 60 days, and "
            "delete the free text of waves closed longer ago than their workspace keeps it; delete indicator "
            "uploads never confirmed within JOINEDUP_IMPORT_ABANDONED_HOURS.")

    def handle(self, *args, **options):
        closed, sealed, drafts = close_lapsed_waves()
        self.stdout.write(f"{closed} wave(s) closed, {sealed} used link(s) sealed, {drafts} draft(s) deleted.")
        removed = remove_old_free_text()
        self.stdout.write(f"Free text deleted from {removed} wave(s) past their workspace's retention period.")
        deleted, failed = remove_abandoned_imports()
        self.stdout.write(f"{deleted} abandoned indicator upload(s) deleted, {failed} stopped import(s) marked failed.")
