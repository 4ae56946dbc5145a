"""Voice rules: what partners, front-line staff and service users say in the
surveys (surveys/review_facts.py). Registered on import by review/rules.py.
Every rule says nothing when the partnership has run no survey wave
(facts.voice is None), and never quotes a number of people under the
small-number threshold."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from .rules import Evidence, rule
from .thresholds import threshold


@rule(
    "voice.perspective_gap",
    gettext_lazy("Partners see the partnership very differently"),
    "high",
    gettext_lazy("Partnerships fail when partners see them differently and never say so; the largest gaps are what partners most need to talk about."),
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
        [Evidence(_("%(theme_title)s: %(group)s scored %(group_mean)s out of 5, everyone else %(others_mean)s (a gap of %(difference)s points, %(latest_wave)s).") % {"theme_title": g.theme_title, "group": g.group, "group_mean": format(g.group_mean, ".1f"), "others_mean": format(g.others_mean, ".1f"), "difference": format(abs(g.difference), ".1f"), "latest_wave": voice.latest_wave})
         for g in wide[:5]],
        _("Put the largest gaps on the next meeting's agenda and ask each partner to explain its view; settle the agreement or resources behind them in writing."),
    )]


@rule(
    "voice.falling_morale",
    gettext_lazy("Front-line staff morale or role clarity is falling"),
    "high",
    gettext_lazy("Falling job satisfaction, morale and role clarity among front-line staff are early signs that a partnership is failing the people who do its work."),
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
        [Evidence(_("%(theme_title)s fell from %(before)s to %(now)s out of 5 between %(before_wave)s and %(now_wave)s.") % {"theme_title": c.theme_title, "before": format(c.before, ".1f"), "now": format(c.now, ".1f"), "before_wave": c.before_wave, "now_wave": c.now_wave}) for c in falls],
        _("Meet front-line staff from each partner, ask what has changed, and act on the obstacles they have raised."),
    )]


@rule(
    "voice.low_trust",
    gettext_lazy("Some partners trust each other little"),
    "medium",
    gettext_lazy("Trust between partners (openness to discussion, reliability, a shared mission) is what lets them share money, staff and risk; a pair that trusts each other little holds the rest back."),
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
        [Evidence(_("%(first)s and %(second)s scored %(trust)s out of 4 for trust in each other (%(wave)s).") % {"first": t.first, "second": t.second, "trust": format(t.trust, ".1f"), "wave": t.wave})
         for t in low[:5]],
        _("Bring each pair together, with someone neutral, to say what gets in the way: a broken promise, a dispute about money, aims that differ. Agree one thing each will do, and ask again in the next wave."),
    )]


@rule(
    "voice.telling_story_again",
    gettext_lazy("Service users keep having to tell their story"),
    "medium",
    gettext_lazy("People who must tell their story again to every worker are being passed between services rather than helped by a joined-up one."),
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
        said = (_("At least %(limit)s of the service users and carers who answered in %(told_story_wave)s had told their story two or more times in the last year (the exact share is not shown: it would reveal fewer than %(threshold)s people).") % {"limit": format(limit, ".0%"), "told_story_wave": voice.told_story_wave, "threshold": voice.threshold})
    else:
        said = (_("%(share)s of the service users and carers who answered in %(told_story_wave)s had told their story two or more times in the last year.") % {"share": format(share, ".0%"), "told_story_wave": voice.told_story_wave})
    return [(
        [Evidence(said)],
        _("Agree one assessment shared by all partners, and a named person each service user can go back to."),
    )]


@rule(
    "voice.no_user_voice",
    gettext_lazy("No service-user voice"),
    "medium",
    gettext_lazy("Service users and carers should be involved from the start; a partnership that never hears them cannot know whether its outcomes are theirs."),
)
def no_user_voice(facts, today, thresholds):
    voice = facts.voice
    if voice is None or voice.service_user_responses > 0:
        return []
    asked = _("asked service users and carers, but none answered") if voice.service_user_asked else \
        _("never asked service users or carers")
    return [(
        [Evidence(ngettext("%(count)s survey wave (%(waves)s) %(asked)s.", "%(count)s survey waves (%(waves)s) %(asked)s.",
                           len(voice.waves)) % {"count": len(voice.waves), "waves": ", ".join(voice.waves), "asked": asked})],
        _("Run the service-user survey in the next wave, with the easy-read version and paper codes, reaching people through user-led and voluntary partners."),
    )]


@rule(
    "voice.low_response",
    gettext_lazy("Few of those invited answered"),
    "low",
    gettext_lazy("When few people answer, results may speak for a vocal few, and low response itself can be a sign of disengagement."),
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
    answered = _("%(answered)s of the %(invited)s people invited answered (%(rate)s)") % {"answered": voice.answered, "invited": voice.invited, "rate": format(rate, ".0%")} if shown \
        else _("fewer than %(threshold)s of the %(invited)s people invited answered") % {"threshold": voice.threshold, "invited": voice.invited}
    return [(
        [Evidence(_("In %(latest_wave)s, %(answered)s.") % {"latest_wave": voice.latest_wave, "answered": answered})],
        _("Ask partners' managers to give staff time to answer, offer paper codes, and tell people what changed after the last wave."),
    )]


@rule(
    "communication.poor",
    gettext_lazy("Partners say communication is poor"),
    "medium",
    gettext_lazy("Poor communication between partners is one of the commonest reasons partnerships fail: information not shared, decisions that never reach the people who must act on them, professional languages that do not meet."),
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
            _("In %(wave)s's health check, partners scored %(lower)s %(mean)s out of 5 (below %(low)s).") % {"wave": trend.wave, "lower": trend.theme_title.lower(), "mean": format(trend.mean, ".2f"), "low": format(low, "g")}))
    if trend.change is not None and round(-trend.change, 2) >= fall:
        evidence.append(Evidence(
            _("The %(lower)s score fell from %(previous_mean)s in %(previous_wave)s to %(mean)s in %(wave)s (%(value)s points).") % {"lower": trend.theme_title.lower(), "previous_mean": format(trend.previous_mean, ".2f"), "previous_wave": trend.previous_wave, "mean": format(trend.mean, ".2f"), "wave": trend.wave, "value": format(-trend.change, ".2f")}))
    if not evidence:
        return []
    return [(
        evidence,
        _("Ask partners what is not getting through, and agree how information and decisions travel: papers in good time, a short note of each decision to the people who must act on it, plain words rather than each profession's jargon."),
    )]
