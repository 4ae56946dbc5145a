from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "joinedup.surveys"
    verbose_name = "Voice: surveys"
