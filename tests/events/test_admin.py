import csv
import datetime
import io
from unittest import mock

import pytest
from django.contrib import admin
from django.contrib.admin.models import DELETION, LogEntry
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from events import services
from events.admin import AgendaItemInline
from events.models import BERLIN, Event, EventDate, ParticipantMessage, Registration
from portal.models import Municipality
from tests.factories import EventDateFactory, EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

REGISTRATIONS = reverse("admin:events_registration_changelist")
DATES = reverse("admin:events_eventdate_changelist")


def split(moment):
    local = moment.astimezone(BERLIN)
    return {"_0": local.strftime("%d.%m.%Y"), "_1": local.strftime("%H:%M:%S")}


def date_form(date, **changes):
    data = {
        "capacity": date.capacity,
        "waitlist_limit": date.waitlist_limit,
        "venue": date.venue_id or "",
        "online_platform": date.online_platform,
        "dial_in": date.dial_in,
        "messages-TOTAL_FORMS": 0,
        "messages-INITIAL_FORMS": 0,
    }
    for field in ("starts_at", "ends_at"):
        data.update({f"{field}{suffix}": value for suffix, value in split(getattr(date, field)).items()})
    for field in ("registration_opens", "registration_closes"):
        data.update({f"{field}_0": "", f"{field}_1": ""})
    return {**data, **changes}


def event_form(event, **date_changes):
    """The event's change form as the browser sends it, with its dates as inline forms (changed by `date_changes`)."""
    data = {
        "kind": event.kind,
        "title": event.title,
        "slug": event.slug,
        "status": event.status,
        "teaser": event.teaser,
        "description": event.description,
        "organiser": event.organiser,
        "host_municipality": "",
        "report": event.report,
        "agenda-TOTAL_FORMS": 0,
        "agenda-INITIAL_FORMS": 0,
        "photos-TOTAL_FORMS": 0,
        "photos-INITIAL_FORMS": 0,
    }
    dates = list(event.dates.all())
    data.update({"dates-TOTAL_FORMS": len(dates), "dates-INITIAL_FORMS": len(dates)})
    for n, date in enumerate(dates):
        fields = date_form(date, **date_changes)
        for name in ("messages-TOTAL_FORMS", "messages-INITIAL_FORMS"):
            del fields[name]
        data.update({f"dates-{n}-{name}": value for name, value in fields.items()})
        data.update({f"dates-{n}-id": date.pk, f"dates-{n}-event": event.pk})
    return data


def test_editors_group_may_work_with_events():
    codenames = set(Group.objects.get(name="Redaktion").permissions.values_list("codename", flat=True))

    assert {"change_event", "add_eventdate", "change_registration", "view_registration"} <= codenames


def test_date_list_counts_registrations_per_status(admin_client):
    date = EventDateFactory(capacity=10)
    RegistrationFactory.create_batch(3, date=date)
    RegistrationFactory(date=date, checked_in_at=timezone.now())
    RegistrationFactory.create_batch(2, date=date, status="waitlisted")
    RegistrationFactory(date=date, status="pending")
    RegistrationFactory(date=date, status="cancelled")

    response = admin_client.get(DATES)

    row = response.context["cl"].result_list[0]
    counts = (row.confirmed_count, row.waitlisted_count, row.pending_count, row.cancelled_count)
    assert counts == (4, 2, 1, 1)
    assert row.checked_in_count == 1
    page = response.content.decode()
    assert f"/admin/events/registration/?date__id__exact={date.pk}" in page
    assert f"/admin/events/eventdate/{date.pk}/check-in/" in page


