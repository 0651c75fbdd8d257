"""The editors' groups and what they may do in the admin."""

from django.contrib.auth.management import create_permissions

EDITORS_GROUP = "Redaktion"
JURY_GROUP = "Jury"

# The editors maintain all content of these apps; user accounts stay with the administrators.
EDITORIAL_APPS = ["portal", "projects", "events", "newsletter", "awards", "taggit"]
EDITORS_VIEW_ONLY_APPS = ["django_tasks_db", "axes"]


def grant_editor_permissions(
    apps, app_labels: list[str], view_only_app_labels: list[str] = (), models: list[str] | None = None
) -> None:
    """Create the groups "Redaktion" and "Jury" and give Redaktion the permissions of these apps.

    Called from data migrations (with the migration's `apps`): the foundation's migration for
    the apps that exist, and each later app's migration for its own models, so that an
    administrator's later changes to the group are never undone. The Jury works in the jury area
    of the site, not in the admin, so its group starts without admin permissions. `models` (lower-case
    model names) narrows the grant to models that a later migration of an existing app adds.
    """
    # Permissions are normally created after all migrations; create them now so the group gets them.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors, _ = Group.objects.get_or_create(name=EDITORS_GROUP)
    Group.objects.get_or_create(name=JURY_GROUP)
    granted = Permission.objects.filter(content_type__app_label__in=app_labels)
    if models is not None:
        granted = granted.filter(content_type__model__in=models)
    editors.permissions.add(
        *granted,
        *Permission.objects.filter(content_type__app_label__in=view_only_app_labels, codename__startswith="view_"),
    )
