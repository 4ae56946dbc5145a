from django.urls import path

from . import views

app_name = "api_tokens"

urlpatterns = [
    path("api-tokens/", views.Tokens.as_view(), name="list"),
    path("api-tokens/<int:pk>/revoke/", views.Revoke.as_view(), name="revoke"),
]
