"""The calendar import in the app: keep the uploaded file until it is
confirmed, show what it would do, and then write it all or nothing.

The uploaded bytes wait under MEDIA_ROOT/imports/<workspace id>/<token>.ics;
the token is random and also kept in the uploader's session, so nobody else
can reach the file, and nothing is written to the database before confirm.
Re-importing the same calendar is idempotent: a meeting is known by its
occurrence key (UID, plus the original start of a recurring instance)."""

import re
import secrets
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from joinedup.organisations.models import Person
from joinedup.partnerships.models import Partnership
from joinedup.workspaces.access import for_workspace

from .calendar_import import read_calendar
from .models import Attendance, AttendanceStatus, Meeting

SESSION_KEY = "meeting_imports"
TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,64}$")
ABANDONED_AFTER_SECONDS = 24 * 60 * 60
GENERIC_WORDS = {"the", "and", "for", "of", "partnership", "board", "meeting", "group", "northshire", "with"}


def _folder(workspace):
    return Path(settings.MEDIA_ROOT) / "imports" / str(workspace.id)


def stage(request, workspace, file_name, content, partnership_id=None):
    """Keep the upload for the preview; returns its token."""
    token = secrets.token_urlsafe(24)
    folder = _folder(workspace)
    folder.mkdir(parents=True, exist_ok=True)
    _remove_abandoned(folder)
    (folder / f"{token}.ics").write_bytes(content)
    staged = request.session.get(SESSION_KEY, {})
    staged[token] = {"workspace": workspace.id, "name": Path(file_name).name[:200], "partnership": partnership_id}
    request.session[SESSION_KEY] = staged
    return token


def _remove_abandoned(folder):
    """Uploads never confirmed or cancelled are removed after a day."""
    cutoff = time.time() - ABANDONED_AFTER_SECONDS
    for path in folder.glob("*.ics"):
        if path.stat().st_mtime < cutoff:
            path.unlink(missing_ok=True)


def staged(request, workspace, token):
    """(details, bytes) of an upload this user staged in this workspace, or None."""
    entry = request.session.get(SESSION_KEY, {}).get(token)
    if not TOKEN.match(token or "") or not entry or entry["workspace"] != workspace.id:
        return None
    path = _folder(workspace) / f"{token}.ics"
    return (entry, path.read_bytes()) if path.exists() else None


def discard(request, workspace, token):
    (_folder(workspace) / f"{token}.ics").unlink(missing_ok=True)
    entries = request.session.get(SESSION_KEY, {})
    entries.pop(token, None)
    request.session[SESSION_KEY] = entries


def _words(text):
    return {w for w in re.findall(r"[a-z0-9]+", text.lower()) if len(w) > 2 and w not in GENERIC_WORDS}


def match_partnership(title, partnerships):
    """The partnership whose name best matches an event title, or None."""
    best, best_score = None, 0.0
    title_words = _words(title)
    for partnership in partnerships:
        name_words = _words(partnership.name)
        if not title_words or not name_words:
            continue
        score = len(title_words & name_words) / min(len(title_words), len(name_words))
        if score > best_score:
            best, best_score = partnership, score
    return best if best_score >= 0.6 else None


@dataclass
class Series:
    """The occurrences of one calendar event (one-off or recurring)."""

    uid: str
    title: str
    occurrences: list = field(default_factory=list)
    suggested: object = None  # Partnership
    already: int = 0  # occurrences imported before

    @property
    def first(self):
        return self.occurrences[0].start

    @property
    def last(self):
        return self.occurrences[-1].start


@dataclass
class ImportPlan:
    file_name: str
    series: list
    people: dict  # e-mail → Person, for matched attendees
    unknown: list  # (e-mail, name) of attendees who are not people yet
    existing: dict  # occurrence key → Meeting
    cancelled_existing: list  # Meetings imported before whose occurrence is now cancelled
    notes: tuple
    errors: tuple


