"""A stored search vector for events (the site search, /suche/), filled for the events there are."""

import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.db import migrations


def fill_search_vectors(apps, schema_editor):
    from events.querysets import EventQuerySet

    Event = apps.get_model("events", "Event")
    EventQuerySet(model=Event).update_search_vectors()


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0005_registration_closes_by_start"),
    ]

    operations = [
        migrations.AddField(
            model_name="event",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.AddIndex(
            model_name="event",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["search_vector"], name="events_even_search__5f308c_gin"
            ),
        ),
        migrations.RunPython(fill_search_vectors, migrations.RunPython.noop),
    ]
