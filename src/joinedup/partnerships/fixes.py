"""Where each warning about a partnership is put right.

A review rule names the records behind a finding in its evidence, as a link
key such as ``outcome:12`` (rules are plain functions and know no web
addresses); this module turns those keys, and each rule id, into the page
that fixes the finding: the outcome's edit form for an outcome with no reason
for working in partnership, the meetings for fewer decisions at each meeting,
and so on. Both the partnership page and the review report use it."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

# Link key kind → (URL name of the record's edit form, link text).
RECORD_FORMS = {
    "outcome": ("partnerships:outcome_edit", _("Change this outcome")),
    "responsibility": ("partnerships:responsibility_edit", _("Change this responsibility")),
    "resource": ("partnerships:resource_edit", _("Change this resource")),
    "accountability": ("partnerships:accountability_edit", _("Change this target")),
    "membership": ("partnerships:membership_edit", _("Change this member")),
    "document": ("partnerships:document_edit", _("Change this document")),
}

# Rule id (or its family, before the dot) → (page, link text). Pages:
# a partnership URL name taking (workspace, partnership), or "#anchor" on the
# partnership page.
RULE_FIXES = {
    "purpose.no_outcomes": ("partnerships:outcome_add", _("Add an outcome")),
    "purpose.no_shared_purpose": ("partnerships:partnership_edit", _("Write the purpose and vision")),
    "agreement.missing": ("partnerships:agreement_edit", _("Record the agreement")),
    "agreement.past_review": ("partnerships:agreement_edit", _("Review the agreement and its dates")),
    "stale.same_people": ("partnerships:membership_add", _("Add a member organisation")),
    "stale.low_sector_diversity": ("partnerships:membership_add", _("Add a member organisation")),
    "stale.no_user_led_or_voluntary": ("partnerships:membership_add", _("Add a member organisation")),
    "stale.decisions_falling": ("meetings:partnership_meetings", _("See the meetings and their decisions")),
    "stale.no_dissent": ("surveys:partnership", _("See the partnership's surveys")),
    "cost.person_in_many_partnerships": ("meetings:load", _("See people's meeting load")),
    "cost.attendance_falling": ("meetings:partnership_meetings", _("See the meetings and who came")),
    "cost": ("meetings:ledger", _("See the meeting cost ledger")),
    "evidence": ("indicators:partnership_evidence", _("See the partnership's outcome evidence")),
    "value": ("indicators:partnership_evidence", _("See the partnership's outcome evidence")),
    "voice": ("surveys:partnership", _("See the partnership's surveys")),
    "communication": ("surveys:partnership", _("See the partnership's surveys")),
    "purpose": ("#outcomes", _("See the outcomes")),
    "agreement": ("#agreement", _("See the agreement")),
    "resources": ("#resources", _("See the resources")),
    "accountability": ("#accountabilities", _("See the partners' targets")),
    "people": ("#members", _("See the members")),
    "duty": ("partnerships:document_add", _("Record a published document")),
}
# Pages that belong to the workspace, not to one partnership.
WORKSPACE_PAGES = {"meetings:load"}


@dataclass(frozen=True)
class Fix:
    url: str
    text: str


def record_fix(workspace, partnership, link):
    """The edit form of the record an evidence item names, or None."""
    kind, _, pk = str(link or "").partition(":")
    if kind not in RECORD_FORMS or not pk.isdigit():
        return None
    name, text = RECORD_FORMS[kind]
    return Fix(reverse(name, args=[workspace.slug, partnership.pk, int(pk)]), text)


def rule_fix(workspace, partnership, rule_id):
    """The page where a finding of ``rule_id`` is put right or its records are seen."""
    target = RULE_FIXES.get(rule_id) or RULE_FIXES.get(rule_id.split(".", 1)[0])
    if target is None:
        return None
    page, text = target
    if page.startswith("#"):
        return Fix(reverse("partnerships:detail", args=[workspace.slug, partnership.pk]) + page, text)
    args = [workspace.slug] if page in WORKSPACE_PAGES else [workspace.slug, partnership.pk]
    return Fix(reverse(page, args=args), text)
