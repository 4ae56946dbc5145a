from django import forms

from joinedup.design_system.error_messages import SpecificErrors
from joinedup.workspaces.access import for_workspace
from joinedup.workspaces.forms import WorkspaceModelForm

from .importing import max_upload_bytes
from .mapping import ROLES, ColumnMapping, Layout, mapping_problems
from .models import Area, Event, ImportBatch, Indicator
from .periods import DateMeaning

ROLE_LABELS = {
    "period": "Period",
    "area_name": "Area name",
    "area_code": "Area code (ONS)",
    "value": "Value",
    "numerator": "Numerator",
    "denominator": "Denominator",
    "indicator": "Indicator or series",
}
ROLE_HINTS = {
    "period": "Financial years, quarters, months, weeks or dates. Needed unless the file has a column for each period.",
    "area_code": "Codes such as E08000009.",
    "value": "The number itself: a count, rate, percentage or amount. Needed when the file has a row for each value.",
    "numerator": "For a rate or percentage: the count of people or events.",
    "denominator": "For a rate or percentage: the population or total it is out of.",
    "indicator": "Only if the file holds several indicators or series (such as age groups).",
}
LAYOUT_CHOICES = [
    (Layout.LONG.value, "A row for each value (area, period and value in columns)"),
    (Layout.WIDE_PERIODS.value, "A column for each period, a row for each area"),
    (Layout.WIDE_AREAS.value, "A column for each area, a row for each period"),
]
DATE_CHOICES = [
    (DateMeaning.DAY.value, "The day itself"),
    (DateMeaning.MONTH.value, "The month it falls in"),
    (DateMeaning.WEEK_ENDING.value, "The week ending on that day"),
    (DateMeaning.WEEK_STARTING.value, "The week starting on that day"),
]


class IndicatorForm(WorkspaceModelForm):
    required_messages = {
        "name": "Enter the indicator's name",
        "kind": "Select the kind of indicator",
        "scope": "Select what the indicator covers",
        "unit": "Select the indicator's unit",
        "direction": "Select whether higher or lower is better",
        "frequency": "Select how often the indicator is measured",
        "source": "Enter where the figures come from",
    }
    date_descriptions = {"definition_changed_on": "the date the definition changed"}

    class Meta:
        model = Indicator
        fields = [
            "name", "outcome", "kind", "scope", "unit", "direction", "frequency", "source",
            "licence", "target", "definition_changed_on", "definition_notes",
        ]
        widgets = {
            "kind": forms.RadioSelect, "scope": forms.RadioSelect, "unit": forms.RadioSelect,
            "direction": forms.RadioSelect, "frequency": forms.RadioSelect,
            "definition_notes": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {"target": "Optional. In the indicator's unit; shown as a line on the chart."}


class EventForm(WorkspaceModelForm):
    required_messages = {"label": "Enter what happened, such as New discharge team started"}
    date_descriptions = {"date": "the date it happened"}

    class Meta:
        model = Event
        fields = ["date", "label"]


class AreaForm(WorkspaceModelForm):
    required_messages = {"name": "Enter the area's name", "ons_code": "Enter the area's ONS code, such as E06000001"}

    class Meta:
        model = Area
        fields = ["name", "ons_code", "is_own_area"]

    def clean_ons_code(self):
        return self.cleaned_data["ons_code"].strip().upper()

    def clean_is_own_area(self):
        own = self.cleaned_data["is_own_area"]
        others = for_workspace(Area, self.workspace).live().filter(is_own_area=True)
        other = others.exclude(pk=self.instance.pk).first()
        if own and other is not None:
            raise forms.ValidationError(
                f"{other.name} is already your own area. Untick it there first: the statistics compare "
                "one own area with its comparators."
            )
        return own


class UploadForm(SpecificErrors, forms.Form):
    required_messages = {"file": "Select a CSV or Excel file to upload"}
    file = forms.FileField(
        label="Upload a file",
        help_text="A CSV file or an Excel workbook (.xlsx), as downloaded from Fingertips, "
        "LG Inform, NHS England or your own systems.",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = max_upload_bytes()
        if upload.size > limit:
            raise forms.ValidationError(
                f"The file is {upload.size / 1048576:.1f} MB; files can be up to "
                f"{limit / 1048576:.0f} MB. Split it, for example by year, and import the parts."
            )
        return upload


class MappingForm(SpecificErrors, forms.Form):
    """Which column holds what. Built for one file's headers."""

    layout = forms.ChoiceField(label="How the file is laid out", choices=LAYOUT_CHOICES, widget=forms.RadioSelect)

    def __init__(self, *args, headers, **kwargs):
        super().__init__(*args, **kwargs)
        self.headers = headers
        choices = [("", "Not in the file"), *[(h, h) for h in headers]]
        for role in ROLES:
            self.fields[role] = forms.ChoiceField(
                label=ROLE_LABELS[role], choices=choices, required=False, help_text=ROLE_HINTS.get(role, "")
            )
        self.fields["period_dates"] = forms.ChoiceField(
            label="A full date in the period column means", choices=DATE_CHOICES, widget=forms.RadioSelect
        )
        self.previous_wide_columns = []

    @classmethod
    def for_mapping(cls, mapping, headers):
        initial = {role: getattr(mapping, role) or "" for role in ROLES}
        initial.update(layout=str(mapping.layout), period_dates=str(mapping.period_dates))
        form = cls(initial=initial, headers=headers)
        form.previous_wide_columns = mapping.wide_columns
        return form

    def mapping(self, previous=None):
        data = self.cleaned_data
        mapping = ColumnMapping(
            **{role: data.get(role) or None for role in ROLES},
            layout=Layout(data["layout"]), period_dates=DateMeaning(data["period_dates"]),
        )
        if previous is not None and previous.layout == mapping.layout:
            taken = set(mapping.roles().values())
            mapping.wide_columns = [c for c in previous.wide_columns if c not in taken]
        return mapping

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        for problem in mapping_problems(self.mapping(), self.headers):
            self.add_error(None, problem)
        return cleaned


class SeriesForm(SpecificErrors, forms.Form):
    """Which of the series found in the file to import; `names` come from the file."""

    required_messages = {"series": "Select the series that is this indicator"}

    series = forms.ChoiceField(
        label="Which series is this indicator?", widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Choose one of the series listed; that one is not in the file."},
    )
    longest = ImportBatch._meta.get_field("series").max_length

    def __init__(self, *args, names, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["series"].choices = [(n, n) for n in names]

    def clean_series(self):
        name = self.cleaned_data["series"]
        if len(name) > self.longest or "\x00" in name:
            raise forms.ValidationError(
                f"That series name is longer than {self.longest} characters or holds a NUL character. "
                "Correct it in the file and upload it again."
            )
        return name


AREA_ROLE_CHOICES = [("own", "Our own area"), ("comparator", "Comparator"), ("skip", "Do not import")]


class AreaRolesForm(SpecificErrors, forms.Form):
    """Own area, comparator or not imported, for each area found in the file."""

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.area_fields = []
        for index, choice in enumerate(choices):
            name = f"area_{index}"
            self.fields[name] = forms.ChoiceField(
                label=choice.label, choices=AREA_ROLE_CHOICES, widget=forms.RadioSelect,
                initial=choice.role,
                help_text=(f"Known area: {choice.existing.name}" if choice.existing else "A new area: it will be added")
                + f" · {choice.rows} row{'s' if choice.rows != 1 else ''}",
            )
            self.area_fields.append((name, choice.key))

    def roles(self):
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return {key: data[name] for name, key in self.area_fields if name in data}
