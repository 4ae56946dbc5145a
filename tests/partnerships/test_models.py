from datetime import date

import pytest
from django.db import IntegrityError, transaction

from joinedup.organisations.models import Person
from joinedup.partnerships.models import FORM_LADDER, Membership, Partnership


def test_the_form_ladder_runs_from_network_to_integrated_organisation():
    assert FORM_LADDER[0] == "information_network"
    assert FORM_LADDER[-1] == "integrated_organisation"
    assert len(FORM_LADDER) == 6


def test_form_step(partnership):
    assert partnership.form_step == 4


def test_names_are_unique_within_a_workspace(partnership, workspace):
    with pytest.raises(IntegrityError), transaction.atomic():
        Partnership.objects.create(workspace=workspace, name="Home First", form="pooled_budget")


def test_the_database_refuses_leaving_before_joining(partnership, organisation):
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(partnership=partnership, organisation=organisation,
                                  joined_on=date(2024, 1, 1), left_on=date(2023, 1, 1))


def test_the_database_refuses_moving_on_before_starting(workspace):
    with pytest.raises(IntegrityError), transaction.atomic():
        Person.objects.create(workspace=workspace, name="X", active_from=date(2024, 1, 1),
                              active_to=date(2023, 1, 1))


def test_an_organisation_in_use_cannot_be_deleted_alone(partnership, organisation):
    from django.db.models import RestrictedError

    Membership.objects.create(partnership=partnership, organisation=organisation)
    with pytest.raises(RestrictedError):
        organisation.delete()


def test_deleting_a_workspace_removes_all_its_records(partnership, organisation, workspace):
    Membership.objects.create(partnership=partnership, organisation=organisation)
    workspace.delete()
    assert not Partnership.objects.exists()


def test_person_is_active_on(person):
    assert person.is_active_on(date(2021, 1, 1))
    assert not person.is_active_on(date(2019, 12, 31))
