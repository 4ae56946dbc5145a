from django import forms
from django.utils.translation import gettext, gettext_lazy, ngettext
from django.utils.translation import gettext_lazy as _

from joinedup.design_system.error_messages import SpecificErrors
from joinedup.workspaces.access import for_workspace
from joinedup.workspaces.forms import WorkspaceModelForm

from .importing import MATCH_PREFIX, max_upload_bytes
from .mapping import (
    ROLES,
    ColumnMapping,
    Layout,
    Percentages,
    breakdown_values,
    columns_left_out,
    mapping_problems,
    sub_columns,
    used_columns,
)
from .models import Area, Event, ImportBatch, Indicator
from .periods import DateMeaning
from .reading import is_figure

ROLE_LABELS = {
    "period": _("Period"),
    "area_name": _("Area name"),
    "area_code": _("Area code (ONS)"),
    "value": _("Value"),
    "numerator": _("Numerator"),
    "denominator": _("Denominator"),
    "indicator": _("Indicator or series"),
    "area_level": _("Level of geography"),
}
ROLE_HINTS = {
    "period": _("Financial years, quarters, months, weeks or dates. Needed unless the file has a column for each period."),
    "area_code": _("ONS codes such as E08000009, NHS codes such as RTD or 7A6, old three-digit council codes, "
    "or a code and name together such as 102 - Cumbria."),
    "area_name": _("Names as the publisher writes them: spellings such as Rhondda Cynon Taff or Bristol, City of "
    "are recognised."),
    "value": _("The number itself: a count, rate, percentage or amount. Needed when the file has a row for each value."),
    "numerator": _("For a rate or percentage: the count of people or events."),
    "denominator": _("For a rate or percentage: the population or total it is out of."),
    "indicator": _("Only if the file holds several indicators or series (such as age groups)."),
    "area_level": _("Only if a column says which level each row is at, such as geographic_level "
    "(National, Regional, Local authority)."),
}
LAYOUT_CHOICES = [
    (Layout.LONG.value, _("A row for each value (area, period and value in columns)")),
    (Layout.WIDE_PERIODS.value, _("A column for each period, a row for each area")),
    (Layout.WIDE_AREAS.value, _("A column for each area, a row for each period")),
]
DATE_CHOICES = [
    (DateMeaning.DAY.value, _("The day itself")),
    (DateMeaning.MONTH.value, _("The month it falls in")),
    (DateMeaning.WEEK_ENDING.value, _("The week ending on that day")),
    (DateMeaning.WEEK_STARTING.value, _("The week starting on that day")),
    (DateMeaning.QUARTER_ENDING.value, _("The quarter ending in that month (March, June, September or December)")),
]
PERCENTAGE_CHOICES = [
    (Percentages.AS_WRITTEN.value, _("As they are: 57 or 57% means 57%")),
    (Percentages.FRACTIONS.value, _("As fractions: 0.57 means 57% (stored as 57)")),
]


class IndicatorForm(WorkspaceModelForm):
    required_messages = {
        "name": _("Enter the indicator's name"),
        "kind": _("Select the kind of indicator"),
        "scope": _("Select what the indicator covers"),
        "unit": _("Select the indicator's unit"),
        "direction": _("Select whether higher or lower is better"),
        "frequency": _("Select how often the indicator is measured"),
        "source": _("Enter where the figures come from"),
    }
    date_descriptions = {"definition_changed_on": _("the date the definition changed")}

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
        labels = {
            "name": _("Name"), "outcome": _("Outcome"), "unit": _("Unit"), "direction": _("Direction"),
            "frequency": _("Frequency"), "source": _("Source"), "licence": _("Licence"), "target": _("Target"),
        }
        help_texts = {"target": _("Optional. In the indicator's unit; shown as a line on the chart.")}


class EventForm(WorkspaceModelForm):
    required_messages = {"label": _("Enter what happened, such as New discharge team started")}
    date_descriptions = {"date": _("the date it happened")}

    class Meta:
        model = Event
        fields = ["date", "label"]
        labels = {"date": _("Date"), "label": _("Label")}


