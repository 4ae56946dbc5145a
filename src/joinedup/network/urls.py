from django.urls import path

from . import views

app_name = "network"

urlpatterns = [
    path("network/", views.NetworkHome.as_view(), name="home"),
    path("network/drawing.svg", views.DrawingSvg.as_view(), name="drawing_svg"),
    path("network/partnerships/<int:pk>/suggestions/", views.Suggestions.as_view(), name="suggestions"),
]
