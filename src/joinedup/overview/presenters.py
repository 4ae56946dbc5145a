"""Turn a partnership and its register into what the partnership page shows:
summary rows, tables and warnings. Templates only display these."""

from decimal import Decimal
from functools import cached_property

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from joinedup.design_system.dates import long_date
from joinedup.meetings.models import Meeting
from joinedup.network.kept import headlines_for
from joinedup.partnerships import duties
from joinedup.partnerships.amounts import amount_text
from joinedup.partnerships.fixes import record_fix, rule_fix
from joinedup.practice.search import examples_for
from joinedup.review.facts import facts_of_register, read_register
from joinedup.review.rules import run_rules
from joinedup.review.services import latest_reviews, review_figures
from joinedup.surveys.results import outcome_voice
from joinedup.workspaces.access import for_workspace


def _date(value):
    return long_date(value) if value else _("Not set")


def network_facts(headlines, workspace, partnership_id=None):
    """Headlines of the network with the page (and section) that explains each."""
    home = reverse("network:home", args=[workspace.slug])
    suggestions = reverse("network:suggestions", args=[workspace.slug, partnership_id]) if partnership_id else home
    return [
        {"text": h.text, "url": suggestions if h.section == "suggestions" else f"{home}#{h.section}",
         "link_text": _("Who could add a different view") if h.section == "suggestions" else _("See the network")}
        for h in headlines
    ]


def workspace_network_facts(workspace, today=None):
    """The two or three network facts that matter most across the workspace."""
    return network_facts(headlines_for(workspace, today or timezone.localdate()), workspace)


