"""A partnership's unit costs and social return: any member reads the page;
editors add, change and archive valuations and set the investment."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, UpdateView

from joinedup.partnerships.pages import PartnershipOfWorkspace
from joinedup.workspaces.models import Role
from joinedup.workspaces.record_views import (
    OnePerPartnershipEdit,
    RecordArchive,
    RecordCreate,
    RecordUpdate,
    Register,
    WorkspacePage,
)

from .forms import OutcomeValuationForm, SocialReturnBasisForm
from .models import OutcomeValuation, SocialReturnBasis
from .presenters import SocialReturnPresenter
from .services import valuations_of

VALUATIONS = Register(
    model=OutcomeValuation,
    form_class=OutcomeValuationForm,
    singular=gettext_lazy("unit cost"),
    plural=gettext_lazy("unit costs"),
    url_prefix="social_return:valuation",
    section="partnerships",
    in_partnership=True,
)


class OnSocialReturnPage:
    """Breadcrumbs through the partnership to its social-return page, and
    back to that page after saving."""

    def social_return_url(self):
        return reverse("social_return:page", args=[self.workspace.slug, self.partnership.pk])

    def get_breadcrumbs(self):
        crumbs = WorkspacePage.get_breadcrumbs(self)
        crumbs.append({"text": _("Partnerships"), "href": reverse("partnerships:partnership_list", args=[self.workspace.slug])})
        crumbs.append({"text": self.partnership.name, "href": reverse("partnerships:detail", args=[self.workspace.slug, self.partnership.pk])})
        crumbs.append({"text": _("Social return"), "href": self.social_return_url()})
        return crumbs


class SocialReturnPage(OnSocialReturnPage, PartnershipOfWorkspace, WorkspacePage, TemplateView):
    template_name = "social_return/page.html"
    section = "partnerships"

    def get(self, request, *args, **kwargs):
        self.partnership = self.get_partnership()
        return super().get(request, *args, **kwargs)

    def get_breadcrumbs(self):
        return super().get_breadcrumbs()[:-1]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["partnership"] = self.partnership
        context["page"] = SocialReturnPresenter(self.partnership, self.workspace)
        context["archived"] = [
            {"counted": v.counted, "edit_url": reverse("social_return:valuation_edit", args=[self.workspace.slug, self.partnership.pk, v.pk])}
            for v in valuations_of(self.partnership, archived=True)
        ]
        return context


class ValuationPage(OnSocialReturnPage):
    register = VALUATIONS

    def get_breadcrumbs(self):
        self.resolve_partnership()
        return OnSocialReturnPage.get_breadcrumbs(self)

    def list_url(self):
        self.resolve_partnership()
        return self.social_return_url()


class ValuationCreate(ValuationPage, RecordCreate):
    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "heading": _("Add a unit cost of an outcome")}


class ValuationUpdate(ValuationPage, RecordUpdate):
    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "heading": _("Change a unit cost of an outcome")}


class ValuationArchive(ValuationPage, RecordArchive):
    pass


class BasisEdit(OnePerPartnershipEdit, OnSocialReturnPage, PartnershipOfWorkspace, WorkspacePage, UpdateView):
    """The investment and the discount rate; at most one per partnership."""

    template_name = "workspaces/record_form.html"
    form_class = SocialReturnBasisForm
    needs = Role.EDITOR
    section = "partnerships"

    record_model = SocialReturnBasis
    saved_message = gettext_lazy("Investment and discount rate saved")

    def get_success_url(self):
        return self.social_return_url()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["heading"] = _("Investment and discount rate")
        context["partnership"] = self.partnership
        context["cancel_url"] = self.social_return_url()
        return context
