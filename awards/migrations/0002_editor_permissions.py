from django.db import migrations

from portal.permissions import grant_editor_permissions


def grant(apps, schema_editor):
    grant_editor_permissions(apps, ["awards"])


class Migration(migrations.Migration):
    dependencies = [
        ("awards", "0001_initial"),
        ("portal", "0002_editor_groups"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
