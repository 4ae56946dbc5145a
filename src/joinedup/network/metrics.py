"""Network metrics of a locality's partnerships, over a plain `Web`, as at a day.

Formulas, references and what high and low values mean are in docs/network.md.

networkx and SciPy's sparse matrices are imported in the functions that build a graph or
a matrix: a review reads the figures kept (kept.py) and needs neither, and they take a
new process a second or more to import (bench/cold_start.py). `joinedup serve` imports
them once, before its workers start (gunicorn_conf.WARM_MODULES)."""

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date

import numpy as np

from .web import COMMUNITY_SECTORS

# Exact betweenness costs O(nodes × ties); above this many nodes it is
# estimated from this many sampled sources (Brandes and Pich 2007), seeded so
# that the same web gives the same figures.
EXACT_BETWEENNESS_UP_TO = 500
BETWEENNESS_SAMPLES = 100


def org_node(i):
    return f"o{i}"


def person_node(i):
    return f"x{i}"


def partnership_node(i):
    return f"p{i}"


def build_graph(web, day, with_people=True):
    """The web on the day as one graph: partnerships joined to their member
    organisations (membership) and to the people who sat in them (attendance).
    Every organisation and partnership is a node, in a partnership or not."""
    import networkx as nx

    graph = nx.Graph()
    for p in web.partnerships.values():
        graph.add_node(partnership_node(p.id), kind="partnership", label=p.name, id=p.id)
    for o in web.organisations.values():
        graph.add_node(org_node(o.id), kind="organisation", label=o.name, id=o.id, sector=o.sector)
    for pid, orgs in web.members_on(day).items():
        graph.add_edges_from((partnership_node(pid), org_node(o)) for o in orgs)
    if with_people:
        for pid, people in web.people_on(day).items():
            for x in people:
                person = web.people.get(x)
                if person is None:
                    continue
                graph.add_node(person_node(x), kind="person", label=person.name, id=x)
                graph.add_edge(partnership_node(pid), person_node(x))
    return graph


def blau_index(categories):
    """Blau's index of heterogeneity, 1 − Σ pᵢ², over the categories of a group;
    0 for a group all of one kind (or empty)."""
    counts = Counter(categories)
    total = sum(counts.values())
    if not total:
        return 0.0
    return 1.0 - sum((n / total) ** 2 for n in counts.values())


def jaccard(a, b):
    """|A ∩ B| ÷ |A ∪ B|; 0 when both are empty."""
    union = len(a | b)
    return len(a & b) / union if union else 0.0


@dataclass(frozen=True)
class PartnershipFigures:
    partnership_id: int
    members: int
    sector_diversity: float
    community_share: float
    sectors: tuple[str, ...]
    people: int
    average_tenure_years: float | None


def partnership_figures(web, day):
    """{partnership id: PartnershipFigures} on the day."""
    members = web.members_on(day)
    seated = web.people_on(day)
    tenure = average_tenures(web, day)
    figures = {}
    for pid, orgs in members.items():
        sectors = [web.organisations[o].sector for o in orgs if o in web.organisations]
        community = sum(1 for s in sectors if s in COMMUNITY_SECTORS)
        figures[pid] = PartnershipFigures(
            partnership_id=pid,
            members=len(sectors),
            sector_diversity=blau_index(web.group_of(s) for s in sectors),
            community_share=community / len(sectors) if sectors else 0.0,
            sectors=tuple(sorted(set(sectors))),
            people=len(seated.get(pid, ())),
            average_tenure_years=tenure.get(pid),
        )
    return figures


@dataclass(frozen=True)
class Turnover:
    year: int
    at_start: int
    joined: int
    left: int
    at_end: int

    @property
    def rate(self):
        """(joined + left) ÷ (members at start + members at end): 0 for no
        change, 1 when every member is replaced."""
        base = self.at_start + self.at_end
        return (self.joined + self.left) / base if base else 0.0


def turnover_by_year(memberships, first_year, last_year):
    """Membership turnover of one partnership (its `memberships`) in each calendar year."""
    own = list(memberships)
    rows = []
    for year in range(first_year, last_year + 1):
        # A year runs from the start of 1 January to the start of the next;
        # so at_start + joined − left = at_end.
        start, next_start = date(year, 1, 1), date(year + 1, 1, 1)
        rows.append(Turnover(
            year=year,
            at_start=sum(1 for m in own if m.is_current(start)),
            joined=sum(1 for m in own if m.joined_on and start < m.joined_on <= next_start),
            left=sum(1 for m in own if m.left_on and start <= m.left_on < next_start),
            at_end=sum(1 for m in own if m.is_current(next_start)),
        ))
    return rows


