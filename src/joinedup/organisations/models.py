from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from joinedup.workspaces.models import Nation, WorkspaceRecord


class Sector(models.TextChoices):
    NHS_ACUTE = "nhs_acute", _("NHS acute")
    NHS_COMMUNITY = "nhs_community", _("NHS community")
    NHS_MENTAL_HEALTH = "nhs_mental_health", _("NHS mental health")
    NHS_PRIMARY_CARE = "nhs_primary_care", _("NHS primary care")
    # Northern Ireland's trusts run hospital, community and social care services in one body.
    HSC_TRUST = "hsc_trust", _("Health and social care trust (Northern Ireland)")
    COUNCIL_ADULT_SOCIAL_CARE = "council_adult_social_care", _("Council adult social care")
    COUNCIL_CHILDRENS_SERVICES = "council_childrens_services", _("Council children's services")
    COUNCIL_HOUSING = "council_housing", _("Council housing")
    COUNCIL_EDUCATION = "council_education", _("Council education")
    COUNCIL_PUBLIC_HEALTH = "council_public_health", _("Council public health")
    # Community planning, leisure, environmental health: above all Northern
    # Ireland's district councils, which run no social care, housing or schools.
    COUNCIL_OTHER = "council_other", _("Council, other services")
    POLICE = "police", _("Police")
    FIRE = "fire", _("Fire and rescue")
    VOLUNTARY_COMMUNITY = "voluntary_community", _("Voluntary and community")
    USER_LED = "user_led", _("User-led")
    PRIVATE_PROVIDER = "private_provider", _("Private provider")
    ACADEMIC = "academic", _("Academic")
    OTHER = "other", _("Other")


class Organisation(WorkspaceRecord):
    """An agency that takes part in partnerships."""

    name = models.CharField(max_length=200, verbose_name=_("name"))
    sector = models.CharField(max_length=40, choices=Sector.choices, verbose_name=_("sector"))
    ons_code = models.CharField(
        _("ONS or ODS code"), max_length=20, blank=True, help_text=_("For example E08000009 or RW6.")
    )
    nation = models.CharField(
        _("nation the organisation employs its staff in"), max_length=20, choices=Nation.choices, blank=True,
        help_text=_("Its people's time is costed with this nation's pay scales."),
    )
    notes = models.TextField(blank=True, verbose_name=_("notes"))

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

    name = models.CharField(max_length=200, verbose_name=_("name"))
    email = models.EmailField(blank=True, verbose_name=_("email"))
    organisation = models.ForeignKey(
        Organisation, on_delete=models.RESTRICT, related_name="people", null=True, blank=True, verbose_name=_("organisation")
    )
    role_title = models.CharField(max_length=200, blank=True, verbose_name=_("role title"))
    pay_band = models.CharField(
        max_length=40,
        blank=True,
        help_text=_("The pay band used to cost this person's time, such as AfC 8c. "
        "Leave blank to use the workspace default."), verbose_name=_("pay band"),
    )
    active_from = models.DateField(null=True, blank=True, verbose_name=_("active from"))
    active_to = models.DateField(
        null=True, blank=True, help_text=_("When they moved on. Leave blank if still in post."), verbose_name=_("active to")
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
