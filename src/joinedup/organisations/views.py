from joinedup.design_system.dates import short_date
from joinedup.workspaces.record_views import Register

from .forms import OrganisationForm, PersonForm
from .models import Organisation, Person

ORGANISATIONS = Register(
    model=Organisation,
    form_class=OrganisationForm,
    singular="organisation",
    plural="organisations",
    url_prefix="organisations:organisation",
    section="organisations",
    columns=[
        ("Name", lambda o: o.name),
        ("Sector", lambda o: o.get_sector_display()),
        ("Code", lambda o: o.ons_code),
    ],
)

PEOPLE = Register(
    model=Person,
    form_class=PersonForm,
    singular="person",
    plural="people",
    url_prefix="organisations:person",
    section="people",
    related=("organisation",),
    columns=[
        ("Name", lambda p: p.name),
        ("Organisation", lambda p: p.organisation or ""),
        ("Role", lambda p: p.role_title),
        ("Pay band", lambda p: p.pay_band or "Workspace default"),
        ("Moved on", lambda p: short_date(p.active_to) if p.active_to else ""),
    ],
)
