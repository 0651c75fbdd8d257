from django.db import migrations

from portal.permissions import grant_editor_permissions


def load(apps, schema_editor):
    # The service takes the historical model and sets only the fields it has.
    from portal.services import sync_municipalities

    sync_municipalities(model=apps.get_model("portal", "Municipality"))
    # The editors may correct the new records (the admin itself allows no adding or deleting).
    grant_editor_permissions(apps, ["portal"], models=["municipality"])


def unload(apps, schema_editor):
    Municipality = apps.get_model("portal", "Municipality")
    # Members first: the hierarchy is protected against deleting a parent.
    for kinds in (["stadt", "gemeinde"], ["kreis", "kreisfreie_stadt"], ["regierungsbezirk"], ["landschaftsverband"]):
        Municipality.objects.filter(kind__in=kinds).delete()


class Migration(migrations.Migration):
    dependencies = [("portal", "0004_municipality")]

    operations = [migrations.RunPython(load, unload)]
