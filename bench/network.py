"""The Network page's work on a large locality: 2,000 organisations, 10,000
people and 500 partnerships (plain data, no database), timed warm.

Prints the time of the page's figures (every metric and table row the page
shows), the floor — what networkx alone takes for the graph work on the same
graph (building it, betweenness with the same sample, cut vertices, density,
components) — and the ratio to it, the size of the drawing's JSON payload,
and the time of the layout, which the page does not wait for (a background
task makes it once per set of ties; network/layouts.py); and the time of the
network facts the overview and a partnership's page show (network/headlines.py,
from a web read afresh as each page reads it), with their ratio to the page's
figures.

    uv run python bench/network.py [--repeat 5] [--seed 1]
"""

import argparse
import json
import random
import statistics
import sys
import time
from datetime import date, timedelta

from _setup import django_setup, report

DAY = date(2026, 11, 22)
SECTORS = [
    "nhs_acute", "nhs_community", "nhs_mental_health", "nhs_primary_care", "council_adult_social_care",
    "council_childrens_services", "council_housing", "council_education", "council_public_health",
    "police", "fire", "voluntary_community", "user_led", "private_provider", "academic", "other",
]
WORDS = ["older", "people", "home", "hospital", "safe", "carers", "children", "housing", "mental",
         "health", "work", "school", "money", "lonely", "story", "once", "well", "care"]


def build_web(seed, organisations=2000, people=10000, partnerships=500):
    """A deterministic web in 20 areas: a partnership draws its members and
    people mostly from its own area, so that partnerships overlap; one person
    in a hundred sits in several partnerships and a few in many."""
    from joinedup.network.web import Attendance, Membership, Organisation, Partnership, Person, Web
    from joinedup.organisations.models import Sector
    from joinedup.review.staleness_rules import SECTOR_GROUPS

    rng = random.Random(seed)
    areas = 20
    web = Web(sectors=list(Sector.choices), sector_groups=SECTOR_GROUPS)
    for i in range(1, organisations + 1):
        web.organisations[i] = Organisation(i, f"Organisation {i}", rng.choice(SECTORS))
    for i in range(1, people + 1):
        web.people[i] = Person(i, f"Person {i}", rng.randint(1, organisations))
    orgs_by_area = [list(range(1 + a, organisations + 1, areas)) for a in range(areas)]
    people_by_area = [list(range(1 + a, people + 1, areas)) for a in range(areas)]
    for p in range(1, partnerships + 1):
        area = p % areas
        web.partnerships[p] = Partnership(
            p, f"Partnership {p}", rng.choice(["Older people", "Children and families", "Carers"]),
            " ".join(rng.choice(WORDS) for _ in range(12)),
        )
        for o in rng.sample(orgs_by_area[area], rng.randint(4, 12)):
            joined = date(2015, 1, 1) + timedelta(days=rng.randint(0, 3600))
            left = joined + timedelta(days=rng.randint(300, 3000)) if rng.random() < 0.2 else None
            web.memberships.append(Membership(p, o, joined, left))
    # Every person sits in one partnership of their area; some in more.
    seats = []
    for x in range(1, people + 1):
        area = x % areas
        own = [p for p in range(1, partnerships + 1) if p % areas == area]
        count = 1 if rng.random() < 0.9 else rng.randint(2, 4)
        if x % 1000 == 0:
            count = 8
        seats += [(p, x) for p in rng.sample(own, count)]
    for p, x in seats:
        for month in range(1, 11):
            if rng.random() < 0.8:
                web.attendances.append(Attendance(p, x, date(2026, month, rng.randint(1, 28)), 90))
    del people_by_area
    return web


def page_figures(web, positions):
    """Everything the network page computes: the presenter's rows and the
    drawing, with the layout the background task made beforehand."""
    from joinedup.network.drawing import description_of, drawing_spec, drawn_graph
    from joinedup.network.presenters import NetworkPage

    page = NetworkPage(web, DAY, "bench")
    rows = (page.summary_rows(), page.merge_candidates(), page.partnership_rows(), page.people_rows(),
            page.isolated())
    graph = drawn_graph(web, DAY)
    spec = drawing_spec(graph, positions, web, description_of(graph))
    return rows, spec, graph


def networkx_floor(web):
    """networkx alone for the page's graph work, on graphs built beforehand:
    betweenness of the brokerage graph with the same sample, cut vertices of
    the rooms graph, density and components of the partnership graph."""
    import networkx as nx

    from joinedup.network.metrics import BETWEENNESS_SAMPLES, EXACT_BETWEENNESS_UP_TO

    rooms, brokers, partnerships = FLOOR_GRAPHS
    if brokers.number_of_nodes() <= EXACT_BETWEENNESS_UP_TO:
        nx.betweenness_centrality(brokers)
    else:
        nx.betweenness_centrality(brokers, k=min(BETWEENNESS_SAMPLES, brokers.number_of_nodes()), seed=1)
    list(nx.articulation_points(rooms))
    nx.number_connected_components(partnerships)
    nx.density(partnerships)


FLOOR_GRAPHS = ()


def timed(function, repeat):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    django_setup()
    from joinedup.network.drawing import drawn_graph, positions_of

    start = time.perf_counter()
    web = build_web(args.seed)
    print(f"web built in {time.perf_counter() - start:.1f} s: {len(web.organisations):,} organisations, "
          f"{len(web.people):,} people, {len(web.partnerships):,} partnerships, "
          f"{len(web.memberships):,} memberships, {len(web.attendances):,} attendances")

    start = time.perf_counter()
    graph = drawn_graph(web, DAY)
    positions = positions_of(graph)
    laid_out = time.perf_counter() - start
    print(f"the layout, made once in the background task: {laid_out:.2f} s ({graph.number_of_nodes():,} nodes "
          f"drawn, {graph.number_of_edges():,} ties)")
    _rows, spec, graph = page_figures(web, positions)

    from joinedup.network import metrics

    global FLOOR_GRAPHS
    rooms = metrics.people_graph(web, DAY)
    FLOOR_GRAPHS = (rooms, metrics.brokerage_graph(rooms).copy(), metrics.partnership_graph(web, DAY))
    warm = timed(lambda: page_figures(web, positions), args.repeat)
    floor = timed(lambda: networkx_floor(web), args.repeat)
    payload = len(json.dumps(spec, separators=(",", ":")).encode())
    report("page figures, warm (median)", warm, 1.0, "s")
    print(f"networkx alone on the same graphs (floor): {floor:.2f} s; page ÷ floor: {warm / floor:.2f}")
    report("drawing payload", payload / 1e6, 2.0, "MB")

    from dataclasses import replace

    from joinedup.network.headlines import partnership_headlines, workspace_headlines

    def headlines():
        fresh = replace(web, _on_day={})  # each page reads its web afresh: who sits where is not cached
        return workspace_headlines(fresh, DAY), partnership_headlines(fresh, DAY, 1)

    facts = timed(headlines, args.repeat)
    print(f"network facts of the overview and one partnership page, warm (median): {facts:.2f} s; "
          f"÷ page figures: {facts / warm:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
