from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComparisonConfig(AppConfig):
    name = "joinedup.comparison"
    verbose_name = _("Comparison with similar partnerships")
