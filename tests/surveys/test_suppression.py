import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.optimize import Bounds, LinearConstraint, milp

from joinedup.surveys.suppression import (
    DEFAULT_RULE,
    SuppressedTable,
    SuppressionRule,
    response_rate_reason,
    small_group_reason,
    small_number_reason,
    suppress_table,
)


def values(table: SuppressedTable) -> list[list[int | None]]:
    return [[cell.value for cell in row] for row in table.cells]


def hidden_count(cells) -> int:
    return sum(cell.suppressed for cell in cells)


def lines(table: SuppressedTable):
    """Every (members, total) pair a reader could subtract within."""
    for row, total in zip(table.cells, table.row_totals, strict=True):
        yield row, total
    for j, total in enumerate(table.column_totals):
        yield [row[j] for row in table.cells], total
    yield table.row_totals, table.total
    yield table.column_totals, table.total


def reader_bounds(table: SuppressedTable) -> tuple[list[tuple[int, int]], list[int]]:
    """Hidden cells, and what a reader knows each is at least.

    Zeros are hidden like small counts, so a hidden cell may be 0.
    """
    hidden, lower = [], []
    for i, row in enumerate(table.cells):
        for j, cell in enumerate(row):
            if cell.suppressed:
                hidden.append((i, j))
                lower.append(0)
    return hidden, lower


def shown_equations(table: SuppressedTable, hidden):
    """(coefficients over hidden cells, right-hand side) for every shown total."""
    n_rows, n_columns = len(table.cells), len(table.column_totals)
    known = [[0 if c.suppressed else c.value for c in row] for row in table.cells]
    equations = []
    for i in range(n_rows):
        if not table.row_totals[i].suppressed:
            equations.append(
                ([int(r == i) for r, _c in hidden], table.row_totals[i].value - sum(known[i]))
            )
    for j in range(n_columns):
        if not table.column_totals[j].suppressed:
            rest = table.column_totals[j].value - sum(row[j] for row in known)
            equations.append(([int(c == j) for _r, c in hidden], rest))
    if not table.total.suppressed:
        equations.append(([1] * len(hidden), table.total.value - sum(map(sum, known))))
    return equations


def possible_values(table: SuppressedTable) -> dict[tuple[int, int], tuple[float, float]]:
    """Smallest and largest whole value a reader could give each hidden cell (integer programme)."""
    hidden, lower = reader_bounds(table)
    equations = shown_equations(table, hidden)
    constraints = []
    if equations:
        matrix = np.array([e[0] for e in equations], dtype=float)
        rhs = np.array([e[1] for e in equations], dtype=float)
        constraints = [LinearConstraint(matrix, rhs, rhs)]
    ranges = {}
    for k, cell in enumerate(hidden):
        objective = np.zeros(len(hidden))
        objective[k] = 1
        results = []
        for sign in (1, -1):
            result = milp(
                sign * objective,
                constraints=constraints,
                integrality=np.ones(len(hidden)),
                bounds=Bounds(np.array(lower, float), np.full(len(hidden), 10_000.0)),
            )
            assert result.status == 0, result.message
            results.append(sign * result.fun)
        ranges[cell] = (results[0], results[1])
    return ranges


def assert_no_hidden_cell_is_pinned(table: SuppressedTable, counts) -> None:
    for (i, j), (low, high) in possible_values(table).items():
        assert low <= counts[i][j] <= high
        assert high > low, (counts, values(table), (i, j))


def test_it_uses_five_and_twenty_percent_by_default():
    assert DEFAULT_RULE.threshold == 5
    assert DEFAULT_RULE.min_response_rate == 0.20


def test_it_allows_the_rules_to_be_raised():
    rule = SuppressionRule(threshold=10, min_response_rate=0.5)
    assert rule.is_small(9) and not rule.is_small(10)


@pytest.mark.parametrize("threshold", [4, 1, 0, -5, 5.5])
def test_it_refuses_a_lower_or_fractional_threshold(threshold):
    with pytest.raises(ValueError):
        SuppressionRule(threshold=threshold)


