from django.db import migrations

from portal.demo import create_missing_pages


def create_pages(apps, schema_editor):
    # Impressum, Datenschutz and the other legal pages must exist from the first start on.
    create_missing_pages(apps.get_model("portal", "Page"))


class Migration(migrations.Migration):
    dependencies = [("portal", "0002_editor_groups")]

    operations = [migrations.RunPython(create_pages, migrations.RunPython.noop)]
