"""Error messages that say what is wrong with *this* field.

GOV.UK's pattern: "Enter the partnership's name", "Select who will be
asked", never Django's "This field is required." A form that mixes in
``SpecificErrors`` gets, for every field still carrying one of Django's
generic messages when it is checked, a message made from the field's label;
``required_messages`` (field name to message) gives the better sentence
where the label alone reads badly. ``tests/design_system/test_error_messages.py``
submits every form in the project empty and fails on any generic message.
"""

import re

from django import forms
from django.utils import translation
from django.utils.translation import gettext as _

from .date_input import GovukDateField

# Django's own wording, compared as text (it is translated lazily).
GENERIC = {
    str(message)
    for field_class in (forms.Field, forms.ChoiceField, forms.IntegerField, forms.DecimalField,
                        forms.FileField, forms.EmailField, forms.DateField, forms.TimeField,
                        forms.ModelChoiceField, forms.ModelMultipleChoiceField, forms.MultipleChoiceField)
    for key, message in field_class.default_error_messages.items()
    if key in {"required", "invalid", "invalid_choice", "missing", "empty", "invalid_list"}
} | {str(forms.URLField.default_error_messages["invalid"])}
GENERIC_TEXTS = frozenset(GENERIC) | {
    "This field is required.", "Enter a valid date.", "Enter a valid time.", "Enter a number.",
    "Enter a whole number.", "Enter a valid email address.", "No file was submitted.",
}


def phrase(label):
    """A label as words inside a sentence: "Name" -> "name", "NHS number" stays."""
    text = str(label or "").strip().rstrip(":?")
    # Django fills some messages in with `message % params`: a "%" of the label's
    # own ("Employer NI rate (%)") would break that, so it is said in words.
    text = re.sub(r"\s*\(%\)", "", text).replace("%", " per cent")
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        text = text[0].lower() + text[1:]
    return text


def sentence(text):
    text = str(text)
    return text[:1].upper() + text[1:]


def required_message(field):
    """GOV.UK's wording for a field left empty."""
    what = phrase(field.label)
    if isinstance(field, forms.FileField):
        return _("Select a file: %(what)s") % {"what": what} if what else _("Select a file")
    if isinstance(field, forms.ChoiceField | forms.ModelChoiceField | forms.BooleanField):
        return _("Select %(what)s") % {"what": what} if what else _("Select an answer")
    return _("Enter %(what)s") % {"what": what} if what else _("Enter an answer")


def invalid_messages(field):
    """GOV.UK's wording for answers of the wrong form, by kind of field."""
    what = {"what": sentence(phrase(field.label) or _("The answer"))}
    if isinstance(field, forms.IntegerField):
        return {"invalid": _("%(what)s must be a whole number, like 12") % what}
    if isinstance(field, forms.DecimalField | forms.FloatField):
        return {"invalid": _("%(what)s must be a number, like 12.5") % what}
    if isinstance(field, forms.URLField):
        return {"invalid": _("%(what)s must be a web address, like https://example.org/agreement.pdf") % what}
    if isinstance(field, forms.EmailField):
        return {"invalid": _("Enter an e-mail address in the correct format, like name@example.com")}
    if isinstance(field, forms.TimeField):
        return {"invalid": _("%(what)s must be a real time, like 14:30") % what}
    if isinstance(field, forms.DateField):
        return {"invalid": _("%(what)s must be a real date") % what}
    listed = _("%(what)s: choose one of the answers listed") % what
    if isinstance(field, forms.ModelMultipleChoiceField | forms.MultipleChoiceField):
        return {"invalid_choice": listed, "invalid_list": listed}
    if isinstance(field, forms.ChoiceField | forms.ModelChoiceField):
        return {"invalid_choice": listed}
    if isinstance(field, forms.FileField):
        return {"empty": _("The selected file is empty"), "missing": _("Select a file"), "invalid": _("Select a file")}
    return {}


def name_errors(form):
    """Give every field of the form a message of its own for each generic one."""
    explicit = getattr(form, "required_messages", {}) or {}
    for name, field in form.fields.items():
        if isinstance(field, GovukDateField):
            if name in explicit:
                field.error_messages["required"] = explicit[name]
            continue
        messages = dict(invalid_messages(field))
        messages["required"] = explicit.get(name) or required_message(field)
        for key, message in messages.items():
            current = field.error_messages.get(key)
            # Django's messages are lazy: read in English, as GENERIC_TEXTS is,
            # whatever language the page is in.
            with translation.override("en-gb"):
                current_text = None if current is None else str(current)
            if current is None or current_text in GENERIC_TEXTS or name in explicit and key == "required":
                field.error_messages[key] = message


class SpecificErrors:
    """Mix into a Form or ModelForm (before it) to give its fields messages of their own."""

    required_messages: dict = {}

    def full_clean(self):
        # Here rather than in __init__, so that fields a subclass adds or
        # replaces after its super().__init__() are covered too.
        name_errors(self)
        super().full_clean()