@pytest.mark.parametrize("count", [1, 3])
def test_admin_lists_run_a_constant_number_of_queries(admin_client, django_assert_num_queries, count):
    for n in range(count):
        date = EventDateFactory(event__slug=f"e-{n}")
        RegistrationFactory(date=date, municipality=Municipality.objects.get(slug="ahaus"))
        RegistrationFactory(date=date, status="waitlisted")

    # Session and user; the count, the page (with counts or related rows) and the filter choices …
    with django_assert_num_queries(6):
        admin_client.get(reverse("admin:events_event_changelist"))
    # … the dates with the two queries of their date hierarchy …
    with django_assert_num_queries(7):
        admin_client.get(DATES)
    # … and the registrations with the choices of the two list filters (events, dates) and the counts per status.
    with django_assert_num_queries(8):
        response = admin_client.get(REGISTRATIONS)

    assert response.context["status_counts"] == [
        ("unbestätigt", 0),
        ("angemeldet", count),
        ("Warteliste", count),
        ("storniert", 0),
    ]


def test_registration_list_shows_counts_per_status_of_the_filtered_rows(admin_client):
    date = EventDateFactory()
    RegistrationFactory.create_batch(2, date=date)
    RegistrationFactory(date=date, status="waitlisted")
    RegistrationFactory()

    response = admin_client.get(REGISTRATIONS, {"date__id__exact": date.pk})

    assert "2 angemeldet · 1 Warteliste · 0 storniert" in response.content.decode()


def test_check_in_action_marks_only_people_with_a_seat(admin_client):
    seat = RegistrationFactory()
    waiting = RegistrationFactory(date=seat.date, status="waitlisted")

    response = admin_client.post(
        REGISTRATIONS, {"action": "check_in", "_selected_action": [seat.pk, waiting.pk]}, follow=True
    )

    seat.refresh_from_db()
    waiting.refresh_from_db()
    assert seat.checked_in_at is not None
    assert waiting.checked_in_at is None
    assert "1 Person(en) als anwesend eingetragen. 1 übersprungen" in response.content.decode()


def test_cancel_action_goes_through_the_service_so_the_waitlist_moves_up(
    admin_client, django_capture_on_commit_callbacks
):
    date = EventDateFactory(capacity=1)
    seat = RegistrationFactory(date=date, email="platz@beispiel.de")
    waiting = RegistrationFactory(date=date, status="waitlisted", email="warte@beispiel.de")

    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(REGISTRATIONS, {"action": "cancel_registrations", "_selected_action": [seat.pk]})

    seat.refresh_from_db()
    waiting.refresh_from_db()
    assert (seat.status, seat.cancelled_by, waiting.status) == ("cancelled", "organiser", "confirmed")
    assert [(m.to[0], m.subject.split(":")[0]) for m in mail.outbox] == [
        ("platz@beispiel.de", "Ihre Anmeldung wurde storniert"),
        ("warte@beispiel.de", "Sie sind nachgerückt"),
    ]


def test_csv_export_opens_in_excel_and_never_holds_formulas(admin_client):
    date = EventDateFactory(
        event__title="Jahrestagung",
        starts_at=datetime.datetime(2027, 3, 26, 9, 0, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2027, 3, 26, 15, 0, tzinfo=datetime.UTC),
    )
    registration = RegistrationFactory(
        date=date,
        name='=HYPERLINK("http://evil")',
        email="kim@beispiel-kommune.de",
        municipality=Municipality.objects.get(slug="muenster"),
        organisation="Amt für Straßen; Verkehr",
        notes="Rollstuhl\nvegetarisch",
    )

    response = admin_client.post(REGISTRATIONS, {"action": "export_csv", "_selected_action": [registration.pk]})

    body = b"".join(response.streaming_content)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="anmeldungen-')
    assert body.startswith(b"\xef\xbb\xbfVeranstaltung;Termin;Status;Name;")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))
    record = dict(zip(rows[0], rows[1], strict=True))
    assert record["Termin"] == "26.03.2027 10:00"
    assert record["Name"] == '\'=HYPERLINK("http://evil")'
    assert record["Kommune"] == "Stadt Münster"
    assert record["Organisation"] == "Amt für Straßen; Verkehr"
    assert record["Hinweise"] == "Rollstuhl\nvegetarisch"
    assert record["Status"] == "angemeldet"


