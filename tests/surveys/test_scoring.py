import math
import random

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from joinedup.surveys.instruments import (
    HEALTH_CHECK,
    SERVICE_USER,
    STAFF_PULSE,
    with_partnership,
)
from joinedup.surveys.scoring import (
    ALL,
    OTHER_GROUPS,
    RespondentAnswers,
    answer_distribution,
    group_visibility,
    perspective_gaps,
    respondent_theme_score,
    response_rates,
    score_wave,
    theme_scores,
    wave_changes,
    welch_interval,
    within_group_agreement,
)
from joinedup.surveys.suppression import SuppressionRule

ORGANISATIONS = [
    ("nhs", "Riverside NHS Trust"),
    ("council", "Riverside Council"),
    ("housing", "Riverside Homes"),
    ("voluntary", "Carers Together"),
]
PULSE = with_partnership(STAFF_PULSE, ORGANISATIONS)
CHECK = with_partnership(HEALTH_CHECK, ORGANISATIONS)
EXPERIENCE = with_partnership(
    SERVICE_USER, [], [("once", "I only tell my story once"), ("home", "I can stay at home")]
)


def pulse(group: str, morale: int, satisfaction: int, **more) -> RespondentAnswers:
    return RespondentAnswers(
        group, {"group": group, "morale": morale, "job_satisfaction": satisfaction, **more}
    )


def score(scores, theme, group):
    return next(s for s in scores if s.theme == theme and s.group == group)


def test_it_turns_reverse_scored_answers_round():
    answers = {"purpose_shared": 5, "purpose_outcomes": 5, "purpose_meetings": 5}
    # purpose_meetings is reverse scored: agreeing strongly counts as 1.
    assert respondent_theme_score(CHECK, "purpose", answers) == pytest.approx((5 + 5 + 1) / 3)


def test_it_ignores_dont_know_and_needs_half_the_items():
    assert (
        respondent_theme_score(
            CHECK, "purpose", {"purpose_shared": 4, "purpose_outcomes": "dont_know"}
        )
        is None
    )
    two = {"purpose_shared": 4, "purpose_outcomes": 2, "purpose_meetings": "dont_know"}
    assert respondent_theme_score(CHECK, "purpose", two) == 3.0
    assert (
        respondent_theme_score(CHECK, "purpose", {"purpose_shared": 9, "purpose_outcomes": True})
        is None
    )


def test_it_gives_a_group_mean_with_a_t_interval_sd_and_iqr():
    morale = [2, 3, 3, 4, 4, 5]
    satisfaction = [2, 3, 4, 4, 5, 5]
    responses = [pulse("nhs", m, s) for m, s in zip(morale, satisfaction, strict=True)]
    result = score(theme_scores(PULSE, responses), "wellbeing", "nhs")
    per_person = np.array([(m + s) / 2 for m, s in zip(morale, satisfaction, strict=True)])
    low, high = stats.t.interval(
        0.95, len(per_person) - 1, loc=per_person.mean(), scale=stats.sem(per_person)
    )
    assert result.n == 6
    assert result.mean == pytest.approx(per_person.mean())
    assert (result.ci_low, result.ci_high) == (pytest.approx(low), pytest.approx(high))
    assert result.sd == pytest.approx(per_person.std(ddof=1))
    assert result.iqr == pytest.approx(
        np.percentile(per_person, 75) - np.percentile(per_person, 25)
    )
    assert not result.suppressed


def test_it_keeps_the_interval_inside_the_scale():
    responses = [pulse("nhs", 5, 5) for _ in range(5)] + [pulse("nhs", 1, 1)]
    result = score(theme_scores(PULSE, responses), "wellbeing", "nhs")
    assert 1.0 <= result.ci_low and result.ci_high <= 5.0


