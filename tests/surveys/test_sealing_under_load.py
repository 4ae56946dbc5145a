"""Sealing used links beside many concurrent submissions (issue 20): no
respondent ever gets an error because of it, an answer is acknowledged
exactly when it is stored, and sealing still leaves no claim sharing a
transaction id with an answer. PostgreSQL only: it is where rows are locked,
deadlocks happen and xmin exists; CI runs this suite on it too."""

import logging
import random
import threading
import time

import pytest
from django.db import DatabaseError, connection
from django.test import Client
from django.urls import reverse

from joinedup.surveys import respond, sealing
from joinedup.surveys.models import Invitation, Response

from .conftest import make_links

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("row locks, deadlocks and xmin are PostgreSQL's; CI runs this suite on it too")


def _answer(client, token, text):
    """Send one answer through the respondent's page, as a browser would;
    True when the respondent is sent to the thank-you page."""
    response = client.post(reverse("respond:answer", args=[token]),
                           {"told_story": "2", "what_matters": text, "action": "send"})
    return response.status_code == 302 and response["Location"].startswith(reverse("respond:thanks"))


def _stored_texts():
    # Every stored answer, released into the results or not yet (surveys/release.py).
    return sorted(Response.stored.values_list("answers__what_matters", flat=True))


def _xmins(model, **filters):
    return set(model._base_manager.filter(**filters).extra(select={"xid": "xmin::text"}).values_list("xid", flat=True))


@pytest.fixture
def refuse(request):
    """Make PostgreSQL itself refuse a statement with an error code: a real
    failure in the database, not a stand-in. refuse(table, event, code, times)
    fails the first `times` rows (each failed try counts) with that SQLSTATE."""
    made = []

    def refuse(table, event, code, times, when="true"):
        name = f"load_test_refuse_{len(made)}"
        with connection.cursor() as cursor:
            cursor.execute(f"CREATE SEQUENCE {name}")
            cursor.execute(
                f"CREATE FUNCTION {name}() RETURNS trigger AS $$ BEGIN "
                f"IF nextval('{name}') <= {times} THEN RAISE EXCEPTION 'refused by the test' USING ERRCODE = '{code}'; "
                f"END IF; RETURN NEW; END $$ LANGUAGE plpgsql")
            cursor.execute(f"CREATE TRIGGER {name} BEFORE {event} ON {table} FOR EACH ROW WHEN ({when}) "
                           f"EXECUTE FUNCTION {name}()")
        made.append((name, table))

    yield refuse
    with connection.cursor() as cursor:
        for name, table in made:
            cursor.execute(f"DROP TRIGGER {name} ON {table}")
            cursor.execute(f"DROP FUNCTION {name}()")
            cursor.execute(f"DROP SEQUENCE {name}")


def test_a_seal_that_fails_never_fails_or_delays_a_submission(wave, monkeypatch, refuse, caplog):
    """Every seal is refused with a deadlock (the error of issue 20); every
    respondent still gets the thank-you page and every answer is stored."""
    monkeypatch.setattr(sealing, "SEAL_EVERY", 2)
    refuse(Invitation._meta.db_table, "UPDATE OF sealed", "40P01", times=10**6, when="NEW.sealed")
    links = make_links(wave, count=30)
    client = Client()
    with caplog.at_level(logging.ERROR, logger="joinedup.surveys.sealing"):
        for n, link in enumerate(links):
            assert _answer(client, link.token, f"answer {n}")
        assert sealing.sealer.wait()
    assert _stored_texts() == sorted(f"answer {n}" for n in range(30))
    assert Invitation.objects.filter(used_on__isnull=False).count() == 30
    assert not Invitation.objects.filter(sealed=True).exists()  # left waiting, to be sealed later
    assert "Sealing the used links of wave" in caplog.text


def test_a_seal_that_meets_a_deadlock_is_tried_again(wave, refuse, monkeypatch):
    # No seal on the sealer thread meanwhile: the count of submissions is the
    # process's, so earlier tests could make one of these twelve start a seal.
    monkeypatch.setattr(sealing, "SEAL_EVERY", 10**9)
    links = make_links(wave, count=12)
    for n, link in enumerate(links):
        assert respond.send(respond.open_invitation(link.token), {"told_story": "2", "what_matters": f"a{n}"}).sent
    refuse(Invitation._meta.db_table, "UPDATE OF sealed", "40P01", times=2, when="NEW.sealed")
    assert sealing.seal_claims(wave.pk) == 12
    refuse(Invitation._meta.db_table, "UPDATE OF sealed", "40001", times=sealing.TRIES, when="NEW.sealed")
    with pytest.raises(DatabaseError):  # given up after TRIES: left for the next seal
        sealing.seal_claims(wave.pk, minimum=0)


