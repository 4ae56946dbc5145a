"""The social-return arithmetic, checked by hand to the penny and against
NumPy. The unit cost is a real published figure; the quantity and the
adjustments are illustrative assumptions, as a user's would be."""

import csv
from decimal import Decimal

import numpy as np
import pytest

from joinedup.social_return.calculation import (
    GREEN_BOOK_DISCOUNT_RATE,
    Valuation,
    break_even_multiplier,
    check,
    impact,
    present_value,
    sensitivity,
    social_return,
    yearly_values,
)
from tests.public_data import PUBLIC

UNIT_COSTS = PUBLIC / "pay_scales" / "unit_costs_uchsc_hourly.csv"
PENNY = Decimal("0.01")


def nurse_hour():
    """Unit Costs of Health and Social Care 2025 Manual (PSSRU, University of
    Kent, and Centre for Health Economics, University of York; Jones et al.),
    table 9.2.1: a qualified nurse on Agenda for Change band 6 costs £61 per
    working hour, excluding qualification costs (read from the public copy in
    tests/data/public/pay_scales/, licensed CC BY-NC-SA 4.0)."""
    with UNIT_COSTS.open(newline="") as f:
        for row in csv.DictReader(f):
            if (row["manual_year"], row["table"], row["band_or_grade"], row["qualification_costs"]) == (
                "2025", "9.2.1", "6", "excluding qualification costs"
            ):
                return Decimal(row["cost_gbp"])
    raise LookupError("band 6 nurse hour not found")


def nurse_time_freed(**changes):
    fields = dict(
        name="An hour of a band 6 nurse's time no longer needed",
        quantity=Decimal(1200), proxy=nurse_hour(),
        source="Unit Costs of Health and Social Care 2025, table 9.2.1",
        duration=3, deadweight=Decimal(25), displacement=Decimal(0),
        attribution=Decimal(40), drop_off=Decimal(50),
    )
    fields.update(changes)
    return Valuation(**fields)


def test_the_unit_cost_is_the_published_figure():
    assert nurse_hour() == Decimal(61)


def test_the_hand_worked_example_to_the_penny():
    """1,200 nurse hours a year freed, at £61 an hour; a quarter would have been
    freed anyway (deadweight 25%), nothing is displaced, 40% is owed to others
    (attribution), half the effect is lost each later year (drop-off 50%), it
    lasts 3 years, discounted at 3.5%, against an investment of £20,000.

    impact   = 1,200 × £61 × (1 − 0.25) × (1 − 0) × (1 − 0.40)
             = £73,200 × 0.75 × 0.60                     = £32,940.00
    year 1   = £32,940.00
    year 2   = £32,940.00 × 0.5                          = £16,470.00
    year 3   = £32,940.00 × 0.5²                         =  £8,235.00
    1.035¹ = 1.035;  1.035² = 1.071225;  1.035³ = 1.108717875
    PV       = 32,940 / 1.035          = 31,826.0870
             + 16,470 / 1.071225       = 15,374.9212
             +  8,235 / 1.108717875    =  7,427.4982
             = 54,628.5064                               = £54,628.51
    NPV      = £54,628.51 − £20,000.00                   = £34,628.51
    ratio    = 54,628.5064 / 20,000    = 2.7314          → £2.73 for each £1
    break-even proxy multiplier = 20,000 / 54,628.5064 = 0.3661 → 0.37
    """
    valuation = nurse_time_freed()
    assert impact(valuation) == Decimal("32940.00")
    assert yearly_values(valuation) == (Decimal("32940"), Decimal("16470"), Decimal("8235"))
    result = social_return([valuation], Decimal(20000))
    assert result.present_value.quantize(PENNY) == Decimal("54628.51")
    assert result.outcomes[0].present_value.quantize(Decimal("0.0001")) == Decimal("54628.5064")
    assert result.net_present_value.quantize(PENNY) == Decimal("34628.51")
    assert result.ratio.quantize(PENNY) == Decimal("2.73")
    assert break_even_multiplier([valuation], Decimal(20000)).quantize(PENNY) == Decimal("0.37")
    assert result.discount_rate == GREEN_BOOK_DISCOUNT_RATE == Decimal("3.5")


@pytest.mark.parametrize("rate", ["0", "1.5", "3.5", "5", "12.25"])
@pytest.mark.parametrize("duration,drop_off", [(1, "0"), (3, "50"), (10, "12.5"), (50, "3")])
def test_present_value_agrees_with_numpy(rate, duration, drop_off):
    valuation = nurse_time_freed(duration=duration, drop_off=Decimal(drop_off))
    values = np.array([float(v) for v in yearly_values(valuation)])
    years = np.arange(1, duration + 1)
    expected = np.sum(values / (1 + float(rate) / 100) ** years)
    ours = present_value(yearly_values(valuation), Decimal(rate))
    assert float(ours) == pytest.approx(expected, rel=1e-12)


def test_outcomes_add_up():
    a = nurse_time_freed()
    b = nurse_time_freed(name="Another", quantity=Decimal(10), duration=1, drop_off=Decimal(0))
    result = social_return([a, b], Decimal(20000))
    assert result.present_value == result.outcomes[0].present_value + result.outcomes[1].present_value
    # b: 10 × 61 × 0.75 × 0.6 = 274.50, discounted one year.
    assert result.outcomes[1].present_value.quantize(PENNY) == Decimal("265.22")


