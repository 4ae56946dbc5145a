"""The pages that export a workspace to an archive (its owners) and import
an archive as a new workspace (any signed-in user, who becomes its owner)."""

import tempfile

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import FileResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from joinedup.audit.models import Kind
from joinedup.audit.record import record
from joinedup.workspaces.models import Role
from joinedup.workspaces.record_views import WorkspacePage

from .archive_export import archive_name, write_archive
from .archive_import import AddressTaken, ArchiveRefused, import_archive
from .archive_tables import LEFT_OUT
from .forms import ArchiveImportForm


class Export(WorkspacePage, TemplateView):
    template_name = "api/archive_export.html"
    needs = Role.OWNER
    section = "home"

    def get_breadcrumbs(self):
        return [*super().get_breadcrumbs(),
                {"text": _("Settings"), "href": reverse("workspaces:settings", args=[self.workspace.slug])}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["left_out"] = LEFT_OUT.values()
        return context

    def post(self, request, *args, **kwargs):
        # Built in a temporary file, not in memory, and sent from it in chunks.
        spool = tempfile.TemporaryFile()
        write_archive(self.workspace, spool)
        name = archive_name(self.workspace)
        record(self.workspace, request.user, Kind.EXPORT, "exported the workspace", label=name)
        spool.seek(0)
        return FileResponse(spool, as_attachment=True, filename=name, content_type="application/zip")


class Import(LoginRequiredMixin, FormView):
    template_name = "api/archive_import.html"
    form_class = ArchiveImportForm

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["breadcrumbs"] = [{"text": _("Your workspaces"), "href": reverse("workspaces:list")}]
        return context

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        try:
            workspace = import_archive(upload, slug=form.cleaned_data["slug"] or None, owner=self.request.user)
        except AddressTaken as taken:
            form.add_error("slug", str(taken))
            return self.form_invalid(form)
        except ArchiveRefused as refused:
            form.add_error("file", _("%(reason)s Nothing was imported.") % {"reason": refused})
            return self.form_invalid(form)
        record(workspace, self.request.user, Kind.IMPORT, "imported the workspace from an archive",
               label=upload.name)
        messages.success(self.request, _("Workspace imported: %(name)s") % {"name": workspace.name})
        return redirect("workspaces:home", workspace.slug)
