"""The calendar import in the app: read the uploaded file once, show what it
would do, let the user choose, and then write it all or nothing.

The file is read (parsed, its series expanded) once, on upload. What was read
waits, with the user's choices, in an upload record on the server,
MEDIA_ROOT/imports/<workspace id>/<token>.json, beside the file itself (kept
in case the user widens the dates, the only step that reads it again). The
token is random and also kept in the uploader's session, so nobody else can
reach either, and nothing is written to the database before confirm. The
choices live in the record, not in one form field per event: a preview of a
three-year export with a thousand events still fits Django's limit on the
number of fields a form may send. Re-importing the same calendar is
idempotent: a meeting is known by its occurrence key (UID, plus the original
start of a recurring instance)."""

import json
import re
import secrets
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from joinedup.organisations.models import Person
from joinedup.partnerships.models import Partnership
from joinedup.workspaces.access import for_workspace

from .calendar_import import default_window, import_as_json, import_from_json, read_calendar
from .models import Attendance, AttendanceStatus, Meeting

SESSION_KEY = "meeting_imports"
TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,64}$")
ABANDONED_AFTER_SECONDS = 24 * 60 * 60
GENERIC_WORDS = {"the", "and", "for", "of", "partnership", "board", "meeting", "group", "northshire", "with"}


def _folder(workspace):
    return Path(settings.MEDIA_ROOT) / "imports" / str(workspace.id)


def import_window(today, partnership=None):
    """The dates read unless the user chooses others: from the partnership's
    start (or two years back) up to and including today. Meetings after today
    are only read if the user asks; they come in as planned, not held."""
    start = partnership.start_date if partnership is not None and partnership.start_date else None
    return (start or default_window(today)[0]), today + timedelta(days=1)


@dataclass
class StagedImport:
    """An upload waiting for the user: what was read, and their choices so far."""

    token: str
    name: str
    partnership_id: int | None
    found: object  # calendar_import.CalendarImport
    series_choices: dict  # series uid → partnership pk as text, or "" to leave it out
    create_people: dict  # e-mail → add as a person?
    preparation_minutes: int = 30
    travel_minutes: int = 0


def stage(request, workspace, file_name, content, partnership=None, today=None):
    """Read the upload and keep it for the preview; returns its token. Raises
    CalendarFileError for a file that cannot be read, and then keeps nothing."""
    today = today or timezone.localdate()
    start, end = import_window(today, partnership)
    found = read_calendar(content, today=today, window_start=start, window_end=end)
    token = secrets.token_urlsafe(24)
    folder = _folder(workspace)
    folder.mkdir(parents=True, exist_ok=True)
    _remove_abandoned(folder)
    (folder / f"{token}.ics").write_bytes(content)
    staged_import = StagedImport(token, Path(file_name).name[:200], partnership.pk if partnership else None, found, {}, {})
    save(workspace, staged_import)
    entries = request.session.get(SESSION_KEY, {})
    entries[token] = {"workspace": workspace.id}
    request.session[SESSION_KEY] = entries
    return token


def save(workspace, staged_import):
    """Write the upload record: what was read and the choices made so far."""
    record = {
        "name": staged_import.name, "partnership": staged_import.partnership_id,
        "found": import_as_json(staged_import.found),
        "series_choices": staged_import.series_choices, "create_people": staged_import.create_people,
        "preparation_minutes": staged_import.preparation_minutes, "travel_minutes": staged_import.travel_minutes,
    }
    (_folder(workspace) / f"{staged_import.token}.json").write_text(json.dumps(record), encoding="utf-8")


def reread(workspace, staged_import, window_start, window_end, today=None):
    """Read the kept file again for dates the user chose (the one step that does)."""
    content = (_folder(workspace) / f"{staged_import.token}.ics").read_bytes()
    staged_import.found = read_calendar(
        content, today=today or timezone.localdate(), window_start=window_start, window_end=window_end,
    )
    save(workspace, staged_import)


def _remove_abandoned(folder):
    """Uploads never confirmed or cancelled are removed after a day."""
    cutoff = time.time() - ABANDONED_AFTER_SECONDS
    for path in [*folder.glob("*.ics"), *folder.glob("*.json")]:
        if path.stat().st_mtime < cutoff:
            path.unlink(missing_ok=True)


def staged(request, workspace, token):
    """The StagedImport this user made in this workspace, or None."""
    entry = request.session.get(SESSION_KEY, {}).get(token)
    if not TOKEN.match(token or "") or not entry or entry["workspace"] != workspace.id:
        return None
    path = _folder(workspace) / f"{token}.json"
    if not path.exists():
        return None
    record = json.loads(path.read_text(encoding="utf-8"))
    return StagedImport(
        token, record["name"], record["partnership"], import_from_json(record["found"]),
        record["series_choices"], record["create_people"],
        record["preparation_minutes"], record["travel_minutes"],
    )


def discard(request, workspace, token):
    for suffix in (".ics", ".json"):
        (_folder(workspace) / f"{token}{suffix}").unlink(missing_ok=True)
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

    @property
    def attendees(self):
        """Everyone invited to any of its meetings, not only the first: people
        join and leave a series over the years."""
        seen = {}
        for occurrence in self.occurrences:
            for attendee in occurrence.attendees:
                seen.setdefault(attendee.email or attendee.name, attendee)
        return list(seen.values())

    def planned(self, today):
        """How many of its meetings are after ``today``: imported as planned."""
        return sum(1 for o in self.occurrences if o.start.date() > today)


@dataclass
class ImportPlan:
    file_name: str
    window: tuple  # (first day, day after the last) of the dates read
    series: list
    people: dict  # e-mail → Person, for matched attendees
    unknown: list  # (e-mail, name) of attendees who are not people yet
    existing: dict  # occurrence key → Meeting
    cancelled_existing: list  # Meetings imported before whose occurrence is now cancelled
    notes: tuple
    errors: tuple


def plan_import(workspace, found, file_name, default_partnership=None):
    """What importing the meetings read from a file (a CalendarImport) would do."""
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
        window=(found.report.window_start, found.report.window_end),
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
                    partnership=partnership, title=occurrence.summary[:300] or _("(no title)"),
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
