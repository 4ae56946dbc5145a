from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from joinedup.meetings.calendar_import import (
    LONDON,
    CalendarAttendee,
    CalendarFileError,
    decode_calendar_bytes,
    default_window,
    read_calendar,
)

FILES = Path(__file__).parent / "files"
TODAY = date(2026, 11, 20)
HUDDLE_UID = (
    "040000008200E00074C5B7101A82E008000000004A3F1C2B8D9ADC01000000000000000"
    "01000000096E1A4E1F2C3B54A8F0D1E2C3B4A5968"
)
BOARD_UID = (
    "040000008200E00074C5B7101A82E00800000000C0FFEE1122334455000000000000000"
    "0100000002B7D4C3E1F0A9B8C7D6E5F4A3B2C1D0E"
)
BCF_UID = "5q8c3nd2r7k1v0m4b6h9j2l3ps@google.com"


def read(name, **kwargs):
    return read_calendar((FILES / name).read_bytes(), today=TODAY, **kwargs)


def by_summary(result, summary):
    return [o for o in result.occurrences if o.summary == summary]


def local(*args):
    return datetime(*args, tzinfo=LONDON)


def utc(*args):
    return datetime(*args, tzinfo=UTC)


# --- Outlook -------------------------------------------------------------


def test_it_reads_an_outlook_export():
    result = read("outlook.ics")
    assert len(result.occurrences) == 34  # 33 huddles + 1 board
    assert result.report.producer == "-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN"
    assert result.report.encoding == "utf-8"
    assert result.report.errors == ()


def test_it_expands_an_outlook_weekly_series_without_its_deleted_instance():
    huddles = by_summary(read("outlook.ics"), "Integrated discharge huddle")
    # COUNT=34 Tuesdays from 17 March to 3 November, less the EXDATE of 26 May
    assert len(huddles) == 33
    assert local(2026, 5, 26, 10) not in [h.start for h in huddles]
    assert huddles[0].start == local(2026, 3, 17, 10)
    assert huddles[-1].start == local(2026, 11, 3, 10)
    assert {h.uid for h in huddles} == {HUDDLE_UID}  # the folded UID is unfolded
    assert {h.duration_minutes for h in huddles} == {30}


def test_it_keeps_a_10am_meeting_at_10am_across_both_clock_changes():
    # "GMT Standard Time" VTIMEZONE: clocks go forward on 29 March and back on 25 October 2026
    huddles = {
        h.start.date(): h for h in by_summary(read("outlook.ics"), "Integrated discharge huddle")
    }
    expected = {
        date(2026, 3, 24): utc(2026, 3, 24, 10),  # GMT
        date(2026, 3, 31): utc(2026, 3, 31, 9),  # BST
        date(2026, 10, 20): utc(2026, 10, 20, 9),  # BST
        date(2026, 10, 27): utc(2026, 10, 27, 10),  # GMT again
    }
    for day, start_utc in expected.items():
        assert (huddles[day].start.hour, huddles[day].start.minute) == (10, 0)
        assert huddles[day].start_utc == start_utc
        assert huddles[day].start_utc.tzinfo == UTC


def test_it_reads_outlook_attendees_but_not_the_meeting_room():
    (board,) = by_summary(read("outlook.ics"), "Discharge to Assess partnership board")
    assert board.occurrence_key == BOARD_UID  # a one-off event is keyed by its UID
    assert board.recurrence_id is None
    assert board.start == local(2026, 10, 6, 13)
    assert board.end == local(2026, 10, 6, 15)
    assert board.duration_minutes == 120
    assert board.location == "Room 2.14, Civic Centre"
    assert board.organiser_email == "alex.fictional@example.org"
    assert board.organiser_name == "Alex Fictional"
    assert board.attendees == (
        CalendarAttendee("alex.fictional@example.org", "Alex Fictional", "CHAIR", "ACCEPTED"),
        CalendarAttendee(
            "priya.example@example.org", "Priya Example", "REQ-PARTICIPANT", "ACCEPTED"
        ),
        CalendarAttendee(
            "jordan.sample-smith@example.org", "Jordan Sample-Smith", "REQ-PARTICIPANT", "DECLINED"
        ),
        CalendarAttendee(
            "robin.testcase@example.org", "Dr Robin Testcase", "OPT-PARTICIPANT", "TENTATIVE"
        ),
    )
    # the organiser and everyone who has not declined
    assert board.expected_emails == (
        "alex.fictional@example.org",
        "priya.example@example.org",
        "robin.testcase@example.org",
    )


