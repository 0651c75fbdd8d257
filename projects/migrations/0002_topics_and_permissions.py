from django.db import migrations

from portal.permissions import grant_editor_permissions
from projects.topics import create_missing_topics


def create_topics(apps, schema_editor):
    create_missing_topics(apps.get_model("projects", "Topic"))


def grant(apps, schema_editor):
    grant_editor_permissions(apps, ["projects", "taggit"])


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0001_initial"),
        ("portal", "0002_editor_groups"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [
        migrations.RunPython(create_topics, migrations.RunPython.noop),
        migrations.RunPython(grant, migrations.RunPython.noop),
    ]
