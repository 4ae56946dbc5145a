"""The health check figures counted by the database (surveys/theme_counts.py,
scoring.all_respondents_theme_means) equal the ones scored answer by answer
in Python (scoring.theme_scores), on hand-made waves: groups shown, groups
hidden for size or response rate, hidden groups pooled as "other groups",
answers that are not scored (don't know, too few items, not whole numbers
1 to 5), reverse-scored items, answers not yet released, a raised threshold."""

import random
from datetime import date

import pytest

from joinedup.partnerships.models import Partnership
from joinedup.surveys.headlines import latest_health_checks, overall_health_check
from joinedup.surveys.instruments import instrument
from joinedup.surveys.invitations import issue_batch
from joinedup.surveys.models import Response, Wave
from joinedup.surveys.results import invited_counts, responses_by_instrument, rule_for
from joinedup.surveys.scoring import (
    ALL,
    NOT_STATED,
    all_respondents_theme_means,
    respondent_theme_score,
    scores_from_counts,
    theme_scores,
)
from joinedup.surveys.theme_counts import theme_score_counts

SURVEY = instrument("health_check")
SCORED = [q for t in SURVEY.themes for q in SURVEY.theme_questions(t.code)]
# Answers that are not scored, whatever the question: JSON true, a float, a
# string of a number, out of range, don't know.
ODD = [True, False, 3.0, "3", 0, 6, -1, "dont_know", None, [3], {"a": 3}]


def answers(rng, skip=0.15, odd=0.05):
    found = {"group": "x"}
    for q in SCORED:
        roll = rng.random()
        if roll < skip:
            continue
        found[q.code] = rng.choice(ODD) if roll < skip + odd else rng.randint(1, 5)
    return found


def answer(wave, group, given, released=True, code="health_check"):
    return Response.stored.create(wave=wave, instrument=code, respondent_group=group, answers=given,
                                  released=released)


def python_overall(wave):
    """The portfolio's figure as it was worked out before: every answer scored in Python."""
    rows = responses_by_instrument(wave).get("health_check", [])
    invited = dict(invited_counts(wave).get("health_check", {})) or None
    return overall_health_check(SURVEY, theme_scores(SURVEY, rows, invited=invited, rule=rule_for(wave)))


def python_means(wave):
    rows = responses_by_instrument(wave).get("health_check", [])
    invited = dict(invited_counts(wave).get("health_check", {})) or None
    return {s.theme: None if s.suppressed else s.mean
            for s in theme_scores(SURVEY, rows, invited=invited, rule=rule_for(wave)) if s.group == ALL}


def counted_means(wave):
    counts = theme_score_counts([wave.pk], "health_check").get(wave.pk, {})
    invited = dict(invited_counts(wave).get("health_check", {})) or None
    return all_respondents_theme_means(SURVEY, counts, invited=invited, rule=rule_for(wave))


def make_wave(partnership, name="Spring 2026", opens_on=date(2026, 3, 1), **extra):
    return Wave.objects.create(partnership=partnership, name=name, opens_on=opens_on,
                               instruments=["health_check", "staff_pulse"], respondent_groups=["A", "B"], **extra)


def assert_same(wave):
    expected, found = python_means(wave), counted_means(wave)
    assert found.keys() == expected.keys()
    for theme, mean in expected.items():
        assert (found[theme] is None) == (mean is None), theme
        if mean is not None:
            assert found[theme] == pytest.approx(mean, rel=1e-12, abs=0), theme


@pytest.mark.parametrize("seed", range(6))
def test_counted_means_equal_the_scored_ones_on_random_waves(partnership, seed):
    rng = random.Random(seed)
    wave = make_wave(partnership)
    # Big groups shown, small ones hidden (pooled as "other groups" when they may be), no group at all.
    sizes = {"Council": rng.randint(5, 14), "Hospital": rng.randint(3, 9), "Charity": rng.randint(1, 4),
             "Police": rng.randint(1, 4), "": rng.randint(0, 3)}
    for group, size in sizes.items():
        for _ in range(size):
            answer(wave, group, answers(rng, skip=rng.choice([0.0, 0.3, 0.6])))
        # Not released yet: never counted.
        answer(wave, group, answers(rng), released=False)
    # Another instrument's answers with the same question codes are not counted.
    answer(wave, "Council", {q.code: 1 for q in SCORED}, code="staff_pulse")
    assert_same(wave)