def test_it_counts_the_organiser_when_outlook_does_not_list_them_as_an_attendee():
    huddle = by_summary(read("outlook.ics"), "Integrated discharge huddle")[0]
    assert [a.email for a in huddle.attendees] == [
        "priya.example@example.org",
        "jordan.sample-smith@example.org",
    ]
    assert huddle.expected_emails[0] == "alex.fictional@example.org"


def test_it_drops_an_outlook_cancelled_meeting_with_a_note():
    result = read("outlook.ics")
    assert not by_summary(result, "Canceled: Frailty pathway workshop")
    assert len(result.cancelled_keys) == 1
    assert result.cancelled_keys[0].startswith("040000008200E00074C5B7101A82E00800000000DEADBEEF")
    assert result.report.notes == (
        "Read 34 meetings starting from 20 November 2024 up to (not including) 20 November 2027.",
        "1 cancelled meeting was left out.",
        "1 room, resource or group calendar was left out of the attendees (rooms and shared calendars are not people).",
    )


# --- Google --------------------------------------------------------------


def test_it_expands_a_google_monthly_series_that_never_ends_only_inside_the_window():
    boards = [o for o in read("google.ics").occurrences if o.uid == BCF_UID]
    # second Tuesdays from January 2026 to 9 November 2027 (the window ends 20 November 2027):
    # 23 months, less the EXDATE (11 August 2026) and the cancelled 9 June 2026
    assert len(boards) == 21
    days = [b.start.date() for b in boards]
    assert date(2026, 8, 11) not in days
    assert date(2026, 6, 9) not in days
    assert days[-1] == date(2027, 11, 9)


def test_it_uses_a_moved_google_instance_and_keeps_its_original_key():
    result = read("google.ics")
    (moved,) = by_summary(result, "Better Care Fund partnership board (moved)")
    assert moved.start == local(2026, 4, 14, 15)  # moved from 14:00 to 15:00 BST
    assert moved.start_utc == utc(2026, 4, 14, 14)
    assert moved.recurrence_id == utc(2026, 4, 14, 13)  # 14:00 BST, the original start
    assert moved.occurrence_key == f"{BCF_UID}/20260414T130000Z"
    assert [o.start for o in result.occurrences if o.start.date() == date(2026, 4, 14)] == [
        local(2026, 4, 14, 15)
    ]


def test_it_lists_a_cancelled_google_instance_as_cancelled():
    result = read("google.ics")
    assert result.cancelled_keys == (f"{BCF_UID}/20260609T130000Z",)
    assert "1 cancelled meeting was left out." in result.report.notes


def test_it_reads_google_attendees_and_lowercases_their_addresses():
    result = read("google.ics")
    board = [o for o in result.occurrences if o.uid == BCF_UID][0]
    assert [a.email for a in board.attendees] == [
        "morgan.placeholder@example.org",
        "sam.sample@example.org",
        "casey.demo@example.org",  # mailto:Casey.Demo@Example.org
    ]
    assert board.status == "CONFIRMED"
    (concordat,) = by_summary(result, "Mental health crisis concordat – task and finish group")
    assert [a.email for a in concordat.attendees] == ["sam.sample@example.org"]  # not the room


def test_it_converts_a_google_utc_time_to_uk_time():
    (concordat,) = by_summary(
        read("google.ics"), "Mental health crisis concordat – task and finish group"
    )
    assert concordat.start == local(2026, 10, 15, 10)  # 09:00Z is 10:00 BST
    assert concordat.duration_minutes == 90


