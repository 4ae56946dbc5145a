"""Similar partnerships with real-looking figures: joint commissioning for
older people in two (or three) workspaces, each with a latest review that
costed its meetings and a survey wave of staff pulse and health check."""

from dataclasses import dataclass
from datetime import date

from joinedup.partnerships.models import Partnership
from joinedup.review.models import Review
from joinedup.surveys.instruments import AGREEMENT5, instrument
from joinedup.surveys.models import InvitationBatch, Response, Wave

FORM = "joint_commissioning"
AS_OF = date(2026, 10, 1)
WAVE_OPENS = date(2026, 9, 1)


@dataclass
class Plan:
    name: str
    user_groups: str
    yearly_cost: str | None
    # (job satisfaction, morale, role clarity) per staff respondent, 1..5
    staff: list
    health_level: int | None = None  # every health-check answer about this level
    health_respondents: int = 6


PLANS = {
    "northshire": [
        Plan("Home First", "Older people leaving hospital, and their carers", "24800.00",
             [(4, 3, 4), (4, 4, 4), (3, 3, 5), (4, 3, 4), (5, 4, 4), (3, 3, 3)], health_level=4),
        Plan("Northshire Frailty Network", "Frail older people", "18250.50",
             [(3, 3, 4), (3, 2, 3), (4, 3, 4), (2, 3, 3)], health_level=3),  # 4 staff: hidden
        Plan("Brampton Later Life Hub", "People in later life in Brampton", "31400.00",
             [(4, 4, 5), (5, 4, 4), (4, 5, 4), (4, 4, 4), (3, 4, 4), (4, 4, 5), (5, 5, 4)]),
    ],
    "southshire": [
        Plan("Southshire Frailty Alliance", "Older people living with frailty", "12345.00",
             [(2, 2, 3), (3, 2, 2), (2, 3, 3), (3, 3, 3), (2, 2, 2)], health_level=2),
        Plan("Saltmarsh Elderly Care Board", "Elderly residents of Saltmarsh", "41990.00",
             [(5, 4, 5), (4, 5, 5), (5, 5, 4), (4, 4, 4), (5, 4, 5), (4, 5, 4)], health_level=5),
        Plan("Southshire Discharge to Assess", "Older adults leaving hospital", "27560.00",
             [(3, 4, 4), (4, 3, 3), (3, 3, 4), (4, 4, 4), (3, 4, 3), (4, 3, 4)]),
    ],
}

# The figures above, as the page should show them.
COSTS = [24800.0, 18250.5, 31400.0, 12345.0, 41990.0, 27560.0]


def staff_answers(job_satisfaction, morale, role_clear):
    return {"job_satisfaction": job_satisfaction, "morale": morale, "role_clear": role_clear,
            "know_contact": 4, "contact_helpful": 3, "partnership_effect": 4}


def health_answers(level, i):
    """Every agreement question answered about ``level``; respondents differ a little."""
    value = max(1, min(5, level + (i % 3) - 1))
    return {q.code: value for q in instrument("health_check").questions if q.kind == AGREEMENT5}


def build(workspace, plan, form=FORM, status="active"):
    partnership = Partnership.objects.filter(workspace=workspace, name=plan.name).first()
    if partnership is None:
        partnership = Partnership(workspace=workspace, name=plan.name)
    partnership.user_groups, partnership.form, partnership.status = plan.user_groups, form, status
    partnership.save()
    if plan.yearly_cost is not None:
        Review.objects.create(
            partnership=partnership, as_of=date(2025, 10, 1), verdict="continue",
            figures={"yearly_cost": "1.00", "meetings_in_year": 1},
        )
        Review.objects.create(
            partnership=partnership, as_of=AS_OF, verdict="continue",
            figures={"yearly_cost": plan.yearly_cost, "meetings_in_year": 10},
        )
    wave = Wave.objects.create(
        partnership=partnership, name="Autumn 2026", opens_on=WAVE_OPENS,
        instruments=["health_check", "staff_pulse"],
    )
    for js, morale, role in plan.staff:
        Response.objects.create(wave=wave, released=True, instrument="staff_pulse",
                                respondent_group="Adult social care", answers=staff_answers(js, morale, role))
    if plan.health_level is not None:
        for i in range(plan.health_respondents):
            Response.objects.create(wave=wave, released=True, instrument="health_check", respondent_group="Partners",
                                    answers=health_answers(plan.health_level, i))
    return partnership


def build_all(workspaces):
    """{name: partnership} for every plan of the given {slug: workspace}."""
    return {plan.name: build(workspaces[slug], plan)
            for slug, plans in PLANS.items() if slug in workspaces for plan in plans}


def invite(partnership, instrument_code, count):
    wave = Wave.objects.get(partnership=partnership)
    return InvitationBatch.objects.create(wave=wave, group="Adult social care", instrument=instrument_code, count=count)


def wellbeing(plan):
    """A staff group's job satisfaction and morale score, worked out by hand."""
    return sum((js + morale) / 2 for js, morale, _ in plan.staff) / len(plan.staff)


def add_health_check(partnership, level, respondents=6):
    wave = Wave.objects.get(partnership=partnership)
    for i in range(respondents):
        Response.objects.create(wave=wave, released=True, instrument="health_check", respondent_group="Partners",
                                answers=health_answers(level, i))
