"""Seats hold under concurrency: many people confirming at the same moment, each on their own connection."""

import queue
import threading
import time
from collections import Counter

import pytest
from django.core import mail
from django.db import connection, connections, transaction
from django.utils import timezone

from events import services
from events.models import Event, EventDate, Registration
from tests.factories import EventDateFactory

SEATS = 50
PEOPLE = 200
# Threads with their own database connection each; well below PostgreSQL's max_connections (100).
THREADS = 40


@pytest.mark.django_db(transaction=True)
def test_200_simultaneous_confirmations_for_50_seats_give_50_seats_and_150_waitlist_places():
    assert connection.vendor == "postgresql"
    date = EventDateFactory(capacity=SEATS, waitlist_limit=PEOPLE)
    now = timezone.now()
    Registration.objects.bulk_create(
        Registration(
            date=date,
            name=f"Person {n}",
            email=f"person{n}@beispiel-kommune.de",
            organisation="Stadt Beispiel",
            function="Sachbearbeitung",
            consent_text=services.consent_text(),
            consented_at=now,
        )
        for n in range(PEOPLE)
    )
    work = queue.SimpleQueue()
    for pk in Registration.objects.values_list("pk", flat=True):
        work.put(pk)
    start = threading.Barrier(THREADS)
    outcomes, errors = [], []

    def confirm_all_you_can():
        try:
            start.wait()  # all threads begin together
            while True:
                try:
                    pk = work.get_nowait()
                except queue.Empty:
                    return
                registration = Registration.objects.get(pk=pk)
                outcomes.append(services.confirm_registration(registration=registration).status)
        except Exception as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=confirm_all_you_can) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert errors == []
    assert Counter(outcomes) == {"confirmed": SEATS, "waitlisted": PEOPLE - SEATS}
    assert date.registrations.status_counts() == {
        "pending": 0,
        "confirmed": SEATS,
        "waitlisted": PEOPLE - SEATS,
        "cancelled": 0,
    }
    # Everyone was told where they stand, once.
    assert Counter(message.subject.split(":")[0] for message in mail.outbox) == {
        "Ihr Platz ist bestätigt": SEATS,
        "Sie stehen auf der Warteliste": PEOPLE - SEATS,
    }
    assert len({message.to[0] for message in mail.outbox}) == PEOPLE


@pytest.mark.django_db(transaction=True)
def test_cancelling_a_date_locks_its_event_before_the_date_as_the_event_form_does():
    """Whoever holds the event may go on to lock its dates: cancel_event_date waits for the event first."""
    date = EventDateFactory()
    waiting = threading.Event()
    errors = []

    def cancel_the_date():
        try:
            waiting.set()
            services.cancel_event_date(date=date, note="Fällt aus.")
        except Exception as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)
        finally:
            connection.close()

    with transaction.atomic():
        Event.objects.select_for_update().get(pk=date.event_id)  # as the admin's event form holds it
        thread = threading.Thread(target=cancel_the_date)
        thread.start()
        waiting.wait()
        _wait_until_someone_waits_for_a_lock()
        # The date is still free, so the holder of the event can lock it without waiting.
        EventDate.objects.select_for_update(nowait=True).get(pk=date.pk)
    thread.join(timeout=30)

    assert errors == []
    assert EventDate.objects.get(pk=date.pk).is_cancelled


def _wait_until_someone_waits_for_a_lock(timeout=10.0):
    observer = connections.create_connection("default")
    try:
        with observer.cursor() as cursor:
            for _ in range(int(timeout / 0.05)):
                cursor.execute(
                    "SELECT count(*) FROM pg_stat_activity "
                    "WHERE wait_event_type = 'Lock' AND datname = current_database()"
                )
                if cursor.fetchone()[0]:
                    return
                time.sleep(0.05)
    finally:
        observer.close()
    raise AssertionError("the cancellation never waited for a lock")
