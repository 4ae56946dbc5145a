from django import forms

from joinedup.design_system.date_input import GovukDateField
from joinedup.design_system.error_messages import SpecificErrors
from joinedup.organisations.models import Sector

from .presenters import user_group_choices


class NetworkFilterForm(SpecificErrors, forms.Form):
    """The day and the slice of the web to show. Read from the query string."""

    as_at = GovukDateField(
        label="As at", required=False, described_as="the day to show the network on",
        help_text="The network on a past day. Leave blank for today.",
    )
    sector = forms.ChoiceField(
        label="Partnerships with a member from", required=False,
        choices=[("", "Any sector"), *Sector.choices],
    )
    user_group = forms.ChoiceField(
        label="Partnerships serving", required=False,
        choices=[("", "Anyone"), *user_group_choices()],
    )
