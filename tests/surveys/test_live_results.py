"""A reader who looks at a live wave twice, or many times, learns nothing
about any one person from the difference (docs/surveys.md, "Looking twice").

Answers count in the results only when released, a group's at least the
threshold at a time, so between any two views each group's answers stay the
same or grow by at least the threshold, and everything shown (results pages,
CSV, wave page, partnership page) moves in those steps and only then."""

import csv
import io
import re

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from joinedup.review.facts import partnership_facts
from joinedup.surveys import respond
from joinedup.surveys.models import Obstacle, Response
from joinedup.surveys.release import release_answers
from joinedup.surveys.results import rule_for

from .conftest import make_links
from .test_disclosure import (
    assert_no_hidden_count_can_be_worked_out,
    read_everything,
    response_rate_rows,
)

pytestmark = pytest.mark.django_db

HOSPITALS, COUNCIL, CHARITY = "Northshire Hospitals", "Northshire Council", "Later Life Northshire"


def staff_answers(score, obstacle=""):
    answers = {code: str(score) for code in
               ("job_satisfaction", "morale", "role_clear", "know_contact", "contact_helpful", "partnership_effect")}
    if obstacle:
        answers |= {"obstacle": obstacle, "obstacle_consent": "yes"}
    return answers


def answer_through_the_page(client, link, answers):
    sent = client.post(reverse("respond:answer", args=[link.token]), {**answers, "action": "send"})
    assert sent.status_code in (200, 302), sent.status_code


def everything_shown(client, viewer, wave):
    """Every page and export about the wave, as a reader sees them (less the
    per-request CSRF token and script nonce)."""
    results, wave_page, voice_page, exported = read_everything(client, viewer, wave)
    pages = [*results.values(), wave_page, voice_page, exported]
    return [re.sub(r'(name="csrfmiddlewaretoken" value|nonce)="[^"]*"', "", page) for page in pages]


def csv_download(client, viewer, wave):
    client.force_login(viewer)
    return client.get(reverse("surveys:results_csv", args=["northshire", wave.pk])).content.decode()


def csv_means(exported, group):
    """{theme: mean} of one group's scores in the CSV export."""
    means, columns = {}, None
    for row in csv.reader(io.StringIO(exported)):
        if row[:2] == ["Theme", "Group"]:
            columns = row
        elif not row:
            columns = None
        elif columns and len(row) > 3 and row[1] == group and re.match(r"\d\.\d\d", row[3]):
            means[row[0]] = float(row[3][:4])
    return means


def test_downloading_before_and_after_one_answer_gives_nothing_away(client, viewer, wave, members):
    """The attack: download the results, let one person answer, download again,
    and read their scores from the change in the means (22 x new - 21 x old)."""
    wave.instruments = ["staff_pulse"]
    wave.save()
    links = make_links(wave, group=HOSPITALS, instrument="staff_pulse", count=40)
    for link in links[:21]:
        answer_through_the_page(client, link, staff_answers(3))
    client.logout()
    before = csv_download(client, viewer, wave)
    assert csv_means(before, HOSPITALS), "21 answers from the hospitals are released and shown"
    pages_before = everything_shown(client, viewer, wave)

    client.logout()
    answer_through_the_page(client, links[21], staff_answers(5, obstacle="Referrals to the council get lost"))
    after = csv_download(client, viewer, wave)
    assert after == before, "one answer changed the export"
    assert everything_shown(client, viewer, wave) == pages_before, "one answer changed a page"
    assert not Obstacle.objects.exists(), "the obstacle appeared with its answer"

    # Up to threshold - 1 more change nothing either; the threshold-th releases them all together.
    threshold = rule_for(wave).threshold
    for k, link in enumerate(links[22:21 + threshold], start=2):
        client.logout()
        answer_through_the_page(client, link, staff_answers(1))
        now = csv_download(client, viewer, wave)
        if k < threshold:
            assert now == before, k
    assert now != before
    rates_before = response_rate_rows(pages_before[0])[0]
    rates_now = response_rate_rows(everything_shown(client, viewer, wave)[0])[0]
    assert rates_now[HOSPITALS] - rates_before[HOSPITALS] == threshold
    # The change in the means is the mean of the 5 new answers (5 + 1 + 1 + 1 + 1) / 5,
    # not the 5 the first of them gave: their own answer cannot be told from the others'.
    for theme, mean in csv_means(now, HOSPITALS).items():
        new = (mean * rates_now[HOSPITALS] - csv_means(before, HOSPITALS)[theme] * 21) / threshold
        assert new == pytest.approx(9 / 5, abs=0.02), theme
    assert Obstacle.objects.count() == 1


