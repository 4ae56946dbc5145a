"""The results page, the CSV export and the outcomes page: one source, and
every figure through the small-number rules."""

import csv
import io
import re

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from joinedup.partnerships.models import Outcome
from joinedup.surveys.models import InvitationBatch, Response
from joinedup.surveys.results import wave_results

pytestmark = pytest.mark.django_db


def answer(wave, group, instrument="staff_pulse", **answers):
    return Response.objects.create(wave=wave, released=True, instrument=instrument, respondent_group=group, answers=answers)


def staff(wave, group, n, morale=4, satisfaction=4):
    for i in range(n):
        answer(wave, group, morale=morale, job_satisfaction=satisfaction, role_clear=(i % 5) + 1)


def results_page(client, user, wave, instrument="staff_pulse"):
    client.force_login(user)
    return client.get(reverse("surveys:results", args=["northshire", wave.pk]) + f"?instrument={instrument}&section=all")


def shown_counts(html):
    return [int(n) for n in re.findall(r'data-count="(\d+)"', html)]


def test_groups_under_the_threshold_are_hidden_on_screen_and_in_the_csv(client, viewer, wave):
    staff(wave, "Northshire Hospitals", 7)
    staff(wave, "Northshire Council", 3, morale=1)
    html = results_page(client, viewer, wave).content.decode()
    assert "Northshire Hospitals" in html and "Hidden" in html
    assert all(n == 0 or n >= 5 for n in shown_counts(html))
    assert "fewer than 5 people in this group answered" in html
    client.force_login(viewer)
    exported = client.get(reverse("surveys:results_csv", args=["northshire", wave.pk])).content.decode()
    rows = list(csv.reader(io.StringIO(exported)))
    council_rows = [r for r in rows if r and r[0] == "Northshire Council"]
    assert council_rows and all(set(r[1:]) <= {"hidden", ""} or "hidden" in r for r in council_rows)


def test_a_hidden_group_cannot_be_worked_out_by_subtracting_from_everyone(client, viewer, wave):
    staff(wave, "Northshire Hospitals", 5)
    staff(wave, "Northshire Hospitals", 1, morale=2)
    staff(wave, "Northshire Council", 3)
    results = wave_results(wave)
    rates = next(t for t in results.instruments[2].tables if t.key == "response_rates")
    everyone = next(r for r in rates.rows if r[0].text == "Everyone")
    # "Everyone" counts only the shown groups, so Everyone - Hospitals is not the council.
    assert everyone[2].count == 6
    morale = next(t for t in results.instruments[2].tables if t.key == "answers_morale")
    shown = {r[0].text for r in morale.rows if not all(c.hidden for c in r[1:])}
    assert shown == {"Northshire Hospitals"}


def test_response_rates_below_the_minimum_are_hidden_with_a_reason(client, viewer, wave):
    InvitationBatch.objects.create(wave=wave, group="Northshire Hospitals", instrument="staff_pulse", count=40)
    staff(wave, "Northshire Hospitals", 6)
    html = results_page(client, viewer, wave).content.decode()
    assert "only 6 of the 40 people invited answered (15%)" in html


def test_results_show_scores_with_intervals_gaps_and_agreement(client, viewer, wave):
    staff(wave, "Northshire Hospitals", 8, morale=5, satisfaction=5)
    staff(wave, "Northshire Council", 8, morale=2, satisfaction=1)
    html = results_page(client, viewer, wave).content.decode()
    assert "Scores by theme" in html and " to " in html and "rwg" in html
    gaps = html.split('data-result-table="perspective_gaps"')[1].split("</table>")[0]
    assert "Job satisfaction and morale" in gaps and "Northshire Council" in gaps and "-3.50" in gaps


def gap_rows(wave):
    results = wave_results(wave)
    pulse = next(i for i in results.instruments if i.code == "staff_pulse")
    table = next(t for t in pulse.tables if t.key == "perspective_gaps")
    return [[cell.text for cell in row] for row in table.rows]


def test_the_gap_table_has_one_row_per_pair_largest_difference_first(viewer, wave):
    staff(wave, "Northshire Hospitals", 8, morale=5, satisfaction=4)
    staff(wave, "Northshire Council", 8, morale=2, satisfaction=3)
    rows = gap_rows(wave)
    pairs = [row[0] for row in rows]
    assert len(pairs) == len(set(pairs)), rows  # two groups: one row for each theme, not two
    sizes = [abs(float(row[4].split(" ")[0])) for row in rows]
    assert sizes == sorted(sizes, reverse=True) and sizes[0] > sizes[-1]


def test_with_three_groups_each_group_is_set_against_the_other_two(viewer, wave):
    staff(wave, "Northshire Hospitals", 8, morale=5, satisfaction=5)
    staff(wave, "Northshire Council", 8, morale=2, satisfaction=1)
    staff(wave, "Front-line staff", 8, morale=3, satisfaction=3)
    rows = gap_rows(wave)
    keys = [(row[0], row[1]) for row in rows]
    assert len(keys) == len(set(keys)) and len({row[1] for row in rows}) == 3
    sizes = [abs(float(row[4].split(" ")[0])) for row in rows]
    assert sizes == sorted(sizes, reverse=True)


