"""Case studies: what a partnership did, what it achieved with what evidence,
what it cost and what it learned, so that others can learn from it.

A case study stays in its workspace until its author publishes it to
everyone on this joinedup instance; that is the only thing in joinedup that
crosses workspaces (docs/practice.md)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy

from joinedup.organisations.models import Sector
from joinedup.partnerships.models import Form, Partnership
from joinedup.workspaces.models import WorkspaceRecord


class Visibility(models.TextChoices):
    DRAFT = "draft", gettext_lazy("Draft")
    WORKSPACE = "workspace", gettext_lazy("Published to this workspace")
    EVERYONE = "everyone", gettext_lazy("Published to everyone on this joinedup")


class EvidenceStrength(models.TextChoices):
    """A scale from weakest to strongest (docs/practice.md says what each needs)."""

    ANECDOTE = "anecdote", gettext_lazy("Stories and views")
    BEFORE_AFTER = "before_after", gettext_lazy("Before and after")
    COMPARISON = "comparison", gettext_lazy("Compared with other areas")
    STATISTICAL = "statistical", gettext_lazy("Statistical analysis")


EVIDENCE_LADDER = list(EvidenceStrength.values)


class CaseStudy(WorkspaceRecord):
    title = models.CharField(max_length=200)
    problem = models.TextField(
        gettext_lazy("The problem, as the people who use services saw it"),
        help_text=gettext_lazy("In their words, for example: I had to tell my story to five different people."),
    )
    user_group = models.CharField(
        gettext_lazy("People it is about"), max_length=300, help_text=gettext_lazy("For example: older people leaving hospital.")
    )
    outcome_area = models.CharField(
        gettext_lazy("Outcome area"), max_length=200, blank=True,
        help_text=gettext_lazy("A few words for the kind of outcome, for example: leaving hospital, housing, safeguarding."),
    )
    sectors = models.JSONField(
        gettext_lazy("Sectors of the partners"), default=list, blank=True,
        help_text=gettext_lazy("The sectors of the organisations that took part."),
    )
    partners = models.TextField(
        gettext_lazy("Partners and their roles"), blank=True,
        help_text=gettext_lazy("Who took part and what each did, for example: the council commissioned, the trust hosted."),
    )
    form = models.CharField(gettext_lazy("Form of partnership"), max_length=40, choices=Form.choices)
    what_we_did = models.TextField(gettext_lazy("What was done"))
    outcomes = models.TextField(gettext_lazy("Outcomes achieved"), help_text=gettext_lazy("What changed for people, with figures where you have them."))
    evidence = models.TextField(gettext_lazy("The evidence"), blank=True, help_text=gettext_lazy("Where the figures come from and how sure we can be."))
    evidence_strength = models.CharField(
        max_length=20, choices=EvidenceStrength.choices, default=EvidenceStrength.ANECDOTE
    )
    evidence_strength_reason = models.TextField(
        gettext_lazy("Why this strength of evidence"), blank=True,
        help_text=gettext_lazy("Needed when you choose the strength yourself."),
    )
    # Set when the strength was read from a joinedup review, not chosen by the author.
    evidence_from_review = models.BooleanField(default=False)
    cost = models.TextField(gettext_lazy("What it cost"), blank=True)
    lessons = models.TextField(gettext_lazy("What went wrong and what was learned"), blank=True)
    contact = models.CharField(gettext_lazy("Contact"), max_length=300, blank=True, help_text=gettext_lazy("A role and an email address."))
    licence = models.CharField(max_length=100, default="CC BY 4.0")
    visibility = models.CharField(gettext_lazy("Who can read it"), max_length=20, choices=Visibility.choices, default=Visibility.DRAFT)
    published_at = models.DateTimeField(null=True, blank=True)
    partnership = models.ForeignKey(
        Partnership, on_delete=models.SET_NULL, null=True, blank=True, related_name="case_studies"
    )
    review = models.ForeignKey(
        "review.Review", on_delete=models.SET_NULL, null=True, blank=True, related_name="case_studies"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-published_at", "title"]
        verbose_name_plural = gettext_lazy("case studies")
        indexes = [models.Index(fields=["visibility", "-published_at"], name="case_study_published")]

    def __str__(self):
        return self.title

    @property
    def sector_labels(self):
        labels = dict(Sector.choices)
        return [labels.get(code, code) for code in self.sectors]
