from django import forms

from joinedup.organisations.models import Sector

from .presenters import user_group_choices


class NetworkFilterForm(forms.Form):
    """The day and the slice of the web to show. Read from the query string."""

    as_at = forms.DateField(
        label="As at", required=False,
        help_text="The network on a past day, for example 31/3/2024. Leave blank for today.",
    )
    sector = forms.ChoiceField(
        label="Partnerships with a member from", required=False,
        choices=[("", "Any sector"), *Sector.choices],
    )
    user_group = forms.ChoiceField(
        label="Partnerships serving", required=False,
        choices=[("", "Anyone"), *user_group_choices()],
    )
