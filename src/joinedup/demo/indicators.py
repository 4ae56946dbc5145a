"""Indicator series for the Northshire demo, consistent with each partnership's
story (locality.py), generated deterministically from a seed.

Levels and spread are taken from real public files in tests/data/public
(see its SOURCES.md): delayed transfers of care in Trafford and Greater
Manchester (monthly, 8 to 37 beds a day), older people at home 91 days after
reablement in ten Greater Manchester boroughs (ASCOF 2B(1), 52% to 96%, most
75% to 90%), and permanent admissions of people aged 65+ to care homes in
Trafford and similar councils (ASCOF 2A(2), 78 to 972 per 100,000, Trafford
540 to 960). The figures themselves are invented.

- Home First: delayed discharges fall after April 2022, trusted assessments
  accepted rise, more people are still at home 91 days on; comparators flat.
- Health and Wellbeing Board: flat for ten years.
- Frailty Network and Brampton: no indicators (no outcomes / too new).
- Better Care Fund: care-home admissions per 100,000 and emergency
  admissions flat since the pool began.
- Mental Health Hub: fewer people repeat their story after it opened, until
  the hub coordinator left in August 2025; then it rises again.
- Safeguarding Adults Board: more people asked what they want.
- Homeless Health: A&E attendances by people with no fixed abode fall a little.
"""

import random
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext

from joinedup.indicators.models import Area, Event, Indicator, Measurement
from joinedup.indicators.periods import (
    financial_year_period,
    month_period,
    quarter_period,
    year_period,
)
from joinedup.partnerships.models import Outcome, Partnership

from .locality import partnership_plans

SEED = 20261122
OWN = ("Northshire", "E06000099")
COMPARATORS = [("Eastmoor", "E06000098"), ("Westdale", "E06000097"), ("Kingsfold", "E06000096"),
               ("Harrowby Bay", "E06000095")]
EVENTS = {"mh_hub": [(date(2025, 8, 31), "Hub coordinator left")],
          "home_first": [(date(2023, 1, 1), "Home care provider joined")]}


