from django.contrib import admin

from .models import Draft, Invitation, InvitationBatch, Obstacle, Response, Wave


@admin.register(Wave)
class WaveAdmin(admin.ModelAdmin):
    list_display = ["name", "partnership", "status", "opens_on", "closes_on"]
    list_filter = ["status"]


@admin.register(InvitationBatch)
class InvitationBatchAdmin(admin.ModelAdmin):
    list_display = ["wave", "group", "instrument", "count", "language", "easy_read"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    # Hashes only: nothing here can be turned back into a link.
    list_display = ["id", "batch", "used_on"]
    readonly_fields = ["token_hash", "code_hash"]


@admin.register(Response)
class ResponseAdmin(admin.ModelAdmin):
    list_display = ["id", "wave", "instrument", "respondent_group", "released"]


@admin.register(Draft)
class DraftAdmin(admin.ModelAdmin):
    list_display = ["id", "wave", "saved_on"]


@admin.register(Obstacle)
class ObstacleAdmin(admin.ModelAdmin):
    list_display = ["text", "partnership", "raised_by_kind", "status", "created_on"]
    list_filter = ["status", "raised_by_kind"]
