"""Network metrics against hand-computed small webs and networkx's own functions."""

import random
from datetime import date

import networkx as nx
import pytest
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import cosine_similarity

from joinedup.network import metrics
from joinedup.network.web import Attendance, Membership, Organisation, Partnership, Person, Web

from .webs import DAY, SECTORS, small_web


def test_blau_index_by_hand():
    assert metrics.blau_index([]) == 0.0
    assert metrics.blau_index(["a", "a", "a"]) == 0.0
    assert metrics.blau_index(["a", "b"]) == pytest.approx(0.5)
    # 1 − (0.5² + 0.25² + 0.25²) = 0.625
    assert metrics.blau_index(["a", "a", "b", "c"]) == pytest.approx(0.625)


def test_jaccard_by_hand():
    assert metrics.jaccard({1, 2, 3}, {2, 3, 4}) == pytest.approx(0.5)
    assert metrics.jaccard(set(), set()) == 0.0


def test_partnership_figures_on_the_day():
    figures = metrics.partnership_figures(small_web(), DAY)
    frailty, discharge, youth = figures[1], figures[2], figures[3]
    assert (frailty.members, discharge.members, youth.members) == (3, 3, 0)
    assert frailty.sector_diversity == pytest.approx(2 / 3)
    assert frailty.community_share == pytest.approx(1 / 3)
    assert discharge.community_share == 0.0
    assert youth.sector_diversity == 0.0 and youth.average_tenure_years is None
    # Wren first came on 10 March 2025, Ann on 10 January 2026.
    expected = ((DAY - date(2025, 3, 10)).days + (DAY - date(2026, 1, 10)).days) / 2 / 365.25
    assert frailty.average_tenure_years == pytest.approx(expected)


def test_as_at_an_earlier_day_the_carers_had_not_joined():
    figures = metrics.partnership_figures(small_web(), date(2023, 6, 30))
    assert figures[1].members == 2
    assert figures[1].community_share == 0.0
    assert figures[1].sector_diversity == pytest.approx(0.5)


def test_turnover_balances_and_counts_the_leave_in_its_year():
    rows = metrics.turnover_by_year(small_web().memberships_by_partnership()[2], 2024, 2026)
    by_year = {r.year: r for r in rows}
    assert [(r.at_start, r.joined, r.left, r.at_end) for r in rows] == [
        (3, 0, 0, 3), (3, 0, 1, 2), (2, 1, 0, 3),
    ]
    for r in rows:
        assert r.at_start + r.joined - r.left == r.at_end
    assert by_year[2024].rate == 0.0
    assert by_year[2025].rate == pytest.approx(1 / 5)
    own = small_web().memberships_by_partnership()
    assert metrics.last_membership_change(own[2], DAY) == date(2026, 2, 1)
    assert metrics.last_membership_change(own[1], date(2023, 1, 1)) == date(2020, 1, 1)


def test_pairs_overlap_by_hand_and_outcomes_as_sklearn_says():
    web = small_web()
    pairs = metrics.overlapping_pairs(web, DAY)
    assert [(p.first_id, p.second_id) for p in pairs] == [(1, 2)]
    pair = pairs[0]
    assert (pair.shared_organisations, pair.shared_people) == (2, 1)
    assert pair.organisation_overlap == pytest.approx(2 / 4)
    assert pair.people_overlap == pytest.approx(1 / 3)
    texts = [f"{p.outcomes} {p.user_groups}" for p in web.partnerships.values()]
    tfidf = TfidfVectorizer(stop_words="english").fit_transform(texts)
    assert pair.outcome_similarity == pytest.approx(cosine_similarity(tfidf)[0, 1])
    assert 0 < pair.outcome_similarity < 1
    assert metrics.merge_candidates(pairs) == [pair]
    assert metrics.merge_candidates(pairs, threshold=0.6) == []


def test_person_figures_on_a_path_of_rooms():
    # Ann – Frailty – Wren – Discharge – Bob: a path of five. Betweenness is taken
    # without the people in one room (Ann, Bob): Frailty – Wren – Discharge, where
    # the one pair of partnerships is joined only through Wren.
    figures = metrics.person_figures(small_web(), DAY)
    wren, ann, bob = figures[1], figures[2], figures[3]
    assert (wren.partnerships, ann.partnerships) == (2, 1)
    assert wren.betweenness == pytest.approx(1.0)
    assert ann.betweenness == 0.0
    assert wren.disconnects and not ann.disconnects and not bob.disconnects
    assert wren.hours_per_month == pytest.approx(180 / 60 / 12)
    assert ann.hours_per_month == pytest.approx(120 / 60 / 12)
    assert not wren.has_deputy


