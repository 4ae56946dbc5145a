from django.urls import path

from joinedup.workspaces.record_views import register_urls

from . import import_views, views

app_name = "indicators"

urlpatterns = [
    path("evidence/", views.EvidenceHome.as_view(), name="evidence"),
    path("evidence/partnerships/<int:partnership>/", views.PartnershipEvidence.as_view(), name="partnership_evidence"),
    path("indicators/<int:pk>/", views.IndicatorDetail.as_view(), name="indicator_detail"),
    path("indicators/<int:pk>/values.<str:kind>", views.IndicatorValues.as_view(), name="indicator_values"),
    path("indicators/<int:pk>/import/", import_views.ImportUpload.as_view(), name="import_upload"),
    path("imports/<str:token>/table/", import_views.ImportTable.as_view(), name="import_table"),
    path("imports/<str:token>/mapping/", import_views.ImportMapping.as_view(), name="import_mapping"),
    path("imports/<str:token>/preview/", import_views.ImportPreview.as_view(), name="import_preview"),
    path("imports/<str:token>/", import_views.ImportProgress.as_view(), name="import_progress"),
    *register_urls(views.AREAS, "evidence/areas/"),
    *views.evidence_record_urls(views.INDICATORS, "evidence/partnerships/<int:partnership>/indicators/",
                                views.IndicatorCreate),
    *views.evidence_record_urls(views.EVENTS, "evidence/partnerships/<int:partnership>/events/"),
]
