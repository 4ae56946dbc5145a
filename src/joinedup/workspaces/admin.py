from django.contrib import admin

from joinedup.audit.models import Entry

from .models import Invitation, LanguagePreference, UserRole, Workspace


class UserRoleInline(admin.TabularInline):
    model = UserRole
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Workspace)
class WorkspaceAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "free_text_months", "created_at"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [UserRoleInline]

    def get_deleted_objects(self, objs, request):
        # Audit entries cannot be deleted on their own (their admin says so),
        # but a deleted workspace takes its log with it (audit/purge.py), so
        # they do not stop staff deleting the workspace.
        deleted, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        perms_needed.discard(Entry._meta.verbose_name)
        return deleted, model_count, perms_needed, protected


@admin.register(UserRole)
class UserRoleAdmin(admin.ModelAdmin):
    list_display = ["user", "workspace", "role"]
    list_filter = ["role", "workspace"]
    search_fields = ["user__email", "user__username", "workspace__name"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "workspace", "role", "created_at", "accepted_at"]
    list_filter = ["workspace", "role"]
    search_fields = ["email"]
    readonly_fields = ["token"]


@admin.register(LanguagePreference)
class LanguagePreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "language", "chosen_at"]
    list_filter = ["language"]
    search_fields = ["user__email", "user__username"]