def test_the_respondent_scores_behind_the_counts_are_the_python_ones(partnership):
    rng = random.Random(7)
    wave = make_wave(partnership)
    given = [(rng.choice(["A", "B", ""]), answers(rng, skip=0.4, odd=0.2)) for _ in range(60)]
    for group, a in given:
        answer(wave, group, a)
    counts = theme_score_counts([wave.pk], "health_check")[wave.pk]
    for theme in SURVEY.themes:
        for group in ("A", "B", NOT_STATED):
            expected = sorted(
                s for g, a in given if (g or NOT_STATED) == group
                for s in [respondent_theme_score(SURVEY, theme.code, a)] if s is not None
            )
            found = sorted(scores_from_counts(counts.get(theme.code, {}).get(group, {})))
            assert found == expected, (theme.code, group)


def test_hidden_groups_stay_hidden_and_small_pools_are_not_shown(partnership):
    wave = make_wave(partnership)
    for _ in range(6):
        answer(wave, "Council", {q.code: 3 for q in SCORED})
    for group in ("Charity", "Police"):  # 2 + 2: too few to pool, so "all" is the Council alone
        for _ in range(2):
            answer(wave, group, {q.code: 1 for q in SCORED})
    assert_same(wave)
    assert set(counted_means(wave).values()) == {3.0}
    # 3 + 3 hidden groups may be pooled: they count in "all".
    for group in ("Charity", "Police"):
        answer(wave, group, {q.code: 1 for q in SCORED})
    assert_same(wave)
    means = counted_means(wave)
    assert None not in means.values() and set(means.values()) != {3.0}


def test_a_response_rate_too_low_or_a_raised_threshold_hides_as_before(partnership):
    wave = make_wave(partnership)
    issue_batch(wave, group="Council", instrument="health_check", count=40, language="en-gb", easy_read=False)  # 6 of 40 answered: 15%
    issue_batch(wave, group="Hospital", instrument="health_check", count=6, language="en-gb", easy_read=False)
    for group in ("Council", "Hospital"):
        for n in range(6):
            answer(wave, group, {q.code: 1 + (n % 5) for q in SCORED})
    assert_same(wave)
    wave.threshold = 7
    wave.save(update_fields=["threshold"])
    wave.refresh_from_db()
    assert_same(wave)
    assert set(counted_means(wave).values()) == {None}


def test_the_portfolio_figures_equal_the_ones_scored_answer_by_answer(workspace):
    rng = random.Random(3)
    waves = []
    for i in range(5):
        p = Partnership.objects.create(workspace=workspace, name=f"P{i}", form="coordinated_working",
                                       purpose="Joined-up help.", start_date=date(2021, 1, 1))
        old = make_wave(p, name="Old", opens_on=date(2025, 3, 1))
        for _ in range(8):
            answer(old, "Council", {q.code: 5 for q in SCORED})
        latest = make_wave(p, threshold=5 + i % 2)
        for group in ("Council", "Hospital", "Charity")[: 1 + i % 3]:
            for _ in range(rng.randint(2, 12)):
                answer(latest, group, answers(rng, skip=0.2))
        waves.append((p, latest))
    none = Partnership.objects.create(workspace=workspace, name="None", form="coordinated_working",
                                      purpose="Joined-up help.", start_date=date(2021, 1, 1))
    found = latest_health_checks([p for p, _ in waves] + [none], today=date(2026, 6, 1))
    assert found[none.pk].value is None and str(found[none.pk].text) == "No health check"
    shown = 0
    for p, latest in waves:
        expected = python_overall(latest)
        if expected is None:
            assert found[p.pk].value is None and str(found[p.pk].text) == "Not shown (too few answers)"
        else:
            shown += 1
            assert found[p.pk].value == pytest.approx(expected, rel=1e-12, abs=0)
            assert found[p.pk].text == f"{expected:.2f}"
    assert 0 < shown < len(waves)


# --------------------------------------------------------------- kept per wave


