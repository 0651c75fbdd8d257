"""The registration closes at the latest when the date begins.

A date whose Anmeldeschluss lay after its start gets none (which means: until the start) before the
constraint is added.
"""

from django.db import migrations, models


def close_at_the_start(apps, schema_editor):
    EventDate = apps.get_model("events", "EventDate")
    EventDate.objects.filter(registration_closes__gt=models.F("starts_at")).update(registration_closes=None)


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0004_eventdate_updated_at"),
    ]

    operations = [
        migrations.RunPython(close_at_the_start, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="eventdate",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("registration_closes__isnull", True),
                    ("registration_closes__lte", models.F("starts_at")),
                    _connector="OR",
                ),
                name="eventdate_registration_closes_by_start",
                violation_error_message="Der Anmeldeschluss darf nicht nach dem Beginn des Termins liegen.",
            ),
        ),
    ]
