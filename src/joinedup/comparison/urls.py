from django.urls import path

from . import views

app_name = "comparison"

urlpatterns = [
    path("comparison/", views.ComparisonHome.as_view(), name="home"),
]
