"""Evidence rules: do the outcomes have indicators, is their data current,
and does it show the partnership making a difference? They read
`facts.evidence` (indicators/review_facts.py); a partnership with no evidence
facts at all is left to the other rules. Registered on import by
review/rules.py."""

from dateutil.relativedelta import relativedelta
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from joinedup.design_system.dates import long_date
from joinedup.indicators.periods import STEP_DAYS, shown_label

from .rules import Evidence, rule
from .thresholds import threshold

# Days per period of each indicator frequency, from the one table the periods module keeps.
PERIOD_DAYS = {str(frequency): days for frequency, days in STEP_DAYS.items()}


@rule(
    "evidence.outcome_without_indicator",
    gettext_lazy("Outcome with no indicator"),
    "medium",
    gettext_lazy("An outcome nobody measures a year into the partnership cannot show whether the partnership makes a difference, and the partnership risks becoming an end in itself; practice-based evidence means trying, measuring and reflecting."),
)
def outcome_without_indicator(facts, today, thresholds):
    evidence = facts.evidence
    if evidence is None or not evidence.outcomes_without_indicators or facts.start_date is None:
        return []
    months = int(threshold(thresholds, "outcome_without_indicator_months"))
    if today < facts.start_date + relativedelta(months=months):
        return []
    return [(
        [Evidence(_("%(name)s has run for %(months)s months or more since it started on %(start_date)s.") % {"name": facts.name, "months": months, "start_date": long_date(facts.start_date)})]
        + [Evidence(_("\"%(statement)s\" has no indicator.") % {"statement": o.statement}) for o in evidence.outcomes_without_indicators],
        _("Choose one or two indicators for each outcome, ideally published figures that comparator areas also report, and import their history from before the partnership started."),
    )]


@rule(
    "evidence.no_recent_data",
    gettext_lazy("Indicator without recent data"),
    "medium",
    gettext_lazy("Judging a partnership on old figures hides what is happening now; a gap in the data is often the first sign nobody owns the indicator."),
)
def no_recent_data(facts, today, thresholds):
    evidence = facts.evidence
    if evidence is None:
        return []
    periods = threshold(thresholds, "evidence_stale_periods")
    stale = []
    for indicator in evidence.indicators:
        allowed = PERIOD_DAYS.get(indicator.frequency, 366) * periods
        if indicator.latest_end is None:
            stale.append(Evidence(_("%(name)s has no data for your own area.") % {"name": indicator.name}))
        elif (today - indicator.latest_end).days > allowed:
            stale.append(Evidence(
                _("%(name)s: the latest value is for %(latest_label)s, %(days)s days before today.") % {"name": indicator.name, "latest_label": shown_label(indicator.latest_label), "days": (today - indicator.latest_end).days}))
    if not stale:
        return []
    return [(stale, _("Import the latest figures, and name who in the partnership updates each indicator and when."))]


@rule(
    "evidence.special_cause_concern",
    gettext_lazy("Indicator getting worse"),
    # Medium, not high: a deterioration calls for finding out why; on its own
    # it does not show the partnership buys nothing.
    "medium",
    gettext_lazy("A special cause in the wrong direction means something has changed for the worse, beyond the usual ups and downs; it needs finding out while it is recent."),
)
def special_cause_concern(facts, today, thresholds):
    evidence = facts.evidence
    if evidence is None:
        return []
    worse = [i for i in evidence.indicators if i.latest_variation == "special_cause_concern"]
    if not worse:
        return []
    return [(
        [Evidence(_("%(name)s: the latest value (%(latest_label)s) shows special cause variation in the wrong direction on its XmR chart.") % {"name": i.name, "latest_label": shown_label(i.latest_label)}) for i in worse],
        _("Ask the partners what changed around the time the values moved (people leaving, a service stopping, a change in recording) and agree what to do about it at the next meeting."),
    )]


@rule(
    "evidence.no_improvement",
    gettext_lazy("No evidence of improvement"),
    "medium",
    gettext_lazy("A partnership exists to make things better for people; if after a fair time none of its indicators has improved, its effort may be better spent another way."),
)
def no_improvement(facts, today, thresholds):
    evidence = facts.evidence
    if evidence is None:
        return []
    needed = threshold(thresholds, "evidence_min_periods_after_start")
    judged = [i for i in evidence.indicators if i.periods_after_start >= needed]
    if not judged:
        return []
    p_limit = threshold(thresholds, "evidence_improvement_p")
    if any(i.improvement_p is not None and i.improvement_p < p_limit for i in judged):
        return []
    return [(
        [Evidence(_("%(name)s: %(periods_after_start)s periods since the partnership started, and no change in the better direction that chance does not explain.") % {"name": i.name, "periods_after_start": i.periods_after_start}) for i in judged],
        _("Review with all partners whether the partnership is doing what it set out to do: refocus it on outcomes it can move, change how it works, or consider ending it."),
    )]
