"""The applicant's way: the form, drafts, the link in the mail, attachments, submitting and what is mailed."""

import datetime
import io
import os
import re
import time
from unittest import mock

import pytest
from django.core import mail, signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from awards import services
from awards.models import Entry
from tests.awards.conftest import kommune, link
from tests.factories import EntryAttachmentFactory, EntryFactory, ProjectFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_min_fill_time")]

NEW = "/landespreis/2027/bewerbung/formular/"
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def stamp() -> str:
    return signing.dumps(time.time(), salt="portal.spam.rendered-at")


def entry_data(round_, **overrides) -> dict:
    data = {
        "title": "Gemeinsames Standesamt Borken-Heiden",
        "category": round_.categories.first().pk,
        "short_description": "Zwei Städte führen ihr Standesamt gemeinsam.",
        "project_start": "2019-03-01",
        "cooperation_form": "vereinbarung",
        "lead_municipality": kommune("borken").pk,
        "partners": [kommune("heiden").pk],
        "other_partners": "",
        "organisation_kind": "kommune",
        "organisation_name": "Stadt Borken",
        "department": "Bürgerdienste",
        "contact_name": "Kim Muster",
        "email": "Kim.Muster@Borken.de",
        "phone": "02861 123456",
        "occasion": "Beide Standesämter waren zu klein für Vertretungen.",
        "goal": "Verlässliche Öffnungszeiten.",
        "implementation": "Eine öffentlich-rechtliche Vereinbarung.",
        "benefit": "Weniger Schließtage.",
        "innovation": "Ein Kalender für zwei Rathäuser.",
        "sustainability": "Weitere Städte können sich anschließen.",
        "consent": "on",
        "action": "submit",
        "rendered_at": stamp(),
        "website": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def entry_of(url: str) -> Entry | None:
    """The entry a personal link (signed, with its time) leads to."""
    token = re.search(r"/landespreis/2027/bewerbung/([^/]+)/$", url).group(1)
    return services.entry_from_token(token, year=2027)


def pdf(name="konzept.pdf", content=PDF_BYTES):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def png(name="foto.png"):
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "#1d3f8c").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def save_draft(client, sending, round_, **overrides):
    with sending():
        return client.post(NEW, entry_data(round_, action="draft", **overrides))


# --- Drafts and the link in the mail ----------------------------------------------------------------------


def test_a_draft_needs_only_title_and_email(client, sending, open_round):
    response = save_draft(client, sending, open_round, category="", lead_municipality="", partners=[], goal="")

    entry = Entry.objects.get()
    assert (entry.state, entry.title, entry.email, entry.goal) == (
        "draft",
        "Gemeinsames Standesamt Borken-Heiden",
        "kim.muster@borken.de",
        "",
    )
    assert response.status_code == 302
    assert entry_of(response["Location"]) == entry


def test_without_title_and_email_nothing_is_saved(client, sending, open_round):
    response = save_draft(client, sending, open_round, title="", email="")

    html = response.content.decode()
    assert "Bitte geben Sie den Titel des Projekts ein; ohne ihn können wir nichts speichern." in html
    assert "Bitte geben Sie Ihre E-Mail-Adresse ein: Dorthin schicken wir den Link zu Ihrem Entwurf." in html
    assert Entry.objects.count() == 0


def test_saving_a_draft_mails_the_link_that_resumes_it(client, sending, open_round):
    save_draft(client, sending, open_round, goal="Erst einmal ein Anfang.")

    message = mail.outbox[-1]
    assert message.to == ["kim.muster@borken.de"]
    assert message.subject == (
        "Ihr Entwurf für den Landespreis für innovative interkommunale Zusammenarbeit 2027: Link zum Weiterarbeiten"
    )
    resume = link(message, "/landespreis/2027/bewerbung/")
    assert "Der Link gilt 30 Tage ab dieser E-Mail. Einreichen können Sie bis zum Bewerbungsschluss am" in message.body

    client.cookies.clear()
    page = client.get(resume)
    html = page.content.decode()
    assert "Ihr Entwurf: Gemeinsames Standesamt Borken-Heiden" in html
    assert "Erst einmal ein Anfang." in html
    assert page["Cache-Control"] == "private, no-store"
    assert page["X-Robots-Tag"] == "noindex"


