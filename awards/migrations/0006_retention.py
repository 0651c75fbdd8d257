from django.db import migrations, models
from django.db.models import Max
from django.db.models.functions import Coalesce


def date_decided_rounds(apps, schema_editor):
    """Rounds decided before this migration: the latest decision of a category, else their last change."""
    Round = apps.get_model("awards", "Round")
    for round_ in Round.objects.filter(state="decided").annotate(
        decided=Coalesce(Max("categories__decided_at"), "updated_at")
    ):
        Round.objects.filter(pk=round_.pk).update(decided_at=round_.decided)


class Migration(migrations.Migration):
    dependencies = [
        ("awards", "0005_round_state_follows_dates"),
    ]

    operations = [
        migrations.AddField(
            model_name="entry",
            name="anonymised_at",
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name="Anonymisiert am"),
        ),
        migrations.AddField(
            model_name="round",
            name="decided_at",
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name="Entschieden am"),
        ),
        migrations.RunPython(date_decided_rounds, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="round",
            constraint=models.CheckConstraint(
                condition=models.Q(("decided_at__isnull", True), ("state", "decided"), _connector="OR"),
                name="round_decided_at_only_when_decided",
            ),
        ),
    ]
