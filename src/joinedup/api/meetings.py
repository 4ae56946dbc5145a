"""A partnership's meetings with who attended, their decisions and actions:
read, and written through the meeting page's own forms (meetings/recording.py),
so a meeting sent through the API is checked and saved exactly as one
recorded on its page. A meeting is written whole: its attendance, decisions
and actions are replaced by those sent, as the page replaces them."""

from datetime import date, datetime
from enum import Enum
from typing import Annotated

from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status
from pydantic import StrictInt

from joinedup.meetings.forms import NOT_LINKED
from joinedup.meetings.models import AttendanceStatus, Meeting
from joinedup.meetings.recording import meeting_forms, save_meeting
from joinedup.workspaces.access import for_workspace

from .conventions import (
    ONE,
    REFUSALS,
    TEXT,
    WRITES,
    FormRefused,
    Page,
    Paging,
    live_partnership,
    needs_write,
    of_partnerships,
    one,
    page_of,
    partnership_filter,
    under_live_partnership,
    workspace,
)
from .registers import IsoDate

router = Router(tags=["meetings"])
MINUTES = Annotated[StrictInt, Field(ge=0, le=24 * 60)]
NO_NUL = r"^[^\x00]*$"
Attended = Enum("Attended", {s.value: s.value for s in AttendanceStatus}, type=str)


class AttendanceIn(Schema):
    person_id: StrictInt
    status: Attended = Attended.present
    deputy_id: StrictInt | None = Field(None, description="Who went instead, when the status is deputy.")
    preparation_minutes: MINUTES | None = Field(None, description="Blank for the meeting's figure.")
    travel_minutes: MINUTES | None = Field(None, description="Blank for the meeting's figure.")


class DecisionIn(Schema):
    text: str = Field(min_length=1, max_length=5000, pattern=TEXT)
    outcome_id: StrictInt | None = Field(None, description="The outcome it serves; null if none.")


class ActionIn(Schema):
    text: str = Field(min_length=1, max_length=5000, pattern=TEXT)
    owner_id: StrictInt | None = None
    due_on: IsoDate | None = None
    done_on: IsoDate | None = None


class MeetingIn(Schema):
    title: str = Field(min_length=1, max_length=300, pattern=TEXT)
    date: IsoDate
    start_time: str = Field(pattern=r"^([01]\d|2[0-3]):[0-5]\d$", description="UK time, e.g. 14:00.")
    length_minutes: Annotated[StrictInt, Field(ge=1, le=24 * 60)]
    preparation_minutes: MINUTES = 0
    travel_minutes: MINUTES = 0
    location: str = Field("", max_length=300, pattern=NO_NUL)
    attendances: list[AttendanceIn] = Field([], max_length=500)
    decisions: list[DecisionIn] = Field([], max_length=500)
    actions: list[ActionIn] = Field([], max_length=500)


class AttendanceOut(Schema):
    person_id: int
    status: str
    deputy_id: int | None
    preparation_minutes: int | None
    travel_minutes: int | None


class MeetingOut(Schema):
    id: int
    partnership_id: int
    title: str
    starts_at: datetime
    length_minutes: int
    preparation_minutes: int
    travel_minutes: int
    location: str
    attendances: list[AttendanceOut]
    decisions: list[dict]
    actions: list[dict]
    updated_at: datetime

    @staticmethod
    def from_record(m):
        return MeetingOut(
            id=m.pk, partnership_id=m.partnership_id, title=m.title, starts_at=m.starts_at,
            length_minutes=m.length_minutes, preparation_minutes=m.preparation_minutes,
            travel_minutes=m.travel_minutes, location=m.location, updated_at=m.updated_at,
            attendances=[AttendanceOut(person_id=a.person_id, status=a.status, deputy_id=a.deputy_id,
                                       preparation_minutes=a.preparation_minutes, travel_minutes=a.travel_minutes)
                         for a in m.attendances.all()],
            decisions=[{"text": d.text, "outcome_id": d.outcome_id} for d in m.decisions.all()],
            actions=[{"text": a.text, "owner_id": a.owner_id, "due_on": _iso(a.due_on), "done_on": _iso(a.done_on)}
                     for a in m.actions.all()],
        )


class MeetingPage(Page):
    items: list[MeetingOut]


def _iso(day):
    return day.isoformat() if isinstance(day, date) else None


def _meetings(request):
    return for_workspace(Meeting, workspace(request)).live().filter(partnership__archived_at=None).prefetch_related(
        "attendances", "decisions", "actions")


def _meeting(request, meeting_id):
    """A meeting of the token's workspace, or 404 (saying so if its partnership is archived)."""
    return under_live_partnership(get_object_or_404(
        for_workspace(Meeting, workspace(request)).live().select_related("partnership").prefetch_related(
            "attendances", "decisions", "actions"), pk=meeting_id))


