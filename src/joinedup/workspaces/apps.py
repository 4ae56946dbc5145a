from django.apps import AppConfig


class WorkspacesConfig(AppConfig):
    name = "joinedup.workspaces"
    verbose_name = "Workspaces and access"
