from django.contrib import admin

from .models import Figures, Layout


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


@admin.register(Figures)
class FiguresAdmin(admin.ModelAdmin):
    """Worked out by the network page, reviews and their task; seen here, never edited."""

    list_display = ["workspace", "day", "sector", "user_group", "made_at"]
    list_filter = ["workspace"]
    readonly_fields = ["workspace", "day", "sector", "user_group", "fingerprint", "asked_for", "figures", "made_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
