from django.utils.translation import gettext_lazy as _

from joinedup.design_system.dates import short_date
from joinedup.workspaces.record_views import Register

from .forms import OrganisationForm, PersonForm
from .models import Organisation, Person

ORGANISATIONS = Register(
    model=Organisation,
    form_class=OrganisationForm,
    singular=_("organisation"),
    plural=_("organisations"),
    url_prefix="organisations:organisation",
    section="organisations",
    columns=[
        (_("Name"), lambda o: o.name),
        (_("Sector"), lambda o: o.get_sector_display()),
        (_("Code"), lambda o: o.ons_code),
    ],
)

PEOPLE = Register(
    model=Person,
    form_class=PersonForm,
    singular=_("person"),
    plural=_("people"),
    url_prefix="organisations:person",
    section="people",
    related=("organisation",),
    columns=[
        (_("Name"), lambda p: p.name),
        (_("Organisation"), lambda p: p.organisation or ""),
        (_("Role"), lambda p: p.role_title),
        (_("Pay band"), lambda p: p.pay_band or _("Workspace default")),
        (_("Moved on"), lambda p: short_date(p.active_to) if p.active_to else ""),
    ],
)