@pytest.mark.parametrize("rate", [0.19, 0.0, 1.01])
def test_it_refuses_a_lower_response_rate(rate):
    with pytest.raises(ValueError):
        SuppressionRule(min_response_rate=rate)


def test_it_hides_one_to_four_and_shows_zero_and_five():
    assert not DEFAULT_RULE.is_small(0)
    assert all(DEFAULT_RULE.is_small(n) for n in range(1, 5))
    assert not DEFAULT_RULE.is_small(5)


def test_it_hides_zero_like_a_small_count_so_neither_can_be_told_apart():
    table = suppress_table([[5, 0, 12], [7, 9, 6]])
    zero, small = table.cells[0][1], suppress_table([[5, 3, 12], [7, 9, 6]]).cells[0][1]
    assert zero.suppressed and zero == small
    assert_no_hidden_cell_is_pinned(table, [[5, 0, 12], [7, 9, 6]])


def test_it_leaves_a_table_with_no_small_counts_alone():
    table = suppress_table(
        [[5, 6, 12], [7, 9, 8]], ["NHS", "Council"], ["Agree", "Neutral", "Disagree"]
    )
    assert values(table) == [[5, 6, 12], [7, 9, 8]]
    assert [c.value for c in table.row_totals] == [23, 24]
    assert [c.value for c in table.column_totals] == [12, 15, 20]
    assert table.total.value == 47
    assert table.row_labels == ("NHS", "Council")
    assert table.column_labels == ("Agree", "Neutral", "Disagree")


def test_it_stops_a_small_cell_being_recovered_from_its_row_total():
    # Row 0 is 3 + 10 + 12 = 25: hiding the 3 alone gives it away (25 - 10 - 12).
    counts = [[3, 10, 12], [8, 9, 20], [6, 7, 0]]
    table = suppress_table(counts)
    assert table.cells[0][0].suppressed
    assert hidden_count(table.cells[0]) >= 2 or table.row_totals[0].suppressed
    column = [row[0] for row in table.cells]
    assert hidden_count(column) >= 2 or table.column_totals[0].suppressed
    for members, total in lines(table):
        assert total.suppressed or hidden_count(members) != 1


def test_it_hides_as_few_cells_as_a_rectangle_needs_here():
    table = suppress_table([[3, 10, 12], [8, 9, 20], [6, 7, 9]])
    assert values(table) == [[None, None, 12], [8, 9, 20], [None, None, 9]]
    assert table.total.value == 84


def test_a_hidden_zero_is_protected_like_any_hidden_count():
    counts = [[3, 10, 12], [8, 9, 20], [6, 7, 0]]
    table = suppress_table(counts)
    assert values(table) == [[None, None, None], [8, 9, 20], [None, None, None]]
    assert_no_hidden_cell_is_pinned(table, counts)


def test_it_protects_cells_a_reader_could_pin_down_without_subtraction():
    # Hiding the two 0s leaves "two cells, each at least 0, adding to 0": both are 0.
    table = suppress_table([[0, 0, 10]])
    hidden = [c.suppressed for c in table.cells[0]]
    assert hidden[:2] == [True, True]
    assert hidden[2] or table.row_totals[0].suppressed
    assert_no_hidden_cell_is_pinned(table, [[0, 0, 10]])


def test_it_hides_a_small_group_and_keeps_it_from_the_column_totals():
    counts = [[6, 9, 5], [2, 1, 0], [7, 8, 10]]  # the middle group has 3 people
    table = suppress_table(counts, ["NHS", "Housing", "Council"])
    assert all(cell.suppressed for cell in table.cells[1])  # the zero too
    assert table.row_totals[1].suppressed
    assert table.cells[1][2].reason == small_group_reason()
    assert_no_hidden_cell_is_pinned(table, counts)


def test_it_protects_a_hidden_group_total_from_the_overall_total():
    counts = [[6, 9], [2, 2], [7, 8]]
    table = suppress_table(counts)
    assert table.row_totals[1].suppressed
    # The hidden total cannot be found as overall total minus the other groups.
    assert (
        table.total.suppressed
        or hidden_count(table.row_totals) >= 2
        or all(c.suppressed for c in table.column_totals)
    )
    assert_no_hidden_cell_is_pinned(table, counts)


