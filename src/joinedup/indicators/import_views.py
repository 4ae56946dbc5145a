"""The import steps: upload → (for a workbook) sheet and table → mapping →
preview and confirm; a layout imported before goes from upload to preview. Each step is a
thin view over importing.py; nothing is written to measurements before the
confirm step, which queues a background task (tasks.py) that writes the whole
file or nothing, and sends the user to a page showing its progress and then
its result."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from openpyxl.utils import get_column_letter

from joinedup.workspaces.access import for_workspace
from joinedup.workspaces.models import Role

from . import importing, tasks
from .forms import AreaRolesForm, MappingForm, SeriesForm, TablePositionForm, UploadForm
from .import_writing import Progress
from .mapping import ColumnMapping
from .models import Area, ImportBatch, ImportStatus, Indicator
from .reading import FileReadError, TablePosition
from .views import EvidencePage

PREVIEW_ROWS = 10
# Areas chosen for on one page of the check step: a file may hold thousands (Scotland's
# 6,976 data zones), and a form of them all would pass Django's limit on posted fields.
AREAS_PER_PAGE = 50
UNKNOWN_LISTED = 50


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
                batch = tasks.stage(self.get_indicator(), request.user, upload.name, upload.read())
            except FileReadError as error:
                form.add_error("file", error.message)
            else:
                if importing.reading_state(batch):
                    # A big file is read in the background; its progress page goes on when it is.
                    return redirect("indicators:import_progress", self.workspace.slug, batch.token)
                return redirect(next_step(batch), self.workspace.slug, batch.token)
        return self.render_to_response(self.get_context_data(form=form))


def next_step(batch):
    """The page after the upload: a layout imported before goes straight to the check page; a
    workbook first to its sheet and table; any other file to the columns."""
    return ("indicators:import_preview" if batch.mapping.get("remembered")
            else "indicators:import_table" if batch.file_name.lower().endswith((".xlsx", ".xlsm"))
            else "indicators:import_mapping")


class StillReading(Exception):
    """A pending import's file is not read yet (or could not be): see its progress page."""

    def __init__(self, batch):
        super().__init__(batch.token)
        self.batch = batch


class PendingImportPage(ImportPage):
    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except StillReading as waiting:
            return redirect("indicators:import_progress", self.workspace.slug, waiting.batch.token)

    def get_batch(self):
        batch = get_object_or_404(
            for_workspace(ImportBatch, self.workspace).select_related("indicator__partnership"),
            token=self.kwargs["token"], status=ImportStatus.PENDING,
        )
        if importing.reading_state(batch) or importing.read_error(batch):
            # Not read yet (a big file, in the background), or unreadable: its progress page says.
            raise StillReading(batch)
        return batch

    def batch_context(self, context, batch, table=None):
        context["batch"] = batch
        context["indicator"] = batch.indicator
        if table is not None:
            context["table"] = table
            context["sample"] = [row.cells for row in table.rows[:5]]
        context["breadcrumbs"] = self.indicator_breadcrumbs(batch.indicator)
        context["table_url"] = reverse("indicators:import_table", args=[self.workspace.slug, batch.token])
        return context


TOP_ROWS = 40
TOP_COLUMNS = 14