# --- Apple ---------------------------------------------------------------


def test_it_reads_an_apple_weekly_series_that_ends_in_utc():
    result = read("apple.ics")
    groups = by_summary(result, "Carers' voice steering group")
    # UNTIL=20261028T235959Z: 7, 14, 21 and 28 October
    assert [g.start for g in groups] == [
        local(2026, 10, 7, 9),
        local(2026, 10, 14, 9),
        local(2026, 10, 21, 9),
        local(2026, 10, 28, 9),
    ]
    # the clocks went back on 25 October: 09:00 BST is 08:00Z, 09:00 GMT is 09:00Z
    assert [g.start_utc.hour for g in groups] == [8, 8, 8, 9]
    assert groups[0].attendees[0] == CalendarAttendee(
        "sam.sample@example.org", "Sam Sample", "CHAIR", "ACCEPTED"
    )


def test_it_ignores_all_day_events_and_events_outside_the_window_with_notes():
    result = read("apple.ics")
    assert len(result.occurrences) == 4
    assert result.report.notes == (
        "Read 4 meetings starting from 20 November 2024 up to (not including) 20 November 2027.",
        "1 event was outside these dates and left out.",  # the 2023 away day
        "1 all-day event was ignored (all-day entries are usually leave, deadlines or "
        "reminders, not meetings): Annual leave.",
    )


# --- Windows and idempotency ----------------------------------------------


def test_it_defaults_to_two_years_back_and_one_year_ahead():
    assert default_window(TODAY) == (date(2024, 11, 20), date(2027, 11, 20))
    assert default_window(date(2028, 2, 29)) == (date(2026, 2, 28), date(2029, 2, 28))


def test_it_includes_the_first_day_of_the_window_but_not_the_last():
    result = read("google.ics", window_start=date(2026, 3, 10), window_end=date(2026, 5, 12))
    assert [o.start for o in result.occurrences] == [
        local(2026, 3, 10, 14),
        local(2026, 4, 14, 15),
    ]


def test_it_gives_the_same_keys_on_a_second_import():
    for name in ("outlook.ics", "google.ics", "apple.ics"):
        first, second = read(name), read(name)
        keys = [o.occurrence_key for o in first.occurrences]
        assert keys == [o.occurrence_key for o in second.occurrences]
        assert len(set(keys)) == len(keys)


def test_it_gives_the_same_keys_when_imported_later_with_a_different_window():
    now = {o.occurrence_key: o.start for o in read("google.ics").occurrences}
    later = read_calendar((FILES / "google.ics").read_bytes(), today=date(2027, 3, 1))
    overlap = {o.occurrence_key: o.start for o in later.occurrences if o.occurrence_key in now}
    # the later window (1 March 2025 to 1 March 2028) still holds all 22 meetings
    assert len(overlap) == 22
    assert all(now[key] == start for key, start in overlap.items())


def test_it_keeps_the_key_of_a_one_off_meeting_that_was_moved():
    data = (FILES / "outlook.ics").read_bytes()
    moved = data.replace(b":20261006T130000", b":20261008T140000").replace(
        b":20261006T150000", b":20261008T160000"
    )
    (board,) = by_summary(
        read_calendar(moved, today=TODAY), "Discharge to Assess partnership board"
    )
    assert board.start == local(2026, 10, 8, 14)
    assert board.occurrence_key == BOARD_UID


def test_it_uses_each_files_own_time_zone_definition():
    outlook = (FILES / "outlook.ics").read_bytes()
    wrong = outlook.replace(b"TZOFFSETTO:+0100", b"TZOFFSETTO:+0500").replace(
        b"TZOFFSETFROM:+0100", b"TZOFFSETFROM:+0500"
    )
    odd = read_calendar(wrong, today=TODAY)
    assert odd.occurrences[2].start_utc == utc(2026, 3, 31, 5)  # 10:00 at +05:00, as the file says
    # a later upload with the real definition is not affected by the earlier one
    assert read_calendar(outlook, today=TODAY).occurrences[2].start_utc == utc(2026, 3, 31, 9)


