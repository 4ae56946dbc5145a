"""Staleness rules: the same people for years, partners who mirror each other,
no user-led or voluntary organisation. Registered on import by review/rules.py."""

from collections import Counter

from .dates import add_months
from .rules import Evidence, rule
from .thresholds import threshold

# Sectors grouped as a partnership's mix is usually judged: every NHS sector
# is "the NHS", every council department "the council".
SECTOR_GROUPS = {
    "nhs_acute": "NHS", "nhs_community": "NHS", "nhs_mental_health": "NHS",
    "nhs_primary_care": "NHS",
    "council_adult_social_care": "council", "council_childrens_services": "council",
    "council_housing": "council", "council_education": "council",
    "council_public_health": "council",
    "police": "police", "fire": "fire and rescue", "voluntary_community": "voluntary and community",
    "user_led": "user-led", "private_provider": "private providers", "academic": "academic",
    "other": "other",
}
VOICE_SECTORS = {"voluntary_community", "user_led"}


def _years_ago(today, years):
    return add_months(today, -12 * years)


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
            events.append(f"{m.organisation} joined on {m.joined_on:%-d %B %Y}")
        if m.left_on and since < m.left_on <= today:
            events.append(f"{m.organisation} left on {m.left_on:%-d %B %Y}")
        new_person = m.representative_from and since < m.representative_from <= today
        if m.is_current(today) and new_person and (m.joined_on is None or m.representative_from > m.joined_on):
            events.append(f"{m.representative} took over for {m.organisation}")
    return events


@rule(
    "stale.same_people",
    "The same people for years",
    "medium",
    "Partnerships go stale when the same people meet on the same issues for years; "
    "new partners and new faces bring new ideas and challenge.",
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
    evidence = [Evidence(
        f"In the {years} years since {since:%-d %B %Y}: {len(events)} change"
        f"{'' if len(events) == 1 else 's'} of member or representative among {len(current)} "
        f"current members (turnover {turnover:.2f})."
    )]
    evidence += [Evidence(event) for event in events]
    return [
        (
            evidence,
            "Refresh the membership: invite a new partner or two (a user-led group, a "
            "provider, a critic), rotate the chair, and bring examples from other areas.",
        )
    ]


@rule(
    "stale.low_sector_diversity",
    "Partners all from one or two sectors",
    "medium",
    "Partners who are mirror images of each other see problems the same way; "
    "diversity of sectors brings the perspectives a partnership exists to join up.",
)
def low_sector_diversity(facts, today, thresholds):
    current = [m for m in facts.members if m.is_current(today)]
    if not current or not old_enough(facts, today, threshold(thresholds, "staleness_min_age_years")):
        return []
    effective, counts = effective_sector_groups(m.sector for m in current)
    minimum = threshold(thresholds, "min_effective_sector_groups")
    if round(effective, 2) >= minimum:
        return []
    mix = ", ".join(f"{group} {n}" for group, n in counts.most_common())
    return [
        (
            [Evidence(f"Current members by sector: {mix}; effective number of sector groups "
                      f"{effective:.2f} (below {minimum:g}).")],
            "Bring in partners from the sectors missing from the table: the voluntary and "
            "user-led sector, housing, providers or others who see the same people differently.",
        )
    ]


@rule(
    "stale.no_user_led_or_voluntary",
    "No user-led or voluntary organisation",
    "medium",
    "Service users and carers should be involved from the start; without a user-led or "
    "voluntary partner the people the partnership serves have no one at the table.",
)
def no_user_led_or_voluntary(facts, today, thresholds):
    current = [m for m in facts.members if m.is_current(today)]
    if not current or any(m.sector in VOICE_SECTORS for m in current):
        return []
    return [
        (
            [Evidence(f"None of the {len(current)} current members is a user-led or voluntary "
                      "and community organisation.")],
            "Invite a user-led organisation or a voluntary group that works with the people "
            "the partnership serves to join as a full partner, not an observer.",
        )
    ]
