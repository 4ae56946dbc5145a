"""Turn a partnership and its register into what the partnership page shows:
summary rows, tables and warnings. Templates only display these."""

from django.urls import reverse
from django.utils import timezone

from joinedup.design_system.dates import long_date
from joinedup.meetings.models import Meeting
from joinedup.partnerships.amounts import amount_text
from joinedup.partnerships.fixes import record_fix, rule_fix
from joinedup.partnerships.models import Agreement
from joinedup.practice.search import examples_for
from joinedup.review.facts import partnership_facts
from joinedup.review.rules import run_rules
from joinedup.surveys.results import outcome_voice
from joinedup.workspaces.access import for_workspace


def _date(value):
    return long_date(value) if value else "Not set"


class PartnershipPresenter:
    def __init__(self, partnership, workspace, today=None):
        self.partnership = partnership
        self.workspace = workspace
        self.today = today or timezone.localdate()

    def url(self, name, *args):
        return reverse(f"partnerships:{name}", args=[self.workspace.slug, self.partnership.pk, *args])

    @property
    def summary_rows(self):
        p = self.partnership
        return [
            ("Purpose and vision", p.purpose or "Not stated"),
            ("People it serves", p.user_groups or "Not stated"),
            ("Form", f"{p.get_form_display()} (step {p.form_step} of 6)"),
            ("Policy or statutory driver", p.driver or "None recorded"),
            ("Started", _date(p.start_date)),
            ("Review due", _date(p.review_date)),
            ("Status", p.get_status_display()),
        ]

    @property
    def warnings(self):
        """Each finding with the page that puts it right, and each piece of
        evidence with the form of the record it names."""
        return [
            {
                "finding": finding,
                "evidence": [
                    {"text": item.text, "fix": record_fix(self.workspace, self.partnership, item.link)}
                    for item in finding.evidence
                ],
                "fix": rule_fix(self.workspace, self.partnership, finding.rule_id),
            }
            for finding in run_rules(partnership_facts(self.partnership), today=self.today)
        ]

    def _active(self, related):
        return related.live()

    @property
    def members(self):
        rows = self._active(self.partnership.memberships).select_related("organisation", "representative")
        return [
            {
                "organisation": m.organisation.name,
                "sector": m.organisation.get_sector_display(),
                "role": m.get_role_display(),
                "representative": m.representative.name if m.representative else "",
                "joined": _date(m.joined_on) if m.joined_on else "",
                "left": _date(m.left_on) if m.left_on else "",
                "edit_url": self.url("membership_edit", m.pk),
            }
            for m in rows
        ]

    @property
    def outcomes(self):
        return [
            {
                "statement": o.statement,
                "why_partnership": o.why_partnership,
                "downsides": o.downsides,
                "edit_url": self.url("outcome_edit", o.pk),
            }
            for o in self._active(self.partnership.outcomes)
        ]

    @property
    def voice_outcomes(self):
        """Which outcomes matter most to service users, and what is missing (suppressed)."""
        return outcome_voice(self.partnership)

    @property
    def examples_from_elsewhere(self):
        """Case studies that bear on this partnership's people and outcomes (docs/practice.md)."""
        return [
            {"title": c.title, "url": reverse("practice:detail", args=[self.workspace.slug, c.pk]),
             "source": "" if c.workspace_id == self.workspace.pk else c.workspace.name,
             "strength": c.get_evidence_strength_display().lower()}
            for c in examples_for(self.partnership, self.workspace)
        ]

    @property
    def meetings_summary(self):
        """How many meetings are recorded, with links to them and their cost ledger."""
        args = [self.workspace.slug, self.partnership.pk]
        meetings = for_workspace(Meeting, self.workspace).filter(partnership=self.partnership)
        return {
            "count": meetings.live().count(),
            "meetings_url": reverse("meetings:partnership_meetings", args=args),
            "ledger_url": reverse("meetings:ledger", args=args),
            "add_url": reverse("meetings:meeting_add", args=args),
        }

    @property
    def agreement(self):
        return Agreement.objects.filter(partnership=self.partnership).first()

    @property
    def agreement_rows(self):
        agreement = self.agreement
        if agreement is None:
            return []
        overdue = agreement.review_on is not None and agreement.review_on < self.today
        return [
            ("Summary", agreement.summary or "None written"),
            ("Signed", _date(agreement.signed_on)),
            ("Review due", _date(agreement.review_on) + (" (overdue)" if overdue else "")),
        ]

    @property
    def responsibilities(self):
        rows = self._active(self.partnership.responsibilities).select_related(
            "responsible_organisation", "responsible_person", "outcome"
        )
        return [
            {
                "task": r.task,
                "responsible": ", ".join(
                    str(x) for x in (r.responsible_organisation, r.responsible_person) if x
                ) or "No one",
                "has_owner": r.has_owner,
                "accountable_to": r.accountable_to,
                "outcome": str(r.outcome) if r.outcome else "",
                "edit_url": self.url("responsibility_edit", r.pk),
            }
            for r in rows
        ]

    @property
    def resources(self):
        rows = self._active(self.partnership.resources).select_related("organisation")
        return [
            {
                "organisation": r.organisation.name,
                "kind": r.get_kind_display(),
                "amount": amount_text(r.amount, r.unit),
                "period": r.period,
                "status": r.get_status_display(),
                "status_colour": {"agreed": "green", "proposed": "yellow", "disputed": "red"}[r.status],
                "edit_url": self.url("resource_edit", r.pk),
            }
            for r in rows
        ]

    @property
    def accountabilities(self):
        rows = self._active(self.partnership.accountabilities).select_related("organisation")
        return [
            {
                "organisation": a.organisation.name,
                "target": a.target,
                "answerable_to": a.answerable_to,
                "pulls_against": a.pulls_against,
                "edit_url": self.url("accountability_edit", a.pk),
            }
            for a in rows
        ]

