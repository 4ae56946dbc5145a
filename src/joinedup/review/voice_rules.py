"""Voice rules: what partners, front-line staff and service users say in the
surveys (surveys/review_facts.py). Registered on import by review/rules.py.
Every rule says nothing when the partnership has run no survey wave
(facts.voice is None), and never quotes a number of people under the
small-number threshold."""

from .rules import Evidence, rule
from .thresholds import threshold


@rule(
    "voice.perspective_gap",
    "Partners see the partnership very differently",
    "high",
    "Partnerships fail when partners see them differently and never say so; the largest "
    "gaps are what partners most need to talk about.",
)
def perspective_gap(facts, today, thresholds):
    voice = facts.voice
    if voice is None:
        return []
    limit = threshold(thresholds, "voice_gap_points")
    wide = [g for g in voice.partner_gaps if abs(g.difference) >= limit]
    if not wide:
        return []
    return [(
        [Evidence(f"{g.theme_title}: {g.group} scored {g.group_mean:.1f} out of 5, everyone else "
                  f"{g.others_mean:.1f} (a gap of {abs(g.difference):.1f} points, {voice.latest_wave}).")
         for g in wide[:5]],
        "Put the largest gaps on the next meeting's agenda and ask each partner to explain its "
        "view; settle the agreement or resources behind them in writing.",
    )]


@rule(
    "voice.falling_morale",
    "Front-line staff morale or role clarity is falling",
    "high",
    "Falling job satisfaction, morale and role clarity among front-line staff are early signs "
    "that a partnership is failing the people who do its work.",
)
def falling_morale(facts, today, thresholds):
    voice = facts.voice
    if voice is None:
        return []
    limit = threshold(thresholds, "voice_morale_fall")
    falls = [c for c in voice.staff_changes if c.before - c.now >= limit]
    if not falls:
        return []
    return [(
        [Evidence(f"{c.theme_title} fell from {c.before:.1f} to {c.now:.1f} out of 5 between "
                  f"{c.before_wave} and {c.now_wave}.") for c in falls],
        "Meet front-line staff from each partner, ask what has changed, and act on the "
        "obstacles they have raised.",
    )]


@rule(
    "voice.low_trust",
    "Some partners trust each other little",
    "medium",
    "Trust between partners (openness to discussion, reliability, a shared mission) is what lets "
    "them share money, staff and risk; a pair that trusts each other little holds the rest back.",
)
def low_trust(facts, today, thresholds):
    voice = facts.voice
    if voice is None:
        return []
    limit = threshold(thresholds, "voice_low_trust")
    low = [t for t in voice.tie_trust if t.trust < limit]
    if not low:
        return []
    return [(
        [Evidence(f"{t.first} and {t.second} scored {t.trust:.1f} out of 4 for trust in each other ({t.wave}).")
         for t in low[:5]],
        "Bring each pair together, with someone neutral, to say what gets in the way: a broken "
        "promise, a dispute about money, aims that differ. Agree one thing each will do, and ask "
        "again in the next wave.",
    )]


@rule(
    "voice.telling_story_again",
    "Service users keep having to tell their story",
    "medium",
    "People who must tell their story again to every worker are being passed between "
    "services rather than helped by a joined-up one.",
)
def telling_story_again(facts, today, thresholds):
    voice = facts.voice
    if voice is None or voice.told_story_answered < voice.threshold:
        return []
    share = voice.told_story_repeated / voice.told_story_answered
    limit = threshold(thresholds, "voice_repeated_story_share")
    if share < limit:
        return []
    others = voice.told_story_answered - voice.told_story_repeated
    if min(voice.told_story_repeated, others or voice.threshold) < voice.threshold:
        # Either side of the split under the threshold would be a small number.
        said = (f"At least {limit:.0%} of the service users and carers who answered in {voice.told_story_wave} "
                f"had told their story two or more times in the last year (the exact share is not shown: "
                f"it would reveal fewer than {voice.threshold} people).")
    else:
        said = (f"{share:.0%} of the service users and carers who answered in {voice.told_story_wave} "
                f"had told their story two or more times in the last year.")
    return [(
        [Evidence(said)],
        "Agree one assessment shared by all partners, and a named person each service user can go back to.",
    )]


@rule(
    "voice.no_user_voice",
    "No service-user voice",
    "medium",
    "Service users and carers should be involved from the start; a partnership that never "
    "hears them cannot know whether its outcomes are theirs.",
)
def no_user_voice(facts, today, thresholds):
    voice = facts.voice
    if voice is None or voice.service_user_responses > 0:
        return []
    asked = "asked service users and carers, but none answered" if voice.service_user_asked else \
        "never asked service users or carers"
    return [(
        [Evidence(f"{len(voice.waves)} survey wave{'' if len(voice.waves) == 1 else 's'} "
                  f"({', '.join(voice.waves)}) {asked}.")],
        "Run the service-user survey in the next wave, with the easy-read version and paper codes, "
        "reaching people through user-led and voluntary partners.",
    )]


@rule(
    "voice.low_response",
    "Few of those invited answered",
    "low",
    "When few people answer, results may speak for a vocal few, and low response itself can "
    "be a sign of disengagement.",
)
def low_response(facts, today, thresholds):
    voice = facts.voice
    if voice is None or voice.invited < threshold(thresholds, "voice_min_invited"):
        return []
    rate = voice.answered / voice.invited
    if rate >= threshold(thresholds, "voice_min_response_rate"):
        return []
    # A small number is not given, nor a rate that would give it away.
    shown = voice.answered >= voice.threshold
    answered = f"{voice.answered} of the {voice.invited} people invited answered ({rate:.0%})" if shown \
        else f"fewer than {voice.threshold} of the {voice.invited} people invited answered"
    return [(
        [Evidence(f"In {voice.latest_wave}, {answered}.")],
        "Ask partners' managers to give staff time to answer, offer paper codes, and tell people what "
        "changed after the last wave.",
    )]


@rule(
    "communication.poor",
    "Partners say communication is poor",
    "medium",
    "Poor communication between partners is one of the commonest reasons partnerships fail: "
    "information not shared, decisions that never reach the people who must act on them, "
    "professional languages that do not meet.",
)
def poor_communication(facts, today, thresholds):
    trend = facts.voice.communication if facts.voice is not None else None
    if trend is None:
        return []
    low = threshold(thresholds, "communication_low_score")
    fall = threshold(thresholds, "communication_fall")
    # Suppressed figures are None in the facts and never compared. Rounded as
    # shown, so that a score shown as 3.00 is not called below 3.
    evidence = []
    if trend.mean is not None and round(trend.mean, 2) < low:
        evidence.append(Evidence(
            f"In {trend.wave}'s health check, partners scored {trend.theme_title.lower()} "
            f"{trend.mean:.2f} out of 5 (below {low:g})."))
    if trend.change is not None and round(-trend.change, 2) >= fall:
        evidence.append(Evidence(
            f"The {trend.theme_title.lower()} score fell from {trend.previous_mean:.2f} in "
            f"{trend.previous_wave} to {trend.mean:.2f} in {trend.wave} ({-trend.change:.2f} points)."))
    if not evidence:
        return []
    return [(
        evidence,
        "Ask partners what is not getting through, and agree how information and decisions travel: "
        "papers in good time, a short note of each decision to the people who must act on it, "
        "plain words rather than each profession's jargon.",
    )]
