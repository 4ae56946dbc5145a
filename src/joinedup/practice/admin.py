from django.contrib import admin

from .models import CaseStudy


@admin.register(CaseStudy)
class CaseStudyAdmin(admin.ModelAdmin):
    list_display = ["title", "workspace", "visibility", "evidence_strength", "published_at"]
    list_filter = ["visibility", "evidence_strength", "workspace"]
    search_fields = ["title", "problem"]
