"""Render Django form fields as GOV.UK Design System components, so every
form shows labels, hints and errors the GOV.UK way without per-form code."""

from django import forms, template
from django.template.loader import render_to_string

register = template.Library()

INPUT_WIDTHS = {
    forms.DateInput: "govuk-input--width-10",
    forms.NumberInput: "govuk-input--width-10",
    forms.TimeInput: "govuk-input--width-5",
}


def field_kind(widget):
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


@register.simple_tag
def govuk_fields(form):
    """All visible fields of a form, in order."""
    from django.utils.safestring import mark_safe

    return mark_safe("".join(govuk_field(f) for f in form.visible_fields()))


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
                if field_kind(bound.field.widget) in {"radios", "checkboxes"}:
                    target = f"{bound.auto_id}_0"
                errors.append({"href": f"#{target}", "text": error})
    return {"errors": errors}