def test_a_resumed_draft_is_changed_not_copied(client, sending, open_round):
    save_draft(client, sending, open_round)
    entry = Entry.objects.get()

    with sending():
        client.post(services.entry_path(entry), entry_data(open_round, action="draft", goal="Jetzt mit Ziel."))

    entry.refresh_from_db()
    assert (Entry.objects.count(), entry.goal) == (1, "Jetzt mit Ziel.")


def test_an_older_tab_does_not_overwrite_what_another_tab_saved(client, sending, open_round):
    entry = EntryFactory(round=open_round, state="draft", goal="Alt")
    url = services.entry_path(entry)
    version = client.get(url).context["form"]["version"].value()  # both tabs show this state

    client.post(url, entry_data(open_round, action="draft", goal="Aus Tab B", version=version))
    refused = client.post(url, entry_data(open_round, action="draft", goal="Aus Tab A", version=version))

    entry.refresh_from_db()
    assert entry.goal == "Aus Tab B"
    html = refused.content.decode()
    assert (
        "Diese Bewerbung wurde inzwischen an anderer Stelle gespeichert, zum Beispiel in einem anderen Fenster." in html
    )
    assert "Aus Tab A" in html  # the input is kept
    newer = refused.context["form"]["version"].value()
    assert newer == entry.updated_at.isoformat() != version

    client.post(url, entry_data(open_round, action="draft", goal="Aus Tab A", version=newer))
    entry.refresh_from_db()
    assert entry.goal == "Aus Tab A"


def test_a_link_with_another_secret_or_an_old_link_shows_no_entry(client, open_round):
    entry = EntryFactory(round=open_round, state="draft")
    forged = signing.dumps([entry.pk, "00000000-0000-4000-8000-000000000000"], salt="awards.entry")
    with mock.patch("django.core.signing.time.time", return_value=time.time() - 31 * 86400):
        expired = services.entry_token(entry)

    for token in (forged, expired, "kaputt"):
        response = client.get(f"/landespreis/2027/bewerbung/{token}/")
        assert response.status_code == 404
        assert "Dieser Link gilt nicht (mehr)" in response.content.decode()


def test_opening_a_link_does_not_renew_it(client, sending, open_round):
    entry = EntryFactory(round=open_round, state="draft")
    EntryAttachmentFactory(entry=entry)
    with mock.patch("django.core.signing.time.time", return_value=time.time() - 29 * 86400):
        token = services.entry_token(entry)  # mailed 29 days ago
    url = f"/landespreis/2027/bewerbung/{token}/"

    html = client.get(url).content.decode()
    with sending():
        saved = client.post(url, entry_data(open_round, action="draft"))

    tokens = set(re.findall(r"/landespreis/2027/bewerbung/([^/?\"]+)/", html + saved["Location"]))
    assert tokens == {token}
    with mock.patch("django.core.signing.time.time", return_value=time.time() + 2 * 86400):
        assert "Dieser Link gilt nicht (mehr)" in client.get(url).content.decode()


def test_links_of_a_round_end_with_the_days_after_its_deadline(client, open_round):
    entry = EntryFactory(round=open_round, title="Längst eingereicht")
    open_round.entries_open_at = timezone.now() - datetime.timedelta(days=100)
    open_round.entries_close_at = timezone.now() - datetime.timedelta(days=31)
    open_round.save()

    fresh = client.get(services.entry_path(entry)).content.decode()  # e.g. from links requested again
    form = client.get("/landespreis/2027/bewerbung/link/").content.decode()

    assert "Dieser Link gilt nicht (mehr)" in fresh and "Längst eingereicht" not in fresh
    assert "neue Links verschicken wir nicht mehr" in form and "<form" not in form.split("<main")[1]
    open_round.entries_close_at = timezone.now() - datetime.timedelta(days=29)
    open_round.save()
    assert "Längst eingereicht" in client.get(services.entry_path(entry)).content.decode()


def test_a_link_of_another_round_shows_no_entry(client, open_round):
    entry = EntryFactory(round=open_round, state="draft")

    response = client.get(f"/landespreis/2026/bewerbung/{services.entry_token(entry)}/")

    assert response.status_code == 404
    assert "Dieser Link gilt nicht (mehr)" in response.content.decode()
    assert entry.title not in response.content.decode()