def test_nothing_valued_is_worth_nothing():
    result = social_return([], Decimal(1000))
    assert result.present_value == 0 and result.ratio == 0
    assert result.net_present_value == Decimal(-1000)
    assert break_even_multiplier([], Decimal(1000)) is None


def test_no_ratio_without_a_positive_investment():
    for investment in (None, Decimal(0)):
        result = social_return([nurse_time_freed()], investment)
        assert result.ratio is None
        assert break_even_multiplier([nurse_time_freed()], investment) is None
    assert social_return([nurse_time_freed()], None).net_present_value is None


def test_a_zero_quantity_or_full_deadweight_is_worth_nothing():
    assert social_return([nurse_time_freed(quantity=Decimal(0))], Decimal(1)).present_value == 0
    assert social_return([nurse_time_freed(deadweight=Decimal(100))], Decimal(1)).present_value == 0


@pytest.mark.parametrize("changes,field", [
    ({"deadweight": Decimal("100.01")}, "deadweight"),
    ({"displacement": Decimal(-1)}, "displacement"),
    ({"attribution": Decimal(101)}, "attribution"),
    ({"drop_off": Decimal(-5)}, "drop-off"),
    ({"quantity": Decimal(-1)}, "quantity"),
    ({"proxy": Decimal("-0.01")}, "financial proxy"),
    ({"duration": 0}, "duration"),
    ({"duration": 51}, "duration"),
])
def test_it_refuses_impossible_assumptions_naming_them(changes, field):
    with pytest.raises(ValueError, match=field):
        check(nurse_time_freed(**changes))
    with pytest.raises(ValueError):
        social_return([nurse_time_freed(**changes)], Decimal(1))


def test_it_refuses_a_negative_discount_rate():
    with pytest.raises(ValueError, match="discount rate"):
        social_return([nurse_time_freed()], Decimal(1), Decimal(-1))


def test_the_break_even_multiplier_gives_a_ratio_of_one():
    valuations = [nurse_time_freed(), nurse_time_freed(name="B", quantity=Decimal(7), duration=5)]
    multiplier = break_even_multiplier(valuations, Decimal(20000))
    scaled = [nurse_time_freed(proxy=v.proxy * multiplier, **{k: getattr(v, k) for k in ("name", "quantity", "duration")})
              for v in valuations]
    assert social_return(scaled, Decimal(20000)).ratio.quantize(Decimal("1E-20")) == 1


class TestSensitivity:
    def rows(self, valuation=None, investment=Decimal(20000)):
        rows = sensitivity([valuation or nurse_time_freed()], investment)
        return {(r.assumption, r.change): r for r in rows}

    def test_the_first_row_is_the_result_as_entered(self):
        rows = sensitivity([nurse_time_freed()], Decimal(20000))
        assert rows[0].is_base and rows[0].assumption == "As entered"
        assert rows[0].ratio == social_return([nurse_time_freed()], Decimal(20000)).ratio
        assert sum(r.is_base for r in rows) == 1

    def test_each_adjustment_is_varied_by_half_either_way(self):
        base = social_return([nurse_time_freed()], Decimal(20000)).present_value
        rows = self.rows()
        # Deadweight 12.5% and 37.5%: the impact scales by 0.875/0.75 and 0.625/0.75.
        assert rows["Deadweight", "halved"].present_value == pytest.approx(base * 7 / 6)
        assert rows["Deadweight", "× 1.5, at most 100%"].present_value == pytest.approx(base * 5 / 6)
        # Attribution 20% and 60%: 0.8/0.6 and 0.4/0.6.
        assert rows["Attribution", "halved"].present_value == pytest.approx(base * 4 / 3)
        assert rows["Attribution", "× 1.5, at most 100%"].present_value == pytest.approx(base * 2 / 3)
        # No displacement was entered, so varying it changes nothing.
        assert rows["Displacement", "halved"].present_value == base
        assert rows["Financial proxies", "halved"].present_value == pytest.approx(base / 2)
        assert rows["Financial proxies", "× 1.5"].present_value == pytest.approx(base * Decimal("1.5"))

    def test_drop_off_duration_and_discount_rate(self):
        rows = self.rows()
        # Drop-off 25%: 32,940 × (1/1.035 + 0.75/1.035² + 0.5625/1.035³).
        assert rows["Drop-off", "halved"].present_value.quantize(PENNY) == Decimal("71600.34")
        assert rows["Duration", "every outcome lasts one year only"].present_value.quantize(PENNY) == Decimal("31826.09")
        values = np.array([32940.0, 16470.0, 8235.0])
        for rate in ("1.5", "5"):
            expected = np.sum(values / (1 + float(rate) / 100) ** np.arange(1, 4))
            assert float(rows["Discount rate", f"{rate}%"].present_value) == pytest.approx(expected, rel=1e-12)
        assert ("Discount rate", "3.5%") not in rows

    def test_adjustments_are_capped_at_100_percent(self):
        rows = self.rows(nurse_time_freed(deadweight=Decimal(80)))
        assert rows["Deadweight", "× 1.5, at most 100%"].present_value == 0

    def test_without_investment_there_are_values_but_no_ratios(self):
        rows = sensitivity([nurse_time_freed()], None)
        assert all(r.ratio is None for r in rows)
        assert all(r.present_value > 0 for r in rows)
