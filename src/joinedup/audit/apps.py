from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "joinedup.audit"
    verbose_name = "Audit log"

    def ready(self):
        from django.db.models.signals import pre_delete

        from .purge import allow_purge_of_deleted_workspace

        # By name: the workspaces app sits above this one and is not imported.
        pre_delete.connect(allow_purge_of_deleted_workspace, sender="workspaces.Workspace",
                           dispatch_uid="audit-purge-with-workspace")
