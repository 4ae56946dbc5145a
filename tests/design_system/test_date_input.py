"""The GOV.UK date input: three boxes, read back as a date, and errors that
say what is wrong with this date and mark only the boxes concerned."""

import datetime
import re

import pytest
from django import forms

from joinedup.design_system.date_input import GovukDateField, GovukDateInput
from joinedup.design_system.templatetags.govuk import govuk_error_summary, govuk_field


class WaveDates(forms.Form):
    opens_on = GovukDateField(label="Opens", described_as="the date the wave opens")
    closes_on = GovukDateField(label="Closes", required=False, described_as="the date the wave closes")


def posted(day="", month="", year="", name="opens_on"):
    return {f"{name}_day": day, f"{name}_month": month, f"{name}_year": year}


def test_it_reads_a_date_from_three_boxes():
    form = WaveDates(data=posted("7", "3", "2026"))
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {"opens_on": datetime.date(2026, 3, 7), "closes_on": None}


def test_it_reads_an_iso_date_sent_under_the_plain_name():
    # Links and older clients send ?opens_on=2026-03-07.
    form = WaveDates(data={"opens_on": "2026-03-07"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["opens_on"] == datetime.date(2026, 3, 7)


@pytest.mark.parametrize(
    ("parts", "message", "marked"),
    [
        (("", "", ""), "Enter the date the wave opens", ("day", "month", "year")),
        (("7", "", "2026"), "The date the wave opens must include a month", ("month",)),
        (("", "", "2026"), "The date the wave opens must include a day and month", ("day", "month")),
        (("31", "2", "2026"), "The date the wave opens must be a real date", ("day", "month", "year")),
        (("7", "13", "2026"), "The date the wave opens must be a real date", ("month",)),
        (("seven", "3", "2026"), "The date the wave opens must be a real date", ("day",)),
        (("7", "3", "26"), "Year must include 4 numbers", ("year",)),
    ],
)
def test_it_says_what_is_wrong_with_this_date_and_marks_those_boxes(parts, message, marked):
    form = WaveDates(data=posted(*parts))
    assert not form.is_valid()
    assert form.errors["opens_on"] == [message]
    html = govuk_field(form["opens_on"])
    assert "govuk-form-group--error" in html
    assert '<p id="id_opens_on-error" class="govuk-error-message">' in html
    wrong = set(re.findall(r'govuk-input--error" id="id_opens_on_(\w+)"', html))
    assert wrong == set(marked)
    # The summary links to the first box the error is about.
    summary = govuk_error_summary(form)["errors"]
    assert summary == [{"href": f"#id_opens_on_{marked[0]}", "text": message}]


def test_an_optional_date_may_be_left_empty_but_not_half_filled():
    assert WaveDates(data={**posted("7", "3", "2026"), **posted(name="closes_on")}).is_valid()
    form = WaveDates(data={**posted("7", "3", "2026"), **posted("", "4", "", name="closes_on")})
    assert form.errors["closes_on"] == ["The date the wave closes must include a day and year"]


def test_it_draws_the_govuk_date_input_markup_with_the_value_kept():
    form = WaveDates(data=posted("7", "", "2026"))
    form.is_valid()
    html = govuk_field(form["opens_on"])
    assert '<fieldset class="govuk-fieldset" role="group" aria-describedby="id_opens_on-hint id_opens_on-error">' in html
    assert '<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Opens</legend>' in html
    assert "For example, 27 3 2025" in html
    boxes = re.findall(r'<input class="govuk-input govuk-date-input__input govuk-input--width-(\d)[^"]*" id="(\w+)" name="(\w+)" type="text" inputmode="numeric" spellcheck="false" value="(\w*)">', html)
    assert boxes == [
        ("2", "id_opens_on_day", "opens_on_day", "7"),
        ("2", "id_opens_on_month", "opens_on_month", ""),
        ("4", "id_opens_on_year", "opens_on_year", "2026"),
    ]
    assert 'type="date"' not in html
    for part in ("Day", "Month", "Year"):
        assert f'govuk-date-input__label" for="id_opens_on_{part.lower()}">{part}</label>' in html


def test_an_unbound_form_shows_the_initial_date_in_the_boxes():
    form = WaveDates(initial={"opens_on": datetime.date(2026, 3, 7)})
    html = govuk_field(form["opens_on"])
    assert re.findall(r'value="(\w*)"', html) == ["7", "3", "2026"]


def test_a_model_forms_date_fields_become_date_inputs(workspace):
    from joinedup.partnerships.forms import PartnershipForm

    form = PartnershipForm(workspace=workspace)
    assert isinstance(form.fields["start_date"], GovukDateField)
    assert isinstance(form.fields["start_date"].widget, GovukDateInput)
    form = PartnershipForm(
        workspace=workspace,
        data={"name": "Joint team", **posted("1", "", "2024", name="start_date")},
    )
    assert form.errors["start_date"] == ["The date the partnership started must include a month"]


def test_no_form_in_the_project_uses_the_browsers_date_picker(workspace, partnership):
    from tests.design_system.test_error_messages import every_form

    for form in every_form(workspace, partnership):
        for name, field in form.fields.items():
            assert not isinstance(field, forms.DateField), f"{type(form).__name__}.{name} is a DateField"
            assert getattr(field.widget, "input_type", "") != "date", f"{type(form).__name__}.{name}"
