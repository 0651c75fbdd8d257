import datetime
import io
import re
import uuid

import icalendar
import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image

from events import services
from events.models import EventPhoto, Registration
from portal.models import Municipality
from projects.models import Document
from tests.events.conftest import link
from tests.factories import (
    DocumentFactory,
    EventDateFactory,
    EventFactory,
    RegistrationFactory,
)

pytestmark = pytest.mark.django_db

FIRE = "feuerwehr-und-katastrophenschutz"


def past_date(**kwargs):
    starts = timezone.now() - datetime.timedelta(days=60)
    return EventDateFactory(starts_at=starts, ends_at=starts + datetime.timedelta(hours=4), **kwargs)


def add_photo(event, alt_text):
    buffer = io.BytesIO()
    Image.new("RGB", (960, 640), "#1d3f8c").save(buffer, "JPEG")
    photo = EventPhoto(event=event, alt_text=alt_text)
    photo.image.save("foto.jpg", ContentFile(buffer.getvalue(), name="foto.jpg"), save=False)
    photo.save()
    return services.create_photo_renditions(photo=photo)


def form_data(client, event, **overrides):
    rendered_at = client.get(event.get_absolute_url()).context["form"]["rendered_at"].initial
    date = event.dates.first()
    data = {
        "date": date.pk,
        "name": "Kim Muster",
        "email": "kim@beispiel-kommune.de",
        "municipality": "",
        "organisation": "Kreisverwaltung Borken",
        "function": "Kämmerin",
        "notes": "",
        "consent": "on",
        "rendered_at": rendered_at,
        "website": "",
    }
    return {**data, **overrides}


def post_registration(client, event, sending, **overrides):
    data = form_data(client, event, **overrides)
    with sending():
        return client.post(event.get_absolute_url(), data)


# --- Lists ---


def test_list_shows_upcoming_published_events_with_free_seats(client):
    date = EventDateFactory(event__title="Erfahrungsaustausch Bauhof", capacity=20)
    RegistrationFactory.create_batch(3, date=date)
    EventDateFactory(event__title="Entwurf einer Tagung", event__status="draft")
    past_date(event__title="Vergangene Tagung")
    EventDateFactory(
        event__title="Abgesagte Tagung",
        event__status="cancelled",
        event__cancellation_note="Krank.",
        starts_at=date.starts_at + datetime.timedelta(days=1),
    )

    response = client.get("/veranstaltungen/")

    page = response.content.decode()
    assert [e.title for e in response.context["page_obj"]] == ["Erfahrungsaustausch Bauhof", "Abgesagte Tagung"]
    assert "2 kommende Veranstaltungen" in page
    assert "noch 17 von 20 Plätzen frei" in page
    assert "Entwurf einer Tagung" not in page
    assert "Vergangene Tagung" not in page
    assert "– abgesagt" in page


def test_list_orders_by_the_next_date_and_shows_only_dates_to_come(client):
    later = EventDateFactory(event__title="Später", starts_at=timezone.now() + datetime.timedelta(days=40))
    sooner = EventDateFactory(event__title="Bald", starts_at=timezone.now() + datetime.timedelta(days=5))
    past_date(event=sooner.event)

    response = client.get("/veranstaltungen/")

    assert [e.title for e in response.context["page_obj"]] == ["Bald", "Später"]
    assert response.content.decode().count(later.when) == 1


def test_list_filters_by_kind_and_themenfeld(client):
    EventDateFactory(event__title="Seminar Feuerwehr", event__kind="seminar", event__topics=[FIRE])
    EventDateFactory(event__title="Seminar Bauen", event__kind="seminar", event__topics=["bauen-und-planen"])
    EventDateFactory(event__title="Tagung Feuerwehr", event__kind="jahrestagung", event__topics=[FIRE])

    response = client.get("/veranstaltungen/", {"art": "seminar", "themenfeld": FIRE})

    assert [e.title for e in response.context["page_obj"]] == ["Seminar Feuerwehr"]
    assert "1 Veranstaltung passt zu Ihrer Auswahl" in response.content.decode()


