"""Where each node of a drawing sits. A force-directed layout of a large web
takes seconds, so it is worked out once per set of nodes and ties — inline for
a small web, in a background task for a large one — and kept in the database,
where every app process and worker finds it. Until the task is done, a large
web is drawn with a rough layout and the page says so."""

import hashlib
import math
from datetime import timedelta

import numpy as np
from django.db import IntegrityError, transaction
from django.utils import timezone

from .drawing import FULL_LAYOUT_UP_TO, positions_of
from .models import Layout

# Layouts of webs that have since changed are kept this long, then deleted
# when the next one is made.
KEPT_FOR = timedelta(days=30)


def graph_key(graph):
    """The same nodes and ties give the same key, whatever their order."""
    edges = sorted(tuple(sorted(e)) for e in graph.edges())
    nodes = sorted(graph.nodes())
    return hashlib.sha256(repr((nodes, edges)).encode()).hexdigest()


def stored(workspace, graph):
    found = Layout.objects.filter(workspace=workspace, key=graph_key(graph)).values_list("positions", flat=True).first()
    # JSON keys are text; node names are the graph's own ("p12", "o3", ...).
    return {node: tuple(xy) for node, xy in found.items()} if found is not None else None


def make(workspace, graph):
    """Work out the layout and keep it (once: another process may have just
    made the same one)."""
    positions = positions_of(graph) if graph.number_of_nodes() else {}
    rounded = {n: (round(float(x), 3), round(float(y), 3)) for n, (x, y) in positions.items()}
    try:
        with transaction.atomic():
            Layout.objects.create(workspace=workspace, key=graph_key(graph), positions=rounded)
    except IntegrityError:
        pass
    Layout.objects.filter(workspace=workspace, made_at__lt=timezone.now() - KEPT_FOR).delete()
    return rounded


def rough(graph):
    """A layout that costs nothing: partnerships evenly round a circle, every
    organisation and person near the middle of its partnerships."""
    hubs = sorted(n for n, k in graph.nodes(data="kind") if k == "partnership")
    positions = {h: (math.cos(2 * math.pi * i / len(hubs)), math.sin(2 * math.pi * i / len(hubs)))
                 for i, h in enumerate(hubs)}
    rng = np.random.default_rng(1)
    for node in graph:
        if node not in positions:
            rooms = [positions[h] for h in graph[node] if h in positions] or [(0.0, 0.0)]
            x, y = np.mean(rooms, axis=0) + rng.normal(0, 0.05, 2)
            positions[node] = (round(float(x), 3), round(float(y), 3))
    return positions


def positions_for(workspace, graph, start_task):
    """(positions, rough?) for drawing `graph`: the kept layout; else, for a
    small web, one made now; else a rough one while `start_task()` asks a
    worker to make the real one (inline, it is made before this returns)."""
    found = stored(workspace, graph)
    if found is not None:
        return found, False
    if graph.number_of_nodes() <= FULL_LAYOUT_UP_TO:
        return make(workspace, graph), False
    start_task()
    found = stored(workspace, graph)
    return (found, False) if found is not None else (rough(graph), True)
