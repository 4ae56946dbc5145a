"""A partnership with three member organisations, two outcomes and an open
wave of every survey, and helpers to make links and answer them."""

from datetime import date

import pytest

from joinedup.organisations.models import Organisation
from joinedup.partnerships.models import Membership, Outcome
from joinedup.surveys.invitations import issue_batch
from joinedup.surveys.models import Wave


@pytest.fixture
def members(partnership):
    orgs = [
        Organisation.objects.create(workspace=partnership.workspace, name=name, sector=sector)
        for name, sector in [
            ("Northshire Hospitals", "nhs_acute"),
            ("Northshire Council", "council_adult_social_care"),
            ("Later Life Northshire", "voluntary_community"),
        ]
    ]
    for org in orgs:
        Membership.objects.create(partnership=partnership, organisation=org)
    return orgs


@pytest.fixture
def outcomes(partnership):
    return [
        Outcome.objects.create(partnership=partnership, statement="I only have to tell my story once.", position=0),
        Outcome.objects.create(partnership=partnership, statement="I get home from hospital quickly.", position=1),
    ]


@pytest.fixture
def wave(partnership, members, outcomes):
    return Wave.objects.create(
        partnership=partnership, name="Spring 2026", opens_on=date(2026, 3, 1),
        instruments=["health_check", "culture", "staff_pulse", "service_user"],
        respondent_groups=[o.name for o in members] + ["Service users", "Carers"],
    )


def make_links(wave, group="Service users", instrument="service_user", count=1, language="en-gb", easy_read=False):
    _batch, links = issue_batch(
        wave, group=group, instrument=instrument, count=count, language=language, easy_read=easy_read,
    )
    return links


@pytest.fixture
def link(wave):
    return make_links(wave)[0]
