from django import forms
from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from joinedup.design_system.error_messages import SpecificErrors
from joinedup.workspaces.forms import WorkspaceModelForm

from .models import PEOPLE_GROUPS, WAVE_INSTRUMENTS, Language, Obstacle, Wave, group_label

LINK_FORMATS = [
    ("page", gettext_lazy("Show the links on screen, with a CSV file to download")),
    ("print", gettext_lazy("A printable page of QR codes and short codes, for paper invitations")),
    ("csv", gettext_lazy("Download a CSV file of the links")),
]


def suppression_floor():
    """The deployment's smallest group shown; a wave may only raise it."""
    return max(5, int(getattr(settings, "SURVEY_SUPPRESSION_THRESHOLD", 5)))


class WaveForm(WorkspaceModelForm):
    """Open a wave: which instruments, asked of which groups, for how long."""

    instruments = forms.MultipleChoiceField(
        label=gettext_lazy("Which surveys"), choices=WAVE_INSTRUMENTS, widget=forms.CheckboxSelectMultiple,
    )
    respondent_groups = forms.MultipleChoiceField(
        label=gettext_lazy("Who will be asked"), widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("Invitation links are made for each group, so that response rates can be worked out."),
    )
    date_order = [("opens_on", "closes_on", gettext_lazy("The closing date must be on or after the opening date."))]
    date_descriptions = {"opens_on": gettext_lazy("the date the wave opens"), "closes_on": gettext_lazy("the date the wave closes")}
    required_messages = {
        "name": gettext_lazy("Enter a name for the wave, such as Spring 2026"),
        "instruments": gettext_lazy("Select which surveys the wave asks"),
        "respondent_groups": gettext_lazy("Select who will be asked"),
        "opens_on": gettext_lazy("Enter the date the wave opens"),
        "threshold": gettext_lazy("Enter the smallest group whose answers are shown"),
        "min_response_rate": gettext_lazy("Enter the smallest response rate at which a group's answers are shown"),
    }

    class Meta:
        model = Wave
        fields = ["name", "instruments", "respondent_groups", "opens_on", "closes_on", "threshold", "min_response_rate"]
        labels = {"name": gettext_lazy("Name of the wave"), "opens_on": gettext_lazy("Opens"), "closes_on": gettext_lazy("Closes")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        organisations = [
            m.organisation.name
            for m in self.partnership.memberships.live().select_related("organisation")
        ]
        self.fields["respondent_groups"].choices = [(g, group_label(g)) for g in organisations + PEOPLE_GROUPS]
        self.fields["threshold"].initial = suppression_floor()

    def clean_threshold(self):
        threshold = self.cleaned_data["threshold"]
        if threshold < suppression_floor():
            raise forms.ValidationError(
                _("The smallest group shown must be at least %(floor)s.") % {"floor": suppression_floor()}
            )
        return threshold


class BatchForm(SpecificErrors, forms.Form):
    """Make single-use links for one group and one survey of a wave."""

    required_messages = {
        "group": gettext_lazy("Select the group the links are for"),
        "instrument": gettext_lazy("Select the survey the links open"),
        "count": gettext_lazy("Enter how many links to make"),
        "language": gettext_lazy("Select the language of the survey"),
        "output": gettext_lazy("Select how you want the links"),
    }

    group = forms.ChoiceField(label=gettext_lazy("Group"), widget=forms.RadioSelect)
    instrument = forms.ChoiceField(label=gettext_lazy("Survey"), widget=forms.RadioSelect)
    count = forms.IntegerField(label=gettext_lazy("How many links"), min_value=1, max_value=2000, widget=forms.NumberInput)
    language = forms.ChoiceField(label=gettext_lazy("Language"), choices=Language.choices, widget=forms.RadioSelect, initial=Language.ENGLISH)
    easy_read = forms.BooleanField(
        label=gettext_lazy("Easy-read version"), required=False,
        help_text=gettext_lazy("Simple words and large type. For the service-user survey only."),
    )
    output = forms.ChoiceField(label=gettext_lazy("How do you want the links?"), choices=LINK_FORMATS, widget=forms.RadioSelect, initial="page")

    def __init__(self, *args, wave, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].choices = [(g, group_label(g)) for g in wave.respondent_groups]
        names = dict(WAVE_INSTRUMENTS)
        self.fields["instrument"].choices = [(code, names.get(code, code)) for code in wave.instruments]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("easy_read") and cleaned.get("instrument") != "service_user":
            self.add_error("easy_read", _("The easy-read version is only for the service-user survey."))
        return cleaned


class ObstacleForm(WorkspaceModelForm):
    required_messages = {
        "text": gettext_lazy("Enter the obstacle"),
        "raised_by_kind": gettext_lazy("Select who raised the obstacle"),
        "status": gettext_lazy("Select what is being done about the obstacle"),
    }

    class Meta:
        model = Obstacle
        fields = ["text", "raised_by_kind", "owner", "status"]
        # The model's own field names would be shown in English.
        labels = {"text": gettext_lazy("Text"), "owner": gettext_lazy("Owner"), "status": gettext_lazy("Status")}
        widgets = {"raised_by_kind": forms.RadioSelect, "status": forms.RadioSelect}
