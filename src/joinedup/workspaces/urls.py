from django.urls import path

from . import views

app_name = "workspaces"

urlpatterns = [
    path("", views.workspace_list, name="list"),
    path("new/", views.workspace_create, name="create"),
    path("invitations/<str:token>/", views.accept_invitation, name="accept"),
    path("w/<slug:ws>/members/", views.Members.as_view(), name="members"),
    path("w/<slug:ws>/members/<int:role_id>/role/", views.change_role, name="change_role"),
    path("w/<slug:ws>/leave/", views.leave, name="leave"),
]
