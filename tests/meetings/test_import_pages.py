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
    for name in set(re.findall(r'name="(series_\d+)"', html)):
        data[name] = str(partnership.pk)
    for name in set(re.findall(r'name="(create_\d+)"', html)):
        if create:
            data[name] = "on"
    return data


def occurrences(name):
    from django.utils import timezone

    return len(read_calendar((FILES / name).read_bytes(), today=timezone.localdate()).occurrences)


@pytest.mark.parametrize("name", ["outlook.ics", "google.ics", "apple.ics"])
def test_it_imports_each_kind_of_export_after_a_preview_and_is_idempotent(client, editor, workspace, partnership, name):
    client.force_login(editor)
    response = upload(client, workspace, name, partnership)
    assert response.status_code == 302
    preview = client.get(response["Location"])
    assert preview.status_code == 200 and "Check the import" in preview.content.decode()
    assert not Meeting.objects.exists() and not Person.objects.exists()  # nothing written before confirm
    confirmed = client.post(response["Location"], choices(preview, partnership))
    expected = occurrences(name)
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
