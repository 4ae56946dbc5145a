"""The import steps: upload → mapping → preview and confirm. Each step is a
thin view over importing.py; nothing is written to measurements before the
confirm step, which queues a background task (tasks.py) that writes the whole
file or nothing, and sends the user to a page showing its progress and then
its result."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.generic import TemplateView

from joinedup.workspaces.access import for_workspace
from joinedup.workspaces.models import Role

from . import importing, tasks
from .forms import AreaRolesForm, MappingForm, SeriesForm, UploadForm
from .import_writing import Progress
from .mapping import ColumnMapping
from .models import ImportBatch, ImportStatus, Indicator
from .reading import FileReadError
from .views import EvidencePage

PREVIEW_ROWS = 10


class ImportPage(EvidencePage, TemplateView):
    needs = Role.EDITOR

    def indicator_breadcrumbs(self, indicator):
        crumbs = self.get_breadcrumbs()
        crumbs.append({"text": indicator.name,
                       "href": reverse("indicators:indicator_detail", args=[self.workspace.slug, indicator.pk])})
        return crumbs


class ImportUpload(ImportPage):
    template_name = "indicators/import_upload.html"

    def get_indicator(self):
        return get_object_or_404(for_workspace(Indicator, self.workspace).live(),
                                 pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        indicator = self.get_indicator()
        context["indicator"] = indicator
        context["form"] = kwargs.get("form") or UploadForm()
        context["breadcrumbs"] = self.indicator_breadcrumbs(indicator)
        return context

    def post(self, request, *args, **kwargs):
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                batch = importing.stage_upload(self.get_indicator(), request.user, upload.name, upload.read())
            except FileReadError as error:
                form.add_error("file", error.message)
            else:
                return redirect("indicators:import_mapping", self.workspace.slug, batch.token)
        return self.render_to_response(self.get_context_data(form=form))


class PendingImportPage(ImportPage):
    def get_batch(self):
        return get_object_or_404(
            for_workspace(ImportBatch, self.workspace).select_related("indicator__partnership"),
            token=self.kwargs["token"], status=ImportStatus.PENDING,
        )

    def batch_context(self, context, batch, table):
        context["batch"] = batch
        context["indicator"] = batch.indicator
        context["table"] = table
        context["sample"] = [row.cells for row in table.rows[:5]]
        context["breadcrumbs"] = self.indicator_breadcrumbs(batch.indicator)
        return context


class ImportMapping(PendingImportPage):
    template_name = "indicators/import_mapping.html"

    def get(self, request, *args, **kwargs):
        batch = self.get_batch()
        try:
            table = importing.load_table(batch)
        except FileReadError as error:
            messages.error(request, error.message)
            return redirect("indicators:import_upload", self.workspace.slug, batch.indicator_id)
        remembered = batch.mapping and importing.initial_mapping(self.workspace, table)[1]
        form = MappingForm.for_mapping(ColumnMapping.from_dict(batch.mapping), table.headers)
        return self.render_to_response(self.batch_context(
            self.get_context_data(form=form, remembered=remembered), batch, table))

    def post(self, request, *args, **kwargs):
        batch = self.get_batch()
        table = importing.load_table(batch)
        form = MappingForm(request.POST, headers=table.headers)
        if form.is_valid():
            batch.mapping = form.mapping(previous=ColumnMapping.from_dict(batch.mapping)).to_dict()
            batch.series = ""
            batch.save(update_fields=["mapping", "series"])
            return redirect("indicators:import_preview", self.workspace.slug, batch.token)
        return self.render_to_response(self.batch_context(self.get_context_data(form=form), batch, table))


class ImportPreview(PendingImportPage):
    """GET: what the file holds and what importing it would change. POST: confirm."""

    template_name = "indicators/import_preview.html"

    def get(self, request, *args, **kwargs):
        batch = self.get_batch()
        series_form = None
        if "series" in request.GET:
            # The choices are the series the file holds, so nothing else
            # (a made-up name, a NUL byte, 300+ characters) is ever stored.
            table = importing.load_table(batch)
            series_form = SeriesForm(request.GET, names=importing.series_in(batch, table))
            if series_form.is_valid():
                batch.series = series_form.cleaned_data["series"]
                batch.save(update_fields=["series"])
                series_form = None
        return self.show(batch, series_form=series_form)

    def show(self, batch, area_form=None, refused=None, series_form=None):
        table = importing.load_table(batch)
        roles = area_form.roles() if area_form is not None else None
        found = importing.preview(batch, roles, table=table)
        context = self.get_context_data(preview=found, refused=refused)
        if found.series and not found.rows:
            context["series_form"] = series_form or SeriesForm(names=found.series)
        context["area_form"] = area_form or AreaRolesForm(choices=found.areas)
        context["rows"] = found.rows[:PREVIEW_ROWS]
        context["mapping_url"] = reverse("indicators:import_mapping", args=[self.workspace.slug, batch.token])
        context["upload_url"] = reverse("indicators:import_upload", args=[self.workspace.slug, batch.indicator_id])
        return self.render_to_response(self.batch_context(context, batch, table))

    def post(self, request, *args, **kwargs):
        """Confirm: queue the import and show its progress. The file is read
        once more here for the areas it holds (the choices on the form); the
        writing is done by the background task."""
        batch = get_object_or_404(for_workspace(ImportBatch, self.workspace), token=self.kwargs["token"])
        if batch.status != ImportStatus.PENDING:
            return self.already_confirmed(batch)
        try:
            found = importing.read_rows(batch)
        except FileReadError as error:  # the file deleted as abandoned, say
            messages.error(request, error.message)
            return redirect("indicators:import_upload", self.workspace.slug, batch.indicator_id)
        area_form = AreaRolesForm(request.POST, choices=found.areas)
        if not area_form.is_valid():
            return self.show(batch, area_form)
        problems = importing.area_problems(self.workspace, found.areas, area_form.roles())
        if problems:
            return self.show(batch, area_form, refused=problems)
        if not tasks.confirm(batch, request.user, area_form.roles()):
            return self.already_confirmed(batch)
        return redirect("indicators:import_progress", self.workspace.slug, batch.token)

    def already_confirmed(self, batch):
        messages.info(self.request, "This import has already been confirmed, perhaps by someone else: "
                                    "here is how it is going. It is imported once.")
        return redirect("indicators:import_progress", self.workspace.slug, batch.token)


class ImportProgress(ImportPage):
    """How a confirmed import is going, refreshed while it runs, then its result."""

    template_name = "indicators/import_progress.html"

    def get(self, request, *args, **kwargs):
        batch = get_object_or_404(
            for_workspace(ImportBatch, self.workspace).select_related("indicator__partnership", "confirmed_by"),
            token=self.kwargs["token"],
        )
        if batch.status == ImportStatus.PENDING:
            return redirect("indicators:import_preview", self.workspace.slug, batch.token)
        done, total = (batch.total, batch.total) if batch.finished else Progress.read(importing.progress_path(batch))
        context = self.get_context_data(
            batch=batch, indicator=batch.indicator, done=done, total=total or batch.total,
            percent=int(100 * done / total) if total else 0,
            breadcrumbs=self.indicator_breadcrumbs(batch.indicator),
        )
        return self.render_to_response(context)
