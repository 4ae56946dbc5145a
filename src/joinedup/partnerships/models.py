from django.db import models
from django.utils.translation import gettext_lazy as _

from joinedup.organisations.models import Organisation, Person
from joinedup.workspaces.models import ArchivableRecord, WorkspaceRecord

from . import bodies, duties


class Form(models.TextChoices):
    """The ladder of partnership forms, from loosest to most integrated."""

    INFORMATION_NETWORK = "information_network", _("Information network")
    COORDINATED_WORKING = "coordinated_working", _("Co-ordinated working")
    CO_LOCATION = "co_location", _("Co-location")
    JOINT_COMMISSIONING = "joint_commissioning", _("Joint or lead commissioning")
    POOLED_BUDGET = "pooled_budget", _("Pooled budget")
    INTEGRATED_ORGANISATION = "integrated_organisation", _("Integrated organisation")


FORM_LADDER = list(Form.values)


class Status(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    ACTIVE = "active", _("Active")
    UNDER_REVIEW = "under_review", _("Under review")
    ENDED = "ended", _("Ended")


class Partnership(WorkspaceRecord):
    name = models.CharField(max_length=200, verbose_name=_("name"))
    purpose = models.TextField(
        _("Purpose and vision"), blank=True, help_text=_("What the partnership is for, in plain words.")
    )
    user_groups = models.CharField(
        _("People it serves"),
        max_length=300,
        blank=True,
        help_text=_("For example: older people leaving hospital, and their carers."),
    )
    form = models.CharField(max_length=40, choices=Form.choices, verbose_name=_("form"))
    # The kind of body in its nation's law or practice (bodies.py), beside
    # the form: how integrated it is is a separate question.
    body = models.CharField(
        _("Kind of body"), max_length=40, choices=bodies.CHOICES, blank=True,
        help_text=_("The statutory body or recognised arrangement it is, if any."),
    )
    driver = models.CharField(
        _("Policy or statutory driver"),
        max_length=300,
        blank=True,
        help_text=_("For example: Care Act 2014 section 43, or the Better Care Fund."),
    )
    start_date = models.DateField(null=True, blank=True, verbose_name=_("start date"))
    review_date = models.DateField(null=True, blank=True, verbose_name=_("review date"))
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.ACTIVE, verbose_name=_("status"))

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

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="+", verbose_name=_("partnership"))

    class Meta:
        abstract = True

    @property
    def workspace(self):
        return self.partnership.workspace


class MemberRole(models.TextChoices):
    LEAD = "lead", _("Lead partner")
    CORE = "core", _("Core partner")
    ASSOCIATE = "associate", _("Associate partner")
    ADVISER = "adviser", _("Adviser or observer")