def test_lost_links_are_mailed_again_with_the_same_answer_for_unknown_addresses(client, sending, open_round):
    entry = EntryFactory(round=open_round, state="draft", email="kim@borken.de")

    with sending():
        known = client.post(
            "/landespreis/2027/bewerbung/link/", {"email": "KIM@borken.de", "rendered_at": stamp()}, follow=True
        )
        unknown = client.post(
            "/landespreis/2027/bewerbung/link/", {"email": "x@y.de", "rendered_at": stamp()}, follow=True
        )

    answer = "Wenn es zu dieser Adresse Bewerbungen gibt, ist die E-Mail mit den Links unterwegs."
    assert answer in known.content.decode() and answer in unknown.content.decode()
    assert [m.to for m in mail.outbox] == [["kim@borken.de"]]
    assert entry_of(link(mail.outbox[0], "/landespreis/2027/bewerbung/")) == entry


# --- Submitting --------------------------------------------------------------------------------------------


def test_submitting_locks_the_entry_and_mails_everything_entered(client, sending, open_round, settings):
    settings.AWARDS_EMAIL = "landespreis@kommunalagentur.nrw"
    with sending():
        response = client.post(NEW, entry_data(open_round), follow=True)

    entry = Entry.objects.get()
    assert entry.state == "submitted"
    html = response.content.decode()
    assert "Ihre Bewerbung ist eingereicht" in html
    assert "Eine Bestätigung mit allen Angaben haben wir an kim.muster@borken.de geschickt." in html
    confirmation, notice = mail.outbox[-2:]
    assert confirmation.to == ["kim.muster@borken.de"]
    assert confirmation.subject.startswith("Eingangsbestätigung: Ihre Bewerbung „Gemeinsames Standesamt Borken-Heiden“")
    for text in [
        "Titel des Projekts: Gemeinsames Standesamt Borken-Heiden",
        "Kategorie: Innere Verwaltung",
        "Federführende Kommune: Stadt Borken",
        "Beteiligte Kommunen: Gemeinde Heiden",
        "Projektbeginn oder Vertragsdatum: 01.03.2019",
        "Form der Zusammenarbeit: Öffentlich-rechtliche Vereinbarung",
        "Fachbereich: Bürgerdienste",
        "Telefon: 02861 123456",
        "Anlass: Beide Standesämter waren zu klein für Vertretungen.",
        "Innovation: Ein Kalender für zwei Rathäuser.",
        "Einwilligung: erteilt",
    ]:
        assert text in confirmation.body
    assert confirmation.reply_to == ["landespreis@kommunalagentur.nrw"]
    assert notice.to == ["landespreis@kommunalagentur.nrw"]
    assert notice.subject == (
        "Neue Bewerbung zum Landespreis für innovative interkommunale Zusammenarbeit 2027: "
        "Gemeinsames Standesamt Borken-Heiden"
    )
    assert f"/admin/awards/entry/{entry.pk}/change/" in notice.body


def test_a_submitted_entry_cannot_be_changed_through_its_link(client, sending, open_round):
    entry = EntryFactory(round=open_round, title="Eingereicht")

    response = client.post(services.entry_path(entry), entry_data(open_round, title="Geändert"))

    entry.refresh_from_db()
    assert entry.title == "Eingereicht"
    assert "Ihre Bewerbung ist eingereicht" in response.content.decode()


