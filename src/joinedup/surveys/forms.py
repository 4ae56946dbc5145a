from django import forms
from django.conf import settings

from joinedup.design_system.error_messages import SpecificErrors
from joinedup.workspaces.forms import WorkspaceModelForm

from .models import PEOPLE_GROUPS, WAVE_INSTRUMENTS, Language, Obstacle, Wave

LINK_FORMATS = [
    ("page", "Show the links on screen, with a CSV file to download"),
    ("print", "A printable page of QR codes and short codes, for paper invitations"),
    ("csv", "Download a CSV file of the links"),
]


def suppression_floor():
    """The deployment's smallest group shown; a wave may only raise it."""
    return max(5, int(getattr(settings, "SURVEY_SUPPRESSION_THRESHOLD", 5)))


class WaveForm(WorkspaceModelForm):
    """Open a wave: which instruments, asked of which groups, for how long."""

    instruments = forms.MultipleChoiceField(
        label="Which surveys", choices=WAVE_INSTRUMENTS, widget=forms.CheckboxSelectMultiple,
    )
    respondent_groups = forms.MultipleChoiceField(
        label="Who will be asked", widget=forms.CheckboxSelectMultiple,
        help_text="Invitation links are made for each group, so that response rates can be worked out.",
    )
    date_order = [("opens_on", "closes_on", "The closing date must be on or after the opening date.")]
    date_descriptions = {"opens_on": "the date the wave opens", "closes_on": "the date the wave closes"}
    required_messages = {
        "name": "Enter a name for the wave, such as Spring 2026",
        "instruments": "Select which surveys the wave asks",
        "respondent_groups": "Select who will be asked",
        "opens_on": "Enter the date the wave opens",
        "threshold": "Enter the smallest group whose answers are shown",
        "min_response_rate": "Enter the smallest response rate at which a group's answers are shown",
    }

    class Meta:
        model = Wave
        fields = ["name", "instruments", "respondent_groups", "opens_on", "closes_on", "threshold", "min_response_rate"]
        labels = {"name": "Name of the wave", "opens_on": "Opens", "closes_on": "Closes"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        organisations = [
            m.organisation.name
            for m in self.partnership.memberships.live().select_related("organisation")
        ]
        self.fields["respondent_groups"].choices = [(g, g) for g in organisations + PEOPLE_GROUPS]
        self.fields["threshold"].initial = suppression_floor()

    def clean_threshold(self):
        threshold = self.cleaned_data["threshold"]
        if threshold < suppression_floor():
            raise forms.ValidationError(f"The smallest group shown must be at least {suppression_floor()}.")
        return threshold


class BatchForm(SpecificErrors, forms.Form):
    """Make single-use links for one group and one survey of a wave."""

    required_messages = {
        "group": "Select the group the links are for",
        "instrument": "Select the survey the links open",
        "count": "Enter how many links to make",
        "language": "Select the language of the survey",
        "output": "Select how you want the links",
    }

    group = forms.ChoiceField(label="Group", widget=forms.RadioSelect)
    instrument = forms.ChoiceField(label="Survey", widget=forms.RadioSelect)
    count = forms.IntegerField(label="How many links", min_value=1, max_value=2000, widget=forms.NumberInput)
    language = forms.ChoiceField(label="Language", choices=Language.choices, widget=forms.RadioSelect, initial=Language.ENGLISH)
    easy_read = forms.BooleanField(
        label="Easy-read version", required=False,
        help_text="Simple words and large type. For the service-user survey only.",
    )
    output = forms.ChoiceField(label="How do you want the links?", choices=LINK_FORMATS, widget=forms.RadioSelect, initial="page")

    def __init__(self, *args, wave, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].choices = [(g, g) for g in wave.respondent_groups]
        names = dict(WAVE_INSTRUMENTS)
        self.fields["instrument"].choices = [(code, names.get(code, code)) for code in wave.instruments]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("easy_read") and cleaned.get("instrument") != "service_user":
            self.add_error("easy_read", "The easy-read version is only for the service-user survey.")
        return cleaned


class ObstacleForm(WorkspaceModelForm):
    required_messages = {
        "text": "Enter the obstacle",
        "raised_by_kind": "Select who raised the obstacle",
        "status": "Select what is being done about the obstacle",
    }

    class Meta:
        model = Obstacle
        fields = ["text", "raised_by_kind", "owner", "status"]
        widgets = {"raised_by_kind": forms.RadioSelect, "status": forms.RadioSelect}
