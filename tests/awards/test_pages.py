"""The public pages of the Landespreis: the current round with its sub-pages and countdown, winners, archive."""

import datetime
import re

import pytest
from django.utils import timezone

from awards.models import Round
from awards.views import countdown
from tests.awards.conftest import kommune
from tests.factories import CategoryFactory, EntryFactory, ProjectFactory, RoundFactory, UserFactory

pytestmark = pytest.mark.django_db


def text(response) -> str:
    """The page's main content as a reader sees it: tags removed, spaces collapsed."""
    main = response.content.decode().split('<main id="inhalt"', 1)[1].split(">", 1)[1].split("</main>", 1)[0]
    return " ".join(re.sub(r"<[^>]+>", " ", main).split())


def decided_round(year=2022, **fields) -> Round:
    return RoundFactory(
        year=year,
        state="decided",
        entries_open_at=datetime.datetime(year - 1, 12, 23, tzinfo=datetime.UTC),
        entries_close_at=datetime.datetime(year, 2, 11, 22, 59, 59, tzinfo=datetime.UTC),
        **fields,
    )


def winner(round_, category_name="Innere Verwaltung", **fields):
    category = CategoryFactory(round=round_, name=category_name)
    return EntryFactory(round=round_, category=category, is_winner=True, **fields)


# --- The current round ---------------------------------------------------------------------------------------


def test_landespreis_shows_the_latest_published_round_with_its_countdown(client, open_round):
    RoundFactory(year=2028, is_published=False, title="Noch geheim")
    decided_round()
    open_round.entries_close_at = timezone.now() + datetime.timedelta(days=12)
    open_round.save()

    page = text(client.get("/landespreis/"))

    assert "Landespreis für innovative interkommunale Zusammenarbeit 2027" in page
    assert "Noch geheim" not in page
    assert "Bewerbungsfrist noch 12 Tage" in page or "Bewerbungsfrist noch 11 Tage" in page
    assert "Jetzt bewerben" in page
    assert "2 Kategorien" in page and "Preisgeld: 10.000 €" in page


def test_the_countdown_counts_calendar_days_in_berlin():
    round_ = Round(
        state="open",
        entries_open_at=datetime.datetime(2027, 1, 1, tzinfo=datetime.UTC),
        entries_close_at=datetime.datetime(2027, 2, 9, 22, 59, 59, tzinfo=datetime.UTC),  # 23:59:59 in Berlin
    )

    def at(*args):
        return countdown(round_, datetime.datetime(*args, tzinfo=datetime.UTC))

    assert at(2027, 1, 30, 12)["remaining"] == "noch 10 Tage"
    assert at(2027, 2, 8, 12)["remaining"] == "noch 1 Tag"
    assert at(2027, 2, 9, 8)["remaining"] == "Heute ist Bewerbungsschluss, um 23:59 Uhr"
    assert at(2027, 2, 9, 23)["state"] == "closed"
    assert at(2026, 12, 31, 22)["state"] == "not_yet"
    assert at(2027, 1, 30, 12)["closes"] == "9. Februar 2027, 23:59 Uhr"


def test_the_countdown_is_rendered_by_the_server_with_the_deadline_for_the_script(client, open_round):
    open_round.entries_close_at = timezone.now() + datetime.timedelta(days=30, hours=1)
    open_round.save()

    html = client.get("/landespreis/2027/").content.decode()

    close = timezone.localtime(open_round.entries_close_at)
    assert f'data-deadline="{close.isoformat()}"' in html
    assert re.search(r"<strong data-deadline=[^>]+>noch 3[01] Tage</strong>", html)
    assert '<script src="/static/js/awards-countdown.js" defer></script>' in html


def test_after_the_deadline_the_page_says_so_and_offers_no_form(client, open_round):
    open_round.entries_close_at = timezone.now() - datetime.timedelta(hours=1)
    open_round.save()

    page = text(client.get("/landespreis/2027/bewerbung/"))

    assert "Die Bewerbungsfrist ist abgelaufen: Bewerbungsschluss war am" in page
    assert "Neue Bewerbung beginnen" not in page


def badge(response) -> str:
    return re.search(r'<span class="kern-label kern-label--small">([^<]+)</span>', response.content.decode()).group(1)


def test_after_the_deadline_the_round_is_shown_in_the_jury_phase_without_the_editors(client, open_round):
    open_round.entries_close_at = timezone.now() - datetime.timedelta(seconds=1)
    open_round.save()  # still "Bewerbung offen" in the admin

    response = client.get("/landespreis/2027/")

    assert badge(response) == "Jurierung"
    assert "Die Bewerbungsfrist ist abgelaufen: Bewerbungsschluss war am" in text(response)


def test_an_announced_round_is_open_once_its_window_has_begun(client, open_round):
    open_round.state = "announced"
    open_round.save()

    response = client.get("/landespreis/2027/")

    assert badge(response) == "Bewerbung offen"
    assert "Die Bewerbung beginnt am" not in text(response)
    assert "Jetzt bewerben" in text(response)
    assert "Bewerbung um den" in text(client.get("/landespreis/2027/bewerbung/formular/"))


