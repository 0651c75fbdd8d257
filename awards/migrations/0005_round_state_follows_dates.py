from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("awards", "0004_jury_fixes"),
    ]

    operations = [
        migrations.AlterField(
            model_name="round",
            name="state",
            field=models.CharField(
                choices=[
                    ("announced", "angekündigt"),
                    ("open", "Bewerbung offen"),
                    ("jury", "Jurierung"),
                    ("decided", "entschieden"),
                ],
                default="announced",
                help_text="„angekündigt“ und „Bewerbung offen“ richten sich auf der Website nach der Bewerbungsfrist: "
                "vor "
                "ihrem Beginn angekündigt, danach offen, nach dem Bewerbungsschluss „Jurierung“. „Jurierung“ schließt "
                "die Bewerbung, auch vor dem Bewerbungsschluss; die Jury legt Preisträger erst in diesem Stand fest.",
                max_length=20,
                verbose_name="Stand",
            ),
        ),
    ]