def test_the_kept_means_are_worked_out_again_whenever_what_they_come_from_changes(partnership, client):
    from django.contrib.auth import get_user_model
    from django.urls import reverse

    from joinedup.surveys.models import ThemeMeans
    from joinedup.surveys.release import release_answers

    today = date(2026, 6, 1)
    wave = make_wave(partnership)

    def shown():
        figure = latest_health_checks([partnership], today=today)[partnership.pk]
        assert figure.value == python_overall(wave)  # never a figure that disagrees with the answers
        return figure.value

    for _ in range(5):
        answer(wave, "Council", {q.code: 4 for q in SCORED})
    first = shown()
    assert first is not None and ThemeMeans.objects.filter(wave=wave).count() == 1
    kept = ThemeMeans.objects.get(wave=wave).worked_out_at
    assert shown() == first and ThemeMeans.objects.get(wave=wave).worked_out_at == kept  # read, not worked out

    # New answers count once released (in a step of at least the threshold).
    late = [answer(wave, "Council", {q.code: 1 for q in SCORED}, released=False) for _ in range(5)]
    assert shown() == first
    assert release_answers(wave) == 5
    second = shown()
    assert second < first
    # A deleted answer and a new one in its place (same count).
    late[0].delete()
    answer(wave, "Council", {q.code: 2 for q in SCORED})
    third = shown()
    assert first > third > second
    # Invitations: 10 of 60 answered is below the response rate, so hidden.
    issue_batch(wave, group="Council", instrument="health_check", count=60, language="en-gb", easy_read=False)
    assert shown() is None
    # A raised threshold (with fewer invitations made again).
    wave.batches.all().delete()
    assert shown() == third
    wave.threshold = 11  # above the 10 who answered
    wave.save(update_fields=["threshold"])
    assert shown() is None
    wave.threshold = 5
    wave.save(update_fields=["threshold"])
    assert shown() == third

    # An answer edited in place through the admin.
    root = get_user_model().objects.create_superuser("root", "root@example.org", "x-long-password")
    client.force_login(root)
    edited = Response.objects.filter(wave=wave).order_by("pk").first()
    url = reverse("admin:surveys_response_change", args=[edited.pk])
    form = {"wave": wave.pk, "instrument": "health_check", "respondent_group": "Council", "language": "en-gb",
            "answers": '{"purpose_shared": 1}', "released": "on"}
    assert client.post(url, form).status_code == 302
    edited.refresh_from_db()
    assert edited.answers == {"purpose_shared": 1}
    assert shown() != third


# --------------------------------------------------------------- the review's voice facts


def test_the_review_facts_equal_those_from_every_theme_scored(partnership):
    """The facts score only the themes the rules read, and the gaps without
    their intervals: the figures are those of the whole instrument scored."""
    from joinedup.surveys.review_facts import facts_for
    from joinedup.surveys.scoring import perspective_gaps, wave_changes

    rng = random.Random(11)
    staff = instrument("staff_pulse")
    staff_scored = [q for t in staff.themes for q in staff.theme_questions(t.code)]
    waves = [make_wave(partnership, name=f"W{i}", opens_on=date(2025 + i, 3, 1)) for i in range(2)]
    for wave in waves:
        for group, size in {"Council": 9, "Hospital": 6, "Charity": 3, "Police": 3}.items():
            for _ in range(size):
                answer(wave, group, answers(rng, skip=0.2))
        for _ in range(7):
            answer(wave, "Staff", {q.code: rng.randint(1, 5) for q in staff_scored}, code="staff_pulse")
    before, now = waves
    facts = facts_for([partnership], date(2026, 6, 1))[partnership.pk]

    def everything(wave, code, survey, previous=None):
        rows = responses_by_instrument(wave).get(code, [])
        invited = dict(invited_counts(wave).get(code, {})) or None
        earlier = theme_scores(survey, responses_by_instrument(previous)[code], rule=rule_for(wave)) if previous else ()
        return rows, invited, theme_scores(survey, rows, invited=invited, rule=rule_for(wave)), earlier

    rows, invited, scores, earlier = everything(now, "health_check", SURVEY, before)
    full = {s.theme: s for s in scores if s.group == ALL}
    change = {c.theme: c for c in wave_changes(scores, earlier) if c.group == ALL}["communication"]
    assert facts.communication.mean == full["communication"].mean is not None
    assert facts.communication.previous_mean == change.previous_mean
    assert facts.communication.change == change.change is not None
    gaps = sorted(perspective_gaps(SURVEY, rows, invited=invited, rule=rule_for(now)), key=lambda g: -abs(g.difference))
    assert gaps and [(g.theme, g.group, g.group_mean, g.others_mean, g.difference) for g in gaps] == [
        (g.theme, g.group, g.group_mean, g.others_mean, g.difference) for g in facts.partner_gaps]
    then = {s.theme: s.mean for s in everything(before, "staff_pulse", staff)[2] if s.group == ALL}
    current = {s.theme: s.mean for s in everything(now, "staff_pulse", staff)[2] if s.group == ALL}
    assert [(c.theme, c.before, c.now) for c in facts.staff_changes] == [
        (theme, then[theme], current[theme]) for theme in ("wellbeing", "role_clarity")]
