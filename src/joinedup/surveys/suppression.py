"""Small-number suppression for survey results.

Every figure that joinedup shows from a survey passes through this module.
It works on plain tables of counts (rows are groups of respondents, columns
are answers) and on group sizes, and returns cells that carry either a value
or a "suppressed" marker with a plain reason.

The rules (see docs/surveys.md for worked examples):

* **Threshold** (default 5, can only be raised): a count of 0 to threshold-1
  people is hidden (primary suppression). Zero is hidden too, with the same
  reason, so that it cannot be told from a small count: a zero shown beside
  hidden cells tells a reader they are at least 1, and a cell that changes
  from 0 to hidden between two looks at a live wave says that someone has
  just chosen it.
* **Secondary suppression**: no hidden figure may be worked out from the
  figures that are shown. A line (row, column, or the row or column totals
  against the overall total) with exactly one hidden figure would give it
  away by subtraction, so a second figure is hidden: the smallest shown,
  non-zero cell in the same row or column, and only when none is left, a
  total. Subtraction is not the only way in (two hidden cells that add up
  to 0 are both 0). Each hidden figure is therefore audited with a linear
  programme (the smallest and largest value it can take given everything
  shown), as statistical offices' audit tools do; any figure pinned to a
  single value causes more suppression until none is.
* **Response rate** (default 20%, can only be raised): a group whose
  response rate is below the minimum is not shown, with a reason that says
  why. This is about representativeness rather than anonymity: a handful
  of voices should not be read as everyone's view.

Primary and secondary suppression use the same reason text on purpose: if
the reason said which cells were small, a reader would know those cells are
below the threshold and could narrow the others down.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

MINIMUM_THRESHOLD = 5
MINIMUM_RESPONSE_RATE = 0.20


@dataclass(frozen=True)
class SuppressionRule:
    """How cautious to be. Both limits can be raised, never lowered."""

    threshold: int = MINIMUM_THRESHOLD
    min_response_rate: float = MINIMUM_RESPONSE_RATE

    def __post_init__(self) -> None:
        if not isinstance(self.threshold, int) or self.threshold < MINIMUM_THRESHOLD:
            raise ValueError(
                f"The small-number threshold must be a whole number of at least "
                f"{MINIMUM_THRESHOLD}; got {self.threshold!r}."
            )
        if not MINIMUM_RESPONSE_RATE <= self.min_response_rate <= 1:
            raise ValueError(
                f"The minimum response rate must be between {MINIMUM_RESPONSE_RATE} "
                f"and 1; got {self.min_response_rate!r}."
            )

    def is_small(self, n: int) -> bool:
        """True for a count of people that must not be shown (1 to threshold-1)."""
        return 0 < n < self.threshold


DEFAULT_RULE = SuppressionRule()


@dataclass(frozen=True)
class Cell:
    """One figure for display: a value, or suppressed with a reason."""

    value: int | float | None
    suppressed: bool = False
    reason: str = ""

    @classmethod
    def shown(cls, value: int | float) -> Cell:
        return cls(value=value)

    @classmethod
    def hidden(cls, reason: str) -> Cell:
        return cls(value=None, suppressed=True, reason=reason)


@dataclass(frozen=True)
class SuppressedTable:
    """A table of counts after suppression, with its row, column and overall totals."""

    row_labels: tuple[str, ...]
    column_labels: tuple[str, ...]
    cells: tuple[tuple[Cell, ...], ...]
    row_totals: tuple[Cell, ...]
    column_totals: tuple[Cell, ...]
    total: Cell


def small_number_reason(rule: SuppressionRule = DEFAULT_RULE) -> str:
    """The one reason used for every hidden count, primary or secondary."""
    return format_lazy(
        _(
            "Hidden to protect anonymity: fewer than {threshold} people, "
            "or it could be worked out from the figures that are shown."
        ),
        threshold=rule.threshold,
    )


def small_group_reason(rule: SuppressionRule = DEFAULT_RULE) -> str:
    """Reason for a whole group (row) hidden because too few people answered."""
    return format_lazy(
        _("Hidden to protect anonymity: fewer than {threshold} people in this group answered."),
        threshold=rule.threshold,
    )


def response_rate_reason(
    invited: int | None, answered: int, rule: SuppressionRule = DEFAULT_RULE
) -> str | None:
    """Why a group's results are hidden, or None if they may be shown.

    A group of 1 to threshold-1 respondents is hidden for anonymity (and the
    reason does not give the number). A group whose response rate is below
    the minimum is hidden with a reason that gives the numbers: at that
    point they are at least the threshold, so they disclose nobody.
    ``invited`` may be None when a survey was run from an open link.
    """
    if answered == 0:
        return _("No one in this group answered.")
    if rule.is_small(answered):
        return small_group_reason(rule)
    if invited and answered / invited < rule.min_response_rate:
        return format_lazy(
            _(
                "Not shown: only {answered} of the {invited} people invited answered "
                "({rate}%). Results are shown when at least {minimum}% answer, so that a "
                "few voices are not read as everyone's view."
            ),
            answered=answered,
            invited=invited,
            rate=round(100 * answered / invited),
            minimum=round(100 * rule.min_response_rate),
        )
    return None


@dataclass
class _Mask:
    """Working state of suppression: which figures are hidden and their lower bounds."""

    counts: np.ndarray
    cells: np.ndarray  # bool, hidden interior cells
    lower: np.ndarray  # what a reader knows a hidden cell is at least
    rows: np.ndarray  # bool, hidden row totals
    columns: np.ndarray  # bool, hidden column totals
    total: bool = False

    def hide_row(self, i: int) -> None:
        self.cells[i, :] = True
        self.lower[i, :] = 0
        self.rows[i] = True

    def hide_everything(self) -> None:
        self.cells[:, :] = True
        self.lower[:, :] = 0
        self.rows[:] = True
        self.columns[:] = True
        self.total = True


def suppress_table(
    counts: Sequence[Sequence[int]],
    row_labels: Sequence[str] = (),
    column_labels: Sequence[str] = (),
    *,
    rule: SuppressionRule = DEFAULT_RULE,
    hidden_rows: Mapping[int, str] | None = None,
) -> SuppressedTable:
    """Apply primary and secondary suppression to a table of counts of people.

    ``hidden_rows`` maps row indexes to a reason for hiding the whole row
    (for example a low response rate); those rows are protected like any
    other hidden figure. Totals are computed here, from the counts.
    """
    if len(counts) == 0:
        table = np.zeros((0, len(column_labels)), dtype=np.int64)
    else:
        table = np.asarray(counts, dtype=np.int64)
    if table.ndim != 2:
        raise ValueError("Counts must be a table: a list of rows of equal length.")
    if (table < 0).any():
        raise ValueError("Counts of people cannot be negative.")
    n_rows, n_columns = table.shape
    row_labels = tuple(row_labels) or tuple(str(i) for i in range(n_rows))
    column_labels = tuple(column_labels) or tuple(str(j) for j in range(n_columns))
    if len(row_labels) != n_rows or len(column_labels) != n_columns:
        raise ValueError("There must be one label per row and one per column.")
    hidden_rows = dict(hidden_rows or {})
    mask = _primary_suppression(table, rule, hidden_rows)
    _secondary_suppression(mask)
    return _as_table(mask, row_labels, column_labels, rule, hidden_rows)


def _primary_suppression(
    table: np.ndarray, rule: SuppressionRule, hidden_rows: Mapping[int, str]
) -> _Mask:
    # Zero is hidden like 1 to threshold-1: a zero shown beside hidden cells
    # tells the reader those are at least 1, and a cell that changes from 0 to
    # hidden between two looks tells them someone has just chosen it.
    n_rows, n_columns = table.shape
    mask = _Mask(
        counts=table,
        cells=table < rule.threshold,
        lower=np.zeros(table.shape, dtype=np.int64),
        rows=np.zeros(n_rows, bool),
        columns=np.zeros(n_columns, bool),
    )
    for i in range(n_rows):
        if i in hidden_rows or table[i].sum() < rule.threshold:
            mask.hide_row(i)
    for j in range(n_columns):
        mask.columns[j] = table[:, j].sum() < rule.threshold
    if table.sum() < rule.threshold:
        mask.hide_everything()
    return mask


def _secondary_suppression(mask: _Mask) -> None:
    """Hide more figures until no hidden figure is pinned to one value."""
    limit = mask.cells.size + mask.rows.size + mask.columns.size + 1
    for _round in range(limit):
        pinned = _first_pinned(mask)
        if pinned is None:
            return
        if not _hide_neighbour(mask, *pinned):
            mask.hide_everything()
            return
    mask.hide_everything()


def _first_pinned(mask: _Mask) -> tuple[tuple[str, int, int], str] | None:
    """The first hidden figure a reader could work out exactly, and the line that gives it away.

    Cheap subtraction checks first, then the linear-programme audit (which
    does not say which line is to blame, hence "both").
    """
    subtraction = _pinned_by_subtraction(mask)
    if subtraction is not None:
        return subtraction
    audit = _Audit(mask)
    for item in _hidden_items(mask):
        if audit.is_pinned(item):
            return item, "both"
    return None


def _hidden_items(mask: _Mask) -> list[tuple[str, int, int]]:
    items = [("cell", int(i), int(j)) for i, j in zip(*np.nonzero(mask.cells), strict=True)]
    items += [("row", int(i), -1) for i in np.nonzero(mask.rows)[0]]
    items += [("column", -1, int(j)) for j in np.nonzero(mask.columns)[0]]
    if mask.total:
        items.append(("total", -1, -1))
    return items


def _pinned_by_subtraction(mask: _Mask) -> tuple[tuple[str, int, int], str] | None:
    """A line with a shown total and exactly one hidden member gives that member away."""
    for i in range(mask.cells.shape[0]):
        if not mask.rows[i] and mask.cells[i].sum() == 1:
            return ("cell", i, int(np.argmax(mask.cells[i]))), "row"
    for j in range(mask.cells.shape[1]):
        if not mask.columns[j] and mask.cells[:, j].sum() == 1:
            return ("cell", int(np.argmax(mask.cells[:, j])), j), "column"
    if not mask.total and mask.rows.sum() == 1:
        return ("row", int(np.argmax(mask.rows)), -1), "both"
    if not mask.total and mask.columns.sum() == 1:
        return ("column", -1, int(np.argmax(mask.columns))), "both"
    return None


class _Audit:
    """What a reader can deduce about hidden figures from the shown ones.

    Unknowns are the hidden cells, each at least its lower bound; every shown
    total is an equation. The constraint matrix of row sums, column sums and
    the overall sum is totally unimodular (two laminar families), so the
    linear-programme bounds are whole numbers and equal the bounds over
    whole-number tables: a figure is pinned exactly when min == max.
    """

    def __init__(self, mask: _Mask) -> None:
        self.mask = mask
        self.unknowns = list(zip(*np.nonzero(mask.cells), strict=True))
        self.index = {cell: k for k, cell in enumerate(self.unknowns)}
        equations, targets = [], []
        shown = np.where(mask.cells, 0, mask.counts)
        for i in np.nonzero(~mask.rows)[0]:
            equations.append(self._vector(lambda r, _c, i=i: r == i))
            targets.append(mask.counts[i].sum() - shown[i].sum())
        for j in np.nonzero(~mask.columns)[0]:
            equations.append(self._vector(lambda _r, c, j=j: c == j))
            targets.append(mask.counts[:, j].sum() - shown[:, j].sum())
        if not mask.total:
            equations.append(self._vector(lambda _r, _c: True))
            targets.append(mask.counts.sum() - shown.sum())
        self.equations = np.array(equations, dtype=float).reshape(
            len(equations), len(self.unknowns)
        )
        self.targets = np.array(targets, dtype=float)
        self.bounds = [(float(mask.lower[i, j]), None) for i, j in self.unknowns]
        self.truth = np.array([mask.counts[i, j] for i, j in self.unknowns], dtype=float)

    def _vector(self, member) -> np.ndarray:
        return np.array([1.0 if member(i, j) else 0.0 for i, j in self.unknowns])

    def is_pinned(self, item: tuple[str, int, int]) -> bool:
        kind, i, j = item
        if kind == "cell" and self._on_a_free_rectangle(i, j):
            return False
        if kind == "cell":
            objective = self._vector(lambda r, c: (r, c) == (i, j))
        elif kind == "row":
            objective = self._vector(lambda r, _c: r == i)
        elif kind == "column":
            objective = self._vector(lambda _r, c: c == j)
        else:
            objective = self._vector(lambda _r, _c: True)
        if not objective.any():
            return True  # every part of it is shown, so it is their sum
        # The true value is always possible, so one linear programme is
        # enough to show a figure is not pinned: can it be larger?
        true_value = float(objective @ self.truth)
        highest = self._solve(-objective)
        if highest is None or -highest > true_value + 0.5:
            return False
        return self._solve(objective) > true_value - 0.5

    def _on_a_free_rectangle(self, i: int, j: int) -> bool:
        """A quick sufficient test that a hidden cell is not pinned.

        If (i, j), (i, l), (k, l) and (k, j) are all hidden, adding 1 to one
        diagonal and taking 1 from the other keeps every total, so (i, j)
        can take another value whenever the cells losing 1 are above their
        lower bounds.
        """
        mask = self.mask
        spare = mask.cells & (mask.counts > mask.lower)
        for k in np.nonzero(mask.cells[:, j])[0]:
            if k == i:
                continue
            corners = mask.cells[i] & mask.cells[k]
            corners[j] = False
            if spare[k, j] and (corners & spare[i]).any():  # (i, j) can go up
                return True
            if spare[i, j] and (corners & spare[k]).any():  # (i, j) can go down
                return True
        return False

    def _solve(self, objective: np.ndarray) -> float | None:
        # Imported here, not at the top: the survey models import this module,
        # so every process (each management command, each web worker) would pay
        # for SciPy's optimiser (about a second) before it needs it, if ever.
        from scipy.optimize import linprog

        has_equations = self.equations.shape[0] > 0
        result = linprog(
            objective,
            A_eq=self.equations if has_equations else None,
            b_eq=self.targets if has_equations else None,
            bounds=self.bounds,
            method="highs",
        )
        if result.status == 3:  # unbounded: the reader cannot put a ceiling on it
            return None
        if result.status != 0:
            raise RuntimeError(f"Suppression audit failed: {result.message}")
        return float(result.fun)


def _hide_neighbour(mask: _Mask, item: tuple[str, int, int], line: str) -> bool:
    """Hide the smallest shown non-zero figure that shares a line with ``item``.

    Cells come before totals: group sizes are published beside the results,
    so hiding a total protects less than hiding a cell.
    """
    kind, i, j = item
    counts = mask.counts
    n_rows, n_columns = counts.shape
    # A cell is only protected by hiding a neighbour in a line whose total is
    # shown; a hidden total is protected by hiding any of its own parts.
    use_row = i >= 0 and line != "column" and (kind != "cell" or not mask.rows[i])
    use_column = j >= 0 and line != "row" and (kind != "cell" or not mask.columns[j])
    row_cells = [(counts[i, c], ("cell", i, c)) for c in range(n_columns)] if use_row else []
    column_cells = [(counts[r, j], ("cell", r, j)) for r in range(n_rows)] if use_column else []
    row_totals = [(counts[r].sum(), ("row", r, -1)) for r in range(n_rows)]
    column_totals = [(counts[:, c].sum(), ("column", -1, c)) for c in range(n_columns)]
    own_totals = [row_totals[i]] if i >= 0 and line != "column" else []
    own_totals += [column_totals[j]] if j >= 0 and line != "row" else []
    grand = [(counts.sum(), ("total", -1, -1))]
    every_cell = [(v, ("cell", r, c)) for (r, c), v in np.ndenumerate(counts)]
    tiers = [row_cells + column_cells, own_totals, grand, row_totals + column_totals, every_cell]
    if kind == "total":
        tiers = [row_totals + column_totals, every_cell]
    for tier in tiers:
        candidates = [(int(v), key) for v, key in tier if v > 0 and not _is_hidden(mask, key)]
        if candidates:
            _hide(mask, min(candidates)[1])
            return True
    return False


def _is_hidden(mask: _Mask, key: tuple[str, int, int]) -> bool:
    kind, i, j = key
    if kind == "cell":
        return bool(mask.cells[i, j])
    if kind == "row":
        return bool(mask.rows[i])
    if kind == "column":
        return bool(mask.columns[j])
    return mask.total


def _hide(mask: _Mask, key: tuple[str, int, int]) -> None:
    kind, i, j = key
    if kind == "cell":
        mask.cells[i, j] = True
    elif kind == "row":
        mask.rows[i] = True
    elif kind == "column":
        mask.columns[j] = True
    else:
        mask.total = True


def _as_table(
    mask: _Mask,
    row_labels: tuple[str, ...],
    column_labels: tuple[str, ...],
    rule: SuppressionRule,
    hidden_rows: Mapping[int, str],
) -> SuppressedTable:
    reason = small_number_reason(rule)
    counts = mask.counts

    def cell(value: int, hidden: bool, why: str = reason) -> Cell:
        return Cell.hidden(why) if hidden else Cell.shown(int(value))

    def row_reason(i: int) -> str:
        if i in hidden_rows:
            return hidden_rows[i]
        return small_group_reason(rule) if rule.is_small(int(counts[i].sum())) else reason

    whole_rows = {i for i in range(counts.shape[0]) if mask.cells[i].all() and mask.rows[i]}
    cells = tuple(
        tuple(
            cell(counts[i, j], mask.cells[i, j], row_reason(i) if i in whole_rows else reason)
            for j in range(counts.shape[1])
        )
        for i in range(counts.shape[0])
    )
    return SuppressedTable(
        row_labels=row_labels,
        column_labels=column_labels,
        cells=cells,
        row_totals=tuple(
            cell(counts[i].sum(), mask.rows[i], row_reason(i)) for i in range(counts.shape[0])
        ),
        column_totals=tuple(
            cell(counts[:, j].sum(), mask.columns[j]) for j in range(counts.shape[1])
        ),
        total=cell(counts.sum(), mask.total),
    )