def test_free_text_themes_show_redacted_quotes(client, viewer, wave):
    comments = ["Waiting for a care package delays discharge, ring Priya Chaudhry on 07700 900123"] * 6
    comments += ["No shared record between the ward and social care team"] * 6
    for text in comments:
        answer(wave, "Northshire Hospitals", obstacle=text)
    html = results_page(client, viewer, wave).content.decode()
    assert "What people wrote" in html and "care package" in html
    assert "07700" not in html and "Priya" not in html


def test_the_outcomes_page_shows_what_users_chose_and_hides_small_counts(client, viewer, wave, outcomes):
    third = Outcome.objects.create(partnership=wave.partnership, statement="I stay at home.", position=2)
    for i in range(15):
        chosen = [str(outcomes[0].pk)] if i < 7 else [str(third.pk)] if i < 13 else [str(outcomes[1].pk)]
        answer(wave, "Service users", "service_user", outcomes=chosen, missing="Help for carers to get a break")
    client.force_login(viewer)
    html = client.get(reverse("surveys:outcomes", args=["northshire", wave.partnership.pk])).content.decode()
    assert "I only have to tell my story once." in html and 'data-count="7"' in html
    assert 'data-count="2"' not in html and "Hidden" in html
    detail = client.get(reverse("partnerships:detail", args=["northshire", wave.partnership.pk])).content.decode()
    assert "What service users and carers say" in detail


def outcomes_page(client, user, wave):
    client.force_login(user)
    return client.get(reverse("surveys:outcomes", args=["northshire", wave.partnership.pk])).content.decode()


def test_the_outcomes_pages_hide_a_group_below_the_minimum_response_rate(client, viewer, wave, outcomes):
    InvitationBatch.objects.create(wave=wave, group="Service users", instrument="service_user", count=500)
    comments = ["Help for carers to get a break at weekends", "Transport to the day centre is missing"]
    for i in range(12):
        answer(wave, "Service users", "service_user", outcomes=[str(outcomes[0].pk)], missing=comments[i % 2])
    html = outcomes_page(client, viewer, wave)
    assert 'data-count="12"' not in html and "day centre" not in html
    assert "only 12 of the 500 people invited answered (2%)" in html
    detail = client.get(reverse("partnerships:detail", args=["northshire", wave.partnership.pk])).content.decode()
    assert 'data-count="12"' not in detail and "only 12 of the 500 people invited answered" in detail


def test_the_outcomes_page_counts_only_the_groups_the_results_page_shows(client, viewer, wave, outcomes):
    for n in range(11):
        answer(wave, "Service users", "service_user", outcomes=[str(outcomes[n % 2].pk)])
    for _ in range(3):
        answer(wave, "Carers", "service_user", outcomes=[str(outcomes[0].pk)])
    html = outcomes_page(client, viewer, wave)
    # 9 would give away the 3 carers beside the results page's 6 service users.
    assert 'data-count="9"' not in html and 'data-count="6"' in html
    assert "Carers: Hidden to protect anonymity: fewer than 5 people in this group answered." in html


def test_the_outcomes_page_uses_the_waves_threshold(client, viewer, wave, outcomes):
    wave.threshold = 7
    wave.save()
    for _ in range(6):
        answer(wave, "Service users", "service_user", outcomes=[str(outcomes[0].pk)])
    html = outcomes_page(client, viewer, wave)
    assert "fewer than 7 people" in html and "fewer than 5" not in html
    assert 'data-count="6"' not in html


def test_free_text_themes_follow_the_minimum_response_rate(client, viewer, wave):
    InvitationBatch.objects.create(wave=wave, group="Northshire Hospitals", instrument="staff_pulse", count=100)
    for text in ["Waiting for a care package delays discharge"] * 6 + ["No shared record with the social care team"] * 6:
        answer(wave, "Northshire Hospitals", obstacle=text)
    html = results_page(client, viewer, wave).content.decode()
    assert "care package" not in html and "shared record" not in html
    assert "only 12 of the 100 people invited answered (12%)" in html.split("What people wrote")[1]


def culture_answer(wave, org, own, about=None, rating=None):
    answers = {"group": str(org.pk), "own_papers": own}
    if about is not None:
        answers[f"partner_papers__{about.pk}"] = rating
    return Response.objects.create(wave=wave, released=True, instrument="culture", respondent_group=org.name, answers=answers)


