"""The base of every page about one partnership of the workspace, whichever
app draws it. Its URL names the partnership `partnership`."""

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from joinedup.workspaces.access import for_workspace
from joinedup.workspaces.record_views import WorkspacePage

from .models import Partnership


class PartnershipOfWorkspace:
    """Mix into a WorkspacePage: get_partnership() is the partnership named
    in the URL, looked up within the workspace only (another workspace's is a
    404), once per request."""

    def get_partnership(self):
        if "_partnership" not in self.__dict__:
            self._partnership = get_object_or_404(
                for_workspace(Partnership, self.workspace), pk=self.kwargs["partnership"]
            )
        return self._partnership


class PartnershipPage(PartnershipOfWorkspace, WorkspacePage):
    """A page in the partnerships section, under the list of partnerships."""

    section = "partnerships"

    def get_breadcrumbs(self):
        crumbs = super().get_breadcrumbs()
        crumbs.append({"text": _("Partnerships"), "href": reverse("partnerships:partnership_list", args=[self.workspace.slug])})
        return crumbs
