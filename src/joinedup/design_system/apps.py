from django.apps import AppConfig


class DesignSystemConfig(AppConfig):
    name = "joinedup.design_system"
    verbose_name = "GOV.UK design system components"
