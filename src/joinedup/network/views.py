"""The network page and a partnership's suggestions: read-only, any member."""

from django.http import Http404, HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.html import json_script
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from joinedup.audit.record import record
from joinedup.design_system.spreadsheets import Table, download
from joinedup.partnerships.models import Partnership
from joinedup.workspaces.access import for_workspace
from joinedup.workspaces.record_views import WorkspacePage

from . import kept, layouts, tasks
from .drawing import description_of, drawing_spec, drawn_graph
from .forms import NetworkFilterForm
from .presenters import NetworkPage, SuggestionsPage


def _filters(request):
    """(form, day, sector, user group) from the query string; today and
    everything when a value is missing or not valid."""
    form = NetworkFilterForm(request.GET or None)
    day, sector, group = timezone.localdate(), "", ""
    if form.is_bound and form.is_valid():
        day = form.cleaned_data["as_at"] or day
        sector, group = form.cleaned_data["sector"], form.cleaned_data["user_group"]
    return form, day, sector, group


def _drawing(workspace, web, day, sector, group):
    """(spec, graph, rough?) of the drawing: with the kept layout, or a rough
    one while a worker lays out a large web."""
    graph = drawn_graph(web, day)
    positions, rough = layouts.positions_for(
        workspace, graph, lambda: tasks.lay_out.enqueue(workspace.pk, day.isoformat(), sector, group))
    return drawing_spec(graph, positions, web, description_of(graph)), graph, rough


def _kept_drawing(workspace, network, sector, group):
    """(spec, its script element, nodes drawn, rough?): made once while the
    kept figures and the layout are up to date."""
    def made():
        spec, graph, rough = _drawing(workspace, network.web, network.day, sector, group)
        return spec, json_script(spec, "network-drawing-spec"), graph.number_of_nodes(), rough

    found = network.remembered("drawing", made)
    if found[3]:  # laid out roughly: ask again next time
        network.made.pop("drawing", None)
    return found


class NetworkHome(WorkspacePage, TemplateView):
    template_name = "network/home.html"
    section = "network"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form, day, sector, group = _filters(self.request)
        network = kept.for_pages(self.workspace, day, sector, group)
        spec, script, drawn_nodes, rough = _kept_drawing(self.workspace, network, sector, group)
        page = NetworkPage.of(network, self.workspace.slug)
        # A row per partnership: hundreds in a large locality, so made into HTML once.
        body = network.remembered(("partnership rows html", self.workspace.slug, get_language()), lambda: (
            render_to_string("network/_partnership_rows.html", {"rows": page.partnership_rows()})))
        context.update(
            form=form, day=day, page=page, partnership_body=body,
            spec=spec, spec_script=script, drawn_nodes=drawn_nodes, rough_layout=rough,
            svg_url=reverse("network:drawing_svg", args=[self.workspace.slug]) + (
                "?" + self.request.GET.urlencode() if self.request.GET else ""
            ),
            downloads={
                table: {kind: reverse(f"network:{table}_table", args=[self.workspace.slug, kind]) + (
                    "?" + self.request.GET.urlencode() if self.request.GET else "") for kind in ("csv", "xlsx")}
                for table in NETWORK_TABLES
            },
        )
        return context


# The page's tables as downloads: the title of each, its columns and the
# presenter's rows they come from (the same filters and day as the page).
NETWORK_TABLES = {
    "merge": (gettext_lazy("Candidates to merge"), "merge_candidates", [
        (gettext_lazy("Partnership"), "first"), (gettext_lazy("And partnership"), "second"), (gettext_lazy("Shared organisations"), "shared"),
        (gettext_lazy("Organisation overlap"), "org_overlap"), (gettext_lazy("People overlap"), "people_overlap"),
        (gettext_lazy("Outcome similarity"), "outcome_similarity"),
    ]),
    "people": (gettext_lazy("People in many rooms"), "people_rows", [
        (gettext_lazy("Person"), "name"), (gettext_lazy("Organisation"), "organisation"), (gettext_lazy("Partnerships"), "partnerships"),
        (gettext_lazy("Betweenness"), "betweenness"), (gettext_lazy("Hours a month"), "hours"), (gettext_lazy("Leaving would split the web"), "disconnects"),
        (gettext_lazy("Has sent a deputy"), "deputy"),
    ]),
    "partnerships": (gettext_lazy("Partnerships"), "partnership_rows", [
        (gettext_lazy("Partnership"), "name"), (gettext_lazy("Members"), "members"), (gettext_lazy("Sector diversity"), "diversity"),
        (gettext_lazy("User-led or voluntary"), "community"), (gettext_lazy("People"), "people"), (gettext_lazy("Average years coming"), "tenure"),
        (gettext_lazy("Turnover last year"), "turnover"), (gettext_lazy("Last change of members"), "last_change"),
    ]),
}


class NetworkTable(WorkspacePage, View):
    """One of the network page's tables as CSV or XLSX."""

    table = ""

    def get(self, request, ws, kind):
        title, rows_of, columns = NETWORK_TABLES[self.table]
        _form, day, sector, group = _filters(request)
        page = NetworkPage.of(kept.for_pages(self.workspace, day, sector, group), self.workspace.slug)
        rows_or_method = getattr(page, rows_of)
        # Some of the presenter's tables are properties, others methods (as the template calls them).
        found = rows_or_method() if callable(rows_or_method) else rows_or_method
        rows = [[row[key] for _, key in columns] for row in found]
        response = download(Table(str(title), [heading for heading, _ in columns], rows), kind,
                            f"network-{self.table}-{self.workspace.slug}")
        record(self.workspace, request.user, "export", f"downloaded a table as {kind.upper()}",
               label="network: " + str(title).lower())
        return response


class DrawingSvg(WorkspacePage, View):
    """The same drawing as an SVG file, for reports."""

    def get(self, request, ws):
        import vl_convert

        workspace = self.workspace
        _form, day, sector, group = _filters(request)
        network = kept.for_pages(workspace, day, sector, group)
        spec, _graph, _rough = _drawing(workspace, network.web, network.day, sector, group)
        spec["width"] = 900
        response = HttpResponse(vl_convert.vegalite_to_svg(spec), content_type="image/svg+xml")
        response["Content-Disposition"] = f'attachment; filename="network-{workspace.slug}-{day:%Y-%m-%d}.svg"'
        return response


class Suggestions(WorkspacePage, TemplateView):
    template_name = "network/suggestions.html"
    section = "network"

    def get_breadcrumbs(self):
        crumbs = super().get_breadcrumbs()
        crumbs.append({"text": _("Network"), "href": reverse("network:home", args=[self.workspace.slug])})
        return crumbs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Another workspace's partnership is refused before any figures are worked out
        # (and kept) for this one.
        if not for_workspace(Partnership, self.workspace).filter(pk=self.kwargs["pk"]).exists():
            raise Http404("No such partnership")
        _form, day, _sector, _group = _filters(self.request)
        network = kept.for_pages(self.workspace, day)
        if self.kwargs["pk"] not in network.web.partnerships:
            raise Http404("No such partnership")
        context.update(day=day, page=SuggestionsPage(network.web, network.day, self.kwargs["pk"], self.workspace.slug))
        return context
