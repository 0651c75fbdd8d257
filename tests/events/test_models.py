import datetime

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from events.models import Event, EventDate, Registration
from tests.factories import EventDateFactory, EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def violates(constraint_name, create):
    with pytest.raises(IntegrityError, match=constraint_name), transaction.atomic():
        create()


def test_one_active_registration_per_address_and_date_whatever_the_case():
    date = EventDateFactory()
    RegistrationFactory(date=date, email="kim@beispiel-kommune.de")

    violates("registration_email_lower", lambda: RegistrationFactory(date=date, email="Kim@Beispiel-Kommune.de"))
    violates(
        "registration_active_once_per_date",
        lambda: RegistrationFactory(date=date, email="kim@beispiel-kommune.de", status="waitlisted"),
    )


def test_a_cancelled_registration_makes_room_for_a_new_one_and_other_dates_are_free():
    date = EventDateFactory()
    RegistrationFactory(date=date, email="kim@beispiel-kommune.de", status="cancelled")

    RegistrationFactory(date=date, email="kim@beispiel-kommune.de", status="pending")
    RegistrationFactory(date=EventDateFactory(event=date.event), email="kim@beispiel-kommune.de")

    assert Registration.objects.filter(email="kim@beispiel-kommune.de").count() == 3


def test_anonymised_registrations_keep_their_status_without_personal_data():
    date = EventDateFactory()
    first = RegistrationFactory(date=date)
    second = RegistrationFactory(date=date)
    now = timezone.now()

    Registration.objects.filter(pk__in=[first.pk, second.pk]).update(
        name="", email="", organisation="", function="", notes="", anonymised_at=now
    )

    assert Registration.objects.filter(date=date, status="confirmed", anonymised_at=now).count() == 2
    violates(
        "registration_anonymised_is_empty",
        lambda: Registration.objects.filter(pk=first.pk).update(notes="Rollstuhl"),
    )


def test_registration_needs_a_kommune_or_an_organisation_and_times_that_fit_its_status():
    violates("registration_municipality_or_organisation", lambda: RegistrationFactory(organisation=""))
    violates("registration_confirmed_has_time", lambda: RegistrationFactory(confirmed_at=None))
    violates("registration_opted_in_has_time", lambda: RegistrationFactory(status="waitlisted", opted_in_at=None))
    violates(
        "registration_checked_in_is_confirmed",
        lambda: RegistrationFactory(status="waitlisted", checked_in_at=timezone.now()),
    )
    violates(
        "registration_cancelled_has_time_and_reason", lambda: RegistrationFactory(status="cancelled", cancelled_by="")
    )


def test_date_constraints():
    event = EventFactory()
    start = timezone.now() + datetime.timedelta(days=3)

    violates("eventdate_ends_after_start", lambda: EventDateFactory(event=event, starts_at=start, ends_at=start))
    violates("eventdate_capacity_positive", lambda: EventDateFactory(event=event, capacity=0))
    violates("eventdate_has_a_place", lambda: EventDateFactory(event=event, venue=None, online_platform=""))
    violates(
        "eventdate_registration_window",
        lambda: EventDateFactory(event=event, registration_opens=start, registration_closes=start),
    )
    violates(
        "eventdate_registration_closes_by_start",
        lambda: EventDateFactory(event=event, starts_at=start, registration_closes=start + datetime.timedelta(hours=1)),
    )


def test_a_cancelled_event_needs_a_note():
    violates("event_cancelled_has_note", lambda: EventFactory(status="cancelled", cancellation_note=""))


def test_reserved_slugs_are_refused_by_validation():
    event = EventFactory.build(slug="archiv")

    with pytest.raises(Exception, match="nicht möglich"):
        event.full_clean(exclude=["host_municipality"])


def test_registration_state_follows_window_seats_and_waitlist():
    now = timezone.now()
    date = EventDateFactory(capacity=1, waitlist_limit=1)

    assert date.registration_state(now) == "open"
    RegistrationFactory(date=date)
    assert EventDate.objects.with_counts().get(pk=date.pk).registration_state(now) == "waitlist"
    RegistrationFactory(date=date, status="waitlisted")
    assert EventDate.objects.with_counts().get(pk=date.pk).registration_state(now) == "full"

    date.registration_opens = now + datetime.timedelta(days=1)
    assert date.registration_state(now) == "not_yet"
    date.registration_opens, date.registration_closes = None, now - datetime.timedelta(minutes=1)
    assert date.registration_state(now) == "closed"
    assert date.registration_state(date.ends_at) == "past"
    date.event.status = Event.Status.CANCELLED
    assert date.registration_state(now) == "cancelled"


def test_dates_are_shown_in_berlin_time_across_daylight_saving():
    summer = EventDateFactory(
        starts_at=datetime.datetime(2027, 7, 2, 9, 0, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2027, 7, 2, 10, 0, tzinfo=datetime.UTC),
    )
    winter = EventDateFactory(
        starts_at=datetime.datetime(2027, 1, 15, 10, 0, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2027, 1, 16, 15, 30, tzinfo=datetime.UTC),
    )

    assert summer.when == "Freitag, 2. Juli 2027, 11:00–12:00 Uhr"
    assert winter.when == "Freitag, 15. Januar 2027, 11:00 Uhr bis Samstag, 16. Januar 2027, 16:30 Uhr"
