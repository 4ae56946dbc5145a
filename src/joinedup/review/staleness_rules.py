"""Staleness rules: the same people for years, partners who mirror each other,
no user-led or voluntary organisation, fewer decisions (no new ideas), and
nobody who disagrees. Registered on import by review/rules.py."""

from collections import Counter
from datetime import timedelta
from fractions import Fraction

from dateutil.relativedelta import relativedelta
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from joinedup.design_system.dates import long_date
from joinedup.organisations.sectors import SECTOR_GROUPS

from .rules import Evidence, rule
from .thresholds import threshold

VOICE_SECTORS = {"voluntary_community", "user_led"}
SECTOR_NAMES = {
    "nhs_acute": gettext_lazy("NHS acute"), "nhs_community": gettext_lazy("NHS community"), "nhs_mental_health": gettext_lazy("NHS mental health"),
    "nhs_primary_care": gettext_lazy("NHS primary care"),
    "hsc_trust": gettext_lazy("health and social care trust (Northern Ireland)"), "council_adult_social_care": gettext_lazy("council adult social care"),
    "council_childrens_services": gettext_lazy("council children's services"), "council_housing": gettext_lazy("council housing"),
    "council_education": gettext_lazy("council education"), "council_public_health": gettext_lazy("council public health"),
    "council_other": gettext_lazy("council, other services"),
    "police": "police", "fire": gettext_lazy("fire and rescue"), "voluntary_community": gettext_lazy("voluntary and community"),
    "user_led": "user-led", "private_provider": gettext_lazy("private provider"), "academic": "academic", "other": "other",
}
# Sectors that most often bring a new view of the same people, in the order
# the advice suggests them; only those not already members are suggested.
SUGGESTED_SECTORS = [
    ("user_led", gettext_lazy("a user-led organisation")), ("voluntary_community", gettext_lazy("a voluntary or community group")),
    ("council_housing", gettext_lazy("housing")), ("private_provider", gettext_lazy("a care provider")),
    ("nhs_primary_care", gettext_lazy("primary care")), ("police", gettext_lazy("the police")),
]


def _years_ago(today, years):
    return today + relativedelta(months=-12 * years)


def _began(facts):
    joined = [m.joined_on for m in facts.members if m.joined_on]
    return facts.start_date or (min(joined) if joined else None)


def old_enough(facts, today, years):
    began = _began(facts)
    return began is not None and began <= _years_ago(today, years)


def effective_sector_groups(sectors):
    """The inverse Simpson index over sector groups: 1 / Σ share². Two equal
    groups give 2.0; it reads as "the number of equally-sized groups"."""
    counts = Counter(SECTOR_GROUPS.get(s, "other") for s in sectors)
    total = sum(counts.values())
    return 1 / sum((n / total) ** 2 for n in counts.values()), counts


def turnover_events(facts, today, since):
    """Joins, leaves and new representatives after `since`, up to today."""
    events = []
    for m in facts.members:
        if m.joined_on and since < m.joined_on <= today:
            events.append(_("%(organisation)s joined on %(joined_on)s") % {"organisation": m.organisation, "joined_on": long_date(m.joined_on)})
        if m.left_on and since < m.left_on <= today:
            events.append(_("%(organisation)s left on %(left_on)s") % {"organisation": m.organisation, "left_on": long_date(m.left_on)})
        new_person = m.representative_from and since < m.representative_from <= today
        if m.is_current(today) and new_person and (m.joined_on is None or m.representative_from > m.joined_on):
            events.append(_("%(representative)s took over for %(organisation)s") % {"representative": m.representative, "organisation": m.organisation})
    return events


