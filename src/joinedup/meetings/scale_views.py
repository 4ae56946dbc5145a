"""The pay scale page: the workspace's bands, where they came from, what is
missing, and the default for people without a band. Bands are edited with
the shared register views."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from joinedup.organisations.models import Person
from joinedup.workspaces.access import for_workspace
from joinedup.workspaces.models import Role
from joinedup.workspaces.record_views import Register

from .forms import DefaultRateForm, PayBandForm
from .models import PayBand, band_key
from .presenters import money
from .scales import missing_figures_for, pay_scale_for, rates_for, scale_used_note
from .views import MeetingsPage

PAY_BANDS = Register(
    model=PayBand,
    form_class=PayBandForm,
    singular=gettext_lazy("pay band"),
    plural=gettext_lazy("pay scale"),
    url_prefix="meetings:payband",
    section="meetings",
)


class PayScalePage(MeetingsPage):
    template_name = "meetings/pay_scale.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        scale = pay_scale_for(self.workspace)
        bands = list(for_workspace(PayBand, self.workspace).live())
        known = {b.code_key for b in bands}
        people = for_workspace(Person, self.workspace).live()
        context.update(
            scale=scale,
            bands=[
                {"code": b.code, "name": b.name, "scale": b.scale, "nation": b.get_nation_display(), "salary": money(b.annual_salary),
                 "ni": f"{b.employer_ni_rate.normalize():f}%", "pension": f"{b.pension_rate.normalize():f}%",
                 "hours": f"{b.annual_working_hours.normalize():f}", "hourly": money(b.hourly_cost),
                 "edit_url": reverse("meetings:payband_edit", args=[self.workspace.slug, b.pk])}
                for b in bands
            ],
            show_nation=len({b.nation for b in bands}) > 1,
            missing=missing_figures_for(self.workspace),
            pay_scale_used=scale_used_note(self.workspace, rates_for(self.workspace)),
            unmatched=sorted({p.pay_band for p in people if p.pay_band and band_key(p.pay_band) not in known}),
            without_band=sum(1 for p in people if not p.pay_band),
            default_rate=money(scale.default_rate) or _("None set"),
            form=kwargs.get("form") or DefaultRateForm(instance=scale, workspace=self.workspace),
        )
        return context

    def post(self, request, *args, **kwargs):
        if not request.workspace_role.allows(Role.EDITOR):
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied("Only editors can change the pay scale.")
        form = DefaultRateForm(request.POST, instance=pay_scale_for(self.workspace), workspace=self.workspace)
        if form.is_valid():
            form.save()
            messages.success(request, _("Default for people without a pay band saved"))
            return redirect("meetings:payband_list", self.workspace.slug)
        return self.render_to_response(self.get_context_data(form=form))