def test_per_date_export_holds_that_date_only(admin_client):
    date = EventDateFactory(event__slug="bauhof")
    RegistrationFactory.create_batch(2, date=date)
    RegistrationFactory()

    response = admin_client.get(reverse("admin:events_eventdate_export", args=[date.pk]))

    body = b"".join(response.streaming_content).decode("utf-8-sig")
    assert len(body.strip().splitlines()) == 3
    assert 'filename="anmeldungen-bauhof-' in response["Content-Disposition"]


def test_editor_adds_a_registration_by_hand_through_the_service(admin_client, django_capture_on_commit_callbacks):
    date = EventDateFactory()
    data = {
        "date": date.pk,
        "name": "Ali Beispiel",
        "email": "Ali@Beispiel.de",
        "organisation": "Kreis Borken",
        "function": "Amtsleiter",
        "notes": "",
        "consent_given": "on",
        "notify": "on",
    }

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(reverse("admin:events_registration_add"), data, follow=True)
    again = admin_client.post(reverse("admin:events_registration_add"), data)

    registration = Registration.objects.get()
    assert (registration.status, registration.email) == ("confirmed", "ali@beispiel.de")
    assert "Von admin eingetragen" in registration.consent_text
    assert "Ali Beispiel: angemeldet – die Person wird per E-Mail benachrichtigt." in response.content.decode()
    assert mail.outbox[0].subject.startswith("Ihr Platz ist bestätigt")
    assert "Für diese Adresse gibt es zu diesem Termin schon eine Anmeldung (Status: angemeldet)." in (
        again.content.decode()
    )


def test_message_to_everyone_with_a_seat(admin_client, admin_user, django_capture_on_commit_callbacks):
    date = EventDateFactory()
    RegistrationFactory.create_batch(2, date=date)
    RegistrationFactory(date=date, status="waitlisted")
    url = reverse("admin:events_eventdate_message", args=[date.pk])

    form = admin_client.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(url, {"subject": "Raumänderung", "body": "Wir tagen in Saal 2."}, follow=True)

    assert "An 2 Teilnehmende senden" in form.content.decode()
    assert "Nachricht an 2 angemeldete Teilnehmende eingereiht" in response.content.decode()
    assert [m.subject for m in mail.outbox] == ["Raumänderung", "Raumänderung"]
    assert ParticipantMessage.objects.get().sent_by == admin_user


def test_check_in_page_lists_people_with_a_seat_and_checks_them_in(admin_client):
    date = EventDateFactory()
    kim = RegistrationFactory(date=date, name="Kim Muster")
    RegistrationFactory(date=date, name="Ali Beispiel")
    RegistrationFactory(date=date, name="Warte Liste", status="waitlisted")
    url = reverse("admin:events_eventdate_checkin", args=[date.pk])

    page = admin_client.get(url, {"q": "kim"}).content.decode()
    response = admin_client.post(url, {"registration": kim.pk, "q": "kim"})

    assert "Kim Muster" in page and "Ali Beispiel" not in page and "Warte Liste" not in page
    assert response["Location"] == f"{url}?q=kim"
    kim.refresh_from_db()
    assert kim.checked_in_at is not None
    assert "<strong>1 von 2</strong>" in admin_client.get(url).content.decode()
    admin_client.post(url, {"registration": kim.pk, "undo": "1"})
    kim.refresh_from_db()
    assert kim.checked_in_at is None


def test_more_seats_in_the_admin_move_the_waitlist_up_and_fewer_than_taken_are_refused(
    admin_client, django_capture_on_commit_callbacks
):
    date = EventDateFactory(capacity=2)
    RegistrationFactory.create_batch(2, date=date)
    waiting = RegistrationFactory(date=date, status="waitlisted")
    url = reverse("admin:events_eventdate_change", args=[date.pk])

    refused = admin_client.post(url, date_form(date, capacity=1))
    with django_capture_on_commit_callbacks(execute=True):
        raised = admin_client.post(url, date_form(date, capacity=3), follow=True)

    assert "2 Personen haben schon einen Platz." in refused.content.decode()
    waiting.refresh_from_db()
    assert waiting.status == "confirmed"
    assert "1 Person(en) von der Warteliste sind nachgerückt" in raised.content.decode()
    assert EventDate.objects.get().capacity == 3


