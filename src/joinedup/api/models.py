import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from joinedup.workspaces.models import Workspace

# A token is shown once as "jdu_<prefix>_<secret>"; only the prefix (to tell
# tokens apart on the page) and the SHA-256 of the whole are kept. The secret
# is 256 random bits, so a fast hash is enough: there is nothing to guess.
TOKEN_START = "jdu_"  # noqa: S105 - the fixed start of every token, not a secret


class Scope(models.TextChoices):
    READ = "read", _("Read only")
    WRITE = "write", _("Read and write")


def digest_of(plain):
    return hashlib.sha256(plain.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet):
    def usable(self):
        now = timezone.now()
        return self.filter(revoked_at__isnull=True, expires_at__gt=now)


class ApiToken(models.Model):
    """One user's key to one workspace's API, with a scope and an expiry."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="api_tokens")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100, help_text=_("What the token is for, e.g. 'Power BI refresh'."))
    scope = models.CharField(max_length=10, choices=Scope.choices, default=Scope.READ)
    prefix = models.CharField(max_length=12, unique=True)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"API token {self.prefix} ({self.name}) of {self.user} in {self.workspace}"

    @classmethod
    def issue(cls, workspace, user, name, scope, days):
        """(token, the plain text shown once)."""
        prefix = secrets.token_hex(4)
        plain = f"{TOKEN_START}{prefix}_{secrets.token_urlsafe(32)}"
        token = cls.objects.create(workspace=workspace, user=user, name=name, scope=scope, prefix=prefix,
                                   digest=digest_of(plain), expires_at=timezone.now() + timedelta(days=days))
        return token, plain

    @property
    def is_usable(self):
        return self.revoked_at is None and self.expires_at > timezone.now()
