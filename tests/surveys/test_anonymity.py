"""What is stored about a respondent: nothing that leads back to them."""

import io
import re

import pytest
from django.db import connection, models
from django.urls import reverse

from joinedup.surveys import respond, sealing
from joinedup.surveys.invitations import hash_secret
from joinedup.surveys.models import Invitation, Response

from .conftest import make_links

pytestmark = pytest.mark.django_db

FORBIDDEN_WORDS = ("token", "invitation", "ip", "agent", "address", "time", "cookie", "session", "user")


def test_the_response_table_has_no_link_to_an_invitation_or_a_person():
    fields = {f.name: f for f in Response._meta.get_fields()}
    assert set(fields) == {"id", "wave", "instrument", "respondent_group", "language", "answers", "released"}
    for name, field in fields.items():
        # No date either: a day with one used link would pick out the one answer of that day.
        assert not isinstance(field, models.DateField | models.TimeField | models.GenericIPAddressField), name
        if field.is_relation:
            assert field.related_model.__name__ == "Wave", name
    with connection.cursor() as cursor:
        columns = [c.name for c in connection.introspection.get_table_description(cursor, Response._meta.db_table)]
    for column in columns:
        assert not any(word in column.split("_") for word in FORBIDDEN_WORDS), column


def test_the_invitation_keeps_only_hashes_and_a_date():
    assert isinstance(Invitation._meta.get_field("used_on"), models.DateField)
    assert not isinstance(Invitation._meta.get_field("used_on"), models.DateTimeField)
    assert {f.name for f in Invitation._meta.concrete_fields} == {
        "id", "batch", "token_hash", "code_hash", "used_on", "sealed",
    }


def test_a_stored_answer_contains_nothing_from_the_request(client, wave, link):
    client.post(
        reverse("respond:answer", args=[link.token]),
        {"told_story": "2", "action": "send"},
        REMOTE_ADDR="203.0.113.77", HTTP_USER_AGENT="Mozilla/5.0 SpyBrowser", HTTP_X_FORWARDED_FOR="198.51.100.9",
    )
    invitation = Invitation.objects.get()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {Response._meta.db_table}")
        stored = " ".join(str(v) for row in cursor.fetchall() for v in row)
    for secret in (link.token, link.code, hash_secret(link.token), str(invitation.pk) + ",",
                   "203.0.113.77", "198.51.100.9", "SpyBrowser"):
        assert secret not in stored, secret
    assert not re.search(r"\d\d:\d\d", stored)
    assert not client.cookies.get("sessionid")


def _xmins(model, **filters):
    rows = model._base_manager.filter(**filters).extra(select={"xid": "xmin::text"}).values_list("xid", flat=True)
    return set(rows)


@pytest.mark.django_db(transaction=True)
def test_sealed_claims_share_no_transaction_id_with_any_answer(wave, monkeypatch):
    """On PostgreSQL a claim and its answer are one statement, so they carry
    the same transaction id (xmin) until the claims are sealed together."""
    if connection.vendor != "postgresql":
        pytest.skip("xmin is PostgreSQL's; CI runs this suite on it too")
    monkeypatch.setattr(sealing, "SEAL_EVERY", 1000)  # seal only when this test says so
    links = make_links(wave, count=12)
    for link in links[:11]:
        assert respond.send(respond.open_invitation(link.token), {"told_story": "2"}).sent
    answers = _xmins(Response)
    assert len(answers) == 11
    claims = _xmins(Invitation, used_on__isnull=False)
    assert claims == answers  # the link that sealing breaks

    assert respond.seal_claims(wave.pk) == 11
    claims = _xmins(Invitation, used_on__isnull=False)
    assert len(claims) == 1 and not claims & answers

    # Fewer than SEAL_MINIMUM waiting: left until there are enough, or the wave closes.
    assert respond.send(respond.open_invitation(links[11].token), {"told_story": "4"}).sent
    assert respond.seal_claims(wave.pk) == 0
    assert respond.seal_claims(wave.pk, minimum=0) == 12
    answers = _xmins(Response)
    claims = _xmins(Invitation, used_on__isnull=False)
    assert len(claims) == 1 and not claims & answers


@pytest.mark.django_db(transaction=True)
def test_every_tenth_claim_of_a_wave_has_the_sealer_thread_seal_the_waiting_claims(wave, monkeypatch):
    monkeypatch.setattr(sealing, "_waiting", {})
    monkeypatch.setattr(sealing, "SEAL_EVERY", 10)
    links = make_links(wave, count=20)
    for n, link in enumerate(links, start=1):
        respond.send(respond.open_invitation(link.token), {"told_story": "2"})
        assert sealing.sealer.wait()
        sealed = Invitation.objects.filter(sealed=True).count()
        assert sealed == (10 if n >= 10 else 0) + (10 if n == 20 else 0), n