# --- Broken files ----------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "problem", "message"),
    [
        ("empty.ics", "empty", "The file is empty. Export the calendar again"),
        ("truncated.ics", "truncated", r"stops before its last line \(END:VCALENDAR\)"),
        ("spreadsheet.ics", "not_icalendar", r"looks like a spreadsheet \(CSV\) export"),
        ("no-events.ics", "no_events", "The calendar has no events in it"),
    ],
)
def test_it_explains_what_is_wrong_with_a_broken_file(name, problem, message):
    with pytest.raises(CalendarFileError, match=message) as raised:
        read(name)
    assert raised.value.problem == problem


def test_it_skips_an_event_that_repeats_every_minute_with_an_error():
    result = read("every-minute.ics")  # FREQ=MINUTELY with no end
    assert result.occurrences == ()
    assert result.report.errors == (
        "'Check the shared inbox' was skipped: it repeats every hour or more often, "
        "which is not a meeting.",
    )


def test_it_expands_a_meeting_held_several_times_a_day():
    bed_meeting = [
        "UID:beds@example.org",
        "DTSTART;TZID=Europe/London:20260105T083000",
        "DURATION:PT15M",
        "RRULE:FREQ=DAILY;BYHOUR=8,12,16;BYMINUTE=30",
        "SUMMARY:Bed meeting",
    ]
    result = read_calendar(calendar(bed_meeting), today=TODAY)
    # 3 a day from 5 January 2026 up to 19 November 2027: 684 days x 3
    assert len(result.occurrences) == 684 * 3
    assert result.report.errors == ()


def test_it_does_not_expand_a_rule_with_too_many_times_a_day():
    every_hour = [
        "UID:h@example.org",
        "DTSTART:20260105T000000Z",
        "RRULE:FREQ=DAILY;BYHOUR=" + ",".join(str(hour) for hour in range(24)),
        "SUMMARY:Every hour",
    ]
    result = read_calendar(calendar(every_hour), today=TODAY)
    # 24 a day from 5 January 2026 to 20 November 2027: 684 days, plus a day each side
    assert result.report.errors == (
        "'Every hour' was skipped: its repeat rule gives up to 16,464 occurrences, far more "
        "than a meeting, so it was not expanded.",
    )


def test_it_does_not_expand_a_daily_rule_that_can_never_match():
    # "every day that is the 31st of February": the expansion would search to the year 9999
    never = [
        "UID:n@example.org",
        "DTSTART:20260105T090000Z",
        "RRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=31",
        "SUMMARY:Never",
    ]
    result = read_calendar(calendar(GOOD, never), today=TODAY)
    assert [o.summary for o in result.occurrences] == ["Good"]
    assert result.report.errors == (
        "'Never' was skipped: its repeat rule is of a kind calendar programs do not write, "
        "so it was not expanded.",
    )


def test_it_stops_when_expanding_takes_too_long():
    with pytest.raises(CalendarFileError, match="took too long to work out") as raised:
        read("google.ics", max_seconds=0)
    assert raised.value.problem == "too_complex"


def test_it_does_not_expand_an_hourly_rule_or_one_from_long_ago():
    hourly = [
        "UID:h@example.org",
        "DTSTART:20260105T083000Z",
        "RRULE:FREQ=HOURLY",
        "SUMMARY:Hourly",
    ]
    ancient = [
        "UID:a@example.org",
        "DTSTART:10000105T083000Z",
        "RRULE:FREQ=DAILY",
        "SUMMARY:Ancient",
    ]
    result = read_calendar(calendar(GOOD, hourly, ancient), today=TODAY)
    assert [o.summary for o in result.occurrences] == ["Good"]
    assert [error.split(":")[0] for error in result.report.errors] == [
        "'Hourly' was skipped",
        "'Ancient' was skipped",
    ]


