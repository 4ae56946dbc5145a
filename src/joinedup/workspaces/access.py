"""Who may see and change what. Every view that reads workspace data gets its
workspace from `workspace_for`, and every query of workspace data goes through
`for_workspace`, so tenant isolation lives in one place."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from .models import ROLE_RANK, Role, UserRole, Workspace


def workspace_for(request, slug, needs=Role.VIEWER):
    """The workspace named by `slug` if the signed-in user has at least the
    role `needs` in it. Someone with no role gets 404, not 403, so that the
    existence of other workspaces is not disclosed."""
    user = request.user
    if not user.is_authenticated:
        raise Http404("No such workspace")
    role = (
        UserRole.objects.select_related("workspace")
        .filter(workspace__slug=slug, user=user)
        .first()
    )
    if role is None:
        raise Http404("No such workspace")
    if ROLE_RANK[role.role] < ROLE_RANK[needs]:
        raise PermissionDenied(_("This needs the %(role)s role in %(name)s.") % {
            "role": Role(needs).label.lower(), "name": role.workspace.name})
    request.workspace = role.workspace
    request.workspace_role = role
    return role.workspace


def for_workspace(model_or_queryset, workspace):
    """The records of one workspace. Models that hang off a partnership are
    scoped through it."""
    queryset = getattr(model_or_queryset, "objects", model_or_queryset)
    model = queryset.model
    field_names = {f.name for f in model._meta.get_fields()}
    if "workspace" in field_names:
        return queryset.filter(workspace=workspace)
    if "partnership" in field_names:
        return queryset.filter(partnership__workspace=workspace)
    raise TypeError(f"{model.__name__} has no workspace to scope by")


def workspaces_of(user):
    return Workspace.objects.filter(roles__user=user).order_by("name")
