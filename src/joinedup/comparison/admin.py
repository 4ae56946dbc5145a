from django.contrib import admin

from .models import ComparisonOptIn


@admin.register(ComparisonOptIn)
class ComparisonOptInAdmin(admin.ModelAdmin):
    list_display = ["workspace", "opted_in_at", "opted_in_by"]
    readonly_fields = ["opted_in_at"]
