"""The national outcome frameworks of the four UK nations, as starting points
for a partnership's outcomes and indicators (data/outcome_frameworks.json,
its sources in data/SOURCES.md). They suggest; what the partnership records
stays in its own words."""

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from joinedup.workspaces.models import Nation

DATA = Path(__file__).parent / "data" / "outcome_frameworks.json"

# What each kind of item is a starting point for.
OUTCOME_KINDS = frozenset({"outcome", "goal"})
INDICATOR_KINDS = frozenset({"indicator", "measure"})


# An indicator's direction as the catalogue records it: "" where its authors
# could not check it in a public source (the page then says to check with the
# publisher). "none" is a measure its publisher gives no better way for.
DIRECTIONS = {
    "higher": _("Higher is better"),
    "lower": _("Lower is better"),
    "none": _("No direction"),
}
# How often a value is published. All but "two_years" are values of the
# indicators app's Frequency (tests/partnerships/test_frameworks.py holds them to
# it), so that a starting point can fill the indicator form in without this app
# reading that one; the form has no choice for a survey run every two years.
FREQUENCIES = {
    "two_years": _("Every two years"),
    "month": _("Monthly"),
    "quarter": _("Quarterly"),
    "year": _("Yearly (calendar year)"),
    "financial_year": _("Yearly (financial year, April to March)"),
    "several_years": _("Several years together (for example 3-year aggregates)"),
}


@dataclass(frozen=True)
class Item:
    """One item of a framework. An indicator's definition, direction, unit,
    frequency and data page are what its publisher says, checked in a public
    source (data/SOURCES.md); each is "" where that could not be checked."""

    code: str
    kind: str
    text: str
    definition: str = ""
    direction: str = ""
    unit: str = ""
    frequency: str = ""
    data_url: str = ""

    @property
    def is_indicator(self):
        return self.kind in INDICATOR_KINDS

    @property
    def direction_text(self):
        return DIRECTIONS.get(self.direction, "")

    @property
    def frequency_text(self):
        return FREQUENCIES.get(self.frequency, "")

    @property
    def unchecked(self):
        """The fields of an indicator its authors could not check, by name."""
        if not self.is_indicator:
            return ()
        return tuple(field for field in ("definition", "direction", "unit", "frequency", "data_url")
                     if not getattr(self, field))


def read_item(data):
    if data.get("direction", "") not in {"", *DIRECTIONS}:
        raise ValueError(f"{data['code']}: unknown direction {data['direction']!r}")
    if data.get("frequency", "") not in {"", *FREQUENCIES}:
        raise ValueError(f"{data['code']}: unknown frequency {data['frequency']!r}")
    return Item(
        code=data["code"], kind=data["kind"], text=data["text"], definition=data.get("definition", ""),
        direction=data.get("direction", ""), unit=data.get("unit", ""), frequency=data.get("frequency", ""),
        data_url=data.get("data_url", ""),
    )


@dataclass(frozen=True)
class Framework:
    code: str
    nation: str
    title: str
    publisher: str
    source: str
    notes: str
    items: tuple

    @property
    def nation_name(self):
        return Nation(self.nation).label


def read_frameworks(text):
    """The frameworks in the catalogue's JSON text."""
    data = json.loads(text)
    return tuple(
        Framework(
            code=f["code"], nation=f["nation"], title=f["title"], publisher=f["publisher"],
            source=f["source"], notes=f.get("notes", ""),
            items=tuple(read_item(i) for i in f["items"]),
        )
        for f in data["frameworks"]
    )


@cache
def all_frameworks():
    return read_frameworks(DATA.read_text(encoding="utf-8"))


def frameworks_of(nations, kinds, frameworks=None):
    """The frameworks of the given nations, nation by nation in the order of
    Nation, each with only its items of the given kinds (frameworks left with
    none are dropped)."""
    chosen = []
    for nation in Nation.values:
        if nation not in nations:
            continue
        for framework in frameworks if frameworks is not None else all_frameworks():
            items = tuple(item for item in framework.items if item.kind in kinds)
            if framework.nation == nation and items:
                chosen.append((framework, items))
    return chosen


def starting_point(code, nations, kinds, frameworks=None):
    """(framework, item) of the item with this code among those offered to
    the given nations, or None (an unknown code, or one of a nation the
    workspace is not in)."""
    for framework, items in frameworks_of(nations, kinds, frameworks):
        for item in items:
            if item.code == code:
                return framework, item
    return None
