"""The verdict on a partnership, decided by documented rules over its
findings (docs/verdict.md): continue, refocus, refresh, restructure or end.

Each finding belongs to a family, read from the first part of its rule id.
The first rule below that matches gives the verdict; the reasons list the
findings that made it match, so that anyone can see how it was reached."""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

VERDICTS = ("continue", "refocus", "refresh", "restructure", "end")
VERDICT_LABELS = {
    "continue": gettext_lazy("Continue"),
    "refocus": gettext_lazy("Refocus"),
    "refresh": gettext_lazy("Refresh"),
    "restructure": gettext_lazy("Restructure"),
    "end": gettext_lazy("End"),
}
VERDICT_MEANINGS = {
    "continue": gettext_lazy("Keep going: the basics are in place. Put right any smaller findings."),
    "refocus": gettext_lazy("Go back to purpose: agree what the partnership is for, as outcomes for people, and why it needs a partnership."),
    "refresh": gettext_lazy("Bring in new partners, the user's voice, examples from elsewhere and critics: the partnership has gone stale."),
    "restructure": gettext_lazy("Change how the partnership works: its agreement, resources, accountabilities or who leads it."),
    "end": gettext_lazy("Stop, or hand the work to one agency: the effort is not buying a difference for people."),
}

# Rule id prefix → family. A capability adding rules with a new prefix adds it
# here (tests/review/test_verdict.py checks every registered rule has one).
# The verdict rules below read the families: a high "value" finding
# (value.cost_without_evidence) ends, a high "purpose" finding
# (purpose.no_outcomes, purpose.no_shared_purpose) refocuses, a high
# "structure" finding (agreement.missing, resources.disputed,
# accountability.conflicting, people.key_person_moved_on) or two medium ones
# restructure, "staleness" weighing 2 refreshes, "evidence" or "purpose"
# weighing 4 refocuses. "cost" findings never change the verdict on their own:
# the cost of a partnership counts through value.cost_without_evidence.
# "network" findings (duplication, key people) inform but never change it;
# nor do "duty" findings (a statutory document late): the law, not the
# partnership's way of working, is what they answer to.
FAMILY_BY_PREFIX = {
    "purpose": "purpose",
    "agreement": "structure",
    "resources": "structure",
    "accountability": "structure",
    "people": "structure",
    "communication": "structure",
    "stale": "staleness",
    "voice": "staleness",
    "value": "value",
    "cost": "cost",
    "evidence": "evidence",
    "network": "network",
    "duty": "duty",
}
WEIGHT = {"high": 3, "medium": 2, "low": 1}


@dataclass(frozen=True)
class Verdict:
    verdict: str
    reasons: list

    @property
    def label(self):
        return str(VERDICT_LABELS[self.verdict])


def family_of(rule_id):
    return FAMILY_BY_PREFIX.get(rule_id.split(".", 1)[0], "other")


def _described(findings):
    return [f"{f.title} ({f.rule_id}, {f.severity})" for f in findings]


def decide(findings):
    """The verdict and its reasons from a list of findings (objects or dicts
    with rule_id, title and severity)."""
    findings = [_plain(f) for f in findings]
    families = {}
    for f in findings:
        families.setdefault(family_of(f.rule_id), []).append(f)

    def of(family, severities=("high",)):
        return [f for f in families.get(family, []) if f.severity in severities]

    def weight(family):
        return sum(WEIGHT[f.severity] for f in families.get(family, []))

    purpose_high, structure_high, value_high = of("purpose"), of("structure"), of("value")
    structure_serious = of("structure", ("high", "medium"))
    if value_high:
        return Verdict("end", [
            _("End: the partnership is all cost and no evidence of a difference for people."),
            *_described(value_high)])
    if purpose_high:
        return Verdict("refocus", [
            _("Refocus: the shared purpose is missing, and everything else follows from it."),
            *_described(purpose_high)])
    if structure_high or len(structure_serious) >= 2:
        return Verdict("restructure", [
            _("Restructure: the agreement, resources, accountabilities, leadership or the way it meets and communicates do not hold."), *_described(structure_serious)])
    if weight("staleness") >= 2:
        return Verdict("refresh", [
            _("Refresh: the partnership shows signs of going stale."),
            *_described(families["staleness"])])
    if weight("evidence") >= 4 or weight("purpose") >= 4:
        driving = [f for f in findings if family_of(f.rule_id) in ("evidence", "purpose")]
        return Verdict("refocus", [
            _("Refocus: the outcomes are not stated, justified, measured or moving well enough to test the partnership against."), *_described(driving)])
    reasons = [_("Continue: no finding calls for a change of course.")]
    if findings:
        reasons.append(ngettext("%(count)s smaller finding to put right:", "%(count)s smaller findings to put right:",
                                len(findings)) % {"count": len(findings)})
        reasons += _described(findings)
    return Verdict("continue", reasons)


@dataclass(frozen=True)
class _Plain:
    rule_id: str
    title: str
    severity: str


def _plain(finding):
    if isinstance(finding, dict):
        return _Plain(finding["rule_id"], finding["title"], finding["severity"])
    return _Plain(finding.rule_id, finding.title, finding.severity)