def test_a_person_who_sent_a_deputy_has_one():
    web = small_web()
    web.attendances.append(Attendance(1, 1, date(2026, 3, 1), 0, sent_deputy=True))
    web.attendances.append(Attendance(1, 2, date(2026, 3, 1), 90, deputised=True))
    figures = metrics.person_figures(web, DAY)
    assert figures[1].has_deputy
    assert figures[2].hours_per_month == pytest.approx(210 / 60 / 12)


def test_workspace_figures_by_hand():
    figures = metrics.workspace_figures(small_web(), DAY)
    # Partnership graph: Frailty – Discharge, Youth alone.
    assert figures.density == pytest.approx(1 / 3)
    assert figures.centralisation == pytest.approx(0.5)
    assert figures.components == 1
    assert figures.isolated_organisations == (5,)
    assert figures.absent_sectors == ("user_led",)
    assert figures.people == 3


def test_freeman_centralisation_of_a_star_and_a_complete_graph():
    assert metrics.freeman_centralisation(nx.star_graph(6)) == pytest.approx(1.0)
    assert metrics.freeman_centralisation(nx.complete_graph(6)) == pytest.approx(0.0)
    # A path of 4: degrees 1,2,2,1 → (1 + 0 + 0 + 1) / (3 × 2)
    assert metrics.freeman_centralisation(nx.path_graph(4)) == pytest.approx(2 / 6)


def random_web(seed, partnerships=30, organisations=60, people=120):
    rng = random.Random(seed)
    sectors = [v for v, _ in SECTORS]
    web = Web(sectors=SECTORS)
    for i in range(1, organisations + 1):
        web.organisations[i] = Organisation(i, f"Org {i}", rng.choice(sectors))
    for i in range(1, people + 1):
        web.people[i] = Person(i, f"Person {i}")
    for p in range(1, partnerships + 1):
        web.partnerships[p] = Partnership(p, f"P {p}", outcomes=rng.choice(["home", "safe", "well"]))
        for o in rng.sample(range(1, organisations + 1), rng.randint(2, 8)):
            web.memberships.append(Membership(p, o, date(2020, 1, rng.randint(1, 28))))
        for x in rng.sample(range(1, people + 1), rng.randint(2, 10)):
            web.attendances.append(Attendance(p, x, date(2026, rng.randint(1, 6), 1), 60))
    return web


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_against_networkx_on_random_webs(seed):
    web = random_web(seed)
    rooms = metrics.people_graph(web, DAY)
    brokers = rooms.subgraph([n for n in rooms if n[0] == "p" or rooms.degree(n) > 1])
    expected = nx.betweenness_centrality(brokers)
    figures = metrics.person_figures(web, DAY)
    for x, f in figures.items():
        assert f.betweenness == pytest.approx(expected.get(metrics.person_node(x), 0.0))
        assert f.partnerships == rooms.degree(metrics.person_node(x))
        assert f.disconnects == (metrics.person_node(x) in set(nx.articulation_points(rooms)))
    whole = metrics.build_graph(web, DAY)
    linked = whole.subgraph([n for n in whole if whole.degree(n)])
    figures = metrics.workspace_figures(web, DAY)
    assert figures.components == nx.number_connected_components(linked)
    assert figures.isolated_organisations == tuple(sorted(
        int(n[1:]) for n, k in whole.nodes(data="kind") if k == "organisation" and not whole.degree(n)))
    assert figures.people == sum(1 for _, k in whole.nodes(data="kind") if k == "person")
    members = web.members_on(DAY)
    bipartite = nx.Graph()
    bipartite.add_edges_from((("p", p), ("o", o)) for p, orgs in members.items() for o in orgs)
    for pair in metrics.overlapping_pairs(web, DAY):
        a, b = ("p", pair.first_id), ("p", pair.second_id)
        if pair.shared_organisations:
            [(_, _, coefficient)] = nx.jaccard_coefficient(bipartite, [(a, b)])
            assert pair.organisation_overlap == pytest.approx(coefficient)
    overlap = metrics.partnership_graph(web, DAY)
    assert metrics.workspace_figures(web, DAY).density == pytest.approx(nx.density(overlap))


def test_large_webs_estimate_betweenness_the_same_way_each_time(monkeypatch):
    monkeypatch.setattr(metrics, "EXACT_BETWEENNESS_UP_TO", 5)
    web = random_web(4)
    first = metrics.person_figures(web, DAY)
    second = metrics.person_figures(web, DAY)
    assert first == second


def test_diversity_is_over_sector_groups_so_nhs_trusts_are_one():
    web = small_web()
    web.sector_groups = {"nhs_acute": "NHS", "nhs_community": "NHS", "council_adult_social_care": "council"}
    web.organisations[3] = Organisation(3, "Community trust", "nhs_community")
    # Frailty: Hospital (NHS), Council (council), Community trust (NHS): 1 − (4/9 + 1/9)
    assert metrics.partnership_figures(web, DAY)[1].sector_diversity == pytest.approx(4 / 9)
