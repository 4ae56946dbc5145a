from django.db import models

from joinedup.workspaces.models import Workspace


class Layout(models.Model):
    """Where each node of one drawing of a workspace's web sits, worked out
    once for that set of nodes and ties (network/layouts.py) and shared by
    every app process and worker."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="network_layouts")
    # sha256 of the drawn graph's sorted nodes and ties.
    key = models.CharField(max_length=64)
    positions = models.JSONField()
    made_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["workspace", "key"], name="network_layout_once")]

    def __str__(self):
        return f"Network layout {self.key[:8]} of {self.workspace}"