def _form_data(payload):
    """The meeting as its page posts it: the meeting's fields and one numbered row per attendance, decision, action."""
    data = {"title": payload.title, "date": payload.date.isoformat(), "start_time": payload.start_time,
            "length_minutes": payload.length_minutes, "preparation_minutes": payload.preparation_minutes,
            "travel_minutes": payload.travel_minutes, "location": payload.location}
    rows = {
        "attendance": [{"person": a.person_id, "status": a.status.value, "deputy": a.deputy_id,
                        "preparation_minutes": a.preparation_minutes, "travel_minutes": a.travel_minutes}
                       for a in payload.attendances],
        "decisions": [{"text": d.text, "outcome": d.outcome_id or NOT_LINKED} for d in payload.decisions],
        "actions": [{"text": a.text, "owner": a.owner_id, "due_on": _iso(a.due_on), "done_on": _iso(a.done_on)}
                    for a in payload.actions],
    }
    for prefix, found in rows.items():
        data.update({f"{prefix}-TOTAL_FORMS": len(found), f"{prefix}-INITIAL_FORMS": 0,
                     f"{prefix}-MIN_NUM_FORMS": 0, f"{prefix}-MAX_NUM_FORMS": 1000})
        for number, row in enumerate(found):
            data.update({f"{prefix}-{number}-{name}": "" if value is None else value for name, value in row.items()})
    return data


API_NAMES = {"attendance": ("attendances", {"person": "person_id", "deputy": "deputy_id"}),
             "decisions": ("decisions", {"outcome": "outcome_id"}),
             "actions": ("actions", {"owner": "owner_id"})}


def _saved(request, partnership, payload, meeting=None):
    needs_write(request)
    forms = meeting_forms(workspace(request), partnership, meeting, data=_form_data(payload))
    errors = []
    if not forms.is_valid():
        errors += [(name if name != "__all__" else "request", message)
                   for name, messages in forms.meeting.errors.items() for message in messages]
        for prefix, formset in (("attendance", forms.attendance), ("decisions", forms.decisions),
                                ("actions", forms.actions)):
            plural, renamed = API_NAMES[prefix]
            errors += [("request", message) for message in formset.non_form_errors()]
            for number, form in enumerate(formset):
                errors += [(f"{plural}[{number}].{renamed.get(name, name)}", message)
                           for name, messages in form.errors.items() for message in messages]
    allowed = {person.pk for person in forms.people}
    errors += [(f"attendances[{number}].person_id",
                "This person is not one of the partnership's people: a person of a member organisation, or "
                "a representative.") for number, a in enumerate(payload.attendances) if a.person_id not in allowed]
    if errors:
        raise FormRefused(errors)
    return save_meeting(forms)


@router.get("/partnerships/{partnership_id}/meetings", response={200: MeetingPage, **REFUSALS})
def list_meetings(request, partnership_id: int, paging: Query[Paging]):
    """The partnership's meetings, with who attended and their decisions and actions."""
    partnership = live_partnership(request, partnership_id)
    return page_of(request, _meetings(request).filter(partnership=partnership), paging, MeetingOut)


@router.get("/meetings", response={200: MeetingPage, **REFUSALS})
def list_workspace_meetings(request, paging: Query[Paging], partnership: int | None = partnership_filter()):
    """The meetings of every partnership that is not archived, or of one: a nightly sync in one list."""
    return page_of(request, of_partnerships(request, _meetings(request), partnership), paging, MeetingOut)


@router.post("/partnerships/{partnership_id}/meetings", response={201: MeetingOut, **WRITES})
def add_meeting(request, partnership_id: int, payload: MeetingIn):
    """Record a meeting, as its page does: who attended (people of the partnership), decisions, actions."""
    meeting = _saved(request, live_partnership(request, partnership_id), payload)
    return Status(201, MeetingOut.from_record(_meetings(request).get(pk=meeting.pk)))


@router.get("/meetings/{meeting_id}", response={200: MeetingOut, **ONE})
def get_meeting(request, meeting_id: int):
    return one(request, MeetingOut.from_record(_meeting(request, meeting_id)))


@router.put("/meetings/{meeting_id}", response={200: MeetingOut, **WRITES})
def put_meeting(request, meeting_id: int, payload: MeetingIn):
    """Write a meeting whole: its attendance, decisions and actions become those sent."""
    meeting = _meeting(request, meeting_id)
    _saved(request, meeting.partnership, payload, meeting)
    return MeetingOut.from_record(_meetings(request).get(pk=meeting.pk))
