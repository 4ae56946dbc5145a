"""Views shared by every register: list, add, change and archive a record of
a workspace, or of one partnership in it. Each register describes itself with
a `Register`; the views stay thin and never query outside the workspace."""

from dataclasses import dataclass, field

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import CreateView, ListView, TemplateView, UpdateView, View

from joinedup.audit.record import differences, snapshot
from joinedup.audit.record import record as audit_record
from joinedup.design_system.spreadsheets import Table, download

from .access import for_workspace, workspace_for
from .models import Role
from .navigation import workspace_navigation


@dataclass(frozen=True)
class Register:
    """How one kind of record is listed and edited."""

    model: type
    form_class: type
    singular: str
    plural: str
    url_prefix: str
    columns: list = field(default_factory=list)
    section: str = ""
    in_partnership: bool = False
    anchor: str = ""
    detail_url_name: str = ""
    # The audit log's kind for changes to these records ("" = not logged).
    # Never set it for a register holding survey answer text (obstacles).
    audit_kind: str = ""
    # The relations the columns read, fetched with the rows: one query for a
    # list of any length rather than one more per row.
    related: tuple = ()


class WorkspacePage(LoginRequiredMixin):
    """Resolves the workspace (404 for outsiders, 403 for too low a role)."""

    needs = Role.VIEWER
    section = ""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.workspace = workspace_for(request, kwargs["ws"], self.needs)
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs(self):
        return [{"text": self.workspace.name, "href": reverse("workspaces:home", args=[self.workspace.slug])}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["breadcrumbs"] = self.get_breadcrumbs()
        context["workspace_navigation"] = workspace_navigation(self.workspace, self.section)
        return context


class RegisterPage(WorkspacePage):
    register: Register = None

    @property
    def section(self):
        return self.register.section

    def dispatch(self, request, *args, **kwargs):
        self.partnership = None
        return super().dispatch(request, *args, **kwargs)

    def resolve_partnership(self):
        if self.register.in_partnership and self.partnership is None:
            # The register's own relation names the model: the workspaces app
            # sits below partnerships and does not import it.
            Partnership = self.register.model._meta.get_field("partnership").related_model
            self.partnership = get_object_or_404(
                for_workspace(Partnership, self.workspace), pk=self.kwargs["partnership"]
            )
        return self.partnership

    def get_queryset(self):
        queryset = for_workspace(self.register.model, self.workspace)
        if self.register.related:
            queryset = queryset.select_related(*self.register.related)
        partnership = self.resolve_partnership()
        if partnership is not None:
            queryset = queryset.filter(partnership=partnership)
        return queryset

    def url(self, action, *args):
        prefix = self.register.url_prefix
        base = [self.workspace.slug]
        if self.register.in_partnership:
            base.append(self.resolve_partnership().pk)
        return reverse(f"{prefix}_{action}", args=[*base, *args])

    def record_url(self, record):
        if self.register.detail_url_name:
            return reverse(self.register.detail_url_name, args=[self.workspace.slug, record.pk])
        return self.url("edit", record.pk)

    def list_url(self):
        if self.register.in_partnership:
            href = reverse(
                "partnerships:detail", args=[self.workspace.slug, self.resolve_partnership().pk]
            )
            return f"{href}#{self.register.anchor}" if self.register.anchor else href
        return self.url("list")

    def get_breadcrumbs(self):
        crumbs = super().get_breadcrumbs()
        partnership = self.resolve_partnership()
        if partnership is not None:
            crumbs.append({"text": _("Partnerships"), "href": reverse("partnerships:partnership_list", args=[self.workspace.slug])})
            crumbs.append({"text": partnership.name, "href": reverse("partnerships:detail", args=[self.workspace.slug, partnership.pk])})
        else:
            crumbs.append({"text": self.register.plural.capitalize(), "href": self.list_url()})
        return crumbs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["register"] = self.register
        context["partnership"] = self.resolve_partnership()
        context["cancel_url"] = self.list_url()
        return context


class RecordList(RegisterPage, ListView):
    template_name = "workspaces/record_list.html"
    paginate_by = 100

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.request.GET.get("archived") != "1":
            queryset = queryset.live()
        return queryset

    def get_breadcrumbs(self):
        return WorkspacePage.get_breadcrumbs(self)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["rows"] = [
            {"record": record, "cells": [column(record) for _, column in self.register.columns],
             "href": self.record_url(record)}
            for record in context["object_list"]
        ]
        context["headings"] = [heading for heading, _ in self.register.columns]
        context["add_url"] = self.url("add")
        context["showing_archived"] = self.request.GET.get("archived") == "1"
        archived = "?archived=1" if context["showing_archived"] else ""
        context["downloads"] = {kind: self.url("download", kind) + archived for kind in ("csv", "xlsx")}
        return context


class RecordDownload(RegisterPage, View):
    """The register's table, every row the list shows (all its pages), as CSV or XLSX."""

    def get(self, request, *args, **kwargs):
        archived = request.GET.get("archived") == "1"
        # A partnership's records only within it (404 for another workspace's partnership).
        queryset = self.get_queryset()
        records = list(queryset if archived else queryset.live())
        columns = list(self.register.columns)
        if self.register.detail_url_name:
            # The page's first column is the record's name, linking to it.
            columns.insert(0, (_("Name"), str))
        if archived:
            columns.append((_("Archived"), lambda record: _("yes") if record.is_archived else ""))
        table = Table(self.register.plural.capitalize(), [heading for heading, _ in columns],
                      [[column(record) for _, column in columns] for record in records])
        partnership = self.resolve_partnership()
        name = f"{self.register.plural.replace(' ', '-')}-{self.workspace.slug}" + (f"-{partnership.pk}" if partnership else "")
        response = download(table, kwargs["kind"], name)
        audit_record(self.workspace, request.user, "export", f"downloaded a table as {kwargs['kind'].upper()}",
                     partnership, label=self.register.plural + (f" of {partnership}" if partnership else ""))
        return response


class RecordFormPage(RegisterPage):
    template_name = "workspaces/record_form.html"
    needs = Role.EDITOR

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["workspace"] = self.workspace
        kwargs["partnership"] = self.resolve_partnership()
        # Before the form fills the instance in: what the audit entry compares with.
        self.before = snapshot(kwargs.get("instance"))
        return kwargs

    def get_form_class(self):
        return self.register.form_class

    def audit(self, action):
        if self.register.audit_kind:
            audit_record(self.workspace, self.request.user, self.register.audit_kind, action, self.object,
                         changes=differences(self.before, snapshot(self.object)))

    def get_success_url(self):
        if self.register.detail_url_name:
            return self.record_url(self.object)
        return self.list_url()


class RecordCreate(RecordFormPage, CreateView):
    def form_valid(self, form):
        response = super().form_valid(form)
        self.audit("added")
        messages.success(self.request, _("%(thing)s added: %(record)s") % {
            "thing": capfirst(self.register.singular), "record": self.object})
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["heading"] = _("Add %(thing)s") % {"thing": self.register.singular}
        return context


class RecordUpdate(RecordFormPage, UpdateView):
    def form_valid(self, form):
        response = super().form_valid(form)
        self.audit("changed")
        messages.success(self.request, _("%(thing)s saved: %(record)s") % {
            "thing": capfirst(self.register.singular), "record": self.object})
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["heading"] = _("Change %(thing)s") % {"thing": self.register.singular}
        context["archive_url"] = self.url("archive", self.object.pk)
        return context


class RecordArchive(RegisterPage, TemplateView):
    """Archive (or restore) a record. Archived records are kept and can be
    shown again; nothing is deleted."""

    template_name = "workspaces/record_archive.html"
    needs = Role.EDITOR

    def get_object(self):
        return get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["object"] = self.get_object()
        return context

    def post(self, request, *args, **kwargs):
        record = self.get_object()
        if record.archived_at is None:
            record.archived_at = timezone.now()
            messages.success(request, _("%(thing)s archived: %(record)s") % {
                "thing": capfirst(self.register.singular), "record": record})
        else:
            record.archived_at = None
            messages.success(request, _("%(thing)s restored: %(record)s") % {
                "thing": capfirst(self.register.singular), "record": record})
        record.save(update_fields=["archived_at", "updated_at"])
        if self.register.audit_kind:
            audit_record(self.workspace, request.user, self.register.audit_kind,
                         "archived" if record.archived_at else "restored", record)
        return redirect(self.list_url())


class OnePerPartnershipEdit:
    """The edit page of a record a partnership has at most one of (its
    agreement, its social-return basis): the record if there is one, else a
    new one for the partnership. Mix in before an UpdateView of a page with
    get_partnership(); say which model, and what to say when it is saved."""

    record_model = None
    saved_message = gettext_lazy("Saved")
    audit_kind = ""  # the audit log's kind for these records ("" = not logged)

    def get_object(self, queryset=None):
        self.partnership = self.get_partnership()
        found = self.record_model.objects.filter(partnership=self.partnership).first()
        return found or self.record_model(partnership=self.partnership)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        self.before = snapshot(kwargs.get("instance"))
        return {**kwargs, "workspace": self.workspace, "partnership": self.partnership}

    def form_valid(self, form):
        added = self.object.pk is None
        response = super().form_valid(form)
        if self.audit_kind:
            audit_record(self.workspace, self.request.user, self.audit_kind, "added" if added else "changed",
                         self.object, changes=differences(self.before, snapshot(self.object)))
        messages.success(self.request, self.saved_message)
        return response


def register_urls(register, path_prefix, create_view=None):
    """URL patterns for one register: list (not for partnership records; their
    tables are on the partnership's page) and its download, add, edit and archive.
    `create_view`, a subclass of RecordCreate, adds to the add page."""
    from django.urls import path

    name = register.url_prefix.split(":")[1]
    view_kwargs = {"register": register}
    patterns = [
        path(f"{path_prefix}new/", (create_view or RecordCreate).as_view(**view_kwargs), name=f"{name}_add"),
        path(f"{path_prefix}<int:pk>/edit/", RecordUpdate.as_view(**view_kwargs), name=f"{name}_edit"),
        path(f"{path_prefix}<int:pk>/archive/", RecordArchive.as_view(**view_kwargs), name=f"{name}_archive"),
    ]
    download = path(f"{path_prefix}download.<str:kind>", RecordDownload.as_view(**view_kwargs), name=f"{name}_download")
    if register.in_partnership:
        patterns.append(download)
    else:
        patterns[:0] = [path(path_prefix, RecordList.as_view(**view_kwargs), name=f"{name}_list"), download]
    return patterns
