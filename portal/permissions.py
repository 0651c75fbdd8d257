"""The editors' groups and what they may do in the admin."""

from django.contrib.auth.models import Group, Permission

EDITORS_GROUP = "Redaktion"
JURY_GROUP = "Jury"

# The editors maintain all content of these apps; user accounts stay with the administrators.
EDITORIAL_APPS = ["portal", "projects", "events", "newsletter", "awards", "taggit"]
EDITORS_VIEW_ONLY_APPS = ["django_tasks_db", "axes"]


def sync_editor_groups(*, using: str = "default") -> None:
    """Create the groups "Redaktion" and "Jury" and give Redaktion its permissions (idempotent).

    The Jury works in the jury area of the site, not in the admin, so its group has no
    admin permissions.
    """
    editors, _ = Group.objects.using(using).get_or_create(name=EDITORS_GROUP)
    Group.objects.using(using).get_or_create(name=JURY_GROUP)
    permissions = Permission.objects.using(using).filter(
        content_type__app_label__in=EDITORIAL_APPS
    ) | Permission.objects.using(using).filter(
        content_type__app_label__in=EDITORS_VIEW_ONLY_APPS, codename__startswith="view_"
    )
    editors.permissions.add(*permissions)
