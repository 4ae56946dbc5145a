"""Retention and privacy (docs/privacy.md): answers carry no address, browser
or link; logs never hold answer text; free text is deleted after the
workspace's period, keeping the themes found in it."""

import io
import logging
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.db import connection, models
from django.urls import reverse
from django.utils import timezone

from joinedup.surveys.models import Draft, Obstacle, Response, Wave
from joinedup.surveys.release import release_answers
from joinedup.surveys.results import wave_results
from joinedup.surveys.retention import months_before

from .conftest import make_links
from .staff_comments import COMMENTS

pytestmark = pytest.mark.django_db

SECRET_TEXT = "Mrs Quigley at 14 Larch Close waited nine weeks for a carer"
IP, AGENT = "203.0.113.77", "Mozilla/5.0 SpyBrowser/9"


def test_no_survey_table_has_a_field_for_an_address_a_browser_or_a_link():
    for model in (Response, Draft, Obstacle):
        for field in model._meta.concrete_fields:
            assert not isinstance(field, models.GenericIPAddressField), (model, field.name)
            # An obstacle's record times are its managers' edits; answers and drafts have none.
            assert model is Obstacle or not isinstance(field, models.DateTimeField), (model, field.name)
            words = set(field.name.split("_"))
            assert not words & {"ip", "agent", "token", "invitation", "link", "address"}, (model, field.name)
            if field.is_relation:
                assert field.related_model.__name__ in {"Wave", "Partnership", "Person", "Workspace"}, field.name


def test_a_stored_answer_row_holds_no_address_browser_or_link(client, wave, members):
    link = make_links(wave, group=members[0].name, instrument="staff_pulse")[0]
    client.post(reverse("respond:answer", args=[link.token]),
                {"obstacle": SECRET_TEXT, "obstacle_consent": "yes", "action": "send"},
                REMOTE_ADDR=IP, HTTP_USER_AGENT=AGENT, HTTP_REFERER=f"https://mail.example/{link.token}")
    release_answers(wave, closing=True)
    with connection.cursor() as cursor:
        stored = ""
        for model in (Response, Obstacle, Draft):
            cursor.execute(f"SELECT * FROM {model._meta.db_table}")
            stored += " ".join(str(v) for row in cursor.fetchall() for v in row)
    for secret in (IP, "SpyBrowser", link.token, link.code, "mail.example"):
        assert secret not in stored, secret


def test_logs_never_contain_answer_text(client, wave, members, caplog, settings):
    settings.DEBUG = True  # the most a deployment might log
    connection.force_debug_cursor = True
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="django")  # a deployment that turns Django's logging right up
    try:
        links = make_links(wave, group=members[0].name, instrument="staff_pulse", count=3)
        # Sent; refused (too long); saved as a draft; sent again on a used link.
        client.post(reverse("respond:answer", args=[links[0].token]),
                    {"obstacle": SECRET_TEXT, "obstacle_consent": "yes", "action": "send"}, REMOTE_ADDR=IP)
        client.post(reverse("respond:answer", args=[links[1].token]),
                    {"obstacle": SECRET_TEXT * 40, "action": "send"}, REMOTE_ADDR=IP)
        client.post(reverse("respond:answer", args=[links[2].token]),
                    {"obstacle": SECRET_TEXT, "action": "save"}, REMOTE_ADDR=IP)
        client.post(reverse("respond:answer", args=[links[0].token]),
                    {"obstacle": SECRET_TEXT, "action": "send"}, REMOTE_ADDR=IP)
        release_answers(wave, closing=True)
    finally:
        connection.force_debug_cursor = False
    assert Response.stored.filter(answers__obstacle=SECRET_TEXT).exists(), "the answer was stored"
    logged = caplog.text + " ".join(str(r.args) for r in caplog.records)
    assert caplog.records, "nothing was logged, so the test proves nothing"
    for fragment in ("Larch Close", "Quigley", "nine weeks"):
        assert fragment not in logged, fragment
    assert IP not in logged


def test_free_text_goes_after_the_workspaces_period_and_the_themes_stay(client, viewer, wave, members, workspace):
    wave.instruments = ["staff_pulse"]
    wave.save()
    workspace.free_text_months = 6
    workspace.save()
    for org, comments in zip(members, (COMMENTS[:12], COMMENTS[12:24], COMMENTS[24:36]), strict=True):
        for link, text in zip(make_links(wave, group=org.name, instrument="staff_pulse", count=12), comments,
                              strict=False):
            client.post(reverse("respond:answer", args=[link.token]),
                        {"obstacle": text, "obstacle_consent": "no", "morale": "4", "action": "send"})
    release_answers(wave, closing=True)
    closed = months_before(timezone.localdate(), 6)
    Wave.objects.filter(pk=wave.pk).update(status="closed", closed_on=closed + timedelta(days=1))
    wave.refresh_from_db()
    before = dict(wave_results(wave).instruments[0].comment_themes)
    assert any(t.themes for t in before.values()), "themes were found"

    out = io.StringIO()
    call_command("close_lapsed_waves", stdout=out)  # six months less a day: kept
    assert "Free text deleted from 0 waves" in out.getvalue()
    Wave.objects.filter(pk=wave.pk).update(closed_on=closed)
    call_command("close_lapsed_waves", stdout=out)
    assert "Free text deleted from 1 wave past" in out.getvalue()

    assert not any("obstacle" in r.answers for r in Response.stored.filter(wave=wave))
    assert all(r.answers.get("morale") == 4 for r in Response.stored.filter(wave=wave)), "other answers stay"
    wave.refresh_from_db()
    after = dict(wave_results(wave).instruments[0].comment_themes)
    for question, found in before.items():
        kept = after[question]
        assert [(t.label, t.count) for t in kept.themes] == [(t.label, t.count) for t in found.themes]
        assert kept.n_comments == found.n_comments and not any(t.quotes for t in kept.themes)
    client.force_login(viewer)
    page = client.get(reverse("surveys:results", args=["northshire", wave.pk]) + "?instrument=staff_pulse&section=all")
    assert "The written answers were deleted on" in page.content.decode()


def test_months_before_keeps_the_day_or_the_months_last():
    assert months_before(date(2026, 9, 30), 6) == date(2026, 3, 30)
    assert months_before(date(2026, 3, 31), 1) == date(2026, 2, 28)
    assert months_before(date(2026, 1, 15), 13) == date(2024, 12, 15)
