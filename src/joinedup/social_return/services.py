"""Queries for one partnership's valuations and the investment they are set
against, turned into the plain data `calculation` works on. Callers pass a
partnership already scoped to the workspace."""

from dataclasses import dataclass, field
from decimal import Decimal

from joinedup.review.models import Review

from . import calculation
from .models import OutcomeValuation, SocialReturnBasis


@dataclass(frozen=True)
class Investment:
    amount: Decimal | None
    entered: bool = False
    review: Review | None = None
    note: str = ""


@dataclass
class Summary:
    """Everything the page and the report section show."""

    valuations: list
    basis: SocialReturnBasis | None
    investment: Investment
    discount_rate: Decimal
    result: calculation.SocialReturn | None = None
    sensitivity: list = field(default_factory=list)
    break_even: Decimal | None = None

    @property
    def counted(self):
        return [v for v in self.valuations if v.quantity is not None]


def valuations_of(partnership, archived=False):
    queryset = OutcomeValuation.objects.filter(partnership=partnership).select_related("outcome")
    return queryset.filter(archived_at__isnull=not archived)


def latest_review(partnership):
    return Review.objects.filter(partnership=partnership).order_by("-run_at", "-id").first()


def investment_for(partnership, basis, review=None):
    """The investment the user entered, else the yearly cost of meetings from
    `review` (by default the latest), else none: the user must enter one."""
    if basis is not None and basis.investment:
        return Investment(basis.investment, entered=True, note=basis.investment_note)
    review = review or latest_review(partnership)
    cost = (review.figures or {}).get("yearly_cost") if review else None
    if cost is not None and Decimal(cost) > 0:
        return Investment(Decimal(cost), review=review)
    return Investment(None)


def as_valuation(record):
    """The plain data of one counted valuation."""
    return calculation.Valuation(
        name=record.counted,
        quantity=record.quantity,
        proxy=record.unit_cost,
        source=record.source,
        duration=record.duration_years,
        deadweight=record.deadweight,
        displacement=record.displacement,
        attribution=record.attribution,
        drop_off=record.drop_off,
    )


def summary_for(partnership, review=None):
    """The valuations of a partnership and, once any has a quantity, its
    social return, sensitivity table and break-even multiplier."""
    basis = SocialReturnBasis.objects.filter(partnership=partnership).first()
    rate = basis.discount_rate if basis else calculation.GREEN_BOOK_DISCOUNT_RATE
    summary = Summary(
        valuations=list(valuations_of(partnership)),
        basis=basis,
        investment=investment_for(partnership, basis, review),
        discount_rate=rate,
    )
    plain = [as_valuation(v) for v in summary.counted]
    if plain:
        amount = summary.investment.amount
        summary.result = calculation.social_return(plain, amount, rate)
        summary.sensitivity = calculation.sensitivity(plain, amount, rate)
        summary.break_even = calculation.break_even_multiplier(plain, amount, rate)
    return summary