def test_it_measures_agreement_with_rwg():
    assert within_group_agreement(np.array([[4.0, 4.0]] * 6)) == 1.0
    # Answers spread evenly over 1..5 are as spread as random answering.
    spread = np.array([[v, v] for v in [1, 2, 3, 4, 5, 1, 2, 3, 4, 5]], dtype=float)
    assert within_group_agreement(spread) == 0.0
    items = np.array([[4, 5], [4, 4], [3, 4], [5, 5], [4, np.nan]], dtype=float)
    mean_variance = np.mean([np.var([4, 4, 3, 5, 4], ddof=1), np.var([5, 4, 4, 5], ddof=1)])
    ratio = mean_variance / 2
    expected = 2 * (1 - ratio) / (2 * (1 - ratio) + ratio)
    assert within_group_agreement(items) == pytest.approx(expected)
    assert within_group_agreement(np.array([[4.0]])) is None


def test_it_hides_a_group_below_the_threshold_and_keeps_it_out_of_all():
    responses = [pulse("nhs", 4, 4) for _ in range(6)] + [pulse("housing", 1, 1) for _ in range(3)]
    scores = theme_scores(PULSE, responses)
    housing = score(scores, "wellbeing", "housing")
    assert housing.suppressed and housing.mean is None and housing.n is None
    assert "fewer than 5" in str(housing.reason)
    everyone = score(scores, "wellbeing", ALL)
    # With only one hidden group, "all" must not include it, or all - nhs = housing.
    assert everyone.n == 6 and everyone.mean == 4.0
    assert everyone.pooled_groups == ("nhs",)
    assert not any(s.group == OTHER_GROUPS for s in scores)


def test_it_pools_two_small_groups_when_their_sizes_cannot_be_worked_out():
    responses = [pulse("nhs", 4, 4) for _ in range(6)]
    responses += [pulse("housing", 2, 2) for _ in range(3)] + [
        pulse("voluntary", 3, 3) for _ in range(4)
    ]
    scores = theme_scores(PULSE, responses)
    others = score(scores, "wellbeing", OTHER_GROUPS)
    assert others.n == 7 and others.mean == pytest.approx((3 * 2 + 4 * 3) / 7)
    assert others.pooled_groups == ("housing", "voluntary")
    assert score(scores, "wellbeing", ALL).n == 13


def test_it_does_not_pool_small_groups_whose_sizes_the_total_would_give_away():
    counts = {"nhs": 6, "housing": 4, "voluntary": 4}  # 8 hidden: each must be 4
    assert group_visibility(counts).merged == ()
    assert group_visibility({"nhs": 6, "housing": 3, "voluntary": 4}).merged == (
        "housing",
        "voluntary",
    )
    assert (
        group_visibility({"nhs": 6, "housing": 2, "voluntary": 2}).merged == ()
    )  # under 5 together
    many_ones = {f"team {n}": 1 for n in range(6)}  # 6 hidden groups adding to 6: all 1
    assert group_visibility(many_ones).merged == ()


def test_it_hides_a_group_with_a_low_response_rate():
    responses = [pulse("nhs", 4, 4) for _ in range(6)] + [pulse("council", 3, 3) for _ in range(6)]
    scores = theme_scores(PULSE, responses, invited={"nhs": 10, "council": 40})
    council = score(scores, "wellbeing", "council")
    assert council.suppressed and "6 of the 40" in str(council.reason)
    assert not score(scores, "wellbeing", "nhs").suppressed


