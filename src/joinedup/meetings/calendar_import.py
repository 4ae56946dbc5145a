"""Read meetings from an uploaded iCalendar (.ics) file.

Calendars exported from Outlook, Google Calendar and Apple Calendar are
parsed with ``icalendar`` and their recurrences expanded with
``recurring-ical-events``; nothing here parses iCalendar by hand. The result
is plain data — one :class:`MeetingOccurrence` per meeting that starts inside
a date window — plus notes on what was left out and why. Times are given in
UK time (Europe/London) and in UTC.

Each occurrence carries an ``occurrence_key`` that stays the same when the
same calendar is exported and imported again, so the app can update meetings
it already has instead of adding duplicates:

* a one-off event: its ``UID`` (so a meeting moved to another day is still
  the same meeting);
* an instance of a recurring series: ``UID`` + ``/`` + its ``RECURRENCE-ID``
  (the original start of that instance, in UTC), which does not change when
  the instance is moved.

Problems that stop the import raise :class:`CalendarFileError` whose message
says what is wrong and what to do; problems with single events are listed in
``CalendarImport.report.errors`` and the rest of the file is still read.
"""

from __future__ import annotations

import re
import threading
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import recurring_ical_events
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, ngettext_lazy

from joinedup.design_system import text_files
from joinedup.design_system.dates import long_date

LONDON = ZoneInfo("Europe/London")
_PARSING = threading.Lock()
MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_OCCURRENCES = 10_000
# A daily meeting for three years is about 1,100 occurrences, three a day
# about 3,300. A rule that could give more (every hour, every minute) is not a
# meeting, and is skipped before it is expanded: the expansion lists every
# occurrence from the first one, so such a rule could exhaust memory.
MAX_SERIES_OCCURRENCES = 5_000
MAX_RULE_STEPS = 200_000
_SUB_DAILY = {"SECONDLY", "MINUTELY", "HOURLY"}
_DATE_PARTS = ("BYMONTH", "BYMONTHDAY", "BYYEARDAY", "BYWEEKNO")
# Expanding stops with an error after this long; each series takes at most
# about half a second once the rules above are refused.
MAX_SECONDS = 30
YEARS_BEFORE = 2
YEARS_AFTER = 1

