import base64
import datetime
import time
from unittest import mock
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.utils import timezone

from events import services
from events.models import Event, EventDate, ParticipantMessage, Registration
from portal.models import Municipality, OutgoingMail
from tests.events.conftest import link, subjects
from tests.factories import EventDateFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

BERLIN = ZoneInfo("Europe/Berlin")


def register(date, email="kim@beispiel-kommune.de", **overrides):
    data = {"name": "Kim Muster", "email": email, "organisation": "Stadt Beispiel", "function": "Kämmerin"}
    return services.register_for_date(date=date, **{**data, **overrides})


def confirmed_by_link(date, email, sending, **overrides):
    with sending():
        registration, _ = register(date, email, **overrides)
    with sending():
        return services.confirm_registration(registration=registration)


def calendar_of(message, method="PUBLISH"):
    (filename, content, mimetype), *_ = message.attachments
    assert (filename, mimetype) == (
        "termin.ics",
        "text/calendar" if method == "PUBLISH" else f"text/calendar; method={method}",
    )
    calendar = icalendar.Calendar.from_ical(content)
    assert str(calendar["METHOD"]) == method
    return calendar


# --- Registering ---


def test_registration_is_pending_and_mails_the_confirmation_link(sending):
    date = EventDateFactory(event__title="Erfahrungsaustausch Bauhof")

    with sending():
        registration, created = register(
            date, "Kim@Beispiel-Kommune.de", municipality=Municipality.objects.get(slug="ahaus")
        )

    assert created
    assert (registration.status, registration.email) == ("pending", "kim@beispiel-kommune.de")
    assert registration.consent_text == services.consent_text()
    assert "180 Tage nach der Veranstaltung" in registration.consent_text
    assert "Absagen kann ich bis zum Beginn des Termins" in registration.consent_text
    assert registration.organisation_name == "Stadt Ahaus, Stadt Beispiel"
    assert subjects() == ["Bitte bestätigen Sie Ihre Anmeldung: Erfahrungsaustausch Bauhof"]
    message = mail.outbox[0]
    assert message.to == ["kim@beispiel-kommune.de"]
    assert message.reply_to == ["seminare@kommunalagentur.nrw"]
    assert link(message, "/veranstaltungen/anmeldung/bestaetigen/") == services.confirmation_url(registration)
    assert services.manage_url(registration) in message.body
    assert "geheim" not in message.body


def test_registering_twice_gives_no_second_registration_and_mails_the_link_again(sending):
    date = EventDateFactory()
    with sending():
        first, _ = register(date)
        second, created = register(date, "KIM@beispiel-kommune.de", name="Jemand anderes")

    assert not created
    assert second == first
    assert Registration.objects.count() == 1
    assert Registration.objects.get().name == "Kim Muster"
    assert "noch nicht bestätigt. Hier ist der Link noch einmal" in mail.outbox[1].body


def test_registering_again_with_a_seat_mails_the_existing_registration(sending):
    registration = RegistrationFactory(email="kim@beispiel-kommune.de")

    with sending():
        again, created = register(registration.date)

    assert (again, created) == (registration, False)
    assert subjects() == [f"Sie sind bereits angemeldet: {registration.date.event.title}"]
    assert "Sie haben einen Platz." in mail.outbox[0].body


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"registration_opens": timezone.now() + datetime.timedelta(days=2)},
            "Die Anmeldung für diesen Termin beginnt",
        ),
        (
            {"registration_closes": timezone.now() - datetime.timedelta(hours=1)},
            "Die Anmeldung für diesen Termin ist ge",
        ),
        ({"is_cancelled": True, "cancelled_at": timezone.now()}, "Dieser Termin ist abgesagt."),
    ],
)
def test_no_registration_outside_the_window_or_for_a_cancelled_date(changes, message):
    date = EventDateFactory(**changes)

    with pytest.raises(services.RegistrationClosedError, match=message):
        register(date)
    assert not Registration.objects.exists()


