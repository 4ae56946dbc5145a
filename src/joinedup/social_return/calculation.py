"""Social return on investment (SROI) from the user's own valuations: plain
functions over plain data, in Decimal, rounded only when shown.

The method is the Cabinet Office's "A guide to Social Return on Investment"
(2012): each outcome's quantity times its financial proxy, less deadweight,
displacement and attribution, gives its impact; impact falls by the drop-off
each year after the first; each year's value is discounted to a present
value. The ratio is the total present value over the investment.

Every figure rests on the user's assumptions. Nothing here feeds the review's
findings or verdict (docs/social-return.md)."""

from dataclasses import dataclass, replace
from decimal import Decimal

from django.utils.translation import gettext as _

# HM Treasury, The Green Book (2022), on discounting: the social time
# preference rate of 3.5% a year for the first 30 years.
GREEN_BOOK_DISCOUNT_RATE = Decimal("3.5")
# The Green Book's lower rate for health effects and values of life (1.5%),
# and a higher rate, as alternatives in the sensitivity table.
ALTERNATIVE_DISCOUNT_RATES = (Decimal("1.5"), Decimal("3.5"), Decimal("5"))
MAX_DURATION_YEARS = 50
# Each adjustment is varied by half of itself either way in the sensitivity table.
RELATIVE_CHANGE = Decimal("0.5")

ZERO = Decimal(0)
ONE = Decimal(1)
HUNDRED = Decimal(100)
ADJUSTMENTS = ("deadweight", "displacement", "attribution", "drop_off")


@dataclass(frozen=True)
class Valuation:
    """One outcome valued by the user. Percentages are 0–100; `drop_off`
    applies to each year after the first."""

    name: str
    quantity: Decimal
    proxy: Decimal
    source: str = ""
    duration: int = 1
    deadweight: Decimal = ZERO
    displacement: Decimal = ZERO
    attribution: Decimal = ZERO
    drop_off: Decimal = ZERO


@dataclass(frozen=True)
class OutcomeValue:
    """What one valuation is worth: its yearly impact, the value in each year
    it lasts, and their present value."""

    valuation: Valuation
    impact: Decimal
    yearly_values: tuple
    present_value: Decimal


@dataclass(frozen=True)
class SocialReturn:
    outcomes: list
    investment: Decimal | None
    discount_rate: Decimal
    present_value: Decimal
    net_present_value: Decimal | None
    ratio: Decimal | None


@dataclass(frozen=True)
class SensitivityRow:
    assumption: str
    change: str
    present_value: Decimal
    ratio: Decimal | None
    is_base: bool = False


def check(valuation):
    """Raise ValueError, naming the field, for a valuation the method cannot use."""
    for name in ADJUSTMENTS:
        value = getattr(valuation, name)
        if not ZERO <= value <= HUNDRED:
            raise ValueError(f"{name.replace('_', '-')} of {valuation.name!r} must be between 0 and 100%, not {value}")
    if valuation.quantity < 0:
        raise ValueError(f"quantity of {valuation.name!r} must be 0 or more, not {valuation.quantity}")
    if valuation.proxy < 0:
        raise ValueError(f"financial proxy of {valuation.name!r} must be 0 or more, not {valuation.proxy}")
    if not 1 <= valuation.duration <= MAX_DURATION_YEARS:
        raise ValueError(f"duration of {valuation.name!r} must be 1 to {MAX_DURATION_YEARS} years, not {valuation.duration}")


def _share(percent):
    return ONE - percent / HUNDRED


def impact(valuation):
    """Quantity × proxy × (1 − deadweight) × (1 − displacement) × (1 − attribution):
    the value in the first year of what happened because of the partnership."""
    return (
        valuation.quantity * valuation.proxy * _share(valuation.deadweight)
        * _share(valuation.displacement) * _share(valuation.attribution)
    )