class Membership(PartRecord):
    """An organisation's membership of a partnership."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("partnership"))
    organisation = models.ForeignKey(
        Organisation, on_delete=models.RESTRICT, related_name="memberships", verbose_name=_("organisation")
    )
    role = models.CharField(max_length=20, choices=MemberRole.choices, default=MemberRole.CORE, verbose_name=_("role"))
    representative = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="memberships", verbose_name=_("representative")
    )
    joined_on = models.DateField(null=True, blank=True, verbose_name=_("joined on"))
    left_on = models.DateField(null=True, blank=True, verbose_name=_("left on"))

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

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="outcomes", verbose_name=_("partnership"))
    statement = models.TextField(
        help_text=_('In the words of the people it is for, for example: "I only have to tell '
        'my story once."'), verbose_name=_("statement")
    )
    why_partnership = models.TextField(
        _("Why it needs a partnership"),
        blank=True,
        help_text=_("Why no one agency could achieve this on its own."),
    )
    downsides = models.TextField(
        _("Downsides considered"),
        blank=True,
        help_text=_("What working in partnership on this could cost or put at risk."),
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
        Partnership, on_delete=models.CASCADE, related_name="agreement", verbose_name=_("partnership")
    )
    summary = models.TextField(blank=True, verbose_name=_("summary"))
    document_link = models.URLField(blank=True, verbose_name=_("document link"))
    signed_on = models.DateField(null=True, blank=True, verbose_name=_("signed on"))
    review_on = models.DateField(_("Review due"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return _("Agreement of %(partnership)s") % {"partnership": self.partnership}

    @property
    def workspace(self):
        return self.partnership.workspace


class Responsibility(PartRecord):
    """Task → who does it → to whom they answer → the outcome it serves."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="responsibilities", verbose_name=_("partnership")
    )
    task = models.CharField(max_length=300, verbose_name=_("task"))
    responsible_organisation = models.ForeignKey(
        Organisation, on_delete=models.RESTRICT, null=True, blank=True, related_name="+", verbose_name=_("responsible organisation")
    )
    responsible_person = models.ForeignKey(
        Person, on_delete=models.RESTRICT, null=True, blank=True, related_name="+", verbose_name=_("responsible person")
    )
    accountable_to = models.CharField(max_length=200, blank=True, verbose_name=_("accountable to"))
    outcome = models.ForeignKey(
        Outcome, on_delete=models.SET_NULL, null=True, blank=True, related_name="responsibilities", verbose_name=_("outcome")
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
    MONEY = "money", _("Money")
    STAFF_TIME = "staff_time", _("Staff time")
    PREMISES = "premises", _("Premises")
    IN_KIND = "in_kind", _("In kind")


class ResourceStatus(models.TextChoices):
    AGREED = "agreed", _("Agreed")
    PROPOSED = "proposed", _("Proposed")
    DISPUTED = "disputed", _("Disputed")


class Resource(PartRecord):
    """What an organisation puts in: money, staff time, premises or in kind."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="resources", verbose_name=_("partnership"))
    organisation = models.ForeignKey(Organisation, on_delete=models.RESTRICT, related_name="+", verbose_name=_("organisation"))
    kind = models.CharField(max_length=20, choices=ResourceKind.choices, verbose_name=_("kind"))
    amount = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True, verbose_name=_("amount"))
    unit = models.CharField(
        max_length=40, default="£", help_text=_("For example £, hours a week, or square metres."), verbose_name=_("unit")
    )
    period = models.CharField(max_length=60, blank=True, help_text=_("For example: a year, one-off."), verbose_name=_("period"))
    description = models.CharField(max_length=300, blank=True, verbose_name=_("description"))
    status = models.CharField(
        max_length=20, choices=ResourceStatus.choices, default=ResourceStatus.PROPOSED, verbose_name=_("status")
    )

    class Meta:
        ordering = ["organisation__name", "id"]

    def __str__(self):
        return f"{self.get_kind_display()} from {self.organisation}"


class PartnerAccountability(PartRecord):
    """A partner's own performance target that bears on the partnership."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="accountabilities", verbose_name=_("partnership")
    )
    organisation = models.ForeignKey(Organisation, on_delete=models.RESTRICT, related_name="+", verbose_name=_("organisation"))
    target = models.CharField(max_length=300, verbose_name=_("target"))
    answerable_to = models.CharField(
        max_length=200, blank=True, help_text=_("For example: NHS England, Ofsted, the council cabinet."), verbose_name=_("answerable to")
    )
    outcome = models.ForeignKey(
        Outcome, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("outcome")
    )
    pulls_against = models.BooleanField(
        _("Pulls against the partnership's outcomes"),
        default=False,
        help_text=_("Tick if meeting this target could work against the shared outcomes."),
    )
    note = models.TextField(blank=True, verbose_name=_("note"))

    class Meta:
        ordering = ["organisation__name", "id"]
        verbose_name_plural = _("partner accountabilities")

    def __str__(self):
        return f"{self.organisation}: {self.target}"


class StatutoryDocument(PartRecord):
    """A document the law asks the partnership's kind of body to publish on a
    cycle (duties.py), recorded when it is published: the review checks the
    cycle is kept."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="statutory_documents", verbose_name=_("partnership")
    )
    duty = models.CharField(max_length=40, choices=duties.CHOICES, verbose_name=_("document"))
    published_on = models.DateField(verbose_name=_("published on"))
    link = models.URLField(blank=True, max_length=500, verbose_name=_("link"),
                           help_text=_("Where the published document can be read, if it is online."))
    note = models.TextField(blank=True, verbose_name=_("note"))

    class Meta:
        ordering = ["-published_on", "id"]

    def __str__(self):
        return f"{self.get_duty_display()} ({self.published_on:%d %B %Y})"