def test_confirming_after_the_event_went_back_to_draft_says_so_not_cancelled(sending):
    date = EventDateFactory()
    with sending():
        registration, _ = register(date)
    Event.objects.filter(pk=date.event_id).update(status="draft")

    with pytest.raises(services.RegistrationClosedError) as error:
        services.confirm_registration(registration=registration)

    assert "zurzeit nicht veröffentlicht" in str(error.value)
    assert "abgesagt" not in str(error.value)


def test_no_registration_for_a_draft():
    date = EventDateFactory(event__status="draft")

    with pytest.raises(services.RegistrationClosedError, match="noch nicht veröffentlicht"):
        register(date)


def test_no_registration_when_seats_and_waitlist_are_taken():
    date = EventDateFactory(capacity=1, waitlist_limit=1)
    RegistrationFactory(date=date)
    RegistrationFactory(date=date, status="waitlisted")

    with pytest.raises(services.RegistrationClosedError, match="ausgebucht, und auch die Warteliste ist voll"):
        register(date)


# --- Confirming ---


def test_confirming_gives_a_seat_and_mails_a_calendar_file_in_berlin_time(sending):
    date = EventDateFactory(
        starts_at=datetime.datetime(2027, 7, 2, 8, 0, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2027, 7, 2, 13, 0, tzinfo=datetime.UTC),
    )

    registration = confirmed_by_link(date, "kim@beispiel-kommune.de", sending)

    assert registration.status == "confirmed"
    assert registration.opted_in_at == registration.confirmed_at
    message = mail.outbox[-1]
    assert message.subject == f"Ihr Platz ist bestätigt: {date.event.title} am 2.7.2027"
    assert "Freitag, 2. Juli 2027, 10:00–15:00 Uhr" in message.body
    assert date.venue.accessibility in message.body
    event = calendar_of(message).walk("VEVENT")[0]
    assert event.decoded("DTSTART") == datetime.datetime(2027, 7, 2, 10, 0, tzinfo=BERLIN)
    assert event.decoded("DTEND") == datetime.datetime(2027, 7, 2, 15, 0, tzinfo=BERLIN)
    assert str(event["LOCATION"]) == date.venue.address_line
    assert f"http://127.0.0.1:8000/veranstaltungen/{date.event.slug}/" in str(event["DESCRIPTION"])


def test_confirmation_of_an_online_date_carries_the_dial_in_data(sending):
    date = EventDateFactory(online=True)

    confirmed_by_link(date, "kim@beispiel-kommune.de", sending)

    pending_mail, confirmation = mail.outbox
    assert "geheim-42" not in pending_mail.body
    assert "Kenncode: geheim-42" in confirmation.body
    assert "Kenncode: geheim-42" in confirmation.alternatives[0][0]
    assert "Kenncode: geheim-42" in str(calendar_of(confirmation).walk("VEVENT")[0]["DESCRIPTION"])


def test_confirming_when_the_seats_are_taken_puts_the_person_on_the_waitlist(sending):
    date = EventDateFactory(capacity=1, waitlist_limit=5)
    RegistrationFactory(date=date)
    RegistrationFactory(date=date, status="waitlisted")

    registration = confirmed_by_link(date, "kim@beispiel-kommune.de", sending)

    assert registration.status == "waitlisted"
    assert registration.confirmed_at is None
    assert mail.outbox[-1].subject == f"Sie stehen auf der Warteliste: {date.event.title}"
    assert "Sie stehen auf Platz 2 der Warteliste" in mail.outbox[-1].body
    assert mail.outbox[-1].attachments == []


def test_confirming_when_seats_and_waitlist_filled_meanwhile_says_booked_out(sending):
    date = EventDateFactory(capacity=1, waitlist_limit=0)
    with sending():
        registration, _ = register(date)
    RegistrationFactory(date=date)

    with sending():
        registration = services.confirm_registration(registration=registration)

    assert (registration.status, registration.cancelled_by) == ("cancelled", "full")
    assert mail.outbox[-1].subject == f"Leider ausgebucht: {date.event.title}"


def test_confirming_twice_changes_nothing(sending):
    registration = confirmed_by_link(EventDateFactory(), "kim@beispiel-kommune.de", sending)
    sent = len(mail.outbox)

    with sending():
        again = services.confirm_registration(registration=registration)

    assert (again.status, again.confirmed_at) == ("confirmed", registration.confirmed_at)
    assert len(mail.outbox) == sent


