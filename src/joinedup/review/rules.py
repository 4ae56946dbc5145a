"""The review rules: plain functions from `PartnershipFacts` to findings.

Each rule has a stable id (used in docs/review-rules.md, in stored reviews and
in tests), a title, a severity, and returns zero or more findings, each with
the evidence it rests on and what to do. Later rule families (cost, evidence,
voice, staleness) register themselves here with the same decorator."""

from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from joinedup.design_system.dates import long_date
from joinedup.partnerships.amounts import amount_text

from .thresholds import review_thresholds

SEVERITIES = ("high", "medium", "low")


@dataclass(frozen=True)
class Evidence:
    """One fact a finding rests on, with a link to the record when there is one."""

    text: str
    link: str = ""


@dataclass(frozen=True)
class Finding:
    rule_id: str
    title: str
    severity: str
    evidence: list[Evidence]
    advice: str
    why_it_matters: str = ""


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    severity: str
    why_it_matters: str
    check: object = field(repr=False)


RULES: dict[str, Rule] = {}


class FindingWithoutEvidence(ValueError):
    """A rule returned a finding with nothing to show for it: no finding
    without evidence."""


def rule(rule_id, title, severity, why_it_matters):
    """Register a rule. The decorated function takes (facts, today, thresholds)
    and returns a list of (evidence list, advice) pairs, one per finding."""
    if severity not in SEVERITIES:
        raise ValueError(f"Unknown severity {severity!r} for rule {rule_id}")

    def register(check):
        if rule_id in RULES:
            raise ValueError(f"Rule id {rule_id} is registered twice")
        RULES[rule_id] = Rule(rule_id, title, severity, why_it_matters, check)
        return check

    return register


def _checked(rule_id, evidence):
    """The finding's evidence as a list, or FindingWithoutEvidence if it has none."""
    evidence = list(evidence or ())
    if not evidence:
        raise FindingWithoutEvidence(f"Rule {rule_id} returned a finding with no evidence.")
    for item in evidence:
        if not isinstance(item, Evidence) or not str(item.text).strip():
            raise FindingWithoutEvidence(
                f"Rule {rule_id} returned a finding whose evidence {item!r} has no text."
            )
    return evidence


def run_rules(facts, today=None, thresholds=None, rule_ids=None):
    """Every registered rule's findings for one partnership, most severe first.

    `thresholds` is what the rules compare against; without it the
    deployment's (`review_thresholds()`: the defaults with
    settings.REVIEW_THRESHOLDS applied) are read here, so that the rules
    themselves never read settings. A rule that returns a finding without
    evidence raises FindingWithoutEvidence."""
    today = today or date.today()
    if thresholds is None:
        thresholds = review_thresholds()
    findings = []
    for current in RULES.values():
        if rule_ids is not None and current.id not in rule_ids:
            continue
        for evidence, advice in current.check(facts, today, thresholds):
            evidence = _checked(current.id, evidence)
            findings.append(
                Finding(
                    rule_id=current.id,
                    # Rule texts are translated lazily; a finding keeps them as text
                    # in the language active when the review ran (it is stored as JSON).
                    title=str(current.title),
                    severity=current.severity,
                    evidence=evidence,
                    advice=str(advice),
                    why_it_matters=str(current.why_it_matters),
                )
            )
    findings.sort(key=lambda f: SEVERITIES.index(f.severity))
    return findings


@rule(
    "purpose.no_outcomes",
    gettext_lazy("No outcomes stated"),
    "high",
    gettext_lazy("A partnership without a shared purpose stated as outcomes for people cannot show what difference it makes, and drifts into being an end in itself."),
)
def no_outcomes(facts, today, thresholds):
    if facts.outcomes:
        return []
    return [
        (
            [Evidence(_("%(name)s has no outcomes recorded.") % {"name": facts.name})],
            _("Agree two to five outcomes in the words of the people the partnership serves, and record them here."),
        )
    ]


