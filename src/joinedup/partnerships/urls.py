from django.urls import path

from joinedup.workspaces.record_views import register_urls

from . import views

app_name = "partnerships"

urlpatterns = [
    *register_urls(views.PARTNERSHIPS, "partnerships/"),
    path("partnerships/<int:pk>/agreement/", views.AgreementEdit.as_view(), name="agreement_edit"),
]
for register, path_part in [
    (views.MEMBERSHIPS, "members"),
    (views.OUTCOMES, "outcomes"),
    (views.RESPONSIBILITIES, "responsibilities"),
    (views.RESOURCES, "resources"),
    (views.ACCOUNTABILITIES, "accountabilities"),
]:
    urlpatterns += register_urls(register, f"partnerships/<int:partnership>/{path_part}/")
