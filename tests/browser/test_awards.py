import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from awards.models import Entry
from portal.models import Municipality
from tests.browser.conftest import assert_accessible
from tests.factories import CategoryFactory, EntryFactory, ProjectFactory, RoundFactory

pytestmark = pytest.mark.django_db(transaction=True)

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def link_in_last_mail_to(address, path):
    message = [m for m in mail.outbox if m.to == [address]][-1]
    return re.search(rf"http://\S+{path}\S+/", message.body).group(0)


@pytest.fixture
def open_round():
    round_ = RoundFactory(
        year=2027,
        entries_close_at=timezone.now() + datetime.timedelta(days=40),
        excluded_organisation_kinds=["sparkasse"],
    )
    CategoryFactory(round=round_, name="Kommunale Pflichtaufgaben & Innere Verwaltung", position=1)
    CategoryFactory(round=round_, name="Umwelt, Planung & Infrastruktur", position=2)
    return round_


def test_enter_save_a_draft_resume_it_from_the_mail_and_submit(page, site, settings, open_round):
    settings.PUBLIC_BASE_URL = site.url

    page.goto("/")
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name="Landespreis").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Landespreis für innovative interkommunale Zusammenarbeit 2027"
    )
    expect(page.locator("[data-deadline]")).to_have_text(re.compile(r"^noch (39|40) Tage"))
    assert_accessible(page)

    page.get_by_role("link", name="Jetzt bewerben").click()
    expect(page.get_by_role("heading", name="Bewerbung", exact=True)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Neue Bewerbung beginnen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Bewerbung um den Landespreis für innovative interkommunale Zusammenarbeit 2027"
    )
    assert_accessible(page)

    # A first draft: the title and an address are enough.
    page.get_by_label("Titel des Projekts").fill("Gemeinsames Standesamt Borken-Heiden")
    page.get_by_label("E-Mail-Adresse").fill("kim.muster@borken.de")
    page.get_by_role("button", name="Entwurf speichern").click()
    expect(
        page.get_by_text(re.compile("Ihr Entwurf ist gespeichert. Den Link, mit dem Sie weiterarbeiten"))
    ).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ihr Entwurf: Gemeinsames Standesamt Borken-Heiden")
    assert_accessible(page)
    assert Entry.objects.get().state == "draft"

    # Later, from the link in the mail: submitting without everything says what is missing, at the fields.
    page.context.clear_cookies()
    page.goto(link_in_last_mail_to("kim.muster@borken.de", "/landespreis/2027/bewerbung/"))
    expect(page.get_by_label("Titel des Projekts")).to_have_value("Gemeinsames Standesamt Borken-Heiden")
    assert_accessible(page)
    page.get_by_role("button", name="Bewerbung einreichen").click()
    expect(page).to_have_title(re.compile("^Fehler: "))
    expect(page.locator("#form-errors")).to_be_focused()
    expect(page.locator("#id_category_error")).to_have_text("Zum Einreichen brauchen wir noch: Kategorie.")
    expect(page.get_by_text("Ihre Angaben sind als Entwurf gespeichert, aber noch nicht eingereicht.")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Kategorie", exact=True).select_option(label="Kommunale Pflichtaufgaben & Innere Verwaltung")
    page.get_by_label("Kurzbeschreibung", exact=True).fill("Zwei Städte führen ihr Standesamt gemeinsam.")
    page.get_by_label("Projektbeginn oder Vertragsdatum", exact=True).fill("2019-03-01")
    page.get_by_label("Form der Zusammenarbeit", exact=True).select_option(label="Öffentlich-rechtliche Vereinbarung")
    page.get_by_label("Federführende Kommune", exact=True).select_option(label="Borken")
    # The partner Kommunen: found while typing (the lead is not offered), ticked with the keyboard.
    search = page.get_by_label("Name der Kommune")
    search.press_sequentially("Bork")
    expect(page.get_by_role("status").filter(has_text="gefunden für „Bork“")).to_be_visible()
    expect(page.locator("[data-found]").get_by_role("checkbox", name=re.compile("^Borken "))).to_have_count(0)
    search.fill("")
    search.press_sequentially("Heide")
    heiden = page.locator("[data-found]").get_by_role("checkbox", name=re.compile("^Heiden "))
    heiden.focus()
    page.keyboard.press("Space")
    expect(page.locator("[data-chosen]").get_by_role("checkbox", name=re.compile("^Heiden "))).to_be_checked()
    expect(page.get_by_role("status").filter(has_text="Heiden ist gewählt.")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Fachbereich", exact=True).fill("Bürgerdienste")
    page.get_by_label("Ansprechperson", exact=True).fill("Kim Muster")
    page.get_by_label("Telefon", exact=True).fill("02861 123456")
    for label, value in [
        ("Anlass", "Beide Standesämter waren zu klein für Vertretungen."),
        ("Ziel", "Verlässliche Öffnungszeiten in beiden Städten."),
        ("Umsetzung", "Eine öffentlich-rechtliche Vereinbarung seit 2019."),
        ("Gewinn der Kooperation", "Weniger Schließtage, eine Fachsoftware."),
        ("Innovation", "Ein Terminkalender für zwei Rathäuser."),
        ("Nachhaltigkeit und Übertragbarkeit", "Weitere Städte können sich anschließen."),
    ]:
        page.get_by_label(label, exact=True).fill(value)
    page.get_by_label("Anhänge hinzufügen").set_input_files(
        files=[{"name": "Ratsbeschluss.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}]
    )
    page.get_by_label("Einwilligung in die Datenverarbeitung").check()
    page.get_by_role("button", name="Bewerbung einreichen").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Ihre Bewerbung ist eingereicht")
    expect(page.get_by_role("link", name="ratsbeschluss.pdf")).to_be_visible()
    assert_accessible(page)
    entry = Entry.objects.get()
    assert (entry.state, entry.lead_municipality.slug, [p.slug for p in entry.partners.all()]) == (
        "submitted",
        "borken",
        ["heiden"],
    )
    confirmation = [m for m in mail.outbox if m.to == ["kim.muster@borken.de"]][-1]
    assert confirmation.subject.startswith("Eingangsbestätigung")
    assert "Ziel: Verlässliche Öffnungszeiten in beiden Städten." in confirmation.body
    assert "- ratsbeschluss.pdf" in confirmation.body
    assert any(m.subject.startswith("Neue Bewerbung zum Landespreis") for m in mail.outbox)

    # The link now shows the entry as submitted, without a form.
    page.goto(link_in_last_mail_to("kim.muster@borken.de", "/landespreis/2027/bewerbung/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Ihre Bewerbung ist eingereicht")
    expect(page.get_by_role("button", name="Bewerbung einreichen")).to_have_count(0)


def test_round_pages_winners_archive_and_the_prize_on_project_and_kommune_pages(page, site, open_round):
    decided = RoundFactory(
        year=2022,
        state="decided",
        is_demo=True,
        entries_open_at=datetime.datetime(2021, 12, 22, 23, tzinfo=datetime.UTC),
        entries_close_at=datetime.datetime(2022, 2, 11, 22, 59, 59, tzinfo=datetime.UTC),
    )
    category = CategoryFactory(round=decided, name="Kommunale Pflichtaufgaben & Innere Verwaltung")
    borken, heiden = Municipality.objects.get(slug="borken"), Municipality.objects.get(slug="heiden")
    project = ProjectFactory(
        title="Finanzzentrum Borken-Heiden",
        slug="finanzzentrum",
        participants__lead=borken,
        participants__partners=[heiden],
    )
    EntryFactory(
        round=decided,
        category=category,
        project=project,
        title="Finanzzentrum Borken-Heiden",
        is_winner=True,
        lead_municipality=borken,
        partners=[heiden],
    )

    page.goto("/landespreis/2027/")
    for name in ["Teilnahmebedingungen", "Preise", "Häufige Fragen", "Preisträger"]:
        page.get_by_role("navigation", name="Landespreis 2027").get_by_role("link", name=name, exact=True).click()
        expect(page.get_by_role("heading", level=2, name=re.compile(name)).first).to_be_visible()
        assert_accessible(page)
    expect(page.get_by_text("Die Preisträger stehen noch nicht fest.")).to_be_visible()

    page.get_by_role("link", name="Frühere Runden und ihre Preisträger").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Archiv des Landespreises")
    assert_accessible(page)
    page.get_by_role("link", name="Alle Preisträger 2022").click()
    expect(page.get_by_text(re.compile("^Beispieldaten: Die Preisträger"))).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Finanzzentrum Borken-Heiden").click()
    expect(page.get_by_role("link", name="Landespreisträger 2022 (Demo-Daten)")).to_be_visible()
    assert_accessible(page)
    page.goto("/kommunen/heiden/")
    expect(page.get_by_role("heading", name="Landespreis")).to_be_visible()
    assert_accessible(page)

    page.goto("/landespreis/2027/bewerbung/link/")
    assert_accessible(page)


def test_partner_kommunen_are_searched_and_ticked_without_javascript(browser, site, settings, open_round):
    settings.PUBLIC_BASE_URL = site.url
    context = browser.new_context(base_url=site.url, locale="de-DE", java_script_enabled=False)
    page = context.new_page()
    page.goto("/landespreis/2027/bewerbung/formular/")
    page.get_by_label("Titel des Projekts").fill("Gemeinsamer Bauhof")
    page.get_by_label("E-Mail-Adresse").fill("bauhof@heiden.de")

    # "Kommune suchen" saves the draft and shows what it found, as checkboxes.
    page.get_by_label("Name der Kommune").fill("Heiden")
    page.get_by_role("button", name="Kommune suchen").click()
    expect(page.get_by_text(re.compile("^Ihr Entwurf ist gespeichert."))).to_be_visible()
    expect(page.get_by_text("1 Kommune gefunden für „Heiden“.")).to_be_visible()
    page.get_by_role("checkbox", name="Heiden Gemeinde im Kreis Borken").check()
    page.get_by_label("Name der Kommune").fill("Reken")
    page.get_by_role("button", name="Kommune suchen").click()
    expect(page.get_by_role("checkbox", name="Heiden Gemeinde im Kreis Borken")).to_be_checked()
    page.get_by_role("checkbox", name="Reken Gemeinde im Kreis Borken").check()
    page.get_by_role("button", name="Entwurf speichern").click()

    expect(page.get_by_text("Ihr Entwurf ist gespeichert.")).to_be_visible()
    expect(page.get_by_role("checkbox", name="Reken Gemeinde im Kreis Borken")).to_be_checked()
    assert sorted(p.slug for p in Entry.objects.get().partners.all()) == ["heiden", "reken"]

    # Unticking removes a Kommune with the next save.
    page.get_by_role("checkbox", name="Heiden Gemeinde im Kreis Borken").uncheck()
    page.get_by_role("button", name="Entwurf speichern").click()
    expect(page.get_by_role("checkbox", name="Heiden Gemeinde im Kreis Borken")).to_have_count(0)
    assert [p.slug for p in Entry.objects.get().partners.all()] == ["reken"]
    context.close()

    # The same page with JavaScript on (axe needs it) has no violations either.
    checked = browser.new_context(base_url=site.url, locale="de-DE")
    checked_page = checked.new_page()
    checked_page.goto(link_in_last_mail_to("bauhof@heiden.de", "/landespreis/2027/bewerbung/") + "?kommune=Heiden")
    expect(checked_page.get_by_role("checkbox", name="Heiden Gemeinde im Kreis Borken")).not_to_be_checked()
    assert_accessible(checked_page)
    checked.close()
