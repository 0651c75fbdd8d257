import datetime

import pytest

from events.demo import create_demo_events
from events.models import BERLIN, Event, EventDate, EventPhoto, Registration
from portal.management.commands.load_demo_data import DEMO_LOADERS
from projects.models import Document
from tests.factories import DocumentFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 21)


def test_demo_events_are_created_once_and_kept_on_a_second_run():
    created = create_demo_events(today=TODAY)
    counts = (Event.objects.count(), EventDate.objects.count(), Registration.objects.count())

    assert created > 0
    assert create_demo_events(today=TODAY) == 0
    assert (Event.objects.count(), EventDate.objects.count(), Registration.objects.count()) == counts
    assert "Veranstaltungen" in [label for label, _ in DEMO_LOADERS]


def test_the_past_events_of_the_facts_with_their_dates_and_documentation():
    create_demo_events(today=TODAY)

    office_hours = Event.objects.get(slug="sprechstunden-landespreis-2022")
    starts = [d.starts_at.astimezone(BERLIN) for d in office_hours.dates.all()]
    assert [(s.day, s.month, s.year, s.hour) for s in starts] == [
        (14, 1, 2022, 11),
        (26, 1, 2022, 11),
        (4, 2, 2022, 11),
    ]
    assert {d.online_platform for d in office_hours.dates.all()} == {"Zoom"}
    biooekonomie = Event.objects.get(slug="erfahrungsaustausch-biooekonomie-netzwerk")
    assert biooekonomie.dates.get().starts_at.astimezone(BERLIN).date() == datetime.date(2017, 11, 15)
    assert biooekonomie.host_municipality.slug == "krefeld"
    conference = Event.objects.get(slug="jahrestagung-2021")
    assert conference.dates.get().venue.city == "Münster"
    assert conference.documents.filter(is_published=True).count() == 5
    assert EventPhoto.objects.filter(event=conference).exclude(small="").count() == 2
    assert Event.objects.get(slug="festakt-landespreis-2022").kind == "festakt"
    assert Event.objects.get(slug="jahrestagung-januar-2021").status == "cancelled"
    assert set(
        Event.objects.published()
        .past(now=datetime.datetime(2026, 11, 21, tzinfo=BERLIN))
        .values_list("slug", flat=True)
    ) >= {"jahrestagung-2017", "online-erfahrungsaustausch-innenstadt-neu-denken", "jahrestagung-2024"}


def test_upcoming_demo_events_lie_ahead_and_the_small_seminar_has_one_seat_left():
    create_demo_events(today=TODAY)
    now = datetime.datetime(2026, 11, 21, 12, tzinfo=BERLIN)

    upcoming = Event.objects.published().upcoming(now=now)
    seminar = EventDate.objects.with_counts().get(event__slug="online-seminar-oeffentlich-rechtliche-vereinbarung")

    assert upcoming.count() == 4
    assert all(
        now < d.starts_at < now + datetime.timedelta(days=100) for d in EventDate.objects.filter(event__in=upcoming)
    )
    assert (seminar.capacity, seminar.free_seats, seminar.waitlist_limit) == (3, 1, 5)
    assert seminar.dial_in and seminar.registration_state(now) == "open"
    office_hours = EventDate.objects.with_counts().filter(event__slug="sprechstunden-foerderung-ikz")
    assert [d.registration_state(now) for d in office_hours] == ["open", "open", "not_yet"]
    assert not any(d.starts_at.astimezone(BERLIN).strftime("%m-%d") in ("12-25", "01-01") for d in office_hours)


def test_documents_already_in_the_library_are_linked_not_copied():
    report = DocumentFactory(slug="tagungsbericht-jahrestagung-2021-muenster", kind="sonstiges", title="Tagungsbericht")

    create_demo_events(today=TODAY)

    assert Document.objects.filter(slug=report.slug).count() == 1
    assert report in Event.objects.get(slug="jahrestagung-2021").documents.all()
