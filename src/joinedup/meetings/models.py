"""Meetings of partnerships, who came, what they decided and agreed to do,
and the workspace's pay scale that puts a price on everyone's time."""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy

from joinedup.design_system.dates import short_date
from joinedup.organisations.models import Person
from joinedup.partnerships.models import Outcome, Partnership, PartRecord
from joinedup.workspaces.models import Nation, Workspace, WorkspaceRecord

from .pay_scales import OnCosts, hourly_cost
from .pay_scales import PayBand as PlainPayBand

PERCENT = Decimal(100)


def band_key(code):
    """The form of a band code used to match people to bands: "afc 8c",
    "AfC-8C" and "AFC  8c" are all "AFC 8C"."""
    return " ".join(str(code or "").upper().replace("-", " ").split())


class PayScale(models.Model):
    """A workspace's pay scale settings: where its bands came from, and the
    hourly cost used for people without a band."""

    workspace = models.OneToOneField(Workspace, on_delete=models.CASCADE, related_name="pay_scale")
    seeded_from = models.TextField(
        blank=True, help_text=gettext_lazy("The national scales the bands were copied from, with their years.")
    )
    seeded_at = models.DateTimeField(null=True, blank=True)
    # The nations whose shipped bands have been copied in (comma-separated Nation
    # codes): a nation is seeded once, the first time someone is costed in it.
    seeded_nations = models.CharField(max_length=100, blank=True, editable=False)
    default_band = models.ForeignKey(
        "PayBand", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        help_text=gettext_lazy("People with no pay band, or a band not in this table, are costed at this band."),
    )
    default_hourly_cost = models.DecimalField(
        max_digits=8, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(Decimal("0.01"))],
        help_text=gettext_lazy("Use this figure instead of a band for people without one. Leave blank to use the default band."),
    )

    def __str__(self):
        return f"Pay scale of {self.workspace}"

    @property
    def default_rate(self):
        """The hourly cost for people without a band, or None if there is none."""
        if self.default_hourly_cost is not None:
            return self.default_hourly_cost
        return self.default_band.hourly_cost if self.default_band else None


