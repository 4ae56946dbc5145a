from django import forms

from joinedup.workspaces.access import for_workspace
from joinedup.workspaces.forms import WorkspaceModelForm

from .importing import max_upload_bytes
from .mapping import (
    ROLES,
    ColumnMapping,
    Layout,
    breakdown_values,
    mapping_problems,
    sub_columns,
)
from .models import Area, Event, ImportBatch, Indicator
from .periods import DateMeaning
from .reading import is_figure

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
    class Meta:
        model = Event
        fields = ["date", "label"]


class AreaForm(WorkspaceModelForm):
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


class UploadForm(forms.Form):
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


class MappingForm(forms.Form):
    """Which column holds what. Built for one file's headers."""

    layout = forms.ChoiceField(label="How the file is laid out", choices=LAYOUT_CHOICES, widget=forms.RadioSelect)

    def __init__(self, *args, headers, table=None, mapping=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.headers = headers
        choices = [("", "Not in the file"), *[(h, h) for h in headers]]
        self.sub_columns = sub_columns(headers)
        for role in ROLES:
            self.fields[role] = forms.ChoiceField(
                label=ROLE_LABELS[role], choices=choices, required=False, help_text=ROLE_HINTS.get(role, "")
            )
        self.fields["period_dates"] = forms.ChoiceField(
            label="A full date in the period column means", choices=DATE_CHOICES, widget=forms.RadioSelect
        )
        if self.sub_columns:
            subs = [(name, name) for name in self.sub_columns]
            self.fields["wide_value"] = forms.ChoiceField(
                label="Under each period, the column that holds the value", choices=subs, required=False,
                help_text="For a file with a column for each period, split into sub-columns.")
            for role in ("numerator", "denominator"):
                self.fields[f"wide_{role}"] = forms.ChoiceField(
                    label=f"Under each period, the {role} column", choices=[("", "None"), *subs], required=False)
        self.filter_fields = []
        if table is not None:
            breakdown_fields(self, table, mapping or ColumnMapping())
        self.previous_wide_columns = []

    @classmethod
    def for_mapping(cls, mapping, headers, table=None):
        initial = {role: getattr(mapping, role) or "" for role in ROLES}
        initial.update(layout=str(mapping.layout), period_dates=str(mapping.period_dates),
                       wide_value=mapping.wide_value, wide_numerator=mapping.wide_numerator,
                       wide_denominator=mapping.wide_denominator)
        form = cls(initial=initial, headers=headers, table=table, mapping=mapping)
        form.previous_wide_columns = mapping.wide_columns
        return form

    def mapping(self, previous=None):
        data = self.cleaned_data
        mapping = ColumnMapping(
            **{role: data.get(role) or None for role in ROLES},
            layout=Layout(data["layout"]), period_dates=DateMeaning(data["period_dates"]),
            wide_value=data.get("wide_value") or "", wide_numerator=data.get("wide_numerator") or "",
            wide_denominator=data.get("wide_denominator") or "",
            filters={header: data[name] for name, header in self.filter_fields if data.get(name)},
        )
        if mapping.layout != Layout.WIDE_PERIODS:
            mapping.wide_value = mapping.wide_numerator = mapping.wide_denominator = ""
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


class SeriesForm(forms.Form):
    """Which of the series found in the file to import; `names` come from the file."""

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


class AreaRolesForm(forms.Form):
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


class TablePositionForm(forms.Form):
    """Which sheet, and which rows are the header and the data (1-based, as Excel numbers them)."""

    sheet = forms.CharField(widget=forms.HiddenInput, required=False)
    header_first = forms.IntegerField(label="First header row", min_value=1,
                                      widget=forms.NumberInput(attrs={"class": "govuk-input--width-5"}))
    header_last = forms.IntegerField(label="Last header row", min_value=1,
                                     help_text="The same as the first if the names are on one row.",
                                     widget=forms.NumberInput(attrs={"class": "govuk-input--width-5"}))
    first_row = forms.IntegerField(label="First row of data", min_value=1,
                                   widget=forms.NumberInput(attrs={"class": "govuk-input--width-5"}))
    last_row = forms.IntegerField(label="Last row of data", min_value=1,
                                  widget=forms.NumberInput(attrs={"class": "govuk-input--width-5"}))

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        for name in ("header_first", "header_last", "first_row", "last_row"):
            if cleaned[name] > self.rows:
                self.add_error(name, f"The sheet has {self.rows} rows. Choose a row up to {self.rows}.")
        if self.errors:
            return cleaned
        if cleaned["header_last"] < cleaned["header_first"]:
            self.add_error("header_last", "The last header row must be the first header row or below it.")
        if cleaned["first_row"] <= cleaned["header_last"]:
            self.add_error("first_row", "The first row of data must be below the header.")
        if cleaned["last_row"] < cleaned["first_row"]:
            self.add_error("last_row", "The last row of data must be the first row of data or below it.")
        return cleaned


def breakdown_fields(form, table, mapping, *, most=30):
    """A checkbox group per column that looks like a breakdown (Sex, Age, Category: 2 to
    `most` distinct values), listing each value and its row count; ticked = rows kept."""
    form.filter_fields = []
    for index, header in enumerate(table.headers):
        values = breakdown_values(table, header, most)
        filled = [value for value, _ in values if value]
        # Figures (with their N/A and suppression markers) are values, not a breakdown.
        if not 2 <= len(values) <= most or sum(map(is_figure, filled)) * 2 >= len(filled):
            continue
        name = f"filter_{index}"
        form.fields[name] = forms.MultipleChoiceField(
            label=f"Rows to import by {header}", required=False, widget=forms.CheckboxSelectMultiple,
            choices=[(value, f"{value or '(blank)'} ({count:,} row{'s' if count != 1 else ''})")
                     for value, count in values],
            initial=mapping.filters.get(header, []),
            help_text="Tick the values to keep. Tick none to keep every row.",
        )
        form.filter_fields.append((name, header))
