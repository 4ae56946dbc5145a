"""Failure-risk rules that read the register: purpose, accountabilities,
people moving on, downsides. Registered on import by review/rules.py."""

from dateutil.relativedelta import relativedelta
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from joinedup.design_system.dates import long_date

from .rules import Evidence, rule
from .thresholds import threshold
from .wording import is_user_voiced, why_not_user_voiced


@rule(
    "purpose.no_shared_purpose",
    gettext_lazy("No shared purpose written down"),
    "high",
    gettext_lazy("Partners who have not agreed what the partnership is for each pursue their own aims; a shared purpose is the first condition of partnership working."),
)
def no_shared_purpose(facts, today, thresholds):
    if facts.purpose.strip():
        return []
    return [
        (
            [Evidence(_("%(name)s has no purpose or vision recorded.") % {"name": facts.name})],
            _("Agree with all partners, in one or two plain sentences, what the partnership is for and whom it serves, then state its outcomes in those people's words."),
        )
    ]


@rule(
    "purpose.not_user_voiced",
    gettext_lazy("Outcomes not stated from the user's point of view"),
    "medium",
    gettext_lazy("Outcomes worded around services (targets, activity, performance) test the partnership against what it does rather than the difference it makes to people."),
)
def outcomes_not_user_voiced(facts, today, thresholds):
    if not facts.outcomes:
        return []
    flagged = [o for o in facts.outcomes if not is_user_voiced(o.statement)]
    share = len(flagged) / len(facts.outcomes)
    if not flagged or share < threshold(thresholds, "service_centred_outcome_share"):
        return []
    evidence = [Evidence(_("\"%(statement)s\" is %(why_not_user_voiced)s.") % {"statement": o.statement, "why_not_user_voiced": why_not_user_voiced(o.statement)}, f"outcome:{o.id}")
                for o in flagged]
    evidence.append(
        Evidence(_("%(flagged_count)s of %(outcomes_count)s outcomes are worded around the service.") % {"flagged_count": len(flagged), "outcomes_count": len(facts.outcomes)})
    )
    return [
        (
            evidence,
            _("Rewrite each outcome with service users and carers, in their words: what will be different for them (\"I only have to tell my story once\"). Keep service targets as indicators of the outcome, not as the outcome."),
        )
    ]


@rule(
    "purpose.no_downsides",
    gettext_lazy("Downsides never recorded"),
    "medium",
    gettext_lazy("Partnership is not always the answer: a partnership that has never considered what working together could cost or put at risk is treating it as an end in itself."),
)
def downsides_never_recorded(facts, today, thresholds):
    if not facts.outcomes or any(o.downsides.strip() for o in facts.outcomes):
        return []
    return [
        (
            [Evidence(_("None of the %(outcomes_count)s outcomes has any downside recorded.") % {"outcomes_count": len(facts.outcomes)})],
            _("For each outcome, ask what working in partnership on it could cost, slow down or put at risk, and how the partnership will notice."),
        )
    ]


@rule(
    "accountability.conflicting",
    gettext_lazy("Partners' own targets pull against the shared outcomes"),
    "high",
    gettext_lazy("When partners answer to targets that pull in different directions, each does what its own regulator counts and the shared outcomes lose."),
)
def conflicting_accountabilities(facts, today, thresholds):
    pulling = [a for a in facts.accountabilities if a.pulls_against]
    if not pulling:
        return []
    return [
        (
            [
                Evidence(_("%(organisation)s's target \"%(target)s\" pulls against the shared outcomes.") % {"organisation": a.organisation, "target": a.target},
                         f"accountability:{a.id}")
                for a in pulling
            ],
            _("Bring the partners and, where needed, those they answer to together to agree how the conflicting target will be met without undermining the shared outcome; write the settlement into the agreement."),
        )
    ]


def _moved_on(member, today):
    return member.representative_to is not None and member.representative_to < today


@rule(
    "people.key_person_moved_on",
    gettext_lazy("Key person moved on with no successor"),
    "high",
    gettext_lazy("Partnerships rest on relationships between individuals; when a lead or the only link with a partner moves on and no one takes over, the partnership loses its memory and its commitments."),
)
def key_person_moved_on(facts, today, thresholds):
    evidence = []
    current = [m for m in facts.members if m.is_current(today)]
    for m in current:
        if not _moved_on(m, today):
            continue
        if m.role == "lead":
            evidence.append(Evidence(
                _("%(representative)s, who represents the lead partner %(organisation)s, moved on on %(representative_to)s and no successor is named.") % {"representative": m.representative, "organisation": m.organisation, "representative_to": long_date(m.representative_to)}, f"membership:{m.id}"))
        elif m.colleagues_in_post == 0:
            evidence.append(Evidence(
                _("%(representative)s was the only person from %(organisation)s and moved on on %(representative_to)s.") % {"representative": m.representative, "organisation": m.organisation, "representative_to": long_date(m.representative_to)}, f"membership:{m.id}"))
    left_leads = [m for m in facts.members if m.role == "lead" and not m.is_current(today)]
    if left_leads and not any(m.role == "lead" for m in current):
        for m in left_leads:
            evidence.append(Evidence(
                _("The lead partner %(organisation)s left on %(left_on)s and no organisation has taken over the lead.") % {"organisation": m.organisation, "left_on": long_date(m.left_on)}))
    if not evidence:
        return []
    return [
        (
            evidence,
            _("Name a successor for each role now, hand over the agreement and open actions in person, and record the new representative here."),
        )
    ]


@rule(
    "resources.unresolved",
    gettext_lazy("Resources still not agreed"),
    "low",
    gettext_lazy("Resources left as proposals long after the start mean partners are working on promises; unsorted resources are a common cause of partnerships stalling."),
)
def unresolved_resources(facts, today, thresholds):
    if facts.start_date is None:
        return []
    months = threshold(thresholds, "unresolved_resource_months")
    if today < facts.start_date + relativedelta(months=months):
        return []
    proposed = [r for r in facts.resources if r.status == "proposed"]
    if not proposed:
        return []
    return [
        (
            [
                Evidence(_("%(organisation)s's %(replace)s contribution is still proposed, %(months)s months or more after the start on %(start_date)s.") % {"organisation": r.organisation, "replace": r.kind.replace('_', ' '), "months": months, "start_date": long_date(facts.start_date)},
                         f"resource:{r.id}")
                for r in proposed
            ],
            _("Agree each proposed contribution or take it out of the plan; do not build services on resources that are not committed."),
        )
    ]
