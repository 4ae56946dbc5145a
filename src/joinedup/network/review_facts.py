"""Plain network facts about partnerships for the review rules
(review/network_rules.py): the partnerships each overlaps with, and the
brokers in its room with no deputy. Gathered once per workspace, from the
figures kept for it on the day (network/kept.py), worked out first if they
are out of date."""

from collections import defaultdict
from dataclasses import dataclass

from . import kept


@dataclass(frozen=True)
class OverlapFact:
    other: str
    shared_organisations: int
    organisation_overlap: float
    shared_people: int
    people_overlap: float
    outcome_similarity: float


@dataclass(frozen=True)
class BrokerFact:
    """Someone in the partnership's room who ties the web together."""

    name: str
    partnerships: int
    betweenness: float
    disconnects: bool
    has_deputy: bool


@dataclass(frozen=True)
class NetworkFacts:
    overlaps: tuple = ()  # OverlapFact, most alike first
    people: tuple = ()  # BrokerFact for everyone who sat in its room in the year, most central first


def facts_for(partnerships, as_of):
    """{partnership id: NetworkFacts} for the partnerships in the web on the day."""
    by_workspace = defaultdict(set)
    for partnership in partnerships:
        by_workspace[partnership.workspace].add(partnership.id)
    found = {}
    for workspace, ids in by_workspace.items():
        network = kept.network_as_at(workspace, as_of, wait=True)
        web = network.web
        overlaps = defaultdict(list)
        for pair in network.pairs:
            for own, other in ((pair.first_id, pair.second_id), (pair.second_id, pair.first_id)):
                # Only the asked partnerships' overlaps: the workspace has thousands of
                # pairs, and the partnership page asks for one partnership's.
                if own not in ids:
                    continue
                overlaps[own].append(OverlapFact(
                    web.partnerships[other].name, pair.shared_organisations, pair.organisation_overlap,
                    pair.shared_people, pair.people_overlap, pair.outcome_similarity,
                ))
        people = network.people
        seated = web.people_on(as_of)
        for pid in ids & set(web.partnerships):
            room = [
                BrokerFact(web.people[x].name, f.partnerships, f.betweenness, f.disconnects, f.has_deputy)
                for x in seated[pid] if (f := people.get(x))
            ]
            found[pid] = NetworkFacts(
                overlaps=tuple(overlaps[pid]),
                people=tuple(sorted(room, key=lambda b: (-b.betweenness, b.name))),
            )
    return found