@rule(
    "purpose.no_why_partnership",
    gettext_lazy("Outcome with no reason for working in partnership"),
    "medium",
    gettext_lazy("Partnership working has costs; each outcome should say why no one agency could reach it alone, or the effort may be better spent elsewhere."),
)
def outcome_without_why(facts, today, thresholds):
    missing = [o for o in facts.outcomes if not o.why_partnership.strip()]
    if not missing:
        return []
    return [
        (
            [Evidence(_("\"%(statement)s\" has no \"why a partnership\".") % {"statement": o.statement}, f"outcome:{o.id}") for o in missing],
            _("For each outcome, write down why it needs more than one agency. If it does not, let one agency own it."),
        )
    ]


@rule(
    "agreement.responsibility_without_owner",
    gettext_lazy("Responsibility with no one responsible"),
    "medium",
    gettext_lazy("Unclear accountability is one of the commonest reasons partnerships fail: a task everyone shares is a task no one does."),
)
def responsibility_without_owner(facts, today, thresholds):
    missing = [r for r in facts.responsibilities if not r.has_owner]
    if not missing:
        return []
    return [
        (
            [Evidence(_("\"%(task)s\" has no responsible organisation or person.") % {"task": r.task}, f"responsibility:{r.id}")
             for r in missing],
            _("Name one organisation or person responsible for each task in the agreement."),
        )
    ]


@rule(
    "resources.disputed",
    gettext_lazy("Disputed resources"),
    "high",
    gettext_lazy("Resources that are not sorted out breed mistrust between partners and stall the work the partnership exists to do."),
)
def disputed_resources(facts, today, thresholds):
    disputed = [r for r in facts.resources if r.status == "disputed"]
    if not disputed:
        return []
    return [
        (
            [
                Evidence((_("%(organisation)s's %(kind)s contribution of %(amount)s is disputed.") % {
                             "organisation": r.organisation, "kind": r.kind.replace("_", " "),
                             "amount": amount_text(r.amount, r.unit)}) if r.amount is not None else
                         (_("%(organisation)s's %(kind)s contribution is disputed.") % {
                             "organisation": r.organisation, "kind": r.kind.replace("_", " ")}),
                         f"resource:{r.id}")
                for r in disputed
            ],
            _("Settle who puts in what before more work is planned on it; record the agreed amounts rather than splitting everything evenly."),
        )
    ]


@rule(
    "agreement.past_review",
    gettext_lazy("Agreement past its review date"),
    "medium",
    gettext_lazy("An agreement nobody has looked at since it was signed no longer describes who does what, especially once key people have moved on."),
)
def agreement_past_review(facts, today, thresholds):
    agreement = facts.agreement
    if agreement is None or agreement.review_on is None or agreement.review_on >= today:
        return []
    overdue = (today - agreement.review_on).days
    return [
        (
            [Evidence(ngettext("The agreement was due for review on %(date)s, %(count)s day ago.",
                               "The agreement was due for review on %(date)s, %(count)s days ago.",
                               overdue) % {"date": long_date(agreement.review_on), "count": overdue})],
            _("Review the agreement with all partners: check each responsibility, resource and accountability still holds, and set the next review date."),
        )
    ]


@rule(
    "agreement.missing",
    gettext_lazy("No written agreement"),
    "high",
    gettext_lazy("Without a written agreement on who does what, partners assume different things and accountability is lost."),
)
def agreement_missing(facts, today, thresholds):
    if facts.agreement is not None or facts.responsibilities:
        return []
    return [
        (
            [Evidence(_("%(name)s has no agreement and no responsibilities recorded.") % {"name": facts.name})],
            _("Write down who does what, with what resources, and to whom each partner answers."),
        )
    ]



# Rule families register themselves on import; keep these last.
from . import (  # noqa: E402, F401
    cost_rules,
    duty_rules,
    evidence_rules,
    failure_rules,
    network_rules,
    staleness_rules,
    value_rules,
    voice_rules,
)
