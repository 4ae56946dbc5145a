"""Background work: laying out a large web for its drawing (layouts.py), and
working out its whole-web figures again when they are out of date (kept.py)."""

from datetime import date

from django_tasks import task

from joinedup.workspaces.models import Workspace

from . import kept, layouts
from .drawing import drawn_graph


@task()
def lay_out(workspace_id, day, sector="", group=""):
    """Make the layout of the web the network page draws for these filters,
    unless it has been made since the task was asked for."""
    workspace = Workspace.objects.get(pk=workspace_id)
    day = date.fromisoformat(day)
    graph = drawn_graph(kept.network_as_at(workspace, day, sector, group, wait=True).web, day)
    if layouts.stored(workspace, graph) is None:
        layouts.make(workspace, graph)
    return graph.number_of_nodes()


@task()
def work_out(workspace_id, day, sector="", group=""):
    """Work out and keep the web's whole-web figures on the day for these
    filters, unless they are up to date already."""
    kept.keep_up_to_date(Workspace.objects.get(pk=workspace_id), date.fromisoformat(day), sector, group)
