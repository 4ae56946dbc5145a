"""What is stored about a respondent: nothing that leads back to them."""

import re

import pytest
from django.db import connection, models
from django.urls import reverse

from joinedup.surveys.invitations import hash_secret
from joinedup.surveys.models import Invitation, Response

pytestmark = pytest.mark.django_db

FORBIDDEN_WORDS = ("token", "invitation", "ip", "agent", "address", "time", "cookie", "session", "user")


def test_the_response_table_has_no_link_to_an_invitation_or_a_person():
    fields = {f.name: f for f in Response._meta.get_fields()}
    assert set(fields) == {"id", "wave", "instrument", "respondent_group", "language", "submitted_on", "answers"}
    for name, field in fields.items():
        assert not isinstance(field, models.DateTimeField | models.TimeField | models.GenericIPAddressField), name
        if field.is_relation:
            assert field.related_model.__name__ == "Wave", name
    with connection.cursor() as cursor:
        columns = [c.name for c in connection.introspection.get_table_description(cursor, Response._meta.db_table)]
    for column in columns:
        assert not any(word in column.split("_") for word in FORBIDDEN_WORDS), column


def test_the_invitation_keeps_only_hashes_and_a_date():
    assert isinstance(Invitation._meta.get_field("used_on"), models.DateField)
    assert not isinstance(Invitation._meta.get_field("used_on"), models.DateTimeField)
    assert {f.name for f in Invitation._meta.concrete_fields} == {"id", "batch", "token_hash", "code_hash", "used_on"}


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