@pytest.mark.django_db
def test_closing_a_wave_seals_every_claim(client, editor, workspace, wave):
    links = make_links(wave, count=3)
    for link in links:
        respond.send(respond.open_invitation(link.token), {"told_story": "2"})
    client.force_login(editor)
    assert client.post(reverse("surveys:wave_close", args=[workspace.slug, wave.pk])).status_code == 302
    assert Invitation.objects.filter(used_on__isnull=False, sealed=True).count() == 3


def test_the_daily_upkeep_closes_lapsed_waves_seals_them_and_forgets_drafts(wave):
    from datetime import date, timedelta

    from django.core.management import call_command

    from joinedup.surveys.models import Draft, Wave

    links = make_links(wave, count=3)
    for link in links[:2]:
        respond.send(respond.open_invitation(link.token), {"told_story": "2"})
    respond.save_draft(respond.open_invitation(links[2].token), {"told_story": "1"})
    Wave.objects.filter(pk=wave.pk).update(closes_on=date.today() - timedelta(days=1))
    out = io.StringIO()
    call_command("close_lapsed_waves", stdout=out)
    assert out.getvalue().splitlines()[0] == "1 wave closed, 2 used links sealed, 1 draft deleted."
    assert Wave.objects.get(pk=wave.pk).status == "closed"
    assert Invitation.objects.filter(sealed=True).count() == 2 and not Draft.objects.exists()
    call_command("close_lapsed_waves", stdout=out)  # nothing left to do
    # Each run prints three lines: waves, free text, indicator uploads.
    assert out.getvalue().splitlines()[3] == "0 waves closed, 0 used links sealed, 0 drafts deleted."


@pytest.mark.django_db(transaction=True)
def test_an_obstacle_shares_no_transaction_id_order_or_day_with_the_answer_it_came_from(wave, members):
    """An obstacle is passed on when its answer is released, in a savepoint of
    its own, shuffled among the others of that release, dated with the release."""
    if connection.vendor != "postgresql":
        pytest.skip("xmin is PostgreSQL's; CI runs this suite on it too")
    from joinedup.surveys.models import Obstacle
    from joinedup.surveys.release import release_answers

    links = make_links(wave, group=members[0].name, instrument="staff_pulse", count=12)
    written = [f"Obstacle number {n}: the shared record is down" for n in range(10)]
    for link, text in zip(links, written, strict=False):
        assert respond.send(respond.open_invitation(link.token), {"obstacle": text, "obstacle_consent": "yes"}).sent
    as_sent = _xmins(Response)
    assert len(as_sent) == 10 and not Obstacle.objects.exists()
    assert release_answers(wave) == 10
    obstacles = _xmins(Obstacle)
    assert obstacles and not obstacles & (as_sent | _xmins(Response))
    stored = list(Obstacle.objects.order_by("pk").values_list("text", "created_on"))
    assert sorted(t for t, _ in stored) == sorted(written)
    # 10 in the order they were sent would happen once in 3,628,800 shuffles.
    assert [t for t, _ in stored] != written
    assert len({day for _, day in stored}) == 1


def test_a_used_link_keeps_the_waves_date_not_the_day_it_was_used(wave):
    from datetime import date

    wave.opens_on = date(2026, 1, 5)
    wave.save()
    link = make_links(wave)[0]
    assert respond.send(respond.open_invitation(link.token), {"told_story": "2"}).sent
    assert Invitation.objects.get().used_on == date(2026, 1, 5)


@pytest.mark.django_db(transaction=True)
def test_a_process_seals_only_the_claims_it_made(wave, monkeypatch):
    """The sealer thread is handed the ids its process claimed, and the
    primary key finds them: another process's claims wait for their own."""
    monkeypatch.setattr(sealing, "SEAL_EVERY", 1000)
    links = make_links(wave, count=24)
    for link in links:
        assert respond.send(respond.open_invitation(link.token), {"told_story": "2"}).sent
    ids = sorted(Invitation.objects.filter(used_on__isnull=False).values_list("id", flat=True))
    assert sealing.seal_claims(wave.pk, ids=ids[:12]) == 12
    assert set(Invitation.objects.filter(sealed=True).values_list("id", flat=True)) == set(ids[:12])
    assert sealing.seal_claims(wave.pk, ids=ids[:12] + ids[12:15]) == 0  # three waiting: fewer than 10
    assert sealing.seal_claims(wave.pk, ids=ids[12:]) == 12
