"""The drawing's layout: made once per set of nodes and ties and kept in the
database; for a large web, made by a background task while the page shows a
rough one and says so."""

import networkx as nx
import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from joinedup.network import layouts, tasks
from joinedup.network.drawing import drawn_graph
from joinedup.network.models import Layout
from joinedup.network.records import web_of

pytestmark = pytest.mark.django_db

NOT_RUN = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def test_a_small_web_is_laid_out_at_once_and_kept(workspace, locality):
    graph = drawn_graph(web_of(workspace), timezone.localdate())
    asked = []
    positions, rough = layouts.positions_for(workspace, graph, lambda: asked.append(1))
    assert not rough and not asked and set(positions) == set(graph.nodes())
    assert Layout.objects.filter(workspace=workspace).count() == 1
    again, rough = layouts.positions_for(workspace, graph, lambda: asked.append(1))
    assert again == positions and not rough and Layout.objects.count() == 1


def test_the_same_ties_in_another_order_have_the_same_key(workspace, locality):
    graph = drawn_graph(web_of(workspace), timezone.localdate())
    shuffled = nx.Graph()
    shuffled.add_nodes_from(reversed(list(graph.nodes(data=True))))
    shuffled.add_edges_from((b, a) for a, b in reversed(list(graph.edges())))
    assert layouts.graph_key(shuffled) == layouts.graph_key(graph)
    shuffled.remove_edge(*next(iter(graph.edges())))
    assert layouts.graph_key(shuffled) != layouts.graph_key(graph)


def test_a_rough_layout_places_every_node_with_partnerships_round_a_circle(workspace, locality):
    graph = drawn_graph(web_of(workspace), timezone.localdate())
    positions = layouts.rough(graph)
    assert set(positions) == set(graph.nodes())
    for node, kind in graph.nodes(data="kind"):
        if kind == "partnership":
            x, y = positions[node]
            assert x * x + y * y == pytest.approx(1.0)


@override_settings(TASKS=NOT_RUN)
def test_a_large_web_is_drawn_roughly_until_the_task_has_laid_it_out(client, viewer, workspace, locality,
                                                                      monkeypatch):
    monkeypatch.setattr(layouts, "FULL_LAYOUT_UP_TO", 2)
    client.force_login(viewer)
    url = reverse("network:home", args=[workspace.slug])
    response = client.get(url, {"sector": "voluntary_community"})
    assert response.status_code == 200 and response.context["rough_layout"]
    assert "being laid out in the background" in response.content.decode()
    assert not Layout.objects.exists()  # the task was asked for, not run
    # What a worker does with the task the page asked for:
    drawn = tasks.lay_out.call(workspace.pk, response.context["day"].isoformat(), "voluntary_community", "")
    assert drawn == response.context["drawn_nodes"] and Layout.objects.count() == 1
    response = client.get(url, {"sector": "voluntary_community"})
    assert not response.context["rough_layout"]
    assert "being laid out" not in response.content.decode()
    stored = Layout.objects.get().positions
    assert {(n["x"], n["y"]) for n in response.context["spec"]["datasets"]["nodes"]} == {
        tuple(xy) for xy in stored.values()}


def test_with_tasks_run_inline_a_large_web_is_laid_out_before_the_page_is_shown(client, viewer, workspace,
                                                                                 locality, monkeypatch):
    monkeypatch.setattr(layouts, "FULL_LAYOUT_UP_TO", 2)
    client.force_login(viewer)
    response = client.get(reverse("network:home", args=[workspace.slug]))
    assert not response.context["rough_layout"] and Layout.objects.count() == 1


def test_another_workspaces_layout_is_never_used(workspace, other_workspace, locality):
    graph = drawn_graph(web_of(workspace), timezone.localdate())
    Layout.objects.create(workspace=other_workspace, key=layouts.graph_key(graph), positions={"x": [0, 0]})
    assert layouts.stored(workspace, graph) is None
