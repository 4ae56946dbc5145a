from django.urls import path

from . import two_step, views

app_name = "workspaces"

urlpatterns = [
    path("", views.workspace_list, name="list"),
    path("new/", views.workspace_create, name="create"),
    path("invitations/<str:token>/", views.accept_invitation, name="accept"),
    path("account/two-step/", two_step.settings_page, name="two_step"),
    path("sign-in/code/", two_step.enter_code, name="two_step_code"),
    path("w/<slug:ws>/members/", views.Members.as_view(), name="members"),
    path("w/<slug:ws>/members/<int:role_id>/role/", views.change_role, name="change_role"),
    path("w/<slug:ws>/leave/", views.leave, name="leave"),
    path("w/<slug:ws>/settings/", views.Settings.as_view(), name="settings"),
    path("w/<slug:ws>/audit/", views.AuditLog.as_view(), name="audit_log"),
]
