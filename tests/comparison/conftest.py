import pytest

from joinedup.comparison.models import ComparisonOptIn
from joinedup.workspaces.models import Role, UserRole, Workspace

from ..conftest import make_user
from .builders import build_all


@pytest.fixture
def third_workspace(db):
    """A workspace that never opts in."""
    return Workspace.objects.create(name="Eastshire", slug="eastshire")


@pytest.fixture
def eastshire_owner(third_workspace):
    user = make_user("eastshire")
    UserRole.objects.create(workspace=third_workspace, user=user, role=Role.OWNER)
    return user


@pytest.fixture
def similar(workspace, other_workspace, partnership):
    """Six similar partnerships: three in Northshire (Home First among them), three in Southshire."""
    return build_all({"northshire": workspace, "southshire": other_workspace})


def opt_in(*workspaces):
    for workspace in workspaces:
        ComparisonOptIn.objects.get_or_create(workspace=workspace)
