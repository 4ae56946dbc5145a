"""The API tokens page: each member makes, sees and revokes their own tokens
for this workspace; a token's secret is shown once, on the page after it is made."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from joinedup.audit.record import record
from joinedup.workspaces.record_views import WorkspacePage

from .forms import TokenForm
from .models import ApiToken, Scope
from .tokens import role_allows_scope

SHOWN_ONCE = "api_token_shown_once"


class Tokens(WorkspacePage, TemplateView):
    template_name = "api/tokens.html"
    section = ""

    def may_write(self):
        return role_allows_scope(self.request.workspace_role.role, Scope.WRITE)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["form"] = kwargs.get("form") or TokenForm(may_write=self.may_write())
        context["tokens"] = ApiToken.objects.filter(workspace=self.workspace, user=self.request.user)
        context["now"] = timezone.now()
        context["shown_once"] = self.request.session.pop(SHOWN_ONCE, None)
        context["docs_url"] = reverse("api-v1:openapi-view")
        return context

    def post(self, request, *args, **kwargs):
        form = TokenForm(request.POST, may_write=self.may_write())
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        token, plain = ApiToken.issue(self.workspace, request.user, form.cleaned_data["name"],
                                      form.cleaned_data["scope"], form.cleaned_data["days"])
        # Tokens give access as a member does, so they are logged with the members.
        # The audit entry's label is data, kept as written (the token's name and prefix).
        label = f"{token.name} (jdu_{token.prefix}_…)"
        record(self.workspace, request.user, "membership", "API token made", token, label=label,
               changes=f"May: {token.get_scope_display()}; expires {token.expires_at:%Y-%m-%d}")
        # Kept in the session only until the next page shows it.
        request.session[SHOWN_ONCE] = plain
        return redirect("api_tokens:list", self.workspace.slug)


class Revoke(WorkspacePage, TemplateView):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        token = get_object_or_404(ApiToken, workspace=self.workspace, user=request.user, pk=kwargs["pk"],
                                  revoked_at__isnull=True)
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        label = f"{token.name} (jdu_{token.prefix}_…)"
        record(self.workspace, request.user, "membership", "API token revoked", token, label=label)
        messages.success(request, _("Revoked the token “%(name)s”. It no longer works.") % {"name": token.name})
        return redirect("api_tokens:list", self.workspace.slug)
