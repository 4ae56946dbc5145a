"""Survey waves, invitations, anonymous responses, drafts and obstacles.

Anonymity is designed into the tables (docs/surveys.md, "Anonymity"):

* an ``Invitation`` keeps only hashes of its link token and short code, and
  whether it has been used (``used_on`` holds the wave's opening date, not the
  day of use, so that no order or day pairs a link with an answer);
* a ``Response`` has no link to the invitation it came through, and no IP
  address, user agent, time or date: only its wave, instrument, respondent
  group, language, the answers and whether it has been released into the
  results (``surveys.release``);
* a ``Draft`` is found by a random value in a cookie on the respondent's
  device, never by the invitation.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Manager
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from joinedup.organisations.models import Person
from joinedup.partnerships.models import Partnership, PartRecord

from .instruments import INSTRUMENTS
from .suppression import MINIMUM_RESPONSE_RATE, MINIMUM_THRESHOLD

# The instruments a wave can run; the easy-read version is a batch option.
# Titles stay lazy, so that each page shows them in its own language.
WAVE_INSTRUMENTS = [
    (code, i.title) for code, i in INSTRUMENTS.items() if not i.easy_read_of
]
SERVICE_USERS = "Service users"
CARERS = "Carers"
PEOPLE_GROUPS = [SERVICE_USERS, CARERS]
# The stored group names stay English (they are data, matched in results);
# pages show them in their own language.
PEOPLE_GROUP_LABELS = {SERVICE_USERS: _("Service users"), CARERS: _("Carers")}


def group_label(group):
    """A respondent group as pages show it: an organisation's name, or a people group translated."""
    return PEOPLE_GROUP_LABELS.get(group, group)


class WaveStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class Language(models.TextChoices):
    ENGLISH = "en-gb", _("English")
    WELSH = "cy", _("Cymraeg (Welsh)")