def test_the_wave_page_and_review_facts_move_in_the_same_steps(client, viewer, wave, members, partnership):
    wave.instruments = ["staff_pulse"]
    wave.save()
    links = make_links(wave, group=HOSPITALS, instrument="staff_pulse", count=20)
    for n, link in enumerate(links[:12], start=1):
        client.logout()
        answer_through_the_page(client, link, staff_answers(4))
        client.force_login(viewer)
        page = client.get(reverse("surveys:wave", args=["northshire", wave.pk])).content.decode()
        counted = re.search(r"Answers counted in the results</dt>\s*<dd[^>]*>(.*?)</dd>", page, re.S).group(1)
        assert re.sub(r"<[^>]+>|\s", "", counted) == ("Noneyet" if n < 5 else str(n // 5 * 5)), (n, counted)
        assert Response.objects.filter(wave=wave).count() == n // 5 * 5
        voice = partnership_facts(partnership, as_of=wave.opens_on).voice
        assert voice.answered == n // 5 * 5, n


def test_closing_releases_everything_when_nothing_was_released_before(wave, members):
    wave.instruments = ["staff_pulse"]
    wave.save()
    for group, n in [(HOSPITALS, 6), (COUNCIL, 3), (CHARITY, 2)]:
        for link in make_links(wave, group=group, instrument="staff_pulse", count=n):
            assert respond.send(respond.open_invitation(link.token), staff_answers(3)).sent
    assert release_answers(wave, closing=True) == 11  # one view only: as if read after closing


def test_closing_holds_back_a_remainder_smaller_than_the_threshold(wave, members):
    wave.instruments = ["staff_pulse"]
    wave.save()
    links = make_links(wave, group=HOSPITALS, instrument="staff_pulse", count=10)
    for link in links[:7]:
        respond.send(respond.open_invitation(link.token), staff_answers(3))
    assert release_answers(wave) == 7
    respond.send(respond.open_invitation(links[7].token), staff_answers(3))
    assert release_answers(wave, closing=True) == 0
    assert Response.objects.count() == 7 and Response.stored.count() == 8


# Each step: a group and how many of its people answer, then whether a reader looks.
steps = st.lists(
    st.tuples(st.sampled_from([HOSPITALS, COUNCIL, CHARITY]), st.integers(1, 4), st.booleans()),
    min_size=2, max_size=9,
)


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=steps)
def test_no_two_views_of_a_live_wave_differ_by_fewer_than_the_threshold(client, viewer, wave, members, steps):
    """n successive views: every group's counted answers stay put or grow by at
    least the threshold; while they stay put, every page and the CSV are
    unchanged; and no view lets a hidden group's size be worked out."""
    Response.stored.all().delete()
    wave.batches.all().delete()
    wave.instruments = ["staff_pulse"]
    wave.status = "open"  # each example closes it at the end
    wave.save()
    threshold = rule_for(wave).threshold
    links = {g: iter(make_links(wave, group=g, instrument="staff_pulse", count=40)) for g in (HOSPITALS, COUNCIL, CHARITY)}
    views, released = [], []
    for group, n, look in [*steps, (HOSPITALS, 0, True)]:
        for _ in range(n):
            respond.send(respond.open_invitation(next(links[group]).token), staff_answers(1 + len(views) % 5))
        if not look:
            continue
        views.append(everything_shown(client, viewer, wave))
        released.append(set(Response.objects.values_list("pk", flat=True)))
        counts = response_rate_rows(views[-1][0])[0]
        for group_counted in counts.values():
            assert group_counted is None or group_counted == 0 or group_counted >= threshold, counts
        if len(views) > 1:
            assert released[-2] <= released[-1], "a released answer was taken back"
            before = response_rate_rows(views[-2][0])[0]
            for group_name, value in counts.items():
                if group_name != "Everyone":
                    step = (value or 0) - (before.get(group_name) or 0)
                    assert step == 0 or step >= threshold, (group_name, before, counts)
            if released[-2] == released[-1]:
                assert views[-1] == views[-2], "a page changed with no release"
    assert_no_hidden_count_can_be_worked_out(client, viewer, wave)
    # Closing: the last step too is 0 or at least the threshold per group, as
    # something was released before it (the final look above saw it).
    last = response_rate_rows(views[-1][0])[0]
    release_answers(wave, closing=True)
    wave.status = "closed"
    wave.save()
    closed = response_rate_rows(everything_shown(client, viewer, wave)[0])[0]
    for group_name, value in closed.items():
        if group_name != "Everyone" and last.get("Everyone"):
            step = (value or 0) - (last.get(group_name) or 0)
            assert step == 0 or step >= threshold, (group_name, last, closed)
    assert_no_hidden_count_can_be_worked_out(client, viewer, wave)