def test_it_finds_the_biggest_perspective_gap_first():
    rng = random.Random(4)
    responses = []
    for group, centre in [("nhs", 4), ("council", 3), ("housing", 3), ("voluntary", 2)]:
        for _ in range(8):
            responses.append(pulse(group, centre + rng.choice([0, 0, 1, -1]), centre))
    gaps = perspective_gaps(PULSE, responses)
    assert gaps[0].group in {"nhs", "voluntary"}
    sizes = [abs(g.standardised_difference) for g in gaps if g.standardised_difference is not None]
    assert sizes == sorted(sizes, reverse=True)
    first = gaps[0]
    mine = [
        respondent_theme_score(PULSE, first.theme, r.answers)
        for r in responses
        if r.group == first.group
    ]
    others = [
        respondent_theme_score(PULSE, first.theme, r.answers)
        for r in responses
        if r.group != first.group
    ]
    pooled = math.sqrt(
        ((len(mine) - 1) * np.var(mine, ddof=1) + (len(others) - 1) * np.var(others, ddof=1))
        / (len(mine) + len(others) - 2)
    )
    assert first.difference == pytest.approx(np.mean(mine) - np.mean(others))
    assert first.standardised_difference == pytest.approx(first.difference / pooled)
    welch = stats.ttest_ind(mine, others, equal_var=False).confidence_interval(0.95)
    assert (first.ci_low, first.ci_high) == (pytest.approx(welch.low), pytest.approx(welch.high))


def test_it_leaves_hidden_groups_out_of_the_others_in_a_gap():
    responses = [pulse("nhs", 5, 5) for _ in range(6)] + [pulse("council", 3, 3) for _ in range(6)]
    responses += [pulse("housing", 1, 1) for _ in range(2)]
    gaps = [g for g in perspective_gaps(PULSE, responses) if g.theme == "wellbeing"]
    nhs = next(g for g in gaps if g.group == "nhs")
    assert nhs.others_mean == 3.0 and nhs.n_others == 6
    assert all(g.group != "housing" for g in gaps)


def test_it_reports_change_since_the_previous_wave_with_a_welch_interval():
    before = [pulse("nhs", m, m) for m in [2, 2, 3, 3, 2, 3]]
    after = [pulse("nhs", m, m) for m in [4, 4, 3, 5, 4, 4, 3]]
    changes = wave_changes(theme_scores(PULSE, after), theme_scores(PULSE, before))
    change = next(c for c in changes if c.theme == "wellbeing" and c.group == "nhs")
    assert change.change == pytest.approx(
        np.mean([4, 4, 3, 5, 4, 4, 3]) - np.mean([2, 2, 3, 3, 2, 3])
    )
    welch = stats.ttest_ind(
        [4, 4, 3, 5, 4, 4, 3], [2, 2, 3, 3, 2, 3], equal_var=False
    ).confidence_interval(0.95)
    assert (change.ci_low, change.ci_high) == (pytest.approx(welch.low), pytest.approx(welch.high))


def test_it_does_not_report_change_when_a_wave_is_hidden():
    before = [pulse("nhs", 3, 3) for _ in range(3)]
    after = [pulse("nhs", 4, 4) for _ in range(6)]
    change = next(
        c
        for c in wave_changes(theme_scores(PULSE, after), theme_scores(PULSE, before))
        if c.group == "nhs"
    )
    assert change.suppressed and change.change is None


def test_it_handles_a_welch_interval_with_no_spread():
    assert welch_interval(0.5, 0.0, 5, 0.0, 6) == (0.5, 0.5)


def test_it_counts_response_rates_and_hides_small_numbers():
    rates = {
        r.group: r
        for r in response_rates({"nhs": 12, "housing": 3}, {"nhs": 20, "housing": 5, "police": 4})
    }
    assert rates["nhs"].answered == 12 and rates["nhs"].rate == pytest.approx(0.6)
    assert rates["housing"].answered is None and rates["housing"].rate is None
    assert not rates["housing"].results_shown
    assert rates["police"].answered == 0 and "No one" in str(rates["police"].reason)
    # All leaves out the one small group, so it cannot be found by subtraction.
    assert rates[ALL].answered == 12 and rates[ALL].invited == 24
    assert "housing" not in rates[ALL].pooled_groups


def test_it_counts_small_groups_in_all_when_they_can_be_pooled():
    rates = {r.group: r for r in response_rates({"nhs": 12, "housing": 3, "police": 4})}
    assert rates[ALL].answered == 19 and rates[ALL].invited is None