def test_invalid_filter_gives_a_german_message_and_an_empty_list_explains(client):
    invalid = client.get("/veranstaltungen/", {"art": "tanzkurs"})
    empty = client.get("/veranstaltungen/", {"themenfeld": FIRE})

    assert invalid.status_code == 200
    assert "Diese Art gibt es nicht. Bitte wählen Sie aus der Liste." in invalid.content.decode()
    assert "Dazu ist gerade keine Veranstaltung geplant." in empty.content.decode()
    assert f'href="/veranstaltungen/archiv/?themenfeld={FIRE}"' in empty.content.decode()


def test_archive_lists_past_events_with_their_documentation(client):
    date = past_date(event__title="Jahrestagung 2021", event__report="<p>Fast 60 Menschen kamen.</p>")
    date.event.documents.add(DocumentFactory(kind="praesentation"), DocumentFactory(kind="praesentation"))
    date.event.documents.add(DocumentFactory(is_published=False))
    EventDateFactory(event__title="Kommt noch")

    response = client.get("/veranstaltungen/archiv/")

    page = response.content.decode()
    assert [e.title for e in response.context["page_obj"]] == ["Jahrestagung 2021"]
    assert "<li>Bericht</li>" in page
    assert "<li>2 Dokumente</li>" in page


def _events_with_everything(count, *, past=False):
    for n in range(count):
        make = past_date if past else EventDateFactory
        date = make(event__slug=f"e-{n}", event__topics=[FIRE, "bauen-und-planen"])
        EventDateFactory(event=date.event, online=True, starts_at=date.starts_at + datetime.timedelta(days=1))
        RegistrationFactory(date=date)
        if past:
            date.event.documents.add(DocumentFactory(slug=f"doc-{n}"))


@pytest.mark.parametrize("count", [1, 3])
def test_list_runs_a_constant_number_of_queries(client, django_assert_num_queries, count):
    _events_with_everything(count)

    # The chosen Themenfeld; the count; the Themenfelder of the filter form; the page; its Themenfelder;
    # its dates with their counts.
    with django_assert_num_queries(6):
        response = client.get("/veranstaltungen/", {"themenfeld": FIRE})

    assert len(response.context["page_obj"]) == count


@pytest.mark.parametrize("count", [1, 3])
def test_archive_runs_a_constant_number_of_queries(client, django_assert_num_queries, count):
    _events_with_everything(count, past=True)

    # The count; the Themenfelder of the filter form; the page with its documentation counts; its Themenfelder;
    # its dates.
    with django_assert_num_queries(5):
        response = client.get("/veranstaltungen/archiv/")

    assert len(response.context["page_obj"]) == count


# --- The event page ---


def test_event_page_shows_programme_dates_place_and_free_seats_but_never_dial_in_data(client):
    event = EventFactory(title="Online-Sprechstunde", host_municipality=Municipality.objects.get(slug="krefeld"))
    first = EventDateFactory(event=event, online=True, capacity=10)
    EventDateFactory(event=event, capacity=5)
    RegistrationFactory(date=first)
    event.agenda.create(
        time=datetime.time(10, 30), title="Begrüßung", speakers="Kim Muster, Kreis Borken; Ali Beispiel"
    )

    page = client.get(event.get_absolute_url()).content.decode()

    assert "Noch 9 von 10 Plätzen frei" in page
    assert "Noch 5 von 5 Plätzen frei" in page
    assert "Online über Zoom. Die Zugangsdaten schicken wir den angemeldeten Teilnehmenden per E-Mail." in page
    assert "Stufenloser Zugang, Aufzug, barrierefreies WC." in page
    assert "10:30 Uhr" in page and "<li>Kim Muster, Kreis Borken</li>" in page
    assert 'href="/kommunen/krefeld/"' in page
    assert "geheim-42" not in page and "zoom.example.org" not in page
    assert f'name="date" value="{first.pk}"' in page
    assert "Anmeldung absenden" in page


def test_past_event_shows_its_documentation_and_no_form(client):
    date = past_date(event__report="<p>Ein guter Tag.</p>")
    document = DocumentFactory(kind="praesentation", title="Präsentation Bauhof")
    date.event.documents.add(document)
    photo = add_photo(date.event, "Stuhlreihen vor einer Bühne")

    response = client.get(date.event.get_absolute_url())

    page = response.content.decode()
    assert response.context["form"] is None
    assert "Ein guter Tag." in page
    assert document.get_download_url() in page
    assert f'alt="{photo.alt_text}"' in page
    assert 'href="/veranstaltungen/archiv/"' in page


