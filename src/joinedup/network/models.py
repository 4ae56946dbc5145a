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


class Figures(models.Model):
    """The figures of one workspace's web on one day (for the network page's
    filters) that need the whole web at once -- the people's betweenness and
    cut vertices, the overlapping pairs of partnerships, the whole-web
    figures -- and the year's attendance summed up, worked out once
    (network/kept.py) and shared by every app process and worker. They are
    out of date when `fingerprint` is no longer that of the records they
    were worked out from."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="network_figures")
    day = models.DateField()
    sector = models.CharField(max_length=50, blank=True)
    user_group = models.CharField(max_length=50, blank=True)
    fingerprint = models.CharField(max_length=64)
    # The fingerprint a worker was last asked to work the figures out for.
    asked_for = models.CharField(max_length=64, blank=True)
    figures = models.JSONField()
    made_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["workspace", "day", "sector", "user_group"],
                                               name="network_figures_once")]

    def __str__(self):
        return f"Network figures of {self.workspace} on {self.day}"
