from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from joinedup.network.kept import fingerprints_held
from joinedup.organisations.models import Organisation, Person
from joinedup.partnerships.models import Partnership
from joinedup.partnerships.pages import PartnershipPage
from joinedup.workspaces.access import for_workspace
from joinedup.workspaces.record_views import WorkspacePage

from .presenters import PartnershipPresenter, workspace_network_facts


class WorkspaceHome(WorkspacePage, TemplateView):
    template_name = "overview/workspace.html"
    section = "home"

    def get_breadcrumbs(self):
        return [{"text": _("Your workspaces"), "href": reverse("workspaces:list")}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The table shows each one's name, form and status; not its long texts.
        context["partnerships"] = for_workspace(Partnership, self.workspace).live().only("pk", "name", "form", "status")
        context["organisation_count"] = for_workspace(Organisation, self.workspace).live().count()
        context["person_count"] = for_workspace(Person, self.workspace).live().count()
        context["network_facts"] = workspace_network_facts(self.workspace)
        return context


class PartnershipDetail(PartnershipPage, TemplateView):
    template_name = "overview/partnership.html"

    def get(self, request, *args, **kwargs):
        # The review's facts and the network headlines both read the kept
        # network figures, as the template asks for them: one fingerprint of
        # the workspace serves both.
        with fingerprints_held():
            return super().get(request, *args, **kwargs).render()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        partnership = self.get_partnership()
        context["partnership"] = partnership
        context["page"] = PartnershipPresenter(partnership, self.workspace)
        return context
