from django import forms
from django.utils.translation import gettext_lazy as _

from joinedup.workspaces.forms import WorkspaceModelForm
from joinedup.workspaces.models import Nation

from .models import Organisation, Person


class OrganisationForm(WorkspaceModelForm):
    required_messages = {"name": _("Enter the organisation's name"), "sector": _("Select the organisation's sector")}

    class Meta:
        model = Organisation
        fields = ["name", "sector", "ons_code", "nation", "notes"]
        widgets = {"nation": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Asked only of a workspace in more than one nation (or an organisation that
        # already names one): elsewhere everyone is employed in the workspace's nation.
        nations = self.workspace.nation_list
        if len(nations) < 2 and not self.instance.nation:
            del self.fields["nation"]
            return
        offered = [code for code in nations if code != nations[0]]
        if self.instance.nation and self.instance.nation not in nations:
            offered.append(self.instance.nation)
        first = Nation(nations[0]).label if nations else Nation.ENGLAND.label
        self.fields["nation"].choices = [
            ("", _("%(nation)s, the workspace's first nation") % {"nation": first}),
            *[(code, Nation(code).label) for code in offered],
        ]
        self.fields["nation"].label = _("Which nation does it employ its staff in?")


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
