from django.contrib.auth.management import create_permissions
from django.db import migrations

from portal.permissions import EDITORIAL_APPS, EDITORS_GROUP, EDITORS_VIEW_ONLY_APPS, JURY_GROUP


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations; create them now so the group gets them.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors, _ = Group.objects.get_or_create(name=EDITORS_GROUP)
    Group.objects.get_or_create(name=JURY_GROUP)
    editors.permissions.add(
        *Permission.objects.filter(content_type__app_label__in=EDITORIAL_APPS),
        *Permission.objects.filter(content_type__app_label__in=EDITORS_VIEW_ONLY_APPS, codename__startswith="view_"),
    )


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=[EDITORS_GROUP, JURY_GROUP]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
