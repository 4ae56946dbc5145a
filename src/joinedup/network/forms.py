from django import forms
from django.utils.translation import gettext_lazy

from joinedup.design_system.date_input import GovukDateField
from joinedup.design_system.error_messages import SpecificErrors
from joinedup.organisations.models import Sector

from .presenters import user_group_choices


class NetworkFilterForm(SpecificErrors, forms.Form):
    """The day and the slice of the web to show. Read from the query string."""

    as_at = GovukDateField(
        label=gettext_lazy("As at"), required=False, described_as=gettext_lazy("the day to show the network on"),
        help_text=gettext_lazy("The network on a past day. Leave blank for today."),
    )
    sector = forms.ChoiceField(
        label=gettext_lazy("Partnerships with a member from"), required=False,
        choices=[("", gettext_lazy("Any sector")), *Sector.choices],
    )
    user_group = forms.ChoiceField(
        label=gettext_lazy("Partnerships serving"), required=False,
        choices=[("", gettext_lazy("Anyone")), *user_group_choices()],
    )
