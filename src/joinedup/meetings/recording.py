"""Recording a meeting: the meeting form with one attendance row per person
of the partnership, and rows for decisions and actions. Saving replaces the
meeting's attendance, decisions and actions in one transaction."""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.forms import formset_factory

from joinedup.organisations.models import Person
from joinedup.partnerships.models import Outcome
from joinedup.workspaces.access import for_workspace

from .forms import NOT_LINKED, NOT_THERE, ActionForm, AttendanceForm, DecisionForm, MeetingForm
from .models import Action, Attendance, AttendanceStatus, Decision, Meeting

BLANK_ROWS = 3
AttendanceFormSet = formset_factory(AttendanceForm, extra=0)
DecisionFormSet = formset_factory(DecisionForm, extra=BLANK_ROWS)
ActionFormSet = formset_factory(ActionForm, extra=BLANK_ROWS)


def partnership_people(workspace, partnership, meeting=None):
    """People of the partnership's member organisations, its representatives,
    and anyone already recorded at the meeting; by organisation and name."""
    members = partnership.memberships.filter(archived_at__isnull=True)
    chosen = Q(organisation__in=members.values("organisation")) | Q(pk__in=members.values("representative"))
    if meeting is not None and meeting.pk:
        chosen |= Q(pk__in=meeting.attendances.values("person"))
    people = for_workspace(Person, workspace).filter(chosen, archived_at__isnull=True)
    return people.select_related("organisation").order_by("organisation__name", "name")


@dataclass
class MeetingForms:
    meeting: MeetingForm
    attendance: object
    decisions: object
    actions: object
    people: list

    def all(self):
        return [self.meeting, *self.attendance, *self.decisions, *self.actions]

    def is_valid(self):
        return all([self.meeting.is_valid(), self.attendance.is_valid(), self.decisions.is_valid(),
                    self.actions.is_valid()])

    def error_list(self):
        """Every error, linked to its field, for the GOV.UK error summary."""
        errors = []
        for form in self.all():
            if not form.is_bound:
                continue
            errors += [{"href": "#main-content", "text": e} for e in form.non_field_errors()]
            for bound in form:
                suffix = "_0" if bound.name == "status" else ""
                errors += [{"href": f"#{bound.auto_id}{suffix}", "text": e} for e in bound.errors]
        return errors

    def attendance_rows(self):
        """(person, form) pairs. A form shown again after an error carries the
        rows that were submitted, which differ from today's people when
        someone joined or left the partnership meanwhile, so each row is
        matched by the person it names, not by position."""
        if not self.attendance.is_bound:
            return list(zip(self.people, self.attendance, strict=True))
        by_pk = {str(p.pk): p for p in self.people}
        rows = [(by_pk.get(str(form["person"].value())), form) for form in self.attendance]
        return [(person, form) for person, form in rows if person is not None]


def _initial(meeting):
    if meeting is None or not meeting.pk:
        return {}, [], []
    attendance = {
        a.person_id: {"status": a.status, "deputy": a.deputy_id, "preparation_minutes": a.preparation_minutes,
                      "travel_minutes": a.travel_minutes}
        for a in meeting.attendances.all()
    }
    decisions = [{"text": d.text, "outcome": str(d.outcome_id) if d.outcome_id else NOT_LINKED}
                 for d in meeting.decisions.all()]
    actions = [{"text": a.text, "owner": a.owner_id, "due_on": a.due_on, "done_on": a.done_on}
               for a in meeting.actions.all()]
    return attendance, decisions, actions


def meeting_forms(workspace, partnership, meeting=None, data=None):
    """The bound (``data``) or unbound forms for a new or existing meeting."""
    people = list(partnership_people(workspace, partnership, meeting))
    everyone = for_workspace(Person, workspace).filter(archived_at__isnull=True).order_by("name")
    outcomes = for_workspace(Outcome, workspace).filter(partnership=partnership, archived_at__isnull=True)
    # Bound forms get no initial values: a row that matches them would count
    # as unchanged and be skipped.
    attendance, decisions, actions = _initial(meeting) if data is None else ({}, [], [])
    return MeetingForms(
        meeting=MeetingForm(data, instance=meeting, workspace=workspace, partnership=partnership),
        attendance=AttendanceFormSet(
            data, prefix="attendance", form_kwargs={"people": everyone},
            initial=[{"person": p.pk, **attendance.get(p.pk, {"status": NOT_THERE})} for p in people],
        ),
        decisions=DecisionFormSet(data, prefix="decisions", initial=decisions, form_kwargs={"outcomes": outcomes}),
        actions=ActionFormSet(data, prefix="actions", initial=actions, form_kwargs={"people": everyone}),
        people=people,
    )


def _attendance(meeting, forms, allowed):
    rows = []
    for form in forms:
        data = form.cleaned_data
        if not data or data.get("status", NOT_THERE) == NOT_THERE or data["person"] not in allowed:
            continue
        deputy = data.get("deputy") if data["status"] == AttendanceStatus.DEPUTY else None
        rows.append(Attendance(
            meeting=meeting, person_id=data["person"], status=data["status"], deputy=deputy,
            preparation_minutes=data.get("preparation_minutes"), travel_minutes=data.get("travel_minutes"),
        ))
    return rows


def save_meeting(forms):
    """Save a valid set of forms; returns the meeting."""
    with transaction.atomic():
        meeting = forms.meeting.save()
        meeting.attendances.all().delete()
        meeting.decisions.all().delete()
        meeting.actions.all().delete()
        allowed = {p.pk for p in forms.people}
        Attendance.objects.bulk_create(_attendance(meeting, forms.attendance, allowed))
        Decision.objects.bulk_create([
            Decision(meeting=meeting, text=d["text"], outcome_id=None if d["outcome"] == NOT_LINKED else int(d["outcome"]))
            for d in (f.cleaned_data for f in forms.decisions) if d and d.get("text")
        ])
        Action.objects.bulk_create([
            Action(meeting=meeting, text=a["text"], owner=a.get("owner"), due_on=a.get("due_on"), done_on=a.get("done_on"))
            for a in (f.cleaned_data for f in forms.actions) if a and a.get("text")
        ])
    return meeting


def meeting_of(workspace, partnership, pk):
    return for_workspace(Meeting, workspace).filter(partnership=partnership, archived_at__isnull=True).get(pk=pk)
