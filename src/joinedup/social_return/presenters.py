"""Turn a partnership's social-return summary into the text the page and the
report section show: money to the penny, percentages without spurious
decimals, and every figure labelled as resting on the user's assumptions."""

from decimal import ROUND_HALF_UP, Decimal

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from joinedup.design_system.dates import long_date

from . import calculation
from .services import summary_for

PENNY = Decimal("0.01")
ONE_HUNDRED = Decimal(100)
WARNING = gettext_lazy("These figures rest on your assumptions and are not part of the verdict.")
METHOD = gettext_lazy("the Cabinet Office’s “A guide to Social Return on Investment” (2012)")


def pounds(amount):
    """'£1,234.57', or '−£1,234.57' when negative; rounded to the penny only here."""
    if amount is None:
        return _("Not entered")
    rounded = amount.quantize(PENNY, rounding=ROUND_HALF_UP)
    sign = "−" if rounded < 0 else ""
    return f"{sign}£{abs(rounded):,}"


def percent(value):
    return f"{value.normalize():f}%"


def ratio_text(ratio):
    if ratio is None:
        return _("Needs an investment")
    return _("%(pounds)s for each £1 invested") % {"pounds": pounds(ratio)}


def _date(value):
    return long_date(value)


class SocialReturnPresenter:
    def __init__(self, partnership, workspace, review=None):
        self.partnership = partnership
        self.workspace = workspace
        self.summary = summary_for(partnership, review)
        self.warning = WARNING
        self.method = METHOD

    def url(self, name, *args):
        return reverse(f"social_return:{name}", args=[self.workspace.slug, self.partnership.pk, *args])

    @property
    def page_url(self):
        return self.url("page")

    @property
    def has_valuations(self):
        return bool(self.summary.valuations)

    def _valuation(self, v):
        counted = v.quantity is not None
        rows = [
            (_("Outcome"), v.outcome.statement),
            (_("Unit cost"), pounds(v.unit_cost)),
            (_("Source"), v.source),
            (_("How many a year"), f"{v.quantity.normalize():,f}" if counted else _("Not given: unit cost only, not in the calculation")),
        ]
        if counted:
            rows += [
                (_("How many years it lasts"), ngettext("%(count)s year", "%(count)s years", v.duration_years) % {"count": v.duration_years}),
                (_("Deadweight"), percent(v.deadweight)),
                (_("Displacement"), percent(v.displacement)),
                (_("Attribution"), percent(v.attribution)),
                (_("Drop-off each year after the first"), percent(v.drop_off)),
            ]
        return {"title": v.counted, "rows": rows, "edit_url": self.url("valuation_edit", v.pk)}

    @property
    def valuations(self):
        return [self._valuation(v) for v in self.summary.valuations]

    @property
    def unit_cost_rows(self):
        return [
            {"outcome": v.outcome.statement, "counted": v.counted, "unit_cost": pounds(v.unit_cost), "source": v.source}
            for v in self.summary.valuations
        ]

    @property
    def investment_text(self):
        investment = self.summary.investment
        if investment.amount is None:
            return ""
        if investment.entered:
            return _("%(pounds)s, entered by you") % {"pounds": pounds(investment.amount)} + (f": {investment.note}" if investment.note else "")
        review = investment.review
        return (_("%(pounds)s, the cost of the partnership's meetings in the year to %(_date)s (from its review). Meeting time only: enter the partners' full inputs if you know them.") % {"pounds": pounds(investment.amount), "_date": _date(review.as_of)})

    @property
    def discount_text(self):
        rate = self.summary.discount_rate
        if rate == calculation.GREEN_BOOK_DISCOUNT_RATE:
            return _("%(percent)s a year, HM Treasury's Green Book rate") % {"percent": percent(rate)}
        return _("%(percent)s a year, entered by you (the Green Book rate is %(percent2)s)") % {"percent": percent(rate), "percent2": percent(calculation.GREEN_BOOK_DISCOUNT_RATE)}

    @property
    def result_rows(self):
        result = self.summary.result
        if result is None:
            return []
        return [
            (_("Present value of the outcomes"), pounds(result.present_value)),
            (_("Investment"), pounds(result.investment)),
            (_("Net present value"), pounds(result.net_present_value) if result.investment is not None else _("Needs an investment")),
            (_("Social return ratio"), ratio_text(result.ratio)),
        ]

    @property
    def outcome_rows(self):
        result = self.summary.result
        if result is None:
            return []
        return [
            {"counted": o.valuation.name, "impact": pounds(o.impact), "years": len(o.yearly_values),
             "last_year": pounds(o.yearly_values[-1]), "present_value": pounds(o.present_value)}
            for o in result.outcomes
        ]

    @property
    def sensitivity_rows(self):
        return [
            {"assumption": row.assumption, "change": row.change, "present_value": pounds(row.present_value),
             "ratio": "—" if row.ratio is None else f"{pounds(row.ratio)} : £1", "is_base": row.is_base}
            for row in self.summary.sensitivity
        ]

    @property
    def ratio_range(self):
        ratios = [row.ratio for row in self.summary.sensitivity if row.ratio is not None]
        if not ratios:
            return ""
        return _("from %(pounds)s to %(pounds2)s for each £1 invested") % {"pounds": pounds(min(ratios)), "pounds2": pounds(max(ratios))}

    @property
    def break_even_text(self):
        multiplier = self.summary.break_even
        if multiplier is None:
            return ""
        change = (ONE_HUNDRED * (multiplier - 1)).quantize(Decimal(1), rounding=ROUND_HALF_UP)
        direction = "higher" if change > 0 else "lower"
        how_much = f"{abs(change)}% {direction}" if change else _("exactly as entered")
        return (_("The ratio would be £1 for each £1 invested if every unit cost were %(quantize)s times what you entered (%(how_much)s).") % {"quantize": multiplier.quantize(PENNY, rounding=ROUND_HALF_UP), "how_much": how_much})