@rule(
    "stale.same_people",
    gettext_lazy("The same people for years"),
    "medium",
    gettext_lazy("Partnerships go stale when the same people meet on the same issues for years; new partners and new faces bring new ideas and challenge."),
)
def same_people(facts, today, thresholds):
    years = threshold(thresholds, "same_people_years")
    current = [m for m in facts.members if m.is_current(today)]
    if not current or not old_enough(facts, today, years):
        return []
    since = _years_ago(today, years)
    events = turnover_events(facts, today, since)
    turnover = len(events) / len(current)
    if turnover > threshold(thresholds, "same_people_max_turnover"):
        return []
    evidence = [Evidence(ngettext(
        "In the %(years)s years since %(since)s: %(count)s change of member or representative among "
        "%(current)s current members (turnover %(turnover)s).",
        "In the %(years)s years since %(since)s: %(count)s changes of member or representative among "
        "%(current)s current members (turnover %(turnover)s).",
        len(events),
    ) % {"years": years, "since": long_date(since), "count": len(events), "current": len(current),
         "turnover": f"{turnover:.2f}"})]
    evidence += [Evidence(event) for event in events]
    return [
        (
            evidence,
            _("Refresh the membership: invite a new partner or two (a user-led group, a provider, a critic), rotate the chair, and bring examples from other areas."),
        )
    ]


@rule(
    "stale.low_sector_diversity",
    gettext_lazy("Partners mostly from one or two sectors"),
    "medium",
    gettext_lazy("Partners who are mirror images of each other see problems the same way; diversity of sectors brings the perspectives a partnership exists to join up."),
)
def low_sector_diversity(facts, today, thresholds):
    current = [m for m in facts.members if m.is_current(today)]
    if not current or not old_enough(facts, today, threshold(thresholds, "staleness_min_age_years")):
        return []
    effective, counts = effective_sector_groups(m.sector for m in current)
    minimum = threshold(thresholds, "min_effective_sector_groups")
    if round(effective, 2) >= minimum:
        return []
    sectors = {m.sector for m in current}
    mix = "; ".join(
        f"{group} {n} ({', '.join(sorted(str(SECTOR_NAMES[s]) for s in sectors if SECTOR_GROUPS.get(s, 'other') == group))})"
        for group, n in counts.most_common()
    )
    groups = len(counts)
    missing = [name for sector, name in SUGGESTED_SECTORS if sector not in sectors]
    return [
        (
            [Evidence(ngettext("%(count)s current member in %(groups)s: %(mix)s.",
                               "%(count)s current members in %(groups)s: %(mix)s.", len(current))
                      % {"count": len(current), "mix": mix,
                         "groups": ngettext("%(count)s sector group", "%(count)s sector groups", groups)
                         % {"count": groups}}
                      + " " + _("Weighted by size, that is %(effective)s equal groups (below %(minimum)s).")
                      % {"effective": f"{effective:.2f}", "minimum": f"{minimum:g}"})],
            _("Bring in partners from sectors not yet at the table, such as %(sectors)s, who see the same "
              "people differently.") % {"sectors": _either(missing[:3])} if missing else
            _("Bring in partners from sectors not yet at the table who see the same people differently."),
        )
    ]


def _either(names):
    if len(names) == 1:
        return names[0]
    return _("%(names)s or %(last)s") % {"names": ", ".join(str(n) for n in names[:-1]), "last": names[-1]}


@rule(
    "stale.no_user_led_or_voluntary",
    gettext_lazy("No user-led or voluntary organisation"),
    "medium",
    gettext_lazy("Service users and carers should be involved from the start; without a user-led or voluntary partner the people the partnership serves have no one at the table."),
)
def no_user_led_or_voluntary(facts, today, thresholds):
    current = [m for m in facts.members if m.is_current(today)]
    if not current or any(m.sector in VOICE_SECTORS for m in current):
        return []
    return [
        (
            [Evidence(_("None of the %(current_count)s current members is a user-led or voluntary and community organisation.") % {"current_count": len(current)})],
            _("Invite a user-led organisation or a voluntary group that works with the people the partnership serves to join as a full partner, not an observer."),
        )
    ]


def _window(meetings, start, end):
    chosen = [m for m in meetings if start < m.held_on <= end]
    return len(chosen), sum(m.decisions for m in chosen)