def test_a_cancelled_past_event_promises_no_documentation(client):
    date = past_date(event__status="cancelled", event__cancellation_note="Der Referent war erkrankt.")

    page = client.get(date.event.get_absolute_url()).content.decode()

    assert "Diese Veranstaltung ist abgesagt." in page
    assert "Die Dokumentation folgt in Kürze." not in page
    assert 'id="dokumentation"' not in page


def test_cancelled_event_says_so_and_takes_no_registrations(client):
    date = EventDateFactory(event__status="cancelled", event__cancellation_note="Der Referent ist erkrankt.")

    response = client.get(date.event.get_absolute_url())

    assert response.context["form"] is None
    assert "Diese Veranstaltung ist abgesagt." in response.content.decode()
    assert "Der Referent ist erkrankt." in response.content.decode()


def test_drafts_are_hidden_from_visitors_and_shown_to_editors_as_preview(client, django_user_model):
    date = EventDateFactory(event__status="draft", event__slug="entwurf")
    editor = django_user_model.objects.create_user("redaktion", is_staff=True)
    editor.user_permissions.add(Permission.objects.get(codename="view_event"))

    hidden = client.get("/veranstaltungen/entwurf/")
    client.force_login(editor)
    preview = client.get("/veranstaltungen/entwurf/")

    assert hidden.status_code == 404
    assert "Vorschau: Diese Veranstaltung ist ein Entwurf" in preview.content.decode()
    assert preview.context["form"] is None
    assert "Die Anmeldung öffnet, sobald die Veranstaltung veröffentlicht ist" in preview.content.decode()
    assert date.event.title in preview.content.decode()


def test_unknown_event_gives_a_helpful_404(client):
    response = client.get("/veranstaltungen/gibt-es-nicht/")

    assert response.status_code == 404
    page = response.content.decode()
    assert "Diese Veranstaltung gibt es nicht (mehr)" in page
    assert 'href="/veranstaltungen/archiv/"' in page


@pytest.mark.parametrize("count", [1, 3])
def test_event_page_runs_a_constant_number_of_queries(client, django_assert_num_queries, count):
    event = EventFactory(topics=[FIRE])
    for n in range(count):
        date = EventDateFactory(event=event, starts_at=timezone.now() + datetime.timedelta(days=10 + n))
        RegistrationFactory(date=date)
        event.agenda.create(title=f"Punkt {n}", date=date if n else None)

    # Event, dates with counts, Themenfelder, programme, the Kommunen of the form.
    with django_assert_num_queries(5):
        client.get(event.get_absolute_url())


@pytest.mark.parametrize("count", [1, 3])
def test_past_event_page_runs_a_constant_number_of_queries(client, django_assert_num_queries, count):
    date = past_date()
    for n in range(count):
        date.event.documents.add(DocumentFactory(slug=f"d-{n}"))
        add_photo(date.event, f"Foto {n}")

    # Event, dates, Themenfelder, programme, photos, documents.
    with django_assert_num_queries(6):
        client.get(date.event.get_absolute_url())


# --- Registering on the page ---


def test_registration_on_the_page_is_pending_until_the_link_is_followed(client, no_min_fill_time, sending):
    date = EventDateFactory(capacity=1)
    event = date.event

    response = post_registration(client, event, sending)

    assert response.status_code == 302
    assert response["Location"] == f"/veranstaltungen/{event.slug}/anmeldung-gesendet/"
    registration = Registration.objects.get()
    assert (registration.status, registration.function) == ("pending", "Kämmerin")
    sent = client.get(response["Location"]).content.decode()
    assert "Fast geschafft: bitte bestätigen Sie Ihre Anmeldung" in sent

    confirm_url = link(mail.outbox[0], "/veranstaltungen/anmeldung/bestaetigen/")
    opened = client.get(confirm_url)
    assert Registration.objects.get().status == "pending"
    assert "Anmeldung bestätigen" in opened.content.decode()
    with sending():
        confirmed = client.post(confirm_url, follow=True)

    assert Registration.objects.get().status == "confirmed"
    assert "Ihr Platz ist bestätigt" in confirmed.content.decode()
    assert mail.outbox[-1].subject.startswith("Ihr Platz ist bestätigt")


