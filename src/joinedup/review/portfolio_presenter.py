"""The portfolio page's table, sort links, filters and exports, as plain
values for the template (and the board's PDF)."""

from functools import cached_property
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from joinedup.design_system.dates import short_date

from .charts import LABELLED_POINTS, cost_against_evidence
from .portfolio import FILTERS, SORTS, totals
from .presenters import VERDICT_TAGS
from .thresholds import improvement_p_limit

PAGE_SIZE = 100
NUMERIC = {"age", "high", "medium", "low", "stale"}


class PortfolioPresenter:
    def __init__(self, workspace, rows, chosen, sort_key, descending, latest_run=None, page_number=None):
        self.workspace = workspace
        self.all_rows = rows
        self.chosen = chosen
        self.sort_key = sort_key
        self.descending = descending
        self.latest_run = latest_run
        self.paginator = Paginator(rows, PAGE_SIZE)
        self.page = self.paginator.get_page(page_number)

    def _query(self, **changes):
        params = {k: v for k, v in self.chosen.items() if v}
        params["sort"] = ("-" if self.descending else "") + self.sort_key
        params.update(changes)
        return "?" + urlencode({k: v for k, v in params.items() if v})

    @property
    def headings(self):
        result = []
        for key, (text, _field) in SORTS.items():
            current = key == self.sort_key
            next_sort = key if not current or self.descending else f"-{key}"
            result.append({
                "key": key, "text": text, "href": self._query(sort=next_sort, page=""),
                "aria_sort": ("descending" if self.descending else "ascending") if current else "none",
                "numeric": key in NUMERIC,
            })
        return result

    @property
    def filters(self):
        return [
            {"name": name, "label": label, "id": f"filter-{name}",
             "options": [{"value": "", "text": _("All"), "selected": not self.chosen.get(name)}]
             + [{"value": v, "text": t, "selected": self.chosen.get(name) == v} for v, t in choices]}
            for name, (label, choices) in FILTERS.items()
        ]

    def _row(self, r):
        slug = self.workspace.slug
        return {
            "row": r,
            "partnership_url": reverse("partnerships:detail", args=[slug, r.id]),
            "report_url": reverse("review:detail", args=[slug, r.review_id]) if r.review_id else "",
            "verdict_colour": VERDICT_TAGS.get(r.verdict, "grey"),
            "reviewed": short_date(r.reviewed_on) if r.reviewed_on else _("Never"),
        }

    @cached_property
    def rows(self):
        # Asked twice by the page (is there a table, then the table).
        return [self._row(r) for r in self.page.object_list]

    @property
    def every_row(self):
        return [self._row(r) for r in self.all_rows]

    @property
    def totals(self):
        return totals(self.all_rows)

    @cached_property
    def value_chart(self):
        """Yearly cost against the share of indicators improving, one point per
        partnership shown that has both, with its data table and how many
        partnerships are left out for want of one or the other."""
        with_both = [r for r in self.all_rows if r.yearly_cost_value is not None and r.improving_share is not None]
        no_cost = sum(1 for r in self.all_rows if r.yearly_cost_value is None)
        no_evidence = sum(1 for r in self.all_rows if r.yearly_cost_value is not None and r.improving_share is None)
        made = cost_against_evidence([
            {"name": r.name, "yearly_cost": r.yearly_cost_value, "measured": r.indicators_measured,
             "improving": r.indicators_improving, "cost_text": r.yearly_cost} for r in with_both
        ])
        return {
            "svg": mark_safe(made[0]) if made else "",  # noqa: S308 - made by vl-convert from our data
            "rows": [{**row, "share_text": f"{row['share']:.0%}"} for row in made[1]] if made else [],
            "numbered": 0 < len(with_both) <= LABELLED_POINTS,
            "left_out": _left_out_text(no_cost, no_evidence),
            "p_limit": f"{improvement_p_limit():g}",
        }

    def export_url(self, kind):
        base = reverse("review:portfolio_export", args=[self.workspace.slug, kind])
        return base + self._query(page="")

    @property
    def exports(self):
        return [
            {"text": _("Download CSV"), "href": self.export_url("csv")},
            {"text": _("Download Excel (XLSX)"), "href": self.export_url("xlsx")},
            {"text": _("Download the board's PDF"), "href": self.export_url("pdf")},
        ]

    def page_url(self, number):
        return self._query(page=str(number))

    @property
    def previous_url(self):
        return self.page_url(self.page.previous_page_number()) if self.page.has_previous() else ""

    @property
    def next_url(self):
        return self.page_url(self.page.next_page_number()) if self.page.has_next() else ""

    @property
    def sort_description(self):
        text = SORTS[self.sort_key][0]
        if self.descending:
            return _("sorted by %(column)s, descending") % {"column": str(text).lower()}
        return _("sorted by %(column)s, ascending") % {"column": str(text).lower()}


def _partnerships(n):
    return ngettext("%(count)s partnership", "%(count)s partnerships", n) % {"count": n}


def _left_out_text(no_cost, no_evidence):
    parts = []
    if no_cost:
        parts.append(_("%(_partnerships)s with no meeting cost recorded") % {"_partnerships": _partnerships(no_cost)})
    if no_evidence:
        parts.append(_("%(_partnerships)s with a cost but no indicator data since the start") % {"_partnerships": _partnerships(no_evidence)})
    if not parts:
        return _("Every partnership shown has both a yearly cost and indicator data, so none is left out.")
    return _("Left out of the chart: %(parts)s.") % {"parts": _(" and ").join(parts)}
