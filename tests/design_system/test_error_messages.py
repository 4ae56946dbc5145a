"""Every form in the project, submitted empty (and with nonsense), says what
is wrong with each field in its own words: never Django's generic
"This field is required." or "Enter a valid date.".

The forms are found by importing every module of the project, so a new form
is checked without being listed here; one that needs arguments to be made
gets them from ARGUMENTS, and the test fails until it is given some."""

import importlib
import pkgutil
import re
from types import SimpleNamespace

import pytest
from django import forms
from django.test import RequestFactory

import joinedup
from joinedup.indicators.importing import AreaChoice

GENERIC = re.compile(
    r"^(This field is required\.|Enter a valid .*|Enter a number\.|Enter a whole number\.|"
    r"Select a valid choice\..*|No file was submitted.*|The submitted file is empty\.|"
    r"Enter a list of values\.|Enter a complete value\.)$"
)
SKIPPED_MODULES = (".migrations", ".management", "joinedup.wsgi", "joinedup.__main__")


def form_classes():
    """Every Form and ModelForm class defined in the project."""
    for info in pkgutil.walk_packages(joinedup.__path__, "joinedup."):
        if not any(part in info.name for part in SKIPPED_MODULES):
            importlib.import_module(info.name)
    found, stack = set(), [forms.BaseForm]
    while stack:
        for sub in stack.pop().__subclasses__():
            stack.append(sub)
            # A ModelForm without a model (WorkspaceModelForm) is a base for others, not a form.
            base_only = issubclass(sub, forms.BaseModelForm) and getattr(getattr(sub, "_meta", None), "model", None) is None
            if sub.__module__.startswith("joinedup.") and not base_only:
                found.add(sub)
    return sorted(found, key=lambda c: f"{c.__module__}.{c.__qualname__}")


def arguments(cls, workspace, partnership):
    """What each form needs to be made, beyond its data."""
    from joinedup.organisations.models import Person
    from joinedup.workspaces.forms import WorkspaceModelForm

    if issubclass(cls, WorkspaceModelForm):
        return {"workspace": workspace, "partnership": partnership}
    people = Person.objects.none()
    return {
        "AttendanceForm": {"people": people},
        "ActionForm": {"people": people},
        "DecisionForm": {"outcomes": []},
        "ImportChoicesForm": {
            "plan": SimpleNamespace(series=[], unknown=[]), "partnerships": [partnership],
            "staged": SimpleNamespace(preparation_minutes=30, travel_minutes=0, series_choices={}, create_people={}),
        },
        "MappingForm": {"headers": ["Area", "Period", "Value"]},
        "SeriesForm": {"names": ["Admissions per 100,000"]},
        "TablePositionForm": {"rows": 40},
        "AreaRolesForm": {"choices": [AreaChoice(key="E1", code="E1", name="Northshire", existing=None, role="own",
                                                     rows=3)]},
        "BatchForm": {"wave": SimpleNamespace(respondent_groups=["Front-line staff"], instruments=["staff_pulse"])},
        "AcceptInvitationForm": {"email": "new@example.org"},
        "InvitationForm": {"workspace": workspace},
        "SignInForm": {"request": RequestFactory().post("/sign-in/")},
    }.get(cls.__name__, {})


def every_form(workspace=None, partnership=None, data=None):
    for cls in form_classes():
        yield cls(data=data, files={} if data is not None else None, **arguments(cls, workspace, partnership))


def generic_messages(form):
    form.is_valid()
    return [
        f"{type(form).__name__}.{name}: {message}"
        for name, messages in form.errors.items()
        for message in messages
        if GENERIC.match(str(message))
    ]


def test_it_finds_the_forms_of_every_app():
    names = {c.__name__ for c in form_classes()}
    assert {"PartnershipForm", "WaveForm", "MeetingForm", "IndicatorForm", "CaseStudyForm", "OverrideForm",
            "SignInForm", "CodeForm", "NetworkFilterForm", "ImportWindowForm"} <= names


@pytest.mark.django_db
def test_no_form_says_this_field_is_required(workspace, partnership):
    found = [m for form in every_form(workspace, partnership, data={}) for m in generic_messages(form)]
    assert found == [], "\n".join(found)


@pytest.mark.django_db
def test_no_form_answers_nonsense_with_a_generic_message(workspace, partnership):
    found = []
    for form in every_form(workspace, partnership, data={}):
        nonsense = {}
        for name, field in form.fields.items():
            if isinstance(field.widget, forms.MultiWidget):
                nonsense.update({f"{name}_day": "x", f"{name}_month": "y", f"{name}_year": "z"})
            else:
                nonsense[name] = "xyz"
        found += generic_messages(type(form)(data=nonsense, files={}, **arguments(type(form), workspace, partnership)))
    assert found == [], "\n".join(found)


@pytest.mark.django_db
def test_every_required_field_has_a_message_naming_it(workspace, partnership):
    """Each required field's message is its own: no two fields of one form share one."""
    for form in every_form(workspace, partnership, data={}):
        form.is_valid()
        messages = [str(m) for errors in form.errors.values() for m in errors]
        assert len(messages) == len(set(messages)), f"{type(form).__name__}: {messages}"
