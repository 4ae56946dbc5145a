"""Every field that takes several answers is drawn as GOV.UK checkboxes, whatever
widget the form gave it; single choices stay radios or a select."""

import re

import pytest
from django import forms

from joinedup.design_system.templatetags.govuk import govuk_field

CHOICES = [("health_check", "Partnership health check"), ("staff_pulse", "Staff pulse")]


class Several(forms.Form):
    ticked = forms.MultipleChoiceField(label="Which surveys", choices=CHOICES, widget=forms.CheckboxSelectMultiple)
    listed = forms.MultipleChoiceField(label="Who will be asked", choices=CHOICES)
    one = forms.ChoiceField(label="One survey", choices=CHOICES, widget=forms.RadioSelect)
    picked = forms.ChoiceField(label="Picked", choices=CHOICES)


def input_types(html):
    return re.findall(r'type="(\w+)"', html)


@pytest.mark.parametrize("name", ["ticked", "listed"])
def test_it_draws_every_multiple_choice_field_as_checkboxes(name):
    form = Several(data={name: ["health_check", "staff_pulse"]})
    html = govuk_field(form[name])
    assert input_types(html) == ["checkbox", "checkbox"]
    assert 'class="govuk-checkboxes govuk-checkboxes--small"' in html
    assert "radio" not in html and "<select" not in html
    assert html.count(" checked") == 2
    ids = re.findall(r'<input [^>]*id="([^"]+)"', html)
    assert ids == [f"id_{name}_0", f"id_{name}_1"]


def test_it_keeps_single_choices_as_radios_or_a_select():
    form = Several()
    assert input_types(govuk_field(form["one"])) == ["radio", "radio"]
    assert "<select" in govuk_field(form["picked"])


def test_it_draws_a_model_multiple_choice_field_as_checkboxes(db, workspace, organisation):
    from joinedup.organisations.models import Organisation

    class Pick(forms.Form):
        organisations = forms.ModelMultipleChoiceField(queryset=Organisation.objects.all())

    assert input_types(govuk_field(Pick()["organisations"])) == ["checkbox"]
