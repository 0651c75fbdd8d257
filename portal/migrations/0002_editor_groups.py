from django.db import migrations

from portal.permissions import (
    EDITORIAL_APPS,
    EDITORS_GROUP,
    EDITORS_VIEW_ONLY_APPS,
    JURY_GROUP,
    grant_editor_permissions,
)


def create_groups(apps, schema_editor):
    grant_editor_permissions(apps, EDITORIAL_APPS, EDITORS_VIEW_ONLY_APPS)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=[EDITORS_GROUP, JURY_GROUP]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("django_tasks_database", "0021_conditional_partial_index_ordering"),
        ("axes", "0010_accessattemptexpiration"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
