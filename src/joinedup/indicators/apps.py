from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "joinedup.indicators"
    verbose_name = "Indicators and evidence"
