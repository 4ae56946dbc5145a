from django.apps import AppConfig


class NetworkConfig(AppConfig):
    name = "joinedup.network"
    verbose_name = "Network"

    def ready(self):
        from . import signals  # noqa: F401 - connects the receivers