# Properties whose damage makes an event impossible to place in time.
_TIMING_PROPERTIES = {"DTSTART", "DTEND", "DURATION", "RRULE", "RDATE", "EXDATE", "RECURRENCE-ID"}
_SINGLE_PROPERTIES = ("UID", "DTSTART", "DTEND", "DURATION", "RECURRENCE-ID", "SEQUENCE")
_RESOURCE_TYPES = {"RESOURCE", "ROOM", "GROUP"}
# Addresses that are calendars or rooms, not people, whatever CUTYPE says:
# Google's shared ("group") and room ("resource") calendars, and the room and
# equipment mailboxes Exchange and Microsoft 365 name this way by convention.
_NOT_A_PERSON = re.compile(
    r"@(group\.calendar\.google\.com|group\.v\.calendar\.google\.com|resource\.calendar\.google\.com"
    r"|import\.calendar\.google\.com)$"
    r"|^(room|rooms|resource|resources|meetingroom|boardroom|conf|conference)[._-]",
    re.IGNORECASE,
)
# A UTC offset in a VTIMEZONE: sign, hours, minutes and perhaps seconds.
_OFFSET_LINE = re.compile(
    r"^(TZOFFSET(?:FROM|TO)(?:;[^:\r\n]*)?:)([+-]?)(\d+)(?=[ \t]*\r?$)", re.MULTILINE | re.IGNORECASE
)
# What icalendar and recurring-ical-events raise on damaged input.
_LIBRARY_ERRORS = (ValueError, TypeError, AttributeError, LookupError)
_SIGNATURES = [
    (b"%PDF", gettext_lazy("a PDF document")),
    (b"PK\x03\x04", gettext_lazy("a ZIP, Word or Excel file (Google Calendar exports a .zip: unzip it first)")),
    (b"\xd0\xcf\x11\xe0", gettext_lazy("an Outlook message (.msg) or older Office file")),
    (b"\x89PNG", gettext_lazy("a PNG image")),
    (b"\xff\xd8\xff", gettext_lazy("a JPEG image")),
    (b"\x1f\x8b", gettext_lazy("a compressed (gzip) file")),
]
_EXPORT = (
    gettext_lazy("In Outlook use File > Save Calendar (iCalendar format); in Google Calendar use Settings > Import & export > Export; in Apple Calendar use File > Export.")
)
# What to do about each problem that stops an import (see CalendarFileError).
_ADVICE = {
    "empty": format_lazy("{} {}", gettext_lazy("Export the calendar again and upload the .ics file."), _EXPORT),
    "too_large": gettext_lazy("Export a shorter date range (for example the last 12 months) or only the partnership's calendar, and upload that."),
    "not_icalendar": format_lazy("{} {}", gettext_lazy("Upload the calendar exported as an .ics file."), _EXPORT),
    "encoding": format_lazy("{} {}", gettext_lazy("Export the calendar again as an iCalendar (.ics) file rather than converting or re-saving it."), _EXPORT),
    "truncated": gettext_lazy("Export the calendar again and upload the complete file."),
    "unreadable": format_lazy("{} {}", gettext_lazy("Export the calendar again without editing it."), _EXPORT),
    "no_events": gettext_lazy("Check that you exported the right calendar and a date range that includes the meetings."),
    "too_complex": gettext_lazy("Export only the partnership's calendar or a shorter date range, and upload that."),
    "too_many_occurrences": gettext_lazy("Export only the partnership's calendar or a shorter date range (for example the last 12 months) and upload that."),
}


class CalendarFileError(ValueError):
    """The upload cannot be read as a calendar; the message says what to do.

    ``problem`` is a short code for the kind of problem: ``empty``,
    ``too_large``, ``not_icalendar``, ``encoding``, ``truncated``,
    ``unreadable``, ``no_events``, ``too_many_occurrences`` or ``too_complex``.
    """

    def __init__(self, problem: str, what: str):
        super().__init__(f"{what} {_ADVICE[problem]}")
        self.problem = problem


@dataclass(frozen=True)
class CalendarAttendee:
    """Someone invited to a meeting, as listed in the calendar."""

    email: str  # lower case, without "mailto:"; "" when the export has none
    name: str  # the CN parameter, or ""
    role: str  # CHAIR, REQ-PARTICIPANT, OPT-PARTICIPANT or NON-PARTICIPANT
    partstat: str  # NEEDS-ACTION, ACCEPTED, DECLINED, TENTATIVE or DELEGATED


@dataclass(frozen=True)
class MeetingOccurrence:
    """One meeting on one day, from a one-off event or a recurring series."""

    uid: str
    occurrence_key: str
    recurrence_id: datetime | None  # original start (UTC) of a series instance
    summary: str
    start: datetime  # Europe/London
    end: datetime  # Europe/London
    start_utc: datetime
    end_utc: datetime
    duration_minutes: int
    organiser_email: str
    organiser_name: str
    attendees: tuple[CalendarAttendee, ...]
    location: str
    status: str  # CONFIRMED, TENTATIVE or "" (cancelled ones are not returned)

    @property
    def expected_emails(self) -> tuple[str, ...]:
        """The organiser and every attendee who has not declined, without duplicates."""
        emails = [self.organiser_email] + [
            person.email
            for person in self.attendees
            if person.partstat != "DECLINED" and person.role != "NON-PARTICIPANT"
        ]
        return tuple(dict.fromkeys(email for email in emails if email))


