"""The jury's pages: what a member sees, scoring through the form, blind mode, the chair's decision."""

import datetime
import re

import pytest
from django.utils import timezone

from awards.models import Category, ConflictOfInterest, Entry, Round, Score
from portal.models import Municipality
from tests.factories import (
    CategoryFactory,
    EntryAttachmentFactory,
    EntryFactory,
    ProjectFactory,
    RoundFactory,
    jury_round,
    score_entry,
)

pytestmark = pytest.mark.django_db

CRITERIA = (("Gewinn der Kooperation", 1), ("Grad der Innovation", 2))
ONE_DAY = datetime.timedelta(days=1)


@pytest.fixture
def jury():
    return jury_round(year=2027, criteria=CRITERIA, members=["jury-a", "jury-b"])


def entry_url(entry):
    return f"/landespreis/jury/{entry.round.year}/beitrag/{entry.pk}/"


def text(response) -> str:
    """The page's visible text, tags removed and spaces joined."""
    html = response.content.decode()
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


# --- The round's overview ---


def test_overview_lists_entries_per_category_with_my_progress(client, jury):
    round_, category, criteria, members = jury
    scored = EntryFactory(round=round_, category=category, title="Schon bewertet")
    waiting = EntryFactory(round=round_, category=category, title="Noch offen")
    conflicted = EntryFactory(round=round_, category=category, title="Befangen erklärt")
    score_entry(scored, members["jury-a"], [5, 5])
    ConflictOfInterest.objects.create(entry=conflicted, member=members["jury-a"])
    client.force_login(members["jury-a"].user)

    response = client.get(f"/landespreis/jury/{round_.year}/")

    page = text(response)
    assert "Innere Verwaltung" in page
    assert "2 von 3 Beiträgen erledigt" in page
    assert "Befangen erklärt befangen" in page
    assert "Noch offen Stadt Borken noch nicht bewertet" in page
    assert "Schon bewertet Stadt Borken bewertet" in page
    html = response.content.decode()
    assert entry_url(waiting) in html
    assert entry_url(conflicted) not in html  # only its title


def test_home_lists_only_the_rounds_the_user_sits_on(client, jury):
    round_, _, _, members = jury
    other = jury_round(year=2031, members=[], chair="jemand-anders")[0]
    client.force_login(members["jury-a"].user)

    page = text(client.get("/landespreis/jury/"))

    assert round_.title in page
    assert other.title not in page


# --- The entry page and scoring ---


def test_entry_page_shows_the_whole_entry_with_its_attachments(client, jury):
    round_, category, _, members = jury
    project = ProjectFactory(title="Standesamt im Projektkatalog", is_published=True)
    entry = EntryFactory(round=round_, category=category, title="Gemeinsames Standesamt", project=project)
    attachment = EntryAttachmentFactory(entry=entry, name="ratsbeschluss-borken.pdf")
    client.force_login(members["jury-a"].user)

    response = client.get(entry_url(entry))

    page = text(response)
    for value in [
        "Gemeinsames Standesamt",
        "Stadt Borken",
        "Heiden",
        "Bürgerdienste",
        "Kim Muster",
        entry.email,
        "02861 123456",
        "Beide Standesämter waren zu klein für Vertretungen.",
        "Standesamt im Projektkatalog",
        "ratsbeschluss-borken.pdf",
    ]:
        assert value in page, value
    download = client.get(f"{entry_url(entry)}anhang/{attachment.pk}/")
    assert download["Content-Disposition"] == 'attachment; filename="ratsbeschluss-borken.pdf"'
    assert b"".join(download.streaming_content).startswith(b"%PDF-")
    assert "no-store" in download["Cache-Control"]


def test_scoring_through_the_form_saves_and_then_shows_the_others(client, jury):
    round_, category, criteria, members = jury
    entry = EntryFactory(round=round_, category=category)
    score_entry(entry, members["jury-b"], [9, 6], comment="Vorbildlich für kleine Kommunen")
    client.force_login(members["jury-a"].user)

    before = text(client.get(entry_url(entry)))
    response = client.post(
        entry_url(entry),
        {
            f"punkte_{criteria[0].pk}": "3",
            f"kommentar_{criteria[0].pk}": "Wenig Gewinn",
            f"punkte_{criteria[1].pk}": "6",
            f"kommentar_{criteria[1].pk}": "",
        },
        follow=True,
    )

    assert "Vorbildlich für kleine Kommunen" not in before
    assert "Gesamtwertung:" not in before
    assert "sobald Sie alle Kriterien selbst bewertet haben" in before
    after = text(response)
    assert "Ihre Bewertung ist gespeichert." in after
    assert list(
        Score.objects.filter(member=members["jury-a"]).order_by("criterion__position").values_list("value", "comment")
    ) == [(3, "Wenig Gewinn"), (6, "")]
    # Mine: (3 + 2·6) / 3 = 5; b: (9 + 2·6) / 3 = 7; mean 6.
    assert "Ihre gewichtete Wertung: 5,00 von 10" in after
    assert "Gesamtwertung: 6,00 von 10, Mittel aus 2 vollständigen Bewertungen" in after
    assert "Vorbildlich für kleine Kommunen" in after
    assert "7,00" in after


