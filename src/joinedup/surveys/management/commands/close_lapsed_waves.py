"""`joinedup close_lapsed_waves`: the daily upkeep of survey waves, for cron,
and of the uploads it is the one daily command for (indicator imports)."""

from django.utils.translation import gettext_lazy, ngettext

from joinedup.design_system.commands import Command as BaseCommand
from joinedup.indicators.upkeep import remove_abandoned_imports

from ...respond import close_lapsed_waves
from ...retention import remove_old_free_text


class Command(BaseCommand):
    help = gettext_lazy(
        "Close the waves whose closing date has passed, release their answers and seal their used "
        "links together, delete half-finished answers of closed waves or untouched for 60 days, and "
        "delete the free text of waves closed longer ago than their workspace keeps it; delete indicator "
        "uploads never confirmed within JOINEDUP_IMPORT_ABANDONED_HOURS.")

    def handle(self, *args, **options):
        closed, sealed, drafts = close_lapsed_waves()
        # One sentence per count, so that each is worded for its number in either language.
        self.stdout.write(" ".join([
            ngettext("%(count)d wave closed,", "%(count)d waves closed,", closed) % {"count": closed},
            ngettext("%(count)d used link sealed,", "%(count)d used links sealed,", sealed) % {"count": sealed},
            ngettext("%(count)d draft deleted.", "%(count)d drafts deleted.", drafts) % {"count": drafts},
        ]))
        removed = remove_old_free_text()
        self.stdout.write(ngettext(
            "Free text deleted from %(count)d wave past its workspace's retention period.",
            "Free text deleted from %(count)d waves past their workspace's retention period.",
            removed) % {"count": removed})
        deleted, failed = remove_abandoned_imports()
        self.stdout.write(" ".join([
            ngettext("%(count)d abandoned indicator upload deleted,", "%(count)d abandoned indicator uploads deleted,",
                     deleted) % {"count": deleted},
            ngettext("%(count)d stopped import marked failed.", "%(count)d stopped imports marked failed.",
                     failed) % {"count": failed},
        ]))
