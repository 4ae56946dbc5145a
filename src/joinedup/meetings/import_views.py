"""The calendar import pages: upload → preview (dates and choices) → confirm.
Nothing is written to the database before confirm, which writes it all or
nothing (imports.commit_import)."""

from datetime import timedelta

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from joinedup.audit.record import record
from joinedup.design_system.dates import long_date
from joinedup.partnerships.models import Partnership
from joinedup.workspaces.access import for_workspace
from joinedup.workspaces.models import Role

from . import imports
from .calendar_import import MAX_FILE_BYTES, CalendarFileError
from .forms import ImportChoicesForm, ImportWindowForm, UploadForm
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
                token = imports.stage(request, self.workspace, upload.name, content, self.default_partnership())
            except CalendarFileError as error:
                form.add_error("file", str(error))
            else:
                return redirect("meetings:import_preview", self.workspace.slug, token)
        return self.render_to_response(self.get_context_data(form=form))


class ImportPreview(ImportPage):
    """GET: what the file would import. POST: choose the dates, save a page of
    choices, confirm, or cancel. The file was read on upload; only a change of
    dates reads it again."""

    template_name = "meetings/import_preview.html"

    def load(self):
        staged = imports.staged(self.request, self.workspace, self.kwargs["token"])
        if staged is None:
            raise Http404("No such upload")
        partnerships = self.partnerships()
        default = next((p for p in partnerships if p.pk == staged.partnership_id), None)
        plan = imports.plan_import(self.workspace, staged.found, staged.name, default)
        return staged, plan, partnerships

    def page_number(self, value):
        return int(value) if str(value).isdigit() else 1

    def choices_form(self, staged, plan, partnerships, data=None):
        page = self.page_number((data or self.request.GET).get("on_page" if data else "page", 1))
        return ImportChoicesForm(data, plan=plan, partnerships=partnerships, staged=staged, page=page)

    def window_form(self, plan, data=None):
        start, end = plan.window
        return ImportWindowForm(data, initial={"window_from": start, "window_to": end - timedelta(days=1)})

    def get(self, request, *args, **kwargs):
        staged, plan, partnerships = self.load()
        form = self.choices_form(staged, plan, partnerships)
        return self.render_to_response(self.get_context_data(plan=plan, form=form, window_form=self.window_form(plan)))

    def post(self, request, *args, **kwargs):
        token = self.kwargs["token"]
        if "cancel" in request.POST:
            if imports.staged(request, self.workspace, token) is None:
                raise Http404("No such upload")
            imports.discard(request, self.workspace, token)
            messages.success(request, _("Import cancelled: nothing was imported"))
            return redirect("meetings:import_upload", self.workspace.slug)
        staged, plan, partnerships = self.load()
        if "window" in request.POST:
            return self.change_window(staged, plan, partnerships)
        form = self.choices_form(staged, plan, partnerships, request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(plan=plan, form=form, window_form=self.window_form(plan)))
        form.remember()
        imports.save(self.workspace, staged)
        if "confirm" not in request.POST:
            page = self.page_number(request.POST.get("page", form.page))
            return redirect(reverse("meetings:import_preview", args=[self.workspace.slug, token]) + f"?page={page}")
        result = imports.commit_import(
            self.workspace, plan, form.targets(), form.create_emails(),
            staged.preparation_minutes, staged.travel_minutes,
        )
        imports.discard(request, self.workspace, token)
        record(self.workspace, request.user, "import", "imported a calendar", label=plan.file_name, changes=(
            f"Meetings: {result.added} added, {result.updated} updated, {result.cancelled} cancelled; "
            f"{result.people_created} people added"))
        messages.success(
            request,
            _("Imported %(file_name)s: %(added)s meetings added, %(updated)s updated, %(unchanged)s already up to date, %(cancelled)s cancelled, %(people_created)s people added") % {"file_name": plan.file_name, "added": result.added, "updated": result.updated, "unchanged": result.unchanged, "cancelled": result.cancelled, "people_created": result.people_created},
        )
        if result.by_partnership:
            busiest = max(result.by_partnership, key=result.by_partnership.get)
            return redirect("meetings:ledger", self.workspace.slug, busiest.pk)
        return redirect("meetings:home", self.workspace.slug)

    def change_window(self, staged, plan, partnerships):
        window_form = ImportWindowForm(self.request.POST)
        if not window_form.is_valid():
            form = self.choices_form(staged, plan, partnerships)
            return self.render_to_response(self.get_context_data(plan=plan, form=form, window_form=window_form))
        start, last = window_form.cleaned_data["window_from"], window_form.cleaned_data["window_to"]
        try:
            imports.reread(self.workspace, staged, start, last + timedelta(days=1))
        except CalendarFileError as error:
            window_form.add_error("window_from", str(error))
            form = self.choices_form(staged, plan, partnerships)
            return self.render_to_response(self.get_context_data(plan=plan, form=form, window_form=window_form))
        messages.success(self.request, _("Meetings read from %(start)s to %(last)s") % {"start": long_date(start), "last": long_date(last)})
        return redirect("meetings:import_preview", self.workspace.slug, staged.token)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        plan = context["plan"]
        today = timezone.localdate()
        context["occurrences"] = sum(len(s.occurrences) for s in plan.series)
        context["already"] = sum(s.already for s in plan.series)
        context["planned"] = sum(s.planned(today) for s in plan.series)
        context["window_last"] = plan.window[1] - timedelta(days=1)
        context["upload_url"] = reverse("meetings:import_upload", args=[self.workspace.slug])
        return context
