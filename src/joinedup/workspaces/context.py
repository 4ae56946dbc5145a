from .language import offers_welsh


def current_workspace(request):
    """Puts the workspace and role resolved by `workspace_for` into templates."""
    role = getattr(request, "workspace_role", None)
    workspace = getattr(request, "workspace", None)
    return {
        "offer_welsh": offers_welsh(request, workspace),
        "workspace": workspace,
        "workspace_role": role,
        "can_edit": bool(role and role.allows("editor")),
        "is_owner": bool(role and role.allows("owner")),
    }