def test_a_refused_first_submission_is_kept_as_a_draft_at_its_own_link_that_says_why(client, sending, open_round):
    with sending():
        response = client.post(
            NEW, entry_data(open_round, partners=[], goal="", project_start="2015-05-01"), follow=True
        )

    entry = Entry.objects.get()
    assert entry.state == "draft"
    address = response.redirect_chain[-1][0]
    assert address.endswith("/?pruefung=1")
    assert entry_of(address.split("?")[0]) == entry
    html = response.content.decode()
    assert "Ihre Angaben sind als Entwurf gespeichert, aber noch nicht eingereicht." in html
    assert "Den Link, mit dem Sie weiterarbeiten, haben wir an kim.muster@borken.de geschickt" in html
    assert 'id="kommunen-error"' in html and "angegeben ist 1" in html
    assert '<a class="kern-link" href="#kommunen">Weitere beteiligte Kommunen: Am Projekt müssen' in html
    assert 'id="id_goal_error"' in html and "Zum Einreichen brauchen wir noch: Ziel." in html
    assert 'id="id_project_start_error"' in html
    # The form goes on from the draft's own address, so the next click changes it instead of making another.
    assert entry_of(re.search(r'<form method="post" action="([^"]+)"', html).group(1)) == entry
    assert 'value="Gemeinsames Standesamt Borken-Heiden"' in html
    assert [m.subject.split(":")[0] for m in mail.outbox] == [
        "Ihr Entwurf für den Landespreis für innovative interkommunale Zusammenarbeit 2027"
    ]
    # Reloading shows the same draft and the same reasons; nothing new is made.
    again = client.get(address).content.decode()
    assert "Zum Einreichen brauchen wir noch: Ziel." in again
    assert Entry.objects.count() == 1


def test_a_successful_first_submission_mails_only_the_confirmation_and_the_notice(client, sending, open_round):
    with sending():
        client.post(NEW, entry_data(open_round))

    assert [m.subject.split(":")[0] for m in mail.outbox] == [
        "Eingangsbestätigung",
        "Neue Bewerbung zum Landespreis für innovative interkommunale Zusammenarbeit 2027",
    ]


def test_a_refused_submission_of_a_saved_draft_keeps_its_changes_and_says_why(client, sending, open_round):
    entry = EntryFactory(round=open_round, state="draft", partners=[])
    token = services.entry_token(entry)

    with sending():
        response = client.post(
            f"/landespreis/2027/bewerbung/{token}/", entry_data(open_round, goal="Neu", partners=[]), follow=True
        )

    entry.refresh_from_db()
    assert (entry.state, entry.goal) == ("draft", "Neu")
    assert response.redirect_chain == [(f"/landespreis/2027/bewerbung/{token}/?pruefung=1", 302)]
    assert 'id="kommunen-error"' in response.content.decode()
    assert mail.outbox == []


def test_a_draft_submitted_after_the_deadline_is_refused_with_the_deadline(client, sending, open_round):
    entry = EntryFactory(round=open_round, state="draft")
    open_round.entries_close_at = timezone.now() - datetime.timedelta(seconds=1)
    open_round.save()

    response = client.post(services.entry_path(entry), entry_data(open_round))

    entry.refresh_from_db()
    assert entry.state == "draft"
    assert "Der Bewerbungsschluss war am" in response.content.decode()
    assert mail.outbox == []


def test_after_the_deadline_the_link_shows_the_draft_without_a_form(client, open_round):
    entry = EntryFactory(round=open_round, state="draft", title="Zu spät")
    open_round.entries_close_at = timezone.now() - datetime.timedelta(minutes=1)
    open_round.save()

    html = client.get(services.entry_path(entry)).content.decode()

    assert "Ihr Entwurf wurde nicht eingereicht" in html
    assert "Der Bewerbungsschluss war am" in html
    assert "Bewerbung einreichen" not in html


def test_the_form_is_closed_after_the_deadline(client, open_round):
    open_round.entries_close_at = timezone.now() - datetime.timedelta(minutes=1)
    open_round.save()

    response = client.get(NEW)

    assert "Keine Bewerbung möglich" in response.content.decode()
    assert "<form" not in response.content.decode().split("<main")[1]


def test_an_entry_can_start_from_a_project_of_the_database(client, open_round):
    project = ProjectFactory(
        title="Gemeinsamer Bauhof Heiden",
        slug="bauhof-heiden",
        goal="<p>Fahrzeuge <strong>gemeinsam</strong> nutzen.</p><ul><li>Werkstatt</li><li>Winterdienst</li></ul>",
        start=datetime.date(2020, 5, 1),
        participants__lead=kommune("heiden"),
        participants__partners=[kommune("borken"), "GPA NRW"],
    )

    form = client.get(NEW, {"projekt": "bauhof-heiden"}).context["form"]

    assert form["title"].value() == "Gemeinsamer Bauhof Heiden"
    assert form["lead_municipality"].value() == kommune("heiden").pk
    assert form["partners"].value() == [kommune("borken").pk]
    assert form["other_partners"].value() == "GPA NRW"
    assert form["goal"].value() == "Fahrzeuge gemeinsam nutzen.\n\n– Werkstatt\n– Winterdienst"
    assert form["project_start"].value() == datetime.date(2020, 5, 1)
    assert form["cooperation_form"].value() == "vereinbarung"
    assert form["project"].value() == project.pk


