from django.urls import reverse
from django.views.generic import UpdateView

from joinedup.audit.models import Kind
from joinedup.design_system.dates import short_date
from joinedup.workspaces.models import Role
from joinedup.workspaces.record_views import OnePerPartnershipEdit, Register

from . import forms, models
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
        ("Status", lambda p: p.get_status_display()),
        ("Started", lambda p: _date(p.start_date)),
        ("Review due", lambda p: _date(p.review_date)),
    ],
)


def _part_register(model, form_class, singular, plural, name, anchor):
    return Register(
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


MEMBERSHIPS = _part_register(models.Membership, forms.MembershipForm, "member organisation", "members", "membership", "members")
OUTCOMES = _part_register(models.Outcome, forms.OutcomeForm, "outcome", "outcomes", "outcome", "outcomes")
RESPONSIBILITIES = _part_register(models.Responsibility, forms.ResponsibilityForm, "responsibility", "responsibilities", "responsibility", "agreement")
RESOURCES = _part_register(models.Resource, forms.ResourceForm, "resource", "resources", "resource", "resources")
ACCOUNTABILITIES = _part_register(models.PartnerAccountability, forms.PartnerAccountabilityForm, "partner accountability", "partner accountabilities", "accountability", "accountabilities")

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