@dataclass(frozen=True)
class ImportReport:
    """What was read, what was left out, and why."""

    window_start: date
    window_end: date  # exclusive
    producer: str  # the PRODID, e.g. "-//Google Inc//Google Calendar 70.9054//EN"
    encoding: str
    notes: tuple[str, ...]
    errors: tuple[str, ...]


@dataclass(frozen=True)
class CalendarImport:
    """The meetings found in a calendar file and the report on reading it."""

    occurrences: tuple[MeetingOccurrence, ...]
    cancelled_keys: tuple[str, ...]  # occurrence keys of cancelled meetings in the window
    report: ImportReport


def import_as_json(found: CalendarImport) -> dict:
    """The result of reading a file as plain JSON data, so that an import can
    keep it between its pages instead of reading the file again."""
    def occurrence(o: MeetingOccurrence) -> dict:
        data = {name: getattr(o, name) for name in MeetingOccurrence.__dataclass_fields__}
        for name in ("recurrence_id", "start", "end", "start_utc", "end_utc"):
            data[name] = data[name].isoformat() if data[name] else None
        data["attendees"] = [list(a.__dict__.values()) for a in o.attendees]
        return data

    report = found.report
    return {
        "occurrences": [occurrence(o) for o in found.occurrences],
        "cancelled_keys": list(found.cancelled_keys),
        "report": {
            "window_start": report.window_start.isoformat(), "window_end": report.window_end.isoformat(),
            "producer": report.producer, "encoding": report.encoding,
            "notes": list(report.notes), "errors": list(report.errors),
        },
    }


def import_from_json(data: dict) -> CalendarImport:
    """The :class:`CalendarImport` that :func:`import_as_json` wrote."""
    def moment(text, zone):
        return datetime.fromisoformat(text).astimezone(zone) if text else None

    occurrences = []
    for o in data["occurrences"]:
        o = dict(o)
        for name, zone in (("start", LONDON), ("end", LONDON), ("start_utc", UTC), ("end_utc", UTC),
                           ("recurrence_id", UTC)):
            o[name] = moment(o[name], zone)
        o["attendees"] = tuple(CalendarAttendee(*a) for a in o["attendees"])
        occurrences.append(MeetingOccurrence(**o))
    r = data["report"]
    report = ImportReport(
        window_start=date.fromisoformat(r["window_start"]), window_end=date.fromisoformat(r["window_end"]),
        producer=r["producer"], encoding=r["encoding"], notes=tuple(r["notes"]), errors=tuple(r["errors"]),
    )
    return CalendarImport(tuple(occurrences), tuple(data["cancelled_keys"]), report)


def default_window(today: date) -> tuple[date, date]:
    """From two years before ``today`` to one year after it (end exclusive)."""
    return _years_from(today, -YEARS_BEFORE), _years_from(today, YEARS_AFTER)


