"""Data migrations of the events app, run against rows made with the models as they were before."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

pytestmark = pytest.mark.django_db(transaction=True)


def migrate(target):
    """Migrate the events app to `target`; returns the app registry of that state."""
    executor = MigrationExecutor(connection)
    executor.migrate([("events", target)])
    executor.loader.build_graph()
    return executor.loader.project_state([("events", target)]).apps


@pytest.fixture
def events_migrations():
    yield migrate
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def _registrations(apps, count):
    Event = apps.get_model("events", "Event")
    EventDate = apps.get_model("events", "EventDate")
    Registration = apps.get_model("events", "Registration")
    event = Event.objects.create(kind="seminar", title="Seminar", slug="seminar", teaser="…", status="published")
    starts = timezone.now() + datetime.timedelta(days=10)
    date = EventDate.objects.create(
        event=event, starts_at=starts, ends_at=starts + datetime.timedelta(hours=2), capacity=5, online_platform="Zoom"
    )
    for n in range(count):
        Registration.objects.create(
            date=date,
            name=f"Person {n}",
            email=f"person{n}@beispiel.de",
            organisation="Stadt",
            consent_text="Ja.",
            consented_at=timezone.now(),
        )


def test_existing_registrations_each_get_their_own_secret(events_migrations):
    _registrations(events_migrations("0002_editor_permissions"), 3)

    apps = events_migrations("0003_registration_secret")

    secrets = list(apps.get_model("events", "Registration").objects.values_list("secret", flat=True))
    assert len(secrets) == len(set(secrets)) == 3
    assert None not in secrets


def test_an_anmeldeschluss_after_the_start_is_dropped_before_the_constraint(events_migrations):
    apps = events_migrations("0004_eventdate_updated_at")
    _registrations(apps, 0)
    EventDate = apps.get_model("events", "EventDate")
    date = EventDate.objects.get()
    fine = EventDate.objects.create(
        event=date.event,
        starts_at=date.starts_at,
        ends_at=date.ends_at,
        capacity=5,
        online_platform="Zoom",
        registration_closes=date.starts_at - datetime.timedelta(days=1),
    )
    EventDate.objects.filter(pk=date.pk).update(registration_closes=date.starts_at + datetime.timedelta(hours=1))

    apps = events_migrations("0005_registration_closes_by_start")

    closes = dict(apps.get_model("events", "EventDate").objects.values_list("pk", "registration_closes"))
    assert closes == {date.pk: None, fine.pk: fine.registration_closes}
