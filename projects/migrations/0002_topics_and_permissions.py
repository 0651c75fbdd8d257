from django.db import migrations
from django.utils.text import slugify

from portal.permissions import grant_editor_permissions

# The Themenfelder the portal starts with; editors change the list in the admin.
TOPICS = [
    "Allgemeine Verwaltung",
    "Bauen & Planen",
    "Bildung & Schule",
    "Digitalisierung & IT",
    "Feuerwehr & Katastrophenschutz",
    "Finanzen & Steuern",
    "Gesundheit & Soziales",
    "Jugend & Familie",
    "Kultur & Sport",
    "Mobilität & Verkehr",
    "Ordnung & Sicherheit",
    "Personal",
    "Tourismus",
    "Umwelt, Klima & Energie",
    "Ver- und Entsorgung",
    "Wirtschaftsförderung",
]


def topic_slug(name):
    return slugify(name.replace("&", "und").replace("ä", "ae").replace("ö", "oe").replace("ü", "ue"))


def create_topics(apps, schema_editor):
    Topic = apps.get_model("projects", "Topic")
    for position, name in enumerate(TOPICS, start=1):
        Topic.objects.get_or_create(slug=topic_slug(name), defaults={"name": name, "position": position})


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