def test_it_hides_a_row_given_a_reason_with_that_reason():
    table = suppress_table([[10, 12], [20, 30], [9, 6]], hidden_rows={1: "Low response rate"})
    assert [c.reason for c in table.cells[1]] == ["Low response rate"] * 2
    assert table.row_totals[1].reason == "Low response rate"
    for members, total in lines(table):
        assert total.suppressed or hidden_count(members) != 1


def test_it_gives_the_same_reason_for_small_and_protecting_cells():
    table = suppress_table([[3, 10, 12], [8, 9, 20], [6, 7, 0]])
    reasons = {str(c.reason) for row in table.cells for c in row if c.suppressed}
    assert reasons == {str(small_number_reason())}
    assert "fewer than 5" in reasons.pop()


def test_it_hides_everything_when_the_whole_table_is_small():
    table = suppress_table([[1, 0], [2, 0]])
    assert all(c.suppressed for row in table.cells for c in row)
    assert table.total.suppressed


def test_it_handles_an_empty_table():
    table = suppress_table([], [], ["Agree", "Disagree"])
    assert table.cells == ()
    assert all(c.suppressed for c in [*table.column_totals, table.total])


def test_it_refuses_negative_counts_and_wrong_labels():
    with pytest.raises(ValueError):
        suppress_table([[5, -1]])
    with pytest.raises(ValueError):
        suppress_table([[5, 6]], ["only"], ["one"])
    with pytest.raises(ValueError):
        suppress_table([[5, 6], [7]])


def test_it_uses_a_raised_threshold():
    table = suppress_table([[6, 20], [12, 30]], rule=SuppressionRule(threshold=10))
    assert table.cells[0][0].suppressed
    assert "fewer than 10" in str(table.cells[0][0].reason)


def test_it_explains_a_low_response_rate_with_the_numbers():
    reason = str(response_rate_reason(invited=40, answered=6))
    assert "6 of the 40" in reason and "15%" in reason and "20%" in reason


def test_it_does_not_give_the_number_when_a_group_is_small():
    reason = str(response_rate_reason(invited=40, answered=3))
    assert "3" not in reason and "fewer than 5" in reason


def test_it_says_when_nobody_answered_and_allows_good_responses():
    assert "No one" in str(response_rate_reason(invited=10, answered=0))
    assert response_rate_reason(invited=10, answered=5) is None
    assert response_rate_reason(invited=None, answered=5) is None
    assert response_rate_reason(invited=25, answered=5) is None  # exactly 20%
    assert response_rate_reason(invited=26, answered=5) is not None


tables = st.integers(1, 5).flatmap(
    lambda n_columns: st.lists(
        st.lists(
            st.sampled_from([0, 0, 1, 2, 3, 4, 5, 6, 7, 9, 15, 30]),
            min_size=n_columns,
            max_size=n_columns,
        ),
        min_size=1,
        max_size=5,
    )
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(counts=tables, threshold=st.sampled_from([5, 7]))
def test_it_never_shows_a_small_count_or_one_that_subtraction_recovers(counts, threshold):
    rule = SuppressionRule(threshold=threshold)
    table = suppress_table(counts, rule=rule)
    shown = [c for row in table.cells for c in row] + list(table.row_totals)
    shown += list(table.column_totals) + [table.total]
    for cell in shown:
        assert cell.suppressed or cell.value >= threshold
    for i, row in enumerate(counts):
        for j, count in enumerate(row):
            assert table.cells[i][j].suppressed or table.cells[i][j].value == count
    for members, total in lines(table):
        assert total.suppressed or hidden_count(members) != 1


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(counts=tables)
def test_it_leaves_every_hidden_cell_with_more_than_one_possible_value(counts):
    table = suppress_table(counts)
    assert_no_hidden_cell_is_pinned(table, counts)