def test_form_errors_are_german_next_to_the_fields_and_keep_the_input(client, no_min_fill_time, sending):
    event = EventDateFactory().event

    response = post_registration(
        client, event, sending, email="kim@", organisation="", consent="", notes="Rollstuhlplatz bitte"
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Fehler: " in page
    assert "Bitte geben Sie eine gültige E-Mail-Adresse ein, z. B. name@kommune.de." in page
    assert "Bitte wählen Sie Ihre Kommune oder nennen Sie Ihre Organisation." in page
    assert "Bitte stimmen Sie zu, damit wir Ihre Anmeldung bearbeiten dürfen." in page
    assert 'value="Kim Muster"' in page
    assert "Rollstuhlplatz bitte</textarea>" in page
    assert 'id="id_email_error"' in page and 'aria-describedby="id_email_helptext id_email_error"' in page
    assert " checked>" in page  # the chosen date stays chosen
    assert not Registration.objects.exists()


def test_consent_has_a_short_label_and_the_text_as_its_description(client, no_min_fill_time, sending):
    event = EventDateFactory().event

    page = post_registration(client, event, sending, consent="").content.decode()

    assert '<label class="kern-label" for="id_consent">Einwilligung in die Datenverarbeitung</label>' in page
    assert 'aria-describedby="id_consent_helptext id_consent_error"' in page
    description = re.search(r'<div class="kern-hint" id="id_consent_helptext">(.*?)</div>', page).group(1)
    assert description.startswith("Ich bin einverstanden, dass die KommunalAgentur NRW")
    assert 'href="/datenschutz/"' in description
    assert (
        '<a class="kern-link" href="#id_consent">Einwilligung in die Datenverarbeitung: '
        "Bitte stimmen Sie zu, damit wir Ihre Anmeldung bearbeiten dürfen.</a>"
    ) in page


def test_kommune_and_organisation_are_a_group_with_a_legend(client):
    page = client.get(EventDateFactory().event.get_absolute_url()).content.decode()

    group = re.search(
        r'<fieldset class="kern-fieldset form-field" aria-describedby="id_who_hint">(.*?)</fieldset>', page, re.S
    )
    assert '<legend class="kern-label">Kommune oder andere Organisation</legend>' in group.group(1)
    assert 'id="id_municipality"' in group.group(1) and 'id="id_organisation"' in group.group(1)
    assert "– optional" not in group.group(1)


def test_registering_twice_gives_the_same_answer_and_no_second_seat(client, no_min_fill_time, sending):
    event = EventDateFactory().event
    RegistrationFactory(date=event.dates.get(), email="kim@beispiel-kommune.de")

    response = post_registration(client, event, sending, email="Kim@Beispiel-Kommune.de")

    assert response.status_code == 302
    assert Registration.objects.count() == 1
    assert mail.outbox[0].subject.startswith("Sie sind bereits angemeldet")
    page = client.get(response["Location"]).content.decode()
    assert "vergeben wir keinen zweiten Platz" in page


def test_a_date_that_filled_up_while_the_form_was_open_gives_a_message_at_the_date(client, no_min_fill_time, sending):
    date = EventDateFactory(capacity=1, waitlist_limit=0)
    data = form_data(client, date.event)
    RegistrationFactory(date=date)

    with sending():
        response = client.post(date.event.get_absolute_url(), data)

    page = response.content.decode()
    assert "Für diesen Termin ist keine Anmeldung (mehr) möglich." in page
    assert 'value="Kim Muster"' in page
    assert Registration.objects.count() == 1


def test_full_date_with_waitlist_says_so_and_still_takes_registrations(client):
    date = EventDateFactory(capacity=1, waitlist_limit=3)
    RegistrationFactory(date=date)

    page = client.get(date.event.get_absolute_url()).content.decode()

    assert "Ausgebucht. Sie können sich auf die Warteliste setzen lassen (noch 3 Plätze)" in page
    assert "Ausgebucht: Anmeldung auf die Warteliste." in page


def test_full_date_including_waitlist_and_closed_window_show_no_form(client):
    full = EventDateFactory(capacity=1, waitlist_limit=0)
    RegistrationFactory(date=full)
    closed = EventDateFactory(registration_closes=timezone.now() - datetime.timedelta(hours=1))
    opens = timezone.localtime() + datetime.timedelta(days=3)
    later = EventDateFactory(registration_opens=opens)

    full_page = client.get(full.event.get_absolute_url())
    closed_page = client.get(closed.event.get_absolute_url())
    later_page = client.get(later.event.get_absolute_url())

    assert full_page.context["form"] is None
    assert "Ausgebucht, auch die Warteliste ist voll." in full_page.content.decode()
    assert closed_page.context["form"] is None
    assert "Die Anmeldung ist geschlossen." in closed_page.content.decode()
    assert later_page.context["form"] is None
    assert f"Die Anmeldung beginnt am {opens.day}." in later_page.content.decode()


def test_posting_to_a_closed_date_is_refused_with_a_message(client, no_min_fill_time, sending):
    date = EventDateFactory()
    data = form_data(client, date.event)
    date.registration_closes = timezone.now() - datetime.timedelta(minutes=1)
    date.save()

    with sending():
        response = client.post(date.event.get_absolute_url(), data)

    assert "Für diesen Termin ist keine Anmeldung (mehr) möglich." in response.content.decode()
    assert not Registration.objects.exists()


def test_colleagues_behind_one_gateway_can_register_more_often_than_other_forms_allow(
    client, no_min_fill_time, sending, settings
):
    settings.FORM_RATE_LIMIT = (5, 3600)
    event = EventDateFactory(capacity=50).event

    responses = [post_registration(client, event, sending, email=f"kollegin{n}@kreis-borken.de") for n in range(8)]

    assert [response.status_code for response in responses] == [302] * 8
    assert Registration.objects.count() == 8


def test_too_many_registrations_from_one_address_are_refused(client, no_min_fill_time, sending, settings):
    settings.EVENT_REGISTRATION_RATE_LIMIT = (1, 3600)
    event = EventDateFactory().event
    post_registration(client, event, sending)

    response = post_registration(client, event, sending, email="zweite@beispiel-kommune.de")

    assert response.status_code == 429
    assert "sehr viele Anmeldungen" in response.content.decode()
    assert Registration.objects.count() == 1


# --- The person's own page ---


def test_own_page_shows_the_status_and_cancels_with_a_button(client, sending):
    date = EventDateFactory(capacity=1)
    seat = RegistrationFactory(date=date)
    waiting = RegistrationFactory(date=date, status="waitlisted")
    url = services.manage_url(seat)

    shown = client.get(url)
    with sending():
        cancelled = client.post(url, follow=True)

    assert "Ihr Platz ist bestätigt" in shown.content.decode()
    assert "Anmeldung absagen" in shown.content.decode()
    page = cancelled.content.decode()
    assert "Sie haben sich abgemeldet." in page
    assert "Ihre Anmeldung ist storniert" in page
    waiting.refresh_from_db()
    assert waiting.status == "confirmed"
    moved_up = client.get(services.manage_url(waiting)).content.decode()
    assert "Sie sind von der Warteliste nachgerückt" in moved_up


@pytest.mark.parametrize(
    ("status", "consequence"),
    [
        ("confirmed", "Ihr Platz wird wieder frei, und wer auf der Warteliste als Nächstes dran ist, rückt nach."),
        ("waitlisted", "Ihre Anmeldung wird storniert, und Sie verlassen die Warteliste."),
        ("pending", "Ihre Anmeldung wird storniert."),
    ],
)
def test_own_page_says_what_cancelling_does(client, status, consequence):
    registration = RegistrationFactory(status=status)

    page = client.get(services.manage_url(registration)).content.decode()

    assert f"Dann sagen Sie bitte ab: {consequence}</p>" in page
    assert "gelöscht" not in page


def test_own_page_thanks_for_a_waitlist_place_given_back_without_mentioning_a_seat(client, sending):
    registration = RegistrationFactory(status="waitlisted")
    url = services.manage_url(registration)

    with sending():
        page = client.post(url, follow=True).content.decode()

    assert "Vielen Dank, dass Sie Bescheid gegeben haben." in page
    assert "Ihren Platz freigegeben" not in page


def test_waitlist_places_are_counted_in_good_german(client):
    date = EventDateFactory(capacity=1, waitlist_limit=1)
    RegistrationFactory(date=date)

    page = client.get(date.event.get_absolute_url()).content.decode()

    assert "(noch 1 Platz)" in page


def test_own_page_offers_no_cancellation_once_the_date_has_begun(client, sending):
    now = timezone.now()
    date = EventDateFactory(starts_at=now - datetime.timedelta(minutes=10), ends_at=now + datetime.timedelta(hours=2))
    registration = RegistrationFactory(date=date, checked_in_at=now)
    url = services.manage_url(registration)

    shown = client.get(url).content.decode()
    with sending():
        posted = client.post(url, follow=True).content.decode()

    assert "Anmeldung absagen" not in shown
    assert "Der Termin hat schon begonnen; eine Absage ist nicht mehr möglich." in shown
    assert "Der Termin hat schon begonnen; eine Absage ist nicht mehr möglich." in posted
    registration.refresh_from_db()
    assert (registration.status, registration.checked_in_at) == ("confirmed", now)
    assert mail.outbox == []


def test_personal_pages_are_neither_cached_nor_indexed(client):
    pending = RegistrationFactory(status="pending")
    confirmed = RegistrationFactory()

    responses = [
        client.get(services.confirmation_url(pending)),
        client.get(services.manage_url(confirmed)),
        client.get(services.confirmation_url(confirmed)),  # a redirect to the own page
        client.get("/veranstaltungen/anmeldung/abc:def/"),  # a broken link
    ]

    for response in responses:
        assert set(response["Cache-Control"].split(", ")) >= {"private", "no-store"}
        assert response["X-Robots-Tag"] == "noindex"


def test_forged_or_outdated_links_are_explained(client):
    registration = RegistrationFactory()
    url = services.manage_url(registration)
    Registration.objects.filter(pk=registration.pk).update(secret=uuid.uuid4())

    changed = client.get(url)
    forged = client.get("/veranstaltungen/anmeldung/bestaetigen/abc:def/")

    assert changed.status_code == forged.status_code == 404
    assert "wir tragen Sie sofort aus" in changed.content.decode()
    assert "Bestätigungslinks gelten 7 Tage" in forged.content.decode()


def test_confirmation_page_of_a_confirmed_registration_leads_to_its_own_page(client):
    registration = RegistrationFactory()

    response = client.get(services.confirmation_url(registration))

    assert response.status_code == 302
    assert response["Location"] == services.manage_path(registration)


# --- Calendar files ---


def test_event_calendar_file_and_feed_hold_the_public_dates_only(client):
    online = EventDateFactory(online=True, event__slug="sprechstunde")
    EventDateFactory(event=online.event)
    EventDateFactory(event__status="draft", event__title="Entwurf")
    past_date(event__title="Vergangen")

    event_file = client.get("/veranstaltungen/sprechstunde/kalender.ics")
    feed = client.get("/veranstaltungen/kalender.ics")

    assert event_file["Content-Type"] == "text/calendar; charset=utf-8"
    assert event_file["Content-Disposition"] == 'attachment; filename="sprechstunde.ics"'
    assert len(icalendar.Calendar.from_ical(event_file.content).walk("VEVENT")) == 2
    feed_events = icalendar.Calendar.from_ical(feed.content).walk("VEVENT")
    assert sorted(str(e["SUMMARY"]) for e in feed_events) == sorted(
        [online.event.title, online.event.title, "Vergangen"]
    )
    for body in (event_file.content, feed.content):
        assert b"geheim-42" not in body and b"zoom.example.org" not in body


def test_feed_goes_back_twelve_months(client):
    now = timezone.now()
    for title, days_ago in (("Vor elf Monaten", 335), ("Vor dreizehn Monaten", 395)):
        starts = now - datetime.timedelta(days=days_ago)
        EventDateFactory(event__title=title, starts_at=starts, ends_at=starts + datetime.timedelta(hours=3))
    EventDateFactory(event__title="Kommt noch", starts_at=now + datetime.timedelta(days=400))

    feed = client.get("/veranstaltungen/kalender.ics")

    summaries = sorted(str(e["SUMMARY"]) for e in icalendar.Calendar.from_ical(feed.content).walk("VEVENT"))
    assert summaries == ["Kommt noch", "Vor elf Monaten"]


@pytest.mark.parametrize("count", [1, 3])
def test_feed_runs_a_constant_number_of_queries(client, django_assert_num_queries, count):
    for _ in range(count):
        EventDateFactory()

    with django_assert_num_queries(1):
        client.get("/veranstaltungen/kalender.ics")


def test_navigation_shows_the_events_section(client):
    page = client.get("/").content.decode()

    assert 'href="/veranstaltungen/">Veranstaltungen</a>' in page
    assert Document.objects.count() == 0
