from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy

from joinedup.partnerships.models import Partnership
from joinedup.workspaces.models import Workspace

from .verdict import VERDICT_LABELS


def stale_findings(findings):
    """Signs of staleness among stored findings: the stale.* ones only (voice.*
    findings, though the verdict weighs them with staleness, are not signs of it)."""
    return sum(1 for f in findings or () if f["rule_id"].startswith("stale."))


class Verdict(models.TextChoices):
    CONTINUE = "continue", gettext_lazy("Continue")
    REFOCUS = "refocus", gettext_lazy("Refocus")
    REFRESH = "refresh", gettext_lazy("Refresh")
    RESTRUCTURE = "restructure", gettext_lazy("Restructure")
    END = "end", gettext_lazy("End")


class ReviewRun(models.Model):
    """Reviews of many partnerships of a workspace, run in the background;
    its counts are the progress shown on the page."""

    class State(models.TextChoices):
        QUEUED = "queued", gettext_lazy("Queued")
        RUNNING = "running", gettext_lazy("Running")
        FINISHED = "finished", gettext_lazy("Finished")

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    as_of = models.DateField()
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    failed = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"Review of {self.total} partnerships in {self.workspace} ({self.created_at:%Y-%m-%d %H:%M})"

    @property
    def state(self):
        if self.finished_at is not None:
            return self.State.FINISHED
        return self.State.RUNNING if self.done or self.failed else self.State.QUEUED

    @property
    def percent(self):
        return 100 if not self.total else round(100 * (self.done + self.failed) / self.total)


class Review(models.Model):
    """The evaluation of one partnership at a date: its findings and verdict.
    Reviews are kept, so that a partnership's reviews can be compared."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="reviews")
    run = models.ForeignKey(
        ReviewRun, on_delete=models.SET_NULL, null=True, blank=True, related_name="reviews"
    )
    run_at = models.DateTimeField(default=timezone.now)
    as_of = models.DateField()
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Each finding: rule_id, title, severity, evidence [{text, link}], advice, why_it_matters.
    findings = models.JSONField(default=list, blank=True)
    high_count = models.PositiveIntegerField(default=0)
    medium_count = models.PositiveIntegerField(default=0)
    low_count = models.PositiveIntegerField(default=0)
    # stale_findings(findings), kept so that the portfolio need not read the
    # findings (9 MB of JSON for 311 partnerships at national scale); set on save.
    stale_count = models.PositiveIntegerField(default=0)
    # Which capabilities had facts at the time: {"cost": bool, "evidence": bool, "voice": bool}.
    facts_recorded = models.JSONField(default=dict, blank=True)
    # Figures shown beside the findings, e.g. {"yearly_cost": "12345.67", "meetings_in_year": 10}.
    figures = models.JSONField(default=dict, blank=True)
    verdict = models.CharField(max_length=20, choices=Verdict.choices)
    verdict_reasons = models.JSONField(default=list, blank=True)
    override_verdict = models.CharField(max_length=20, choices=Verdict.choices, blank=True)
    override_reason = models.TextField(blank=True)
    overridden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    overridden_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-run_at", "-id"]
        indexes = [models.Index(fields=["partnership", "-run_at"], name="review_latest")]

    def __str__(self):
        return f"Review of {self.partnership} on {self.as_of:%Y-%m-%d}"

    def save(self, *args, **kwargs):
        # Findings edited in the admin keep their count (bulk_create is given it).
        if "findings" not in self.get_deferred_fields():
            self.stale_count = stale_findings(self.findings)
        super().save(*args, **kwargs)

    @property
    def workspace(self):
        return self.partnership.workspace

    @property
    def final_verdict(self):
        """The person's verdict where they overrode the rules', else the rules'."""
        return self.override_verdict or self.verdict

    @property
    def final_verdict_label(self):
        return str(VERDICT_LABELS[self.final_verdict])