def test_it_refuses_a_file_with_more_meetings_than_the_limit():
    with pytest.raises(
        CalendarFileError, match="more than 20 meetings in the date range"
    ) as raised:
        read("google.ics", max_occurrences=20)
    assert raised.value.problem == "too_many_occurrences"
    assert "Export only the partnership's calendar or a shorter date range" in str(raised.value)


def test_it_reads_a_utf16_file_with_a_note():
    result = read("utf16.ics")
    assert result.report.encoding == "UTF-16"
    assert result.report.notes[0] == (
        "The file was not in UTF-8; it was read as UTF-16. Check that names with accents "
        "or dashes look right."
    )
    (meeting,) = result.occurrences
    assert meeting.summary == "Dementia-friendly café network – quarterly review"
    assert meeting.attendees[0].name == "Renée Exemplar"


def test_it_reads_a_utf16_file_without_a_byte_order_mark():
    data = (FILES / "google.ics").read_bytes().decode("utf-8").encode("utf-16-le")
    result = read_calendar(data, today=TODAY)
    assert result.report.encoding == "UTF-16"
    assert len(result.occurrences) == 22


def test_it_reads_a_windows_1252_file_with_a_note():
    result = read("windows-1252.ics")
    assert result.report.encoding == "Windows-1252"
    assert "it was read as Windows-1252" in result.report.notes[0]
    assert result.occurrences[0].summary == "Dementia-friendly café network – quarterly review"


def test_it_says_when_the_encoding_cannot_be_worked_out():
    with pytest.raises(CalendarFileError, match="text encoding could not be worked out") as raised:
        decode_calendar_bytes(bytes(range(256)) * 3)
    assert raised.value.problem == "encoding"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "This looks like a PDF document"),
        (
            b"PK\x03\x04\x14\x00\x06\x00",
            r"This looks like a ZIP, Word or Excel file \(Google Calendar exports a .zip: unzip it first\)",
        ),
        (b"<!DOCTYPE html><html><body>Calendar</body></html>", r"looks like a web page"),
        (b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Sam Sample\r\nEND:VCARD\r\n", "contact card"),
        (b"Meeting notes from Tuesday\r\n", "does not start with BEGIN:VCALENDAR"),
    ],
)
def test_it_says_an_upload_is_not_a_calendar(data, message):
    with pytest.raises(CalendarFileError, match=message) as raised:
        read_calendar(data, today=TODAY)
    assert raised.value.problem == "not_icalendar"
    assert "Upload the calendar exported as an .ics file" in str(raised.value)


def test_it_refuses_a_file_over_the_size_limit():
    with pytest.raises(CalendarFileError, match="Export a shorter date range") as raised:
        read("outlook.ics", max_bytes=1024)
    assert raised.value.problem == "too_large"


def calendar(*events, method=""):
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Example//Test//EN"]
    lines += [f"METHOD:{method}"] if method else []
    for event in events:
        lines += ["BEGIN:VEVENT", "DTSTAMP:20261120T090000Z", *event, "END:VEVENT"]
    return ("\r\n".join([*lines, "END:VCALENDAR", ""])).encode()


GOOD = [
    "UID:good@example.org",
    "DTSTART:20260601T090000Z",
    "DTEND:20260601T100000Z",
    "SUMMARY:Good",
]


def test_it_skips_an_event_whose_start_cannot_be_read_and_keeps_the_rest():
    data = calendar(GOOD, ["UID:bad@example.org", "DTSTART:2026XX", "SUMMARY:Bad start"])
    result = read_calendar(data, today=TODAY)
    assert [o.summary for o in result.occurrences] == ["Good"]
    assert result.report.errors == (
        "'Bad start' was skipped: its DTSTART (Expected time, got: 2026XX) could not be read.",
    )


def test_it_skips_an_event_without_a_uid():
    data = calendar(GOOD, ["DTSTART:20260602T090000Z", "SUMMARY:No UID"])
    result = read_calendar(data, today=TODAY)
    assert len(result.occurrences) == 1
    assert result.report.errors[0].startswith("'No UID' was skipped: it has no UID")