def last_membership_change(memberships, day):
    """The latest day up to `day` on which an organisation joined or left one
    partnership (its `memberships`), or None."""
    days = [d for m in memberships for d in (m.joined_on, m.left_on) if d is not None and d <= day]
    return max(days, default=None)


def average_tenures(web, day):
    """{partnership id: mean years since first attendance} of the people who
    sat in each partnership in the year to the day."""
    seated = web.people_on(day)
    first = {(s.partnership_id, s.person_id): s.first_day for s in web.seating_on(day).seats}
    tenures = {}
    for pid, people in seated.items():
        years = [(day - first[(pid, x)]).days / 365.25 for x in people]
        if years:
            tenures[pid] = sum(years) / len(years)
    return tenures


def outcome_similarity(texts):
    """The cosine similarity of each pair of texts' TF-IDF vectors (English
    stop words removed), as a square array; 0 for an empty text."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import cosine_similarity

    n = len(texts)
    if not any(t.strip() for t in texts):
        return np.zeros((n, n))
    try:
        matrix = TfidfVectorizer(stop_words="english").fit_transform(texts)
    except ValueError:  # nothing but stop words
        return np.zeros((n, n))
    return cosine_similarity(matrix)


@dataclass(frozen=True)
class PairOverlap:
    first_id: int
    second_id: int
    shared_organisations: int
    organisation_overlap: float
    shared_people: int
    people_overlap: float
    outcome_similarity: float

    @property
    def score(self):
        """The mean of the three overlaps: how alike the two partnerships are."""
        return (self.organisation_overlap + self.people_overlap + self.outcome_similarity) / 3


def _incidence(groups, ids):
    """A sparse partnerships × items 0/1 matrix in the order of `ids`."""
    from scipy import sparse

    items = sorted({i for members in groups.values() for i in members})
    column = {item: k for k, item in enumerate(items)}
    rows, cols = [], []
    for r, pid in enumerate(ids):
        for item in groups.get(pid, ()):
            rows.append(r)
            cols.append(column[item])
    data = np.ones(len(rows), dtype=np.int32)
    return sparse.csr_matrix((data, (rows, cols)), shape=(len(ids), max(len(items), 1)))


def _shared_counts(groups, ids):
    matrix = _incidence(groups, ids)
    shared = (matrix @ matrix.T).tocoo()
    sizes = np.asarray(matrix.sum(axis=1)).ravel()
    return shared, sizes


def overlapping_pairs(web, day):
    """Every pair of partnerships sharing an organisation or a person on the
    day, with the Jaccard overlap of their organisations and of their people
    and the similarity of their outcomes, most alike first. Computed with
    sparse matrix products, so pairs that share nobody cost nothing."""
    ids = sorted(web.partnerships)
    members, seated = web.members_on(day), web.people_on(day)
    pairs = defaultdict(lambda: [0, 0])
    for slot, groups in ((0, members), (1, seated)):
        shared, _ = _shared_counts(groups, ids)
        for r, c, v in zip(shared.row, shared.col, shared.data, strict=True):
            if r < c:
                pairs[(r, c)][slot] = int(v)
    if not pairs:
        return []
    similarity = outcome_similarity(
        [f"{web.partnerships[p].outcomes} {web.partnerships[p].user_groups}" for p in ids]
    )
    org_sizes = [len(members[p]) for p in ids]
    people_sizes = [len(seated[p]) for p in ids]
    result = []
    for (r, c), (orgs, people) in pairs.items():
        org_union = org_sizes[r] + org_sizes[c] - orgs
        people_union = people_sizes[r] + people_sizes[c] - people
        result.append(PairOverlap(
            first_id=ids[r], second_id=ids[c],
            shared_organisations=orgs,
            organisation_overlap=orgs / org_union if org_union else 0.0,
            shared_people=people,
            people_overlap=people / people_union if people_union else 0.0,
            outcome_similarity=float(similarity[r, c]),
        ))
    result.sort(key=lambda p: (-p.score, p.first_id, p.second_id))
    return result


def merge_candidates(pairs, threshold=0.5):
    """The pairs so alike that they are candidates to merge or coordinate:
    half or more of their organisations or of their people in common."""
    return [p for p in pairs if max(p.organisation_overlap, p.people_overlap) >= threshold]


def people_graph(web, day):
    """People and the partnerships they sat in on the day (the rooms)."""
    import networkx as nx

    graph = nx.Graph()
    for pid, people in web.people_on(day).items():
        for x in people:
            graph.add_edge(partnership_node(pid), person_node(x))
    return graph


def brokerage_graph(rooms):
    """The rooms graph less the people in one room only: they lie on no
    shortest path between anyone else, so leaving them out changes who the
    brokers are very little and makes betweenness far quicker to work out."""
    return rooms.subgraph([n for n in rooms if n.startswith("p") or rooms.degree(n) >= 2]).copy()


def betweenness(graph):
    """Normalised betweenness centrality of every node: exact up to
    EXACT_BETWEENNESS_UP_TO nodes, estimated from a seeded sample above."""
    import networkx as nx

    if graph.number_of_nodes() <= EXACT_BETWEENNESS_UP_TO:
        return nx.betweenness_centrality(graph)
    k = min(BETWEENNESS_SAMPLES, graph.number_of_nodes())
    return nx.betweenness_centrality(graph, k=k, seed=1)


@dataclass(frozen=True)
class PersonFigures:
    person_id: int
    partnerships: int
    betweenness: float
    # Their leaving would split the web of rooms into more pieces.
    disconnects: bool
    hours_per_month: float
    has_deputy: bool


def person_figures(web, day):
    """{person id: PersonFigures} for everyone who sat in a partnership in the
    year to the day. Hours per month are the year's meeting minutes ÷ 60 ÷ 12."""
    import networkx as nx

    graph = people_graph(web, day)
    central = betweenness(brokerage_graph(graph))
    cut = set(nx.articulation_points(graph))
    seating = web.seating_on(day)
    minutes = Counter()
    for seat in seating.seats:
        minutes[seat.person_id] += seat.minutes
    deputised = seating.sent_deputies
    figures = {}
    for node in graph:
        if not node.startswith("x"):
            continue
        x = int(node[1:])
        figures[x] = PersonFigures(
            person_id=x,
            partnerships=graph.degree(node),
            betweenness=central.get(node, 0.0),
            disconnects=node in cut,
            hours_per_month=minutes[x] / 60 / 12,
            has_deputy=x in deputised,
        )
    return figures


