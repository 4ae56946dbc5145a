"""The evidence pages: indicators per partnership, the indicator page with its
chart and statistics, areas and events. The import steps are in
import_views.py."""

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView, View

from joinedup.audit.record import record
from joinedup.design_system.spreadsheets import download
from joinedup.partnerships.frameworks import INDICATOR_KINDS
from joinedup.partnerships.models import Partnership
from joinedup.partnerships.pages import PartnershipOfWorkspace
from joinedup.partnerships.views import StartingPoints
from joinedup.workspaces.access import for_workspace
from joinedup.workspaces.record_views import (
    RecordArchive,
    RecordCreate,
    RecordUpdate,
    Register,
    WorkspacePage,
)

from . import forms
from .models import Area, Direction, Event, Frequency, Indicator, Unit
from .presenters import IndicatorPresenter, PartnershipEvidencePresenter

SECTION = "evidence"

AREAS = Register(
    model=Area, form_class=forms.AreaForm, singular=_("area"), plural=_("areas"), url_prefix="indicators:area",
    section=SECTION, columns=[(_("ONS code"), lambda a: a.ons_code), (_("Role"), lambda a: a.role_text)],
)
INDICATORS = Register(
    model=Indicator, form_class=forms.IndicatorForm, singular=_("indicator"), plural=_("indicators"),
    url_prefix="indicators:indicator", section=SECTION, in_partnership=True,
    detail_url_name="indicators:indicator_detail",
)
EVENTS = Register(
    model=Event, form_class=forms.EventForm, singular=_("event"), plural=_("events"),
    url_prefix="indicators:event", section=SECTION, in_partnership=True, anchor="events",
)


class BackToEvidence:
    """Partnership records of the evidence section return to the partnership's evidence page."""

    def list_url(self):
        href = reverse("indicators:partnership_evidence", args=[self.workspace.slug, self.resolve_partnership().pk])
        return f"{href}#{self.register.anchor}" if self.register.anchor else href


class EvidenceCreate(BackToEvidence, RecordCreate):
    pass


class IndicatorCreate(StartingPoints, EvidenceCreate):
    """Adding an indicator, starting from a measure of a national framework
    if the user likes: its name and publisher, to check and complete."""

    starting_point_kinds = INDICATOR_KINDS
    starting_point_noun = _("indicator set")
    starting_point_advice = _("The indicator below starts from a national framework. Check its definition, "
                              "unit and direction against the publisher's, and complete the rest.")

    def starting_values(self, framework, item):
        values = {"name": item.text[:200], "source": f"{framework.publisher}: {framework.title}"[:300]}
        unit = unit_of(item.unit)
        if unit:
            values["unit"] = unit
        # The form has only higher and lower; "no direction" and unchecked leave it to the user.
        if item.direction in Direction.values:
            values["direction"] = item.direction
        if item.frequency in Frequency.values:
            values["frequency"] = item.frequency
        return values


# The catalogue gives a unit in its publisher's words; these begin the ones the
# form has a choice for (a rate per 1,000 or a score has none, and is left to the user).
UNIT_WORDS = [("percentage", Unit.PERCENTAGE), ("rate per 100,000", Unit.RATE), ("number", Unit.COUNT),
              ("days", Unit.DAYS)]


def unit_of(words):
    """The form's unit for a unit in the catalogue's words, or None."""
    for start, unit in UNIT_WORDS:
        if words.lower().startswith(start):
            return unit
    return None


class EvidenceUpdate(BackToEvidence, RecordUpdate):
    pass


class EvidenceArchive(BackToEvidence, RecordArchive):
    pass


def evidence_record_urls(register, path_prefix, create_view=EvidenceCreate):
    name = register.url_prefix.split(":")[1]
    kwargs = {"register": register}
    return [
        path(f"{path_prefix}new/", create_view.as_view(**kwargs), name=f"{name}_add"),
        path(f"{path_prefix}<int:pk>/edit/", EvidenceUpdate.as_view(**kwargs), name=f"{name}_edit"),
        path(f"{path_prefix}<int:pk>/archive/", EvidenceArchive.as_view(**kwargs), name=f"{name}_archive"),
    ]


class EvidencePage(WorkspacePage):
    section = SECTION

    def get_breadcrumbs(self):
        crumbs = super().get_breadcrumbs()
        crumbs.append({"text": gettext("Evidence"), "href": reverse("indicators:evidence", args=[self.workspace.slug])})
        return crumbs


class EvidenceHome(EvidencePage, TemplateView):
    """Every partnership with how many of its outcomes have indicators."""

    template_name = "indicators/evidence.html"

    def get_breadcrumbs(self):
        return WorkspacePage.get_breadcrumbs(self)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        live = Q(outcomes__archived_at__isnull=True)
        partnerships = for_workspace(Partnership, self.workspace).live().annotate(
            n_outcomes=Count("outcomes", filter=live, distinct=True),
            n_indicators=Count("indicators", filter=Q(indicators__archived_at__isnull=True), distinct=True),
            n_measured=Count("outcomes", distinct=True, filter=live & Q(
                outcomes__indicators__id__isnull=False, outcomes__indicators__archived_at__isnull=True)),
        )
        context["partnerships"] = [
            {"name": p.name, "url": reverse("indicators:partnership_evidence", args=[self.workspace.slug, p.pk]),
             "outcomes": p.n_outcomes, "indicators": p.n_indicators, "unmeasured": p.n_outcomes - p.n_measured}
            for p in partnerships
        ]
        context["areas"] = for_workspace(Area, self.workspace).live()
        return context


class PartnershipEvidence(PartnershipOfWorkspace, EvidencePage, TemplateView):
    template_name = "indicators/partnership_evidence.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        partnership = self.get_partnership()
        context["partnership"] = partnership
        context["page"] = PartnershipEvidencePresenter(partnership, self.workspace)
        return context


class IndicatorDetail(EvidencePage, TemplateView):
    template_name = "indicators/indicator.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        indicator = get_object_or_404(
            for_workspace(Indicator, self.workspace).select_related("partnership", "outcome"), pk=self.kwargs["pk"]
        )
        context["breadcrumbs"].append({
            "text": indicator.partnership.name,
            "href": reverse("indicators:partnership_evidence", args=[self.workspace.slug, indicator.partnership_id]),
        })
        context["indicator"] = indicator
        context["page"] = IndicatorPresenter(indicator, self.workspace, periods_page=self.request.GET.get("periods"),
                                             areas_page=self.request.GET.get("areas"))
        return context


class IndicatorValues(EvidencePage, View):
    """The indicator page's table of values, as CSV or XLSX."""

    def get(self, request, *args, **kwargs):
        indicator = get_object_or_404(for_workspace(Indicator, self.workspace).select_related("partnership"),
                                      pk=kwargs["pk"])
        response = download(IndicatorPresenter(indicator, self.workspace).values_table(), kwargs["kind"],
                            f"indicator-{indicator.pk}-values")
        record(self.workspace, request.user, "export", f"downloaded values as {kwargs['kind'].upper()}", indicator)
        return response
