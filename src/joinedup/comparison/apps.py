from django.apps import AppConfig


class ComparisonConfig(AppConfig):
    name = "joinedup.comparison"
    verbose_name = "Comparison with similar partnerships"