def test_cancelling_dates_asks_for_a_note_then_tells_everyone(admin_client, django_capture_on_commit_callbacks):
    date = EventDateFactory()
    RegistrationFactory.create_batch(2, date=date)
    action = {"action": "cancel_dates", "_selected_action": [date.pk]}

    asked = admin_client.post(DATES, action)
    missing = admin_client.post(DATES, {**action, "apply": "1", "note": ""})
    with django_capture_on_commit_callbacks(execute=True):
        done = admin_client.post(DATES, {**action, "apply": "1", "note": "Der Saal ist gesperrt."}, follow=True)

    assert "Jetzt absagen und alle benachrichtigen" in asked.content.decode()
    assert "Bitte schreiben Sie den Angemeldeten kurz, warum abgesagt wird." in missing.content.decode()
    assert "1 Termin(e) abgesagt. 2 Anmeldung(en) storniert" in done.content.decode()
    assert EventDate.objects.get().is_cancelled
    assert len(mail.outbox) == 2 and all("Der Saal ist gesperrt." in m.body for m in mail.outbox)


def test_event_status_cannot_be_set_to_cancelled_in_the_form(admin_client):
    event = EventFactory()

    page = admin_client.get(reverse("admin:events_event_change", args=[event.pk])).content.decode()

    assert 'value="draft"' in page and 'value="published"' in page
    assert 'value="cancelled"' not in page


def test_a_registration_deleted_on_request_leaves_no_name_in_the_history(admin_client):
    registration = RegistrationFactory(name="Kim Muster")
    url = reverse("admin:events_registration_delete", args=[registration.pk])

    admin_client.post(url, {"post": "yes"})

    assert not Registration.objects.exists()
    entry = LogEntry.objects.get(action_flag=DELETION)
    assert entry.object_repr == f"Anmeldung {registration.pk} (anonymisiert)"


def test_the_cancel_action_leaves_drafts_alone(admin_client):
    draft = EventFactory(status="draft", title="Noch ein Entwurf")
    EventDateFactory(event=draft)
    url = reverse("admin:events_event_changelist")
    action = {"action": "cancel_events", "_selected_action": [draft.pk]}

    asked = admin_client.post(url, action)
    admin_client.post(url, {**action, "apply": "1", "note": "Fällt aus."})

    assert "schon abgesagt oder ein Entwurf" in asked.content.decode()
    draft.refresh_from_db()
    assert draft.status == "draft"
    assert not draft.dates.filter(is_cancelled=True).exists()


def test_new_dial_in_data_go_to_everyone_with_a_seat_when_the_date_is_saved(
    admin_client, django_capture_on_commit_callbacks
):
    date = EventDateFactory(online=True, dial_in="", capacity=1)
    RegistrationFactory(date=date, email="platz@beispiel.de")
    RegistrationFactory(date=date, status="waitlisted", email="warte@beispiel.de")
    url = reverse("admin:events_eventdate_change", args=[date.pk])

    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(url, date_form(date, capacity=date.capacity))
    assert [m.subject for m in mail.outbox] == []  # nothing changed at the dial-in
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            url, date_form(date, dial_in="https://zoom.example.org/j/1\nKenncode: neu-7"), follow=True
        )

    assert [(m.to[0], m.subject.split(":")[0]) for m in mail.outbox] == [("platz@beispiel.de", "Ihre Zugangsdaten")]
    assert "Kenncode: neu-7" in mail.outbox[0].body
    assert "Die Zugangsdaten gehen an 1 angemeldete Teilnehmende" in response.content.decode()


