"""The audit log: who changed what and when in a workspace. Rows are only
ever added. The app has no way to change or delete one (the model refuses,
the admin is read-only) and on PostgreSQL a trigger refuses UPDATE and DELETE
(migration 0002), except the deletion of a whole workspace, which takes its
log with it (purge.py, docs/privacy.md)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    PARTNERSHIP = "partnership", _("Partnership records")
    AGREEMENT = "agreement", _("Agreements")
    VERDICT = "verdict", _("Verdict overrides")
    IMPORT = "import", _("Imports")
    EXPORT = "export", _("Exports")
    MEMBERSHIP = "membership", _("Members and invitations")
    SETTINGS = "settings", _("Workspace settings")


class AppendOnly(Exception):
    """An attempt to change or delete an audit entry."""


class EntryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnly("Audit entries cannot be changed")

    def delete(self):
        raise AppendOnly("Audit entries cannot be deleted")


class Entry(models.Model):
    """One change: when, by whom, to what, and what changed (field: old → new).
    Never survey answer text: the calls that record entries name records of
    partnerships, agreements, reviews, imports, exports and members only."""

    workspace = models.ForeignKey("workspaces.Workspace", on_delete=models.CASCADE, related_name="+")
    # No database constraint and nothing done on the user's deletion: the
    # entry must not be rewritten, so it keeps the name the actor had then.
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.DO_NOTHING, db_constraint=False,
                              null=True, blank=True, related_name="+")
    actor_name = models.CharField(max_length=254, blank=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    action = models.CharField(max_length=40)
    object_type = models.CharField(max_length=60, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    object_label = models.CharField(max_length=200, blank=True)
    changes = models.TextField(blank=True)

    objects = EntryQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name_plural = "entries"
        indexes = [models.Index(fields=["workspace", "kind", "-at"], name="audit_by_kind")]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.action} {self.object_label}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnly("Audit entries cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnly("Audit entries cannot be deleted")

    @property
    def change_lines(self):
        return [line for line in self.changes.splitlines() if line]
