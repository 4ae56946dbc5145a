from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from joinedup.workspaces.forms import WorkspaceModelForm

from .models import OutcomeValuation, SocialReturnBasis

REQUIRED = {
    "outcome": gettext_lazy("Choose the outcome it values"),
    "counted": gettext_lazy("Enter what is counted"),
    "unit_cost": gettext_lazy("Enter the unit cost in pounds"),
    "source": gettext_lazy("Enter the source of the unit cost"),
    "duration_years": gettext_lazy("Enter how many years it lasts"),
    "deadweight": gettext_lazy("Enter the deadweight as a percentage, or 0"),
    "displacement": gettext_lazy("Enter the displacement as a percentage, or 0"),
    "attribution": gettext_lazy("Enter the attribution as a percentage, or 0"),
    "drop_off": gettext_lazy("Enter the drop-off as a percentage, or 0"),
    "discount_rate": gettext_lazy("Enter the discount rate as a percentage"),
}


def name_the_field(form):
    """Error messages that say which field is wrong, since the error summary
    shows the message without the label."""
    for name, field in form.fields.items():
        label = str(field.label).split(" (")[0]
        field.error_messages.update({
            "required": REQUIRED.get(name, f"Enter {label.lower()}"),
            "invalid": _("%(label)s must be a number") % {"label": label},
            "max_digits": _("%(label)s is too large") % {"label": label},
            "max_whole_digits": _("%(label)s is too large") % {"label": label},
            "max_decimal_places": _("%(label)s can have at most 2 decimal places") % {"label": label},
        })


class OutcomeValuationForm(WorkspaceModelForm):
    class Meta:
        model = OutcomeValuation
        fields = [
            "outcome", "counted", "unit_cost", "source", "quantity", "duration_years",
            "deadweight", "displacement", "attribution", "drop_off",
        ]
        labels = {"outcome": gettext_lazy("Outcome it values")}
        widgets = {"source": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        name_the_field(self)
        self.fields["outcome"].empty_label = _("Choose an outcome")


class SocialReturnBasisForm(WorkspaceModelForm):
    class Meta:
        model = SocialReturnBasis
        fields = ["investment", "investment_note", "discount_rate"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        name_the_field(self)
