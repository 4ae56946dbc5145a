from django.urls import path

from joinedup.workspaces.record_views import register_urls

from . import views

app_name = "partnerships"

urlpatterns = [
    *register_urls(views.PARTNERSHIPS, "partnerships/"),
    path("partnerships/<int:partnership>/agreement/", views.AgreementEdit.as_view(), name="agreement_edit"),
]
for register, path_part, create_view in [
    (views.MEMBERSHIPS, "members", None),
    (views.OUTCOMES, "outcomes", views.OutcomeCreate),
    (views.RESPONSIBILITIES, "responsibilities", None),
    (views.RESOURCES, "resources", None),
    (views.ACCOUNTABILITIES, "accountabilities", None),
    (views.DOCUMENTS, "documents", None),
]:
    urlpatterns += register_urls(register, f"partnerships/<int:partnership>/{path_part}/", create_view)
