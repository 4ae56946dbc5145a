from django.contrib import admin

from . import models


class MembershipInline(admin.TabularInline):
    model = models.Membership
    extra = 0


class OutcomeInline(admin.StackedInline):
    model = models.Outcome
    extra = 0


@admin.register(models.Partnership)
class PartnershipAdmin(admin.ModelAdmin):
    list_display = ["name", "form", "status", "start_date", "review_date", "workspace"]
    list_filter = ["workspace", "form", "status"]
    search_fields = ["name", "purpose"]
    inlines = [MembershipInline, OutcomeInline]


for model, fields in [
    (models.Membership, ["organisation", "partnership", "role", "joined_on", "left_on"]),
    (models.Outcome, ["statement", "partnership"]),
    (models.Agreement, ["partnership", "signed_on", "review_on"]),
    (models.Responsibility, ["task", "partnership", "responsible_organisation", "responsible_person"]),
    (models.Resource, ["organisation", "partnership", "kind", "amount", "status"]),
    (models.PartnerAccountability, ["organisation", "partnership", "target", "pulls_against"]),
    (models.StatutoryDocument, ["duty", "partnership", "published_on"]),
]:
    admin.site.register(model, list_display=fields, list_filter=["partnership__workspace"])