def test_confirmation_links_expire_after_seven_days_and_die_with_the_data():
    date = EventDateFactory()
    registration, _ = register(date)
    with mock.patch("time.time", return_value=time.time() - 8 * 86400):
        old_token = services.confirmation_url(registration).rsplit("/", 2)[-2]
    token = services.confirmation_url(registration).rsplit("/", 2)[-2]

    assert services.registration_to_confirm(old_token) is None
    assert services.registration_to_confirm(token) == registration
    Registration.objects.filter(pk=registration.pk).update(
        email="", name="", organisation="", function="", anonymised_at=timezone.now()
    )
    assert services.registration_to_confirm(token) is None


def test_personal_links_do_not_reveal_the_address():
    registration = RegistrationFactory(email="kim.muster@beispiel-kommune.de")

    for url in (services.confirmation_url(registration), services.manage_url(registration)):
        token = url.rstrip("/").rsplit("/", 1)[-1]
        payload = token.split(":", 1)[0]
        decoded = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)).decode()
        assert "kim.muster" not in decoded and "beispiel-kommune" not in decoded
        assert str(registration.secret) in decoded


def test_anonymising_also_removes_the_names_from_the_admin_history(admin_user):
    now = timezone.now()
    old = RegistrationFactory(name="Kim Muster", date=EventDateFactory(starts_at=now - datetime.timedelta(days=200)))
    never_confirmed = RegistrationFactory(name="Ali Beispiel", status="pending")
    Registration.objects.filter(pk=never_confirmed.pk).update(created_at=now - datetime.timedelta(days=8))
    recent = RegistrationFactory(name="Noch Aktuell")
    content_type = ContentType.objects.get_for_model(Registration)
    for registration in (old, never_confirmed, recent):
        LogEntry.objects.log_actions(
            user_id=admin_user.pk,
            queryset=[registration],
            action_flag=CHANGE,
            change_message=[{"changed": {"fields": ["Name", "Hinweise"]}}],
        )

    services.anonymise_registrations(retention_days=180)

    entries = dict(LogEntry.objects.filter(content_type=content_type).values_list("object_id", "object_repr"))
    assert entries == {
        str(old.pk): f"Anmeldung {old.pk} (anonymisiert)",
        str(never_confirmed.pk): f"Anmeldung {never_confirmed.pk} (anonymisiert)",
        str(recent.pk): "Noch Aktuell",
    }


def test_links_stop_working_when_the_data_are_anonymised():
    registration = RegistrationFactory(date=EventDateFactory(starts_at=timezone.now() - datetime.timedelta(days=200)))
    token = services.manage_path(registration).rstrip("/").rsplit("/", 1)[-1]
    assert services.registration_to_manage(token) == registration

    services.anonymise_registrations(retention_days=180)

    registration.refresh_from_db()
    assert registration.anonymised_at is not None
    assert services.registration_to_manage(token) is None
    # Even were the anonymisation undone in the database, the old secret is gone.
    Registration.objects.filter(pk=registration.pk).update(
        anonymised_at=None, name="x", email="x@beispiel.de", organisation="x"
    )
    assert services.registration_to_manage(token) is None


# --- Cancelling and moving up ---


