"""Seats hold under concurrency: many people confirming at the same moment, each on their own connection."""

import queue
import threading
from collections import Counter

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from events import services
from events.models import Registration
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
