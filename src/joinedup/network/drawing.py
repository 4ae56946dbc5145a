"""The web drawn as points and lines: a force-directed layout worked out on
the server, and a Vega-Lite spec that draws it (zoom, pan and hover in the
browser; the same spec drawn to SVG for reports)."""

import math

import networkx as nx
import numpy as np
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .metrics import build_graph

# Drawing every person of a large locality would be an unreadable blot: above
# this many nodes only the people who sit in two or more partnerships (the
# ones who tie the web together) are drawn.
MOST_NODES_WITH_EVERYONE = 1500
FULL_LAYOUT_UP_TO = 400
KIND_ORDER = ["partnership", "organisation", "person"]
KIND_LABEL = {"partnership": gettext_lazy("Partnership"), "organisation": gettext_lazy("Organisation"),
              "person": gettext_lazy("Person")}
# Each kind's symbol, by its area in square pixels (Vega's `size`), in KIND_ORDER.
NODE_SIZES = [220, 70, 50]
NODE_STROKE = 1  # pixels: the anti-aliased edge of a filled symbol
# The nodes at the edge of the layout sit on the edge of the plot, which clips them
# (the zoom binds the scales, and Vega-Lite clips marks on bound scales): the scales
# are padded by the largest symbol's half-width (a square of side √220) and its edge,
# so that no node is cut.
NODE_MARGIN = math.ceil(math.sqrt(max(NODE_SIZES)) / 2 + NODE_STROKE)


def drawn_graph(web, day):
    """The graph to draw: partnerships, their member organisations and the
    people in their rooms, less the people in one room when that is too many."""
    graph = build_graph(web, day)
    graph.remove_nodes_from([n for n, k in graph.nodes(data="kind") if k == "organisation" and graph.degree(n) == 0])
    if graph.number_of_nodes() > MOST_NODES_WITH_EVERYONE:
        graph.remove_nodes_from(
            [n for n, k in graph.nodes(data="kind") if k == "person" and graph.degree(n) < 2]
        )
    return graph


def positions_of(graph):
    """Small webs: Fruchterman–Reingold on every node. Large ones: on the
    partnerships alone (joined where they share anyone), each organisation and
    person then placed at the middle of its partnerships, a little apart, as
    a full layout of thousands of nodes takes minutes."""
    if graph.number_of_nodes() <= FULL_LAYOUT_UP_TO:
        return nx.spring_layout(graph, seed=1, iterations=50)
    hubs = [n for n, k in graph.nodes(data="kind") if k == "partnership"]
    shared = nx.Graph()
    shared.add_nodes_from(hubs)
    for node in graph:
        if graph.nodes[node]["kind"] != "partnership":
            rooms = sorted(graph[node])
            shared.add_edges_from((a, b) for i, a in enumerate(rooms) for b in rooms[i + 1:])
    positions = nx.spring_layout(shared, seed=1, iterations=50, method="force")
    rng = np.random.default_rng(1)
    spread = 0.6 / max(len(hubs), 1) ** 0.5
    for node in graph:
        if node not in positions:
            middle = np.mean([positions[h] for h in graph[node]], axis=0)
            positions[node] = middle + rng.normal(0, spread, 2)
    return positions


def drawing_spec(graph, positions, web, description):
    """The Vega-Lite spec: ties as rules, looked up by node index so that each
    position is sent once, and nodes as points coloured by kind."""
    index = {n: i for i, n in enumerate(graph.nodes())}
    nodes = []
    for n, data in graph.nodes(data=True):
        x, y = positions[n]
        node = {"i": index[n], "x": x, "y": y, "kind": str(KIND_LABEL[data["kind"]]), "name": data["label"]}
        if data["kind"] == "organisation":
            node["sector"] = web.sector_label(data["sector"])
        nodes.append(node)
    ties = [{"a": index[a], "b": index[b]} for a, b in graph.edges()]
    axis = {"axis": None, "scale": {"zero": False, "nice": False, "padding": NODE_MARGIN}}
    kinds = [str(KIND_LABEL[kind]) for kind in KIND_ORDER]
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v6.json",
        "description": description,
        "width": 860,
        "height": 560,
        "config": {"font": "Arial", "view": {"stroke": None}},
        "datasets": {"nodes": nodes, "ties": ties},
        "layer": [
            {
                "data": {"name": "ties"},
                "transform": [
                    {"lookup": "a", "from": {"data": {"name": "nodes"}, "key": "i", "fields": ["x", "y"]}},
                    {"lookup": "b", "from": {"data": {"name": "nodes"}, "key": "i", "fields": ["x", "y"]},
                     "as": ["x2", "y2"]},
                ],
                "mark": {"type": "rule", "color": "#b1b4b6", "strokeWidth": 0.6},
                "encoding": {
                    "x": {"field": "x", "type": "quantitative", **axis},
                    "y": {"field": "y", "type": "quantitative", **axis},
                    "x2": {"field": "x2"},
                    "y2": {"field": "y2"},
                },
            },
            {
                "data": {"name": "nodes"},
                "params": [{"name": "zoom", "select": "interval", "bind": "scales"}],
                "mark": {"type": "point", "filled": True, "opacity": 0.9},
                "encoding": {
                    "x": {"field": "x", "type": "quantitative", **axis},
                    "y": {"field": "y", "type": "quantitative", **axis},
                    "color": {
                        "field": "kind", "type": "nominal", "title": _("Kind"),
                        "scale": {"domain": kinds,
                                  "range": ["#1d70b8", "#00703c", "#d4351c"]},
                    },
                    "shape": {
                        "field": "kind", "type": "nominal",
                        "scale": {"domain": kinds,
                                  "range": ["square", "circle", "triangle-up"]},
                    },
                    "size": {
                        "field": "kind", "type": "nominal", "legend": None,
                        "scale": {"domain": kinds, "range": NODE_SIZES},
                    },
                    "tooltip": [
                        {"field": "name", "title": _("Name")},
                        {"field": "kind", "title": _("Kind")},
                        {"field": "sector", "title": _("Sector")},
                    ],
                },
            },
        ],
    }


def description_of(graph):
    people = sum(1 for _, k in graph.nodes(data="kind") if k == "person")
    return (
        _("Network drawing of %(sum)s partnerships, their member organisations and %(people)s people; the same ties are listed in the tables on this page.") % {"sum": sum(1 for _, k in graph.nodes(data='kind') if k == 'partnership'), "people": people}
    )
