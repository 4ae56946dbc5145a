"""The comparison page: what opting in shares, the workspace's choice, and
how its partnerships are grouped. Any member may read it; only an owner may
opt in or out."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext
from django.views.generic import TemplateView

from joinedup.partnerships.models import Partnership
from joinedup.partnerships.user_groups import LABELS, USER_GROUPS, user_group_of
from joinedup.workspaces.access import for_workspace, workspace_for
from joinedup.workspaces.models import Role
from joinedup.workspaces.record_views import WorkspacePage

from .distribution import min_group
from .figures import is_live
from .models import ComparisonOptIn

OPT_IN, OPT_OUT = "opt_in", "opt_out"


class ComparisonHome(WorkspacePage, TemplateView):
    template_name = "comparison/home.html"
    section = "comparison"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["opt_in"] = (
            ComparisonOptIn.objects.filter(workspace=self.workspace).select_related("opted_in_by").first()
        )
        context["minimum"] = min_group()
        context["user_groups"] = [label for _key, label, _words in USER_GROUPS]
        context["partnerships"] = [
            {"name": p.name, "pk": p.pk, "form": p.get_form_display(),
             "group": LABELS.get(user_group_of(p.user_groups), gettext("Not recognised")),
             "compared": is_live(p) and user_group_of(p.user_groups) is not None}
            for p in for_workspace(Partnership, self.workspace).live()
        ]
        return context

    def post(self, request, *args, **kwargs):
        workspace_for(request, kwargs["ws"], Role.OWNER)
        choice = request.POST.get("choice")
        if choice == OPT_IN:
            ComparisonOptIn.objects.get_or_create(
                workspace=self.workspace, defaults={"opted_in_by": request.user}
            )
            messages.success(request, gettext("This workspace now compares its partnerships with similar partnerships."))
        elif choice == OPT_OUT:
            ComparisonOptIn.objects.filter(workspace=self.workspace).delete()
            messages.success(request, gettext("This workspace no longer shares or sees comparisons."))
        return redirect("comparison:home", self.workspace.slug)
