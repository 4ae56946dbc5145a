"""Indicators of a partnership's outcomes, the areas they are measured in, the
measurements themselves with their audit trail, and the imports that brought
them in. Areas, imports and remembered mappings belong to the workspace;
indicators and events hang off a partnership."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from joinedup.design_system.dates import short_date
from joinedup.partnerships.models import Outcome, Partnership, PartRecord
from joinedup.workspaces.models import Workspace, WorkspaceRecord


class Area(WorkspaceRecord):
    """A place indicators are measured in: the locality itself or a comparator."""

    name = models.CharField(max_length=200)
    ons_code = models.CharField(
        _("ONS area code"), max_length=9, blank=True, help_text=_("For example E08000009 (Trafford).")
    )
    is_own_area = models.BooleanField(
        _("This is our own area"), default=False,
        help_text=_("Leave unticked for a comparator area."),
    )

    class Meta:
        ordering = ["-is_own_area", "name"]
        constraints = [
            models.UniqueConstraint(fields=["workspace", "name"], name="area_name_unique_in_workspace"),
        ]

    def __str__(self):
        return self.name

    @property
    def role_text(self):
        return _("Own area") if self.is_own_area else _("Comparator")


class Kind(models.TextChoices):
    """Results-Based Accountability's three questions."""

    HOW_MUCH = "how_much", _("How much did we do?")
    HOW_WELL = "how_well", _("How well did we do it?")
    BETTER_OFF = "better_off", _("Is anyone better off?")


class Scope(models.TextChoices):
    POPULATION = "population", _("Population indicator (everyone in the area)")
    PERFORMANCE = "performance", _("Performance measure (the people the partnership serves)")


class Unit(models.TextChoices):
    COUNT = "count", _("Count")
    RATE = "rate_100k", _("Rate per 100,000")
    PERCENTAGE = "percentage", _("Percentage")
    DAYS = "days", _("Days")
    MONEY = "money", _("Money (£)")


class Direction(models.TextChoices):
    HIGHER = "higher", _("Higher is better")
    LOWER = "lower", _("Lower is better")


class Frequency(models.TextChoices):
    """How often a value is published; the values match periods.Frequency."""

    DAY = "day", _("Daily")
    WEEK = "week", _("Weekly")
    MONTH = "month", _("Monthly")
    QUARTER = "quarter", _("Quarterly")
    YEAR = "year", _("Yearly (calendar year)")
    FINANCIAL_YEAR = "financial_year", _("Yearly (financial year, April to March)")
    ACADEMIC_YEAR = "academic_year", _("Yearly (academic year, September to August)")
    SEVERAL_YEARS = "several_years", _("Several years together (for example 3-year aggregates)")


class Indicator(PartRecord):
    """A measure of one outcome of a partnership, measured over time per area."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="indicators")
    outcome = models.ForeignKey(
        Outcome, on_delete=models.SET_NULL, null=True, blank=True, related_name="indicators",
        help_text=_("The outcome for people that this indicator shows progress on."),
    )
    name = models.CharField(max_length=200)
    kind = models.CharField(
        _("What it tells you"), max_length=20, choices=Kind.choices, default=Kind.BETTER_OFF
    )
    scope = models.CharField(
        _("Population or performance"), max_length=20, choices=Scope.choices, default=Scope.PERFORMANCE
    )
    unit = models.CharField(max_length=20, choices=Unit.choices)
    direction = models.CharField(max_length=10, choices=Direction.choices)
    frequency = models.CharField(max_length=20, choices=Frequency.choices)
    source = models.CharField(
        max_length=300, blank=True, help_text=_("Who publishes it, for example NHS England (ASCOF 2B).")
    )
    licence = models.CharField(
        max_length=120, blank=True, help_text=_("For example: Open Government Licence v3.0.")
    )
    target = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True)
    definition_changed_on = models.DateField(
        _("Definition changed on"), null=True, blank=True,
        help_text=_("If the way it is counted changed, the date it changed: the statistics warn across it."),
    )
    definition_notes = models.TextField(_("What changed in the definition"), blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "name"], name="indicator_name_unique_in_partnership"
            )
        ]

    def __str__(self):
        return self.name


class Event(PartRecord):
    """Something that happened, marked on the charts. The partnership's start is
    always marked and need not be recorded."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="events")
    date = models.DateField()
    label = models.CharField(max_length=120, help_text=_("A few words, for example: Hub coordinator left."))

    class Meta:
        ordering = ["date"]

    def __str__(self):
        return f"{short_date(self.date)}: {self.label}"


class ImportStatus(models.TextChoices):
    """pending → queued → running → committed (done) or failed; a pending
    import never confirmed is deleted by the daily upkeep."""

    PENDING = "pending", _("Waiting for confirmation")
    QUEUED = "queued", _("Waiting to start")
    RUNNING = "running", _("Importing")
    COMMITTED = "committed", _("Imported")
    FAILED = "failed", _("Not imported")
    ABANDONED = "abandoned", _("Abandoned")


