"""Hand-built meetings for the model, page and rule tests."""

from datetime import datetime

from joinedup.meetings.calendar_import import LONDON
from joinedup.meetings.models import Attendance, Meeting
from joinedup.organisations.models import Organisation, Person
from joinedup.partnerships.models import Membership


def at(*args):
    return datetime(*args, tzinfo=LONDON)


def organisation(workspace, name, sector="nhs_acute"):
    return Organisation.objects.create(workspace=workspace, name=name, sector=sector)


def person(workspace, name, band="", org=None, email=""):
    return Person.objects.create(
        workspace=workspace, name=name, pay_band=band, organisation=org, email=email
    )


def member(partnership, org, representative=None):
    return Membership.objects.create(
        partnership=partnership, organisation=org, representative=representative
    )


def meeting(partnership, when, minutes=90, prep=30, travel=20, title="Board"):
    return Meeting.objects.create(
        partnership=partnership,
        title=title,
        starts_at=when,
        length_minutes=minutes,
        preparation_minutes=prep,
        travel_minutes=travel,
    )


def attend(meeting, person, status="present", **kwargs):
    return Attendance.objects.create(meeting=meeting, person=person, status=status, **kwargs)
