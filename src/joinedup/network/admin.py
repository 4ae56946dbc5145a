from django.contrib import admin

from .models import Layout


@admin.register(Layout)
class LayoutAdmin(admin.ModelAdmin):
    """Made by the network page and its task; seen here, never edited."""

    list_display = ["workspace", "key", "made_at"]
    list_filter = ["workspace"]
    readonly_fields = ["workspace", "key", "positions", "made_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
