"""The Voice pages and the surveys in Welsh (issue 18 item 6): a staff member
who chose Cymraeg reads the survey pages in Welsh, and an easy-read batch in
Welsh asks its questions and offers its answers in Welsh."""

import csv
import io

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from joinedup.surveys.instruments import INSTRUMENTS, SERVICE_USER_EASY_READ

from .conftest import make_links

pytestmark = pytest.mark.django_db


def ws_url(name, *args):
    return reverse(f"surveys:{name}", args=["northshire", *args])


@pytest.fixture
def welsh(client, editor):
    client.force_login(editor)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "cy"
    return client


def test_the_wave_page_speaks_welsh(welsh, wave):
    html = welsh.get(ws_url("wave", wave.pk)).content.decode()
    assert 'lang="cy"' in html
    for welsh_text in ("Atebion hyd yma", "Dolenni gwahodd a wnaed", "Gweld y canlyniadau", "Cau'r cylch",
                       "Gwiriad iechyd y bartneriaeth", "Grŵp lleiaf a ddangosir", "Ar agor"):
        assert welsh_text in html, welsh_text
    for english in ("Answers so far", "Invitation links made", "See the results", "Smallest group shown",
                    "Partnership health check"):
        assert english not in html, english


def test_the_results_page_speaks_welsh(welsh, wave):
    html = welsh.get(ws_url("results", wave.pk)).content.decode()
    assert "Canlyniadau: Spring 2026" in html
    assert "Cyfraddau ymateb" in html and "I ddiogelu anhysbysrwydd" in html
    for english in ("Results: Spring 2026", "Response rates", "To protect anonymity", "Download all results"):
        assert english not in html, english


def test_the_partnership_voice_page_and_the_new_wave_form_speak_welsh(welsh, partnership, wave):
    html = welsh.get(ws_url("partnership", partnership.pk)).content.decode()
    assert "Cylchoedd arolwg" in html and "Rhwystrau i'w dileu" in html
    assert "Survey waves" not in html and "Obstacles to remove" not in html
    form = welsh.get(ws_url("wave_add", partnership.pk)).content.decode()
    assert "Pa arolygon" in form and "Defnyddwyr gwasanaethau" in form and "Arolwg cyflym staff" in form
    assert "Which surveys" not in form and "Staff pulse" not in form


def test_the_results_csv_has_welsh_headings(welsh, wave):
    download = welsh.get(ws_url("results_csv", wave.pk))
    rows = list(csv.reader(io.StringIO(download.content.decode())))
    assert rows[0][0] == "cylch" and rows[1][0] == "partneriaeth"
    assert ["Grŵp", "Gwahoddwyd", "Atebodd", "Cyfradd ymateb", "Canlyniadau'n cael eu dangos"] in rows


def test_the_easy_read_survey_in_welsh_asks_and_answers_in_welsh(client, wave):
    token = make_links(wave, language="cy", easy_read=True)[0].token
    html = client.get(reverse("respond:answer", args=[token])).content.decode()
    assert "joinedup-easy-read" in html and 'lang="cy"' in html
    with translation.override("cy"):
        welsh = [str(SERVICE_USER_EASY_READ.title), str(SERVICE_USER_EASY_READ.intro)]
        welsh += [str(q.text) for q in SERVICE_USER_EASY_READ.questions]
        welsh += [str(o.label) for q in SERVICE_USER_EASY_READ.questions for o in q.options]
    english = [str(SERVICE_USER_EASY_READ.title), str(SERVICE_USER_EASY_READ.intro)]
    english += [str(q.text) for q in SERVICE_USER_EASY_READ.questions]
    english += [str(o.label) for q in SERVICE_USER_EASY_READ.questions for o in q.options]
    assert "Dywedwch wrthym am eich help" in welsh and "Byth" in welsh
    for text in welsh:
        assert text.replace("'", "&#x27;") in html, text
    for text in english:
        assert text.replace("'", "&#x27;") not in html, text


def test_every_instrument_has_welsh_for_every_title_question_answer_and_theme():
    texts = []
    for survey in INSTRUMENTS.values():
        texts += [survey.title, survey.intro, *(t.title for t in survey.themes)]
        for q in survey.questions:
            texts += [q.text, *([q.help] if q.help else []), *(o.label for o in q.options)]
    untranslated = []
    for text in texts:
        with translation.override("cy"):
            welsh = str(text)
        if welsh == str(text):
            untranslated.append(str(text))
    assert texts and not untranslated