def test_cancelling_a_seat_moves_the_first_on_the_waitlist_up_and_tells_them(sending):
    date = EventDateFactory(capacity=1, online=True)
    seat = RegistrationFactory(date=date, email="eins@beispiel-kommune.de")
    later = RegistrationFactory(date=date, status="waitlisted", email="drei@beispiel-kommune.de")
    first = RegistrationFactory(date=date, status="waitlisted", email="zwei@beispiel-kommune.de")
    Registration.objects.filter(pk=first.pk).update(opted_in_at=later.opted_in_at - datetime.timedelta(minutes=5))

    with sending():
        services.cancel_registration(registration=seat)

    seat.refresh_from_db()
    first.refresh_from_db()
    later.refresh_from_db()
    assert (seat.status, seat.cancelled_by) == ("cancelled", "participant")
    assert (first.status, later.status) == ("confirmed", "waitlisted")
    assert first.confirmed_at is not None
    assert [(m.to, m.subject.split(":")[0]) for m in mail.outbox] == [
        (["eins@beispiel-kommune.de"], "Abmeldung bestätigt"),
        (["zwei@beispiel-kommune.de"], "Sie sind nachgerückt"),
    ]
    assert "Ihr Platz ist wieder frei, und wer auf der Warteliste als Nächstes dran ist, rückt nach." in (
        mail.outbox[0].body
    )
    assert "Kenncode: geheim-42" in mail.outbox[1].body
    assert calendar_of(mail.outbox[1]).walk("VEVENT")


def test_cancelling_a_seat_sends_a_calendar_cancellation_newer_than_the_confirmation(sending):
    registration = confirmed_by_link(EventDateFactory(), "kim@beispiel-kommune.de", sending)
    confirmation = calendar_of(mail.outbox[-1], method="PUBLISH").walk("VEVENT")[0]

    with sending():
        services.cancel_registration(registration=registration)

    message = mail.outbox[-1]
    cancellation = calendar_of(message, method="CANCEL")
    event = cancellation.walk("VEVENT")[0]
    assert str(event["UID"]) == str(confirmation["UID"])
    assert str(event["STATUS"]) == "CANCELLED"
    assert int(event["SEQUENCE"]) > int(confirmation["SEQUENCE"])
    assert str(event["ORGANIZER"]) == "mailto:seminare@kommunalagentur.nrw"
    assert str(event["ATTENDEE"]) == "mailto:kim@beispiel-kommune.de"
    assert 'Content-Type: text/calendar; method="CANCEL"' in message.message().as_string()
    assert "entfernt Ihr Kalenderprogramm den Termin" in message.body


def test_cancelling_a_place_on_the_waitlist_moves_nobody(sending):
    date = EventDateFactory(capacity=1)
    RegistrationFactory(date=date)
    waiting = RegistrationFactory(date=date, status="waitlisted")
    other = RegistrationFactory(date=date, status="waitlisted")

    with sending():
        services.cancel_registration(registration=waiting)

    assert Registration.objects.get(pk=other.pk).status == "waitlisted"
    assert subjects() == [f"Abmeldung bestätigt: {date.event.title}"]
    assert "stehen nicht mehr auf der Warteliste" in mail.outbox[0].body
    assert "Ihr Platz" not in mail.outbox[0].body and "Ihr Platz" not in mail.outbox[0].alternatives[0][0]


def test_withdrawing_an_unconfirmed_registration_promises_no_seat_to_anyone(sending):
    registration = RegistrationFactory(status="pending")

    with sending():
        services.cancel_registration(registration=registration)

    assert "Sie haben Ihre Anmeldung für diesen Termin zurückgezogen." in mail.outbox[0].body
    assert "Ihr Platz" not in mail.outbox[0].body


def test_cancelling_twice_changes_nothing(sending):
    registration = RegistrationFactory()
    services.cancel_registration(registration=registration)

    with sending():
        again = services.cancel_registration(registration=registration)

    assert again.status == "cancelled"
    assert mail.outbox == []


def test_people_cannot_cancel_once_their_date_has_begun(sending):
    now = timezone.now()
    date = EventDateFactory(starts_at=now - datetime.timedelta(hours=1), ends_at=now + datetime.timedelta(hours=2))
    present = RegistrationFactory(date=date, checked_in_at=now)
    RegistrationFactory(date=date, status="waitlisted")

    with sending(), pytest.raises(services.RegistrationClosedError, match="Der Termin hat schon begonnen"):
        services.cancel_registration(registration=present)

    present.refresh_from_db()
    assert (present.status, present.checked_in_at) == ("confirmed", now)
    assert mail.outbox == []


