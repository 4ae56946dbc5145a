"""The GOV.UK date input: a date typed as day, month and year in three boxes.

GOV.UK asks for dates people know (a wave's opening day, the day an
agreement was signed) this way rather than with the browser's date picker,
which differs between browsers, is hard to use with a screen magnifier or
voice control, and reads dates in the browser's locale. The field's errors
say what is wrong with *this* date ("The date the wave opens must include a
month"), as the pattern asks, and name the boxes to mark.

A form names the date in words with ``described_as`` ("the date the wave
opens"); without it the field's label is used.
"""

import datetime
import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

PARTS = ("day", "month", "year")
# Each box in the words of a sentence ("must include a month").
PART_WORDS = {"day": gettext_lazy("day"), "month": gettext_lazy("month"), "year": gettext_lazy("year")}
ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")
UK_DATE = re.compile(r"^\s*(\w{1,2})/(\w{1,2})/(\w{1,4})\s*$")


class GovukDateInput(forms.MultiWidget):
    """Three text boxes named <name>_day, <name>_month and <name>_year.

    A value posted under the plain name as an ISO date (2025-03-31), as older
    links and the API's clients send it, is read too.
    """

    def __init__(self, attrs=None):
        box = {"inputmode": "numeric", "spellcheck": "false"}
        widgets = {part: forms.TextInput(attrs=box) for part in PARTS}
        super().__init__(widgets, attrs)

    def decompress(self, value):
        if isinstance(value, datetime.date):
            return [str(value.day), str(value.month), str(value.year)]
        if isinstance(value, str) and (match := ISO_DATE.match(value)):
            year, month, day = match.groups()
            return [str(int(day)), str(int(month)), year]
        if isinstance(value, str) and (match := UK_DATE.match(value)):
            return list(match.groups())
        return [None, None, None]

    def value_from_datadict(self, data, files, name):
        parts = super().value_from_datadict(data, files, name)
        if not any(parts) and data.get(name):
            return self.decompress(data.get(name))
        return parts

    def value_omitted_from_data(self, data, files, name):
        return name not in data and super().value_omitted_from_data(data, files, name)


def incomplete_message(subject, missing):
    """"The date the wave opens must include a month" (or "a day and month")."""
    words = [str(PART_WORDS[part]) for part in missing]
    parts = words[0] if len(words) == 1 else _("%(first)s and %(last)s") % {
        "first": ", ".join(words[:-1]), "last": words[-1]}
    return _("%(subject)s must include a %(parts)s") % {"subject": _sentence(subject), "parts": parts}


def _sentence(text):
    text = str(text)
    return text[:1].upper() + text[1:]


class GovukDateField(forms.MultiValueField):
    """A date from a GOV.UK date input, with GOV.UK's error messages.

    ``error_parts`` (after cleaning) names the boxes the error is about, so
    that only those are drawn in red.
    """

    widget = GovukDateInput

    def __init__(self, *, described_as="", **kwargs):
        kwargs.pop("input_formats", None)
        kwargs.pop("max_length", None)
        parts = tuple(forms.CharField(required=False) for _ in PARTS)
        super().__init__(parts, require_all_fields=False, **kwargs)
        self.described_as = described_as
        self.error_parts = PARTS

    @property
    def subject(self):
        """The date in words, as a sentence's subject: "the date the wave opens"."""
        if self.described_as:
            return str(self.described_as)
        label = str(self.label or _("date")).lower()
        if "date" in label or _("date") in label:
            return _("the %(label)s") % {"label": label}
        return _("the date (%(label)s)") % {"label": label}

    def messages(self):
        subject = self.subject
        return {
            "required": self.error_messages["required"]
            if str(self.error_messages["required"]) != str(forms.Field.default_error_messages["required"])
            else _("Enter %(subject)s") % {"subject": subject},
            "real": _("%(subject)s must be a real date") % {"subject": _sentence(subject)},
            "year": _("Year must include 4 numbers"),
        }

    def clean(self, value):
        parts = ["" if part is None else str(part).strip() for part in (value or [None] * 3)]
        parts = (parts + ["", "", ""])[:3]
        messages = self.messages()
        if not any(parts):
            if self.required:
                self.error_parts = PARTS
                raise ValidationError(messages["required"], code="required")
            return None
        missing = [name for name, part in zip(PARTS, parts, strict=True) if not part]
        if missing:
            self.error_parts = tuple(missing)
            raise ValidationError(
                incomplete_message(self.subject, missing), code="incomplete"
            )
        wrong = [name for name, part in zip(PARTS, parts, strict=True) if not part.isdigit()]
        if wrong:
            self.error_parts = tuple(wrong)
            raise ValidationError(messages["real"], code="invalid")
        day, month, year = (int(part) for part in parts)
        if len(parts[2]) != 4:
            self.error_parts = ("year",)
            raise ValidationError(messages["year"], code="invalid_year")
        try:
            result = datetime.date(year, month, day)
        except ValueError:
            self.error_parts = tuple(
                name for name, bad in (("day", not 1 <= day <= 31), ("month", not 1 <= month <= 12)) if bad
            ) or PARTS
            raise ValidationError(messages["real"], code="invalid") from None
        self.validate(result)
        self.run_validators(result)
        return result

    def validate(self, value):
        # The parts were checked above; a MultiValueField's own validate would look at them again.
        pass

    def compress(self, data_list):  # pragma: no cover - clean() above does the work
        raise NotImplementedError

    def has_changed(self, initial, data):
        initial_parts = self.widget.decompress(initial)
        data = data or [None] * 3
        return [str(p or "") for p in initial_parts] != [str(p or "").strip() for p in data]


def govuk_date_field(field, described_as=""):
    """A GovukDateField standing in for a Django DateField (a model form's, say)."""
    return GovukDateField(
        required=field.required, label=field.label, help_text=field.help_text,
        initial=field.initial, validators=list(field.validators), described_as=described_as,
    )
