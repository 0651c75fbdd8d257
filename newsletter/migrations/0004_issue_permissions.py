from django.db import migrations

from portal.permissions import grant_editor_permissions


def grant(apps, schema_editor):
    grant_editor_permissions(apps, ["newsletter"], models=["issue", "block", "delivery"])


class Migration(migrations.Migration):
    dependencies = [
        ("newsletter", "0003_issues_blocks_deliveries"),
        ("portal", "0002_editor_groups"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
