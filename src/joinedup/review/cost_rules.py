"""Cost rules: meetings that decide nothing about outcomes, cost rising while
decisions fall, people in too many partnerships, attendance falling.
They read facts.cost (meetings/review_facts.CostFacts) and say nothing when a
partnership has no meetings recorded. Registered on import by review/rules.py."""

from datetime import timedelta
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from joinedup.design_system.dates import long_date

from .rules import Evidence, rule
from .thresholds import threshold


def _past(facts, today):
    return [m for m in facts.cost.meetings if m.held_on <= today] if facts.cost else []


@rule(
    "cost.no_linked_decisions",
    gettext_lazy("Recent meetings decided nothing about its outcomes"),
    "medium",
    gettext_lazy("A partnership that meets without deciding anything that bears on its outcomes is treating partnership as an end in itself, at the cost of everyone's time."),
)
def no_linked_decisions(facts, today, thresholds):
    count = int(threshold(thresholds, "cost_no_linked_decisions_meetings"))
    meetings = _past(facts, today)[-count:] if count > 0 else []
    if len(meetings) < count or any(m.decisions_linked for m in meetings):
        return []
    decisions = sum(m.decisions for m in meetings)
    cost = sum(m.cost for m in meetings)
    return [(
        [Evidence(ngettext(
            "None of the last %(count)s meetings (%(first)s to %(last)s) took a decision linked to an "
            "outcome; they took %(decisions)s decision in all and cost £%(cost)s.",
            "None of the last %(count)s meetings (%(first)s to %(last)s) took a decision linked to an "
            "outcome; they took %(decisions)s decisions in all and cost £%(cost)s.",
            decisions,
        ) % {"count": count, "first": long_date(meetings[0].held_on), "last": long_date(meetings[-1].held_on),
             "decisions": decisions, "cost": f"{cost:,}"})],
        _("Put the outcomes on every agenda and record which outcome each decision serves; meet less often if there is nothing to decide."),
    )]


def _year(meetings, start, end):
    chosen = [m for m in meetings if start < m.held_on <= end]
    return chosen, sum(m.cost for m in chosen), sum(m.decisions for m in chosen)


@rule(
    "cost.rising_while_decisions_fall",
    gettext_lazy("Meetings cost more each year while deciding less"),
    "medium",
    gettext_lazy("Rising meeting costs with fewer decisions means more management time bought for less: the opportunity cost falls on services."),
)
def rising_while_decisions_fall(facts, today, thresholds):
    meetings = _past(facts, today)
    year = timedelta(days=365)
    last, last_cost, last_decisions = _year(meetings, today - year, today)
    before, before_cost, before_decisions = _year(meetings, today - 2 * year, today - year)
    if not last or not before or before_cost <= 0:
        return []
    rise = (last_cost - before_cost) / before_cost
    if rise < Decimal(str(threshold(thresholds, "cost_rise_share"))) or last_decisions >= before_decisions:
        return []
    return [(
        [Evidence(_("Meetings in the last year cost £%(last_cost)s against £%(before_cost)s the year before (up %(rise)s).") % {"last_cost": format(last_cost, ","), "before_cost": format(before_cost, ","), "rise": format(rise, ".0%")}),
         Evidence(_("They took %(last_decisions)s decisions against %(before_decisions)s.") % {"last_decisions": last_decisions, "before_decisions": before_decisions})],
        _("Look at who needs to be in the room and how often; cut the meetings that decide nothing."),
    )]


@rule(
    "cost.person_in_many_partnerships",
    gettext_lazy("Someone at its meetings sits in too many partnerships"),
    "low",
    gettext_lazy("The same senior managers in every room cannot give each partnership real attention, and their time is the largest hidden cost of partnership working."),
)
def person_in_many_partnerships(facts, today, thresholds):
    most = int(threshold(thresholds, "cost_max_partnerships_per_person"))
    busy = [b for b in (facts.cost.busy_people if facts.cost else ()) if b.partnerships > most]
    if not busy:
        return []
    return [(
        [Evidence(_("%(name)s attended meetings of %(partnerships)s partnerships in the last year.") % {"name": b.name, "partnerships": b.partnerships}) for b in busy],
        _("Agree who represents each organisation where; send a deputy or share papers instead of attending everything."),
    )]


def _per_meeting(meetings):
    return sum(m.attended for m in meetings) / len(meetings)


@rule(
    "cost.attendance_falling",
    gettext_lazy("Fewer people come to its meetings"),
    "medium",
    gettext_lazy("Falling attendance is an early sign that partners no longer see the point, or that key people have moved on."),
)
def attendance_falling(facts, today, thresholds):
    size = int(threshold(thresholds, "attendance_window_meetings"))
    meetings = _past(facts, today)
    if size < 1 or len(meetings) < 2 * size:
        return []
    before, recent = meetings[-2 * size:-size], meetings[-size:]
    was, now = _per_meeting(before), _per_meeting(recent)
    if was <= 0 or (was - now) / was < threshold(thresholds, "attendance_fall_share"):
        return []
    return [(
        [Evidence(_("On average %(now)s people attended each of the last %(size)s meetings, against %(was)s at the %(size)s before.") % {"now": format(now, ".1f"), "size": size, "was": format(was, ".1f")})],
        _("Ask the partners who have stopped coming why; find successors for people who have moved on."),
    )]
