from django.contrib import admin

from .models import (
    Area,
    Event,
    ImportBatch,
    Indicator,
    Measurement,
    MeasurementRevision,
    SavedMapping,
)


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ["name", "ons_code", "is_own_area", "workspace"]
    list_filter = ["workspace", "is_own_area"]
    search_fields = ["name", "ons_code"]


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["name", "partnership", "unit", "direction", "frequency"]
    list_filter = ["partnership__workspace", "kind", "unit", "frequency"]
    search_fields = ["name", "source"]


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["label", "date", "partnership"]
    list_filter = ["partnership__workspace"]


@admin.register(Measurement)
class MeasurementAdmin(admin.ModelAdmin):
    list_display = ["indicator", "area", "period_label", "value", "status"]
    list_filter = ["indicator__partnership__workspace", "status"]
    list_select_related = ["indicator", "area"]


@admin.register(MeasurementRevision)
class MeasurementRevisionAdmin(admin.ModelAdmin):
    list_display = ["measurement", "old_value", "new_value", "changed_at", "changed_by"]
    list_select_related = ["measurement__indicator", "measurement__area"]


@admin.register(ImportBatch)
class ImportBatchAdmin(admin.ModelAdmin):
    list_display = ["file_name", "indicator", "status", "created_at", "added", "changed", "unchanged"]
    list_filter = ["workspace", "status"]


@admin.register(SavedMapping)
class SavedMappingAdmin(admin.ModelAdmin):
    list_display = ["layout_signature", "workspace", "updated_at"]
    list_filter = ["workspace"]
