from django.urls import path
from django.views.decorators.http import require_safe

from . import views

app_name = "practice"

urlpatterns = [
    path("practice/", views.Library.as_view(), name="library"),
    path("practice/new/", views.CaseStudyEdit.as_view(), name="add"),
    path("practice/export.json", views.Export.as_view(), name="export"),
    path("practice/import/", views.Import.as_view(), name="import"),
    path("practice/feed.atom", require_safe(views.NewCaseStudies()), name="feed"),
    path("practice/<int:pk>/", views.Detail.as_view(), name="detail"),
    path("practice/<int:pk>/edit/", views.CaseStudyEdit.as_view(), name="edit"),
]
