"""Respondent pages, outside the workspace: /s/ and /s/<token>/."""

from django.urls import path

from . import respondent_views

app_name = "respond"

urlpatterns = [
    path("", respondent_views.enter_code, name="enter_code"),
    path("thank-you/", respondent_views.thanks, name="thanks"),
    path("<str:key>/", respondent_views.answer, name="answer"),
]
