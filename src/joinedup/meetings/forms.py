"""Forms for meetings, their attendance, decisions and actions, and the pay scale."""

from datetime import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from joinedup.design_system.date_input import GovukDateField
from joinedup.design_system.error_messages import SpecificErrors
from joinedup.workspaces.access import for_workspace
from joinedup.workspaces.forms import WorkspaceModelForm
from joinedup.workspaces.models import Nation

from .models import AttendanceStatus, Meeting, PayBand, PayScale, band_key
from .scales import nations_costed, pay_nation

NOT_THERE = ""
NOT_LINKED = "none"


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%H:%M")


class MeetingForm(WorkspaceModelForm):
    """The meeting itself; its start is entered as a date and a time (UK time)."""

    required_messages = {
        "title": gettext_lazy("Enter the meeting's title"),
        "start_time": gettext_lazy("Enter the time the meeting started, like 14:00"),
        "length_minutes": gettext_lazy("Enter how long the meeting lasted, in minutes"),
    }
    date = GovukDateField(label=gettext_lazy("Date"), described_as=gettext_lazy("the date of the meeting"))
    start_time = forms.TimeField(label=gettext_lazy("Start time"), widget=TimeInput(), help_text=gettext_lazy("For example 14:00."))

    class Meta:
        model = Meeting
        fields = ["title", "date", "start_time", "length_minutes", "preparation_minutes", "travel_minutes", "location"]
        help_texts = {
            "preparation_minutes": gettext_lazy("Time each attendee spends reading papers and preparing. Can be changed for one person below."),
            "travel_minutes": gettext_lazy("Time each attendee spends getting there and back."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            local = timezone.localtime(self.instance.starts_at)
            self.initial.setdefault("date", local.date())
            self.initial.setdefault("start_time", local.time())

    def save(self, commit=True):
        day, at = self.cleaned_data["date"], self.cleaned_data["start_time"]
        self.instance.starts_at = timezone.make_aware(datetime.combine(day, at))
        return super().save(commit)


class AttendanceForm(SpecificErrors, forms.Form):
    """One person of the partnership: were they there, and for how long."""

    person = forms.IntegerField(widget=forms.HiddenInput)
    status = forms.ChoiceField(
        label=gettext_lazy("Attendance"), required=False, widget=forms.RadioSelect,
        choices=[(NOT_THERE, gettext_lazy("Not expected")), *AttendanceStatus.choices],
    )
    deputy = forms.ModelChoiceField(label=gettext_lazy("Deputy who went"), queryset=None, required=False)
    preparation_minutes = forms.IntegerField(
        label=gettext_lazy("Preparation (minutes)"), min_value=0, max_value=1440, required=False,
        help_text=gettext_lazy("Leave blank for the meeting's figure."),
    )
    travel_minutes = forms.IntegerField(
        label=gettext_lazy("Travel (minutes)"), min_value=0, max_value=1440, required=False,
        help_text=gettext_lazy("Leave blank for the meeting's figure."),
    )

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["deputy"].queryset = people
        self.fields["deputy"].widget.attrs["class"] = "govuk-select"

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") == AttendanceStatus.DEPUTY and not cleaned.get("deputy"):
            self.add_error("deputy", _("Choose who went as the deputy"))
        return cleaned


class DecisionForm(SpecificErrors, forms.Form):
    text = forms.CharField(label=gettext_lazy("Decision"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    outcome = forms.ChoiceField(label=gettext_lazy("Outcome it serves"), required=False)

    def __init__(self, *args, outcomes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].choices = [
            ("", _("Choose an outcome")), (NOT_LINKED, _("Not linked to an outcome")),
            *[(str(o.pk), str(o)) for o in outcomes],
        ]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("text") and not cleaned.get("outcome"):
            self.add_error("outcome", _("Choose the outcome this decision serves, or say it is not linked to one"))
        return cleaned


class ActionForm(SpecificErrors, forms.Form):
    text = forms.CharField(label=gettext_lazy("Action"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    owner = forms.ModelChoiceField(label=gettext_lazy("Owner"), queryset=None, required=False)
    due_on = GovukDateField(label=gettext_lazy("Due"), required=False, described_as=gettext_lazy("the date the action is due"))
    done_on = GovukDateField(label=gettext_lazy("Done on"), required=False, described_as=gettext_lazy("the date the action was done"))

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = people

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("text") and any(cleaned.get(f) for f in ("owner", "due_on", "done_on")):
            self.add_error("text", _("Say what the action is"))
        return cleaned


class PayBandForm(WorkspaceModelForm):
    required_messages = {
        "code": gettext_lazy("Enter the band's code, such as AfC 8a"),
        "name": gettext_lazy("Enter the band's name"),
        "scale": gettext_lazy("Select the pay scale the band belongs to"),
        "nation": gettext_lazy("Select the nation whose people are paid on this band"),
        "annual_salary": gettext_lazy("Enter the annual salary in pounds"),
    }

    class Meta:
        model = PayBand
        fields = [
            "code", "name", "nation", "scale", "annual_salary", "employer_ni_rate", "employer_ni_threshold",
            "pension_rate", "annual_working_hours", "source",
        ]
        widgets = {"source": forms.Textarea(attrs={"rows": 2}), "nation": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A band belongs to one nation; in a workspace of one nation that is its nation.
        nations = nations_costed(self.workspace)
        if not self.instance.pk:
            self.instance.nation = pay_nation(self.workspace)
        if len(nations) < 2 and self.instance.nation in nations:
            del self.fields["nation"]
        else:
            offered = list(dict.fromkeys([*nations, self.instance.nation]))
            self.fields["nation"].choices = [(code, Nation(code).label) for code in offered]

    def clean(self):
        cleaned = super().clean()
        code = cleaned.get("code")
        nation = cleaned.get("nation", self.instance.nation)
        if code:
            clash = for_workspace(PayBand, self.workspace).filter(code_key=band_key(code), nation=nation)
            if self.instance.pk:
                clash = clash.exclude(pk=self.instance.pk)
            if clash.exists():
                self.add_error("code", _("This workspace already has a band with this code"))
        return cleaned


class DefaultRateForm(WorkspaceModelForm):
    class Meta:
        model = PayScale
        fields = ["default_band", "default_hourly_cost"]
        labels = {"default_band": gettext_lazy("Default band"), "default_hourly_cost": gettext_lazy("Or a default hourly cost (£)")}


class UploadForm(SpecificErrors, forms.Form):
    required_messages = {"file": gettext_lazy("Select a calendar file (.ics) to upload")}
    file = forms.FileField(
        label=gettext_lazy("Upload a calendar file (.ics)"), allow_empty_file=True,
        help_text=gettext_lazy("Exported from Outlook, Google Calendar or Apple Calendar. Nothing is saved until you have checked what will be imported."),
    )


LEAVE_OUT = ""


SERIES_PER_PAGE = 50
PEOPLE_PER_PAGE = 50


class ImportWindowForm(SpecificErrors, forms.Form):
    """The dates whose meetings are read from the file."""

    window_from = GovukDateField(label=gettext_lazy("From"), described_as=gettext_lazy("the first date to import"))
    window_to = GovukDateField(
        label=gettext_lazy("To"), described_as=gettext_lazy("the last date to import"),
        help_text=gettext_lazy("Meetings after today come in as planned meetings: not counted or costed until held."),
    )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("window_from"), cleaned.get("window_to")
        if start and end and end < start:
            self.add_error("window_to", _("The last date must be on or after the first date"))
        if start and end and (end - start).days > 366 * 10:
            self.add_error("window_from", _("Choose ten years or fewer"))
        return cleaned


class ImportChoicesForm(SpecificErrors, forms.Form):
    """Which partnership each calendar event's meetings go to, which unknown
    attendees become people, and the preparation and travel to assume.

    Only one page of events and people is in the form at a time; the choices
    made on other pages are kept in the upload record (imports.StagedImport),
    so the form never sends more than about a hundred fields."""

    preparation_minutes = forms.IntegerField(
        label=gettext_lazy("Preparation per attendee (minutes)"), min_value=0, max_value=1440, initial=30,
        help_text=gettext_lazy("Time each attendee spends reading papers and preparing for each meeting."),
    )
    travel_minutes = forms.IntegerField(
        label=gettext_lazy("Travel per attendee (minutes)"), min_value=0, max_value=1440, initial=0,
        help_text=gettext_lazy("Leave at 0 for online meetings."),
    )

    def __init__(self, *args, plan, partnerships, staged, page=1, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan, self.staged = plan, staged
        self.partnerships = {str(p.pk): p for p in partnerships}
        self.pages = max(1, -(-len(plan.series) // SERIES_PER_PAGE), -(-len(plan.unknown) // PEOPLE_PER_PAGE))
        self.page = min(max(1, page), self.pages)
        self.series_range = range(
            (self.page - 1) * SERIES_PER_PAGE, min(self.page * SERIES_PER_PAGE, len(plan.series))
        )
        self.people_range = range(
            (self.page - 1) * PEOPLE_PER_PAGE, min(self.page * PEOPLE_PER_PAGE, len(plan.unknown))
        )
        self.fields["preparation_minutes"].initial = staged.preparation_minutes
        self.fields["travel_minutes"].initial = staged.travel_minutes
        choices = [(LEAVE_OUT, _("Do not import")), *[(key, p.name) for key, p in self.partnerships.items()]]
        for index in self.series_range:
            series = plan.series[index]
            self.fields[f"series_{index}"] = forms.ChoiceField(
                label=_("Partnership for “%(title)s”") % {"title": series.title}, choices=choices, required=False,
                initial=self.choice_for(series),
            )
        for index in self.people_range:
            email, name = plan.unknown[index]
            self.fields[f"create_{index}"] = forms.BooleanField(
                label=_("Add %(value)s (%(email)s) as a person") % {"value": name or email, "email": email}, required=False,
                initial=self.staged.create_people.get(email, True),
            )

    def choice_for(self, series):
        """The choice kept for a series, else the suggested partnership."""
        if series.uid in self.staged.series_choices:
            return self.staged.series_choices[series.uid]
        return str(series.suggested.pk) if series.suggested else LEAVE_OUT

    def series_fields(self):
        return [(self.plan.series[i], self[f"series_{i}"]) for i in self.series_range]

    def person_fields(self):
        return [self[f"create_{i}"] for i in self.people_range]

    def remember(self):
        """Keep this page's choices in the upload record (the caller saves it)."""
        for index in self.series_range:
            self.staged.series_choices[self.plan.series[index].uid] = self.cleaned_data[f"series_{index}"]
        for index in self.people_range:
            self.staged.create_people[self.plan.unknown[index][0]] = self.cleaned_data[f"create_{index}"]
        self.staged.preparation_minutes = self.cleaned_data["preparation_minutes"]
        self.staged.travel_minutes = self.cleaned_data["travel_minutes"]

    def targets(self):
        """Every series, on every page, to its chosen partnership (None: left out)."""
        return {series.uid: self.partnerships.get(self.choice_for(series)) for series in self.plan.series}

    def create_emails(self):
        return {email for email, _ in self.plan.unknown if self.staged.create_people.get(email, True)}
