"""Similar partnerships: same form, and the same user group read from the
free text of "People it serves"."""

import pytest

from joinedup.comparison.grouping import group_key
from joinedup.partnerships.user_groups import user_group_of


@pytest.mark.parametrize("text, group", [
    ("Older people in hospital and their carers", "older_people"),
    ("Frail older people", "older_people"),
    ("Everyone in Northshire", "whole_population"),
    ("Adults with care and support needs, and their carers", "adults_with_care_needs"),
    ("Adults with mental health problems in Saltmarsh", "mental_health"),
    ("Adults with care and support needs at risk of abuse or neglect", "safeguarding"),
    ("Adults in Brampton with long-term conditions, and their carers", "long_term_conditions"),
    ("People sleeping rough or in temporary accommodation", "homelessness"),
    ("Young carers", "children"),
    ("Unpaid carers", "carers"),
    ("ADULTS WITH A LEARNING DISABILITY", "learning_disability"),
    ("Long term conditions", "long_term_conditions"),
])
def test_it_reads_the_user_group_from_the_text(text, group):
    assert user_group_of(text) == group


@pytest.mark.parametrize("text", ["", "Northshire", "Holders of a library card"])
def test_an_unrecognised_text_is_compared_with_no_one(text):
    assert user_group_of(text) is None
    assert group_key("joint_commissioning", text) is None


def test_the_key_is_form_and_user_group():
    assert group_key("pooled_budget", "Frail older people") == group_key("pooled_budget", "Elderly residents")
    assert group_key("pooled_budget", "Frail older people") != group_key("co_location", "Frail older people")