class ImportBatch(models.Model):
    """One uploaded file: kept under MEDIA_ROOT while pending, then committed."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="imports")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    committed_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=ImportStatus.choices, default=ImportStatus.PENDING)
    token = models.CharField(max_length=64, unique=True)
    file_name = models.CharField(max_length=255)
    file_size = models.PositiveIntegerField(default=0)
    encoding = models.CharField(max_length=40, blank=True)
    layout_signature = models.CharField(max_length=32)
    mapping = models.JSONField(default=dict, blank=True)
    series = models.CharField(
        max_length=300, blank=True, help_text=_("The value of the indicator column imported, if any.")
    )
    added = models.PositiveIntegerField(default=0)
    changed = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    # Set when the import is confirmed, for the background task to act on.
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)
    area_roles = models.JSONField(default=dict, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    total = models.PositiveIntegerField(default=0, help_text=_("The values to write, once the file is read."))
    errors = models.JSONField(
        default=list, blank=True, help_text=_("Why a failed import was not imported, row by row.")
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = "import batches"

    def __str__(self):
        return f"{self.file_name} ({self.get_status_display()})"

    @property
    def finished(self):
        return self.status in (ImportStatus.COMMITTED, ImportStatus.FAILED)


class SavedMapping(models.Model):
    """The column mapping last used for a file layout, offered for the next one."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    layout_signature = models.CharField(max_length=32)
    mapping = models.JSONField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["workspace", "layout_signature"], name="saved_mapping_unique_per_layout"
            )
        ]

    def __str__(self):
        return f"Mapping for layout {self.layout_signature}"


class MeasurementStatus(models.TextChoices):
    OK = "ok", _("Value given")
    SUPPRESSED = "suppressed", _("Suppressed")
    MISSING = "missing", _("Missing")


class Measurement(models.Model):
    """One value of an indicator in one area for one period."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="measurements")
    area = models.ForeignKey(Area, on_delete=models.RESTRICT, related_name="measurements")
    period_start = models.DateField()
    period_end = models.DateField()
    period_label = models.CharField(max_length=40)
    frequency = models.CharField(max_length=20)
    # Values as published, to 16 decimal places (more than a spreadsheet's
    # double holds): a fraction such as 0.5714285714285714 is not cut short.
    value = models.DecimalField(max_digits=32, decimal_places=16, null=True, blank=True)
    numerator = models.DecimalField(max_digits=32, decimal_places=16, null=True, blank=True)
    denominator = models.DecimalField(max_digits=32, decimal_places=16, null=True, blank=True)
    status = models.CharField(max_length=20, choices=MeasurementStatus.choices, default=MeasurementStatus.OK)
    marker = models.CharField(
        max_length=20, blank=True,
        help_text=_("The file's sign for a suppressed or missing value, as written (c, x, .., *)."),
    )
    note = models.CharField(max_length=300, blank=True, help_text=_("The file's note on a value that is not given."))
    batch = models.ForeignKey(
        ImportBatch, on_delete=models.SET_NULL, null=True, blank=True, related_name="measurements"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["period_start", "area__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "area", "period_start", "period_end"],
                name="measurement_unique_per_indicator_area_period",
            )
        ]

    def __str__(self):
        return f"{self.indicator} in {self.area}, {self.period_label}"

    @property
    def workspace(self):
        return self.area.workspace


class MeasurementRevision(models.Model):
    """A value replaced by a later import: what it was, what it became, and who did it."""

    measurement = models.ForeignKey(Measurement, on_delete=models.CASCADE, related_name="revisions")
    batch = models.ForeignKey(ImportBatch, on_delete=models.SET_NULL, null=True, related_name="revisions")
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    changed_at = models.DateTimeField(default=timezone.now)
    old_value = models.DecimalField(max_digits=32, decimal_places=16, null=True)
    new_value = models.DecimalField(max_digits=32, decimal_places=16, null=True)
    old_numerator = models.DecimalField(max_digits=32, decimal_places=16, null=True)
    new_numerator = models.DecimalField(max_digits=32, decimal_places=16, null=True)
    old_denominator = models.DecimalField(max_digits=32, decimal_places=16, null=True)
    new_denominator = models.DecimalField(max_digits=32, decimal_places=16, null=True)
    old_status = models.CharField(max_length=20)
    new_status = models.CharField(max_length=20)
    old_marker = models.CharField(max_length=20, blank=True)
    new_marker = models.CharField(max_length=20, blank=True)

    class Meta:
        ordering = ["-changed_at"]

    def __str__(self):
        return f"{self.measurement}: {self.old_value} → {self.new_value}"
