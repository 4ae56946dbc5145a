from django import forms

from joinedup.workspaces.forms import WorkspaceModelForm

from .models import OutcomeValuation, SocialReturnBasis

REQUIRED = {
    "outcome": "Choose the outcome it values",
    "counted": "Enter what is counted",
    "unit_cost": "Enter the unit cost in pounds",
    "source": "Enter the source of the unit cost",
    "duration_years": "Enter how many years it lasts",
    "deadweight": "Enter the deadweight as a percentage, or 0",
    "displacement": "Enter the displacement as a percentage, or 0",
    "attribution": "Enter the attribution as a percentage, or 0",
    "drop_off": "Enter the drop-off as a percentage, or 0",
    "discount_rate": "Enter the discount rate as a percentage",
}


def name_the_field(form):
    """Error messages that say which field is wrong, since the error summary
    shows the message without the label."""
    for name, field in form.fields.items():
        label = str(field.label).split(" (")[0]
        field.error_messages.update({
            "required": REQUIRED.get(name, f"Enter {label.lower()}"),
            "invalid": f"{label} must be a number",
            "max_digits": f"{label} is too large",
            "max_whole_digits": f"{label} is too large",
            "max_decimal_places": f"{label} can have at most 2 decimal places",
        })


class OutcomeValuationForm(WorkspaceModelForm):
    class Meta:
        model = OutcomeValuation
        fields = [
            "outcome", "counted", "unit_cost", "source", "quantity", "duration_years",
            "deadweight", "displacement", "attribution", "drop_off",
        ]
        labels = {"outcome": "Outcome it values"}
        widgets = {"source": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        name_the_field(self)
        self.fields["outcome"].empty_label = "Choose an outcome"


class SocialReturnBasisForm(WorkspaceModelForm):
    class Meta:
        model = SocialReturnBasis
        fields = ["investment", "investment_note", "discount_rate"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        name_the_field(self)
