"""The jury area in the browser, with an axe check on every page visited.

1. A jury member logs in, scores an entry (after a refused attempt), then sees the others' scores; a
   member declares a conflict and can no longer open the entry; the chair records the winner, who
   appears on the public winners page.
2. A blind round: entries go by number; the chair closes a category without winners, and a category nobody
   entered does not keep the round from being decided.
3. The issue's "Done when", end to end: an applicant saves a draft, resumes it from the link in the
   mail and submits it; a jury member scores it; a conflicted member cannot see it; the chair records
   it as winner; it appears publicly.
4. A user without a seat gets the 403 page; repeated failures the lockout page.
"""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from awards.models import Entry, Round
from tests.browser.conftest import assert_accessible
from tests.factories import (
    CategoryFactory,
    EntryAttachmentFactory,
    EntryFactory,
    UserFactory,
    jury_round,
    score_entry,
)

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "ein-sicheres-passwort-42"
CRITERIA = (("Gewinn der Kooperation", 1), ("Grad der Innovation", 2))


def log_in(page, username):
    expect(page.get_by_role("heading", level=1)).to_have_text("Anmeldung für die Jury")
    page.get_by_label("Benutzername").fill(username)
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()


def log_out(page):
    page.get_by_role("button", name="Abmelden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Anmeldung für die Jury")
    expect(page.get_by_text("Sie haben sich abgemeldet.")).to_be_visible()


def score(page, points_by_criterion, comment=""):
    for name, points in points_by_criterion.items():
        page.get_by_label(f"Punkte für „{name}“").fill(str(points))
        page.get_by_label(f"Kommentar zu „{name}“").fill(comment)
    page.get_by_role("button", name=re.compile("^Bewertung (speichern|ändern)$")).click()


