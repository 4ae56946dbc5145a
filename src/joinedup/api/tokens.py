"""Who an API request is: the token in its Authorization header, checked
against the token's workspace role now — a member removed, or moved down to
viewer, loses what the token allowed at once."""

from datetime import timedelta

from django.utils import timezone

from joinedup.workspaces.models import ROLE_RANK, Role, UserRole

from .models import TOKEN_START, ApiToken, Scope, digest_of

# last_used_at is written at most this often per token, not on every call.
USE_RECORDED_EVERY = timedelta(minutes=1)


def role_allows_scope(role, scope):
    """A write token needs an editor or owner; any member may read."""
    return ROLE_RANK[role] >= ROLE_RANK[Role.EDITOR if scope == Scope.WRITE else Role.VIEWER]


def authenticate(plain):
    """The usable token `plain` is, with `.role` set, or None."""
    if not plain or not plain.startswith(TOKEN_START) or len(plain) > 200:
        return None
    token = ApiToken.objects.usable().select_related("workspace", "user").filter(digest=digest_of(plain)).first()
    if token is None or not token.user.is_active:
        return None
    role = UserRole.objects.filter(workspace=token.workspace, user=token.user).values_list("role", flat=True).first()
    if role is None:
        return None
    token.role = role
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > USE_RECORDED_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token


def may_write(token):
    return token.scope == Scope.WRITE and role_allows_scope(token.role, Scope.WRITE)
