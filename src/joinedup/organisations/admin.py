from django.contrib import admin

from .models import Organisation, Person


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "sector", "workspace", "archived_at"]
    list_filter = ["workspace", "sector"]
    search_fields = ["name", "ons_code"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "role_title", "pay_band", "active_to", "workspace"]
    list_filter = ["workspace"]
    search_fields = ["name", "email", "role_title"]
    list_select_related = ["organisation", "workspace"]
