"""The drawing's nodes at the edge of the layout are drawn whole: the plot clips its
marks (the zoom binds the scales), so the scales keep a margin of the largest symbol's
half-width and its edge."""

import re

import networkx as nx
import vl_convert

from joinedup.network.drawing import NODE_MARGIN, drawing_spec

TRANSLATE = re.compile(r'transform="translate\(([-\d.e]+),([-\d.e]+)\)" d="([^"]+)"')


def drawn_extents(svg):
    """(left, top, right, bottom) of each symbol, from its position and its path."""
    symbols = svg.split('class="mark-symbol')[1]
    for x, y, path in TRANSLATE.findall(symbols):
        numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", path)]
        # a square is "M-a,-a h2a v2a h-2a Z" (relative sides); the other symbols' points are absolute
        reach = abs(numbers[0]) if "h" in path else max(abs(n) for n in numbers)
        yield float(x) - reach, float(y) - reach, float(x) + reach, float(y) + reach


def test_no_node_at_the_edge_is_cut():
    graph = nx.Graph()
    graph.add_node("home", kind="partnership", label="Home First")
    graph.add_node("frailty", kind="partnership", label="Frailty Network")
    graph.add_node("ada", kind="person", label="Ada")
    graph.add_edges_from([("home", "ada"), ("frailty", "ada")])
    # the largest symbols (partnerships' squares) at opposite corners of the layout
    positions = {"home": (-1.0, -1.0), "frailty": (1.0, 1.0), "ada": (1.0, -1.0)}
    spec = drawing_spec(graph, positions, web=None, description="")
    svg = vl_convert.vegalite_to_svg(spec)
    # the symbols' clip (its number counts the charts this process drew before)
    clip_id = re.search(r'class="mark-symbol[^>]*clip-path="url\(#([\w-]+)\)"', svg).group(1)
    clip = re.search(rf'<clipPath id="{clip_id}"><rect x="0" y="0" width="([\d.]+)" height="([\d.]+)"', svg)
    width, height = float(clip.group(1)), float(clip.group(2))
    extents = list(drawn_extents(svg))
    assert len(extents) == 3
    for left, top, right, bottom in extents:
        assert left >= 0 and top >= 0 and right <= width and bottom <= height
    # and the margin is no wider than it needs to be: the corner square nearly touches the edge
    assert min(left for left, *_ in extents) < NODE_MARGIN
