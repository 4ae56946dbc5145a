"""Meeting pages: the workspace overview and meeting load, a partnership's
meetings, recording a meeting, and the cost ledger with its exports."""

from datetime import timedelta
from decimal import Decimal

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from joinedup.audit.record import record
from joinedup.design_system.spreadsheets import download
from joinedup.partnerships.models import Partnership
from joinedup.partnerships.pages import PartnershipOfWorkspace
from joinedup.workspaces.access import for_workspace
from joinedup.workspaces.models import Role
from joinedup.workspaces.record_views import WorkspacePage

from . import exports
from .ledger import partnership_ledger
from .load import meeting_load
from .models import Meeting
from .presenters import LedgerPresenter, MeetingPresenter, meeting_row, money
from .recording import meeting_forms, meeting_of, save_meeting
from .review_facts import facts_for as cost_facts_for
from .scales import missing_figures_for, rates_for, scale_used_note


class MeetingsPage(WorkspacePage, TemplateView):
    section = "meetings"

    def pay_scale_context(self, rates=None):
        """Which nation's pay scale costs this workspace's meetings, and what of
        that nation's pay joinedup does not have (templates/meetings/_pay_scale_note.html)."""
        rates = rates or rates_for(self.workspace)
        return {
            "pay_scale_used": scale_used_note(self.workspace, rates),
            "pay_missing": missing_figures_for(self.workspace, rates.costed_nations),
            "pay_scale_url": reverse("meetings:payband_list", args=[self.workspace.slug]),
        }

    def get_breadcrumbs(self):
        crumbs = super().get_breadcrumbs()
        crumbs.append({"text": _("Meetings and cost"), "href": reverse("meetings:home", args=[self.workspace.slug])})
        return crumbs


class Overview(MeetingsPage):
    template_name = "meetings/overview.html"

    def get_breadcrumbs(self):
        return WorkspacePage.get_breadcrumbs(self)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        partnerships = list(for_workspace(Partnership, self.workspace).live())
        today = timezone.localdate()
        facts = cost_facts_for(partnerships, today)
        rows = []
        for p in partnerships:
            meetings = facts[p.pk].meetings if p.pk in facts else ()
            recent = [m for m in meetings if m.held_on > today - timedelta(days=365)]
            rows.append({
                "name": p.name, "meetings": len(meetings), "recent": len(recent),
                "cost": money(sum((m.cost for m in recent), Decimal("0.00"))),
                "ledger_url": reverse("meetings:ledger", args=[self.workspace.slug, p.pk]),
                "meetings_url": reverse("meetings:partnership_meetings", args=[self.workspace.slug, p.pk]),
            })
        context["partnerships"] = rows
        return context


class Load(MeetingsPage):
    template_name = "meetings/load.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        load = meeting_load(self.workspace)
        context["load"] = load
        context["people"] = [
            {"name": p.name, "organisation": p.organisation, "partnerships": p.partnerships,
             "meetings": p.meetings, "hours": p.hours_per_month, "cost": money(p.cost),
             # Someone first met in an imported calendar has no organisation yet: no stray "; ".
             "about": "; ".join(part for part in (p.organisation, p.pay_band or _("no pay band (costed at the default)"))
                                if part)}
            for p in load.people
        ]
        context["organisations"] = [
            {"name": o.name, "people": o.people, "hours": o.hours, "cost": money(o.cost)} for o in load.organisations
        ]
        return context


class PartnershipMeetingsPage(PartnershipOfWorkspace, MeetingsPage):

    def get_breadcrumbs(self):
        p = self.get_partnership()
        crumbs = WorkspacePage.get_breadcrumbs(self)
        crumbs.append({"text": p.name, "href": reverse("partnerships:detail", args=[self.workspace.slug, p.pk])})
        return crumbs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["partnership"] = self.get_partnership()
        return context


class PartnershipMeetings(PartnershipMeetingsPage):
    template_name = "meetings/partnership_meetings.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        ledger = partnership_ledger(self.workspace, self.get_partnership())
        context["rows"] = [meeting_row(row, self.workspace, ledger.partnership) for row in reversed(ledger.meetings)]
        context["planned"] = [meeting_row(row, self.workspace, ledger.partnership) for row in ledger.planned]
        context["ledger_url"] = reverse("meetings:ledger", args=[self.workspace.slug, ledger.partnership.pk])
        return context


class MeetingFormPage(PartnershipMeetingsPage):
    template_name = "meetings/meeting_form.html"
    needs = Role.EDITOR

    def get_meeting(self):
        if "pk" not in self.kwargs:
            return None
        try:
            return meeting_of(self.workspace, self.get_partnership(), self.kwargs["pk"])
        except Meeting.DoesNotExist as missing:
            raise Http404("No such meeting") from missing

    def get(self, request, *args, **kwargs):
        forms = meeting_forms(self.workspace, self.get_partnership(), self.get_meeting())
        return self.render_to_response(self.get_context_data(forms=forms))

    def post(self, request, *args, **kwargs):
        forms = meeting_forms(self.workspace, self.get_partnership(), self.get_meeting(), data=request.POST)
        if not forms.is_valid():
            return self.render_to_response(self.get_context_data(forms=forms))
        meeting = save_meeting(forms)
        messages.success(request, _("Meeting saved: %(meeting)s") % {"meeting": meeting})
        if "add_more" in request.POST:
            return redirect("meetings:meeting_edit", self.workspace.slug, meeting.partnership_id, meeting.pk)
        return redirect("meetings:meeting_detail", self.workspace.slug, meeting.partnership_id, meeting.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        meeting = self.get_meeting()
        context["heading"] = _("Change the meeting: %(title)s") % {"title": meeting.title} if meeting else _("Record a meeting")
        context["cancel_url"] = reverse("meetings:partnership_meetings", args=[self.workspace.slug, self.get_partnership().pk])
        context.update(self.pay_scale_context())
        return context


class MeetingDetail(PartnershipMeetingsPage):
    template_name = "meetings/meeting_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        try:
            meeting = meeting_of(self.workspace, self.get_partnership(), self.kwargs["pk"])
        except Meeting.DoesNotExist as missing:
            raise Http404("No such meeting") from missing
        context["meeting"] = meeting
        rates = rates_for(self.workspace)
        context["page"] = MeetingPresenter(meeting, rates)
        context.update(self.pay_scale_context(rates))
        context["edit_url"] = reverse("meetings:meeting_edit", args=[self.workspace.slug, meeting.partnership_id, meeting.pk])
        return context


class LedgerView(PartnershipMeetingsPage):
    template_name = "meetings/ledger.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        ledger = partnership_ledger(self.workspace, self.get_partnership())
        context["page"] = LedgerPresenter(ledger, self.workspace)
        context.update(self.pay_scale_context(ledger.rates))
        return context


class LedgerExport(PartnershipMeetingsPage):
    kind = "csv"

    def get(self, request, *args, **kwargs):
        partnership = self.get_partnership()
        ledger = partnership_ledger(self.workspace, partnership)
        response = download(exports.meetings_table(ledger), self.kind, f"meeting-cost-{partnership.pk}",
                            *exports.ledger_sheets(ledger))
        record(self.workspace, request.user, "export", f"downloaded meeting cost as {self.kind.upper()}", partnership)
        return response