def test_it_bands_counts_and_suppresses_the_distribution():
    answers = [0, 1, 1, 2, 3, 3, 3, 4, 6, 9, 12, 1, 0]
    responses = [RespondentAnswers("users", {"told_story": n}) for n in answers]
    distribution = answer_distribution(EXPERIENCE, "told_story", responses)
    table = distribution.table
    assert table.row_labels == ("users",)
    # 0-1: 5 people, 2-3: 4 (hidden), 4+: 4 (hidden)
    assert table.cells[0][0].value == 5
    assert table.cells[0][1].suppressed and table.cells[0][2].suppressed
    assert table.row_totals[0].value == 13


def test_it_counts_each_outcome_chosen():
    responses = [RespondentAnswers("users", {"outcomes": ("once", "home")}) for _ in range(6)]
    responses += [RespondentAnswers("users", {"outcomes": ("once",)}) for _ in range(2)]
    table = answer_distribution(EXPERIENCE, "outcomes", responses).table
    assert [c.value for c in table.cells[0]] == [8, 6]


def test_it_leaves_hidden_groups_out_of_the_distribution():
    responses = [RespondentAnswers("carers", {"services_talk": "yes"}) for _ in range(2)]
    responses += [
        RespondentAnswers("users", {"services_talk": v}) for v in ["yes"] * 6 + ["no"] * 5
    ]
    distribution = answer_distribution(EXPERIENCE, "services_talk", responses)
    assert distribution.table.row_labels == ("users",)
    assert set(distribution.hidden_groups) == {"carers"}
    assert distribution.table.total.value == 11


def test_it_scores_a_whole_wave():
    rng = random.Random(7)
    responses = []
    for group, n in [("nhs", 9), ("council", 7), ("housing", 2), ("voluntary", 4)]:
        for _ in range(n):
            answers = {q.code: rng.randint(1, 5) for q in CHECK.questions if q.kind == "agreement5"}
            answers["changes"] = ("people_left",)
            responses.append(RespondentAnswers(group, {"group": group, **answers}))
    wave = score_wave(
        CHECK, responses, invited={"nhs": 12, "council": 20, "housing": 6, "voluntary": 8}
    )
    assert {s.theme for s in wave.theme_scores} == {t.code for t in CHECK.themes}
    assert "group" not in wave.distributions and "improve" not in wave.distributions
    assert "changes" in wave.distributions and "purpose_shared" in wave.distributions
    assert [r.group for r in wave.response_rates][-1] == ALL
    assert wave.changes == []


def test_it_scores_the_service_user_survey_without_themes():
    responses = [
        RespondentAnswers("users", {"services_talk": answer, "what_matters": "Staying at home"})
        for answer in ["yes"] * 5 + ["no"] * 6 + ["not_sure"] * 5
    ]
    wave = score_wave(EXPERIENCE, responses)
    assert wave.theme_scores == [] and wave.perspective_gaps == []
    assert wave.distributions["services_talk"].table.cells[0][1].value == 6


@settings(max_examples=60, deadline=None)
@given(
    sizes=st.lists(st.integers(0, 12), min_size=1, max_size=6), threshold=st.sampled_from([5, 8])
)
def test_it_never_lets_all_minus_the_shown_groups_reveal_one_hidden_group(sizes, threshold):
    rule = SuppressionRule(threshold=threshold)
    responses = []
    for g, n in enumerate(sizes):
        responses += [pulse(f"group {g}", 1 + (g + k) % 5, 3) for k in range(n)]
    scores = [s for s in theme_scores(PULSE, responses, rule=rule) if s.theme == "wellbeing"]
    shown = [s for s in scores if not s.suppressed and s.group not in (ALL, OTHER_GROUPS)]
    for s in shown:
        assert s.n >= threshold
    everyone = next(s for s in scores if s.group == ALL)
    if everyone.suppressed:
        return
    left_over = everyone.n - sum(s.n for s in shown)
    hidden = [sizes[g] for g in range(len(sizes)) if 0 < sizes[g] < threshold]
    assert left_over == 0 or (left_over >= threshold and len(hidden) >= 2)
