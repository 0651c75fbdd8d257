"""Registrations get a random secret for their personal links (which so far carried the e-mail address).

The column is added empty, every existing row gets its own uuid4, then it becomes required and unique.
"""

import uuid

from django.db import migrations, models


def fill_secrets(apps, schema_editor):
    Registration = apps.get_model("events", "Registration")
    rows = list(Registration.objects.filter(secret__isnull=True).only("pk"))
    for registration in rows:
        registration.secret = uuid.uuid4()
    Registration.objects.bulk_update(rows, ["secret"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0002_editor_permissions"),
    ]

    operations = [
        migrations.AddField(
            model_name="registration",
            name="secret",
            field=models.UUIDField(editable=False, null=True),
        ),
        migrations.RunPython(fill_secrets, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="registration",
            name="secret",
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True),
        ),
    ]
