from django.urls import path

from . import views

app_name = "network"

urlpatterns = [
    path("network/", views.NetworkHome.as_view(), name="home"),
    path("network/drawing.svg", views.DrawingSvg.as_view(), name="drawing_svg"),
    path("network/merge-candidates.<str:kind>", views.NetworkTable.as_view(table="merge"), name="merge_table"),
    path("network/people.<str:kind>", views.NetworkTable.as_view(table="people"), name="people_table"),
    path("network/partnerships.<str:kind>", views.NetworkTable.as_view(table="partnerships"), name="partnerships_table"),
    path("network/partnerships/<int:pk>/suggestions/", views.Suggestions.as_view(), name="suggestions"),
]