def read_calendar(
    data: bytes,
    *,
    today: date,
    window_start: date | None = None,
    window_end: date | None = None,
    max_bytes: int = MAX_FILE_BYTES,
    max_occurrences: int = MAX_OCCURRENCES,
    max_seconds: float = MAX_SECONDS,
) -> CalendarImport:
    """Read the meetings in an uploaded .ics file that start inside the window.

    The window defaults to :func:`default_window` of ``today``; meetings
    count when their UK start date is on or after ``window_start`` and
    before ``window_end``. Recurring series — including ones that never end
    — are expanded only inside the window. A series that repeats more than
    ``MAX_SERIES_OCCURRENCES`` times in it (or every hour) is skipped with an
    error in the report; a file with more than ``max_occurrences``
    occurrences in all, or taking more than ``max_seconds`` to expand,
    raises :class:`CalendarFileError`.
    """
    default_start, default_end = default_window(today)
    window_start = window_start or default_start
    window_end = window_end or default_end
    text, encoding, notes = decode_calendar_bytes(data, max_bytes=max_bytes)
    text = normalise_offsets(text, notes)
    calendars = _parse(text)
    errors: list[str] = []
    events = _readable_events(calendars, errors, window_start, window_end)
    reading = _Reading(window_start, window_end, notes, errors, time.monotonic() + max_seconds)
    for calendar in calendars:
        method = str(calendar.get("METHOD", "")).upper()
        if method in ("REPLY", "COUNTER", "DECLINECOUNTER", "REFRESH"):
            # A reply says whether someone will come ("Declined: Board"); it is
            # not the meeting, and its title and attendees are not the meeting's.
            notes.append(
                _("The file is a reply to an invitation (METHOD:%(method)s), not a calendar: nothing in it is imported. Export the calendar itself to import its meetings.") % {"method": method}
            )
            reading.seen_uids |= {str(e.get("UID", "")) for e in calendar.walk("VEVENT")}
            continue
        cancel_all = method == "CANCEL"
        if cancel_all:
            notes.append(
                _("The file is a cancellation notice (METHOD:CANCEL): its meetings are listed as cancelled and none is imported.")
            )
        reading.expand(calendar, max_occurrences, cancel_all=cancel_all)
    reading.summarise(events)
    occurrences = sorted(reading.occurrences, key=lambda o: (o.start_utc, o.occurrence_key))
    report = ImportReport(
        window_start=window_start,
        window_end=window_end,
        producer=str(calendars[0].get("PRODID", "")),
        encoding=encoding,
        notes=tuple(notes),
        errors=tuple(errors),
    )
    return CalendarImport(tuple(occurrences), tuple(sorted(reading.cancelled)), report)


def decode_calendar_bytes(
    data: bytes, *, max_bytes: int = MAX_FILE_BYTES
) -> tuple[str, str, list[str]]:
    """Turn the uploaded bytes into text: ``(text, encoding, notes)``.

    iCalendar files should be UTF-8. UTF-16/32 (with a byte-order mark, or
    UTF-16 without one) and legacy single-byte encodings such as
    Windows-1252 are read too, with a note; charset-normalizer picks the
    legacy encoding. Raises :class:`CalendarFileError` for an empty, too
    large, binary or undecodable file, or text that is not iCalendar.
    """
    if not data.strip():
        raise CalendarFileError("empty", "The file is empty.")
    if len(data) > max_bytes:
        raise CalendarFileError(
            "too_large",
            f"The file is {len(data) / 2**20:.1f} MB; the limit is {max_bytes / 2**20:.0f} MB.",
        )
    for signature, kind in _SIGNATURES:
        if data.startswith(signature):
            raise _not_icalendar(f"This looks like {kind}, not an iCalendar (.ics) file.")
    text, encoding = _decode(data)
    notes = []
    if encoding != "utf-8":
        notes.append(
            _("The file was not in UTF-8; it was read as %(encoding)s. Check that names with accents or dashes look right.") % {"encoding": encoding}
        )
    _check_is_icalendar(text)
    return text, encoding, notes


def _decode(data: bytes) -> tuple[str, str]:
    try:
        decoded = text_files.decode(data)
    except text_files.NotText:
        raise CalendarFileError(
            "encoding",
            "The file's text encoding could not be worked out (it is not UTF-8, UTF-16 or "
            "Windows-1252).",
        ) from None
    # "utf-8" in lower case is the report's word for a file with nothing to note.
    return decoded.text, "utf-8" if decoded.name == "UTF-8" else decoded.name