def test_an_answer_the_database_refuses_is_not_stored_and_the_link_can_be_used_again(wave, refuse):
    link = make_links(wave)[0]
    refuse(Response._meta.db_table, "INSERT", "57014", times=1)  # query_canceled, say by a timeout
    client = Client(raise_request_exception=False)
    assert client.post(reverse("respond:answer", args=[link.token]),
                       {"told_story": "2", "what_matters": "first try", "action": "send"}).status_code == 500
    assert not Response.stored.exists()
    assert Invitation.objects.get().used_on is None
    assert _answer(client, link.token, "second try")
    assert _stored_texts() == ["second try"]


def test_concurrent_submissions_and_seals_store_exactly_the_acknowledged_answers(wave, monkeypatch):
    """Rounds of many respondents at once, while every few submissions ask the
    sealer threads to seal and other threads seal the same wave over and
    over, some of them the way closing a wave does: no error, every
    acknowledged answer stored once, nothing stored that was not."""
    monkeypatch.setattr(sealing, "SEAL_EVERY", 3)
    rounds, senders, each, sealers = 4, 12, 8, 4
    acknowledged, errors, seals = [], [], []
    for r in range(rounds):
        links = make_links(wave, count=senders * each)
        start = threading.Barrier(senders + sealers)
        sending = threading.Event()
        sending.set()

        def send(mine, s, r=r, start=start):
            client = Client(raise_request_exception=True)
            start.wait()
            try:
                for i, link in enumerate(mine):
                    text = f"round {r} sender {s} answer {i}"
                    try:
                        if _answer(client, link.token, text):
                            acknowledged.append(text)
                        else:
                            errors.append(text)
                    except Exception as error:
                        errors.append(f"{text}: {error!r}")
            finally:
                connection.close()

        def seal(k, start=start, sending=sending):
            start.wait()
            try:
                while sending.is_set():
                    seals.append(sealing.seal_claims(wave.pk, minimum=random.choice([0, 1, 5, 10]) if k else 0))
            except Exception as error:
                errors.append(f"seal: {error!r}")
            finally:
                connection.close()

        senders_threads = [threading.Thread(target=send, args=(links[s::senders], s)) for s in range(senders)]
        seal_threads = [threading.Thread(target=seal, args=(k,)) for k in range(sealers)]
        for thread in senders_threads + seal_threads:
            thread.start()
        for thread in senders_threads:
            thread.join()
        sending.clear()
        for thread in seal_threads:
            thread.join()
        assert sealing.sealer.wait()
        assert errors == [], errors
        assert _stored_texts() == sorted(acknowledged)
    assert len(acknowledged) == rounds * senders * each
    assert Invitation.objects.filter(used_on__isnull=False).count() == len(acknowledged)
    assert sum(seals) > 0
    # The unlinkability sealing is for holds after all that.
    sealing.seal_claims(wave.pk, minimum=0)
    assert not _xmins(Invitation, used_on__isnull=False) & _xmins(Response)


def _connections_to_this_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()")
        return cursor.fetchone()[0]


def test_the_sealer_keeps_its_connection_while_busy_and_gives_it_back_when_idle(wave, monkeypatch):
    monkeypatch.setattr(sealing, "SEAL_EVERY", 10)
    monkeypatch.setattr(sealing.Sealer, "IDLE_SECONDS", 0.5)
    assert sealing.sealer.let_go()
    before = _connections_to_this_database()
    links = make_links(wave, count=30)
    for n, link in enumerate(links):
        assert respond.send(respond.open_invitation(link.token), {"told_story": "2", "what_matters": f"a{n}"}).sent
        if n in (9, 19):
            assert sealing.sealer.wait()
            assert _connections_to_this_database() == before + 1  # the sealer's, kept between seals
    assert sealing.sealer.wait()
    assert Invitation.objects.filter(sealed=True).count() == 30
    for _ in range(100):  # given back once idle (0.5 s here)
        if _connections_to_this_database() == before:
            break
        time.sleep(0.1)
    assert _connections_to_this_database() == before
