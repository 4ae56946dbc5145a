from django.db import models
from django.utils import timezone

from joinedup.workspaces.models import WorkspaceRecord


class Sector(models.TextChoices):
    NHS_ACUTE = "nhs_acute", "NHS acute"
    NHS_COMMUNITY = "nhs_community", "NHS community"
    NHS_MENTAL_HEALTH = "nhs_mental_health", "NHS mental health"
    NHS_PRIMARY_CARE = "nhs_primary_care", "NHS primary care"
    COUNCIL_ADULT_SOCIAL_CARE = "council_adult_social_care", "Council adult social care"
    COUNCIL_CHILDRENS_SERVICES = "council_childrens_services", "Council children's services"
    COUNCIL_HOUSING = "council_housing", "Council housing"
    COUNCIL_EDUCATION = "council_education", "Council education"
    COUNCIL_PUBLIC_HEALTH = "council_public_health", "Council public health"
    POLICE = "police", "Police"
    FIRE = "fire", "Fire and rescue"
    VOLUNTARY_COMMUNITY = "voluntary_community", "Voluntary and community"
    USER_LED = "user_led", "User-led"
    PRIVATE_PROVIDER = "private_provider", "Private provider"
    ACADEMIC = "academic", "Academic"
    OTHER = "other", "Other"


class Organisation(WorkspaceRecord):
    """An agency that takes part in partnerships."""

    name = models.CharField(max_length=200)
    sector = models.CharField(max_length=40, choices=Sector.choices)
    ons_code = models.CharField(
        "ONS or ODS code", max_length=20, blank=True, help_text="For example E08000009 or RW6."
    )
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["workspace", "name"], name="organisation_name_unique_in_workspace"
            )
        ]

    def __str__(self):
        return self.name


class Person(WorkspaceRecord):
    """Someone who takes part in partnership work (not necessarily a user)."""

    name = models.CharField(max_length=200)
    email = models.EmailField(blank=True)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.RESTRICT, related_name="people", null=True, blank=True
    )
    role_title = models.CharField(max_length=200, blank=True)
    pay_band = models.CharField(
        max_length=40,
        blank=True,
        help_text="The pay band used to cost this person's time, such as AfC 8c. "
        "Leave blank to use the workspace default.",
    )
    active_from = models.DateField(null=True, blank=True)
    active_to = models.DateField(
        null=True, blank=True, help_text="When they moved on. Leave blank if still in post."
    )

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(active_to__isnull=True)
                | models.Q(active_from__isnull=True)
                | models.Q(active_to__gte=models.F("active_from")),
                name="person_active_to_after_from",
            )
        ]

    def __str__(self):
        return self.name

    def is_active_on(self, day=None):
        day = day or timezone.localdate()
        started = self.active_from is None or self.active_from <= day
        not_left = self.active_to is None or self.active_to >= day
        return started and not_left