def normalise_offsets(text: str, notes: list[str]) -> str:
    """Make each VTIMEZONE offset one iCalendar can read, with a note.

    Apple's iCloud writes a zone's local-mean-time offset from before standard
    time (Kolkata's +05:53:28, London's -00:01:15) with its hours left out or
    seconds run on: ``+5328``, ``-000115``. Such an offset applies only to
    dates before the zone's first standard time (in the 1800s), so no meeting
    moves when ``+5328`` is read as minutes and seconds (+00:53:28) rather than
    refused; the file is read and the note says so.
    """
    changed = []

    def fix(match: re.Match) -> str:
        sign, digits = match.group(2) or "+", match.group(3)
        if len(digits) in (4, 6):
            hours, minutes, seconds = int(digits[:2]), int(digits[2:4]), int(digits[4:] or 0)
            if hours < 24 and minutes < 60 and seconds < 60:
                return match.group(0)
        if len(digits) == 4 and int(digits[:2]) < 60 and int(digits[2:]) < 60:
            fixed = f"00{digits}"  # minutes and seconds, the hours left out
        else:
            fixed = "0000"
        changed.append(f"{sign}{digits}")
        return f"{match.group(1)}{sign}{fixed}"

    text = _OFFSET_LINE.sub(fix, text)
    if changed:
        shown = ", ".join(sorted(set(changed)))
        notes.append(
            _("The file's time zone has a historic local-mean-time offset written in a form iCalendar does not allow (%(shown)s); it was read as minutes and seconds. It applies only to dates long before any meeting, so no meeting's time is affected.") % {"shown": shown}
        )
    return text


def _check_is_icalendar(text: str) -> None:
    lines = [line.strip() for line in text.lstrip("\ufeff").strip().splitlines() if line.strip()]
    if not lines:
        raise _not_icalendar("The file holds no readable text.")
    first, last = lines[0], lines[-1]
    if not first.upper().startswith("BEGIN:VCALENDAR"):
        if first.startswith("<"):
            raise _not_icalendar(
                "This looks like a web page (HTML or XML), not an iCalendar (.ics) file."
            )
        if first.upper().startswith("BEGIN:VCARD"):
            raise _not_icalendar("This is a contact card (vCard), not a calendar.")
        if first.count(",") >= 2 or first.count(";") >= 2 or "\t" in first:
            raise _not_icalendar(
                "This looks like a spreadsheet (CSV) export, not an iCalendar (.ics) file. "
                "Outlook's 'Comma Separated Values' export loses recurrences and attendees."
            )
        raise _not_icalendar(
            "The file does not start with BEGIN:VCALENDAR, so it is not an iCalendar file."
        )
    if last.upper() != "END:VCALENDAR":
        raise CalendarFileError(
            "truncated",
            "The file stops before its last line (END:VCALENDAR), so it has been cut short — "
            "usually an unfinished download or a copy that ran out of space.",
        )


def _not_icalendar(what: str) -> CalendarFileError:
    return CalendarFileError("not_icalendar", what)


def _parse(text: str) -> list[icalendar.Calendar]:
    try:
        with _PARSING:
            # icalendar keeps time zones built from VTIMEZONE blocks in one
            # process-wide cache, keyed by TZID, and the first definition wins.
            # Starting each file with an empty cache means this file's own
            # VTIMEZONE is used, and one upload cannot shift another's times.
            icalendar.use_zoneinfo()
            calendars = icalendar.Calendar.from_ical(text, multiple=True)
    except _LIBRARY_ERRORS as error:
        raise _unreadable(error) from error
    calendars = [calendar for calendar in calendars if calendar.name == "VCALENDAR"]
    if not calendars:
        raise CalendarFileError("unreadable", "No calendar was found in the file.")
    if not any(calendar.walk("VEVENT") for calendar in calendars):
        raise CalendarFileError(
            "no_events",
            "The calendar has no events in it (it may hold only tasks or time zones).",
        )
    return calendars


def _readable_events(
    calendars: list[icalendar.Calendar], errors: list[str], window_start: date, window_end: date
) -> list[icalendar.Event]:
    """Remove events that cannot be placed in time, with an error for each."""
    kept = []
    # recurring-ical-events expands every VEVENT, even one nested where it should not be.
    for parent in [component for calendar in calendars for component in calendar.walk()]:
        for event in [c for c in parent.subcomponents if c.name == "VEVENT"]:
            problem = _event_problem(event) or _rule_problem(event, window_start, window_end)
            if problem is None:
                kept.append(event)
                continue
            errors.append(_("'%(title)s' was skipped: %(problem)s.") % {
                "title": _text(event, "SUMMARY") or _("(no title)"), "problem": problem})
            parent.subcomponents[:] = [c for c in parent.subcomponents if c is not event]
    return kept