def test_it_reads_a_time_without_a_zone_as_uk_time():
    data = calendar(
        ["UID:floating@example.org", "DTSTART:20260701T093000", "DURATION:PT45M", "SUMMARY:Local"]
    )
    (meeting,) = read_calendar(data, today=TODAY).occurrences
    assert meeting.start == local(2026, 7, 1, 9, 30)
    assert meeting.start_utc == utc(2026, 7, 1, 8, 30)
    assert meeting.duration_minutes == 45
    result = read_calendar(data, today=TODAY)
    assert (
        "1 meeting was without a time zone; the times were read as UK time." in result.report.notes
    )


def test_it_treats_a_cancellation_notice_as_cancelling_its_meetings():
    result = read_calendar(calendar(GOOD, method="CANCEL"), today=TODAY)
    assert result.occurrences == ()
    assert result.cancelled_keys == ("good@example.org",)
    assert result.report.notes[0].startswith("The file is a cancellation notice (METHOD:CANCEL)")


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=400))
def test_it_never_fails_on_random_bytes_with_anything_but_a_plain_error(data):
    try:
        read_calendar(data, today=TODAY)
    except CalendarFileError as error:
        assert str(error)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.text(max_size=40), max_size=8))
def test_it_never_fails_on_damaged_calendar_lines_with_anything_but_a_plain_error(lines):
    data = "\r\n".join(
        ["BEGIN:VCALENDAR", "BEGIN:VEVENT", "UID:x", *lines, "END:VEVENT", "END:VCALENDAR"]
    )
    try:
        read_calendar(data.encode("utf-8", "surrogatepass"), today=TODAY)
    except CalendarFileError as error:
        assert str(error)


# --- Real exports that once misled (issue 13) -------------------------------


def test_it_reads_an_icloud_export_whose_zone_has_a_local_mean_time_offset_with_a_note():
    result = read("icloud-lmt.ics")
    (steering,) = by_summary(result, "Carers' voice steering group")
    assert steering.start == local(2026, 9, 15, 10)
    (call,) = by_summary(result, "Learning call with the Pune community health team")
    assert call.start_utc == utc(2026, 10, 6, 10)  # 15:30 in Kolkata, UTC+05:30
    note = next(n for n in result.report.notes if "local-mean-time" in n)
    assert "+5328" in note and "no meeting's time is affected" in note
    assert "-000115" not in note  # a valid offset with seconds is left alone


def test_it_reads_outlook_web_windows_zone_names_as_their_own_zones():
    result = read("outlook-web.ics")
    (board,) = by_summary(result, "Home First board")
    assert board.start == local(2026, 7, 8, 10)  # "GMT Standard Time" is UK time
    (exchange,) = by_summary(result, "Learning exchange with Seattle King County")
    assert exchange.start_utc == utc(2026, 7, 9, 15)  # 08:00 Pacific daylight time
    assert exchange.start == local(2026, 7, 9, 16)


def test_it_treats_a_reply_as_a_reply_not_a_meeting():
    result = read("reply.ics")
    assert result.occurrences == () and result.cancelled_keys == ()
    assert result.report.notes[0].startswith("The file is a reply to an invitation (METHOD:REPLY)")
    assert not any("outside these dates" in note for note in result.report.notes)


def test_it_does_not_offer_rooms_groups_or_shared_calendars_as_people():
    result = read("google-shared.ics")
    huddles = by_summary(result, "Home First discharge huddle")
    emails = {a.email for o in huddles for a in o.attendees} | {o.organiser_email for o in huddles}
    assert emails == {"alex.fictional@example.org", "sam.sample@example.org", "jordan.example@example.org", ""}
    assert huddles[0].organiser_email == ""  # the shared calendar organises nothing in person
    assert result.report.notes[-1] == (
        "3 room, resource or group calendars were left out of the attendees "
        "(rooms and shared calendars are not people)."
    )