def freeman_centralisation(graph):
    """Freeman's degree centralisation, Σ(d_max − dᵢ) ÷ ((n − 1)(n − 2)): 1 for
    a star, 0 when every node has the same number of ties."""
    n = graph.number_of_nodes()
    if n < 3:
        return 0.0
    degrees = [d for _, d in graph.degree()]
    top = max(degrees)
    return sum(top - d for d in degrees) / ((n - 1) * (n - 2))


def partnership_graph(web, day):
    """Partnerships joined when they share a member organisation or a person."""
    import networkx as nx

    ids = sorted(web.partnerships)
    graph = nx.Graph()
    graph.add_nodes_from(ids)
    for groups in (web.members_on(day), web.people_on(day)):
        shared, _ = _shared_counts(groups, ids)
        graph.add_edges_from(
            (ids[r], ids[c]) for r, c in zip(shared.row, shared.col, strict=True) if r < c
        )
    return graph


@dataclass(frozen=True)
class WorkspaceFigures:
    partnerships: int
    organisations: int
    people: int
    density: float
    centralisation: float
    components: int
    isolated_organisations: tuple[int, ...]
    absent_sectors: tuple[str, ...]


def workspace_figures(web, day):
    """Whole-web figures: density and centralisation of the partnership graph,
    connected parts of the web, organisations in no partnership, and sectors
    with no member in any partnership."""
    import networkx as nx

    rooms = partnership_graph(web, day)
    members, seated = web.members_on(day), web.people_on(day)
    in_use = {web.organisations[o].sector for orgs in members.values() for o in orgs if o in web.organisations}
    in_any = set().union(*members.values()) if members else set()
    # People and organisations are tied only to partnerships, so the web's
    # separate parts are those of the partnership graph, less partnerships
    # with no one in them.
    tied = [pid for pid in rooms if members.get(pid) or seated.get(pid)]
    return WorkspaceFigures(
        partnerships=len(web.partnerships),
        organisations=len(web.organisations),
        people=len(set().union(*seated.values()) & set(web.people)) if seated else 0,
        density=nx.density(rooms) if rooms.number_of_nodes() > 1 else 0.0,
        centralisation=freeman_centralisation(rooms),
        components=nx.number_connected_components(rooms.subgraph(tied)) if tied else 0,
        isolated_organisations=tuple(sorted(o for o in web.organisations if o not in in_any)),
        absent_sectors=tuple(value for value, _ in web.sectors if value not in in_use),
    )
