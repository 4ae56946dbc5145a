"""The national outcome frameworks of the four UK nations, as starting points
for a partnership's outcomes and indicators (data/outcome_frameworks.json,
its sources in data/SOURCES.md). They suggest; what the partnership records
stays in its own words."""

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from joinedup.workspaces.models import Nation

DATA = Path(__file__).parent / "data" / "outcome_frameworks.json"

# What each kind of item is a starting point for.
OUTCOME_KINDS = frozenset({"outcome", "goal"})
INDICATOR_KINDS = frozenset({"indicator", "measure"})


@dataclass(frozen=True)
class Item:
    code: str
    kind: str
    text: str


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
            items=tuple(Item(i["code"], i["kind"], i["text"]) for i in f["items"]),
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