# The partnership page's sections, in order, for its sub-navigation.
SECTIONS = [
    ("put-right", gettext_lazy("Things to put right")), ("network", gettext_lazy("In the network")),
    ("about", gettext_lazy("About")), ("outcomes", gettext_lazy("Outcomes for people")),
    ("members", gettext_lazy("Members")), ("meetings", gettext_lazy("Meetings and cost")),
    ("agreement", gettext_lazy("The agreement")),
]
DUTIES_SECTION = ("duties", gettext_lazy("Legal duties"))


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
            (_("Purpose and vision"), p.purpose or _("Not stated")),
            (_("People it serves"), p.user_groups or _("Not stated")),
            (_("Form"), _("%(form)s (step %(step)s of 6)") % {"form": p.get_form_display(), "step": p.form_step}),
            (_("Policy or statutory driver"), p.driver or _("None recorded")),
            (_("Started"), _date(p.start_date)),
            (_("Review due"), _date(p.review_date)),
            (_("Status"), p.get_status_display()),
        ]

    @property
    def sections(self):
        """The sections of the page, with its legal duties where the law asks it for documents."""
        if not self.legal_duties["duties"] and not self.legal_duties["documents"]:
            return SECTIONS
        return [*SECTIONS, DUTIES_SECTION]

    @cached_property
    def legal_duties(self):
        """Each document the law asks the partnership's kind of body for, with
        the latest recorded and whether it is in time; and the documents recorded."""
        documents = self.register.live_statutory_documents
        state_tags = {
            "in_time": (_("In time"), "green"), "late": (_("Late"), "red"),
            "not_due_yet": (_("Not due yet"), "grey"),
        }
        found = duties.statuses(self.partnership.body, [(d.duty, d.published_on) for d in documents],
                                self.partnership.start_date, self.today)
        return {
            "duties": [
                {"document": s.duty.document, "citation": s.duty.citation, "law_url": s.duty.law.url,
                 "cycle": s.duty.cycle, "latest": _date(s.latest) if s.latest else _("None recorded"),
                 "state": state_tags[s.state][0], "colour": state_tags[s.state][1]}
                for s in found
            ],
            "documents": [
                {"document": d.get_duty_display(), "published": _date(d.published_on), "link": d.link,
                 "note": d.note, "edit_url": self.url("document_edit", d.pk)}
                for d in documents
            ],
        }

    @cached_property
    def register(self):
        """The partnership with its live register (outcomes, members, responsibilities,
        resources, accountabilities, agreement), read once for the review's facts and
        for the sections that list them."""
        return read_register([self.partnership])[0]

    @cached_property
    def facts(self):
        """The review's facts about the partnership today: read once for the
        warnings and the summary at the top. Its cost facts are kept while the records
        they are read from are unchanged (review/kept_facts.py)."""
        return facts_of_register([self.register], self.today, kept_cost=True)[0]

    @cached_property
    def at_a_glance(self):
        """Status, latest verdict, yearly cost, outcome evidence and voice: one
        row each, with the page that has the detail."""
        args = [self.workspace.slug, self.partnership.pk]
        figures = review_figures(self.facts, self.today)
        return [
            {"key": _("Status"), "value": self.partnership.get_status_display(), "id": "glance-status"},
            {"key": _("Latest verdict"), **self._verdict(), "id": "glance-verdict",
             "url": reverse("review:partnership_reviews", args=args), "link": _("Reviews")},
            {"key": _("Yearly cost of meetings"), "value": self._cost(figures), "id": "glance-cost",
             "url": reverse("meetings:ledger", args=args), "link": _("Cost ledger")},
            {"key": _("Outcome evidence"), "value": self._evidence(figures), "id": "glance-evidence",
             "url": reverse("indicators:partnership_evidence", args=args), "link": _("Evidence")},
            {"key": _("Voice"), "value": self._voice(), "id": "glance-voice",
             "url": reverse("surveys:partnership", args=args), "link": _("Surveys")},
        ]

    def _verdict(self):
        review = next(iter(latest_reviews(self.partnership, 1)), None)
        if review is None:
            return {"value": _("Not reviewed yet")}
        text = _("%(verdict)s (review as at %(date)s)") % {
            "verdict": review.final_verdict_label, "date": long_date(review.as_of)}
        if review.override_verdict:
            text += _("; the rules said %(verdict)s, overridden by a person") % {
                "verdict": review.get_verdict_display().lower()}
        return {"value": text, "verdict": review.final_verdict}

    def _cost(self, figures):
        if "yearly_cost" not in figures:
            return _("No meetings recorded")
        count = figures["meetings_in_year"]
        if not count:
            return _("No meetings in the last year")
        cost = amount_text(Decimal(figures["yearly_cost"]).quantize(Decimal(1)), "£")
        return ngettext("%(cost)s for %(count)d meeting in the last year",
                        "%(cost)s for %(count)d meetings in the last year", count) % {"cost": cost, "count": count}

    def _evidence(self, figures):
        evidence = self.facts.evidence
        missing = len(evidence.outcomes_without_indicators) if evidence else 0
        gap = ngettext("; %(count)d outcome has no indicator", "; %(count)d outcomes have no indicator",
                       missing) % {"count": missing} if missing else ""
        if not figures.get("indicators"):
            return _("No indicators yet") + gap
        measured = figures["indicators_measured"]
        if not measured:
            return ngettext("%(count)d indicator, none with data since the start",
                            "%(count)d indicators, none with data since the start",
                            figures["indicators"]) % {"count": figures["indicators"]} + gap
        text = ngettext("%(improving)d of %(count)d indicator measured since the start shows a clear improvement",
                        "%(improving)d of %(count)d indicators measured since the start show a clear improvement",
                        measured) % {"improving": figures["indicators_improving"], "count": measured}
        if figures["indicators_worse"]:
            text += _("; %(count)d getting worse") % {"count": figures["indicators_worse"]}
        return text + gap

    def _voice(self):
        voice = self.facts.voice
        if voice is None:
            return _("No survey wave yet")
        text = _("Latest survey wave: %(wave)s (opened %(date)s)") % {
            "wave": voice.latest_wave, "date": long_date(voice.latest_opened)}
        if voice.invited:
            text += ngettext(", %(answered)d answer from %(invited)d invited",
                             ", %(answered)d answers from %(invited)d invited",
                             voice.answered) % {"answered": voice.answered, "invited": voice.invited}
        return text + (_("; service users asked") if voice.service_user_asked else _("; service users not yet asked"))

    @cached_property
    def network(self):
        """The two or three network facts that matter most for this partnership."""
        return network_facts(headlines_for(self.workspace, self.today, self.partnership.pk),
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

    # The sections below are each shown more than once by the template ({% if %} then
    # {% for %}), so each is worked out once, from the register read once.
    @cached_property
    def members(self):
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
            for m in self.register.live_memberships
        ]

    @cached_property
    def outcomes(self):
        return [
            {
                "statement": o.statement,
                "why_partnership": o.why_partnership,
                "downsides": o.downsides,
                "edit_url": self.url("outcome_edit", o.pk),
            }
            for o in self.register.live_outcomes
        ]

    @cached_property
    def voice_outcomes(self):
        """Which outcomes matter most to service users, and what is missing (suppressed)."""
        return outcome_voice(self.partnership)

    @cached_property
    def examples_from_elsewhere(self):
        """Case studies that bear on this partnership's people and outcomes (docs/practice.md)."""
        return [
            {"title": c.title, "url": reverse("practice:detail", args=[self.workspace.slug, c.pk]),
             "source": "" if c.workspace_id == self.workspace.pk else c.workspace.name,
             "strength": c.get_evidence_strength_display().lower()}
            for c in examples_for(self.partnership, self.workspace, outcomes=self.register.live_outcomes)
        ]

    @cached_property
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
        return getattr(self.register, "agreement", None)

    @cached_property
    def agreement_rows(self):
        agreement = self.agreement
        if agreement is None:
            return []
        overdue = agreement.review_on is not None and agreement.review_on < self.today
        return [
            (_("Summary"), agreement.summary or _("None written")),
            (_("Signed"), _date(agreement.signed_on)),
            (_("Review due"), _date(agreement.review_on) + (" " + _("(overdue)") if overdue else "")),
        ]

    @cached_property
    def responsibilities(self):
        return [
            {
                "task": r.task,
                "responsible": ", ".join(
                    str(x) for x in (r.responsible_organisation, r.responsible_person) if x
                ) or _("No one"),
                "has_owner": r.has_owner,
                "accountable_to": r.accountable_to,
                "outcome": str(r.outcome) if r.outcome else "",
                "edit_url": self.url("responsibility_edit", r.pk),
            }
            for r in self.register.live_responsibilities
        ]

    @cached_property
    def resources(self):
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
            for r in self.register.live_resources
        ]

    @cached_property
    def accountabilities(self):
        return [
            {
                "organisation": a.organisation.name,
                "target": a.target,
                "answerable_to": a.answerable_to,
                "pulls_against": a.pulls_against,
                "edit_url": self.url("accountability_edit", a.pk),
            }
            for a in self.register.live_accountabilities
        ]

