"""The workspace's home and the partnership page keep their names in the
workspaces and partnerships namespaces ("workspaces:home",
"partnerships:detail"), so every link to them stays as it was: the project's
urls.py includes each app's patterns together with its page from here."""

from django.urls import path

from joinedup.partnerships import urls as partnership_urls
from joinedup.workspaces import urls as workspace_urls

from . import views

workspaces = (
    [*workspace_urls.urlpatterns, path("w/<slug:ws>/", views.WorkspaceHome.as_view(), name="home")],
    "workspaces",
)
partnerships = (
    [*partnership_urls.urlpatterns, path("partnerships/<int:pk>/", views.PartnershipDetail.as_view(), name="detail")],
    "partnerships",
)