@rule(
    "stale.decisions_falling",
    gettext_lazy("Fewer decisions at each meeting: no new ideas"),
    "medium",
    gettext_lazy("A partnership that decides less and less at each meeting has run out of new ideas; new partners, the user's voice and examples from elsewhere bring them back."),
)
def decisions_falling(facts, today, thresholds):
    meetings = [m for m in facts.cost.meetings if m.held_on <= today] if facts.cost else []
    if not meetings:
        return []
    year = timedelta(days=365)
    now_meetings, now_decisions = _window(meetings, today - year, today)
    then_meetings, then_decisions = _window(meetings, today - 2 * year, today - year)
    least = threshold(thresholds, "stale_decisions_min_meetings")
    if now_meetings < least or then_meetings < least or then_decisions == 0:
        return []
    now_rate, then_rate = Fraction(now_decisions, now_meetings), Fraction(then_decisions, then_meetings)
    fall = (then_rate - now_rate) / then_rate
    if fall < Fraction(str(threshold(thresholds, "stale_decisions_fall_share"))):
        return []
    return [(
        [Evidence(ngettext(
            "In the last 365 days its %(meetings)s meetings took %(count)s decision (%(rate)s a meeting), "
            "against %(then_decisions)s at %(then_meetings)s meetings the year before (%(then_rate)s a "
            "meeting): %(fall)s fewer a meeting.",
            "In the last 365 days its %(meetings)s meetings took %(count)s decisions (%(rate)s a meeting), "
            "against %(then_decisions)s at %(then_meetings)s meetings the year before (%(then_rate)s a "
            "meeting): %(fall)s fewer a meeting.",
            now_decisions,
        ) % {"meetings": now_meetings, "count": now_decisions, "rate": f"{float(now_rate):.1f}",
             "then_decisions": then_decisions, "then_meetings": then_meetings,
             "then_rate": f"{float(then_rate):.1f}", "fall": f"{float(fall):.0%}"})],
        _("Bring in new partners and the user's voice, and look at how partnerships elsewhere tackle the same outcomes; put one new idea or question on each agenda."),
    )]


MORALE_THEME = "wellbeing"


@rule(
    "stale.no_dissent",
    gettext_lazy("Nobody who disagrees"),
    "medium",
    gettext_lazy("Partners who all see the partnership the same way, while the staff doing its work grow less satisfied, have stopped challenging each other; critics, new partners and service users bring back the challenge."),
)
def no_dissent(facts, today, thresholds):
    voice = facts.voice
    if voice is None or not old_enough(facts, today, threshold(thresholds, "staleness_min_age_years")):
        return []
    gaps = voice.partner_gaps
    groups = {g.group for g in gaps}
    # At least two partner groups must be shown (not suppressed) to say they agree.
    if len(groups) < 2:
        return []
    widest = max(abs(g.difference) for g in gaps)
    most = threshold(thresholds, "stale_consensus_max_gap")
    if round(widest, 2) >= most:
        return []
    morale = [c for c in voice.staff_changes if c.theme == MORALE_THEME]
    fall = threshold(thresholds, "stale_consensus_morale_fall")
    falling = [c for c in morale if round(c.before - c.now, 2) >= fall]
    if not falling:
        return []
    change = falling[0]
    return [(
        [Evidence(_("In %(latest_wave)s's health check, no partner group's score on any theme differs from everyone else's by %(most)s points or more (%(groups_count)s groups; widest gap %(widest)s).") % {"latest_wave": voice.latest_wave, "most": format(most, "g"), "groups_count": len(groups), "widest": format(widest, ".2f")}),
         Evidence(_("%(theme_title)s among front-line staff fell from %(before)s to %(now)s out of 5 between %(before_wave)s and %(now_wave)s.") % {"theme_title": change.theme_title, "before": format(change.before, ".1f"), "now": format(change.now, ".1f"), "before_wave": change.before_wave, "now_wave": change.now_wave})],
        _("Bring in people who will disagree: a critic of the partnership, a new partner, service users and carers; ask front-line staff what the partners are not seeing."),
    )]