def test_the_culture_check_shows_no_view_that_fewer_than_five_gave(client, viewer, wave, members):
    hospitals, council, later_life = members
    culture_answer(wave, hospitals, 1)  # one person's view of their own organisation
    for _ in range(6):
        culture_answer(wave, council, 5, about=hospitals, rating=5)
    for _ in range(5):
        culture_answer(wave, later_life, 4, about=hospitals, rating=5)
    html = results_page(client, viewer, wave, "culture").content.decode()
    clashes = html.split('id="culture_clashes"')[1].split('id="style_mismatches"')[0]
    mismatches = html.split('id="style_mismatches"')[1].split("<h3")[0]
    assert "<table" not in clashes and "<table" not in mismatches
    assert "Northshire Hospitals: Hidden to protect anonymity: fewer than 5 people in this group answered." in clashes
    assert "at least 5 people from it gave it" in clashes
    for _ in range(4):
        culture_answer(wave, hospitals, 1)
    html = results_page(client, viewer, wave, "culture").content.decode()
    clashes = html.split('id="culture_clashes"')[1].split('id="style_mismatches"')[0]
    assert "Northshire Hospitals" in clashes and 'data-count="11"' in clashes



def test_a_formula_in_an_answer_is_neutralised_in_the_export(client, viewer, wave):
    for i in range(12):
        topic = ["shared record missing again", "care package waits for weeks"][i % 2]
        answer(wave, "Northshire Hospitals", obstacle=f'=cmd|"/c calc"!A1 {topic} ward {i}')
    client.force_login(viewer)
    exported = client.get(reverse("surveys:results_csv", args=["northshire", wave.pk])).content.decode()
    cells = [c for row in csv.reader(io.StringIO(exported)) for c in row]
    assert not any(c.startswith(("=", "+", "-", "@")) for c in cells)
    assert any(c.startswith("'=cmd") for c in cells)


groups = st.sampled_from(["Northshire Hospitals", "Northshire Council", "Later Life Northshire", "Carers"])
one_answer = st.fixed_dictionaries({
    "group": groups, "morale": st.integers(1, 5), "job_satisfaction": st.integers(1, 5),
    "role_clear": st.one_of(st.none(), st.integers(1, 5)),
})
one_user = st.tuples(st.sampled_from(["Service users", "Carers"]), st.integers(0, 1))
one_partner = st.tuples(st.integers(0, 2), st.integers(1, 5), st.integers(0, 2), st.integers(1, 5))


def assert_no_small_count_in(html):
    assert all(n == 0 or n >= 5 for n in shown_counts(html)), shown_counts(html)
    for table in re.findall(r"<table.*?</table>", html, re.S):
        for cell in re.findall(r"<td[^>]*>(.*?)</td>", table, re.S):
            text = re.sub(r"<[^>]+>", "", cell).strip()
            if re.fullmatch(r"\d+", text):
                assert int(text) == 0 or int(text) >= 5 or 'data-count' not in cell, cell


def assert_no_small_count_in_csv(exported):
    """Every whole number in the export counts people, except links made ("Invited")."""
    headings = []
    for row in list(csv.reader(io.StringIO(exported)))[3:]:
        if row and row[0] in ("Group", "Theme", "Outcome", "Organisation", "theme"):
            headings = row
            continue
        for heading, text in zip(headings, row, strict=False):
            if heading != "Invited" and re.fullmatch(r"\d+", text):
                assert int(text) == 0 or int(text) >= 5, (heading, row)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    answers=st.lists(one_answer, max_size=30), invited=st.one_of(st.none(), st.integers(1, 60)),
    users=st.lists(one_user, max_size=14), users_invited=st.one_of(st.none(), st.integers(1, 80)),
    partners=st.lists(one_partner, max_size=14),
)
def test_no_rendered_results_table_shows_a_count_under_the_threshold(
    client, viewer, wave, members, outcomes, answers, invited, users, users_invited, partners,
):
    Response.objects.all().delete()
    InvitationBatch.objects.all().delete()
    if invited:
        InvitationBatch.objects.create(wave=wave, group="Northshire Hospitals", instrument="staff_pulse", count=invited)
    if users_invited:
        InvitationBatch.objects.create(wave=wave, group="Service users", instrument="service_user", count=users_invited)
    for a in answers:
        values = {k: v for k, v in a.items() if k != "group" and v is not None}
        answer(wave, a["group"], **values)
    for group, choice in users:
        answer(wave, group, "service_user", outcomes=[str(outcomes[choice].pk)], told_story=choice + 1)
    for rater, own, about, rating in partners:
        if about != rater:
            culture_answer(wave, members[rater], own, about=members[about], rating=rating)
        else:
            culture_answer(wave, members[rater], own)
    for instrument in ("staff_pulse", "service_user", "culture"):
        assert_no_small_count_in(results_page(client, viewer, wave, instrument).content.decode())
    assert_no_small_count_in(outcomes_page(client, viewer, wave))
    assert_no_small_count_in(client.get(reverse("surveys:wave", args=["northshire", wave.pk])).content.decode())
    assert_no_small_count_in(
        client.get(reverse("partnerships:detail", args=["northshire", wave.partnership.pk])).content.decode()
    )
    assert_no_small_count_in_csv(
        client.get(reverse("surveys:results_csv", args=["northshire", wave.pk])).content.decode()
    )
