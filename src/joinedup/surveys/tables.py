"""Plain display tables of survey results. Each builder takes figures that
have already been through suppression and turns them into rows of cells;
a cell that counts people carries the count, so that tests can check no
shown count is under the threshold, and a hidden cell carries its reason."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from . import relationships
from .models import group_label
from .scoring import ALL, NOT_STATED, OTHER_GROUPS

HIDDEN = "hidden"


@dataclass(frozen=True)
class ResultCell:
    text: str
    count: int | None = None  # a number of people, when the cell shows one
    bar: float | None = None  # 0 to 100, the width of a bar drawn beside the text
    hidden: bool = False
    reason: str = ""
    header: bool = False


@dataclass
class ResultTable:
    key: str
    title: str
    headings: list[str]
    rows: list[list[ResultCell]] = field(default_factory=list)
    description: str = ""
    empty: str = gettext_lazy("Nothing to show.")
    # Plain sentences about whole groups left out of the table, and why.
    group_notes: list[str] = field(default_factory=list)

    @property
    def listed_rows(self):
        """The rows shown on the page: a row whose every figure is hidden tells
        nothing, so it is counted in one line (unlisted_note) instead."""
        return [row for row in self.rows if not all_hidden(row)]

    @property
    def unlisted_rows(self):
        return [row for row in self.rows if all_hidden(row)]

    @property
    def unlisted_note(self):
        rows = self.unlisted_rows
        if not rows:
            return ""
        reasons = []
        for row in rows:
            for cell in row:
                if cell.hidden and cell.reason and cell.reason not in reasons:
                    reasons.append(cell.reason)
        names = ", ".join(cell.text for row in rows for cell in row[:1] if cell.header)
        because = " ".join(r if r.endswith(".") else f"{r}." for r in reasons)
        note = ngettext(
            "%(n)s row is not listed because every figure in them is hidden (%(names)s): %(because)s",
            "%(n)s rows are not listed because every figure in them is hidden (%(names)s): %(because)s",
            len(rows),
        )
        return (note % {"n": len(rows), "names": names, "because": because}).strip()

    @property
    def notes(self):
        """The distinct reasons for hidden figures, in order, then the groups left out."""
        seen = [str(note) for note in self.group_notes]
        for row in self.rows:
            for cell in row:
                if cell.hidden and cell.reason and str(cell.reason) not in seen:
                    seen.append(str(cell.reason))
        return seen


def all_hidden(row):
    figures = [cell for cell in row if not cell.header]
    return bool(figures) and all(cell.hidden for cell in figures)


def group_name(group):
    shown = {ALL: _("Everyone"), OTHER_GROUPS: _("Other groups together"), NOT_STATED: _("not stated")}
    return shown.get(group) or group_label(group)


def _hidden(reason):
    return ResultCell(HIDDEN, hidden=True, reason=str(reason))


def _count(value):
    return ResultCell(str(value), count=int(value))


def _number(value, places=1):
    return ResultCell("" if value is None else f"{value:.{places}f}")


def _signed(value):
    return ResultCell(f"{value:+.2f}")


def _interval(value, low, high):
    return _("%(value)s (%(low)s to %(high)s)") % {"value": value, "low": low, "high": high}


def _score(mean, low, high):
    return ResultCell(_interval(f"{mean:.2f}", f"{low:.2f}", f"{high:.2f}"), bar=round(100 * (mean - 1) / 4, 1))


def _head(text):
    return ResultCell(str(text), header=True)


def response_rates(rates):
    table = ResultTable(
        "response_rates", _("Response rates"),
        [_("Group"), _("Invited"), _("Answered"), _("Response rate"), _("Results shown")],
        description=_("Groups of fewer people than the threshold show no number of answers."),
    )
    for r in rates:
        answered = _hidden(r.reason or _("Fewer people than the threshold answered.")) if r.answered is None else _count(r.answered)
        table.rows.append([
            _head(group_name(r.group)),
            ResultCell("" if r.invited is None else str(r.invited)),
            answered,
            ResultCell("" if r.rate is None else f"{100 * r.rate:.0f}%"),
            ResultCell(_("Yes")) if r.results_shown else _hidden(r.reason),
        ])
    return table


def theme_scores(scores, themes):
    table = ResultTable(
        "theme_scores", _("Scores by theme"),
        [_("Theme"), _("Group"), _("People"), _("Score, 1 to 5 (%(level)s interval)") % {"level": "95%"}, _("Agreement within group (rwg)"),
         _("Spread (sd)")],
        description=_("5 is the best. Agreement within the group runs from 0 (as spread as random answers) "
                      "to 1 (everyone answered alike): a middling score can hide a split."),
    )
    for s in scores:
        if s.suppressed:
            table.rows.append([_head(themes.get(s.theme, s.theme)), ResultCell(group_name(s.group)),
                               _hidden(s.reason), _hidden(s.reason), _hidden(s.reason), _hidden(s.reason)])
            continue
        table.rows.append([
            _head(themes.get(s.theme, s.theme)), ResultCell(group_name(s.group)), _count(s.n),
            _score(s.mean, s.ci_low, s.ci_high), _number(s.rwg, 2), _number(s.sd, 2),
        ])
    return table


def perspective_gaps(gaps, themes):
    table = ResultTable(
        "perspective_gaps", _("Perspective gaps: where groups see things differently"),
        [_("Theme"), _("Group"), _("Group's score"), _("Everyone else's"), _("Difference (%(level)s interval)") % {"level": "95%"},
         _("Size (Cohen's d)")],
        description=_("Largest difference first. These are what partners most need to talk about."),
        empty=_("No gaps can be shown: it needs at least two groups large enough to show."),
    )
    # With two groups, each one's gap from "everyone else" is the other's gap
    # seen from the other side: one row per pair, in order of the gap's size.
    seen = set()
    for g in sorted(gaps, key=lambda g: (-abs(g.difference), g.theme, group_name(g.group))):
        pair = (g.theme, frozenset([(g.group_mean, g.n_group), (g.others_mean, g.n_others)]))
        if pair in seen:
            continue
        seen.add(pair)
        table.rows.append([
            _head(themes.get(g.theme, g.theme)), ResultCell(group_name(g.group)), _number(g.group_mean, 2),
            _number(g.others_mean, 2), ResultCell(_interval(f"{g.difference:+.2f}", f"{g.ci_low:+.2f}", f"{g.ci_high:+.2f}")),
            _number(g.standardised_difference, 2),
        ])
    return table


def changes(changes_, themes):
    table = ResultTable(
        "changes", _("Change since the previous wave"),
        [_("Theme"), _("Group"), _("Previous wave"), _("This wave"), _("Change (%(level)s interval)") % {"level": "95%"}],
        empty=_("There is no earlier wave with these questions to compare with."),
    )
    for c in changes_:
        if c.suppressed:
            table.rows.append([_head(themes.get(c.theme, c.theme)), ResultCell(group_name(c.group)),
                               _hidden(c.reason), _hidden(c.reason), _hidden(c.reason)])
            continue
        table.rows.append([
            _head(themes.get(c.theme, c.theme)), ResultCell(group_name(c.group)), _number(c.previous_mean, 2),
            _number(c.current_mean, 2), ResultCell(_interval(f"{c.change:+.2f}", f"{c.ci_low:+.2f}", f"{c.ci_high:+.2f}")),
        ])
    return table


def distribution(question_text, dist):
    table = dist.table
    title = str(question_text)
    result = ResultTable(f"answers_{dist.question}", title, [_("Group"), *map(str, table.column_labels), _("People")])
    for label, cells, total in zip(table.row_labels, table.cells, table.row_totals, strict=True):
        people = None if total.suppressed or not total.value else total.value
        row = [_head(group_name(label))]
        for cell in cells:
            if cell.suppressed:
                row.append(_hidden(cell.reason))
            else:
                bar = round(100 * cell.value / people, 1) if people else None
                row.append(ResultCell(str(cell.value), count=int(cell.value), bar=bar))
        row.append(_hidden(total.reason) if total.suppressed else _count(total.value))
        result.rows.append(row)
    for group, reason in sorted(dist.hidden_groups.items()):
        result.rows.append([_head(group_name(group)), *[_hidden(reason) for _label in table.column_labels], _hidden(reason)])
    result.empty = _("No one has answered this question yet.")
    return result


def outcome_choices(dist):
    """The outcomes question as one row per outcome: how many chose it."""
    table = dist.table
    result = ResultTable(
        "outcome_choices", _("Which outcomes matter most to service users and carers"),
        [_("Outcome"), _("People who chose it")],
        description=_("Each person could choose up to 3."),
        empty=_("Not enough people have answered to show this."),
    )
    if not table.cells:
        return result
    # The column totals of the table the results page shows for this
    # question, with its suppression: one decision for both pages.
    picks = [(cell, label) for cell, label in zip(table.column_totals, table.column_labels, strict=True)]
    picks.sort(key=lambda pair: (pair[0].suppressed, -(pair[0].value or 0)))
    for cell, label in picks:
        result.rows.append([_head(label), _hidden(cell.reason) if cell.suppressed else _count(cell.value)])
    return result


def culture_clashes(clashes, names, dimensions, threshold=5):
    table = ResultTable(
        "culture_clashes", _("Culture clashes: how an organisation sees itself and how partners see it"),
        [_("Organisation"), _("Way of working"), _("Its own view"), _("Partners' view"), _("Partners who said"),
         _("Gap")],
        description=_("1 is the most formal end (papers, months, a board), 5 the least. An organisation's own "
                      "view is shown only when at least %(threshold)s people from it gave it, and its partners' "
                      "view only when at least %(threshold)s people from other organisations did; only groups "
                      "whose results are shown (enough people, and enough of those invited) are counted.")
        % {"threshold": threshold},
        empty=_("No clashes of a scale point or more, or fewer than %(threshold)s people gave a view.")
        % {"threshold": threshold},
    )
    for c in clashes:
        table.rows.append([
            _head(names.get(c.organisation, c.organisation)), ResultCell(dimensions.get(c.dimension, c.dimension)),
            _number(c.self_view), _number(c.others_view), _count(c.other_raters), _signed(c.gap),
        ])
    return table


def style_mismatches(mismatches, names, dimensions, threshold=5):
    table = ResultTable(
        "style_mismatches", _("Partners who work in very different ways"),
        [_("Organisation"), _("Its own view"), _("Organisation"), _("Its own view"), _("Way of working")],
        description=_("Each organisation's description of itself, two or more points apart, where at least "
                      "%(threshold)s people from each gave it. Neither is wrong; the agreement should allow "
                      "for both.") % {"threshold": threshold},
        empty=_("No two organisations, each described by at least %(threshold)s of its own people, "
                "describe themselves two or more points apart.") % {"threshold": threshold},
    )
    for m in mismatches:
        table.rows.append([
            _head(names.get(m.first, m.first)), _number(m.first_view), ResultCell(names.get(m.second, m.second)),
            _number(m.second_view), ResultCell(dimensions.get(m.dimension, m.dimension)),
        ])
    return table


def _rated_hidden(threshold):
    return _hidden(_("Hidden to protect anonymity: fewer than %(threshold)s people rated it.") % {"threshold": threshold})


def _relationship_score(score, threshold):
    if score.suppressed or score.value is None:
        return _rated_hidden(threshold)
    return ResultCell(f"{score.value:.1f}", bar=round(100 * score.share, 1))


def _relationship_description(*parts):
    return " ".join(str(relationships.MEANINGS[part]) for part in parts)


def relationship_partnership(scores):
    table = ResultTable(
        "relationship_partnership", _("Trust and value across the partnership"),
        [_("Measure"), _("Score, 1 to 4")],
        description=_relationship_description("partnership", relationships.TRUST, relationships.VALUE) + " "
        + _("Each score is shown only when at least %(threshold)s people rated partners.")
        % {"threshold": scores.threshold},
    )
    for measure, title in (("trust", _("Trust")), ("value", _("Value"))):
        table.rows.append([_head(title), _relationship_score(scores.partnership[measure], scores.threshold)])
    return table


def relationship_organisations(scores, names):
    table = ResultTable(
        "relationship_organisations", _("How the other partners see each organisation"),
        [_("Organisation"), _("Trust, 1 to 4"), _("Value, 1 to 4")],
        description=_relationship_description("organisation") + " "
        + _("A score is shown only when at least %(threshold)s people from other organisations rated it.")
        % {"threshold": scores.threshold},
        empty=_("The partnership has no member organisations."),
    )
    for o in scores.organisations:
        table.rows.append([
            _head(names.get(o.organisation, o.organisation)),
            _relationship_score(o.trust, scores.threshold), _relationship_score(o.value, scores.threshold),
        ])
    return table


def tie_name(first, second, names):
    return _("%(first)s and %(second)s") % {"first": names.get(first, first), "second": names.get(second, second)}


def relationship_ties(scores, names):
    table = ResultTable(
        "relationship_ties", _("Trust and value in each tie (pair of partners)"),
        [_("Partners"), _("Trust, 1 to 4"), _("Value, 1 to 4")],
        description=_relationship_description("tie") + " "
        + _("A tie's score is shown only when at least %(threshold)s people from the two organisations "
            "rated each other: a tie rated by one or two people would show what they said.")
        % {"threshold": scores.threshold},
        empty=_("The partnership needs at least two member organisations to have ties."),
    )
    for t in scores.ties:
        table.rows.append([
            _head(tie_name(t.first, t.second, names)),
            _relationship_score(t.trust, scores.threshold), _relationship_score(t.value, scores.threshold),
        ])
    return table


def relationship_changes(found, names, compared):
    table = ResultTable(
        "relationship_changes", _("Change in trust and value since the previous wave"),
        [_("Between"), _("Measure"), _("Previous wave"), _("This wave"), _("Change")],
        description=_("A change is worked out only where both waves' scores are shown. Scores are to one "
                      "decimal place, so a change of 0.1 or 0.2 may be rounding rather than a real change."),
        empty=_("There is no earlier wave with this survey to compare with.") if not compared
        else _("No score is shown in both waves."),
    )
    for c in found:
        if c.previous is None and c.current is None:
            continue
        if not c.subject:
            who = _("The whole partnership")
        elif len(c.subject) == 1:
            who = names.get(c.subject[0], c.subject[0])
        else:
            who = tie_name(*c.subject, names)
        cells = [
            ResultCell(_("Not shown")) if c.previous is None else ResultCell(f"{c.previous:.1f}"),
            ResultCell(_("Not shown")) if c.current is None else ResultCell(f"{c.current:.1f}"),
            ResultCell("") if c.change is None else ResultCell(f"{c.change:+.1f}"),
        ]
        measure = {"trust": _("Trust"), "value": _("Value")}.get(c.measure, c.measure.capitalize())
        table.rows.append([_head(who), ResultCell(measure), *cells])
    return table
