from django.apps import AppConfig
from django.db.models.signals import post_migrate


class PortalConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "portal"
    verbose_name = "Portal"

    def ready(self):
        from portal import checks  # noqa: F401  (registers the system checks)

        post_migrate.connect(_sync_editor_groups, dispatch_uid="portal.sync_editor_groups")


def _sync_editor_groups(sender, using="default", **kwargs):
    """Models added by later migrations get their permissions into the editor groups too."""
    from portal.permissions import EDITORIAL_APPS, sync_editor_groups

    if sender.label in EDITORIAL_APPS:
        sync_editor_groups(using=using)
