from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("awards", "0002_editor_permissions"),
    ]

    operations = [
        migrations.AlterField(
            model_name="round",
            name="entries_close_at",
            field=models.DateTimeField(
                help_text="Uhrzeit in Deutschland. Bis zu diesem Zeitpunkt einschließlich wird angenommen, danach "
                "nichts mehr, auch kein gespeicherter Entwurf; für „bis Ende des Tages“ 23:59:59 eintragen.",
                verbose_name="Bewerbungsschluss",
            ),
        ),
    ]
