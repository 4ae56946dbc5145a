"""`joinedup close_lapsed_waves`: the daily upkeep of survey waves, for cron."""

from django.core.management.base import BaseCommand

from ...respond import close_lapsed_waves


class Command(BaseCommand):
    help = ("Close the waves whose closing date has passed, seal their used links together, "
            "and delete half-finished answers of closed waves or untouched for 60 days.")

    def handle(self, *args, **options):
        closed, sealed, drafts = close_lapsed_waves()
        self.stdout.write(f"{closed} wave(s) closed, {sealed} used link(s) sealed, {drafts} draft(s) deleted.")