def test_a_draft_from_a_project_is_saved_and_submitted_after_the_project_was_unpublished(client, sending, open_round):
    project = ProjectFactory(slug="bauhof", participants__lead=kommune("heiden"))
    entry = EntryFactory(round=open_round, state="draft", project=project)
    project.is_published = False
    project.save()

    with sending():
        response = client.post(services.entry_path(entry), entry_data(open_round, project=project.pk), follow=True)

    entry.refresh_from_db()
    assert (entry.state, entry.project) == ("submitted", project)
    assert "Ihre Bewerbung ist eingereicht" in response.content.decode()


def test_a_new_entry_from_a_project_unpublished_meanwhile_says_so_and_saves_next_time(client, sending, open_round):
    project = ProjectFactory(slug="bauhof", participants__lead=kommune("heiden"))
    project.is_published = False
    project.save()

    refused = save_draft(client, sending, open_round, project=project.pk)
    html = refused.content.decode()
    assert Entry.objects.count() == 0
    assert (
        '<li id="id_project_error">Das Projekt, von dem Ihre Bewerbung ausgeht, ist nicht mehr in der '
        "Projektdatenbank veröffentlicht. Ihre Angaben bleiben erhalten; speichern Sie noch einmal, dann ohne "
        "Verknüpfung mit dem Projekt.</li>" in html
    )
    assert re.search(r'<input type="hidden" name="project" [^>]*id="id_project">', html)  # now without a value
    assert f'name="project" value="{project.pk}"' not in html

    save_draft(client, sending, open_round, project="")
    assert Entry.objects.get().project is None


@pytest.mark.parametrize("value", ["\x00", "../../etc", "x" * 300])
def test_an_odd_project_address_gives_the_empty_form(client, open_round, value):
    response = client.get(NEW, {"projekt": value})

    assert response.status_code == 200
    assert "Bewerbung um den Landespreis für innovative interkommunale Zusammenarbeit 2027" in response.content.decode()
    assert response.context["form"]["title"].value() == ""


def test_starting_from_a_project_names_its_contact_only_as_a_hint(client, open_round):
    ProjectFactory(
        slug="bauhof",
        participants__lead=kommune("heiden"),
        contact_name="Pat Presse",
        contact_email="presse@heiden.de",
        contact_phone="02563 000",
        contact_consent=True,
    )

    response = client.get(NEW, {"projekt": "bauhof"})

    form = response.context["form"]
    assert [form[name].value() for name in ("contact_name", "email", "phone")] == ["", "", ""]
    assert "Im Steckbrief des Projekts ist Pat Presse als Ansprechperson genannt." in response.content.decode()
    assert "presse@heiden.de" not in response.content.decode()


def test_the_project_link_is_kept_with_the_entry(client, sending, open_round):
    project = ProjectFactory(slug="bauhof", participants__lead=kommune("heiden"))

    save_draft(client, sending, open_round, project=project.pk)

    assert Entry.objects.get().project == project


def test_new_entries_are_rate_limited_per_client(client, sending, open_round, monkeypatch):
    monkeypatch.setattr("awards.views.NEW_ENTRY_RATE_LIMIT", (1, 3600))
    save_draft(client, sending, open_round)

    response = save_draft(client, sending, open_round)

    assert response.status_code == 429
    assert Entry.objects.count() == 1


# --- Partner Kommunen: ticked checkboxes and a search that works without JavaScript --------------------------


def checkboxes(html: str) -> dict[str, bool]:
    """The partner checkboxes of the page: Kommune → ticked."""
    found = {}
    for box, label in re.findall(
        r'(<input class="kern-form-check__checkbox" type="checkbox" name="partners"[^>]*>)\s*<label[^>]*>([^<]+)<', html
    ):
        found[label.strip()] = " checked" in box
    return found


