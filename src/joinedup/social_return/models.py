"""The user's unit costs of outcomes (which are also the financial proxies of
the social-return calculation), and the investment and discount rate that
calculation uses. None of it is part of the review's verdict."""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy

from joinedup.partnerships.models import Outcome, Partnership, PartRecord

from .calculation import GREEN_BOOK_DISCOUNT_RATE, MAX_DURATION_YEARS

# A translated message with values put in when it is shown, not at import.
_interpolated = lazy(lambda message, values: str(message) % {k: str(v) for k, v in values.items()}, str)
_capitalised = lazy(lambda text: str(text).capitalize(), str)


def percentage(verbose_name, help_text):
    label = _capitalised(verbose_name)
    return models.DecimalField(
        _interpolated(gettext_lazy("%(name)s (%%)"), {"name": verbose_name}),
        max_digits=5,
        decimal_places=2,
        default=Decimal(0),
        help_text=help_text,
        validators=[
            MinValueValidator(Decimal(0), message=_interpolated(
                gettext_lazy("%(label)s must be 0%%%% or more"), {"label": label})),
            MaxValueValidator(Decimal(100), message=_interpolated(
                gettext_lazy("%(label)s must be 100%%%% or less"), {"label": label})),
        ],
    )


class OutcomeValuation(PartRecord):
    """A unit cost of one outcome, with its source; given a yearly quantity it
    also counts in the social-return calculation, with the adjustments."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="outcome_valuations"
    )
    outcome = models.ForeignKey(Outcome, on_delete=models.CASCADE, related_name="valuations")
    counted = models.CharField(
        gettext_lazy("What is counted"),
        max_length=200,
        help_text=gettext_lazy("One unit of the outcome, for example: a hospital bed day avoided."),
    )
    unit_cost = models.DecimalField(
        gettext_lazy("Unit cost (£)"),
        max_digits=12,
        decimal_places=2,
        help_text=gettext_lazy("What one unit is worth, in pounds. This is the financial proxy."),
        validators=[MinValueValidator(Decimal(0), message=gettext_lazy("Unit cost must be £0 or more"))],
    )
    source = models.TextField(
        gettext_lazy("Source of the unit cost"),
        help_text=gettext_lazy("Where the figure comes from, with its year, for example a table of the Unit Costs of Health and Social Care or your council's own costing."),
    )
    quantity = models.DecimalField(
        gettext_lazy("How many a year"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=gettext_lazy("How many units the partnership's work brings about in a year. Leave empty to record the unit cost only, outside the social-return calculation."),
        validators=[MinValueValidator(Decimal(0), message=gettext_lazy("How many a year must be 0 or more"))],
    )
    duration_years = models.PositiveSmallIntegerField(
        gettext_lazy("How many years it lasts"),
        default=1,
        help_text=_interpolated(gettext_lazy("From 1 to %(years)s years."), {"years": MAX_DURATION_YEARS}),
        validators=[
            MinValueValidator(1, message=gettext_lazy("How many years it lasts must be 1 or more")),
            MaxValueValidator(
                MAX_DURATION_YEARS,
                message=_interpolated(gettext_lazy("How many years it lasts must be %(years)s or fewer"), {"years": MAX_DURATION_YEARS}),
            ),
        ],
    )
    deadweight = percentage(
        gettext_lazy("deadweight"), gettext_lazy("How much of the outcome would have happened anyway, without the partnership.")
    )
    displacement = percentage(
        gettext_lazy("displacement"), gettext_lazy("How much of the outcome only moves a problem elsewhere or displaces another good outcome.")
    )
    attribution = percentage(
        gettext_lazy("attribution"), gettext_lazy("How much of the outcome is owed to other people or organisations.")
    )
    drop_off = percentage(
        gettext_lazy("drop-off"), gettext_lazy("How much the outcome falls each year after the first.")
    )

    class Meta:
        ordering = ["outcome__position", "outcome_id", "id"]

    def __str__(self):
        return self.counted


class SocialReturnBasis(models.Model):
    """The investment and discount rate of one partnership's calculation. With
    no investment entered, the latest review's yearly meeting cost is used."""

    partnership = models.OneToOneField(
        Partnership, on_delete=models.CASCADE, related_name="social_return_basis"
    )
    investment = models.DecimalField(
        gettext_lazy("Investment in a year (£)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=gettext_lazy("Everything the partners put in for a year: money, staff time, premises and in kind. Leave empty to use the yearly cost of the partnership's meetings from its latest review."),
        validators=[MinValueValidator(Decimal("0.01"), message=gettext_lazy("Investment must be more than £0"))],
    )
    investment_note = models.CharField(
        gettext_lazy("What the investment covers"),
        max_length=300,
        blank=True,
        help_text=gettext_lazy("For example: the pooled budget and the partners' staff time, 2025/26."),
    )
    discount_rate = models.DecimalField(
        gettext_lazy("Discount rate (% a year)"),
        max_digits=4,
        decimal_places=2,
        default=GREEN_BOOK_DISCOUNT_RATE,
        # xgettext:no-python-format
        help_text=gettext_lazy("3.5% is HM Treasury's Green Book rate."),
        validators=[
            MinValueValidator(Decimal(0), message=gettext_lazy("Discount rate must be 0%% or more")),
            MaxValueValidator(Decimal(20), message=gettext_lazy("Discount rate must be 20%% or less")),
        ],
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = gettext_lazy("social-return basis")
        verbose_name_plural = gettext_lazy("social-return bases")

    def __str__(self):
        return f"Social-return basis of {self.partnership}"

    @property
    def workspace(self):
        return self.partnership.workspace
