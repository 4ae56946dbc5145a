"""Background work: laying out a large web for its drawing (layouts.py)."""

from datetime import date

from django_tasks import task

from joinedup.workspaces.models import Workspace

from . import layouts
from .drawing import drawn_graph
from .presenters import filtered
from .records import web_of


@task()
def lay_out(workspace_id, day, sector="", group=""):
    """Make the layout of the web the network page draws for these filters,
    unless it has been made since the task was asked for."""
    workspace = Workspace.objects.get(pk=workspace_id)
    graph = drawn_graph(filtered(web_of(workspace), sector, group), date.fromisoformat(day))
    if layouts.stored(workspace, graph) is None:
        layouts.make(workspace, graph)
    return graph.number_of_nodes()