def test_changed_dial_in_data_on_the_event_page_go_out_too(admin_client, django_capture_on_commit_callbacks):
    date = EventDateFactory(online=True)
    RegistrationFactory(date=date, email="platz@beispiel.de")
    url = reverse("admin:events_event_change", args=[date.event_id])

    with django_capture_on_commit_callbacks(execute=True):
        unchanged = admin_client.post(url, event_form(date.event))
    assert unchanged.status_code == 302, unchanged.context["errors"]
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(url, event_form(date.event, dial_in="https://zoom.example.org/j/2\nKenncode: anders-9"))

    assert [m.to[0] for m in mail.outbox] == ["platz@beispiel.de"]
    assert "Kenncode: anders-9" in mail.outbox[0].body
    assert EventDate.objects.get().dial_in == "https://zoom.example.org/j/2\nKenncode: anders-9"


def test_message_form_offers_the_access_data_for_online_dates_only(admin_client, django_capture_on_commit_callbacks):
    online = EventDateFactory(online=True)
    RegistrationFactory(date=online)
    on_site = EventDateFactory()
    url = reverse("admin:events_eventdate_message", args=[online.pk])

    offered = admin_client.get(url).content.decode()
    not_offered = admin_client.get(reverse("admin:events_eventdate_message", args=[on_site.pk])).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(url, {"subject": "Bis morgen", "body": "Wir freuen uns.", "with_dial_in": "on"})

    assert "Zugangsdaten mitsenden" in offered and "Zugangsdaten mitsenden" not in not_offered
    assert "Kenncode: geheim-42" in mail.outbox[0].body


def test_registration_cannot_close_after_the_start(admin_client):
    date = EventDateFactory()
    late = split(date.starts_at + datetime.timedelta(hours=1))
    url = reverse("admin:events_eventdate_change", args=[date.pk])

    response = admin_client.post(
        url, date_form(date, registration_closes_0=late["_0"], registration_closes_1=late["_1"])
    )

    assert response.context["adminform"].form.errors["registration_closes"] == [
        "Der Anmeldeschluss darf nicht nach dem Beginn des Termins liegen. Lassen Sie das Feld leer, wenn die "
        "Anmeldung bis zum Beginn offen sein soll."
    ]
    assert EventDate.objects.get().registration_closes is None


def test_a_registration_someone_else_entered_meanwhile_gives_the_form_back_with_the_reason(admin_client):
    date = EventDateFactory()
    data = {
        "date": date.pk,
        "name": "Ali Beispiel",
        "email": "ali@beispiel.de",
        "organisation": "Kreis Borken",
        "function": "Amtsleiter",
        "notes": "",
        "consent_given": "on",
        "notify": "on",
    }
    quicker = services.AlreadyRegisteredError(
        "Für ali@beispiel.de gibt es zu diesem Termin schon eine Anmeldung (Status: angemeldet)."
    )

    with mock.patch.object(services, "add_registration", side_effect=quicker):
        response = admin_client.post(reverse("admin:events_registration_add"), data)

    page = response.content.decode()
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["email"] == [str(quicker)]
    assert 'value="Ali Beispiel"' in page
    assert not Registration.objects.exists()


def test_check_in_ignores_a_broken_choice_and_keeps_the_search_in_the_address(admin_client):
    date = EventDateFactory()
    kim = RegistrationFactory(date=date, name="Kim & Co")
    url = reverse("admin:events_eventdate_checkin", args=[date.pk])

    broken = admin_client.post(url, {"registration": "abc", "q": "Kim & Co"}, follow=True)
    done = admin_client.post(url, {"registration": kim.pk, "q": "Kim & Co"})

    assert "Bitte wählen Sie eine Person aus der Liste." in broken.content.decode()
    assert done["Location"] == f"{url}?q=Kim+%26+Co"
    kim.refresh_from_db()
    assert kim.checked_in_at is not None


@pytest.mark.parametrize("count", [1, 3])
def test_programme_date_choices_take_one_query(rf, admin_user, django_assert_num_queries, count):
    event = EventFactory()
    EventDateFactory.create_batch(count, event=event)
    request = rf.get("/")
    request.user = admin_user
    formset = AgendaItemInline(Event, admin.site).get_formset(request, event)

    with django_assert_num_queries(1):
        labels = [label for value, label in formset.form.base_fields["date"].choices if value]

    assert len(labels) == count
    assert all(label.startswith(event.title) for label in labels)