def _event_problem(event: icalendar.Event) -> str | None:
    broken = [f"{name} ({message})" for name, message in event.errors if name in _TIMING_PROPERTIES]
    if broken:
        return _("its %(properties)s could not be read") % {"properties": "; ".join(broken)}
    repeated = [name for name in _SINGLE_PROPERTIES if isinstance(event.get(name), list)]
    if repeated:
        return _("it has more than one %(repeated)s") % {"repeated": repeated[0]}
    if "DTSTART" not in event:
        return _("it has no start time")
    if not str(event.get("UID", "")).strip():
        return _("it has no UID, so it could not be told apart from other events on a later import")
    return None


def _rule_problem(event: icalendar.Event, window_start: date, window_end: date) -> str | None:
    """Why the event's repeat rules cannot safely be expanded, if they cannot.

    The expansion (dateutil, under recurring-ical-events) lists every
    occurrence from the first, and searches day by day up to the year 9999
    for a rule that never matches. So rules that calendar programs do not
    write for meetings are refused: repeating every hour or more often, an
    interval below 1, and daily or weekly rules with BYSETPOS or with two or
    more of BYMONTH, BYMONTHDAY, BYYEARDAY and BYWEEKNO (which may never
    match, as in "31 February"). The rest are bounded by their BYHOUR,
    BYMINUTE and BYSECOND times a day.
    """
    rules = event.get("RRULE", [])
    first = event.DTSTART
    first = first.date() if isinstance(first, datetime) else first
    in_window = steps = 0
    for rule in rules if isinstance(rules, list) else [rules]:
        frequency = str(rule.get("FREQ", ["DAILY"])[0]).upper()
        interval = int(rule.get("INTERVAL", [1])[0])
        if frequency in _SUB_DAILY:
            return _("it repeats every hour or more often, which is not a meeting")
        if interval < 1:
            return _("its repeat rule has an INTERVAL of %(interval)s, which never moves on") % {"interval": interval}
        parts = [part for part in _DATE_PARTS if part in rule]
        if frequency in ("DAILY", "WEEKLY") and ("BYSETPOS" in rule or len(parts) > 1):
            return _("its repeat rule is of a kind calendar programs do not write, so it was not expanded")
        per_day = 1 / interval if frequency == "DAILY" else 1
        for part in ("BYHOUR", "BYMINUTE", "BYSECOND"):
            per_day *= len(rule.get(part, [0]))
        limit = int(rule["COUNT"][0]) if "COUNT" in rule else float("inf")
        in_window += min(per_day * max((window_end - max(first, window_start)).days + 2, 0), limit)
        steps += min(per_day * max((window_end - first).days + 2, 0), limit)
    if in_window > MAX_SERIES_OCCURRENCES or steps > MAX_RULE_STEPS:
        return (
            _("its repeat rule gives up to %(int)s occurrences, far more than a meeting, so it was not expanded") % {"int": format(int(max(in_window, steps)), ",")}
        )
    return None