def test_the_organiser_can_still_cancel_after_the_start():
    now = timezone.now()
    date = EventDateFactory(starts_at=now - datetime.timedelta(hours=1), ends_at=now + datetime.timedelta(hours=2))
    registration = RegistrationFactory(date=date)

    services.cancel_registration(registration=registration, by=Registration.CancelledBy.ORGANISER)

    registration.refresh_from_db()
    assert (registration.status, registration.cancelled_by) == ("cancelled", "organiser")


def test_more_seats_go_to_the_waitlist_at_once(sending):
    date = EventDateFactory(capacity=1)
    RegistrationFactory(date=date)
    waiting = RegistrationFactory.create_batch(3, date=date, status="waitlisted")
    date.capacity = 3
    date.save()

    with sending():
        promoted = services.fill_free_seats(date=date)

    assert sorted(r.pk for r in promoted) == sorted(r.pk for r in waiting[:2])
    assert date.registrations.status_counts() == {"pending": 0, "confirmed": 3, "waitlisted": 1, "cancelled": 0}
    assert len(mail.outbox) == 2


def test_organiser_cancels_a_date_and_everyone_registered_is_told(sending):
    date = EventDateFactory()
    other_date = EventDateFactory(event=date.event)
    RegistrationFactory(date=date, email="platz@beispiel-kommune.de")
    RegistrationFactory(date=date, status="waitlisted", email="warte@beispiel-kommune.de")
    RegistrationFactory(date=date, status="pending", email="offen@beispiel-kommune.de")
    RegistrationFactory(date=date, status="cancelled", email="schon-weg@beispiel-kommune.de")

    with sending():
        count = services.cancel_event_date(date=date, note="Der Saal ist wegen eines Wasserschadens gesperrt.")

    date.refresh_from_db()
    assert count == 3
    assert date.is_cancelled
    assert date.registrations.status_counts()["cancelled"] == 4
    assert sorted(m.to[0] for m in mail.outbox) == [
        "offen@beispiel-kommune.de",
        "platz@beispiel-kommune.de",
        "warte@beispiel-kommune.de",
    ]
    assert all("Wasserschaden" in m.body and m.subject.startswith("Abgesagt: ") for m in mail.outbox)
    # Only the person with a seat had the date in their calendar; the others get no attachment.
    with_file = {m.to[0]: calendar_of(m, method="CANCEL") for m in mail.outbox if m.attachments}
    assert list(with_file) == ["platz@beispiel-kommune.de"]
    assert str(with_file["platz@beispiel-kommune.de"].walk("VEVENT")[0]["STATUS"]) == "CANCELLED"
    assert Event.objects.get().status == "published"  # the other date still takes place

    services.cancel_event_date(date=other_date, note="")
    assert Event.objects.get().status == "cancelled"


def test_cancelling_an_event_cancels_all_its_dates():
    date = EventDateFactory()
    second = EventDateFactory(event=date.event)
    RegistrationFactory(date=date)
    RegistrationFactory(date=second)

    count = services.cancel_event(event=date.event, note="Die Tagung entfällt.")

    event = Event.objects.get()
    assert count == 2
    assert (event.status, event.cancellation_note) == ("cancelled", "Die Tagung entfällt.")
    assert not event.dates.filter(is_cancelled=False).exists()


def test_cancelling_the_dates_of_a_draft_keeps_it_a_draft(sending):
    draft = EventDateFactory(event__status="draft").event
    EventDateFactory(event=draft)
    only_date = EventDateFactory(event__status="draft")
    RegistrationFactory(date=draft.dates.first())

    with sending():
        count = services.cancel_event(event=draft, note="Fällt aus.")
        services.cancel_event_date(date=only_date, note="Fällt aus.")

    assert count == 1
    assert set(Event.objects.values_list("status", flat=True)) == {"draft"}
    assert not Event.objects.published().exists()
    assert not EventDate.objects.filter(is_cancelled=False).exists()


# --- Added by the editors ---