def plan_import(workspace, content, file_name, default_partnership=None, today=None):
    """What importing ``content`` would do. Raises CalendarFileError for a bad file."""
    found = read_calendar(content, today=today or timezone.localdate())
    partnerships = list(for_workspace(Partnership, workspace).live())
    keys = [o.occurrence_key for o in found.occurrences] + list(found.cancelled_keys)
    existing = {
        m.occurrence_key: m
        for m in for_workspace(Meeting, workspace).filter(occurrence_key__in=keys).select_related("partnership")
    }
    series = {}
    for occurrence in found.occurrences:
        entry = series.setdefault(occurrence.uid, Series(occurrence.uid, occurrence.summary or "(no title)"))
        entry.occurrences.append(occurrence)
        entry.already += occurrence.occurrence_key in existing
    for entry in series.values():
        entry.suggested = match_partnership(entry.title, partnerships) or default_partnership
    emails = {}
    for occurrence in found.occurrences:
        for attendee in occurrence.attendees:
            if attendee.email:
                emails.setdefault(attendee.email, attendee.name)
        if occurrence.organiser_email:
            emails.setdefault(occurrence.organiser_email, occurrence.organiser_name)
    people = {
        p.email.lower(): p
        for p in for_workspace(Person, workspace).exclude(email="").live()
        if p.email.lower() in emails
    }
    return ImportPlan(
        file_name=file_name,
        series=sorted(series.values(), key=lambda s: (s.first, s.title)),
        people=people,
        unknown=sorted((email, name) for email, name in emails.items() if email not in people),
        existing=existing,
        cancelled_existing=[m for key, m in existing.items() if key in set(found.cancelled_keys) and m.archived_at is None],
        notes=found.report.notes,
        errors=found.report.errors,
    )


@dataclass
class ImportResult:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    cancelled: int = 0
    people_created: int = 0
    by_partnership: dict = field(default_factory=lambda: defaultdict(int))


def _create_people(workspace, plan, create_emails):
    people = dict(plan.people)
    for email, name in plan.unknown:
        if email in create_emails:
            people[email] = Person.objects.create(workspace=workspace, name=name or email.split("@")[0], email=email)
    return people


def _update(meeting, occurrence, result):
    changed = (
        meeting.starts_at != occurrence.start_utc or meeting.length_minutes != occurrence.duration_minutes
        or meeting.title != occurrence.summary[:300] or meeting.location != occurrence.location[:300]
        or meeting.archived_at is not None
    )
    if not changed:
        result.unchanged += 1
        return
    meeting.starts_at, meeting.length_minutes = occurrence.start_utc, max(occurrence.duration_minutes, 1)
    meeting.title, meeting.location = occurrence.summary[:300] or meeting.title, occurrence.location[:300]
    meeting.archived_at = None
    meeting.save()
    result.updated += 1


def _attendances(meeting, occurrence, people):
    rows, seen = [], set()
    listed = [(occurrence.organiser_email, "ACCEPTED")] + [
        (a.email, a.partstat) for a in occurrence.attendees if a.role != "NON-PARTICIPANT"
    ]
    for email, partstat in listed:
        person = people.get(email)
        if person is None or person.pk in seen:
            continue
        seen.add(person.pk)
        status = AttendanceStatus.APOLOGIES if partstat == "DECLINED" else AttendanceStatus.PRESENT
        rows.append(Attendance(meeting=meeting, person=person, status=status))
    return rows


def commit_import(workspace, plan, targets, create_emails, preparation_minutes=0, travel_minutes=0):
    """Write the import in one transaction. ``targets`` maps each series uid
    to the Partnership its meetings go to (or None to leave it out)."""
    result = ImportResult()
    with transaction.atomic():
        people = _create_people(workspace, plan, create_emails)
        result.people_created = len(people) - len(plan.people)
        new, attendance = [], []
        for entry in plan.series:
            partnership = targets.get(entry.uid)
            if partnership is None:
                continue
            for occurrence in entry.occurrences:
                meeting = plan.existing.get(occurrence.occurrence_key)
                if meeting is not None:
                    _update(meeting, occurrence, result)
                    continue
                meeting = Meeting(
                    partnership=partnership, title=occurrence.summary[:300] or "(no title)",
                    starts_at=occurrence.start_utc, length_minutes=max(occurrence.duration_minutes, 1),
                    preparation_minutes=preparation_minutes, travel_minutes=travel_minutes,
                    location=occurrence.location[:300], source_uid=occurrence.uid[:500],
                    occurrence_key=occurrence.occurrence_key[:600],
                )
                new.append((meeting, occurrence))
                result.by_partnership[partnership] += 1
        Meeting.objects.bulk_create([m for m, _ in new])
        for meeting, occurrence in new:
            attendance += _attendances(meeting, occurrence, people)
        Attendance.objects.bulk_create(attendance)
        result.added = len(new)
        for meeting in plan.cancelled_existing:
            meeting.archived_at = timezone.now()
            meeting.save(update_fields=["archived_at", "updated_at"])
            result.cancelled += 1
    return result
