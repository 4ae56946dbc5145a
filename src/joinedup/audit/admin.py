from django.contrib import admin

from .models import Entry


@admin.register(Entry)
class EntryAdmin(admin.ModelAdmin):
    """Read only: the log is append-only, for staff as for everyone."""

    list_display = ["at", "workspace", "actor_name", "kind", "action", "object_label"]
    list_filter = ["kind", "workspace"]
    search_fields = ["actor_name", "object_label"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
