"""A Kommune reports a project through the web; an editor approves it; it appears on the site.

Hostile uploads (a PHP file named .pdf, a decompression-bomb PNG, a 100 MB file) are refused with clear messages,
and every page on the way passes axe-core.
"""

import re

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from projects import services
from projects.models import Project, Submission
from tests.browser.conftest import assert_accessible
from tests.factories import ProjectFactory, SubmissionFactory
from tests.projects.submissions import PHP_AS_PDF, bomb_png, jpeg_bytes, kommune, last_mail_to, link, pdf_bytes

pytestmark = pytest.mark.django_db(transaction=True)

TITLE = "Gemeinsame Atemschutzwerkstatt Westmünsterland"


@pytest.fixture
def editor(django_user_model):
    from django.apps import apps

    from portal.permissions import EDITORIAL_APPS, grant_editor_permissions

    grant_editor_permissions(apps, EDITORIAL_APPS)  # a transactional test database starts without them
    user = django_user_model.objects.create_user("redakteurin", password="ein-langes-passwort-123", is_staff=True)
    user.groups.add(Group.objects.get(name="Redaktion"))
    return user


def heading(page):
    return page.get_by_role("heading", level=1)


def next_step(page):
    page.get_by_role("button", name="Speichern und weiter").click()


def upload(page, field, name, content, mime, *, text_field=None, text=None):
    page.get_by_label(re.compile(f"^{field} –")).set_input_files(
        content if isinstance(content, str) else {"name": name, "mimeType": mime, "buffer": content}
    )
    if text_field:
        page.get_by_label(text_field).fill(text)
    page.get_by_role("button", name="Hochladen").click()


