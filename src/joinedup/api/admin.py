from django.contrib import admin

from .models import ApiToken


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens are made and revoked by their owners on the API tokens page; an
    administrator can see them and revoke one, never read a secret (none is kept)."""

    list_display = ["prefix", "name", "user", "workspace", "scope", "expires_at", "last_used_at", "revoked_at"]
    list_filter = ["scope", "workspace"]
    readonly_fields = ["workspace", "user", "name", "scope", "prefix", "digest", "created_at", "expires_at",
                       "last_used_at"]

    def has_add_permission(self, request):
        return False