class ImportTable(PendingImportPage):
    """Which sheet, and where the table is in it: header rows and first and last data rows,
    chosen on the top of the sheet as it is (row numbers and cells)."""

    template_name = "indicators/import_table.html"

    def position_asked(self, batch):
        """The sheet and table asked for in the address (?sheet=, ?table=), else the stored choice."""
        position = importing.table_position(batch)
        sheet = self.request.GET.get("sheet")
        if sheet is not None and sheet != position.sheet:
            position = TablePosition(sheet=sheet)
        return position

    def get(self, request, *args, **kwargs):
        batch = self.get_batch()
        position = self.position_asked(batch)
        try:
            table = importing.load_table(batch, position, with_grid=True)
        except FileReadError as error:
            if error.code == "sheet_not_found" or position.sheet is None:
                messages.error(request, error.message)
                return redirect("indicators:import_upload", self.workspace.slug, batch.indicator_id)
            return self.show(batch, importing.grid_only(batch, position.sheet), None, problem=error.message)
        block = request.GET.get("table", "")
        if block.isdigit() and 0 < int(block) <= len(table.blocks):
            chosen = table.blocks[int(block) - 1]
            chosen.sheet = position.sheet
            table = importing.load_table(batch, chosen, with_grid=True)
        return self.show(batch, table, None)

    def show(self, batch, table, form, problem=None):
        grid = table.grid
        chosen = table.position if table.headers else None
        if form is None:
            initial = {"sheet": table.sheet or ""}
            if chosen is not None:
                initial.update(header_first=chosen.header_first, header_last=chosen.header_last,
                               first_row=chosen.first_row, last_row=chosen.last_row)
            form = TablePositionForm(initial=initial, rows=len(grid.cells))
        top = max(TOP_ROWS, (chosen.header_last or 0) + 10 if chosen else 0)
        shown_columns = min(TOP_COLUMNS, max((len(r) for r in grid.cells[:top]), default=0))
        rows = []
        for number, cells in enumerate(grid.cells[:top], start=1):
            part = ""
            if chosen is not None and chosen.header_first and chosen.header_first <= number <= chosen.header_last:
                part = "Header"
            elif chosen is not None and chosen.first_row <= number <= chosen.last_row:
                part = "Data"
            rows.append({"number": number, "part": part,
                         "cells": [c if len(c) <= 60 else c[:57] + "…" for c in (cells + [""] * shown_columns)[:shown_columns]]})
        while rows and not any(rows[-1]["cells"]):
            rows.pop()
        context = self.get_context_data(
            form=form, top_rows=rows, column_letters=[get_column_letter(i + 1) for i in range(shown_columns)],
            total_rows=len(grid.cells), sheets=table.sheets, problem=problem,
            blocks=[(i, b) for i, b in enumerate(table.blocks, start=1)] if len(table.blocks) > 1 else [],
            chosen=chosen, shown_sheet=table.sheet,
        )
        context["batch"], context["indicator"], context["table"] = batch, batch.indicator, table
        context["breadcrumbs"] = self.indicator_breadcrumbs(batch.indicator)
        return self.render_to_response(context)

    def post(self, request, *args, **kwargs):
        batch = self.get_batch()
        sheet = request.POST.get("sheet") or None
        grid_table = importing.grid_only(batch, sheet)
        form = TablePositionForm(request.POST, rows=len(grid_table.grid.cells))
        if not form.is_valid():
            return self.show(batch, grid_table, form)
        data = form.cleaned_data
        position = TablePosition(sheet, data["header_first"], data["header_last"], data["first_row"], data["last_row"])
        try:
            table = importing.load_table(batch, position)
        except FileReadError as error:
            form.add_error(None, error.message)
            return self.show(batch, grid_table, form)
        importing.choose_table(batch, table)
        return redirect("indicators:import_mapping", self.workspace.slug, batch.token)


