from decimal import Decimal

import pytest

from joinedup.social_return.models import OutcomeValuation

# Unit Costs of Health and Social Care 2025 Manual, table 9.2.1: a band 6
# qualified nurse, cost per working hour excluding qualification costs (see
# test_calculation.nurse_hour, which reads it from tests/data/public).
NURSE_HOUR = Decimal(61)
NURSE_HOUR_SOURCE = (
    "Unit Costs of Health and Social Care 2025 Manual (PSSRU and CHE), table 9.2.1, "
    "qualified nurse band 6, per working hour excluding qualification costs"
)


def valuation_form(outcome, **changes):
    data = {
        "outcome": outcome.pk,
        "counted": "An hour of a band 6 nurse's time no longer needed",
        "unit_cost": "61",
        "source": NURSE_HOUR_SOURCE,
        "quantity": "1200",
        "duration_years": "3",
        "deadweight": "25",
        "displacement": "0",
        "attribution": "40",
        "drop_off": "50",
    }
    data.update(changes)
    return data


@pytest.fixture
def valuation(partnership, outcome):
    return OutcomeValuation.objects.create(
        partnership=partnership, outcome=outcome,
        counted="An hour of a band 6 nurse's time no longer needed",
        unit_cost=NURSE_HOUR, source=NURSE_HOUR_SOURCE, quantity=Decimal(1200), duration_years=3,
        deadweight=Decimal(25), attribution=Decimal(40), drop_off=Decimal(50),
    )
