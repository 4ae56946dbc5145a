"""The good-practice library: browse and search, read, write, start from a
review, publish, and move case studies between joinedup instances."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.syndication.views import Feed
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views import View
from django.views.generic import FormView, TemplateView

from joinedup.audit.record import record
from joinedup.organisations.models import Sector
from joinedup.partnerships.models import Form
from joinedup.workspaces.access import for_workspace, workspace_for
from joinedup.workspaces.models import Role
from joinedup.workspaces.record_views import WorkspacePage

from . import search, services
from .forms import CaseStudyForm, ImportForm
from .models import CaseStudy, EvidenceStrength, Visibility

PAGE_SIZE = 20
FILTERS = {
    "form": (gettext_lazy("Form of partnership"), Form.choices),
    "sector": (gettext_lazy("Sector of a partner"), Sector.choices),
    "strength": (gettext_lazy("Strength of evidence"), EvidenceStrength.choices),
}


class PracticePage(WorkspacePage):
    section = "practice"

    def get_breadcrumbs(self):
        crumbs = super().get_breadcrumbs()
        crumbs.append({"text": _("Good practice"), "href": reverse("practice:library", args=[self.workspace.slug])})
        return crumbs


def filtered(queryset, params):
    """The case studies that pass the chosen filters (docs/practice.md)."""
    if params.get("form") in Form.values:
        queryset = queryset.filter(form=params["form"])
    if params.get("strength") in EvidenceStrength.values:
        queryset = queryset.filter(evidence_strength=params["strength"])
    if params.get("sector") in Sector.values:
        # The JSON list's text holds each code in quotes; this reads the same on both databases.
        queryset = queryset.filter(sectors__icontains=f'"{params["sector"]}"')
    if params.get("people", "").strip():
        queryset = queryset.filter(user_group__icontains=params["people"].strip()[:100])
    if params.get("area", "").strip():
        queryset = queryset.filter(outcome_area__icontains=params["area"].strip()[:100])
    return queryset


class Library(PracticePage, TemplateView):
    template_name = "practice/library.html"

    def get_breadcrumbs(self):
        return WorkspacePage.get_breadcrumbs(self)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        params = self.request.GET
        query = params.get("q", "")[:300]
        try:
            page = max(1, int(params.get("page", "1")))
        except ValueError:
            page = 1
        queryset = filtered(search.visible_to(self.workspace), params)
        results = search.find(queryset, query, seen_by=self.workspace, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
        kept = {k: v for k, v in params.items() if k != "page" and v}
        context.update(
            query=query, results=results.case_studies, total=results.total, page=page,
            pages=max(1, -(-results.total // PAGE_SIZE)),
            next_query=_query_string(kept, page + 1) if page * PAGE_SIZE < results.total else "",
            previous_query=_query_string(kept, page - 1) if page > 1 else "",
            filters=[{"name": name, "label": label, "choices": choices, "chosen": params.get(name, "")}
                     for name, (label, choices) in FILTERS.items()],
            people=params.get("people", ""), area=params.get("area", ""),
        )
        return context


def _query_string(params, page):
    return urlencode({**params, "page": page})


class Detail(PracticePage, TemplateView):
    template_name = "practice/detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        case_study = get_object_or_404(search.visible_to(self.workspace).select_related("workspace"), pk=kwargs["pk"])
        context.update(
            case_study=case_study,
            own=case_study.workspace_id == self.workspace.pk,
            similar=search.similar_to(case_study, self.workspace),
        )
        return context


class CaseStudyEdit(PracticePage, FormView):
    """Write a case study, or change one of this workspace's."""

    template_name = "practice/form.html"
    form_class = CaseStudyForm
    needs = Role.EDITOR

    def dispatch(self, request, *args, **kwargs):
        self.case_study = None
        return super().dispatch(request, *args, **kwargs)

    def get_instance(self):
        if "pk" in self.kwargs:
            return get_object_or_404(for_workspace(CaseStudy, self.workspace), pk=self.kwargs["pk"])
        return CaseStudy(workspace=self.workspace)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        self.case_study = self.case_study or self.get_instance()
        kwargs["instance"] = self.case_study
        kwargs["strength_from_review"] = self.case_study.evidence_from_review
        return kwargs

    def form_valid(self, form):
        case_study = services.save(form.save(commit=False), self.request.user)
        messages.success(self.request, _("Case study saved: %(lower)s.") % {"lower": case_study.get_visibility_display().lower()})
        return redirect("practice:detail", self.workspace.slug, case_study.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["heading"] = _("Change the case study") if self.case_study.pk else _("Write a case study")
        context["case_study"] = self.case_study
        context["cancel_url"] = (reverse("practice:detail", args=[self.workspace.slug, self.case_study.pk])
                                 if self.case_study.pk else reverse("practice:library", args=[self.workspace.slug]))
        return context


class Export(PracticePage, View):
    def get(self, request, *args, **kwargs):
        own = for_workspace(CaseStudy, self.workspace).filter(archived_at__isnull=True).order_by("pk")
        response = HttpResponse(services.export_json(own), content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{self.workspace.slug}-case-studies.json"'
        record(self.workspace, request.user, "export", "downloaded case studies as JSON", label=" ".join([str(len(own)), "case studies"]))  # an audit entry: stays English
        return response


class Import(PracticePage, FormView):
    template_name = "practice/import.html"
    form_class = ImportForm
    needs = Role.EDITOR
    MAX_BYTES = 5 * 1024 * 1024

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        if upload.size > self.MAX_BYTES:
            form.add_error("file", _("The file is larger than 5 MB. Split it into smaller exports."))
            return self.form_invalid(form)
        try:
            made = services.import_json(upload.read(), self.workspace, self.request.user)
        except services.UnreadableExport as error:
            for problem in error.problems[:20]:
                form.add_error("file", problem)
            if len(error.problems) > 20:
                form.add_error("file", _("and %(value)s more problems. Nothing was imported.") % {"value": len(error.problems) - 20})
            else:
                form.add_error("file", _("Nothing was imported."))
            return self.form_invalid(form)
        record(self.workspace, self.request.user, "import", "imported case studies", label=upload.name,
               changes=f"Case studies added as drafts: {len(made)}")
        messages.success(self.request, ngettext("Imported %(count)s case study as drafts.",
                                                "Imported %(count)s case studies as drafts.", len(made)) % {"count": len(made)})
        return redirect("practice:library", self.workspace.slug)


class NewCaseStudies(Feed):
    """Atom feed of the case studies a member of the workspace may read, newest first."""

    feed_type = Atom1Feed

    def get_object(self, request, ws):
        if not request.user.is_authenticated:
            raise Http404("No such workspace")
        return workspace_for(request, ws)

    def title(self, workspace):
        return _("Good practice: new case studies for %(name)s") % {"name": workspace.name}

    def link(self, workspace):
        return reverse("practice:library", args=[workspace.slug])

    def subtitle(self, workspace):
        return _("Case studies published to this workspace or to everyone on this joinedup.")

    def items(self, workspace):
        found = list(search.visible_to(workspace).exclude(visibility=Visibility.DRAFT)
                     .select_related("workspace").order_by("-published_at")[:50])
        for item in found:
            item.feed_link = reverse("practice:detail", args=[workspace.slug, item.pk])
        return found

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.problem

    def item_link(self, item):
        return item.feed_link

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at
