from django.contrib import admin

from .models import Review, ReviewRun


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    list_display = ["partnership", "as_of", "verdict", "override_verdict", "high_count", "run_at"]
    list_filter = ["partnership__workspace", "verdict"]
    readonly_fields = ["run_at"]


@admin.register(ReviewRun)
class ReviewRunAdmin(admin.ModelAdmin):
    list_display = ["workspace", "as_of", "total", "done", "failed", "created_at", "finished_at"]
    list_filter = ["workspace"]