class Wave(models.Model):
    """One round of a partnership's surveys: which instruments, asked of whom, when."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="waves")
    name = models.CharField(max_length=120, help_text=_("For example: Spring 2026."))
    instruments = models.JSONField(default=list)
    respondent_groups = models.JSONField(default=list)
    opens_on = models.DateField(default=timezone.localdate)
    closes_on = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=WaveStatus.choices, default=WaveStatus.OPEN)
    threshold = models.PositiveSmallIntegerField(
        _("Smallest group shown"),
        default=MINIMUM_THRESHOLD,
        validators=[MinValueValidator(MINIMUM_THRESHOLD), MaxValueValidator(100)],
        help_text=format_lazy(_("Results for fewer people than this are hidden. At least {minimum}."), minimum=MINIMUM_THRESHOLD),
    )
    min_response_rate = models.PositiveSmallIntegerField(
        _("Lowest response rate shown (per cent)"),
        default=round(100 * MINIMUM_RESPONSE_RATE),
        validators=[MinValueValidator(round(100 * MINIMUM_RESPONSE_RATE)), MaxValueValidator(100)],
        help_text=_("A group's results are hidden when fewer than this share of those invited answer."),
    )
    created_at = models.DateTimeField(default=timezone.now)
    closed_on = models.DateField(null=True, blank=True)  # the day it was closed
    # Free-text answers deleted under the workspace's retention setting; the
    # themes found in them before that are kept here (surveys.retention).
    free_text_removed_on = models.DateField(null=True, blank=True)
    kept_themes = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-opens_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(threshold__gte=MINIMUM_THRESHOLD), name="wave_threshold_at_least_minimum"
            ),
            models.CheckConstraint(
                condition=models.Q(min_response_rate__gte=round(100 * MINIMUM_RESPONSE_RATE)),
                name="wave_response_rate_at_least_minimum",
            ),
        ]

    def __str__(self):
        return f"{self.partnership}: {self.name}"

    @property
    def workspace(self):
        return self.partnership.workspace

    @property
    def is_open(self):
        return self.status == WaveStatus.OPEN and (
            self.closes_on is None or self.closes_on >= timezone.localdate()
        )


class InvitationBatch(models.Model):
    """A set of single-use links made at one time for one group and instrument."""

    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="batches")
    group = models.CharField(max_length=200)
    instrument = models.CharField(max_length=40, choices=WAVE_INSTRUMENTS)
    count = models.PositiveIntegerField(validators=[MinValueValidator(1), MaxValueValidator(2000)])
    language = models.CharField(max_length=8, choices=Language.choices, default=Language.ENGLISH)
    easy_read = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["id"]
        verbose_name_plural = _("invitation batches")

    def __str__(self):
        return f"{self.count} {self.get_instrument_display()} links for {self.group}"

    @property
    def partnership(self):
        return self.wave.partnership

    @property
    def instrument_code(self):
        """The instrument respondents see: the easy-read version where asked for."""
        if self.easy_read and self.instrument == "service_user":
            return "service_user_easy_read"
        return self.instrument


class Invitation(models.Model):
    """One single-use link. Only hashes of its secrets are kept, so a link
    cannot be shown again, and the day it was used, not the time."""

    batch = models.ForeignKey(InvitationBatch, on_delete=models.CASCADE, related_name="invitations")
    token_hash = models.CharField(max_length=64)
    code_hash = models.CharField(max_length=64)
    used_on = models.DateField(null=True, blank=True)
    # Rewritten with other claims since it was used (surveys.respond.seal_claims).
    sealed = models.BooleanField(default=False)

    class Meta:
        # Constraints rather than unique=True, which on PostgreSQL also builds a
        # LIKE index for each hash: never used, and written on every new link.
        constraints = [
            models.UniqueConstraint(fields=["token_hash"], name="surveys_invitation_token_hash_unique"),
            models.UniqueConstraint(fields=["code_hash"], name="surveys_invitation_code_hash_unique"),
        ]

    def __str__(self):
        return f"Invitation {self.pk} ({'used' if self.used_on else 'not used'})"


class StoredResponses(Manager):
    """Every response, released or not: for sending, releasing and retention."""


class ReleasedResponses(Manager):
    """Only the responses released into the results. Every figure shown about
    a wave reads ``Response.objects``, so nothing can count an answer before
    it is released in a step of at least the threshold (``surveys.release``)."""

    def get_queryset(self):
        return super().get_queryset().filter(released=True)


class Response(models.Model):
    """One person's answers. Deliberately nothing that leads back to them:
    no invitation, no address, no browser, no time or date."""

    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="responses")
    instrument = models.CharField(max_length=40)
    respondent_group = models.CharField(max_length=200)
    language = models.CharField(max_length=8, choices=Language.choices, default=Language.ENGLISH)
    answers = models.JSONField(default=dict)
    # Counted in the results. Set by surveys.release, never on submission.
    released = models.BooleanField(default=False)

    objects = ReleasedResponses()  # what results, exports and reviews read
    stored = StoredResponses()

    class Meta:
        indexes = [
            # The kept theme means' fingerprint (stored_means.py) reads only this.
            models.Index(fields=["wave", "instrument", "id"], condition=models.Q(released=True),
                         name="surveys_response_released"),
        ]

    def __str__(self):
        return f"Response to {self.instrument} in {self.wave}"


class ThemeMeans(models.Model):
    """One instrument's theme scores for all respondents in one wave, kept so
    that a portfolio of hundreds of partnerships need not score every answer
    on each request (surveys/stored_means.py). ``means`` is {theme: mean, or
    None where the results page hides it}; ``fingerprint`` says what they
    were worked out from (the released answers, the invitations, the wave's
    suppression rule): when it no longer matches, they are worked out again
    before anything shows them."""

    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="+")
    instrument = models.CharField(max_length=40)
    fingerprint = models.CharField(max_length=64)
    means = models.JSONField(default=dict)
    worked_out_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["wave", "instrument"], name="surveys_thememeans_wave_instrument"),
        ]
        verbose_name_plural = _("theme means")

    def __str__(self):
        return f"{self.instrument} theme means of {self.wave}"


class Draft(models.Model):
    """Half-finished answers, kept for the device that started them. Found by
    the hash of a random cookie value; deleted when the answers are sent."""

    key_hash = models.CharField(max_length=64, unique=True)
    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="drafts")
    answers = models.JSONField(default=dict)
    saved_on = models.DateField(default=timezone.localdate)

    def __str__(self):
        return f"Draft for {self.wave}"


class RaisedBy(models.TextChoices):
    STAFF = "staff", _("Front-line staff")
    USER = "user", _("Service user or carer")


class ObstacleStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_HAND = "in_hand", _("In hand")
    REMOVED = "removed", _("Removed")


class Obstacle(PartRecord):
    """Something that gets in the way of joined-up work, for the partnership to remove."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="obstacles")
    text = models.TextField(help_text=_("Names and contact details are removed from what respondents write."))
    raised_by_kind = models.CharField(_("Raised by"), max_length=10, choices=RaisedBy.choices, default=RaisedBy.STAFF)
    owner = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        help_text=_("Who will see that it is removed."),
    )
    status = models.CharField(max_length=10, choices=ObstacleStatus.choices, default=ObstacleStatus.OPEN)
    # For obstacles from the staff pulse: the day a release of answers passed
    # them on (surveys.release), not the day anyone answered.
    created_on = models.DateField(default=timezone.localdate)

    class Meta:
        ordering = ["status", "-created_on", "-id"]

    def __str__(self):
        return self.text[:80]


@receiver(post_save, sender=Response, dispatch_uid="joinedup-theme-means-edited")
def _forget_theme_means(sender, instance, **kwargs):
    """A released answer changed in place (the admin): its wave's kept theme
    means are out of date. New, released and deleted answers change the
    fingerprint (surveys/stored_means.py) instead; a new answer is stored
    unreleased, so sending one asks nothing more."""
    if instance.released:
        ThemeMeans.objects.filter(wave_id=instance.wave_id).delete()