def test_an_announced_round_names_its_start_before_the_window(client, open_round):
    open_round.state = "open"
    open_round.entries_open_at = timezone.now() + datetime.timedelta(days=3)
    open_round.save()

    response = client.get("/landespreis/2027/")

    assert badge(response) == "angekündigt"
    assert "Die Bewerbung beginnt am" in text(response)


def test_sub_pages_show_the_editors_texts(client, open_round):
    for path, heading, body in [
        ("bewerbung", "Bewerbung", "Bewerben Sie sich digital mit dem Formular."),
        ("teilnahmebedingungen", "Teilnahmebedingungen", "Mindestens zwei kommunale Partner."),
        ("preise", "Preise", "10.000 € je Kategorie."),
        ("faq", "Häufige Fragen", "Wer darf sich bewerben? Kommunen in NRW."),
    ]:
        page = text(client.get(f"/landespreis/2027/{path}/"))
        assert "Landespreis für innovative interkommunale Zusammenarbeit 2027 Start Bewerbung" in page, path
        assert heading in page and body in page, path


def test_the_conditions_page_lists_the_rounds_rules(client, open_round):
    open_round.min_municipal_partners = 3
    open_round.ongoing_projects_eligible = True
    open_round.excluded_organisation_kinds = ["sparkasse", "privat"]
    open_round.save()

    page = text(client.get("/landespreis/2027/teilnahmebedingungen/"))

    assert "Mindestens 3 Kommunen aus Nordrhein-Westfalen sind beteiligt" in page
    assert "Das Projekt hat am 1. September 2016 oder später begonnen oder befindet sich noch in der Umsetzung." in page
    assert "Je federführender Kommune eine Bewerbung." in page
    assert "Nicht teilnehmen können: Sparkasse, Privatrechtliches Unternehmen ohne kommunale Kontrolle." in page


def test_the_prizes_page_has_a_table_of_categories(client, open_round):
    page = text(client.get("/landespreis/2027/preise/"))

    assert "Innere Verwaltung Projekte, die Aufgaben der Verwaltung gemeinsam erledigen. 10.000 €" in page


def test_an_unpublished_round_is_hidden_from_visitors_and_previewed_for_editors(client, admin_client):
    RoundFactory(year=2030, is_published=False)

    assert client.get("/landespreis/2030/").status_code == 404
    assert "Vorschau: Diese Runde ist nicht veröffentlicht." in text(admin_client.get("/landespreis/2030/"))


def test_without_any_round_the_page_says_so(client):
    page = text(client.get("/landespreis/"))

    assert "Gerade ist keine Runde ausgeschrieben." in page


def test_unknown_year_and_page_are_404(client, open_round):
    assert client.get("/landespreis/1999/").status_code == 404
    assert client.get("/landespreis/2027/gibtsnicht/").status_code == 404


def test_the_header_links_the_landespreis(client):
    assert '<a class="site-nav__link" href="/landespreis/">Landespreis</a>' in client.get("/").content.decode()


# --- Projects from the database on the Bewerbung page ---------------------------------------------------------


def test_a_project_is_found_to_start_an_entry_with(client, open_round):
    ProjectFactory(title="Gemeinsamer Bauhof Heiden", slug="bauhof-heiden", participants__lead=kommune("heiden"))

    html = client.get("/landespreis/2027/bewerbung/", {"suche": "Bauhof"}).content.decode()

    assert 'href="/landespreis/2027/bewerbung/formular/?projekt=bauhof-heiden"' in html


@pytest.mark.parametrize("count", [1, 3])
def test_the_project_search_runs_a_constant_number_of_queries(client, open_round, django_assert_num_queries, count):
    for n in range(count):
        ProjectFactory(
            slug=f"bauhof-{n}", participants__lead=kommune("heiden"), participants__partners=[kommune("borken")]
        )

    # The round (with its ceremony), the current round, the projects found, their Themenfelder, their participants.
    with django_assert_num_queries(5):
        client.get("/landespreis/2027/bewerbung/", {"suche": "Bauhof"})


# --- Winners ---------------------------------------------------------------------------------------------------


def test_the_winners_page_lists_the_winners_per_category(client):
    round_ = decided_round()
    project = ProjectFactory(title="Standesamt Borken-Heiden", slug="standesamt")
    winner(round_, title="Standesamt Borken-Heiden", project=project, short_description="Ein Amt für zwei Städte.")
    EntryFactory(
        round=round_, category=round_.categories.get(), title="Nicht gewonnen", lead_municipality=kommune("gescher")
    )

    page = text(client.get("/landespreis/2022/preistraeger/"))

    assert (
        "Preisträger 2022 Innere Verwaltung Preisgeld: 10.000 € Standesamt Borken-Heiden "
        "Stadt Borken (federführend), Heiden Ein Amt für zwei Städte." in page
    )
    assert "Nicht gewonnen" not in page


