"""A workspace's choice to compare its partnerships with similar ones in
other workspaces. No row means the workspace has not opted in: it sees no
comparison and contributes nothing to anyone else's."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from joinedup.workspaces.models import Workspace


class ComparisonOptIn(models.Model):
    """An owner's decision that this workspace shares (and sees) aggregate
    figures with the other opted-in workspaces on this instance."""

    workspace = models.OneToOneField(
        Workspace, on_delete=models.CASCADE, related_name="comparison_opt_in"
    )
    opted_in_at = models.DateTimeField(default=timezone.now)
    opted_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "comparison opt-in"
        ordering = ["workspace__name"]

    def __str__(self):
        return f"{self.workspace} compares with similar partnerships"
