"""A survey's results in parts (server-side pages), rows whose every figure
is hidden counted in one line rather than listed, and the easy-read
"Never" counted in the standard survey's band."""

import re

import pytest
from django.urls import reverse

from joinedup.surveys.instruments import SERVICE_USER, SERVICE_USER_EASY_READ
from joinedup.surveys.models import Response
from joinedup.surveys.scoring import RespondentAnswers, answer_distribution
from joinedup.surveys.tables import HIDDEN, ResultCell, ResultTable

from .conftest import make_links

pytestmark = pytest.mark.django_db


def staff(wave, group, n, morale=4):
    for i in range(n):
        Response.objects.create(
            wave=wave, released=True, instrument="staff_pulse", respondent_group=group,
            answers={"morale": morale, "job_satisfaction": 4, "role_clear": (i % 5) + 1},
        )


def page(client, viewer, wave, query=""):
    client.force_login(viewer)
    return client.get(reverse("surveys:results", args=["northshire", wave.pk]) + query).content.decode()


def test_a_survey_opens_on_its_summary_with_links_to_its_other_parts(client, viewer, wave, members):
    staff(wave, members[0].name, 7)
    staff(wave, members[1].name, 3, morale=1)
    summary = page(client, viewer, wave, "?instrument=staff_pulse")
    assert 'data-result-table="response_rates"' in summary
    assert 'data-result-table="theme_scores"' not in summary and "data-result-table=\"answers_" not in summary
    parts = re.findall(r'href="\?instrument=staff_pulse&amp;section=(\w+)"', summary)
    assert parts[:2] == ["summary", "themes"] and "answers" in parts and parts[-1] == "all"
    assert 'aria-current="page">Summary</a>' in summary
    answers = page(client, viewer, wave, "?instrument=staff_pulse&section=answers")
    assert "data-result-table=\"answers_" in answers and 'data-result-table="response_rates"' not in answers
    everything = page(client, viewer, wave, "?instrument=staff_pulse&section=all")
    assert 'data-result-table="response_rates"' in everything and "data-result-table=\"answers_" in everything
    # An unknown part falls back to the summary.
    assert 'data-result-table="response_rates"' in page(client, viewer, wave, "?instrument=staff_pulse&section=x")


def test_rows_whose_every_figure_is_hidden_are_counted_not_listed(client, viewer, wave, members):
    staff(wave, members[0].name, 7)
    staff(wave, members[1].name, 3, morale=1)
    html = page(client, viewer, wave, "?instrument=staff_pulse&section=answers")
    for table in re.findall(r'data-result-table="answers_.*?</table>', html, re.S):
        for row in re.findall(r"<tr class=\"govuk-table__row\">(.*?)</tr>", table, re.S):
            cells = re.findall(r"<td([^>]*)>", row)
            assert not cells or not all("data-hidden" in c for c in cells)
    counted = re.findall(r'data-unlisted-rows="(\d+)">([^<]*)<', html)
    assert counted, "the hidden group's rows are said to be left out"
    assert all(n == "1" and "every figure in them is hidden" in text for n, text in counted)
    assert members[1].name in counted[0][1]


def test_the_unlisted_line_names_how_many_and_why():
    table = ResultTable("t", "T", ["Group", "Agree", "People"])
    table.rows = [
        [ResultCell("A", header=True), ResultCell("5", count=5), ResultCell("5", count=5)],
        [ResultCell("B", header=True), ResultCell(HIDDEN, hidden=True, reason="Fewer than 5 answered"),
         ResultCell(HIDDEN, hidden=True, reason="Fewer than 5 answered")],
        [ResultCell("C", header=True), ResultCell(HIDDEN, hidden=True, reason="Could be worked out"),
         ResultCell(HIDDEN, hidden=True, reason="Could be worked out")],
    ]
    assert [row[0].text for row in table.listed_rows] == ["A"]
    assert table.unlisted_note == (
        "2 rows are not listed because every figure in them is hidden (B, C): "
        "Fewer than 5 answered. Could be worked out."
    )


def test_the_easy_read_asks_how_often_with_never_and_a_picture_for_every_answer():
    told = SERVICE_USER_EASY_READ.question("told_story")
    assert [str(o.label) for o in told.options][:2] == ["Never", "Once"]
    for question in SERVICE_USER_EASY_READ.questions:
        for option in question.options:
            assert option.picture, f"{question.code}: {option.label} has no picture"


def test_never_and_once_count_in_the_standard_surveys_first_band():
    values = ["0", "1", "0", "1", "0", "2-3", "4+", "0-1", 0, 5]
    answers = [RespondentAnswers("Carers", {"told_story": value}) for value in values]
    distribution = answer_distribution(SERVICE_USER, "told_story", answers)
    counts = dict(zip(distribution.table.column_labels, distribution.table.cells[0], strict=True))
    # The other bands are under the threshold, so hidden; the first band holds all seven.
    assert {str(label): cell.value for label, cell in counts.items()}["Once or not at all"] == 7


def test_the_easy_read_page_shows_each_picture_beside_its_answer_in_welsh_too(client, wave):
    for language in ("en-gb", "cy"):
        link = make_links(wave, group="Carers", instrument="service_user", easy_read=True, language=language)[0]
        html = client.get(reverse("respond:answer", args=[link.token])).content.decode()
        never = re.search(r'<label class="govuk-label govuk-radios__label" for="q-told_story-0">(.*?)</label>', html, re.S)
        assert never, html[:2000]
        assert re.search(r'<img class="joinedup-pictured__picture" src="[^"]*surveys/easy-read/never\.svg" alt=""', never.group(1))
        assert ("Byth" if language == "cy" else "Never") in never.group(1)
        assert html.count('class="joinedup-pictured__picture"') == 5 + 3 * 3


def test_the_answers_are_a_page_per_theme(client, viewer, wave, members):
    staff(wave, members[0].name, 7)
    html = page(client, viewer, wave, "?instrument=staff_pulse&section=answers")
    themes = re.findall(r'href="\?instrument=staff_pulse&amp;section=answers&amp;theme=(\w+)"', html)
    assert themes[:2] == ["wellbeing", "role_clarity"]
    assert "Morale in my team is good." in html and "I am clear about what is expected" not in html
    role = page(client, viewer, wave, "?instrument=staff_pulse&section=answers&theme=role_clarity")
    assert "I am clear about what is expected" in role and "Morale in my team is good." not in role
