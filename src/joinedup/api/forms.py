from django import forms
from django.utils.translation import gettext_lazy as _

from joinedup.design_system.error_messages import SpecificErrors

from .models import Scope

LIFETIMES = [(30, _("30 days")), (90, _("90 days")), (365, _("1 year"))]


class TokenForm(SpecificErrors, forms.Form):
    name = forms.CharField(
        label=_("What is the token for?"), max_length=100,
        help_text=_("For example, 'Power BI refresh' or 'Evaluation notebook'."),
        error_messages={"required": _("Enter what the token is for")},
    )
    scope = forms.ChoiceField(
        label=_("What may it do?"), choices=Scope.choices, widget=forms.RadioSelect, initial=Scope.READ,
        error_messages={"required": _("Choose what the token may do"), "invalid_choice": _("Choose what the token may do")},
    )
    days = forms.TypedChoiceField(
        label=_("How long should it work?"), choices=LIFETIMES, coerce=int, widget=forms.RadioSelect, initial=90,
        error_messages={"required": _("Choose how long the token should work"),
                        "invalid_choice": _("Choose how long the token should work")},
    )

    def __init__(self, *args, may_write=True, **kwargs):
        super().__init__(*args, **kwargs)
        if not may_write:
            self.fields["scope"].choices = [(Scope.READ, Scope.READ.label)]
            self.fields["scope"].help_text = _("Viewers can make read-only tokens.")


class ArchiveImportForm(SpecificErrors, forms.Form):
    required_messages = {"file": _("Select the workspace archive (.zip) to import")}
    file = forms.FileField(
        label=_("Workspace archive"), help_text=_("The .zip file that joinedup's export made, on this or another server."),
    )
    slug = forms.SlugField(
        label=_("Short name for web addresses"), max_length=60, required=False,
        help_text=_("Leave empty to keep the archive's own. Lower-case letters, numbers and hyphens."),
        error_messages={"invalid": _("Enter a short name of lower-case letters, numbers and hyphens, such as northshire")},
    )