def declare_conflict_and_lose_sight_of(page, entry_title, entry_path):
    page.get_by_role("link", name=entry_title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(entry_title)
    page.get_by_label("Anmerkung").fill("Ich habe die Vereinbarung mit ausgehandelt.")
    page.get_by_role("button", name="Befangenheit erklären").click()
    expect(page.get_by_text(f"Sie haben Befangenheit für „{entry_title}“ erklärt.")).to_be_visible()
    expect(page.get_by_role("link", name=entry_title)).to_have_count(0)
    expect(page.get_by_text(f"{entry_title} befangen")).to_be_visible()
    assert_accessible(page)
    page.expected_console_errors.append("the server responded with a status of 404")
    page.goto(entry_path)
    expect(page.get_by_role("heading", level=1)).to_have_text("Diese Seite gibt es nicht (mehr)")
    assert_accessible(page)


def record_winner(page, year, category_name, entry_title):
    page.goto(f"/landespreis/jury/{year}/")
    page.get_by_role("link", name=f"Rangfolge in „{category_name}“").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(category_name)
    assert_accessible(page)
    page.get_by_role("link", name="Preisträger festlegen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Preisträger festlegen: {category_name}")
    assert_accessible(page)
    page.get_by_role("button", name="Weiter zur Bestätigung").click()
    expect(page.get_by_text("Bitte wählen Sie mindestens einen Beitrag.").first).to_be_visible()
    assert_accessible(page)
    page.get_by_label(re.compile(f"^{re.escape(entry_title)}")).check()
    page.get_by_role("button", name="Weiter zur Bestätigung").click()
    expect(page.get_by_role("heading", name="Bitte bestätigen")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Preisträger endgültig festlegen").click()
    expect(page.get_by_text(f"Die Preisträger in der Kategorie „{category_name}“ sind festgelegt")).to_be_visible()
    assert_accessible(page)


def see_the_public_winner(page, year, entry_title, loser_title=None):
    page.goto(f"/landespreis/{year}/preistraeger/")
    expect(page.get_by_role("heading", name=f"Preisträger {year}")).to_be_visible()
    expect(page.get_by_role("heading", name=entry_title)).to_be_visible()
    if loser_title:
        expect(page.get_by_text(loser_title)).to_have_count(0)
    assert_accessible(page)


def test_member_scores_sees_the_others_conflicted_member_is_locked_out_chair_records_the_winner(page, site):
    round_, category, _, jury = jury_round(year=2027, criteria=CRITERIA, members=["jury-a", "jury-b", "jury-c"])
    entry = EntryFactory(round=round_, category=category, title="Gemeinsames Standesamt Borken und Heiden")
    EntryAttachmentFactory(entry=entry, name="ratsbeschluss.pdf")
    EntryFactory(round=round_, category=category, title="Gemeinsamer Bauhof")
    score_entry(entry, jury["jury-b"], [8, 7], comment="Vorbildlich für kleine Kommunen")
    entry_path = f"/landespreis/jury/2027/beitrag/{entry.pk}/"

    # A jury member (no staff status) asks for the round and is sent to the login first.
    page.goto("/landespreis/jury/2027/")
    assert_accessible(page)
    log_in(page, "jury-a")
    expect(page.get_by_role("heading", level=1)).to_have_text(round_.title)
    expect(page.get_by_text("0 von 2 Beiträgen erledigt")).to_be_visible()
    assert_accessible(page)

    # The entry with its attachment; the others' scores stay hidden before scoring.
    page.get_by_role("link", name="Gemeinsames Standesamt Borken und Heiden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gemeinsames Standesamt Borken und Heiden")
    expect(page.get_by_text("Vorbildlich für kleine Kommunen")).to_have_count(0)
    expect(page.get_by_text("sobald Sie alle Kriterien selbst bewertet haben")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="ratsbeschluss.pdf").click()
    assert download.value.suggested_filename == "ratsbeschluss.pdf"
    assert_accessible(page)

    # 11 points are refused next to the field; the input stays.
    score(page, {"Gewinn der Kooperation": 11, "Grad der Innovation": 6}, comment="Gut übertragbar")
    expect(page).to_have_title(re.compile("^Fehler: "))
    expect(page.get_by_text("Bitte vergeben Sie 0 bis 10 Punkte.").first).to_be_visible()
    expect(page.get_by_label("Punkte für „Grad der Innovation“")).to_have_value("6")
    assert_accessible(page)

    # Scored: now the others' scores, comments and the total show. Mine (9 + 2·6)/3 = 7, b's (8 + 2·7)/3 = 7.33.
    score(page, {"Gewinn der Kooperation": 9, "Grad der Innovation": 6}, comment="Gut übertragbar")
    expect(page.get_by_text("Ihre Bewertung ist gespeichert.")).to_be_visible()
    expect(page.get_by_text("Vorbildlich für kleine Kommunen").first).to_be_visible()
    expect(page.get_by_text("Gesamtwertung: 7,17 von 10, Mittel aus 2 vollständigen Bewertungen")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Innere Verwaltung").click()
    expect(page.get_by_role("row", name=re.compile("Gemeinsames Standesamt.*7,17"))).to_be_visible()
    expect(page.get_by_role("row", name=re.compile("Gemeinsamer Bauhof.*erst nach eigener Bewertung"))).to_be_visible()
    assert_accessible(page)
    log_out(page)
    assert_accessible(page)

    # Another member declares a conflict of interest: the entry is gone for them.
    page.goto("/landespreis/jury/")
    log_in(page, "jury-c")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ihre Jurys")
    assert_accessible(page)
    page.get_by_role("link", name=round_.title).click()
    declare_conflict_and_lose_sight_of(page, "Gemeinsames Standesamt Borken und Heiden", entry_path)
    page.goto("/landespreis/jury/2027/")
    log_out(page)

    # The round is in the jury phase: the chair records the winner, who then appears publicly.
    page.goto("/landespreis/jury/")
    log_in(page, "jury-vorsitz")
    record_winner(page, 2027, "Innere Verwaltung", "Gemeinsames Standesamt Borken und Heiden")
    assert Entry.objects.get(pk=entry.pk).is_winner is True
    assert Round.objects.get(pk=round_.pk).state == "decided"
    see_the_public_winner(page, 2027, "Gemeinsames Standesamt Borken und Heiden", loser_title="Gemeinsamer Bauhof")


def test_blind_round_numbers_the_entries_and_the_chair_closes_a_category_without_winners(page, site):
    round_, category, _, jury = jury_round(year=2027, criteria=CRITERIA, members=["jury-a"], blind_review=True)
    CategoryFactory(round=round_, name="Sonderkategorie Shared Service Center", position=category.position + 1)
    entry = EntryFactory(round=round_, category=category, title="Standesamt Borken und Heiden")
    score_entry(entry, jury["jury-a"], [6, 6])

    # The chair logs in (the page's title names the portal) and sees the entry by its number only.
    page.goto("/landespreis/jury/2027/")
    expect(page).to_have_title("Anmeldung für die Jury – Landespreis – Interkommunales.NRW")
    log_in(page, "jury-vorsitz")
    expect(page.get_by_text("Anonyme Bewertung:")).to_be_visible()
    expect(page.get_by_text("Standesamt Borken und Heiden")).to_have_count(0)
    expect(page.get_by_text("Keine Beiträge im Wettbewerb")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Beitrag 1", exact=True).click()
    expect(page).to_have_title("Beitrag 1 – Jury 2027 – Interkommunales.NRW")
    expect(page.get_by_role("heading", level=1)).to_have_text("Beitrag 1")
    expect(page.get_by_text("Standesamt Borken und Heiden")).to_have_count(1)  # in the entry's text only
    expect(page.get_by_text("Borken", exact=True)).to_have_count(0)
    assert_accessible(page)

    # No entry convinces the jury: the chair closes the category without winners, with a confirmation step.
    page.goto(f"/landespreis/jury/2027/kategorie/{category.pk}/preistraeger/")
    expect(page.get_by_label(re.compile("^Beitrag 1"))).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Ohne Preisträger abschließen").click()
    expect(page.get_by_role("heading", name="Bitte bestätigen")).to_be_visible()
    expect(page.get_by_text("Die Jury vergibt in „Innere Verwaltung“ keinen Preis")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Endgültig ohne Preisträger abschließen").click()
    expect(page.get_by_text("Die Kategorie „Innere Verwaltung“ ist ohne Preisträger abgeschlossen.")).to_be_visible()
    assert_accessible(page)

    # The empty category does not hold the round up: it is decided.
    assert Round.objects.get(pk=round_.pk).state == "decided"
    assert not Entry.objects.filter(is_winner=True).exists()
    page.goto("/landespreis/jury/2027/")
    expect(page.get_by_text("Jury · entschieden")).to_be_visible()
    expect(page.get_by_text(re.compile("ohne Preisträger abgeschlossen am"))).to_be_visible()
    assert_accessible(page)


def field(page, label):
    """A field of the entry form by its label, with or without "– optional"."""
    return page.get_by_label(re.compile(f"^{re.escape(label)}( – optional)?$"))


def link_in_last_mail_to(address, path):
    message = [m for m in mail.outbox if m.to == [address]][-1]
    return re.search(rf"http://\S+{path}\S+/", message.body).group(0)


def test_done_when_enter_draft_resume_submit_score_conflict_decide_publish(page, site, settings):
    settings.PUBLIC_BASE_URL = site.url
    round_, category, _, jury = jury_round(year=2027, criteria=CRITERIA, members=["jury-a", "jury-c"], state="open")
    title = "Gemeinsame Vollstreckung im Münsterland"
    email = "kaemmerei@beispiel-kommune.de"

    # The applicant starts the entry and saves a draft with title and address only.
    page.goto("/landespreis/2027/bewerbung/formular/")
    assert_accessible(page)
    page.get_by_label("Titel des Projekts").fill(title)
    page.get_by_label("E-Mail-Adresse").fill(email)
    page.get_by_role("button", name="Entwurf speichern").click()
    expect(page.get_by_text("Ihr Entwurf ist gespeichert.")).to_be_visible()
    assert Entry.objects.get().state == "draft"

    # Later: back through the link in the mail, complete the entry and submit it.
    page.goto("/")
    page.goto(link_in_last_mail_to(email, "/landespreis/2027/bewerbung/"))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Ihr Entwurf: {title}")
    expect(page.get_by_label("Titel des Projekts")).to_have_value(title)
    assert_accessible(page)
    field(page, "Kategorie").select_option(label="Innere Verwaltung")
    field(page, "Kurzbeschreibung").fill("Drei Gemeinden vollstrecken ihre Forderungen gemeinsam.")
    field(page, "Projektbeginn oder Vertragsdatum").fill("2019-03-01")
    field(page, "Form der Zusammenarbeit").select_option(index=1)
    field(page, "Federführende Kommune").select_option(label="Nottuln")
    page.get_by_label("Name der Kommune").press_sequentially("Havix")
    page.locator("[data-found]").get_by_role("checkbox", name=re.compile("^Havixbeck ")).check()
    expect(page.locator("[data-chosen]").get_by_role("checkbox", name=re.compile("^Havixbeck "))).to_be_checked()
    field(page, "Einreichende Kommune oder Organisation").fill("Gemeinde Nottuln")
    field(page, "Fachbereich").fill("Kämmerei")
    field(page, "Ansprechperson").fill("Kim Muster")
    field(page, "Telefon").fill("02502 9400")
    for label in ["Anlass", "Ziel", "Umsetzung", "Innovation", "Nachhaltigkeit und Übertragbarkeit"]:
        field(page, label).fill(f"{label}: gemeinsam besser als allein.")
    field(page, "Gewinn der Kooperation").fill("Weniger Aufwand je Fall.")
    page.get_by_label("Einwilligung in die Datenverarbeitung").check()
    page.get_by_role("button", name="Bewerbung einreichen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ihre Bewerbung ist eingereicht")
    assert_accessible(page)
    entry = Entry.objects.get()
    assert entry.state == "submitted"
    assert any(m.to == [email] and m.subject.startswith("Eingangsbestätigung") for m in mail.outbox)

    # A jury member scores it while the round is still open.
    page.goto("/landespreis/jury/")
    log_in(page, "jury-a")
    page.get_by_role("link", name=round_.title).click()
    page.get_by_role("link", name=title).click()
    expect(page.get_by_text("Gemeinde Nottuln").first).to_be_visible()
    assert_accessible(page)
    score(page, {"Gewinn der Kooperation": 8, "Grad der Innovation": 9}, comment="Überzeugend")
    expect(page.get_by_text("Ihre Bewertung ist gespeichert.")).to_be_visible()
    expect(page.get_by_text("Ihre gewichtete Wertung: 8,67 von 10")).to_be_visible()
    assert_accessible(page)
    log_out(page)

    # A member with a conflict of interest cannot see it any more.
    page.goto("/landespreis/jury/2027/")
    log_in(page, "jury-c")
    declare_conflict_and_lose_sight_of(page, title, f"/landespreis/jury/2027/beitrag/{entry.pk}/")
    page.goto("/landespreis/jury/2027/")
    log_out(page)

    # The editors close the entry phase (in the admin: Stand "Jurierung"); the chair records the winner.
    Round.objects.filter(pk=round_.pk).update(state=Round.State.JURY)
    page.goto("/landespreis/jury/")
    log_in(page, "jury-vorsitz")
    record_winner(page, 2027, "Innere Verwaltung", title)
    see_the_public_winner(page, 2027, title)


def test_no_seat_gets_the_403_page_and_repeated_failures_the_lockout_page(page, site, settings):
    settings.AXES_FAILURE_LIMIT = 2
    jury_round(year=2027, members=["jury-a"])
    UserFactory(username="ohne-sitz")
    page.expected_console_errors += ["status of 403", "status of 429"]

    page.goto("/landespreis/jury/2027/")
    log_in(page, "ohne-sitz")
    expect(page.get_by_role("heading", level=1)).to_have_text("Kein Zugang")
    expect(page.get_by_text("Sie gehören nicht der Jury des Landespreises 2027 an.")).to_be_visible()
    assert_accessible(page)
    log_out(page)

    for _ in range(2):
        page.get_by_label("Benutzername").fill("jury-a")
        page.get_by_label("Passwort").fill("falsch")
        page.get_by_role("button", name="Anmelden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Anmeldung vorübergehend gesperrt")
    assert_accessible(page)
