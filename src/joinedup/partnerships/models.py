from django.db import models

from joinedup.organisations.models import Organisation, Person
from joinedup.workspaces.models import ArchivableRecord, WorkspaceRecord

from . import bodies


class Form(models.TextChoices):
    """The ladder of partnership forms, from loosest to most integrated."""

    INFORMATION_NETWORK = "information_network", "Information network"
    COORDINATED_WORKING = "coordinated_working", "Co-ordinated working"
    CO_LOCATION = "co_location", "Co-location"
    JOINT_COMMISSIONING = "joint_commissioning", "Joint or lead commissioning"
    POOLED_BUDGET = "pooled_budget", "Pooled budget"
    INTEGRATED_ORGANISATION = "integrated_organisation", "Integrated organisation"


FORM_LADDER = list(Form.values)


class Status(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    ACTIVE = "active", "Active"
    UNDER_REVIEW = "under_review", "Under review"
    ENDED = "ended", "Ended"


class Partnership(WorkspaceRecord):
    name = models.CharField(max_length=200)
    purpose = models.TextField(
        "Purpose and vision", blank=True, help_text="What the partnership is for, in plain words."
    )
    user_groups = models.CharField(
        "People it serves",
        max_length=300,
        blank=True,
        help_text="For example: older people leaving hospital, and their carers.",
    )
    form = models.CharField(max_length=40, choices=Form.choices)
    # The kind of body in its nation's law or practice (bodies.py), beside
    # the form: how integrated it is is a separate question.
    body = models.CharField(
        "Kind of body", max_length=40, choices=bodies.CHOICES, blank=True,
        help_text="The statutory body or recognised arrangement it is, if any.",
    )
    driver = models.CharField(
        "Policy or statutory driver",
        max_length=300,
        blank=True,
        help_text="For example: Care Act 2014 section 43, or the Better Care Fund.",
    )
    start_date = models.DateField(null=True, blank=True)
    review_date = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.ACTIVE)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["workspace", "name"], name="partnership_name_unique_in_workspace"
            )
        ]

    def __str__(self):
        return self.name

    @property
    def body_entry(self):
        """The catalogue's entry of the partnership's kind of body, or None."""
        return bodies.BY_CODE.get(self.body)

    @property
    def form_step(self):
        """1 for an information network up to 6 for an integrated organisation."""
        return FORM_LADDER.index(self.form) + 1


class PartRecord(ArchivableRecord):
    """Base for the records that belong to one partnership."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="+")

    class Meta:
        abstract = True

    @property
    def workspace(self):
        return self.partnership.workspace


class MemberRole(models.TextChoices):
    LEAD = "lead", "Lead partner"
    CORE = "core", "Core partner"
    ASSOCIATE = "associate", "Associate partner"
    ADVISER = "adviser", "Adviser or observer"


class Membership(PartRecord):
    """An organisation's membership of a partnership."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.RESTRICT, related_name="memberships"
    )
    role = models.CharField(max_length=20, choices=MemberRole.choices, default=MemberRole.CORE)
    representative = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="memberships"
    )
    joined_on = models.DateField(null=True, blank=True)
    left_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["organisation__name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(left_on__isnull=True)
                | models.Q(joined_on__isnull=True)
                | models.Q(left_on__gte=models.F("joined_on")),
                name="membership_left_after_joined",
            )
        ]

    def __str__(self):
        return f"{self.organisation} in {self.partnership}"


class Outcome(PartRecord):
    """An outcome stated from the service user's point of view."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="outcomes")
    statement = models.TextField(
        help_text='In the words of the people it is for, for example: "I only have to tell '
        'my story once."'
    )
    why_partnership = models.TextField(
        "Why it needs a partnership",
        blank=True,
        help_text="Why no one agency could achieve this on its own.",
    )
    downsides = models.TextField(
        "Downsides considered",
        blank=True,
        help_text="What working in partnership on this could cost or put at risk.",
    )
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self):
        return self.statement[:80]


class Agreement(models.Model):
    """The written agreement on who does what: its dates. Its responsibilities,
    resources and partner accountabilities hang off the partnership."""

    partnership = models.OneToOneField(
        Partnership, on_delete=models.CASCADE, related_name="agreement"
    )
    summary = models.TextField(blank=True)
    document_link = models.URLField(blank=True)
    signed_on = models.DateField(null=True, blank=True)
    review_on = models.DateField("Review due", null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"Agreement of {self.partnership}"

    @property
    def workspace(self):
        return self.partnership.workspace


class Responsibility(PartRecord):
    """Task → who does it → to whom they answer → the outcome it serves."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="responsibilities"
    )
    task = models.CharField(max_length=300)
    responsible_organisation = models.ForeignKey(
        Organisation, on_delete=models.RESTRICT, null=True, blank=True, related_name="+"
    )
    responsible_person = models.ForeignKey(
        Person, on_delete=models.RESTRICT, null=True, blank=True, related_name="+"
    )
    accountable_to = models.CharField(max_length=200, blank=True)
    outcome = models.ForeignKey(
        Outcome, on_delete=models.SET_NULL, null=True, blank=True, related_name="responsibilities"
    )

    class Meta:
        ordering = ["id"]
        verbose_name_plural = "responsibilities"

    def __str__(self):
        return self.task

    @property
    def has_owner(self):
        return bool(self.responsible_organisation_id or self.responsible_person_id)


class ResourceKind(models.TextChoices):
    MONEY = "money", "Money"
    STAFF_TIME = "staff_time", "Staff time"
    PREMISES = "premises", "Premises"
    IN_KIND = "in_kind", "In kind"


class ResourceStatus(models.TextChoices):
    AGREED = "agreed", "Agreed"
    PROPOSED = "proposed", "Proposed"
    DISPUTED = "disputed", "Disputed"


class Resource(PartRecord):
    """What an organisation puts in: money, staff time, premises or in kind."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="resources")
    organisation = models.ForeignKey(Organisation, on_delete=models.RESTRICT, related_name="+")
    kind = models.CharField(max_length=20, choices=ResourceKind.choices)
    amount = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    unit = models.CharField(
        max_length=40, default="£", help_text="For example £, hours a week, or square metres."
    )
    period = models.CharField(max_length=60, blank=True, help_text="For example: a year, one-off.")
    description = models.CharField(max_length=300, blank=True)
    status = models.CharField(
        max_length=20, choices=ResourceStatus.choices, default=ResourceStatus.PROPOSED
    )

    class Meta:
        ordering = ["organisation__name", "id"]

    def __str__(self):
        return f"{self.get_kind_display()} from {self.organisation}"


class PartnerAccountability(PartRecord):
    """A partner's own performance target that bears on the partnership."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="accountabilities"
    )
    organisation = models.ForeignKey(Organisation, on_delete=models.RESTRICT, related_name="+")
    target = models.CharField(max_length=300)
    answerable_to = models.CharField(
        max_length=200, blank=True, help_text="For example: NHS England, Ofsted, the council cabinet."
    )
    outcome = models.ForeignKey(
        Outcome, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    pulls_against = models.BooleanField(
        "Pulls against the partnership's outcomes",
        default=False,
        help_text="Tick if meeting this target could work against the shared outcomes.",
    )
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["organisation__name", "id"]
        verbose_name_plural = "partner accountabilities"

    def __str__(self):
        return f"{self.organisation}: {self.target}"