def test_editor_adds_a_registration_without_double_opt_in(sending):
    date = EventDateFactory(capacity=1, waitlist_limit=0)

    with sending():
        first = services.add_registration(
            date=date, name="Kim", email="Kim@Beispiel.de", organisation="Kreis", added_by="redaktion"
        )
        second = services.add_registration(
            date=date, name="Ali", email="ali@beispiel.de", organisation="Kreis", added_by="redaktion", notify=False
        )

    assert (first.status, second.status) == ("confirmed", "waitlisted")  # beyond the limit: the editor decides
    assert "(Von redaktion eingetragen" in first.consent_text
    assert subjects() == [
        f"Ihr Platz ist bestätigt: {date.event.title} am {date.starts_at.astimezone(BERLIN):%-d.%-m.%Y}"
    ]
    with pytest.raises(services.AlreadyRegisteredError, match="Status: angemeldet"):
        services.add_registration(date=date, name="Kim", email="kim@beispiel.de", organisation="K", added_by="r")


# --- Messages, reminders ---


def test_message_goes_to_everyone_with_a_seat_and_is_kept(sending, admin_user):
    date = EventDateFactory()
    RegistrationFactory(date=date, email="a@beispiel.de")
    RegistrationFactory(date=date, email="b@beispiel.de")
    RegistrationFactory(date=date, status="waitlisted", email="warte@beispiel.de")

    with sending():
        message = services.message_participants(
            date=date, subject="Raumänderung", body="Wir tagen im Saal 2.", sent_by=admin_user
        )

    assert (message.recipients, message.sent_by) == (2, admin_user)
    assert ParticipantMessage.objects.get().subject == "Raumänderung"
    assert sorted(m.to[0] for m in mail.outbox) == ["a@beispiel.de", "b@beispiel.de"]
    assert all(m.subject == "Raumänderung" and "Wir tagen im Saal 2." in m.body for m in mail.outbox)
    assert all("/veranstaltungen/anmeldung/" in m.body for m in mail.outbox)


def test_access_data_go_to_everyone_with_a_seat_with_the_calendar_file(sending):
    date = EventDateFactory(online=True)
    RegistrationFactory(date=date, email="platz@beispiel.de")
    RegistrationFactory(date=date, email="auch@beispiel.de", confirmed_at=timezone.now() - datetime.timedelta(days=9))
    RegistrationFactory(date=date, status="waitlisted", email="warte@beispiel.de")
    RegistrationFactory(date=date, status="pending", email="offen@beispiel.de")

    with sending():
        count = services.send_access_data(date=date)

    assert count == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["auch@beispiel.de", "platz@beispiel.de"]
    for message in mail.outbox:
        assert message.subject.startswith(f"Ihre Zugangsdaten: {date.event.title} am ")
        assert "Kenncode: geheim-42" in message.body
        assert "Kenncode: geheim-42" in message.alternatives[0][0]
        assert "Kenncode: geheim-42" in str(calendar_of(message).walk("VEVENT")[0]["DESCRIPTION"])


@pytest.mark.parametrize(
    "changes",
    [
        {"dial_in": ""},
        {"is_cancelled": True, "cancelled_at": timezone.now()},
        {
            "starts_at": timezone.now() - datetime.timedelta(hours=3),
            "ends_at": timezone.now() - datetime.timedelta(hours=1),
        },
        {"event__status": "draft"},
    ],
)
def test_no_access_data_without_data_or_for_dates_that_are_off_or_over(sending, changes):
    date = EventDateFactory(online=True, **changes)
    RegistrationFactory(date=date)

    with sending():
        assert services.send_access_data(date=date) == 0

    assert mail.outbox == []


@pytest.mark.parametrize("count", [1, 3])
@pytest.mark.parametrize("online", [False, True])
def test_a_message_runs_a_constant_number_of_queries(django_assert_num_queries, count, online):
    date = EventDateFactory(online=online)
    RegistrationFactory.create_batch(count, date=date)
    date = EventDate.objects.get(pk=date.pk)  # as the admin passes it, without its event and venue loaded

    # Savepoint and release, the date with its event and venue, the registrations, one stored mail each, the message.
    with django_assert_num_queries(5 + count):
        services.message_participants(date=date, subject="Raumänderung", body="Wir tagen im Saal 2.")


