from django.contrib import admin

from .models import Draft, Invitation, InvitationBatch, Obstacle, Response, ThemeMeans, Wave


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


@admin.register(ThemeMeans)
class ThemeMeansAdmin(admin.ModelAdmin):
    list_display = ["wave", "instrument", "worked_out_at"]
    readonly_fields = ["wave", "instrument", "fingerprint", "means", "worked_out_at"]


@admin.register(Draft)
class DraftAdmin(admin.ModelAdmin):
    list_display = ["id", "wave", "saved_on"]


@admin.register(Obstacle)
class ObstacleAdmin(admin.ModelAdmin):
    list_display = ["text", "partnership", "raised_by_kind", "status", "created_on"]
    list_filter = ["status", "raised_by_kind"]
