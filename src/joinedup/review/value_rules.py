"""Value-for-effort rules: is the effort buying a difference for people?
They weigh the cost facts (meetings/review_facts.py) against the evidence
facts (indicators/review_facts.py) and say nothing unless both are recorded.
A high finding here is what makes the verdict "end" (docs/verdict.md).
Registered on import by review/rules.py."""

from datetime import timedelta
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from joinedup.design_system.dates import long_date

from .rules import Evidence, rule
from .thresholds import threshold


@rule(
    "value.cost_without_evidence",
    gettext_lazy("All cost and no evidence of a difference"),
    "high",
    gettext_lazy("Every meeting costs the hours of the people in the room, time not spent on services. A partnership that has run for years at a large cost and cannot show any of its outcomes improving is treating partnership as an end in itself."),
)
def cost_without_evidence(facts, today, thresholds):
    cost, evidence = facts.cost, facts.evidence
    if cost is None or evidence is None or facts.start_date is None:
        return []
    months = int(threshold(thresholds, "value_min_months"))
    if today < facts.start_date + relativedelta(months=months):
        return []
    since = today - timedelta(days=365)
    in_year = [m for m in cost.meetings if since < m.held_on <= today]
    yearly = sum((Decimal(m.cost) for m in in_year), Decimal(0))
    least = Decimal(str(threshold(thresholds, "value_min_yearly_cost")))
    if yearly < least:
        return []
    found = [
        Evidence(_("%(name)s has run for %(months)s months or more, since %(start_date)s.") % {"name": facts.name, "months": months, "start_date": long_date(facts.start_date)}),
        Evidence(ngettext("Its %(count)s meeting in the 365 days to %(today)s cost £%(yearly)s (at least £%(least)s).",
                          "Its %(count)s meetings in the 365 days to %(today)s cost £%(yearly)s (at least £%(least)s).",
                          len(in_year)) % {"count": len(in_year), "today": long_date(today),
                                           "yearly": f"{yearly:,.2f}", "least": f"{least:,.0f}"}),
    ]
    indicators = evidence.indicators
    if not indicators:
        found.append(Evidence(_("It has no indicator to show a difference for people.")))
    else:
        needed = threshold(thresholds, "evidence_min_periods_after_start")
        p_limit = threshold(thresholds, "evidence_improvement_p")
        judged = [i for i in indicators if i.periods_after_start >= needed]
        improving = [i for i in indicators if i.improvement_p is not None and i.improvement_p < p_limit]
        # Too early to judge, or something is improving: not all cost.
        if not judged or improving:
            return []
        found += [Evidence(_("%(name)s: %(periods_after_start)s periods since the partnership started, and no change in the better direction that chance does not explain.") % {"name": i.name, "periods_after_start": i.periods_after_start})
                  for i in judged]
    return [(
        found,
        _("Put the cost and the evidence in front of the partners' boards: agree what would show a difference within a year, or stop, or hand the work to one agency and free the time."),
    )]
