from django.apps import AppConfig


class OverviewConfig(AppConfig):
    name = "joinedup.overview"
    verbose_name = "Overview"