class AreaForm(WorkspaceModelForm):
    required_messages = {"name": _("Enter the area's name"),
                         "ons_code": _("Enter the area's ONS code, such as E06000001")}

    class Meta:
        model = Area
        fields = ["name", "ons_code", "is_own_area"]
        labels = {"name": _("Name")}

    def clean_ons_code(self):
        return self.cleaned_data["ons_code"].strip().upper()

    def clean_is_own_area(self):
        own = self.cleaned_data["is_own_area"]
        others = for_workspace(Area, self.workspace).live().filter(is_own_area=True)
        other = others.exclude(pk=self.instance.pk).first()
        if own and other is not None:
            raise forms.ValidationError(
                gettext("%(area)s is already your own area. Untick it there first: the statistics compare "
                        "one own area with its comparators.") % {"area": other.name}
            )
        return own


class UploadForm(SpecificErrors, forms.Form):
    required_messages = {"file": _("Select a CSV or Excel file to upload")}
    file = forms.FileField(
        label=_("Upload a file"),
        help_text=_("A CSV file or an Excel workbook (.xlsx), as downloaded from Fingertips, "
                    "LG Inform, NHS England or your own systems."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = max_upload_bytes()
        if upload.size > limit:
            raise forms.ValidationError(
                gettext("The file is %(size)s MB; files can be up to %(limit)s MB. Split it, for example "
                        "by year, and import the parts.")
                % {"size": f"{upload.size / 1048576:.1f}", "limit": f"{limit / 1048576:.0f}"}
            )
        return upload


class MappingForm(SpecificErrors, forms.Form):
    """Which column holds what. Built for one file's headers."""

    layout = forms.ChoiceField(label=_("How the file is laid out"), choices=LAYOUT_CHOICES, widget=forms.RadioSelect)

    def __init__(self, *args, headers, table=None, mapping=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.headers = headers
        choices = [("", gettext("Not in the file")), *[(h, h) for h in headers]]
        self.sub_columns = sub_columns(headers)
        for role in ROLES:
            self.fields[role] = forms.ChoiceField(
                label=ROLE_LABELS[role], choices=choices, required=False, help_text=ROLE_HINTS.get(role, "")
            )
        self.fields["area_levels"] = forms.CharField(
            label=gettext("Levels of geography to import"), required=False, max_length=500,
            help_text=gettext("As written in the level column, separated by commas, for example: Local authority. "
                              "Rows at other levels are left out. Leave empty to import every level."),
        )
        self.fields["period_dates"] = forms.ChoiceField(
            label=gettext("A full date in the period column means"), choices=DATE_CHOICES, widget=forms.RadioSelect
        )
        self.add_period_and_value_fields(choices)
        if self.sub_columns:
            subs = [(name, name) for name in self.sub_columns]
            self.fields["wide_value"] = forms.ChoiceField(
                label=gettext("Under each period, the column that holds the value"), choices=subs, required=False,
                help_text=gettext("For a file with a column for each period, split into sub-columns."))
            wide_labels = {"numerator": gettext("Under each period, the numerator column"),
                           "denominator": gettext("Under each period, the denominator column")}
            for role in ("numerator", "denominator"):
                self.fields[f"wide_{role}"] = forms.ChoiceField(
                    label=wide_labels[role], choices=[("", gettext("None")), *subs], required=False)
        self.fields["left_out"] = forms.MultipleChoiceField(
            label=gettext_lazy("Columns that are not values: leave out"), required=False,
            choices=[(h, h) for h in headers], widget=forms.CheckboxSelectMultiple,
            help_text=gettext_lazy(
                "For a file with a column for each period or each area. Every other column not chosen "
                "above is read as values: tick the ones that hold something else, such as a note, a "
                "rank, a code or a level of geography. They are not imported or checked, and this is "
                "remembered for the next file laid out the same way."),
            error_messages={"invalid_choice": gettext_lazy(
                "Choose the columns to leave out from the columns of the file; %(value)s is not one of them.")},
        )
        self.filter_fields = []
        if table is not None:
            breakdown_fields(self, table, mapping or ColumnMapping())

    def add_period_and_value_fields(self, choices):
        """Periods not in one column, percentages written as fractions, and notes on absent values."""
        self.fields["period_month"] = forms.ChoiceField(
            label=gettext("Month or time identifier column"), choices=choices, required=False,
            help_text=gettext("If the period column holds only the year (such as 2020-21) and another column "
                              "the month (such as September), choose the month column here. For Explore Education "
                              "Statistics files, choose time_identifier: it says whether 202223 is an academic or a "
                              "financial year."),
        )
        self.fields["file_period"] = forms.CharField(
            label=gettext("Period of the whole file"), required=False, max_length=40,
            help_text=gettext("If the file has no period column and gives its period only in a title, "
                              "type it here, such as 2013-14, Q1 2024 or 2022."),
        )
        self.fields["percentages"] = forms.ChoiceField(
            label=gettext("Percentages in the value column are written"), choices=PERCENTAGE_CHOICES,
            widget=forms.RadioSelect, required=False,
        )
        self.fields["value_note"] = forms.ChoiceField(
            label=gettext("Note on a value"), choices=choices, required=False,
            help_text=gettext("A column that explains a blank or suppressed value; the note is kept with it."),
        )

    @classmethod
    def for_mapping(cls, mapping, headers, table=None):
        initial = {role: getattr(mapping, role) or "" for role in ROLES}
        initial.update(
            layout=str(mapping.layout), period_dates=str(mapping.period_dates),
            period_month=mapping.period_month or "", file_period=mapping.file_period,
            percentages=str(mapping.percentages), value_note=mapping.value_note or "",
            area_levels=", ".join(mapping.area_levels),
            wide_value=mapping.wide_value, wide_numerator=mapping.wide_numerator,
            wide_denominator=mapping.wide_denominator,
            # As the columns are read now: those left out, or left aside by joinedup's proposal.
            left_out=columns_left_out(mapping, headers),
        )
        return cls(initial=initial, headers=headers, table=table, mapping=mapping)

    def mapping(self, previous=None):
        data = self.cleaned_data
        mapping = ColumnMapping(
            **{role: data.get(role) or None for role in ROLES},
            layout=Layout(data["layout"]), period_dates=DateMeaning(data["period_dates"]),
            period_month=data.get("period_month") or None,
            file_period=(data.get("file_period") or "").strip(),
            percentages=Percentages(data.get("percentages") or ""),
            value_note=data.get("value_note") or None,
            area_levels=[level.strip() for level in data.get("area_levels", "").split(",") if level.strip()],
            wide_value=data.get("wide_value") or "", wide_numerator=data.get("wide_numerator") or "",
            wide_denominator=data.get("wide_denominator") or "",
            filters={header: data[name] for name, header in self.filter_fields if data.get(name)},
            # The values of a wide layout are every column not used or left out (none are
            # listed as kept), so next year's file with one more period column takes it too.
            left_out=list(data.get("left_out") or []),
        )
        # A column ticked and also chosen above (its drop-down changed after) is used, not left out.
        used = used_columns(mapping)
        mapping.left_out = [header for header in mapping.left_out if header not in used]
        if mapping.layout != Layout.WIDE_PERIODS:
            mapping.wide_value = mapping.wide_numerator = mapping.wide_denominator = ""
        return mapping

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        if cleaned.get("area_levels", "").strip() and not cleaned.get("area_level"):
            self.add_error("area_levels", gettext(
                "Choose the column that says the level of geography, or leave the levels empty."))
            return cleaned
        for problem in mapping_problems(self.mapping(), self.headers):
            self.add_error(None, problem)
        return cleaned


class SeriesForm(SpecificErrors, forms.Form):
    """Which of the series found in the file to import; `names` come from the file."""

    required_messages = {"series": _("Select the series that is this indicator")}

    series = forms.ChoiceField(
        label=_("Which series is this indicator?"), widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Choose one of the series listed; that one is not in the file.")},
    )
    longest = ImportBatch._meta.get_field("series").max_length

    def __init__(self, *args, names, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["series"].choices = [(n, n) for n in names]

    def clean_series(self):
        name = self.cleaned_data["series"]
        if len(name) > self.longest or "\x00" in name:
            raise forms.ValidationError(
                gettext("That series name is longer than %(longest)s characters or holds a NUL character. "
                        "Correct it in the file and upload it again.") % {"longest": self.longest}
            )
        return name


AREA_ROLE_CHOICES = [("own", _("Our own area")), ("comparator", _("Comparator")), ("skip", _("Do not import"))]


class AreaRolesForm(SpecificErrors, forms.Form):
    """Own area, comparator or not imported, for each area found in the file; and,
    for an area neither the register of UK areas nor the workspace knows, which
    of the workspace's areas it is (never guessed: a new area unless the user says)."""

    def __init__(self, *args, choices, areas=(), first=0, **kwargs):
        """`choices` are the areas shown (one page of the file's areas, which may be thousands:
        a form of them all would pass Django's limit on fields posted); `first` is the index of
        the first of them among all the file's areas, so that each field keeps its area's number."""
        super().__init__(*args, **kwargs)
        self.area_fields = []
        self.match_fields = []
        areas = list(areas)
        for index, choice in enumerate(choices, start=first):
            name = f"area_{index}"
            self.fields[name] = forms.ChoiceField(
                label=choice.label, choices=AREA_ROLE_CHOICES, widget=forms.RadioSelect,
                initial=choice.role, help_text=self.about(choice),
            )
            self.area_fields.append((name, choice.key))
            if (choice.unknown or choice.matched_by_user) and areas:
                match = f"match_{index}"
                self.fields[match] = forms.ChoiceField(
                    label=gettext("Which of your areas is %(area)s?") % {"area": choice.label}, required=False,
                    choices=[("", gettext("None: add it as a new area")), *[(str(a.pk), a.name) for a in areas]],
                    initial=str(choice.existing.pk) if choice.matched_by_user else "",
                    help_text=gettext("It is not in the register of UK areas. If it is one of your areas spelt "
                                      "another way, choose that area."),
                )
                self.match_fields.append((match, choice.key))

    @staticmethod
    def about(choice):
        rows = " · " + ngettext("%(count)s row", "%(count)s rows", choice.rows) % {"count": choice.rows}
        if choice.existing:
            return gettext("Known area: %(area)s") % {"area": choice.existing.name} + rows
        if choice.registered:
            entry = choice.registered
            details = ", ".join(part for part in (
                entry.best_code, entry.kind, "" if entry.current else gettext("no longer in use")) if part)
            return gettext("A new area: it will be added. In the register of UK areas as %(area)s (%(details)s)") % {
                "area": entry.name, "details": details} + rows
        if choice.unknown:
            return gettext("Not in the register of UK areas: it will be added as a new area as written") + rows
        return gettext("A new area: it will be added") + rows

    def roles(self):
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        roles = {key: data[name] for name, key in self.area_fields if name in data}
        roles.update({MATCH_PREFIX + key: data[name] for name, key in self.match_fields if data.get(name)})
        return roles

    def merged_roles(self, stored):
        """The choices kept for the whole file (`stored`), with this page's put in place of
        what was kept for the same areas (a match taken off is taken off)."""
        shown = {key for _, key in self.area_fields}
        kept = {key: value for key, value in stored.items()
                if key not in shown and key.removeprefix(MATCH_PREFIX) not in shown}
        return {**kept, **self.roles()}


class TablePositionForm(SpecificErrors, forms.Form):
    """Which sheet, and which rows are the header and the data (1-based, as Excel numbers them)."""

    required_messages = {
        "header_first": _("Enter the row number of the first header row"),
        "header_last": _("Enter the row number of the last header row"),
        "first_row": _("Enter the row number of the first row of data"),
        "last_row": _("Enter the row number of the last row of data"),
    }

    sheet = forms.CharField(widget=forms.HiddenInput, required=False)
    header_first = forms.IntegerField(label=_("First header row"), min_value=1,
                                      widget=forms.NumberInput(attrs={"class": "govuk-input--width-5"}))
    header_last = forms.IntegerField(label=_("Last header row"), min_value=1,
                                     help_text=_("The same as the first if the names are on one row."),
                                     widget=forms.NumberInput(attrs={"class": "govuk-input--width-5"}))
    first_row = forms.IntegerField(label=_("First row of data"), min_value=1,
                                   widget=forms.NumberInput(attrs={"class": "govuk-input--width-5"}))
    last_row = forms.IntegerField(label=_("Last row of data"), min_value=1,
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
                self.add_error(name, gettext("The sheet has %(rows)s rows. Choose a row up to %(rows)s.") % {"rows": self.rows})
        if self.errors:
            return cleaned
        if cleaned["header_last"] < cleaned["header_first"]:
            self.add_error("header_last", gettext("The last header row must be the first header row or below it."))
        if cleaned["first_row"] <= cleaned["header_last"]:
            self.add_error("first_row", gettext("The first row of data must be below the header."))
        if cleaned["last_row"] < cleaned["first_row"]:
            self.add_error("last_row", gettext("The last row of data must be the first row of data or below it."))
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
            label=gettext("Rows to import by %(column)s") % {"column": header}, required=False,
            widget=forms.CheckboxSelectMultiple,
            choices=[(value, ngettext("%(value)s (%(count)s row)", "%(value)s (%(count)s rows)", count) % {
                "value": value or gettext("(blank)"), "count": f"{count:,}"}) for value, count in values],
            initial=mapping.filters.get(header, []),
            help_text=gettext("Tick the values to keep. Tick none to keep every row."),
        )
        form.filter_fields.append((name, header))
