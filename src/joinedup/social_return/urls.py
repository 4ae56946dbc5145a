from django.urls import path

from . import views

app_name = "social_return"

BASE = "partnerships/<int:partnership>/social-return/"

urlpatterns = [
    path(BASE, views.SocialReturnPage.as_view(), name="page"),
    path(f"{BASE}investment/", views.BasisEdit.as_view(), name="basis_edit"),
    path(f"{BASE}unit-costs/new/", views.ValuationCreate.as_view(), name="valuation_add"),
    path(f"{BASE}unit-costs/<int:pk>/edit/", views.ValuationUpdate.as_view(), name="valuation_edit"),
    path(f"{BASE}unit-costs/<int:pk>/archive/", views.ValuationArchive.as_view(), name="valuation_archive"),
]