def test_a_message_can_carry_the_access_data(sending):
    date = EventDateFactory(online=True)
    RegistrationFactory(date=date)

    with sending():
        services.message_participants(date=date, subject="Neuer Raum", body="Wir wechseln den Raum.")
        services.message_participants(date=date, subject="Mit Daten", body="Hier alles.", with_dial_in=True)

    without, with_data = mail.outbox
    assert "geheim-42" not in without.body and without.attachments == []
    assert "Kenncode: geheim-42" in with_data.body
    assert calendar_of(with_data).walk("VEVENT")


def test_reminders_go_once_to_confirmed_participants_of_dates_within_the_days(sending):
    now = timezone.now()
    soon = EventDateFactory(starts_at=now + datetime.timedelta(days=2), online=True)
    later = EventDateFactory(starts_at=now + datetime.timedelta(days=10))
    early = RegistrationFactory(date=soon, email="frueh@beispiel.de", confirmed_at=now - datetime.timedelta(days=9))
    RegistrationFactory(date=soon, email="spaet@beispiel.de", confirmed_at=now - datetime.timedelta(hours=2))
    RegistrationFactory(date=soon, status="waitlisted", email="warte@beispiel.de")
    RegistrationFactory(date=later, email="spaeter@beispiel.de", confirmed_at=now - datetime.timedelta(days=9))

    assert services.send_reminders(days_before=3, dry_run=True) == 1
    assert not Registration.objects.filter(reminded_at__isnull=False).exists()
    with sending():
        assert services.send_reminders(days_before=3) == 1
    with sending():
        assert services.send_reminders(days_before=3) == 0

    early.refresh_from_db()
    assert early.reminded_at is not None
    assert [m.to for m in mail.outbox] == [["frueh@beispiel.de"]]
    assert mail.outbox[0].subject.startswith(f"Erinnerung: {soon.event.title} am ")
    assert "Kenncode: geheim-42" in mail.outbox[0].body
    assert calendar_of(mail.outbox[0]).walk("VEVENT")


# --- Data protection ---


def test_anonymising_removes_personal_data_keeps_the_counts_and_the_recent_ones():
    now = timezone.now()
    old = EventDateFactory(starts_at=now - datetime.timedelta(days=200))
    recent = EventDateFactory(starts_at=now - datetime.timedelta(days=20))
    RegistrationFactory(date=old, notes="Rollstuhl", checked_in_at=now - datetime.timedelta(days=200))
    RegistrationFactory(date=old, email="zwei@beispiel.de")
    RegistrationFactory(date=old, status="waitlisted")
    RegistrationFactory(date=recent, email="neu@beispiel.de")
    never_confirmed = RegistrationFactory(date=recent, status="pending")
    Registration.objects.filter(pk=never_confirmed.pk).update(created_at=now - datetime.timedelta(days=8))
    old_mail = OutgoingMail.objects.create(
        template="events/mail/registration_confirmed", to=["zwei@beispiel.de"], subject="x", body_text="Person 1"
    )
    OutgoingMail.objects.filter(pk=old_mail.pk).update(created_at=now - datetime.timedelta(days=190), status="sent")
    OutgoingMail.objects.create(template="newsletter/mail/x", to=["zwei@beispiel.de"], subject="y", body_text="z")
    before = old.registrations.status_counts()

    assert services.anonymise_registrations(retention_days=180, dry_run=True) == {
        "anonymised": 3,
        "mails": 1,
        "unconfirmed": 1,
    }
    assert Registration.objects.filter(anonymised_at__isnull=False).count() == 0
    result = services.anonymise_registrations(retention_days=180)

    assert result == {"anonymised": 3, "mails": 1, "unconfirmed": 1}
    assert old.registrations.status_counts() == before
    assert set(old.registrations.values_list("name", "email", "notes", "organisation", "function")) == {
        ("", "", "", "", "")
    }
    assert old.registrations.filter(checked_in_at__isnull=False).count() == 1
    assert list(recent.registrations.values_list("email", flat=True)) == ["neu@beispiel.de"]
    assert list(OutgoingMail.objects.values_list("template", flat=True)) == ["newsletter/mail/x"]
    assert services.anonymise_registrations(retention_days=180) == {"anonymised": 0, "mails": 0, "unconfirmed": 0}
