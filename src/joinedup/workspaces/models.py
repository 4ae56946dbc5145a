import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    OWNER = "owner", _("Owner")
    EDITOR = "editor", _("Editor")
    VIEWER = "viewer", _("Viewer")


ROLE_RANK = {Role.VIEWER: 1, Role.EDITOR: 2, Role.OWNER: 3}


class Nation(models.TextChoices):
    """The four UK nations: each organises health and social care
    partnership working under its own law (docs/nations.md)."""

    ENGLAND = "england", _("England")
    SCOTLAND = "scotland", _("Scotland")
    WALES = "wales", _("Wales")
    NORTHERN_IRELAND = "northern_ireland", _("Northern Ireland")


def nation_codes(text):
    """The nations in a workspace's stored list, in the order of Nation
    (unknown codes dropped: the list is ours, but an archive is typed data)."""
    chosen = {code.strip() for code in (text or "").split(",")}
    return [code for code in Nation.values if code in chosen]


def stored_nations(codes):
    """The stored form of a choice of nations: their codes, comma-separated,
    in the order of Nation."""
    return ",".join(nation_codes(",".join(codes)))


class Workspace(models.Model):
    """One locality or system: the tenant boundary. Nothing crosses workspaces."""

    name = models.CharField(max_length=200, verbose_name=_("name"))
    slug = models.SlugField(max_length=60, unique=True, verbose_name=_("slug"))
    description = models.TextField(blank=True, verbose_name=_("description"))
    created_at = models.DateTimeField(default=timezone.now)
    # Survey free text is deleted this many months after its wave closes,
    # keeping the themes found in it (surveys.retention, docs/privacy.md).
    free_text_months = models.PositiveSmallIntegerField(
        _("Keep survey free text for (months)"), default=12,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text=_("Written answers are deleted this many months after the wave closes; "
        "the themes and counts found in them are kept."),
    )

    # One or more nations, comma-separated codes of Nation: a workspace that
    # spans a border (a cross-border trust) has more than one. A short list
    # of fixed codes, so a text column serves every database and the archive.
    nations = models.CharField(
        max_length=60, default=Nation.ENGLAND,
        help_text=_("Comma-separated codes of the nations the workspace works in."), verbose_name=_("nations"),
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def nation_list(self):
        """The codes of the workspace's nations, in the order of Nation."""
        return nation_codes(self.nations)

    @property
    def nation_names(self):
        return [str(Nation(code).label) for code in self.nation_list]


class UserRole(models.Model):
    """A user's role in one workspace."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="roles")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="workspace_roles", verbose_name=_("user")
    )
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.VIEWER, verbose_name=_("role"))
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
    email = models.EmailField(verbose_name=_("email"))
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.VIEWER, verbose_name=_("role"))
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


class LanguagePreference(models.Model):
    """The language a person chose with the switch at the top of every page,
    kept with their account so that it follows them to another device
    (workspaces/language.py, docs/translation.md). No row: not chosen yet,
    and the page is in English unless the browser's cookie says otherwise."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="language_preference", verbose_name=_("user"))
    language = models.CharField(max_length=10, choices=settings.LANGUAGES, verbose_name=_("language"))
    chosen_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"{self.user}: {self.language}"
