"""The base of every page about one partnership of the workspace, whichever
app draws it."""

from django.shortcuts import get_object_or_404

from joinedup.workspaces.access import for_workspace
from joinedup.workspaces.record_views import WorkspacePage

from .models import Partnership


class PartnershipPage(WorkspacePage):
    """Resolves the partnership named in the URL, within the workspace only
    (another workspace's partnership is a 404), once per request."""

    section = "partnerships"
    partnership_kwarg = "pk"

    def get_partnership(self):
        if "_partnership" not in self.__dict__:
            self._partnership = get_object_or_404(
                for_workspace(Partnership, self.workspace), pk=self.kwargs[self.partnership_kwarg]
            )
        return self._partnership