class PayBand(WorkspaceRecord):
    """One pay band or spinal point, with what an hour of it costs the employer."""

    code = models.CharField(
        max_length=40, help_text=gettext_lazy("As people's pay bands are written, such as \"AfC 8c\" or \"NJC SCP 12\".")
    )
    name = models.CharField(max_length=200)
    nation = models.CharField(
        gettext_lazy("Nation"), max_length=20, choices=Nation.choices, default=Nation.ENGLAND,
        help_text=gettext_lazy("People whose employer is in this nation are costed with this band."),
    )
    scale = models.CharField(max_length=100, blank=True, help_text=gettext_lazy("For example: AfC 2026/27."))
    source = models.TextField(blank=True)
    annual_salary = models.DecimalField(
        gettext_lazy("Annual salary (mid-point)"), max_digits=10, decimal_places=2,
        validators=[MinValueValidator(Decimal("1"))],
    )
    employer_ni_rate = models.DecimalField(
        gettext_lazy("Employer National Insurance (%)"), max_digits=5, decimal_places=2, default=Decimal("15"),
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    employer_ni_threshold = models.DecimalField(
        gettext_lazy("National Insurance threshold (£ a year)"), max_digits=10, decimal_places=2,
        default=Decimal("5000"), validators=[MinValueValidator(0)],
        help_text=gettext_lazy("Employer National Insurance is paid only on pay above this."),
    )
    pension_rate = models.DecimalField(
        gettext_lazy("Employer pension (%)"), max_digits=5, decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    annual_working_hours = models.DecimalField(
        max_digits=9, decimal_places=3, validators=[MinValueValidator(Decimal("1"))],
        help_text=gettext_lazy("Full-time hours a year, for example 1955.4 (37.5 hours × 52.143 weeks)."),
    )
    hourly_cost = models.DecimalField(max_digits=8, decimal_places=2, editable=False)
    hourly_pence = models.PositiveIntegerField(editable=False)
    code_key = models.CharField(max_length=40, editable=False)

    class Meta:
        ordering = ["nation", "scale", "annual_salary", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["workspace", "nation", "code_key"], name="pay_band_code_unique_in_workspace_nation"
            )
        ]

    def __str__(self):
        return f"{self.code} (£{self.hourly_cost}/h)"

    def as_plain(self):
        """The band as pay_scales.hourly_cost reads it."""
        on_costs = OnCosts(
            year="", employer_ni_rate=self.employer_ni_rate / PERCENT,
            employer_ni_threshold=self.employer_ni_threshold,
            pension_rate=self.pension_rate / PERCENT, pension_scheme="", source=self.source,
        )
        return PlainPayBand(
            code=self.code, name=self.name, scale=self.scale, annual_salary_min=self.annual_salary,
            annual_salary_max=self.annual_salary, midpoint=Decimal(self.annual_salary),
            on_costs=on_costs, annual_working_hours=Decimal(self.annual_working_hours),
            source=self.source,
        )

    def save(self, *args, **kwargs):
        self.code = " ".join(self.code.split())
        self.code_key = band_key(self.code)
        self.hourly_cost = hourly_cost(self.as_plain())
        self.hourly_pence = int(self.hourly_cost * 100)
        super().save(*args, **kwargs)


class Meeting(PartRecord):
    """One meeting of a partnership."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="meetings")
    title = models.CharField(max_length=300)
    starts_at = models.DateTimeField(gettext_lazy("Start"))
    length_minutes = models.PositiveIntegerField(
        gettext_lazy("Length (minutes)"), validators=[MinValueValidator(1), MaxValueValidator(24 * 60)]
    )
    preparation_minutes = models.PositiveIntegerField(
        gettext_lazy("Preparation per attendee (minutes)"), default=0, validators=[MaxValueValidator(24 * 60)]
    )
    travel_minutes = models.PositiveIntegerField(
        gettext_lazy("Travel per attendee (minutes)"), default=0, validators=[MaxValueValidator(24 * 60)]
    )
    location = models.CharField(max_length=300, blank=True)
    source_uid = models.CharField(max_length=500, blank=True, editable=False)
    occurrence_key = models.CharField(max_length=600, blank=True, editable=False)

    class Meta:
        ordering = ["-starts_at", "id"]
        indexes = [
            models.Index(fields=["partnership", "starts_at"]),
            # The kept network figures' fingerprint (network/kept.py) counts every meeting of
            # the workspace's partnerships with their highest id and latest change on each page:
            # read from this index alone rather than from the table (31,000 meetings at national
            # scale), as the other records' fingerprints are from their workspace's index.
            models.Index(fields=["partnership", "updated_at"], include=["id"], name="meeting_fingerprint"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "occurrence_key"], condition=~models.Q(occurrence_key=""),
                name="meeting_occurrence_unique_in_partnership",
            )
        ]

    def __str__(self):
        return f"{self.title}, {short_date(self.starts_at)}"


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", gettext_lazy("Present")
    APOLOGIES = "apologies", gettext_lazy("Sent apologies")
    DEPUTY = "deputy", gettext_lazy("Sent a deputy")


class Attendance(models.Model):
    """One person's attendance at one meeting. Preparation and travel left
    blank take the meeting's defaults; a deputy's time is costed at the
    deputy's own band."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    person = models.ForeignKey(Person, on_delete=models.RESTRICT, related_name="attendances")
    status = models.CharField(max_length=10, choices=AttendanceStatus.choices, default=AttendanceStatus.PRESENT)
    deputy = models.ForeignKey(
        Person, on_delete=models.RESTRICT, null=True, blank=True, related_name="deputised"
    )
    minutes_attended = models.PositiveIntegerField(
        null=True, blank=True, help_text=gettext_lazy("Leave blank if they were there for the whole meeting.")
    )
    preparation_minutes = models.PositiveIntegerField(null=True, blank=True)
    travel_minutes = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["meeting", "person__name"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="one_attendance_per_person"),
            models.CheckConstraint(
                condition=~models.Q(status="deputy") | models.Q(deputy__isnull=False),
                name="deputy_named_when_sent",
            ),
        ]

    def __str__(self):
        return f"{self.person} at {self.meeting}: {self.get_status_display()}"


class Decision(models.Model):
    """A decision taken at a meeting: linked to one of the partnership's
    outcomes, or (outcome left empty) explicitly not linked to one."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    text = models.TextField()
    outcome = models.ForeignKey(
        Outcome, on_delete=models.SET_NULL, null=True, blank=True, related_name="decisions"
    )

    class Meta:
        ordering = ["meeting", "id"]

    def __str__(self):
        return self.text[:80]


class Action(models.Model):
    """Something a meeting agreed someone would do, by when, and when it was done."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="actions")
    text = models.TextField()
    owner = models.ForeignKey(Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="actions")
    due_on = models.DateField(null=True, blank=True)
    done_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["meeting", "id"]

    def __str__(self):
        return self.text[:80]