def test_a_form_from_a_project_has_all_its_partners_ticked(client, open_round):
    partners = ["ahaus", "borken", "gescher", "gronau-westf", "isselburg", "legden", "raesfeld"]
    ProjectFactory(
        slug="bauhof", participants__lead=kommune("heiden"), participants__partners=[kommune(p) for p in partners]
    )

    html = client.get(NEW, {"projekt": "bauhof"}).content.decode()

    assert checkboxes(html) == {
        "Ahaus": True,
        "Borken": True,
        "Gescher": True,
        "Gronau (Westf.)": True,
        "Isselburg": True,
        "Legden": True,
        "Raesfeld": True,
    }
    assert "<select multiple" not in html


def test_searching_a_kommune_without_javascript_saves_the_draft_and_offers_the_results(client, sending, open_round):
    entry = EntryFactory(round=open_round, state="draft", partners=[kommune("borken")])
    url = services.entry_path(entry)

    with sending():
        response = client.post(
            url, entry_data(open_round, action="search", municipality_query=" Heiden ", partners=[kommune("ahaus").pk])
        )

    assert response["Location"] == url + "?kommune=Heiden#kommunen"
    assert [p.slug for p in entry.partners.all()] == ["ahaus"]  # saved as the form said
    html = client.get(response["Location"]).content.decode()
    assert checkboxes(html) == {"Ahaus": True, "Heiden": False}
    assert "1 Kommune gefunden für „Heiden“." in html

    with sending():
        client.post(url, entry_data(open_round, action="draft", partners=[kommune("ahaus").pk, kommune("heiden").pk]))
    assert sorted(p.slug for p in entry.partners.all()) == ["ahaus", "heiden"]


def test_the_search_leaves_out_the_chosen_kommunen_and_the_lead(client, open_round):
    entry = EntryFactory(round=open_round, state="draft", lead_municipality=kommune("borken"), partners=[])

    html = client.get(services.entry_path(entry), {"kommune": "Bor"}).content.decode()

    assert "Borken" not in checkboxes(html)


def test_a_search_on_a_new_entry_that_cannot_be_saved_yet_says_why_and_still_shows_results(client, open_round):
    response = client.post(
        NEW, entry_data(open_round, action="search", municipality_query="Heiden", title="", partners=[])
    )

    html = response.content.decode()
    assert Entry.objects.count() == 0
    assert "Bitte geben Sie den Titel des Projekts ein" in html
    assert checkboxes(html)["Heiden"] is False


def test_an_odd_kommune_search_finds_nothing_and_breaks_nothing(client, open_round):
    entry = EntryFactory(round=open_round, state="draft")

    page = client.get(services.entry_path(entry), {"kommune": "\x00"})

    assert page.status_code == 200
    assert "gefunden für" not in page.content.decode()


def test_the_form_searches_with_the_project_submissions_json_and_script(client, open_round):
    html = client.get(NEW).content.decode()

    assert (
        'data-endpoint="/projekte/melden/kommunen.json" data-field="partners" data-lead="id_lead_municipality"' in html
    )
    assert '<script src="/static/js/municipality-picker.js" defer></script>' in html


@pytest.mark.parametrize("count", [1, 3])
def test_the_entry_form_runs_a_constant_number_of_queries_for_its_partners(
    client, open_round, django_assert_num_queries, count
):
    entry = EntryFactory(
        round=open_round, state="draft", partners=[kommune(s) for s in ["ahaus", "heiden", "gescher"][:count]]
    )
    url = services.entry_path(entry)
    client.get(url)

    # The entry with its round, category, lead and project; its partners (the form's initial); the round's
    # categories; the Kommunen of the lead's list; the chosen ones with their Kreis; the found ones; the attachments.
    with django_assert_num_queries(7):
        client.get(url, {"kommune": "Reken"})


# --- Attachments ------------------------------------------------------------------------------------------


def test_a_pdf_and_a_picture_are_attached_and_served_to_the_applicant(client, sending, open_round):
    save_draft(client, sending, open_round, attachments=[pdf("Konzept Standesamt.PDF"), png()])

    entry = Entry.objects.get()
    attachments = {a.name: a for a in entry.attachments.all()}
    assert sorted(attachments) == ["foto.png", "konzept-standesamt.pdf"]
    assert attachments["foto.png"].content_type == "image/png"
    url = reverse(
        "awards:entry_attachment", args=[2027, services.entry_token(entry), attachments["konzept-standesamt.pdf"].pk]
    )
    response = client.get(url)
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="konzept-standesamt.pdf"'


