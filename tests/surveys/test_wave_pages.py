"""Wave management, results and obstacles: who may do what, and what is shown."""

import csv
import io
import re

import pytest
from django.urls import reverse

from joinedup.surveys.invitations import hash_secret
from joinedup.surveys.models import Draft, Invitation, InvitationBatch, Obstacle, Response, Wave

from .conftest import make_links

pytestmark = pytest.mark.django_db


def ws_url(name, *args):
    return reverse(f"surveys:{name}", args=["northshire", *args])


def test_an_editor_opens_a_wave_with_instruments_and_groups(client, editor, partnership, members):
    client.force_login(editor)
    page = client.get(ws_url("wave_add", partnership.pk))
    assert page.status_code == 200 and "Northshire Council" in page.content.decode()
    response = client.post(ws_url("wave_add", partnership.pk), {
        "name": "Spring 2026", "instruments": ["staff_pulse", "service_user"],
        "respondent_groups": ["Northshire Council", "Service users"], "opens_on": "2026-03-01",
        "threshold": "5", "min_response_rate": "20",
    })
    wave = Wave.objects.get()
    assert response.status_code == 302 and response["Location"] == ws_url("wave", wave.pk)
    assert wave.instruments == ["staff_pulse", "service_user"] and wave.partnership == partnership


def test_the_threshold_can_be_raised_but_not_lowered(client, editor, partnership, members):
    client.force_login(editor)
    data = {"name": "W", "instruments": ["staff_pulse"], "respondent_groups": ["Service users"],
            "opens_on": "2026-03-01", "threshold": "4", "min_response_rate": "10"}
    page = client.post(ws_url("wave_add", partnership.pk), data)
    assert page.status_code == 200 and Wave.objects.count() == 0
    assert "There is a problem" in page.content.decode()
    client.post(ws_url("wave_add", partnership.pk), {**data, "threshold": "10", "min_response_rate": "30"})
    assert Wave.objects.get().threshold == 10


def test_links_are_shown_once_and_only_their_hashes_kept(client, editor, wave):
    client.force_login(editor)
    page = client.post(ws_url("batch_add", wave.pk), {
        "group": "Service users", "instrument": "service_user", "count": "3", "language": "en-gb", "output": "page",
    })
    html = page.content.decode()
    tokens = re.findall(r"/s/([A-Za-z0-9_-]{22})/", html)
    assert len(set(tokens)) == 3
    assert page["Cache-Control"] == "no-store"
    assert "data:text/csv" in html
    stored = set(Invitation.objects.values_list("token_hash", flat=True))
    assert stored == {hash_secret(t) for t in tokens}
    assert not any(t in str(Invitation.objects.values_list()) for t in tokens)
    assert tokens[0] not in client.get(ws_url("wave", wave.pk)).content.decode()


def test_links_as_csv_and_as_printable_qr_codes(client, editor, wave):
    client.force_login(editor)
    data = {"group": "Carers", "instrument": "service_user", "count": "2", "language": "cy", "easy_read": "on"}
    download = client.post(ws_url("batch_add", wave.pk), {**data, "output": "csv"})
    rows = list(csv.reader(io.StringIO(download.content.decode())))
    assert download["Content-Type"].startswith("text/csv") and rows[0] == ["link", "short code"] and len(rows) == 3
    printed = client.post(ws_url("batch_add", wave.pk), {**data, "output": "print"}).content.decode()
    assert printed.count("<svg") == 2 and printed.count("joinedup-card__code") >= 2
    batch = InvitationBatch.objects.last()
    assert batch.language == "cy" and batch.easy_read and batch.instrument_code == "service_user_easy_read"


def test_easy_read_is_only_for_the_service_user_survey(client, editor, wave, members):
    client.force_login(editor)
    page = client.post(ws_url("batch_add", wave.pk), {
        "group": members[0].name, "instrument": "staff_pulse", "count": "2", "language": "en-gb",
        "easy_read": "on", "output": "page",
    })
    assert "only for the service-user survey" in page.content.decode()
    assert InvitationBatch.objects.count() == 0


def test_closing_a_wave_stops_answers_and_deletes_drafts(client, editor, wave):
    token = make_links(wave)[0].token
    client.post(reverse("respond:answer", args=[token]), {"what_matters": "Home", "action": "save"})
    assert Draft.objects.count() == 1
    client.force_login(editor)
    assert client.post(ws_url("wave_close", wave.pk)).status_code == 302
    wave.refresh_from_db()
    assert wave.status == "closed" and Draft.objects.count() == 0
    client.logout()
    assert client.post(reverse("respond:answer", args=[token]), {"action": "send"}).status_code == 410
    assert Response.stored.count() == 0


def test_a_viewer_reads_results_but_cannot_change_anything(client, viewer, wave, partnership):
    client.force_login(viewer)
    assert client.get(ws_url("results", wave.pk)).status_code == 200
    assert client.get(ws_url("results_csv", wave.pk)).status_code == 200
    assert client.get(ws_url("partnership", partnership.pk)).status_code == 200
    assert client.get(ws_url("outcomes", partnership.pk)).status_code == 200
    for name, args in [("wave_add", [partnership.pk]), ("batch_add", [wave.pk]), ("wave_close", [wave.pk]),
                       ("obstacle_add", [partnership.pk])]:
        assert client.get(ws_url(name, *args)).status_code == 403, name
        assert client.post(ws_url(name, *args), {}).status_code == 403, name
    assert Wave.objects.get().status == "open" and InvitationBatch.objects.count() == 0


def test_the_outsider_gets_404_on_every_voice_address(client, outsider, wave, partnership):
    obstacle = Obstacle.objects.create(partnership=partnership, text="No shared record")
    client.force_login(outsider)
    urls = [
        ws_url("home"), ws_url("partnership", partnership.pk), ws_url("wave_add", partnership.pk),
        ws_url("outcomes", partnership.pk), ws_url("wave", wave.pk), ws_url("batch_add", wave.pk),
        ws_url("wave_close", wave.pk), ws_url("results", wave.pk), ws_url("results_csv", wave.pk),
        ws_url("obstacle_add", partnership.pk), ws_url("obstacle_edit", partnership.pk, obstacle.pk),
        ws_url("obstacle_archive", partnership.pk, obstacle.pk),
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"name": "x"}).status_code == 404, url
    own = [u.replace("/w/northshire/", "/w/southshire/") for u in urls[1:]]
    for url in own:
        assert client.get(url).status_code == 404, url


def test_obstacles_are_listed_and_can_be_given_an_owner(client, editor, partnership, person):
    obstacle = Obstacle.objects.create(partnership=partnership, text="Referral forms get lost <b>often</b>")
    client.force_login(editor)
    page = client.get(ws_url("partnership", partnership.pk)).content.decode()
    assert "Referral forms get lost &lt;b&gt;often&lt;/b&gt;" in page
    response = client.post(ws_url("obstacle_edit", partnership.pk, obstacle.pk), {
        "text": obstacle.text, "raised_by_kind": "staff", "owner": person.pk, "status": "in_hand",
    })
    assert response.status_code == 302
    obstacle.refresh_from_db()
    assert obstacle.owner == person and obstacle.status == "in_hand"


def test_the_voice_section_is_in_the_navigation(client, viewer, wave):
    client.force_login(viewer)
    html = client.get(ws_url("home")).content.decode()
    assert 'aria-current="true"><strong class="govuk-service-navigation__active-fallback">Voice' in html
    assert "Home First" in html
