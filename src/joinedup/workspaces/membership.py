"""The rules of belonging to a workspace, in one place so that every way in
(an invitation, an owner changing a role, a member leaving) keeps them:

- a workspace always has at least one owner;
- accepting an invitation never lowers a member's role;
- a new invitation to an address replaces any earlier one not yet accepted,
  so an old link cannot be opened later to undo a newer decision.

Changes to a workspace's members take a lock on the workspace row first, so
two owners demoting each other at the same moment cannot both succeed."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy

from joinedup.audit.record import record

from .models import ROLE_RANK, Invitation, Role, UserRole, Workspace


class LastOwner(Exception):
    """The change would leave the workspace with no owner."""

    message = gettext_lazy("A workspace needs at least one owner. Make someone else an owner first.")


def _lock(workspace):
    Workspace.objects.select_for_update().filter(pk=workspace.pk).first()


def _is_last_owner(role):
    others = UserRole.objects.filter(workspace_id=role.workspace_id, role=Role.OWNER).exclude(pk=role.pk)
    return role.role == Role.OWNER and not others.exists()


def set_role(role, new_role, by=None):
    """Give a member a new role (owner, editor or viewer)."""
    with transaction.atomic():
        _lock(role.workspace)
        role.refresh_from_db()
        if new_role != Role.OWNER and _is_last_owner(role):
            raise LastOwner
        old = role.get_role_display()
        role.role = new_role
        role.save(update_fields=["role"])
        if old != role.get_role_display():
            record(role.workspace, by, "membership", "role changed", role, label=role.user.email,
                   changes=f"Role: {old} → {role.get_role_display()}")
    return role


def remove(role, by=None):
    """Take a member out of the workspace (by an owner, or by leaving)."""
    with transaction.atomic():
        _lock(role.workspace)
        role.refresh_from_db()
        if _is_last_owner(role):
            raise LastOwner
        left = by is not None and by.pk == role.user_id
        record(role.workspace, by, "membership", "left" if left else "removed", role, label=role.user.email,
               changes=f"Role: {role.get_role_display()} → (none)")
        role.delete()


def invite(workspace, email, role, invited_by):
    """A new invitation; earlier unaccepted invitations to the same address
    are revoked (deleted, so their links show as unusable)."""
    with transaction.atomic():
        workspace.invitations.filter(email__iexact=email, accepted_at__isnull=True).delete()
        invitation = Invitation.objects.create(workspace=workspace, email=email, role=role, invited_by=invited_by)
        record(workspace, invited_by, "membership", "invited", invitation, label=email,
               changes=f"Role: {invitation.get_role_display()}")
        return invitation


def accept(invitation, user):
    """Join with the invitation's role, or keep a higher role already held.
    Returns the member's role afterwards; a used invitation changes nothing."""
    with transaction.atomic():
        _lock(invitation.workspace)
        locked = Invitation.objects.select_for_update().filter(pk=invitation.pk).first()
        current = UserRole.objects.filter(workspace_id=invitation.workspace_id, user=user).first()
        if locked is None or locked.accepted_at is not None:
            return current
        before = current.get_role_display() if current is not None else "(none)"
        if current is None:
            current = UserRole.objects.create(workspace_id=locked.workspace_id, user=user, role=locked.role)
        elif ROLE_RANK[locked.role] > ROLE_RANK[current.role]:
            current.role = locked.role
            current.save(update_fields=["role"])
        after = current.get_role_display()
        record(locked.workspace, user, "membership", "invitation accepted", current, label=user.email,
               changes=f"Role: {before} → {after}" if before != after else f"Role kept: {after}")
        locked.accepted_at = timezone.now()
        locked.accepted_by = user
        locked.save(update_fields=["accepted_at", "accepted_by"])
        return current