def test_winners_stay_hidden_until_the_category_or_the_round_is_decided(client, open_round):
    open_round.state = "jury"
    open_round.save()
    entry = winner(open_round, category_name="Sonderkategorie", title="Noch geheim")

    assert "Noch geheim" not in text(client.get("/landespreis/2027/preistraeger/"))
    entry.category.decided_at = timezone.now()
    entry.category.save()
    assert "Noch geheim" in text(client.get("/landespreis/2027/preistraeger/"))


def test_demo_winners_are_marked_as_demo_data(client):
    winner(decided_round(is_demo=True))

    page = text(client.get("/landespreis/2022/preistraeger/"))

    assert "Beispieldaten: Die Preisträger und Bewerbungen dieser Runde sind für die Demo erfunden" in page


@pytest.mark.parametrize("count", [1, 3])
def test_the_winners_page_runs_a_constant_number_of_queries(client, django_assert_num_queries, count):
    round_ = decided_round()
    leads = ["borken", "gescher", "heiden"]
    for n in range(count):
        winner(round_, category_name=f"Kategorie {n}", lead_municipality=kommune(leads[n]), partners=[kommune("ahaus")])

    # The round, the current round, the winners with round, category, lead and project, their partners, the categories.
    with django_assert_num_queries(5):
        client.get("/landespreis/2022/preistraeger/")


def test_the_archive_lists_earlier_rounds_with_their_winners(client, open_round):
    winner(decided_round(), title="Standesamt Borken-Heiden")

    page = text(client.get("/landespreis/archiv/"))

    assert "Landespreis für innovative interkommunale Zusammenarbeit 2022" in page
    assert "Innere Verwaltung Standesamt Borken-Heiden" in page
    assert "Zusammenarbeit 2027" in page  # the current round, linked in the lead


@pytest.mark.parametrize("count", [1, 3])
def test_the_archive_runs_a_constant_number_of_queries(client, open_round, django_assert_num_queries, count):
    for n in range(count):
        winner(decided_round(year=2020 - n), lead_municipality=kommune("borken"), partners=[kommune("heiden")])

    # The current round (for the archive's exclusion and for the lead), the rounds, their categories, the winners
    # with round, category, lead and project, their partners.
    with django_assert_num_queries(6):
        client.get("/landespreis/archiv/")


# --- Winners on project and Kommune pages ------------------------------------------------------------------------


def test_a_winning_project_is_flagged_on_its_page(client):
    project = ProjectFactory(slug="standesamt", participants__lead=kommune("borken"))
    winner(decided_round(), project=project, category_name="Innere Verwaltung")

    html = client.get("/projekte/standesamt/").content.decode()

    assert re.search(
        r'<a class="kern-badge kern-badge--success" href="/landespreis/2022/preistraeger/"><span class="kern-label">'
        r"Landespreisträger 2022</span></a> <span[^>]*>Innere Verwaltung</span>",
        html,
    )


def test_a_project_with_an_undecided_entry_is_not_flagged(client, open_round):
    project = ProjectFactory(slug="standesamt", participants__lead=kommune("borken"))
    EntryFactory(round=open_round, project=project, is_winner=True)

    assert "Landespreisträger" not in client.get("/projekte/standesamt/").content.decode()


def test_kommune_pages_show_the_prizes_of_lead_and_partners(client):
    winner(
        decided_round(is_demo=True),
        title="Standesamt Borken-Heiden",
        lead_municipality=kommune("borken"),
        partners=[kommune("heiden")],
    )

    for slug in ("borken", "heiden"):
        page = text(client.get(f"/kommunen/{slug}/"))
        assert "Landespreis Landespreisträger 2022 (Demo-Daten) Standesamt Borken-Heiden Innere Verwaltung" in page
    assert "Landespreisträger" not in text(client.get("/kommunen/gescher/"))


def test_editors_see_an_unpublished_round_in_the_archive_only_when_published(admin_client):
    RoundFactory(year=2019, is_published=False, title="Entwurf einer Runde")

    assert "Entwurf einer Runde" not in text(admin_client.get("/landespreis/archiv/"))


def test_a_jury_account_sees_no_preview(client):
    RoundFactory(year=2030, is_published=False)
    client.force_login(UserFactory(groups=["Jury"]))

    response = client.get("/landespreis/2030/")

    assert response.status_code == 404
    assert "Diese Seite gibt es nicht" in text(response)
    assert "Vorschau" not in text(response)


@pytest.mark.parametrize("count", [1, 3])
def test_the_round_page_runs_a_constant_number_of_queries(client, django_assert_num_queries, count):
    round_ = RoundFactory(year=2027)
    for n in range(count):
        CategoryFactory(round=round_, name=f"Kategorie {n}")

    # The round with its ceremony, the current round, the categories, whether winners are public.
    with django_assert_num_queries(4):
        client.get("/landespreis/2027/")


def test_a_round_closed_before_its_deadline_says_so(client, open_round):
    open_round.state = "jury"
    open_round.save()

    page = text(client.get("/landespreis/2027/"))

    assert "Bewerbungsfrist Die Bewerbung ist geschlossen." in page
    assert "Jetzt bewerben" not in page
