"""Turn a partnership and its register into what the partnership page shows:
summary rows, tables and warnings. Templates only display these."""

from decimal import Decimal
from functools import cached_property

from django.urls import reverse
from django.utils import timezone

from joinedup.design_system.dates import long_date
from joinedup.meetings.models import Meeting
from joinedup.network.headlines import partnership_headlines, workspace_headlines
from joinedup.network.records import web_of
from joinedup.partnerships.amounts import amount_text
from joinedup.partnerships.fixes import record_fix, rule_fix
from joinedup.partnerships.models import Agreement
from joinedup.practice.search import examples_for
from joinedup.review.facts import partnership_facts
from joinedup.review.rules import run_rules
from joinedup.review.services import latest_reviews, review_figures
from joinedup.surveys.results import outcome_voice
from joinedup.workspaces.access import for_workspace


def _date(value):
    return long_date(value) if value else "Not set"


def network_facts(headlines, workspace, partnership_id=None):
    """Headlines of the network with the page (and section) that explains each."""
    home = reverse("network:home", args=[workspace.slug])
    suggestions = reverse("network:suggestions", args=[workspace.slug, partnership_id]) if partnership_id else home
    return [
        {"text": h.text, "url": suggestions if h.section == "suggestions" else f"{home}#{h.section}",
         "link_text": "Who could add a different view" if h.section == "suggestions" else "See the network"}
        for h in headlines
    ]


def workspace_network_facts(workspace, today=None):
    """The two or three network facts that matter most across the workspace."""
    return network_facts(workspace_headlines(web_of(workspace), today or timezone.localdate()), workspace)


# The partnership page's sections, in order, for its sub-navigation.
SECTIONS = [
    ("put-right", "Things to put right"), ("network", "In the network"),
    ("about", "About"), ("outcomes", "Outcomes for people"), ("members", "Members"),
    ("meetings", "Meetings and cost"), ("agreement", "The agreement"),
]


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

    sections = SECTIONS

    @cached_property
    def facts(self):
        """The review's facts about the partnership today: read once for the
        warnings and the summary at the top."""
        return partnership_facts(self.partnership, self.today)

    @cached_property
    def at_a_glance(self):
        """Status, latest verdict, yearly cost, outcome evidence and voice: one
        row each, with the page that has the detail."""
        args = [self.workspace.slug, self.partnership.pk]
        figures = review_figures(self.facts, self.today)
        return [
            {"key": "Status", "value": self.partnership.get_status_display(), "id": "glance-status"},
            {"key": "Latest verdict", **self._verdict(), "id": "glance-verdict",
             "url": reverse("review:partnership_reviews", args=args), "link": "Reviews"},
            {"key": "Yearly cost of meetings", "value": self._cost(figures), "id": "glance-cost",
             "url": reverse("meetings:ledger", args=args), "link": "Cost ledger"},
            {"key": "Outcome evidence", "value": self._evidence(figures), "id": "glance-evidence",
             "url": reverse("indicators:partnership_evidence", args=args), "link": "Evidence"},
            {"key": "Voice", "value": self._voice(), "id": "glance-voice",
             "url": reverse("surveys:partnership", args=args), "link": "Surveys"},
        ]

    def _verdict(self):
        review = next(iter(latest_reviews(self.partnership, 1)), None)
        if review is None:
            return {"value": "Not reviewed yet"}
        text = f"{review.final_verdict_label} (review as at {long_date(review.as_of)})"
        if review.override_verdict:
            text += f"; the rules said {review.get_verdict_display().lower()}, overridden by a person"
        return {"value": text, "verdict": review.final_verdict}

    def _cost(self, figures):
        if "yearly_cost" not in figures:
            return "No meetings recorded"
        count = figures["meetings_in_year"]
        if not count:
            return "No meetings in the last year"
        cost = amount_text(Decimal(figures["yearly_cost"]).quantize(Decimal(1)), "£")
        return f"{cost} for {count} meeting{'s' if count != 1 else ''} in the last year"

    def _evidence(self, figures):
        evidence = self.facts.evidence
        missing = len(evidence.outcomes_without_indicators) if evidence else 0
        gap = f"; {missing} outcome{'s have' if missing != 1 else ' has'} no indicator" if missing else ""
        if not figures.get("indicators"):
            return "No indicators yet" + gap
        measured = figures["indicators_measured"]
        if not measured:
            return f"{figures['indicators']} indicator{'s' if figures['indicators'] != 1 else ''}, none with data since the start" + gap
        text = (f"{figures['indicators_improving']} of {measured} indicator{'s' if measured != 1 else ''} "
                f"measured since the start show{'s' if measured == 1 else ''} a clear improvement")
        if figures["indicators_worse"]:
            text += f"; {figures['indicators_worse']} getting worse"
        return text + gap

    def _voice(self):
        voice = self.facts.voice
        if voice is None:
            return "No survey wave yet"
        text = f"Latest survey wave: {voice.latest_wave} (opened {long_date(voice.latest_opened)})"
        if voice.invited:
            text += f", {voice.answered} answer{'s' if voice.answered != 1 else ''} from {voice.invited} invited"
        return text + ("; service users asked" if voice.service_user_asked else "; service users not yet asked")

    @cached_property
    def network(self):
        """The two or three network facts that matter most for this partnership."""
        return network_facts(partnership_headlines(web_of(self.workspace), self.today, self.partnership.pk),
                             self.workspace, self.partnership.pk)

    @cached_property
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
            for finding in run_rules(self.facts, today=self.today)
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

