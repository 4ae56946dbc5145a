"""The numbers the review rules compare against. Defaults live here and are
documented in docs/review-rules.md; a deployment overrides any of them with
settings.REVIEW_THRESHOLDS (a dict with some of the same keys)."""

from django.conf import settings

DEFAULTS = {
    # purpose.not_user_voiced: fires when at least this share of the outcomes
    # is worded from the services' point of view.
    "service_centred_outcome_share": 0.5,
    # resources.unresolved: months after the start that a resource may stay
    # "proposed" before it counts as unresolved.
    "unresolved_resource_months": 6,
    # Staleness rules look only at partnerships at least this old.
    "staleness_min_age_years": 2,
    # stale.same_people: the window looked at, and the largest turnover in it
    # (joins + leaves + new representatives, per current member) that still
    # counts as "the same people".
    "same_people_years": 5,
    "same_people_max_turnover": 0.1,
    # stale.low_sector_diversity: fires below this effective number of sector
    # groups (the inverse Simpson index, 1 / sum of squared shares).
    "min_effective_sector_groups": 3.0,
    # stale.decisions_falling: decisions per meeting in the last 365 days
    # against the 365 before, each window with at least this many meetings,
    # fallen by at least this share (0.25 = a quarter fewer).
    "stale_decisions_min_meetings": 4,
    "stale_decisions_fall_share": 0.25,
    # stale.no_dissent: every partner group's health check theme scores
    # within this many points of everyone else's (strictly less), while staff
    # morale fell by at least this many points between the last two pulses.
    "stale_consensus_max_gap": 0.5,
    "stale_consensus_morale_fall": 0.25,
    # How often the monthly job reviews a partnership (`review --if-due`).
    "review_interval_days": 30,
}


def review_thresholds():
    """The defaults with the deployment's overrides applied."""
    return {**DEFAULTS, **getattr(settings, "REVIEW_THRESHOLDS", {})}


def threshold(thresholds, key):
    """One threshold from what run_rules was given, falling back to the default."""
    return thresholds.get(key, DEFAULTS[key])