def months(first, last):
    (year, month), result = first, []
    while (year, month) <= last:
        result.append(month_period(year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return result


def quarters(first, last):
    (year, quarter), result = first, []
    while (year, quarter) <= last:
        result.append(quarter_period(year, quarter))
        year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
    return result


@dataclass
class Series:
    """One demo indicator: its periods and how its values are made."""

    partnership: str
    outcome: int
    name: str
    unit: str
    direction: str
    frequency: str
    kind: str
    scope: str
    source: str
    periods: list
    level: float
    noise: float
    shift: float = 0.0  # change in level from the partnership's start (own area)
    slope: float = 0.0  # change per period after the start (own area)
    late: tuple | None = None  # (date, change in level) after a later event
    comparators: list = field(default_factory=list)  # comparator levels
    denominator: float | None = None  # people or population each period
    target: float | None = None
    decimals: int = 1


SERIES = [
    Series("home_first", 0, "Delayed discharges: people ready to leave still in a hospital bed (daily average)",
           "count", "lower", "month", "how_well", "performance",
           "NHS England discharge delays (acute), demo figures", months((2019, 4), (2026, 9)),
           level=37, noise=2.2, shift=-7, slope=-0.08, comparators=[31, 35, 29, 38], target=25),
    Series("home_first", 1, "Trusted assessments accepted without a second assessment", "percentage",
           "higher", "quarter", "how_well", "performance", "Home First discharge hub records, demo figures",
           quarters((2020, 1), (2026, 3)), level=56, noise=2.5, shift=14, slope=0.5, denominator=320),
    Series("home_first", 2, "Older people still at home 91 days after discharge into reablement (ASCOF 2B(1))",
           "percentage", "higher", "financial_year", "better_off", "performance",
           "NHS England, Adult Social Care Outcomes Framework 2B(1), demo figures",
           [financial_year_period(y) for y in range(2012, 2026)], level=80, noise=1.2, shift=5, slope=0.8,
           comparators=[78, 84, 76, 86], denominator=260, target=85),
    Series("hwb", 0, "Deaths under 75 from causes considered preventable, per 100,000", "rate_100k", "lower",
           "year", "better_off", "population", "Office for Health Improvement and Disparities, demo figures",
           [year_period(y) for y in range(2008, 2026)], level=186, noise=6, comparators=[172, 201, 179, 194],
           denominator=318_000, decimals=1),
    Series("hwb", 1, "Gap in life expectancy between the most and least deprived wards, men (days)", "days",
           "lower", "year", "better_off", "population", "Office for Health Improvement and Disparities, demo figures",
           [year_period(y) for y in range(2008, 2026)], level=3420, noise=60, decimals=0),
    Series("bcf", 0, "Permanent admissions to care homes, aged 65 and over, per 100,000 (ASCOF 2A(2))",
           "rate_100k", "lower", "financial_year", "better_off", "population",
           "NHS England, Adult Social Care Outcomes Framework 2A(2), demo figures",
           [financial_year_period(y) for y in range(2010, 2026)], level=612, noise=35,
           comparators=[545, 690, 498, 731], denominator=62_000, target=550),
    Series("bcf", 1, "Emergency admissions of people aged 65 and over, per 100,000", "rate_100k", "lower",
           "quarter", "how_well", "population", "NHS England Secondary Uses Service, demo figures",
           quarters((2012, 1), (2026, 3)), level=1560, noise=45, comparators=[1490, 1630, 1410, 1700],
           denominator=62_000),
    Series("mh_hub", 0, "People who said they had to repeat their story", "percentage", "lower", "quarter",
           "better_off", "performance", "Saltmarsh hub quarterly service-user survey, demo figures",
           quarters((2019, 1), (2026, 3)), level=46, noise=1.8, shift=-15, late=(date(2025, 7, 1), 13),
           denominator=120),
    Series("mh_hub", 1, "People seen at the hub who got debt or housing advice", "percentage", "higher",
           "quarter", "how_much", "performance", "Saltmarsh hub records, demo figures",
           quarters((2021, 1), (2026, 3)), level=38, noise=2.5, denominator=150),
    Series("safeguarding", 0, "Adults asked what they wanted from a safeguarding enquiry", "percentage",
           "higher", "financial_year", "how_well", "performance",
           "NHS England, Safeguarding Adults Collection (Making Safeguarding Personal), demo figures",
           [financial_year_period(y) for y in range(2010, 2026)], level=44, noise=2, shift=8, slope=2.6,
           denominator=780),
    Series("safeguarding", 1, "People who use services who say they make them feel safe (ASCOF 4B)", "percentage",
           "higher", "financial_year", "better_off", "performance",
           "NHS England, Adult Social Care Outcomes Framework 4B, demo figures",
           [financial_year_period(y) for y in range(2010, 2026)], level=84.5, noise=0.6, shift=1.5, slope=0.3,
           comparators=[85, 87, 83, 86], denominator=410),
    Series("homeless_health", 2, "A&E attendances by people with no fixed abode", "count", "lower", "month",
           "better_off", "population", "Northshire Hospitals emergency department records, demo figures",
           months((2021, 1), (2026, 9)), level=47, noise=3, shift=-6, decimals=0),
]


def _value(series, period, start, level, rng, own):
    value = level + rng.gauss(0, series.noise)
    if own and period.end >= start:
        after = sum(1 for p in series.periods if p.end >= start and p.start < period.start)
        value += series.shift + series.slope * after
    if own and series.late and period.start >= series.late[0]:
        value += series.late[1]
    return value


def _measurement(series, indicator, area, period, value):
    places = Decimal(1).scaleb(-series.decimals)
    numerator = denominator = None
    if series.denominator:
        denominator = Decimal(round(series.denominator))
        per = 100 if series.unit == "percentage" else 100_000
        numerator = Decimal(round(value * float(denominator) / per))
        value = float(numerator) / float(denominator) * per
    return Measurement(
        indicator=indicator, area=area, period_start=period.start, period_end=period.end,
        period_label=period.label, frequency=str(period.frequency),
        value=Decimal(str(value)).quantize(places), numerator=numerator, denominator=denominator,
    )


def _areas(workspace):
    own = Area.objects.create(workspace=workspace, name=OWN[0], ons_code=OWN[1], is_own_area=True)
    return own, [Area.objects.create(workspace=workspace, name=n, ons_code=c) for n, c in COMPARATORS]


def extend(workspace, organisations, people, progress, seed=SEED):
    """Add areas, indicators, events and measurements to the demo workspace."""
    progress(gettext("Indicators and measurements…"))
    rng = random.Random(seed)
    own, comparators = _areas(workspace)
    names = {plan.key: plan.name for plan in partnership_plans()}
    partnerships = {key: Partnership.objects.get(workspace=workspace, name=name) for key, name in names.items()}
    for key, events in EVENTS.items():
        for day, label in events:
            Event.objects.create(partnership=partnerships[key], date=day, label=label)
    rows = []
    for series in SERIES:
        partnership = partnerships[series.partnership]
        indicator = Indicator.objects.create(
            partnership=partnership, name=series.name, unit=series.unit, direction=series.direction,
            frequency=series.frequency, kind=series.kind, scope=series.scope, source=series.source,
            licence="Demo data, invented (shaped on Open Government Licence data)",
            outcome=Outcome.objects.filter(partnership=partnership).order_by("position", "id")[series.outcome],
            target=Decimal(str(series.target)) if series.target is not None else None,
        )
        areas = [(own, series.level, True)] + [(a, lvl, False) for a, lvl in zip(comparators, series.comparators, strict=False)]
        for area, level, is_own in areas:
            for period in series.periods:
                value = _value(series, period, partnership.start_date, level, rng, is_own)
                rows.append(_measurement(series, indicator, area, period, value))
    Measurement.objects.bulk_create(rows)
