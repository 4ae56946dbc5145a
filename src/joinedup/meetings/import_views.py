"""The calendar import pages: upload → preview (with choices) → confirm.
Nothing is written to the database before confirm, which writes it all or
nothing (imports.commit_import)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse

from joinedup.partnerships.models import Partnership
from joinedup.workspaces.access import for_workspace
from joinedup.workspaces.models import Role

from . import imports
from .calendar_import import MAX_FILE_BYTES, CalendarFileError
from .forms import ImportChoicesForm, UploadForm
from .views import MeetingsPage


class ImportPage(MeetingsPage):
    needs = Role.EDITOR

    def partnerships(self):
        return list(for_workspace(Partnership, self.workspace).live())


class ImportUpload(ImportPage):
    template_name = "meetings/import_upload.html"

    def default_partnership(self):
        wanted = self.request.GET.get("partnership", "")
        return next((p for p in self.partnerships() if str(p.pk) == wanted), None)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", UploadForm())
        context["partnership"] = self.default_partnership()
        return context

    def post(self, request, *args, **kwargs):
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            content = upload.read(MAX_FILE_BYTES + 1)
            try:
                imports.plan_import(self.workspace, content, upload.name)
            except CalendarFileError as error:
                form.add_error("file", str(error))
            else:
                default = self.default_partnership()
                token = imports.stage(request, self.workspace, upload.name, content, default.pk if default else None)
                return redirect("meetings:import_preview", self.workspace.slug, token)
        return self.render_to_response(self.get_context_data(form=form))


class ImportPreview(ImportPage):
    """GET: what the file would import. POST: confirm, or cancel."""

    template_name = "meetings/import_preview.html"

    def load(self):
        found = imports.staged(self.request, self.workspace, self.kwargs["token"])
        if found is None:
            raise Http404("No such upload")
        entry, content = found
        partnerships = self.partnerships()
        default = next((p for p in partnerships if p.pk == entry.get("partnership")), None)
        try:
            plan = imports.plan_import(self.workspace, content, entry["name"], default)
        except CalendarFileError as error:
            raise Http404(str(error)) from error
        return plan, partnerships

    def get(self, request, *args, **kwargs):
        plan, partnerships = self.load()
        form = ImportChoicesForm(plan=plan, partnerships=partnerships)
        return self.render_to_response(self.get_context_data(plan=plan, form=form))

    def post(self, request, *args, **kwargs):
        token = self.kwargs["token"]
        if "cancel" in request.POST:
            imports.discard(request, self.workspace, token)
            messages.success(request, "Import cancelled: nothing was imported")
            return redirect("meetings:import_upload", self.workspace.slug)
        plan, partnerships = self.load()
        form = ImportChoicesForm(request.POST, plan=plan, partnerships=partnerships)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(plan=plan, form=form))
        result = imports.commit_import(
            self.workspace, plan, form.targets(), form.create_emails(),
            form.cleaned_data["preparation_minutes"], form.cleaned_data["travel_minutes"],
        )
        imports.discard(request, self.workspace, token)
        messages.success(
            request,
            f"Imported {plan.file_name}: {result.added} meetings added, {result.updated} updated, "
            f"{result.unchanged} already up to date, {result.cancelled} cancelled, "
            f"{result.people_created} people added",
        )
        if result.by_partnership:
            busiest = max(result.by_partnership, key=result.by_partnership.get)
            return redirect("meetings:ledger", self.workspace.slug, busiest.pk)
        return redirect("meetings:home", self.workspace.slug)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        plan = context["plan"]
        context["occurrences"] = sum(len(s.occurrences) for s in plan.series)
        context["already"] = sum(s.already for s in plan.series)
        context["upload_url"] = reverse("meetings:import_upload", args=[self.workspace.slug])
        return context
