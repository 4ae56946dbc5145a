"""Two sends of the same link that both got past the "is it used?" check —
two tabs, a double click, two phones — store one response between them,
whichever way the database is written to (one statement on PostgreSQL, a
transaction elsewhere), and with real concurrent connections."""

import threading

import pytest
from django.db import connection

from joinedup.surveys import respond
from joinedup.surveys.models import Draft, Invitation, Response

from .conftest import make_links

ANSWERS = {"told_story": "2", "services_talk": "yes"}


@pytest.mark.django_db
def test_a_second_send_after_both_opened_the_link_is_refused_and_stores_nothing(wave, link):
    first_tab = respond.open_invitation(link.token)
    second_tab = respond.open_invitation(link.token)
    assert respond.send(first_tab, dict(ANSWERS)).sent
    with pytest.raises(respond.Unusable) as refused:
        respond.send(second_tab, {"told_story": "5"})
    assert refused.value.kind == "used"
    assert Response.stored.count() == 1
    assert Response.stored.get().answers["told_story"] == 2


@pytest.mark.django_db
def test_a_send_with_a_draft_removes_the_draft_and_a_refused_one_keeps_it(wave, link):
    invitation = respond.open_invitation(link.token)
    draft_key = respond.save_draft(invitation, {"told_story": "1"})
    other_key = respond.save_draft(invitation, {"told_story": "4"})
    assert respond.send(invitation, dict(ANSWERS), draft_key=draft_key).sent
    with pytest.raises(respond.Unusable):
        respond.send(invitation, dict(ANSWERS), draft_key=other_key)
    assert Draft.objects.count() == 1
    assert Response.stored.count() == 1


@pytest.mark.django_db(transaction=True)
def test_many_threads_sending_the_same_link_store_exactly_one_response(wave):
    if connection.vendor != "postgresql":
        # The in-memory SQLite test database (shared cache) fails concurrent
        # writers at once with "table is locked" instead of waiting.
        pytest.skip("concurrent writers need PostgreSQL; CI runs this suite on it too")
    link = make_links(wave)[0]
    opened = [respond.open_invitation(link.token) for _ in range(8)]
    start = threading.Barrier(len(opened))
    results = []

    def send(invitation):
        start.wait()
        try:
            results.append(respond.send(invitation, dict(ANSWERS)).sent)
        except respond.Unusable as refused:
            results.append(refused.kind)
        finally:
            connection.close()

    threads = [threading.Thread(target=send, args=(i,)) for i in opened]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results, key=str) == [True] + ["used"] * 7
    assert Response.stored.count() == 1
    assert Invitation.objects.filter(used_on__isnull=False).count() == 1
