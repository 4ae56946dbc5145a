from django.contrib import admin

from .models import Action, Attendance, Decision, Meeting, PayBand, PayScale


@admin.register(PayScale)
class PayScaleAdmin(admin.ModelAdmin):
    list_display = ["workspace", "default_band", "default_hourly_cost", "seeded_at"]


@admin.register(PayBand)
class PayBandAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "scale", "annual_salary", "hourly_cost", "workspace", "archived_at"]
    list_filter = ["workspace", "scale"]
    search_fields = ["code", "name"]


class AttendanceInline(admin.TabularInline):
    model = Attendance
    fk_name = "meeting"
    raw_id_fields = ["person", "deputy"]
    extra = 0


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["title", "partnership", "starts_at", "length_minutes", "archived_at"]
    list_filter = ["partnership__workspace"]
    search_fields = ["title", "source_uid"]
    inlines = [AttendanceInline]
    list_select_related = ["partnership"]


@admin.register(Attendance)
class AttendanceAdmin(admin.ModelAdmin):
    list_display = ["meeting", "person", "status", "deputy"]
    raw_id_fields = ["meeting", "person", "deputy"]


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    list_display = ["text", "meeting", "outcome"]
    raw_id_fields = ["meeting", "outcome"]


@admin.register(Action)
class ActionAdmin(admin.ModelAdmin):
    list_display = ["text", "meeting", "owner", "due_on", "done_on"]
    raw_id_fields = ["meeting", "owner"]
