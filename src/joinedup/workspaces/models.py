import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone


class Role(models.TextChoices):
    OWNER = "owner", "Owner"
    EDITOR = "editor", "Editor"
    VIEWER = "viewer", "Viewer"


ROLE_RANK = {Role.VIEWER: 1, Role.EDITOR: 2, Role.OWNER: 3}


class Workspace(models.Model):
    """One locality or system: the tenant boundary. Nothing crosses workspaces."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=60, unique=True)
    description = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    # Survey free text is deleted this many months after its wave closes,
    # keeping the themes found in it (surveys.retention, docs/privacy.md).
    free_text_months = models.PositiveSmallIntegerField(
        "Keep survey free text for (months)", default=12,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text="Written answers are deleted this many months after the wave closes; "
        "the themes and counts found in them are kept.",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class UserRole(models.Model):
    """A user's role in one workspace."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="roles")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="workspace_roles"
    )
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.VIEWER)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["workspace", "user"], name="one_role_per_workspace")
        ]
        ordering = ["workspace", "user__email"]

    def __str__(self):
        return f"{self.user} is {self.get_role_display().lower()} of {self.workspace}"

    def allows(self, needed):
        return ROLE_RANK[self.role] >= ROLE_RANK[needed]


def new_invitation_token():
    return secrets.token_urlsafe(32)


class Invitation(models.Model):
    """An owner's e-mailed invitation to join a workspace with a role."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField()
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.VIEWER)
    token = models.CharField(max_length=64, unique=True, default=new_invitation_token)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    VALID_FOR_DAYS = 14

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Invitation for {self.email} to {self.workspace}"

    @property
    def is_usable(self):
        age = timezone.now() - self.created_at
        return self.accepted_at is None and age.days < self.VALID_FOR_DAYS


class ArchivableQuerySet(models.QuerySet):
    def live(self):
        """The records not archived: what pages, reviews and imports count."""
        return self.filter(archived_at__isnull=True)


class ArchivableRecord(models.Model):
    """Records are archived, never deleted, so history is kept."""

    archived_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ArchivableQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_archived(self):
        return self.archived_at is not None


class WorkspaceRecord(ArchivableRecord):
    """Base for everything that belongs directly to a workspace."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")

    class Meta:
        abstract = True