def test_a_kommune_submits_a_project_confirms_by_mail_and_an_editor_approves_it(page, site, settings, editor, tmp_path):
    settings.PUBLIC_BASE_URL = site.url

    # 1: who reports.
    page.goto("/projekte/melden/")
    expect(heading(page)).to_have_text("Absender")
    assert_accessible(page)
    page.get_by_label("Ihr Name").fill("Jan Muster")
    page.get_by_label("Ihre E-Mail-Adresse").fill("jan.muster@heiden.de")
    page.get_by_label("Ihre Kommune").select_option(label="Heiden")
    page.get_by_label("Ihre Funktion").fill("Leiter der Feuerwehr")
    next_step(page)

    # 2: the project; a missing Themenfeld is announced and the input kept.
    expect(heading(page)).to_have_text("Projekt")
    assert_accessible(page)
    page.get_by_label("Titel des Projekts").fill(TITLE)
    page.get_by_label("Kurzbeschreibung").fill(
        "Die Feuerwehren von Heiden, Reken und Velen warten ihre Geräte gemeinsam."
    )
    page.get_by_label("Form der Zusammenarbeit").select_option(label="Öffentlich-rechtliche Vereinbarung")
    page.get_by_label("Stand des Projekts").select_option(label="In Umsetzung")
    page.get_by_label("Beginn").fill("03.2024")
    next_step(page)
    expect(page.locator("#form-errors")).to_be_focused()
    expect(page.get_by_text("Bitte wählen Sie mindestens ein Themenfeld.").first).to_be_visible()
    expect(page.get_by_label("Titel des Projekts")).to_have_value(TITLE)
    assert_accessible(page)
    page.get_by_label("Feuerwehr & Katastrophenschutz").check()
    next_step(page)

    # 3: the Kommunen: results while typing (JavaScript), and by the button (as without it).
    expect(heading(page)).to_have_text("Beteiligte Kommunen")
    page.get_by_label("Hauptverantwortliche Kommune").select_option(label="Heiden")
    page.get_by_label("Name der Kommune").fill("Rek")
    expect(page.get_by_role("group", name="Weitere beteiligte Kommunen").get_by_role("status")).to_have_text(
        "1 Kommune gefunden für „Rek“."
    )
    page.get_by_role("checkbox", name=re.compile(r"^Reken")).check()
    expect(page.get_by_role("list", name="Gewählt").get_by_role("checkbox", name=re.compile(r"^Reken"))).to_be_checked()
    assert_accessible(page)
    page.get_by_label("Name der Kommune").fill("Velen")
    page.get_by_role("button", name="Kommune suchen").click()
    expect(page.get_by_role("checkbox", name=re.compile(r"^Reken"))).to_be_checked()
    page.get_by_role("list", name="Gefundene Kommunen").get_by_role("checkbox", name=re.compile(r"^Velen")).check()
    assert_accessible(page)
    next_step(page)

    # 4: the texts; the contact is filled in with the sender.
    expect(heading(page)).to_have_text("Inhalte und Kontakt")
    expect(page.get_by_label("Name der Ansprechperson")).to_have_value("Jan Muster")
    page.get_by_label("Anlass").fill("Jede Wehr wartete ihre Atemschutzgeräte selbst.\n\nDas war teuer.")
    page.get_by_label("Ziel").fill("Eine Werkstatt für drei Feuerwehren.")
    page.get_by_label("Kontaktdaten veröffentlichen").check()
    assert_accessible(page)
    next_step(page)

    # 5: files. Hostile ones are refused, each with a message next to its field.
    expect(heading(page)).to_have_text("Dateien")
    assert_accessible(page)
    upload(
        page, "Dokument", "vereinbarung.pdf", PHP_AS_PDF, "application/pdf", text_field="Titel des Dokuments", text="X"
    )
    expect(page.locator("#id_document_error")).to_contain_text(
        "Diese Datei ist kein Dokument, das wir annehmen können."
    )
    expect(page.get_by_label("Titel des Dokuments")).to_have_value("X")
    assert_accessible(page)
    upload(
        page, "Bild", "karte.png", bomb_png(), "image/png", text_field="Was ist auf dem Bild zu sehen?", text="Karte"
    )
    expect(page.locator("#id_image_error")).to_contain_text("Das Bild hat viel zu viele Pixel")
    huge = tmp_path / "Haushaltsplan 2024.pdf"
    with open(huge, "wb") as file:
        file.write(pdf_bytes())
        file.truncate(100 * 1024 * 1024)
    upload(page, "Dokument", None, str(huge), None, text_field="Titel des Dokuments", text="Haushaltsplan")
    expect(page.locator("#id_document_error")).to_contain_text("Die Datei „Haushaltsplan 2024.pdf“ ist zu groß")
    expect(page.locator("#id_document_error")).to_contain_text("Erlaubt sind höchstens 25,0\xa0MB.")
    assert_accessible(page)
    assert not Submission.objects.get().files.exists()

    page.get_by_label(re.compile("^Dokument –")).set_input_files(
        {"name": "Vereinbarung.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()}
    )
    page.get_by_label("Titel des Dokuments").fill("Öffentlich-rechtliche Vereinbarung Atemschutzwerkstatt")
    page.get_by_label("Art des Dokuments").select_option(label="Öffentlich-rechtliche Vereinbarung")
    page.get_by_label(re.compile("^Bild –")).set_input_files(
        {"name": "werkstatt.jpg", "mimeType": "image/jpeg", "buffer": jpeg_bytes()}
    )
    page.get_by_label("Was ist auf dem Bild zu sehen?").fill("Ein Prüfstand für Atemschutzgeräte in der Werkstatt")
    page.get_by_role("button", name="Hochladen").click()
    uploaded = page.get_by_role("region", name="Hochgeladen")
    expect(uploaded).to_contain_text("Öffentlich-rechtliche Vereinbarung Atemschutzwerkstatt")
    expect(uploaded).to_contain_text("Ein Prüfstand für Atemschutzgeräte in der Werkstatt")
    assert_accessible(page)
    page.get_by_role("button", name="Weiter zur Prüfung").click()

    # 6: check and send.
    expect(heading(page)).to_have_text("Prüfen und absenden")
    expect(page.get_by_text("Heiden", exact=True)).to_be_visible()
    expect(page.get_by_text("Reken, Velen")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Einwilligung und Rechte an den Dateien").check()
    page.get_by_role("button", name="Meldung absenden").click()
    expect(heading(page)).to_have_text("Fast geschafft: Bitte bestätigen Sie Ihre E-Mail-Adresse")
    assert_accessible(page)

    # The link in the mail, then a button (mail scanners open links on their own).
    page.goto(link(last_mail_to("jan.muster@heiden.de"), "/projekte/melden/bestaetigen/"))
    expect(heading(page)).to_have_text("E-Mail-Adresse bestätigen")
    assert_accessible(page)
    page.get_by_role("button", name="Meldung bestätigen").click()
    expect(heading(page)).to_have_text("Vielen Dank: Ihre Meldung ist bei der Redaktion")
    assert_accessible(page)
    assert last_mail_to("jan.muster@heiden.de").subject == f"Eingangsbestätigung: {TITLE}"

    # The editor finds it in the queue and approves it.
    page.goto("/admin/")
    page.get_by_label("Benutzername").fill("redakteurin")
    page.get_by_label("Passwort").fill("ein-langes-passwort-123")
    page.get_by_role("button", name="Anmelden").click()
    page.get_by_role("link", name="Meldungen", exact=True).click()
    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", name="Neues Projekt: die Angaben der Meldung")).to_be_visible()
    page.get_by_role("link", name="Übernehmen …").click()
    page.get_by_role("button", name="Übernehmen").click()
    expect(page.locator(".messagelist")).to_contain_text(f"Übernommen: „{TITLE}“.")
    assert last_mail_to("jan.muster@heiden.de").subject == f"Ihr Projekt ist online: {TITLE}"

    # On the site: the project with its picture and document, and on the pages of its Kommunen.
    page.goto("/projekte/")
    page.get_by_role("link", name=TITLE).click()
    expect(heading(page)).to_have_text(TITLE)
    expect(page.get_by_role("img", name="Ein Prüfstand für Atemschutzgeräte in der Werkstatt")).to_be_visible()
    expect(
        page.get_by_role("link", name="Öffentlich-rechtliche Vereinbarung Atemschutzwerkstatt", exact=True)
    ).to_be_visible()
    expect(page.get_by_role("link", name="Änderung melden")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("table").get_by_role("link", name="Velen").click()
    expect(heading(page)).to_have_text("Velen")
    page.get_by_role("link", name=TITLE).click()
    expect(heading(page)).to_have_text(TITLE)
    assert Project.objects.get(title=TITLE).is_published


def test_choosing_kommunen_works_without_the_script(page):
    # The page's script answers empty, as if JavaScript were off (axe needs the browser's JavaScript itself).
    page.route("**/js/municipality-picker.js", lambda route: route.fulfill(body="", content_type="text/javascript"))
    submission = SubmissionFactory(state="draft", step=3, lead_municipality=kommune("heiden"))

    page.goto(services.draft_path(submission, 3))
    page.get_by_label("Name der Kommune").fill("Heili")
    expect(page.get_by_role("group", name="Weitere beteiligte Kommunen").get_by_role("status")).to_have_text("")
    page.get_by_role("button", name="Kommune suchen").click()
    expect(page.get_by_role("group", name="Weitere beteiligte Kommunen").get_by_role("status")).to_have_text(
        "1 Kommune gefunden für „Heili“."
    )
    page.get_by_role("checkbox", name=re.compile(r"^Heiligenhaus")).check()
    assert_accessible(page)
    page.get_by_role("button", name="Speichern und weiter").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Inhalte und Kontakt")
    assert list(submission.municipalities.values_list("slug", flat=True)) == ["heiligenhaus"]


def test_the_contact_reports_a_change_by_a_single_use_link(page, site, settings):
    settings.PUBLIC_BASE_URL = site.url
    project = ProjectFactory(
        title="Gemeinsamer Bauhof Heek",
        slug="bauhof-heek",
        participants__lead=kommune("heek"),
        participants__partners=[kommune("schoeppingen")],
        participants__topics=["bauen-und-planen"],
        contact_name="Petra Beispiel",
        contact_email="petra@heek.de",
    )

    page.goto(project.get_absolute_url())
    page.get_by_role("link", name="Änderung melden").click()
    expect(heading(page)).to_have_text("Änderung melden")
    assert_accessible(page)
    page.get_by_label("Ihre E-Mail-Adresse").fill("petra@heek.de")
    page.get_by_role("button", name="Link anfordern").click()
    expect(heading(page)).to_have_text("Bitte sehen Sie in Ihr Postfach")
    assert_accessible(page)

    change_url = link(last_mail_to("petra@heek.de"), "/projekte/melden/aenderung/")
    page.goto(change_url)
    expect(heading(page)).to_have_text("Gemeinsamer Bauhof Heek")
    assert_accessible(page)
    page.get_by_role("button", name="Formular öffnen").click()
    expect(page.get_by_label("Ihr Name")).to_have_value("Petra Beispiel")
    page.get_by_label("Ihre Funktion").fill("Bauamtsleiterin")
    next_step(page)
    page.get_by_label("Stand des Projekts").select_option(label="Abgeschlossen")
    page.get_by_role("navigation", name="Schritte der Meldung").get_by_role("link", name="Prüfen und absenden").click()
    expect(heading(page)).to_have_text("Prüfen und absenden")
    expect(page.get_by_role("region", name="Ihre Änderungen")).to_contain_text("In Umsetzung")
    expect(page.get_by_role("region", name="Ihre Änderungen")).to_contain_text("Abgeschlossen")
    assert_accessible(page)
    page.get_by_label("Einwilligung und Rechte an den Dateien").check()
    page.get_by_role("button", name="Änderung absenden").click()
    expect(heading(page)).to_have_text("Vielen Dank: Ihre Meldung ist bei der Redaktion")
    assert_accessible(page)

    # The link is used up; this browser, which used it, is led to where the change stands.
    page.goto(change_url)
    expect(heading(page)).to_have_text("Vielen Dank: Ihre Meldung ist bei der Redaktion")
    assert Submission.objects.get().state == "pending"
    other = page.context.browser.new_context(base_url=page.url.split("/projekte/")[0])
    elsewhere = other.new_page()
    elsewhere.goto(change_url)
    expect(elsewhere.get_by_role("alert")).to_contain_text("Dieser Link wurde schon benutzt.")
    assert_accessible(elsewhere)
    other.close()


def test_typing_survives_a_reload_until_it_is_saved(page):
    submission = SubmissionFactory(
        state="draft",
        step=6,
        lead_municipality=kommune("heiden"),
        municipalities=[kommune("reken")],
        topics=["bauen-und-planen"],
        occasion="Gespeichert.",
        goal="Ziel gespeichert.",
    )
    occasion = "Jede Wehr wartete ihre Geräte selbst.\n\nDas war teuer und langsam."

    page.goto(services.draft_path(submission, 4))
    page.get_by_label("Anlass").fill(occasion)
    page.get_by_label("Ziel").fill("Getippt, aber woanders inzwischen gespeichert.")
    Submission.objects.filter(pk=submission.pk).update(goal="In einem anderen Tab gespeichert.")
    page.reload()

    expect(page.get_by_label("Anlass")).to_have_value(occasion)
    # What the server has now, from another tab, counts more than what was typed here before.
    expect(page.get_by_label("Ziel")).to_have_value("In einem anderen Tab gespeichert.")
    expect(page.get_by_role("status").filter(has_text="wiederhergestellt")).to_be_visible()
    assert_accessible(page)
    next_step(page)
    expect(heading(page)).to_have_text("Dateien")
    submission.refresh_from_db()
    assert submission.occasion.replace("\r\n", "\n") == occasion

    page.goto(services.draft_path(submission, 4))
    expect(page.get_by_label("Anlass")).to_have_value(occasion)
    expect(page.get_by_role("status").filter(has_text="wiederhergestellt")).to_have_count(0)
    assert page.evaluate("Object.keys(sessionStorage)") == []
