from django.urls import path

from . import archive_views

app_name = "archive"

urlpatterns = [
    path("w/<slug:ws>/settings/archive/", archive_views.Export.as_view(), name="export"),
    path("import/", archive_views.Import.as_view(), name="import"),
]
