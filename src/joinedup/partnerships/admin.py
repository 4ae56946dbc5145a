from django.contrib import admin

from .models import (
    Agreement,
    Membership,
    Outcome,
    PartnerAccountability,
    Partnership,
    Resource,
    Responsibility,
)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0


class OutcomeInline(admin.StackedInline):
    model = Outcome
    extra = 0


@admin.register(Partnership)
class PartnershipAdmin(admin.ModelAdmin):
    list_display = ["name", "form", "status", "start_date", "review_date", "workspace"]
    list_filter = ["workspace", "form", "status"]
    search_fields = ["name", "purpose"]
    inlines = [MembershipInline, OutcomeInline]


for model, fields in [
    (Membership, ["organisation", "partnership", "role", "joined_on", "left_on"]),
    (Outcome, ["statement", "partnership"]),
    (Agreement, ["partnership", "signed_on", "review_on"]),
    (Responsibility, ["task", "partnership", "responsible_organisation", "responsible_person"]),
    (Resource, ["organisation", "partnership", "kind", "amount", "status"]),
    (PartnerAccountability, ["organisation", "partnership", "target", "pulls_against"]),
]:
    admin.site.register(model, list_display=fields, list_filter=["partnership__workspace"])
