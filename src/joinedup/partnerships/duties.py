"""The documents the law asks some kinds of body to publish on a cycle, with
the Act and section that asks, and when one is late.

Plain data and plain functions: the review's duty rules
(review/duty_rules.py) and the partnership page read them. Only duties with a
fixed cycle are here, each checked against the Act's text on
legislation.gov.uk (docs/nations.md lists them); a body with no such duty (a
health and wellbeing board's strategy, say, which the law asks for but on no
cycle) has none, and no rule runs for it."""

from calendar import monthrange
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext_lazy as _

from .bodies import FUTURE_GENERATIONS_WALES, PUBLIC_BODIES_SCOTLAND, Law

NHS_ACT_2006 = Law("National Health Service Act 2006", url="https://www.legislation.gov.uk/ukpga/2006/41")

# How a duty's cycle is counted.
# GAP: no more than `months` may pass between one document and the next
# (or between the partnership's start and the first).
# FINANCIAL_YEAR: one document in every financial year (1 April to
# 31 March), so by the last 1 April there must be one from the year before it.
GAP = "gap"
FINANCIAL_YEAR = "financial_year"


@dataclass(frozen=True)
class Duty:
    code: str
    # Codes of the bodies (bodies.py) the duty falls on.
    bodies: tuple
    document: str
    law: Law
    provision: str
    # The cycle in the law's terms, for people: "for each reporting year, ...".
    cycle: str
    counted: str
    months: int = 12

    @property
    def citation(self):
        return f"{self.law.title}, {self.provision}"


DUTIES = [
    Duty(
        "scotland_performance_report", ("integration_joint_board", "lead_agency"),
        _("Annual performance report"), PUBLIC_BODIES_SCOTLAND, "section 42",
        _("a performance report for each reporting year, published within four months of the year's end"),
        GAP, 16,
    ),
    Duty(
        "wales_psb_progress_report", ("public_services_board",),
        _("Annual progress report on the local well-being plan"), FUTURE_GENERATIONS_WALES, "section 45",
        _("a progress report no later than 14 months after the local well-being plan or the last report"),
        GAP, 14,
    ),
    Duty(
        "england_icb_joint_forward_plan", ("integrated_care_board",),
        _("Joint forward plan"), NHS_ACT_2006, "section 14Z52",
        _("a five-year plan with its partner NHS trusts, prepared before the start of each financial year"),
        FINANCIAL_YEAR,
    ),
    Duty(
        "england_icb_annual_report", ("integrated_care_board",),
        _("Annual report"), NHS_ACT_2006, "section 14Z58",
        _("a report in each financial year on how it discharged its functions in the year before"),
        FINANCIAL_YEAR,
    ),
]

BY_CODE = {duty.code: duty for duty in DUTIES}
CHOICES = [(duty.code, duty.document) for duty in DUTIES]


def duties_of(body):
    """The duties that fall on a kind of body (its code; "" for none)."""
    return [duty for duty in DUTIES if body in duty.bodies]


def _months_before(day, months):
    """The same day `months` months earlier (the month's last day if it has fewer)."""
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    return date(year, month + 1, min(day.day, monthrange(year, month + 1)[1]))


def earliest_in_time(duty, today):
    """The earliest date a document of the duty may bear and still be in time on `today`."""
    if duty.counted == FINANCIAL_YEAR:
        last_april = date(today.year if today >= date(today.year, 4, 1) else today.year - 1, 4, 1)
        return _months_before(last_april, 12)
    return _months_before(today, duty.months)


@dataclass(frozen=True)
class DutyStatus:
    duty: Duty
    latest: date | None
    # "in_time", "late" (the latest is too old, or none since a start longer
    # ago than the cycle), or "not_due_yet" (none yet, and the partnership
    # has not been running a whole cycle).
    state: str


def duty_status(duty, published, started_on, today):
    """Where a partnership stands on one duty, from the dates of the
    documents of that duty it has recorded."""
    latest = max((day for day in published if day <= today), default=None)
    earliest = earliest_in_time(duty, today)
    if latest is not None and latest >= earliest:
        return DutyStatus(duty, latest, "in_time")
    if latest is None and started_on is not None and started_on >= earliest:
        return DutyStatus(duty, None, "not_due_yet")
    return DutyStatus(duty, latest, "late")


def statuses(body, documents, started_on, today):
    """DutyStatus for each duty of the body; `documents` is (duty code, date) pairs."""
    return [
        duty_status(duty, [day for code, day in documents if code == duty.code], started_on, today)
        for duty in duties_of(body)
    ]