class ImportMapping(PendingImportPage):
    template_name = "indicators/import_mapping.html"

    def get(self, request, *args, **kwargs):
        batch = self.get_batch()
        try:
            table = importing.load_table(batch)
        except FileReadError as error:
            messages.error(request, error.message)
            if error.code in {"no_header", "no_rows"}:
                # The table is not where joinedup looked: show the sheet to say where it is.
                return redirect("indicators:import_table", self.workspace.slug, batch.token)
            return redirect("indicators:import_upload", self.workspace.slug, batch.indicator_id)
        remembered = bool(batch.mapping.get("remembered"))
        form = MappingForm.for_mapping(ColumnMapping.from_dict(batch.mapping), table.headers, table)
        return self.render_to_response(self.batch_context(
            self.get_context_data(form=form, remembered=remembered), batch, table))

    def post(self, request, *args, **kwargs):
        batch = self.get_batch()
        table = importing.load_table(batch)
        previous = ColumnMapping.from_dict(batch.mapping)
        form = MappingForm(request.POST, headers=table.headers, table=table, mapping=previous)
        if form.is_valid():
            mapping = form.mapping(previous=previous)
            if mapping.indicator == previous.indicator and mapping.filters == previous.filters:
                mapping.series = previous.series
            batch.mapping = {**mapping.to_dict(), "table": batch.mapping.get("table")}
            batch.series = mapping.series
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
                # Kept in the mapping too, so it is remembered with the layout.
                batch.series = series_form.cleaned_data["series"]
                batch.mapping = {**batch.mapping, "series": batch.series}
                batch.save(update_fields=["series", "mapping"])
                series_form = None
        return self.show(batch, series_form=series_form)

    def workspace_areas(self):
        return list(for_workspace(Area, self.workspace).live())

    def area_page(self, data, count):
        """The page of the file's areas asked for (1-based), within the pages there are."""
        asked = str(data.get("areas_page", ""))
        pages = max(1, -(-count // AREAS_PER_PAGE))
        return min(int(asked), pages) if asked.isdigit() and int(asked) > 0 else 1

    def show(self, batch, area_form=None, refused=None, series_form=None, page=None):
        """The page, from the check kept with the import (importing.check): the rows are
        read again only when the mapping, the indicator's values or an area's match change."""
        stored = batch.area_roles or {}
        roles = area_form.merged_roles(stored) if area_form is not None else stored
        found = importing.check(batch, roles or None)
        context = self.get_context_data(preview=found, refused=refused)
        if found.series and not found.row_count:
            context["series_form"] = series_form or SeriesForm(names=found.series)
        page = page or self.area_page(self.request.GET, len(found.areas))
        first = (page - 1) * AREAS_PER_PAGE
        shown = found.areas[first:first + AREAS_PER_PAGE]
        context["area_form"] = area_form or AreaRolesForm(choices=shown, first=first, areas=self.workspace_areas())
        pages = max(1, -(-len(found.areas) // AREAS_PER_PAGE))
        context["area_pages"] = {
            "page": page, "pages": pages, "first": first + 1, "last": first + len(shown),
            "count": len(found.areas), "previous": page - 1 if page > 1 else None,
            "next": page + 1 if page < pages else None,
        }
        context["comparators_widened"] = bool(roles.get(importing.ALL_NATIONS))
        context["workspace_nations"] = _(" and ").join(str(name) for name in self.workspace.nation_names)
        context["unknown_shown"] = found.unknown_areas[:UNKNOWN_LISTED]
        context["rows"] = found.rows[:PREVIEW_ROWS]
        context["mapping_url"] = reverse("indicators:import_mapping", args=[self.workspace.slug, batch.token])
        context["upload_url"] = reverse("indicators:import_upload", args=[self.workspace.slug, batch.indicator_id])
        return self.render_to_response(self.batch_context(context, batch))

    def post(self, request, *args, **kwargs):
        """Confirm: queue the import and show its progress. The areas (the choices on
        the form) and the check under the roles and matches chosen come from the check
        kept with the import; the background task reads and checks the file once more
        and writes it, and adds the import to the audit log when it succeeds."""
        batch = get_object_or_404(for_workspace(ImportBatch, self.workspace), token=self.kwargs["token"])
        if batch.status != ImportStatus.PENDING:
            return self.already_confirmed(batch)
        if importing.reading_state(batch) or importing.read_error(batch):
            raise StillReading(batch)
        try:
            found = importing.check(batch, batch.area_roles or None)
        except FileReadError as error:  # the file deleted as abandoned, say
            messages.error(request, error.message)
            return redirect("indicators:import_upload", self.workspace.slug, batch.indicator_id)
        if request.POST.get("area_nations") in ("all", "own"):
            return self.choose_nations(batch, request.POST["area_nations"])
        page = self.area_page(request.POST, len(found.areas))
        first = (page - 1) * AREAS_PER_PAGE
        area_form = AreaRolesForm(request.POST, choices=found.areas[first:first + AREAS_PER_PAGE], first=first,
                                  areas=self.workspace_areas())
        if not area_form.is_valid():
            return self.show(batch, area_form, page=page)
        # The choices for the whole file are kept with the import: the page posts only its own.
        roles = area_form.merged_roles(batch.area_roles or {})
        ImportBatch.objects.filter(pk=batch.pk, status=ImportStatus.PENDING).update(area_roles=roles)
        batch.area_roles = roles
        go = request.POST.get("go", "")
        if go.isdigit():
            target = reverse("indicators:import_preview", args=[self.workspace.slug, batch.token])
            return redirect(f"{target}?areas_page={int(go)}#areas")
        checked = importing.check(batch, roles)
        if not checked.can_commit:
            problems = [str(error) for error in checked.errors] or [gettext("The file has no rows to import.")]
            return self.show(batch, area_form, refused=problems, page=page)
        if not tasks.confirm(batch, request.user, roles):
            return self.already_confirmed(batch)
        return redirect("indicators:import_progress", self.workspace.slug, batch.token)

    def choose_nations(self, batch, nations):
        """Widen the comparators to every nation, or narrow them back to the workspace's.
        Areas set to "Do not import" are proposed afresh, since most were set so by nation."""
        roles = {key: role for key, role in (batch.area_roles or {}).items()
                 if role != "skip" and key != importing.ALL_NATIONS}
        if nations == "all":
            roles[importing.ALL_NATIONS] = "yes"
        ImportBatch.objects.filter(pk=batch.pk, status=ImportStatus.PENDING).update(area_roles=roles)
        return redirect(reverse("indicators:import_preview", args=[self.workspace.slug, batch.token]) + "#areas")

    def already_confirmed(self, batch):
        messages.info(self.request, gettext("This import has already been confirmed, perhaps by someone else: "
                                            "here is how it is going. It is imported once."))
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
            reading, problem = importing.reading_state(batch), importing.read_error(batch)
            if not (reading or problem):
                # Read in the background, on to the step after the upload; else back to the check.
                step = next_step(batch) if batch.mapping.get("read_in_background") else "indicators:import_preview"
                return redirect(step, self.workspace.slug, batch.token)
            return self.render_to_response(self.get_context_data(
                batch=batch, indicator=batch.indicator, reading=reading, read_error=problem,
                breadcrumbs=self.indicator_breadcrumbs(batch.indicator),
            ))
        done, total = (batch.total, batch.total) if batch.finished else Progress.read(importing.progress_path(batch))
        context = self.get_context_data(
            batch=batch, indicator=batch.indicator, done=done, total=total or batch.total,
            percent=int(100 * done / total) if total else 0,
            breadcrumbs=self.indicator_breadcrumbs(batch.indicator),
        )
        return self.render_to_response(context)
