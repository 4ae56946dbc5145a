from django.contrib import admin

from .models import OutcomeValuation, SocialReturnBasis


@admin.register(OutcomeValuation)
class OutcomeValuationAdmin(admin.ModelAdmin):
    list_display = ["counted", "partnership", "outcome", "unit_cost", "quantity", "duration_years"]
    list_filter = ["partnership__workspace"]
    search_fields = ["counted", "source"]


@admin.register(SocialReturnBasis)
class SocialReturnBasisAdmin(admin.ModelAdmin):
    list_display = ["partnership", "investment", "discount_rate", "updated_at"]
    list_filter = ["partnership__workspace"]