def test_score_out_of_range_gets_a_german_message_next_to_the_field_and_keeps_the_input(client, jury):
    round_, category, criteria, members = jury
    entry = EntryFactory(round=round_, category=category)
    client.force_login(members["jury-a"].user)

    response = client.post(
        entry_url(entry),
        {
            f"punkte_{criteria[0].pk}": "11",
            f"kommentar_{criteria[0].pk}": "Mein Kommentar bleibt",
            f"punkte_{criteria[1].pk}": "",
        },
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert f'id="id_punkte_{criteria[0].pk}_error"' in html
    assert "Bitte vergeben Sie 0 bis 10 Punkte." in html
    assert "Bitte vergeben Sie für „Grad der Innovation“ 0 bis 10 Punkte." in html
    assert 'value="11"' in html
    assert "Mein Kommentar bleibt" in html
    assert Score.objects.count() == 0


def test_decided_category_shows_no_form_and_refuses_a_stale_post(client, jury):
    round_, category, criteria, members = jury
    entry = EntryFactory(round=round_, category=category, is_winner=True)
    score_entry(entry, members["jury-a"], [4, 4])
    Category.objects.filter(pk=category.pk).update(decided_at="2027-03-19T11:00+01:00")
    client.force_login(members["jury-a"].user)

    page = text(client.get(entry_url(entry)))
    post = client.post(entry_url(entry), {f"punkte_{criteria[0].pk}": "10", f"punkte_{criteria[1].pk}": "10"})

    assert "die Bewertungen sind endgültig" in page
    assert "Bewertung ändern" not in page
    assert "Befangenheit erklären" not in page
    assert "Gewinn der Kooperation: 4 von 10 Punkten" in page
    assert post.status_code == 409
    assert "die Bewertungen sind endgültig" in post.content.decode()
    assert set(Score.objects.values_list("value", flat=True)) == {4}


def test_declaring_a_conflict_through_the_page(client, jury):
    round_, category, criteria, members = jury
    entry = EntryFactory(round=round_, category=category, title="Mein eigenes Projekt")
    score_entry(entry, members["jury-a"], [4, 4])
    client.force_login(members["jury-a"].user)

    response = client.post(f"{entry_url(entry)}befangenheit/", {"note": "Ich leite das Projekt."}, follow=True)

    page = text(response)
    assert response.redirect_chain[-1][0] == f"/landespreis/jury/{round_.year}/"
    assert "Sie haben Befangenheit für „Mein eigenes Projekt“ erklärt." in page
    assert "Mein eigenes Projekt befangen" in page
    assert ConflictOfInterest.objects.get().note == "Ich leite das Projekt."
    assert Score.objects.count() == 0
    assert client.get(entry_url(entry)).status_code == 404


def test_declaring_a_conflict_twice_ends_on_the_overview_with_a_note(client, jury):
    round_, category, _, members = jury
    entry = EntryFactory(round=round_, category=category, title="Mein eigenes Projekt")
    client.force_login(members["jury-a"].user)
    client.post(f"{entry_url(entry)}befangenheit/", {"note": "Ich leite das Projekt."})

    second = client.post(f"{entry_url(entry)}befangenheit/", {"note": "Ich leite das Projekt."}, follow=True)

    assert second.redirect_chain[-1][0] == f"/landespreis/jury/{round_.year}/"
    page = text(second)
    assert "Ihre Befangenheit für diesen Beitrag ist bereits erklärt." in page
    assert "Mein eigenes Projekt befangen" in page
    assert ConflictOfInterest.objects.count() == 1


def test_a_conflict_declared_after_the_decision_is_refused_with_a_message(client, jury):
    round_, category, _, members = jury
    entry = EntryFactory(round=round_, category=category)
    client.force_login(members["jury-a"].user)
    client.get(entry_url(entry))  # the page with the form, open in another tab
    Category.objects.filter(pk=category.pk).update(decided_at=timezone.now())

    response = client.post(f"{entry_url(entry)}befangenheit/", {"note": "x" * 3000}, follow=True)

    assert response.redirect_chain[-1][0] == entry_url(entry)
    page = text(response)
    assert "Die Preisträger dieser Kategorie stehen fest; eine Befangenheit kann nicht mehr erklärt werden." in page
    assert "Befangenheit erklären" not in page
    assert ConflictOfInterest.objects.count() == 0


def test_a_too_long_note_is_shown_next_to_the_field(client, jury):
    round_, category, _, members = jury
    entry = EntryFactory(round=round_, category=category)
    client.force_login(members["jury-a"].user)

    response = client.post(f"{entry_url(entry)}befangenheit/", {"note": "x" * 2001})

    assert 'id="id_note_error"' in response.content.decode()
    assert "Bitte fassen Sie sich kürzer (höchstens 2000 Zeichen)." in text(response)
    assert ConflictOfInterest.objects.count() == 0


# --- Ranking ---


def test_ranking_shows_totals_only_for_entries_i_have_scored(client, jury):
    round_, category, _, members = jury
    mine = EntryFactory(round=round_, category=category, title="Von mir bewertet")
    theirs = EntryFactory(round=round_, category=category, title="Nur von anderen bewertet")
    conflicted = EntryFactory(round=round_, category=category, title="Da bin ich befangen")
    score_entry(mine, members["jury-a"], [6, 9])  # 24/3 = 8
    score_entry(mine, members["jury-b"], [3, 3])  # 3 → mean 5.5
    score_entry(theirs, members["jury-b"], [10, 10])
    score_entry(conflicted, members["jury-b"], [7, 7])
    ConflictOfInterest.objects.create(entry=conflicted, member=members["jury-a"])
    client.force_login(members["jury-a"].user)

    page = text(client.get(f"/landespreis/jury/{round_.year}/kategorie/{category.pk}/"))

    assert "1 Von mir bewertet Stadt Borken 5,50 2 bewertet" in page
    assert "– Nur von anderen bewertet Stadt Borken erst nach eigener Bewertung sichtbar noch nicht bewertet" in page
    assert "– Da bin ich befangen – befangen" in page
    assert "10,00" not in page
    assert "7,00" not in page


@pytest.mark.parametrize("count", [1, 3])
def test_overview_runs_a_constant_number_of_queries(client, jury, django_assert_num_queries, count):
    round_, category, _, members = jury
    for n in range(count):
        entry = EntryFactory(round=round_, category=category, title=f"Beitrag {n}")
        score_entry(entry, members["jury-a"], [5, 5])
        ConflictOfInterest.objects.create(entry=EntryFactory(round=round_, category=category), member=members["jury-a"])
    client.force_login(members["jury-a"].user)

    # Session, user, seat with round, categories, criteria, entries with progress.
    with django_assert_num_queries(6):
        response = client.get(f"/landespreis/jury/{round_.year}/")

    page = text(response)
    assert (page.count("Stadt Borken bewertet"), page.count(" befangen")) == (count, count)


@pytest.mark.parametrize("count", [1, 3])
def test_ranking_runs_a_constant_number_of_queries(client, jury, django_assert_num_queries, count):
    round_, category, _, members = jury
    for n in range(count):
        entry = EntryFactory(round=round_, category=category, title=f"Beitrag {n}")
        score_entry(entry, members["jury-a"], [5, 5])
        score_entry(entry, members["jury-b"], [7, 7])
    client.force_login(members["jury-a"].user)

    # Session, user, seat with round, category, criteria, entries with progress, totals.
    with django_assert_num_queries(7):
        response = client.get(f"/landespreis/jury/{round_.year}/kategorie/{category.pk}/")

    assert text(response).count("6,00") == count


@pytest.mark.parametrize("count", [1, 3])
def test_home_runs_a_constant_number_of_queries(client, django_assert_num_queries, count):
    user = None
    for n in range(count):
        members = jury_round(year=2040 + n, members=["jury-a"], chair=None)[3]
        user = members["jury-a"].user
    client.force_login(user)

    # Session, user, seats with their rounds.
    with django_assert_num_queries(3):
        response = client.get("/landespreis/jury/")

    assert text(response).count("Ihre Rolle: Mitglied") == count


@pytest.mark.parametrize("count", [1, 3])
def test_entry_page_runs_a_constant_number_of_queries(client, jury, django_assert_num_queries, count):
    round_, category, _, members = jury
    entry = EntryFactory(round=round_, category=category)
    score_entry(entry, members["jury-a"], [5, 5])
    score_entry(entry, members["jury-b"], [7, 7])
    for _ in range(count):
        EntryAttachmentFactory(entry=entry)
    client.force_login(members["jury-a"].user)

    # Session, user, seat, entry, criteria, scores, totals (the others' and one's own), partners, attachments.
    with django_assert_num_queries(9):
        response = client.get(entry_url(entry))

    page = text(response)
    assert "Ihre gewichtete Wertung: 5,00 von 10" in page
    assert "Gesamtwertung: 6,00 von 10" in page
    assert page.count("konzept.pdf") == count


# --- Blind review ---


def test_blind_mode_hides_names_and_titles_on_every_jury_page_and_message(client, jury):
    round_, category, criteria, members = jury
    Round.objects.filter(pk=round_.pk).update(blind_review=True)
    EntryFactory.create_batch(3)  # entries of other rounds first: the database ids are not the numbers
    project = ProjectFactory(title="Projektkatalog-Eintrag Standesamt", is_published=True)
    day = timezone.now() - datetime.timedelta(days=5)
    entry = EntryFactory(
        round=round_,
        category=category,
        title="Standesamt Westmünsterland",
        project=project,
        lead_municipality=Municipality.objects.get(slug="borken"),
        partners=[Municipality.objects.get(slug="heiden")],
        organisation_name="Stadtverwaltung Borken",
        other_partners="GPA NRW",
        department="Fachbereich Bürgerdienste Nord",
        contact_name="Renate Beispielfrau",
        email="renate.beispielfrau@borken.example",
        phone="02861 939-0",
        submitted_at=day,
    )
    other = EntryFactory(round=round_, category=category, title="Bauhof Hohe Mark", submitted_at=day + ONE_DAY)
    attachment = EntryAttachmentFactory(entry=entry, name="ratsbeschluss-borken.pdf")
    score_entry(entry, members["jury-a"], [5, 5])
    names = [
        "Westmünsterland",
        "Hohe Mark",
        "Borken",
        "Heiden",
        "GPA NRW",
        "Bürgerdienste Nord",
        "Renate",
        "Beispielfrau",
        "borken.example",
        "939-0",
        "Projektkatalog-Eintrag",
        "ratsbeschluss",
        f"Beitrag {entry.pk}",
        f"Beitrag {other.pk}",
    ]
    client.force_login(members["jury-a"].user)
    entry_page = client.get(entry_url(entry))
    pages = [
        client.get(f"/landespreis/jury/{round_.year}/"),
        client.get(f"/landespreis/jury/{round_.year}/kategorie/{category.pk}/"),
        client.post(f"{entry_url(other)}befangenheit/", {"note": ""}, follow=True),
    ]
    download = client.get(f"{entry_url(entry)}anhang/{attachment.pk}/")
    client.force_login(members["jury-vorsitz"].user)
    decide = f"/landespreis/jury/{round_.year}/kategorie/{category.pk}/preistraeger/"
    pages += [
        client.get(decide),
        client.post(decide, {"preistraeger": [entry.pk]}),
        client.post(decide, {"preistraeger": [entry.pk], "bestaetigt": "1"}, follow=True),
    ]

    visible = [text(response) for response in pages]
    assert "Beitrag 1" in visible[0] and "Beitrag 2" in visible[0]
    assert "Sie haben Befangenheit für „Beitrag 2“ erklärt." in visible[2]
    assert "Beitrag 2 befangen" in visible[2]
    assert "Bitte bestätigen Diesen Beitrag zeichnet die Jury in „Innere Verwaltung“ aus" in visible[4]
    assert "geht an ihn: Beitrag 1 Danach sind" in visible[4]
    assert "Die Preisträger in der Kategorie „Innere Verwaltung“ sind festgelegt: „Beitrag 1“." in visible[5]
    assert "Preisträger: „Beitrag 1“." in visible[5]
    for response in pages:
        html = response.content.decode()
        for name in names:
            assert name not in html, (response.request["PATH_INFO"], name)
    # The entry's own page: numbered in <title>, breadcrumb and heading; the title only in the entry's text.
    html = entry_page.content.decode()
    assert re.search(r"<title>(.*?)</title>", html).group(1) == "Beitrag 1 – Jury 2027 – Interkommunales.NRW"
    assert re.search(r"<h1[^>]*>(.*?)</h1>", html).group(1) == "Beitrag 1"
    assert '<span aria-current="page">Beitrag 1</span>' in html
    assert html.count("Standesamt Westmünsterland") == 1
    assert "Titel des Projekts Standesamt Westmünsterland" in text(entry_page)
    for name in names[2:]:
        assert name not in html, name
    assert download["Content-Disposition"] == 'attachment; filename="Anlage 1.pdf"'


@pytest.mark.parametrize("blind", [True, False])
def test_the_entry_form_of_a_blind_round_asks_for_titles_without_names(client, blind):
    round_ = RoundFactory(year=2029, blind_review=blind)
    CategoryFactory(round=round_)

    page = text(client.get("/landespreis/2029/bewerbung/formular/"))

    hint = "Die Jury bewertet diese Runde anonym: Bitte nennen Sie im Titel und in den Beschreibungen keine Kommunen"
    assert "Das Projekt" in page
    assert (hint in page) is blind


# --- The chair's decision ---


def test_chair_records_a_winner_with_a_confirmation_step_and_it_appears_publicly(client, jury):
    round_, category, criteria, members = jury
    winner = EntryFactory(round=round_, category=category, title="Gemeinsames Standesamt")
    other = EntryFactory(round=round_, category=category, title="Gemeinsamer Bauhof")
    score_entry(winner, members["jury-vorsitz"], [9, 9])
    client.force_login(members["jury-vorsitz"].user)
    url = f"/landespreis/jury/{round_.year}/kategorie/{category.pk}/preistraeger/"

    choice = text(client.get(url))
    empty = client.post(url, {})
    confirmation = client.post(url, {"preistraeger": [winner.pk]})
    nothing_yet = Entry.objects.get(pk=winner.pk).is_winner
    done = client.post(url, {"preistraeger": [winner.pk], "bestaetigt": "1"}, follow=True)

    assert "Platz 1, Gesamtwertung 9,00 aus 1 Bewertung" in choice
    assert "Gemeinsamer Bauhof (Stadt Borken) Gesamtwertung erst nach eigener Bewertung sichtbar." in choice
    assert "Bitte wählen Sie mindestens einen Beitrag." in empty.content.decode()
    assert "Bitte bestätigen" in text(confirmation)
    assert nothing_yet is False
    assert "Die Preisträger in der Kategorie „Innere Verwaltung“ sind festgelegt: „Gemeinsames Standesamt“." in text(
        done
    )
    assert Entry.objects.get(pk=winner.pk).is_winner is True
    assert Entry.objects.get(pk=other.pk).is_winner is False
    category.refresh_from_db()
    assert category.decided_by == members["jury-vorsitz"].user
    round_.refresh_from_db()
    assert round_.state == "decided"
    public = text(client.get(f"/landespreis/{round_.year}/preistraeger/"))
    assert "Gemeinsames Standesamt" in public
    assert "Gemeinsamer Bauhof" not in public


def test_changing_the_choice_goes_back_with_the_entries_ticked(client, jury):
    round_, category, _, members = jury
    entry = EntryFactory(round=round_, category=category)
    client.force_login(members["jury-vorsitz"].user)

    response = client.post(
        f"/landespreis/jury/{round_.year}/kategorie/{category.pk}/preistraeger/",
        {"preistraeger": [entry.pk], "aendern": "1"},
    )

    html = response.content.decode()
    assert "Weiter zur Bestätigung" in html
    assert re.search(rf'value="{entry.pk}" id="preistraeger-{entry.pk}"[^>]*checked', html)
    assert Entry.objects.get(pk=entry.pk).is_winner is False


def test_decision_waits_for_the_jury_phase(client, jury):
    round_, category, _, members = jury
    Round.objects.filter(pk=round_.pk).update(state="open")
    entry = EntryFactory(round=round_, category=category)
    client.force_login(members["jury-vorsitz"].user)
    url = f"/landespreis/jury/{round_.year}/kategorie/{category.pk}/preistraeger/"

    page = text(client.get(url))
    post = client.post(url, {"preistraeger": [entry.pk], "bestaetigt": "1"})

    assert "wenn die Redaktion die Runde in den Stand „Jurierung“ gesetzt hat" in page
    assert post.status_code == 409
    assert Entry.objects.get(pk=entry.pk).is_winner is False


def test_chair_closes_a_category_without_winners_with_a_confirmation_step(client, jury):
    round_, category, _, members = jury
    entry = EntryFactory(round=round_, category=category, title="Gemeinsamer Bauhof")
    client.force_login(members["jury-vorsitz"].user)
    url = f"/landespreis/jury/{round_.year}/kategorie/{category.pk}/preistraeger/"

    choice = text(client.get(url))
    confirmation = text(client.post(url, {"ohne_preistraeger": "1"}))
    undecided = Category.objects.get(pk=category.pk).decided_at
    back = client.post(url, {"ohne_preistraeger": "1", "aendern": "1"})
    done = client.post(url, {"ohne_preistraeger": "1", "bestaetigt": "1"}, follow=True)

    assert "Keinen Preis vergeben" in choice
    assert "Die Jury vergibt in „Innere Verwaltung“ keinen Preis; das Preisgeld von 10.000 € wird nicht vergeben." in (
        confirmation
    )
    assert undecided is None
    assert "Weiter zur Bestätigung" in text(back)
    page = text(done)
    assert "Die Kategorie „Innere Verwaltung“ ist ohne Preisträger abgeschlossen." in page
    assert "Die Kategorie ist ohne Preisträger abgeschlossen. Die Bewertungen sind endgültig." in page
    category.refresh_from_db()
    round_.refresh_from_db()
    assert category.decided_by == members["jury-vorsitz"].user
    assert Entry.objects.get(pk=entry.pk).is_winner is False
    assert round_.state == "decided"
    overview = text(client.get(f"/landespreis/jury/{round_.year}/"))
    assert "ohne Preisträger abgeschlossen am" in overview


def test_winners_and_no_winners_at_once_are_refused(client, jury):
    round_, category, _, members = jury
    entry = EntryFactory(round=round_, category=category)
    client.force_login(members["jury-vorsitz"].user)
    url = f"/landespreis/jury/{round_.year}/kategorie/{category.pk}/preistraeger/"

    response = client.post(url, {"preistraeger": [entry.pk], "ohne_preistraeger": "1", "bestaetigt": "1"})

    assert "entweder Preisträger oder „ohne Preisträger abschließen“, nicht beides" in text(response)
    assert Category.objects.get(pk=category.pk).decided_at is None


def test_a_category_without_entries_says_it_does_not_hold_up_the_round(client, jury):
    round_, category, _, members = jury
    empty = CategoryFactory(round=round_, name="Shared Service Center")
    winner = EntryFactory(round=round_, category=category, title="Gemeinsames Standesamt")
    client.force_login(members["jury-vorsitz"].user)

    overview = text(client.get(f"/landespreis/jury/{round_.year}/"))
    ranking = text(client.get(f"/landespreis/jury/{round_.year}/kategorie/{empty.pk}/"))
    decide = text(client.get(f"/landespreis/jury/{round_.year}/kategorie/{empty.pk}/preistraeger/"))
    client.post(
        f"/landespreis/jury/{round_.year}/kategorie/{category.pk}/preistraeger/",
        {"preistraeger": [winner.pk], "bestaetigt": "1"},
    )

    assert "Shared Service Center Keine Beiträge im Wettbewerb" in overview
    assert "für den Abschluss der Runde zählt sie nicht mit" in ranking
    assert "Zu entscheiden ist hier nichts; für den Abschluss der Runde zählt sie nicht mit." in decide
    assert "Ohne Preisträger abschließen" not in decide
    round_.refresh_from_db()
    assert round_.state == "decided"
    assert round_.get_state_display() in text(client.get(f"/landespreis/jury/{round_.year}/"))


# --- Demo content ---


def test_demo_jury_logs_in_and_scores_an_entry_of_the_open_demo_round(client):
    from awards.demo import JURY_PASSWORD, create_demo_rounds

    create_demo_rounds()
    open_round = Round.objects.get(is_demo=True, state="open")
    entry = open_round.entries.order_by("title").first()

    client.post("/landespreis/jury/anmelden/", {"username": "jury-nrwbank", "password": JURY_PASSWORD})
    overview = text(client.get(f"/landespreis/jury/{open_round.year}/"))
    criteria = list(open_round.criteria.order_by("position"))
    response = client.post(entry_url(entry), {f"punkte_{criterion.pk}": "7" for criterion in criteria}, follow=True)

    assert "Beispieldaten" in overview
    assert overview.count("noch nicht bewertet") == open_round.entries.count() == 3
    assert "Ihre Bewertung ist gespeichert." in text(response)
    assert Score.objects.filter(member__user__username="jury-nrwbank").count() == len(criteria) == 3
