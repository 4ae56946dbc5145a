"""The numbers the review rules compare against: every rule's default, in one
registry, documented in docs/review-rules.md. A deployment overrides any of
them with settings.REVIEW_THRESHOLDS (a dict with some of the same keys);
review_thresholds() applies them, and each rule reads one with threshold()."""

from django.conf import settings

DEFAULTS = {
    # --- Register, purpose and staleness rules (rules.py, failure_rules.py, staleness_rules.py), and the monthly job.
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
    # --- Voice rules (voice_rules.py).
    # voice.perspective_gap: a partner group's theme score this many points
    # (on the 1-5 scale) from everyone else's.
    "voice_gap_points": 1.0,
    # voice.falling_morale: a fall of this many points in staff morale or
    # role clarity between the last two staff pulses.
    "voice_morale_fall": 0.5,
    # voice.low_trust: a pair of partners whose trust in each other (partner
    # relationships survey, 1 to 4) is below this: between "a little" and "quite a lot".
    "voice_low_trust": 2.5,
    # voice.telling_story_again: this share of service users had to tell
    # their story two or more times.
    "voice_repeated_story_share": 0.5,
    # voice.low_response: the latest wave's response rate below this, when at
    # least voice_min_invited links were made.
    "voice_min_response_rate": 0.3,
    "voice_min_invited": 10,
    # communication.poor: the latest health check's all-respondent
    # "communication" score below this (1-5 scale), or fallen by at least
    # communication_fall points since the wave before.
    "communication_low_score": 3.0,
    "communication_fall": 0.5,
    # --- Cost rules (cost_rules.py).
    # cost.no_linked_decisions: how many of the latest meetings are looked at.
    "cost_no_linked_decisions_meetings": 6,
    # cost.rising_while_decisions_fall: the least rise in the last year's
    # meeting cost over the year before (0.10 = 10%) that counts as rising.
    "cost_rise_share": 0.10,
    # cost.person_in_many_partnerships: more than this many partnerships in a year.
    "cost_max_partnerships_per_person": 4,
    # cost.attendance_falling: meetings in each window compared, and the least
    # fall in people attending per meeting (0.25 = a quarter fewer).
    "attendance_window_meetings": 6,
    "attendance_fall_share": 0.25,
    # --- Evidence rules (evidence_rules.py); value.cost_without_evidence reads them too.
    # evidence.outcome_without_indicator: fires only once the partnership has
    # run for this many months since its start date.
    "outcome_without_indicator_months": 12,
    # evidence.no_recent_data: the latest value may end at most this many
    # periods (of the indicator's frequency) before today.
    "evidence_stale_periods": 2,
    # evidence.no_improvement: indicators are judged once they have at least
    # this many periods of data after the partnership started.
    "evidence_min_periods_after_start": 6,
    # evidence.no_improvement: a change in the better direction counts when
    # its p-value is below this.
    "evidence_improvement_p": 0.05,
    # --- Value-for-effort rules (value_rules.py).
    # value.cost_without_evidence: the partnership has run at least this many
    # months since its start date ...
    "value_min_months": 24,
    # ... and its meetings in the 365 days to the review cost at least this (£).
    "value_min_yearly_cost": 50000,
}


def review_thresholds():
    """The defaults with the deployment's overrides applied."""
    return {**DEFAULTS, **getattr(settings, "REVIEW_THRESHOLDS", {})}


def threshold(thresholds, key):
    """One threshold from what run_rules was given, falling back to the default."""
    return thresholds.get(key, DEFAULTS[key])


def improvement_p_limit():
    """The p-value below which an indicator counts as improving, as the rules
    read it now; the review's figures and the portfolio use it too, so that
    they and the findings agree (stored reviews keep the limit they used)."""
    return review_thresholds()["evidence_improvement_p"]