def test_a_php_file_named_pdf_is_refused(client, sending, open_round):
    response = save_draft(
        client, sending, open_round, attachments=[pdf("rechnung.pdf", b"<?php system($_GET['c']); ?>")]
    )

    assert (
        "„rechnung.pdf“ ist weder ein PDF noch ein Bild (JPEG, PNG oder WebP). Maßgeblich ist der Inhalt der Datei, "
        "nicht ihre Endung." in response.content.decode()
    )
    assert Entry.objects.count() == 0
    assert "Die ausgewählten Dateien sind noch nicht gespeichert." in response.content.decode()


def test_a_photo_with_too_many_pixels_is_refused_for_its_pixels(client, sending, open_round):
    buffer = io.BytesIO()
    Image.new("L", (8200, 6100), 128).save(buffer, "JPEG")  # 50 megapixels, like a phone's camera
    photo = SimpleUploadedFile("IMG_2041.jpg", buffer.getvalue(), content_type="image/jpeg")

    response = save_draft(client, sending, open_round, attachments=[photo])

    assert (
        "„IMG_2041.jpg“: Das Bild hat 8200 × 6100 Pixel; erlaubt sind höchstens 40 Megapixel."
        in response.content.decode()
    )
    assert "weder ein PDF noch ein Bild" not in response.content.decode()
    assert Entry.objects.count() == 0


def test_a_file_over_the_size_limit_is_refused(client, sending, open_round, settings):
    settings.AWARDS_ATTACHMENT_MAX_BYTES = 20

    response = save_draft(client, sending, open_round, attachments=[pdf()])

    assert (
        "„konzept.pdf“ ist 45\xa0Bytes groß; erlaubt sind höchstens 20\xa0Bytes je Datei." in response.content.decode()
    )
    assert Entry.objects.count() == 0


def test_no_more_attachments_than_allowed(client, sending, open_round, settings):
    settings.AWARDS_ATTACHMENTS_MAX = 2
    entry = EntryFactory(round=open_round, state="draft")
    EntryAttachmentFactory(entry=entry)

    response = client.post(
        services.entry_path(entry), entry_data(open_round, action="draft", attachments=[pdf("a.pdf"), pdf("b.pdf")])
    )

    assert "Höchstens 2 Anhänge je Bewerbung; gespeichert ist schon 1." in response.content.decode()
    assert entry.attachments.count() == 1


def test_an_attachment_can_be_removed_from_a_draft(client, sending, open_round):
    entry = EntryFactory(round=open_round, state="draft")
    attachment = EntryAttachmentFactory(entry=entry)
    path = attachment.file.path

    with sending():
        client.post(
            services.entry_path(entry), entry_data(open_round, action="draft", remove_attachments=[attachment.pk])
        )

    assert entry.attachments.count() == 0
    assert not os.path.exists(path)


def test_attachments_are_never_served_through_another_entrys_link(client, open_round):
    attachment = EntryAttachmentFactory(entry=EntryFactory(round=open_round, state="draft"))
    other = EntryFactory(round=open_round, state="draft", lead_municipality=kommune("gescher"))

    response = client.get(reverse("awards:entry_attachment", args=[2027, services.entry_token(other), attachment.pk]))

    assert response.status_code == 404
    assert "Diese Seite gibt es nicht (mehr)" in response.content.decode()
    assert b"%PDF" not in response.content
    assert str(attachment.file.storage.location).endswith("protected")


def test_only_a_new_draft_mails_its_link(client, sending, open_round):
    first = save_draft(client, sending, open_round)
    client.get(first["Location"])  # shows the first message
    entry = Entry.objects.get()

    with sending():
        response = client.post(services.entry_path(entry), entry_data(open_round, action="draft"), follow=True)

    assert len(mail.outbox) == 1
    assert "Ihr Entwurf ist gespeichert." in response.content.decode()
    assert "Den Link, mit dem Sie weiterarbeiten" not in response.content.decode()
