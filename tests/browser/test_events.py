import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from events.models import Registration
from tests.browser.conftest import assert_accessible
from tests.factories import EventDateFactory

pytestmark = pytest.mark.django_db(transaction=True)

CONFIRM = r"/veranstaltungen/anmeldung/bestaetigen/"
OWN_PAGE = r"/veranstaltungen/anmeldung/(?!bestaetigen/)"


def link_in_last_mail_to(address, path):
    message = [m for m in mail.outbox if m.to == [address]][-1]
    return re.search(rf"http://\S+{path}\S+/", message.body).group(0)


def register(page, *, name, email, kommune):
    page.get_by_label("Ihr Name").fill(name)
    page.get_by_label("Ihre E-Mail-Adresse").fill(email)
    page.get_by_label("Ihre Kommune").select_option(label=kommune)
    page.get_by_label("Ihre Funktion").fill("Kämmerin")
    page.get_by_label("Einwilligung in die Datenverarbeitung").check()
    page.get_by_role("button", name="Anmeldung absenden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Fast geschafft: bitte bestätigen Sie Ihre Anmeldung")


def confirm_from_the_mail(page, email):
    page.goto(link_in_last_mail_to(email, CONFIRM))
    expect(page.get_by_role("heading", level=1)).to_have_text("Anmeldung bestätigen")
    assert_accessible(page)
    page.get_by_role("button", name="Anmeldung bestätigen").click()


def test_register_confirm_fill_the_date_wait_cancel_and_the_waitlist_moves_up(page, site, settings):
    settings.PUBLIC_BASE_URL = site.url
    date = EventDateFactory(
        event__title="Seminar: Die öffentlich-rechtliche Vereinbarung",
        event__slug="seminar-vereinbarung",
        capacity=1,
        waitlist_limit=3,
        online=True,
    )

    page.goto("/")
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name="Veranstaltungen").click()
    expect(page.get_by_role("heading", name="1 kommende Veranstaltung")).to_be_visible()
    expect(page.get_by_text("noch 1 von 1 Platz frei")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Seminar: Die öffentlich-rechtliche Vereinbarung").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Seminar: Die öffentlich-rechtliche Vereinbarung")
    expect(page.get_by_text("Noch 1 von 1 Platz frei")).to_be_visible()
    expect(page.get_by_text("geheim-42")).to_have_count(0)
    assert_accessible(page)

    # Kim forgets the consent: the error is announced and the input kept.
    page.get_by_label("Ihr Name").fill("Kim Muster")
    page.get_by_label("Ihre E-Mail-Adresse").fill("kim@beispiel-kommune.de")
    page.get_by_role("button", name="Anmeldung absenden").click()
    expect(page).to_have_title(re.compile("^Fehler: Seminar"))
    expect(page.locator("#form-errors")).to_be_focused()
    expect(page.get_by_label("Ihr Name")).to_have_value("Kim Muster")
    expect(page.get_by_text("Bitte stimmen Sie zu, damit wir Ihre Anmeldung bearbeiten dürfen.").first).to_be_visible()
    assert_accessible(page)

    register(page, name="Kim Muster", email="kim@beispiel-kommune.de", kommune="Ahaus")
    assert_accessible(page)
    assert Registration.objects.get().status == "pending"

    # Kim confirms by the link from the mail and gets the only seat, with the dial-in data by mail.
    confirm_from_the_mail(page, "kim@beispiel-kommune.de")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ihr Platz ist bestätigt")
    assert_accessible(page)
    assert "Kenncode: geheim-42" in mail.outbox[-1].body
    assert mail.outbox[-1].attachments[0][0] == "termin.ics"

    # The date is full; Ali lands on the waitlist.
    page.goto(date.event.get_absolute_url())
    expect(page.get_by_text(re.compile("Ausgebucht. Sie können sich auf die Warteliste"))).to_be_visible()
    assert_accessible(page)
    register(page, name="Ali Beispiel", email="ali@beispiel-kommune.de", kommune="Heiden")
    confirm_from_the_mail(page, "ali@beispiel-kommune.de")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sie stehen auf der Warteliste")
    assert_accessible(page)

    # Kim cancels from the link in her mail; Ali moves up and is told.
    page.goto(link_in_last_mail_to("kim@beispiel-kommune.de", OWN_PAGE))
    assert_accessible(page)
    page.get_by_role("button", name="Anmeldung absagen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ihre Anmeldung ist storniert")
    expect(page.get_by_text("Sie haben sich abgemeldet. Wir haben Ihnen eine Bestätigung geschickt.")).to_be_visible()
    assert_accessible(page)

    moved_up = [m for m in mail.outbox if m.to == ["ali@beispiel-kommune.de"]][-1]
    assert moved_up.subject.startswith("Sie sind nachgerückt")
    page.goto(link_in_last_mail_to("ali@beispiel-kommune.de", OWN_PAGE))
    expect(page.get_by_role("heading", level=1)).to_have_text("Ihr Platz ist bestätigt")
    expect(page.get_by_text(re.compile("Sie sind von der Warteliste nachgerückt"))).to_be_visible()
    assert_accessible(page)
    assert dict(Registration.objects.values_list("email", "status")) == {
        "kim@beispiel-kommune.de": "cancelled",
        "ali@beispiel-kommune.de": "confirmed",
    }


def test_archive_with_documentation_and_an_empty_upcoming_list(page, site):
    page.goto("/veranstaltungen/")
    expect(page.get_by_text("Gerade ist keine Veranstaltung geplant.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Vergangene Veranstaltungen mit Dokumentation").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Archiv der Veranstaltungen")
    assert_accessible(page)