class _Reading:
    """Collects occurrences, cancelled keys and counts while expanding calendars."""

    def __init__(
        self,
        window_start: date,
        window_end: date,
        notes: list[str],
        errors: list[str],
        deadline: float,
    ):
        self.window_start, self.window_end, self.deadline = window_start, window_end, deadline
        self.notes, self.errors = notes, errors
        self.occurrences: list[MeetingOccurrence] = []
        self.cancelled: set[str] = set()
        self.seen_uids: set[str] = set()
        self.all_day: list[str] = []
        self.floating = 0
        self.resources: set[str] = set()
        self.count = 0

    def expand(self, calendar: icalendar.Calendar, limit: int, *, cancel_all: bool) -> None:
        """Add the occurrences of ``calendar`` inside the window."""
        series_uids = _series_uids(calendar)
        try:
            query = recurring_ical_events.of(calendar)
        except _LIBRARY_ERRORS as error:
            raise _unreadable(error) from error
        # One day of margin each side: the window is in UK dates, the query is not.
        span = (
            query.to_datetime(self.window_start - timedelta(days=1)),
            query.to_datetime(self.window_end + timedelta(days=1)),
        )
        for series in query.series:
            if time.monotonic() >= self.deadline:
                raise CalendarFileError(
                    "too_complex", "The calendar's repeating events took too long to work out."
                )
            components = []
            try:
                for occurrence in series.between(*span):
                    self.count += 1
                    if self.count > limit:
                        raise _too_many(limit)
                    components.append(occurrence.as_component(False))
            except CalendarFileError:
                raise
            except _LIBRARY_ERRORS as error:
                self.errors.append(
                    _("Event %(uid)s could not be expanded and was skipped (%(error)s).") % {"uid": series.uid, "error": error}
                )
            for component in components:
                try:
                    self._take(component, series_uids, cancel_all)
                except _LIBRARY_ERRORS as error:
                    self.errors.append(_("An occurrence of %(uid)s was skipped (%(error)s).") % {"uid": series.uid, "error": error})

    def _take(self, component: icalendar.Event, series_uids: set[str], cancel_all: bool) -> None:
        uid = str(component["UID"])
        start = component.DTSTART
        if not isinstance(start, datetime):
            if self.window_start <= start < self.window_end:
                self.seen_uids.add(uid)
                self.all_day.append(_text(component, "SUMMARY"))
            return
        occurrence = self._occurrence(component, uid, uid in series_uids)
        if not self.window_start <= occurrence.start.date() < self.window_end:
            return
        self.seen_uids.add(uid)
        if cancel_all or occurrence.status == "CANCELLED":
            self.cancelled.add(occurrence.occurrence_key)
        else:
            self.occurrences.append(occurrence)

    def _occurrence(
        self, component: icalendar.Event, uid: str, in_series: bool
    ) -> MeetingOccurrence:
        start, end = component.DTSTART, component.end
        if start.tzinfo is None:
            self.floating += 1
            start, end = start.replace(tzinfo=LONDON), end.replace(tzinfo=LONDON)
        recurrence_id = None
        key = uid
        if in_series:
            recurrence_id = _as_utc(
                component.get("RECURRENCE-ID").dt if "RECURRENCE-ID" in component else start
            )
            key = f"{uid}/{recurrence_id:%Y%m%dT%H%M%SZ}"
        attendees = self._attendees(component)
        organiser = _first(component.get("ORGANIZER"))
        if organiser is not None and not self._is_person(organiser):
            organiser = None  # a shared calendar organises nothing in person
        return MeetingOccurrence(
            uid=uid,
            occurrence_key=key,
            recurrence_id=recurrence_id,
            summary=_text(component, "SUMMARY"),
            start=start.astimezone(LONDON),
            end=end.astimezone(LONDON),
            start_utc=start.astimezone(UTC),
            end_utc=end.astimezone(UTC),
            duration_minutes=int((end - start).total_seconds() // 60),
            organiser_email=_email(organiser) if organiser else "",
            organiser_name=str(organiser.params.get("CN", "")) if organiser else "",
            attendees=attendees,
            location=_text(component, "LOCATION"),
            status=_text(component, "STATUS").upper(),
        )

    def _attendees(self, component: icalendar.Event) -> tuple[CalendarAttendee, ...]:
        listed = component.get("ATTENDEE", [])
        listed = listed if isinstance(listed, list) else [listed]
        people: dict[str, CalendarAttendee] = {}
        for address in listed:
            params = address.params
            if not self._is_person(address):
                continue
            person = CalendarAttendee(
                email=_email(address),
                name=str(params.get("CN", "")).strip(),
                role=str(params.get("ROLE", "REQ-PARTICIPANT")).upper(),
                partstat=str(params.get("PARTSTAT", "NEEDS-ACTION")).upper(),
            )
            people.setdefault(person.email or person.name, person)
        return tuple(people.values())

    def _is_person(self, address: icalendar.vCalAddress) -> bool:
        """False for a room, resource or group calendar, which is noted instead."""
        kind = str(address.params.get("CUTYPE", "")).upper()
        email = _email(address)
        if kind in _RESOURCE_TYPES or (email and _NOT_A_PERSON.search(email)):
            self.resources.add(email or str(address.params.get("CN", "")))
            return False
        return True

    def summarise(self, events: list[icalendar.Event]) -> None:
        """Add the notes on what was read and what was left out."""
        outside = {str(event["UID"]) for event in events} - self.seen_uids
        self.notes.append(ngettext(
            "Read %(count)s meeting starting from %(start)s up to (not including) %(end)s.",
            "Read %(count)s meetings starting from %(start)s up to (not including) %(end)s.",
            len(self.occurrences),
        ) % {"count": len(self.occurrences), "start": _day(self.window_start), "end": _day(self.window_end)})
        titles = ", ".join(sorted(set(self.all_day))[:3])
        counts = [
            (len(outside), ngettext_lazy("%(count)s event was outside these dates and left out.",
                                         "%(count)s events were outside these dates and left out.", "count")),
            (len(self.cancelled), ngettext_lazy("%(count)s cancelled meeting was left out.",
                                                "%(count)s cancelled meetings were left out.", "count")),
            (
                len(self.all_day),
                ngettext_lazy(
                    "%(count)s all-day event was ignored (all-day entries are usually leave, deadlines or "
                    "reminders, not meetings): %(titles)s.",
                    "%(count)s all-day events were ignored (all-day entries are usually leave, deadlines or "
                    "reminders, not meetings): %(titles)s.", "count"),
            ),
            (self.floating, ngettext_lazy(
                "%(count)s meeting was without a time zone; the times were read as UK time.",
                "%(count)s meetings were without a time zone; the times were read as UK time.", "count")),
            (
                len(self.resources),
                ngettext_lazy(
                    "%(count)s room, resource or group calendar was left out of the attendees (rooms and "
                    "shared calendars are not people).",
                    "%(count)s room, resource or group calendars were left out of the attendees (rooms and "
                    "shared calendars are not people).", "count"),
            ),
        ]
        self.notes.extend(message % {"count": number, "titles": titles} for number, message in counts if number)


def _series_uids(calendar: icalendar.Calendar) -> set[str]:
    return {
        str(event["UID"])
        for event in calendar.walk("VEVENT")
        if {"RRULE", "RDATE", "RECURRENCE-ID"} & set(event.keys())
    }


def _first(value):
    """The first of a property given more than once (damaged files), else the property."""
    return value[0] if isinstance(value, list) and value else value


def _text(component: icalendar.Component, name: str) -> str:
    return str(_first(component.get(name, ""))).strip()


def _unreadable(error: Exception) -> CalendarFileError:
    return CalendarFileError(
        "unreadable", _("The file could not be read as iCalendar (%(error)s).") % {"error": str(error)[:120]}
    )


def _as_utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=LONDON)
    return moment.astimezone(UTC)


def _email(address: icalendar.vCalAddress) -> str:
    value = str(address).strip()
    if value.lower().startswith("mailto:"):
        value = value[7:]
    return value.lower() if "@" in value else ""


def _too_many(limit: int) -> CalendarFileError:
    return CalendarFileError(
        "too_many_occurrences",
        _("The calendar has more than %(limit)s meetings in the date range, more than can be checked in one go.") % {"limit": format(limit, ",")},
    )


def _day(day: date) -> str:
    return long_date(day)


def _years_from(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year + years, day=28)
