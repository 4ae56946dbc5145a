def current_workspace(request):
    """Puts the workspace and role resolved by `workspace_for` into templates."""
    role = getattr(request, "workspace_role", None)
    return {
        "workspace": getattr(request, "workspace", None),
        "workspace_role": role,
        "can_edit": bool(role and role.allows("editor")),
        "is_owner": bool(role and role.allows("owner")),
    }
