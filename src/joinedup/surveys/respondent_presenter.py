"""Turn an instrument's questions into what the respondent page shows: GOV.UK
radios, checkboxes, a number input or a textarea with a character count,
each with its answer so far and its error."""

from django.utils.translation import gettext_lazy as _

from .instruments import (
    COUNT,
    FREE_TEXT,
    FREE_TEXT_MAX_LENGTH,
    MULTI_CHOICE,
    OUTCOME_CHOICE,
)

LANGUAGES = {"cy": "cy", "en": "en-gb", "en-gb": "en-gb"}


def language_for(requested, batch_language):
    """The respondent page's language: asked for in the address, or the batch's."""
    return LANGUAGES.get((requested or "").lower(), batch_language)


def _as_list(value):
    if value is None:
        return []
    return [str(v) for v in value] if isinstance(value, list | tuple) else [str(value)]


def question_rows(questions, values, errors, grouped_by_partner=False):
    """One dict per question for templates/surveys/_question.html. Questions
    grouped by partner carry the partner's name on the first of its questions,
    for a heading above them."""
    rows = []
    partner = ""
    for number, question in enumerate(questions, start=1):
        heading = ""
        if grouped_by_partner and question.about_organisation and question.about_organisation != partner:
            partner = heading = question.about_organisation
        chosen = _as_list(values.get(question.code))
        field_id = f"q-{question.code}"
        if question.kind == FREE_TEXT:
            widget = "textarea"
        elif question.kind == COUNT:
            widget = "number"
        elif question.kind in (MULTI_CHOICE, OUTCOME_CHOICE):
            widget = "checkboxes"
        else:
            widget = "radios"
        options = [
            {"id": f"{field_id}-{index}", "value": o.value, "label": o.label, "checked": o.value in chosen,
             "picture": f"surveys/easy-read/{o.picture}.svg" if o.picture else ""}
            for index, o in enumerate(question.options)
        ]
        rows.append({
            "code": question.code,
            "id": field_id,
            "first_id": options[0]["id"] if widget in ("radios", "checkboxes") and options else field_id,
            "number": number,
            "text": question.text,
            "hint": question.help,
            "widget": widget,
            "options": options,
            "value": chosen[0] if chosen else "",
            "error": errors.get(question.code, ""),
            "required": question.required,
            "maxlength": FREE_TEXT_MAX_LENGTH,
            "partner_heading": heading,
        })
    return rows


def error_summary(rows):
    return [{"href": f"#{row['first_id']}", "text": row["error"]} for row in rows if row["error"]]


UNUSABLE = {
    "unknown": (
        _("This link or code does not work"),
        _("Check you typed the code or copied the link exactly. Codes are 12 letters and numbers."),
    ),
    "used": (
        _("These answers have already been sent"),
        _("Each link can be used once, and answers have already been sent with this one. "
        "If that was you, thank you: there is nothing more to do."),
    ),
    "closed": (
        _("This survey has closed"),
        _("The survey is no longer taking answers. Thank you for wanting to take part."),
    ),
    "not_open": (
        _("This survey is not open yet"),
        _("The survey has not started taking answers. Please use your link again on the day it opens."),
    ),
    "too_big": (
        _("Your answers are too long to send"),
        _("Please go back, shorten your answers to 2,000 characters each and try again."),
    ),
    "too_many": (
        _("Too many codes have been tried"),
        _("Too many codes that do not work have been tried from this connection. "
          "Please wait 15 minutes, then type the code exactly as it is printed."),
    ),
}


def unusable_text(kind):
    title, body = UNUSABLE[kind]
    return title, body
