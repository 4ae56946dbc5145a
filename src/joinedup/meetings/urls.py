from django.urls import path

from joinedup.workspaces.record_views import register_urls

from . import import_views, scale_views, views

app_name = "meetings"

partnership = "partnerships/<int:partnership>/"

urlpatterns = [
    path("meetings/", views.Overview.as_view(), name="home"),
    path("meetings/load/", views.Load.as_view(), name="load"),
    path("meetings/import/", import_views.ImportUpload.as_view(), name="import_upload"),
    path("meetings/import/<str:token>/", import_views.ImportPreview.as_view(), name="import_preview"),
    path("meetings/pay-scale/", scale_views.PayScalePage.as_view(), name="payband_list"),
    # The register's own list page (and its download) is replaced by the pay scale page above.
    *register_urls(scale_views.PAY_BANDS, "meetings/pay-scale/bands/")[2:],
    path(f"{partnership}meetings/", views.PartnershipMeetings.as_view(), name="partnership_meetings"),
    path(f"{partnership}meetings/new/", views.MeetingFormPage.as_view(), name="meeting_add"),
    path(f"{partnership}meetings/<int:pk>/", views.MeetingDetail.as_view(), name="meeting_detail"),
    path(f"{partnership}meetings/<int:pk>/edit/", views.MeetingFormPage.as_view(), name="meeting_edit"),
    path(f"{partnership}cost/", views.LedgerView.as_view(), name="ledger"),
    path(f"{partnership}cost.csv", views.LedgerExport.as_view(kind="csv"), name="ledger_csv"),
    path(f"{partnership}cost.xlsx", views.LedgerExport.as_view(kind="xlsx"), name="ledger_xlsx"),
]