def yearly_values(valuation):
    """The value in years 1 … duration: impact × (1 − drop-off)^(t − 1)."""
    first, kept = impact(valuation), _share(valuation.drop_off)
    return tuple(first * kept ** (t - 1) for t in range(1, valuation.duration + 1))


def present_value(values, discount_rate):
    """Σ value_t / (1 + r)^t for t = 1 … n, with r in percent: every year,
    the first included, is discounted, as in the Cabinet Office guide."""
    factor = ONE + discount_rate / HUNDRED
    return sum((value / factor ** t for t, value in enumerate(values, start=1)), ZERO)


def outcome_value(valuation, discount_rate):
    check(valuation)
    values = yearly_values(valuation)
    return OutcomeValue(valuation, values[0], values, present_value(values, discount_rate))


def social_return(valuations, investment=None, discount_rate=GREEN_BOOK_DISCOUNT_RATE):
    """The total present value of the valuations, and against an investment
    (the inputs for the year whose outcomes are valued) the net present value
    and the SROI ratio, present value ÷ investment. No ratio without a
    positive investment."""
    if discount_rate < 0:
        raise ValueError(f"discount rate must be 0% or more, not {discount_rate}")
    outcomes = [outcome_value(v, discount_rate) for v in valuations]
    total = sum((o.present_value for o in outcomes), ZERO)
    has_investment = investment is not None and investment > 0
    return SocialReturn(
        outcomes=outcomes,
        investment=investment,
        discount_rate=discount_rate,
        present_value=total,
        net_present_value=total - investment if investment is not None else None,
        ratio=total / investment if has_investment else None,
    )


def break_even_multiplier(valuations, investment, discount_rate=GREEN_BOOK_DISCOUNT_RATE):
    """What every financial proxy would have to be multiplied by for the
    ratio to be exactly 1. Present value is proportional to the proxies, so
    this is investment ÷ present value; None when either is zero or missing."""
    result = social_return(valuations, investment, discount_rate)
    if result.ratio is None or result.present_value == 0:
        return None
    return investment / result.present_value


def _scaled(valuations, field, factor):
    def scale(v):
        value = getattr(v, field) * factor
        return replace(v, **{field: min(value, HUNDRED) if field in ADJUSTMENTS else value})

    return [scale(v) for v in valuations]


def _percent(value):
    return f"{value.normalize():f}%"


def sensitivity(valuations, investment, discount_rate=GREEN_BOOK_DISCOUNT_RATE):
    """The present value and ratio with one assumption changed at a time:
    each adjustment and the proxies halved and multiplied by 1.5
    (adjustments capped at 100%), every outcome lasting one year only, and
    the alternative discount rates. The first row is the result as entered."""
    base = social_return(valuations, investment, discount_rate)
    rows = [SensitivityRow(_("As entered"), _("discount rate %(_percent)s") % {"_percent": _percent(discount_rate)},
                           base.present_value, base.ratio, is_base=True)]
    low, high = ONE - RELATIVE_CHANGE, ONE + RELATIVE_CHANGE
    labels = {"deadweight": _("Deadweight"), "displacement": _("Displacement"),
              "attribution": _("Attribution"), "drop_off": _("Drop-off"), "proxy": _("Financial proxies")}
    for field, label in labels.items():
        for factor, change in ((low, "halved"), (high, "× 1.5")):
            if field in ADJUSTMENTS and factor > 1:
                change += _(", at most 100%")
            result = social_return(_scaled(valuations, field, factor), investment, discount_rate)
            rows.append(SensitivityRow(label, change, result.present_value, result.ratio))
    one_year = [replace(v, duration=1) for v in valuations]
    result = social_return(one_year, investment, discount_rate)
    rows.append(SensitivityRow("Duration", _("every outcome lasts one year only"), result.present_value, result.ratio))
    for rate in ALTERNATIVE_DISCOUNT_RATES:
        if rate == discount_rate:
            continue
        result = social_return(valuations, investment, rate)
        rows.append(SensitivityRow(_("Discount rate"), _percent(rate), result.present_value, result.ratio))
    return rows
