"""What the "Compared with similar partnerships" section shows: rows of
text, or the one notice that says why there is nothing to compare."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.urls import reverse
from django.utils.translation import gettext, gettext_lazy
from django.utils.translation import gettext as _

from joinedup.partnerships.amounts import amount_text
from joinedup.partnerships.user_groups import LABELS, user_group_of

from . import distribution as d
from .figures import comparisons_for, is_live, is_opted_in

POSITIONS = {
    d.LOWEST_QUARTER: gettext_lazy("In the lowest quarter"),
    d.BELOW_MEDIAN: gettext_lazy("In the middle half, below the median"),
    d.AT_MEDIAN: gettext_lazy("At the median"),
    d.ABOVE_MEDIAN: gettext_lazy("In the middle half, above the median"),
    d.HIGHEST_QUARTER: gettext_lazy("In the highest quarter"),
}


def figure_text(value, kind):
    """£12,346 for money (to the pound), 3.8 for a 1-to-5 score."""
    if value is None:
        return gettext("Not recorded")
    if kind == "money":
        return amount_text(Decimal(str(value)).quantize(Decimal(1)), "£")
    return f"{value:.1f}"


@dataclass
class ComparisonSection:
    notice: str = ""
    notice_link: tuple[str, str] | None = None  # (text, href)
    group_text: str = ""
    rows: list[dict] = field(default_factory=list)
    theme_rows: list[dict] = field(default_factory=list)
    minimum: int = d.MIN_GROUP
    nations_text: str = ""  # "Scotland": whose workspaces are compared, unless widened to every nation
    all_nations: bool = False


def _row(comparison, minimum):
    measure, found = comparison.measure, comparison.distribution
    if found is None:
        return {
            "title": measure.title, "shown": False,
            "reason": gettext("Not compared: fewer than %(minimum)s similar partnerships have this figure.") % {
                "minimum": minimum},
        }
    return {
        "title": measure.title, "shown": True,
        "yours": figure_text(found.value, measure.kind),
        "n": found.n,
        "median": figure_text(found.median, measure.kind),
        "range": gettext("%(lower)s to %(upper)s") % {"lower": figure_text(found.lower_quartile, measure.kind),
                                                       "upper": figure_text(found.upper_quartile, measure.kind)},
        "position": POSITIONS.get(_shown_position(found, measure.kind), gettext("No figure of yours to place")),
    }


def _shown_position(found, kind):
    """The position of the figures as shown, so that a score shown as 2.9 is
    not said to be below a lower quartile also shown as 2.9."""
    if found.value is None:
        return None
    places = 0 if kind == "money" else 1
    value, lower, median, upper = (
        round(x, places) for x in (found.value, found.lower_quartile, found.median, found.upper_quartile)
    )
    return d.position(value, lower, median, upper)


def comparison_section(partnership, today=None, all_nations=False) -> ComparisonSection:
    """The section for one partnership, already resolved to its workspace: compared
    within the workspace's nations unless ``all_nations``."""
    minimum = d.min_group()
    nations_text = _(" and ").join(str(name) for name in partnership.workspace.nation_names)
    workspace = partnership.workspace
    page = reverse("comparison:home", args=[workspace.slug])
    if not is_opted_in(workspace):
        return ComparisonSection(
            notice=gettext("This workspace has not chosen to compare its partnerships with similar "
                           "partnerships elsewhere, so no comparison is shown and none of its figures are shared."),
            notice_link=(gettext("Read about comparison and how to opt in"), page), minimum=minimum,
        )
    if not is_live(partnership):
        return ComparisonSection(
            notice=gettext("Only active partnerships and partnerships under review are compared."),
            minimum=minimum,
        )
    group = user_group_of(partnership.user_groups)
    if group is None:
        return ComparisonSection(
            notice=gettext("The partnership's “People it serves” does not say which group of "
                           "people it is for in words joinedup recognises (for example “older "
                           "people” or “people with mental health problems”), so it is "
                           "compared with no one."),
            notice_link=(gettext("How partnerships are grouped"), page), minimum=minimum,
        )
    group_text = gettext("%(form)s partnerships for %(group)s") % {
        "form": partnership.get_form_display().lower(), "group": LABELS[group]}
    if not all_nations:
        group_text += _(" in %(nations)s") % {"nations": nations_text}
    rows = comparisons_for(partnership, today, all_nations)
    if not any(r.distribution for r in rows):
        return ComparisonSection(
            notice=gettext("There are not yet %(minimum)s similar partnerships (%(group)s, in "
                           "workspaces that share figures) with figures to compare, so nothing is shown.") % {
                "minimum": minimum, "group": group_text},
            group_text=group_text, minimum=minimum, nations_text=nations_text, all_nations=all_nations,
        )
    themes = [r for r in rows if r.measure.section == "themes"]
    return ComparisonSection(
        group_text=group_text, minimum=minimum, nations_text=nations_text, all_nations=all_nations,
        rows=[_row(r, minimum) for r in rows if r.measure.section == "main"],
        # Eleven "not compared" rows say no more than the overall row does.
        theme_rows=[_row(r, minimum) for r in themes] if any(r.distribution for r in themes) else [],
    )
