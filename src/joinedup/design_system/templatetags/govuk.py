"""Render Django form fields as GOV.UK Design System components, so every
form shows labels, hints and errors the GOV.UK way without per-form code."""

from django import forms, template
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy

from joinedup.design_system.date_input import PARTS, GovukDateInput

register = template.Library()

INPUT_WIDTHS = {
    forms.DateInput: "govuk-input--width-10",
    forms.NumberInput: "govuk-input--width-10",
    forms.TimeInput: "govuk-input--width-5",
}


def field_kind(widget):
    if isinstance(widget, GovukDateInput):
        return "date"
    # CheckboxSelectMultiple is a subclass of RadioSelect, and SelectMultiple of
    # Select: the multiple-choice widgets are tested first, so that every field
    # that takes several answers is drawn as GOV.UK checkboxes, never as radios.
    if isinstance(widget, (forms.CheckboxSelectMultiple, forms.SelectMultiple)):
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    if isinstance(widget, forms.FileInput):
        return "file"
    return "input"


def widget_classes(kind, widget, has_error):
    base = {
        "input": "govuk-input",
        "textarea": "govuk-textarea",
        "select": "govuk-select",
        "file": "govuk-file-upload",
        "checkbox": "govuk-checkboxes__input",
    }.get(kind, "")
    classes = [base] if base else []
    if kind == "input":
        for widget_type, width in INPUT_WIDTHS.items():
            if isinstance(widget, widget_type):
                classes.append(width)
    if has_error and kind in {"input", "textarea", "select", "file"}:
        classes.append(f"{base}--error")
    extra = widget.attrs.get("class")
    if extra:
        classes.append(extra)
    return " ".join(classes)


@register.simple_tag
def govuk_field(bound_field, heading=False):
    """One form field as a GOV.UK form group."""
    widget = bound_field.field.widget
    kind = field_kind(widget)
    has_error = bool(bound_field.errors)
    field_id = bound_field.auto_id
    described_by = []
    if bound_field.help_text:
        described_by.append(f"{field_id}-hint")
    if has_error:
        described_by.append(f"{field_id}-error")
    attrs = {"class": widget_classes(kind, widget, has_error)}
    if described_by and kind not in {"radios", "checkboxes"}:
        attrs["aria-describedby"] = " ".join(described_by)
    options = []
    if kind == "date":
        return _date_input(bound_field, described_by, has_error)
    if kind in {"radios", "checkboxes"}:
        options = [
            {
                # A <select multiple> gives all its options one id; checkboxes need one each.
                "id": sub.id_for_label if widget.add_id_index else f"{field_id}_{index}",
                "value": sub.data["value"],
                "label": sub.choice_label,
                "checked": sub.data["selected"],
                "name": sub.data["name"],
            }
            for index, sub in enumerate(bound_field.subwidgets)
            # A blank choice ("---------") is never a radio: a required question
            # starts with nothing chosen, as GOV.UK radios do, and an optional
            # one is left unanswered by choosing nothing.
            if not (kind == "radios" and is_blank_choice(sub))
        ]
    context = {
        "field": bound_field,
        "kind": kind,
        "widget_html": bound_field.as_widget(attrs=attrs) if kind not in {"radios", "checkboxes"} else "",
        "options": options,
        "described_by": " ".join(described_by),
        "heading": heading,
        "inline": kind == "radios" and len(options) <= 3,
    }
    return render_to_string("design_system/field.html", context)


def is_blank_choice(sub):
    """Django's "---------" choice (a model field's blank choice, a
    ModelChoiceField's empty label); a blank choice with words of its own,
    such as "Not expected", is a real answer and stays."""
    return sub.data["value"] in ("", None) and str(sub.choice_label) == BLANK_LABEL


BLANK_LABEL = "---------"
DATE_PART_LABELS = {"day": gettext_lazy("Day"), "month": gettext_lazy("Month"), "year": gettext_lazy("Year")}


def _date_input(bound_field, described_by, has_error):
    """A GOV.UK date input: a fieldset of day, month and year boxes; on an
    error, only the boxes the error is about are marked."""
    field = bound_field.field
    values = bound_field.value()
    if not isinstance(values, list | tuple):
        values = field.widget.decompress(values)
    wrong = set(getattr(field, "error_parts", PARTS)) if has_error else set()
    boxes = [
        {
            "id": f"{bound_field.auto_id}_{part}",
            "name": f"{bound_field.html_name}_{part}",
            "label": DATE_PART_LABELS[part],
            "value": "" if value is None else value,
            "width": 4 if part == "year" else 2,
            "error": part in wrong,
        }
        for part, value in zip(PARTS, values, strict=True)
    ]
    context = {
        "field": bound_field,
        "kind": "date",
        "boxes": boxes,
        # The hint (with its example) is always there; the error when there is one.
        "described_by": " ".join(
            [f"{bound_field.auto_id}-hint"] + ([f"{bound_field.auto_id}-error"] if has_error else [])
        ),
    }
    return render_to_string("design_system/field.html", context)


def first_option_id(bound_field):
    """The id of the first radio or checkbox drawn (a blank radio is not drawn)."""
    for index, sub in enumerate(bound_field.subwidgets):
        if field_kind(bound_field.field.widget) == "radios" and is_blank_choice(sub):
            continue
        return sub.id_for_label if bound_field.field.widget.add_id_index else f"{bound_field.auto_id}_{index}"
    return bound_field.auto_id


def first_wrong_box(bound_field):
    """The id of the first box of a date input that the error is about."""
    parts = getattr(bound_field.field, "error_parts", PARTS)
    return f"{bound_field.auto_id}_{parts[0] if parts else 'day'}"


@register.simple_tag
def govuk_fields(form):
    """All visible fields of a form, in order."""
    from django.utils.safestring import mark_safe

    # Each part is a template rendered with autoescaping (govuk_field), so joining them adds nothing unescaped.
    return mark_safe("".join(govuk_field(f) for f in form.visible_fields()))  # noqa: S308


@register.inclusion_tag("design_system/error_summary.html")
def govuk_error_summary(*forms_to_check):
    errors = []
    for form in forms_to_check:
        if form is None or not form.is_bound:
            continue
        for error in form.non_field_errors():
            errors.append({"href": "#main-content", "text": error})
        for bound in form:
            for error in bound.errors:
                target = bound.auto_id
                kind = field_kind(bound.field.widget)
                if kind in {"radios", "checkboxes"}:
                    target = first_option_id(bound)
                elif kind == "date":
                    target = first_wrong_box(bound)
                errors.append({"href": f"#{target}", "text": error})
    return {"errors": errors}
