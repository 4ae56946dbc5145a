from django.utils.translation import gettext_lazy as _

from joinedup.workspaces.forms import WorkspaceModelForm

from .models import Organisation, Person


class OrganisationForm(WorkspaceModelForm):
    required_messages = {"name": _("Enter the organisation's name"), "sector": _("Select the organisation's sector")}

    class Meta:
        model = Organisation
        fields = ["name", "sector", "ons_code", "notes"]


class PersonForm(WorkspaceModelForm):
    required_messages = {"name": _("Enter the person's name"), "organisation": _("Select the organisation the person works for")}
    date_descriptions = {"active_from": _("the date they started in post"), "active_to": _("the date they moved on")}
    date_order = [
        ("active_from", "active_to", _("The date they moved on must be on or after the date they started."))
    ]

    class Meta:
        model = Person
        fields = [
            "name", "email", "organisation", "role_title", "pay_band", "active_from", "active_to",
        ]
        labels = {"active_from": _("In post from"), "active_to": _("Moved on")}
