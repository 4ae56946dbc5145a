from django.urls import reverse
from django.views.generic import UpdateView

from joinedup.audit.models import Kind
from joinedup.design_system.dates import short_date
from joinedup.workspaces.models import Role
from joinedup.workspaces.record_views import OnePerPartnershipEdit, RecordCreate, Register

from . import forms, frameworks, models
from .pages import PartnershipPage


def _date(value):
    return short_date(value) if value else ""


PARTNERSHIPS = Register(
    model=models.Partnership,
    form_class=forms.PartnershipForm,
    singular="partnership",
    plural="partnerships",
    url_prefix="partnerships:partnership",
    section="partnerships",
    detail_url_name="partnerships:detail",
    audit_kind=Kind.PARTNERSHIP,
    columns=[
        ("Form", lambda p: p.get_form_display()),
        ("Kind of body", lambda p: p.get_body_display()),
        ("Status", lambda p: p.get_status_display()),
        ("Started", lambda p: _date(p.start_date)),
        ("Review due", lambda p: _date(p.review_date)),
    ],
)


def _part_register(model, form_class, singular, plural, name, anchor, columns, related=()):
    return Register(
        related=related,
        columns=columns,
        model=model,
        form_class=form_class,
        singular=singular,
        plural=plural,
        url_prefix=f"partnerships:{name}",
        section="partnerships",
        in_partnership=True,
        anchor=anchor,
        audit_kind=Kind.PARTNERSHIP,
    )


# The columns are those of the partnership page's tables, for their downloads.
MEMBERSHIPS = _part_register(models.Membership, forms.MembershipForm, "member organisation", "members", "membership", "members", [
    ("Organisation", lambda m: m.organisation.name),
    ("Sector", lambda m: m.organisation.get_sector_display()),
    ("Role", lambda m: m.get_role_display()),
    ("Representative", lambda m: m.representative.name if m.representative else ""),
    ("Joined", lambda m: m.joined_on),
    ("Left", lambda m: m.left_on),
], related=("organisation", "representative"))
OUTCOMES = _part_register(models.Outcome, forms.OutcomeForm, "outcome", "outcomes", "outcome", "outcomes", [
    ("Outcome", lambda o: o.statement),
    ("Why a partnership", lambda o: o.why_partnership),
    ("Downsides considered", lambda o: o.downsides),
])
RESPONSIBILITIES = _part_register(models.Responsibility, forms.ResponsibilityForm, "responsibility", "responsibilities", "responsibility", "agreement", [
    ("Task", lambda r: r.task),
    ("Responsible", lambda r: ", ".join(str(x) for x in (r.responsible_organisation, r.responsible_person) if x) or "No one"),
    ("Accountable to", lambda r: r.accountable_to),
    ("Outcome it serves", lambda r: str(r.outcome) if r.outcome else ""),
], related=("responsible_organisation", "responsible_person", "outcome"))
RESOURCES = _part_register(models.Resource, forms.ResourceForm, "resource", "resources", "resource", "resources", [
    ("Organisation", lambda r: r.organisation.name),
    ("Kind", lambda r: r.get_kind_display()),
    ("Amount", lambda r: r.amount),
    ("Unit", lambda r: r.unit),
    ("Period", lambda r: r.period),
    ("Status", lambda r: r.get_status_display()),
], related=("organisation",))
ACCOUNTABILITIES = _part_register(models.PartnerAccountability, forms.PartnerAccountabilityForm, "partner accountability", "partner accountabilities", "accountability", "accountabilities", [
    ("Organisation", lambda a: a.organisation.name),
    ("Target", lambda a: a.target),
    ("Answerable to", lambda a: a.answerable_to),
    ("Pulls against the outcomes", lambda a: "yes" if a.pulls_against else "no"),
], related=("organisation",))

class StartingPoints:
    """An add page that offers the national frameworks of the workspace's
    nations (frameworks.py): ?starting_point=<code> fills the form in, for
    the user to change into their own words. A mixin for RecordCreate."""

    template_name = "partnerships/starting_points_form.html"
    starting_point_kinds = frameworks.OUTCOME_KINDS
    # What the page calls the items offered, as in "Start from a national …".
    starting_point_noun = "outcome framework"
    # Said above the form once a starting point has filled it in.
    starting_point_advice = ("The outcome below starts from a national framework. Change it into the words "
                             "of the people it is for, and say what it means in your area.")

    def chosen(self):
        return frameworks.starting_point(
            self.request.GET.get("starting_point", ""), self.workspace.nation_list, self.starting_point_kinds
        )

    def starting_values(self, framework, item):
        """The form's initial values for a chosen item."""
        raise NotImplementedError

    def get_initial(self):
        initial = super().get_initial()
        chosen = self.chosen()
        if chosen is not None:
            initial.update(self.starting_values(*chosen))
        return initial

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["starting_points"] = frameworks.frameworks_of(self.workspace.nation_list, self.starting_point_kinds)
        context["starting_point_noun"] = self.starting_point_noun
        context["starting_point_advice"] = self.starting_point_advice if self.chosen() else ""
        return context


class OutcomeCreate(StartingPoints, RecordCreate):
    """Adding an outcome, starting from a national outcome if the user likes."""

    def starting_values(self, framework, item):
        return {"statement": item.text}


PART_REGISTERS = [MEMBERSHIPS, OUTCOMES, RESPONSIBILITIES, RESOURCES, ACCOUNTABILITIES]


class AgreementEdit(OnePerPartnershipEdit, PartnershipPage, UpdateView):
    """The agreement's own details: there is at most one per partnership."""

    template_name = "workspaces/record_form.html"
    form_class = forms.AgreementForm
    needs = Role.EDITOR
    record_model = models.Agreement
    saved_message = "Agreement saved"
    audit_kind = Kind.AGREEMENT

    def get_success_url(self):
        return reverse("partnerships:detail", args=[self.workspace.slug, self.partnership.pk]) + "#agreement"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["heading"] = "The agreement"
        context["partnership"] = self.partnership
        context["cancel_url"] = self.get_success_url()
        context["breadcrumbs"].append({"text": self.partnership.name, "href": self.get_success_url()})
        return context
