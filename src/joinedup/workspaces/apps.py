from django.apps import AppConfig


class WorkspacesConfig(AppConfig):
    name = "joinedup.workspaces"
    verbose_name = "Workspaces and access"

    def ready(self):
        from . import language  # noqa: F401  (connects the sign-in signal)
