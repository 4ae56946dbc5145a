from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "joinedup.organisations"
    verbose_name = "Organisations and people"
