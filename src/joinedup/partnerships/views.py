from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import UpdateView

from joinedup.audit.models import Kind
from joinedup.design_system.dates import short_date
from joinedup.workspaces.models import Role
from joinedup.workspaces.record_views import OnePerPartnershipEdit, RecordCreate, Register

from . import duties, forms, frameworks, models
from .pages import PartnershipPage


def _date(value):
    return short_date(value) if value else ""


PARTNERSHIPS = Register(
    model=models.Partnership,
    form_class=forms.PartnershipForm,
    singular=_("partnership"),
    plural=_("partnerships"),
    url_prefix="partnerships:partnership",
    section="partnerships",
    detail_url_name="partnerships:detail",
    audit_kind=Kind.PARTNERSHIP,
    columns=[
        (_("Form"), lambda p: p.get_form_display()),
        (_("Kind of body"), lambda p: p.get_body_display()),
        (_("Status"), lambda p: p.get_status_display()),
        (_("Started"), lambda p: _date(p.start_date)),
        (_("Review due"), lambda p: _date(p.review_date)),
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
MEMBERSHIPS = _part_register(models.Membership, forms.MembershipForm, _("member organisation"), _("members"), "membership", "members", [
    (_("Organisation"), lambda m: m.organisation.name),
    (_("Sector"), lambda m: m.organisation.get_sector_display()),
    (_("Role"), lambda m: m.get_role_display()),
    (_("Representative"), lambda m: m.representative.name if m.representative else ""),
    (_("Joined"), lambda m: m.joined_on),
    (_("Left"), lambda m: m.left_on),
], related=("organisation", "representative"))
OUTCOMES = _part_register(models.Outcome, forms.OutcomeForm, _("outcome"), _("outcomes"), "outcome", "outcomes", [
    (_("Outcome"), lambda o: o.statement),
    (_("Why a partnership"), lambda o: o.why_partnership),
    (_("Downsides considered"), lambda o: o.downsides),
])
RESPONSIBILITIES = _part_register(models.Responsibility, forms.ResponsibilityForm, _("responsibility"), _("responsibilities"), "responsibility", "agreement", [
    (_("Task"), lambda r: r.task),
    (_("Responsible"), lambda r: ", ".join(str(x) for x in (r.responsible_organisation, r.responsible_person) if x) or _("No one")),
    (_("Accountable to"), lambda r: r.accountable_to),
    (_("Outcome it serves"), lambda r: str(r.outcome) if r.outcome else ""),
], related=("responsible_organisation", "responsible_person", "outcome"))
RESOURCES = _part_register(models.Resource, forms.ResourceForm, _("resource"), _("resources"), "resource", "resources", [
    (_("Organisation"), lambda r: r.organisation.name),
    (_("Kind"), lambda r: r.get_kind_display()),
    (_("Amount"), lambda r: r.amount),
    (_("Unit"), lambda r: r.unit),
    (_("Period"), lambda r: r.period),
    (_("Status"), lambda r: r.get_status_display()),
], related=("organisation",))
ACCOUNTABILITIES = _part_register(models.PartnerAccountability, forms.PartnerAccountabilityForm, _("partner accountability"), _("partner accountabilities"), "accountability", "accountabilities", [
    (_("Organisation"), lambda a: a.organisation.name),
    (_("Target"), lambda a: a.target),
    (_("Answerable to"), lambda a: a.answerable_to),
    (_("Pulls against the outcomes"), lambda a: _("yes") if a.pulls_against else _("no")),
], related=("organisation",))
DOCUMENTS = _part_register(models.StatutoryDocument, forms.StatutoryDocumentForm, _("statutory document"), _("statutory documents"), "document", "duties", [
    (_("Document"), lambda d: d.get_duty_display()),
    (_("Published"), lambda d: d.published_on),
    (_("Law"), lambda d: duties.BY_CODE[d.duty].citation if d.duty in duties.BY_CODE else ""),
    (_("Link"), lambda d: d.link),
    (_("Note"), lambda d: d.note),
])

class StartingPoints:
    """An add page that offers the national frameworks of the workspace's
    nations (frameworks.py): ?starting_point=<code> fills the form in, for
    the user to change into their own words. A mixin for RecordCreate."""

    template_name = "partnerships/starting_points_form.html"
    starting_point_kinds = frameworks.OUTCOME_KINDS
    # What the page calls the items offered, as in "Start from a national …".
    starting_point_noun = _("outcome framework")
    # Said above the form once a starting point has filled it in.
    starting_point_advice = _("The outcome below starts from a national framework. Change it into the words "
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
        chosen = self.chosen()
        context["starting_point_advice"] = self.starting_point_advice if chosen else ""
        # What the publisher says of a chosen indicator, shown beside the form (the
        # definition and the data page have no field of their own in it).
        context["starting_item"] = chosen[1] if chosen and chosen[1].is_indicator else None
        return context


class OutcomeCreate(StartingPoints, RecordCreate):
    """Adding an outcome, starting from a national outcome if the user likes."""

    def starting_values(self, framework, item):
        return {"statement": item.text}


PART_REGISTERS = [MEMBERSHIPS, OUTCOMES, RESPONSIBILITIES, RESOURCES, ACCOUNTABILITIES, DOCUMENTS]


class AgreementEdit(OnePerPartnershipEdit, PartnershipPage, UpdateView):
    """The agreement's own details: there is at most one per partnership."""

    template_name = "workspaces/record_form.html"
    form_class = forms.AgreementForm
    needs = Role.EDITOR
    record_model = models.Agreement
    saved_message = _("Agreement saved")
    audit_kind = Kind.AGREEMENT

    def get_success_url(self):
        return reverse("partnerships:detail", args=[self.workspace.slug, self.partnership.pk]) + "#agreement"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["heading"] = _("The agreement")
        context["partnership"] = self.partnership
        context["cancel_url"] = self.get_success_url()
        context["breadcrumbs"].append({"text": self.partnership.name, "href": self.get_success_url()})
        return context
