"""The calendar import through its pages: upload → preview → confirm, with
the Outlook, Google and Apple exports and the broken files."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

from joinedup.meetings import imports
from joinedup.meetings.calendar_import import read_calendar
from joinedup.meetings.models import Attendance, Meeting
from joinedup.organisations.models import Person

from .factories import person

FILES = Path(__file__).parent / "files"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def upload(client, workspace, name, partnership=None):
    target = reverse("meetings:import_upload", args=[workspace.slug])
    if partnership is not None:
        target += f"?partnership={partnership.pk}"
    with open(FILES / name, "rb") as handle:
        return client.post(target, {"file": handle})


def choices(page, partnership, create=True):
    """Every event to the partnership, every unknown attendee created."""
    html = page.content.decode()
    data = {"preparation_minutes": "30", "travel_minutes": "0", "confirm": "1"}
    data.update(re.findall(r'<input type="hidden" name="(on_page)" value="(\d+)">', html))
    for name in set(re.findall(r'name="(series_\d+)"', html)):
        data[name] = str(partnership.pk)
    for name in set(re.findall(r'name="(create_\d+)"', html)):
        if create:
            data[name] = "on"
    return data


def occurrences(name, partnership):
    """The meetings read in the import's own dates: the partnership's start to today."""
    from django.utils import timezone

    start, end = imports.import_window(timezone.localdate(), partnership)
    found = read_calendar((FILES / name).read_bytes(), today=timezone.localdate(), window_start=start, window_end=end)
    return len(found.occurrences)


@pytest.mark.parametrize("name", ["outlook.ics", "google.ics", "apple.ics"])
def test_it_imports_each_kind_of_export_after_a_preview_and_is_idempotent(client, editor, workspace, partnership, name):
    client.force_login(editor)
    response = upload(client, workspace, name, partnership)
    assert response.status_code == 302
    preview = client.get(response["Location"])
    assert preview.status_code == 200 and "Check the import" in preview.content.decode()
    assert not Meeting.objects.exists() and not Person.objects.exists()  # nothing written before confirm
    confirmed = client.post(response["Location"], choices(preview, partnership))
    expected = occurrences(name, partnership)
    assert expected > 0
    assert Meeting.objects.filter(partnership=partnership).count() == expected
    assert confirmed["Location"] == reverse("meetings:ledger", args=[workspace.slug, partnership.pk])
    assert Attendance.objects.exists() and Person.objects.exists()
    assert not list((Path(imports.settings.MEDIA_ROOT) / "imports").rglob("*.ics"))

    again = upload(client, workspace, name, partnership)
    preview = client.get(again["Location"])
    assert f"{expected} {'was' if expected == 1 else 'were'} imported before" in preview.content.decode()
    client.post(again["Location"], choices(preview, partnership))
    assert Meeting.objects.count() == expected
    people = Person.objects.count()
    assert people == len(set(Person.objects.values_list("email", flat=True)))


def test_it_matches_attendees_by_email_and_creates_only_the_ticked_unknown_ones(client, editor, workspace, partnership):
    alex = person(workspace, "Alex Fictional", "AfC 8a", email="Alex.Fictional@example.org")
    client.force_login(editor)
    response = upload(client, workspace, "outlook.ics", partnership)
    preview = client.get(response["Location"])
    html = preview.content.decode()
    assert "Matched to people by e-mail: Alex Fictional" in html
    assert "priya.example@example.org" in html  # an unknown attendee, offered for creation
    client.post(response["Location"], choices(preview, partnership, create=False))
    assert list(Person.objects.values_list("name", flat=True)) == ["Alex Fictional"]
    assert Attendance.objects.filter(person=alex).count() == Meeting.objects.count()


def test_it_shows_cancelled_and_all_day_events_with_notes(client, editor, workspace, partnership):
    client.force_login(editor)
    html = client.get(upload(client, workspace, "apple.ics", partnership)["Location"]).content.decode()
    assert "all-day event" in html and "Annual leave" in html
    html = client.get(upload(client, workspace, "outlook.ics", partnership)["Location"]).content.decode()
    assert "cancelled meeting" in html


def test_it_suggests_the_partnership_whose_name_matches_the_event(workspace, partnership):
    from joinedup.partnerships.models import Partnership

    bcf = Partnership.objects.create(workspace=workspace, name="Better Care Fund pooled budget", form="pooled_budget")
    assert imports.match_partnership("Better Care Fund partnership board", [partnership, bcf]) == bcf
    assert imports.match_partnership("Annual leave", [partnership, bcf]) is None


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("empty.ics", "The file is empty."),
        ("truncated.ics", "stops before its last line (END:VCALENDAR)"),
        ("spreadsheet.ics", "looks like a spreadsheet (CSV) export"),
        ("no-events.ics", "The calendar has no events in it"),
    ],
)
def test_a_broken_file_gets_a_clear_message_and_nothing_is_written(client, editor, workspace, partnership, name, message, media_root):
    client.force_login(editor)
    response = upload(client, workspace, name, partnership)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert response.content.decode().startswith("<!DOCTYPE html>") and "Error: Import meetings" in response.content.decode()
    assert not Meeting.objects.exists()
    assert not Path(media_root).exists() or not list(Path(media_root).rglob("*.ics"))


def test_the_import_is_all_or_nothing(client, editor, workspace, partnership, monkeypatch):
    client.force_login(editor)
    response = upload(client, workspace, "google.ics", partnership)
    preview = client.get(response["Location"])

    def fail(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(Attendance.objects, "bulk_create", fail)
    client.raise_request_exception = True
    with pytest.raises(RuntimeError):
        client.post(response["Location"], choices(preview, partnership))
    assert not Meeting.objects.exists() and not Person.objects.exists()


def test_cancelling_discards_the_upload(client, editor, workspace, partnership, media_root):
    client.force_login(editor)
    response = upload(client, workspace, "google.ics", partnership)
    client.post(response["Location"], {"cancel": "1"})
    assert not list(Path(media_root).rglob("*.ics"))
    assert client.get(response["Location"]).status_code == 404


def test_another_users_upload_cannot_be_seen(client, editor, owner, workspace, partnership):
    client.force_login(editor)
    response = upload(client, workspace, "google.ics", partnership)
    client.force_login(owner)
    assert client.get(response["Location"]).status_code == 404
    assert client.post(response["Location"], {"confirm": "1"}).status_code == 404


# --- The dates, planned meetings and big files (issue 13) -------------------


def calendar_of(events):
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN",
             "METHOD:PUBLISH"]
    for uid, title, start in events:
        lines += ["BEGIN:VEVENT", f"UID:{uid}", "DTSTAMP:20261120T090000Z", f"SUMMARY:{title}",
                  f"DTSTART;TZID=Europe/London:{start:%Y%m%dT%H%M%S}", "DURATION:PT1H",
                  "ORGANIZER;CN=Alex Fictional:mailto:alex.fictional@example.org", "END:VEVENT"]
    return ("\r\n".join([*lines, "END:VCALENDAR"]) + "\r\n").encode()


def upload_bytes(client, workspace, content, partnership=None, name="export.ics"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    target = reverse("meetings:import_upload", args=[workspace.slug])
    if partnership is not None:
        target += f"?partnership={partnership.pk}"
    return client.post(target, {"file": SimpleUploadedFile(name, content, "text/calendar")})


def test_it_reads_from_the_partnerships_start_to_today_and_the_user_can_choose_other_dates(
    client, editor, workspace, partnership,
):
    from datetime import datetime, timedelta

    from django.utils import timezone

    from joinedup.meetings.ledger import partnership_ledger

    today = timezone.localdate()
    events = [
        ("before-start", "Home First set-up", datetime(2021, 6, 1, 10)),  # before the start, 1 April 2022
        ("held", "Home First board", datetime(2023, 6, 1, 10)),
        ("ahead", "Home First board", datetime.combine(today + timedelta(days=30), datetime.min.time()).replace(hour=10)),
    ]
    client.force_login(editor)
    preview_url = upload_bytes(client, workspace, calendar_of(events), partnership)["Location"]
    html = client.get(preview_url).content.decode()
    assert "From 1 April 2022 to " in html and "the file holds 1 meeting " in html
    # GOV.UK date inputs: day, month and year boxes.
    boxes = dict(re.findall(r'name="(window_\w+)" [^>]*value="(\d*)"', html))
    assert [boxes[f"window_from_{part}"] for part in ("day", "month", "year")] == ["1", "4", "2022"]
    assert [boxes[f"window_to_{part}"] for part in ("day", "month", "year")] == [str(today.day), str(today.month), str(today.year)]

    later = today + timedelta(days=90)
    response = client.post(preview_url, {"window": "1", "window_from": "2021-01-01", "window_to": f"{later:%Y-%m-%d}"})
    assert response.status_code == 302
    html = client.get(preview_url).content.decode()
    assert "the file holds 3 meetings" in html and "1 is after today and will come in as planned meetings" in html
    page = client.get(preview_url)
    client.post(preview_url, choices(page, partnership))
    assert Meeting.objects.count() == 3
    ledger = partnership_ledger(workspace, partnership)
    assert ledger.totals.meetings == 2 and [row.title for row in ledger.planned] == ["Home First board"]


def test_a_wrong_window_gets_a_message_on_its_field(client, editor, workspace, partnership):
    client.force_login(editor)
    preview_url = upload(client, workspace, "google.ics", partnership)["Location"]
    response = client.post(preview_url, {"window": "1", "window_from": "2026-05-01", "window_to": "2026-01-01"})
    assert response.status_code == 200
    assert "The last date must be on or after the first date" in response.content.decode()


@pytest.mark.parametrize("button", ["confirm", "cancel"])
def test_a_preview_of_more_than_a_thousand_events_can_be_confirmed_or_cancelled(
    client, editor, workspace, partnership, button, media_root,
):
    from datetime import datetime, timedelta

    first = datetime(2023, 1, 2, 9)
    events = [(f"event-{n}@example.org", f"Case conference {n}", first + timedelta(days=n)) for n in range(1200)]
    client.force_login(editor)
    preview_url = upload_bytes(client, workspace, calendar_of(events), partnership)["Location"]
    page = client.get(preview_url)
    assert page.status_code == 200 and "Page 1 of 24: events 1 to 50 of 1200" in page.content.decode()
    data = choices(page, partnership)
    assert len(data) < 200  # one page of events, not one field per event
    if button == "cancel":
        data = {**data, "cancel": "1"}
        del data["confirm"]
    response = client.post(preview_url, data)
    assert response.status_code == 302
    if button == "confirm":
        assert Meeting.objects.filter(partnership=partnership).count() == 1200
    else:
        assert not Meeting.objects.exists() and not list(Path(media_root).rglob("*.ics"))


def test_choices_on_one_page_are_kept_when_moving_to_the_next(client, editor, workspace, partnership):
    from datetime import datetime, timedelta

    first = datetime(2023, 1, 2, 9)
    events = [(f"event-{n}@example.org", f"Case conference {n}", first + timedelta(days=n)) for n in range(60)]
    client.force_login(editor)
    preview_url = upload_bytes(client, workspace, calendar_of(events), partnership)["Location"]
    page = client.get(preview_url)
    data = choices(page, partnership)
    data.pop("confirm")
    data["series_0"] = ""  # leave the first event out
    assert client.post(preview_url, {**data, "page": "2"})["Location"].endswith("?page=2")
    page_two = client.get(preview_url + "?page=2")
    assert "Page 2 of 2: events 51 to 60 of 60" in page_two.content.decode()
    client.post(preview_url, choices(page_two, partnership))
    assert Meeting.objects.count() == 59 and not Meeting.objects.filter(title="Case conference 0").exists()


def test_the_file_is_read_once_for_upload_preview_and_confirm(client, editor, workspace, partnership, monkeypatch):
    reads = []
    real = imports.read_calendar

    def counted(*args, **kwargs):
        reads.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(imports, "read_calendar", counted)
    client.force_login(editor)
    preview_url = upload(client, workspace, "google.ics", partnership)["Location"]
    page = client.get(preview_url)
    client.post(preview_url, choices(page, partnership))
    assert Meeting.objects.exists() and len(reads) == 1


def test_the_preview_shows_everyone_invited_to_a_series_not_only_the_first_meeting(client, editor, workspace, partnership):
    client.force_login(editor)
    html = client.get(upload(client, workspace, "google-shared.ics", partnership)["Location"]).content.decode()
    assert "Jordan Example" in html  # invited from June 2026 only
    assert "group.calendar.google.com" not in html and "Committee Room B (12)" not in html.split('id="events"')[1]
    assert "discharge-team@example.org" not in html


def test_a_reply_is_not_offered_as_a_meeting(client, editor, workspace, partnership):
    client.force_login(editor)
    html = client.get(upload(client, workspace, "reply.ics", partnership)["Location"]).content.decode()
    assert "Declined:" not in html and "No meetings to import" in html
    assert "a reply to an invitation (METHOD:REPLY)" in html
