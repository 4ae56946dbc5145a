"""Opening an invitation reads it, its batch and its wave in one query, and
gives the same answers as the ORM's own join."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from joinedup.surveys.invitations import invitation_to_open, invitations_matching

from .conftest import make_links

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("by", ["token", "code", "printed code"])
def test_it_matches_the_orm_join_field_for_field(wave, by):
    make_links(wave, group="Carers", instrument="service_user", easy_read=True, language="cy", count=2)
    link = make_links(wave, group="Carers", instrument="service_user", easy_read=True, language="cy")[0]
    key = {"token": link.token, "code": link.code.lower(), "printed code": link.printed_code}[by]
    with CaptureQueriesContext(connection) as queries:
        opened = invitation_to_open(key)
        used = (opened.used_on, opened.batch.instrument_code, opened.batch.group, opened.batch.language,
                opened.batch.wave.partnership_id, opened.batch.wave.is_open)
    assert len(queries) == 1
    expected = invitations_matching(key).select_related("batch__wave").get()
    assert opened.pk == expected.pk and opened.batch.pk == expected.batch.pk
    assert used == (None, "service_user_easy_read", "Carers", "cy", wave.partnership_id, True)
    # Fields it did not read are loaded when asked for, not left blank.
    assert opened.batch.wave.name == "Spring 2026"


@pytest.mark.parametrize("key", ["", "x" * 65, "not-a-token", "ABCD-EFGH-JKMN"])
def test_unknown_keys_open_nothing(wave, key):
    make_links(wave)
    assert invitation_to_open(key) is None


@pytest.mark.parametrize("prepared", [True, False])
def test_the_submission_statements_are_prepared_on_postgresql_unless_turned_off(wave, settings, prepared):
    if connection.vendor != "postgresql":
        pytest.skip("prepared statements are PostgreSQL's; CI runs this suite on it too")
    from joinedup.surveys import respond

    from .conftest import make_links

    settings.PREPARED_STATEMENTS = prepared
    connection.connection.prepare_threshold = None  # as Django leaves it
    with connection.cursor() as cursor:
        cursor.execute("DEALLOCATE ALL")
    connection.connection._prepared.clear()
    link = make_links(wave)[0]
    assert respond.send(respond.open_invitation(link.token), {"told_story": "2"}).sent
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        statements = [row[0] for row in cursor.fetchall()]
    if prepared:
        assert any("surveys_invitation\".token_hash = $1" in s for s in statements), statements
        assert any(s.startswith("WITH claimed AS (UPDATE") for s in statements), statements
    else:
        assert statements == []
