"""A small locality in the database for the network's page and rule tests."""

from datetime import date

import pytest

from joinedup.meetings.models import Attendance, Meeting
from joinedup.organisations.models import Organisation, Person
from joinedup.partnerships.models import Membership, Outcome, Partnership
from tests.meetings.factories import at


@pytest.fixture
def locality(workspace, other_workspace):
    """Frailty and Discharge share the hospital and the council and Wren;
    Youth is ended; a peer group is in nothing. Southshire has its own."""
    orgs = {
        name: Organisation.objects.create(workspace=workspace, name=name, sector=sector)
        for name, sector in [
            ("Hospital", "nhs_acute"), ("Council", "council_adult_social_care"),
            ("Carers Centre", "voluntary_community"), ("Peer Voices", "user_led"),
        ]
    }
    wren = Person.objects.create(workspace=workspace, name="Wren Vetchley", organisation=orgs["Council"])
    ann = Person.objects.create(workspace=workspace, name="Ann Orr", organisation=orgs["Hospital"])
    frailty = Partnership.objects.create(workspace=workspace, name="Frailty Network", form="coordinated_working",
                                         user_groups="Frail older people")
    discharge = Partnership.objects.create(workspace=workspace, name="Discharge Board", form="coordinated_working",
                                           user_groups="Older people leaving hospital")
    Partnership.objects.create(workspace=workspace, name="Youth Forum", form="information_network", status="ended")
    Outcome.objects.create(partnership=frailty, statement="I get home from hospital quickly")
    for p in (frailty, discharge):
        for name in ("Hospital", "Council"):
            Membership.objects.create(partnership=p, organisation=orgs[name], joined_on=date(2020, 1, 1))
    Membership.objects.create(partnership=frailty, organisation=orgs["Carers Centre"], joined_on=date(2024, 5, 1))
    for p in (frailty, discharge):
        meeting = Meeting.objects.create(partnership=p, title="Board", starts_at=at(2026, 3, 2, 10), length_minutes=90)
        Attendance.objects.create(meeting=meeting, person=wren)
    Attendance.objects.create(meeting=frailty.meetings.get(), person=ann, status="deputy", deputy=wren)
    outside = Organisation.objects.create(workspace=other_workspace, name="Southshire Trust", sector="police")
    theirs = Partnership.objects.create(workspace=other_workspace, name="Southshire Board", form="coordinated_working")
    Membership.objects.create(partnership=theirs, organisation=outside)
    return {"frailty": frailty, "discharge": discharge, "wren": wren, "ann": ann, "orgs": orgs}
