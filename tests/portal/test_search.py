import datetime
import json
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from events.models import Event
from events.services import refresh_event
from portal import search
from portal.querysets import UMLAUTS_BASE, fold_text
from tests.events.test_admin import event_form
from tests.factories import (
    DocumentFactory,
    EventDateFactory,
    EventFactory,
    NewsItemFactory,
    PageFactory,
    ProjectFactory,
    VenueFactory,
)

pytestmark = pytest.mark.django_db

SEARCH = "/suche/"
SUGGESTIONS = "/suche/vorschlaege/"


def titles(found):
    return [str(hit) for hit in found.hits]


def hit_links(html):
    """The addresses of the hits on a result page, in their order."""
    return re.findall(r'<li class="search-result">\s*<(?:article|p)[^>]*>.*?href="([^"]+)"', html, re.S)


@pytest.fixture
def ladder_content():
    """One item of each kind about turntable ladders (Drehleiter), plus drafts that must not be found."""
    ProjectFactory(
        slug="drehleiter", title="Gemeinsame Drehleiter im Kreis", teaser="Drei Feuerwehren teilen eine Drehleiter."
    )
    DocumentFactory(
        slug="drehleiter-vertrag",
        title="Öffentlich-rechtliche Vereinbarung",
        description="Über die gemeinsame Beschaffung.",
        text="§ 3 Die Stadt stellt die Drehleiter mit Maschinisten bereit.",
    )
    EventDateFactory(
        event=EventFactory(slug="drehleiter-tag", title="Erfahrungsaustausch Drehleiter", teaser="Wartung und Einsatz.")
    )
    NewsItemFactory(
        slug="drehleiter-meldung", title="Neue Drehleiter übergeben", teaser="Drei Gemeinden, ein Fahrzeug."
    )
    PageFactory(
        slug="drehleiter-seite", title="Technik", body="<p>Wie eine <strong>Drehleiter</strong> geprüft wird.</p>"
    )
    ProjectFactory(slug="entwurf", title="Drehleiter-Entwurf", is_published=False)
    EventFactory(slug="entwurf-termin", title="Drehleiter-Entwurf", status="draft")
    NewsItemFactory(slug="entwurf-meldung", title="Drehleiter-Entwurf", is_published=False)
    DocumentFactory(slug="entwurf-dokument", title="Drehleiter-Entwurf", is_published=False)


# --- What is found --------------------------------------------------------------------------------


def test_each_kind_is_found_with_its_passage_and_drafts_are_not(client, ladder_content):
    response = client.get(SEARCH, {"q": "Drehleiter"})

    html = response.content.decode()
    found = {group.kind.slug: [hit.slug for hit in group.hits] for group in response.context["groups"]}
    assert found == {
        "projekte": ["drehleiter"],
        "dokumente": ["drehleiter-vertrag"],
        "veranstaltungen": ["drehleiter-tag"],
        "aktuelles": ["drehleiter-meldung"],
        "seiten": ["drehleiter-seite"],
        "kommunen": [],
    }
    assert "5 Treffer zu „Drehleiter“" in html
    for url in [
        "/projekte/drehleiter/",
        "/dokumente/drehleiter-vertrag/",
        "/veranstaltungen/drehleiter-tag/",
        "/aktuelles/drehleiter-meldung/",
        "/drehleiter-seite/",
    ]:
        assert f'href="{url}"' in html
    # The document matched only in the text of its file: its passage comes from there.
    assert "Die Stadt stellt die <mark>Drehleiter</mark> mit Maschinisten bereit." in html
    assert "Wie eine <mark>Drehleiter</mark> geprüft wird." in html
    assert "Entwurf" not in html


def test_news_dated_later_are_not_found_before_their_day():
    NewsItemFactory(slug="spaeter", title="Drehleiter kommt", published_on=timezone.localdate() + datetime.timedelta(1))

    assert search.news("Drehleiter").count == 0


def test_german_stemming_finds_other_forms_of_the_word(client):
    ProjectFactory(slug="leitstelle", title="Gemeinsame Leitstelle", teaser="Die Feuerwehr des Kreises alarmiert.")
    DocumentFactory(slug="satzung", title="Satzung", text="Aufgaben der Feuerwehr")
    EventFactory(slug="austausch", title="Austausch der Feuerwehr", teaser="Kreis und Gemeinden.")
    NewsItemFactory(slug="meldung", title="Neues Fahrzeug", teaser="Für die Feuerwehr der Gemeinde.")

    response = client.get(SEARCH, {"q": "Feuerwehren"})

    counts = {group.kind.slug: group.count for group in response.context["groups"]}
    assert counts["projekte"] == counts["dokumente"] == counts["veranstaltungen"] == counts["aktuelles"] == 1
    assert "<mark>Feuerwehr</mark> des Kreises alarmiert." in response.content.decode()


def test_event_vector_holds_programme_places_and_host(client):
    event = EventFactory(slug="tagung", title="Jahrestagung", teaser="Ein Tag für alle.")
    EventDateFactory(event=event, venue=VenueFactory(name="Stadthalle", city="Gütersloh"))
    event.agenda.create(title="Podium Schulträgerschaft", speakers="Petra Beispiel; Kim Muster")
    refresh_event(event=event)

    for query in ["Gütersloh", "Schulträgerschaft", "Beispiel", "Stadthalle"]:
        assert titles(search.events(query)) == ["Jahrestagung"], query


def test_saving_an_event_in_the_admin_refreshes_its_search_vector(admin_client):
    date = EventDateFactory(event=EventFactory(slug="tagung", title="Jahrestagung"))
    assert search.events("Klimaanpassung").count == 0

    data = event_form(date.event) | {"teaser": "Thema dieses Jahr: Klimaanpassung in kleinen Gemeinden."}
    response = admin_client.post(reverse("admin:events_event_change", args=[date.event_id]), data)

    assert response.status_code == 302
    assert titles(search.events("Klimaanpassung")) == ["Jahrestagung"]


def test_renaming_a_venue_in_the_admin_refreshes_its_events(admin_client):
    venue = VenueFactory(name="Stadthalle", city="Gütersloh")
    EventDateFactory(event=EventFactory(slug="tagung", title="Jahrestagung"), venue=venue)
    refresh_event(event=Event.objects.get())
    data = {"name": "Stadthalle", "street": venue.street, "postal_code": venue.postal_code, "city": "Rheda"}

    admin_client.post(reverse("admin:events_venue_change", args=[venue.pk]), data)

    assert search.events("Gütersloh").count == 0
    assert titles(search.events("Rheda")) == ["Jahrestagung"]


def test_oder_between_words_finds_either(client):
    texts = {"occasion": "", "goal": "", "implementation": ""}
    ProjectFactory(slug="bauhof", title="Gemeinsamer Bauhof", teaser="Fahrzeuge teilen.", **texts)
    ProjectFactory(
        slug="friedhof", title="Gemeinsame Friedhofsverwaltung", teaser="Ein Friedhof für zwei Orte.", **texts
    )

    either = client.get(SEARCH, {"q": "Bauhof oder Friedhof"}).context["groups"][0]
    both = client.get(SEARCH, {"q": "Bauhof Friedhof"}).context["groups"][0]

    assert sorted(hit.slug for hit in either.hits) == ["bauhof", "friedhof"]
    assert both.count == 0


def test_found_pages_come_from_the_cache_until_a_page_changes(client, django_assert_num_queries):
    page = PageFactory(slug="technik", title="Technik", body="<p>Wie eine Drehleiter geprüft wird.</p>")
    assert titles(search.pages("Drehleiter")) == ["Technik"]

    with django_assert_num_queries(1):  # the pages' state only
        assert titles(search.pages("Drehleiter")) == ["Technik"]
    page.body = "<p>Wie ein Löschfahrzeug geprüft wird.</p>"
    page.save()
    assert search.pages("Drehleiter").count == 0
    PageFactory(slug="neu", title="Neu", body="<p>Die Drehleiter.</p>")
    assert titles(search.pages("Drehleiter")) == ["Neu"]


def test_kommunen_are_found_however_umlauts_are_typed_the_name_itself_first(client):
    response = client.get(SEARCH, {"q": "Muenster"})

    kommunen = response.context["groups"][-1]
    assert [m.short_name for m in kommunen.hits] == [
        "Münster",
        "Bad Münstereifel",
        "Marienmünster",
        "Regierungsbezirk Münster",
    ]
    html = response.content.decode()
    assert 'href="/kommunen/muenster/"' in html
    assert 'Bad Münstereifel</a> <span class="kern-body--small search-hit__detail">kreisangehörige Stadt, ' in html


def test_kommunen_are_not_all_found_by_their_official_name(client):
    kommunen = search.municipalities("Stadt")

    assert kommunen.count < 30
    # Städteregion Aachen too: umlauts may be typed as their base letter.
    assert all("stadt" in fold_text(m.short_name, UMLAUTS_BASE) for m in kommunen.hits)


# --- Counts, filter by kind, pages ------------------------------------------------------------------


def test_overview_shows_counts_and_links_to_each_kind_listed_alone(client):
    for n in range(7):
        DocumentFactory(slug=f"d{n}", title=f"Vereinbarung Winterdienst {n}", text="Winterdienst")
    ProjectFactory(slug="winterdienst", title="Gemeinsamer Winterdienst")

    html = client.get(SEARCH, {"q": "Winterdienst"}).content.decode()

    assert "8 Treffer zu „Winterdienst“" in html
    assert 'aria-current="page">Alle <span class="search-filters__count">(8)</span>' in html
    assert 'href="/suche/?q=Winterdienst&amp;typ=dokumente">Dokumente <span class="search-filters__count">(7)' in html
    assert 'href="/suche/?q=Winterdienst&amp;typ=projekte">Projekte <span class="search-filters__count">(1)' in html
    assert '<span class="search-filters__none">Veranstaltungen <span class="search-filters__count">(0)' in html
    assert "Dokumente (7)</h3>" in html
    assert html.count('href="/dokumente/d') == 5 * 2  # the title and the download link of the first five
    assert '<a class="kern-link" href="/suche/?q=Winterdienst&amp;typ=dokumente">Alle 7 Dokumente zu' in html


def test_filter_by_kind_lists_that_kind_alone_and_keeps_it_when_searching_again(client):
    DocumentFactory(slug="vertrag", title="Vereinbarung Winterdienst", text="Winterdienst")
    ProjectFactory(slug="winterdienst", title="Gemeinsamer Winterdienst")

    response = client.get(SEARCH, {"q": "Winterdienst", "typ": "dokumente"})

    html = response.content.decode()
    assert "1 Dokument zu „Winterdienst“" in html
    assert hit_links(html) == ["/dokumente/vertrag/"]
    assert 'aria-current="page">Dokumente <span class="search-filters__count">(1)' in html
    assert 'href="/suche/?q=Winterdienst">Alle <span class="search-filters__count">(2)' in html
    assert '<input type="hidden" name="typ" value="dokumente"' in html
    assert 'href="/dokumente/?q=Winterdienst">In der Dokumentbibliothek mit Filtern weitersuchen' in html


def test_filtered_kind_without_hits_links_to_all_hits(client):
    ProjectFactory(slug="winterdienst", title="Gemeinsamer Winterdienst")

    html = client.get(SEARCH, {"q": "Winterdienst", "typ": "veranstaltungen"}).content.decode()

    assert "0 Veranstaltungen zu „Winterdienst“" in html
    assert (
        'Keine Veranstaltungen zu „Winterdienst“. <a class="kern-link" href="/suche/?q=Winterdienst">Alle 1 Treffer'
        in html
    )


def test_filtered_kind_pages_through_all_hits_in_the_same_order(client):
    for n in range(23):
        DocumentFactory(
            slug=f"d{n:02}", title=f"Vereinbarung {n:02}", date=datetime.date(2000 + n, 1, 1), text="Straßenreinigung"
        )
    expected = [f"/dokumente/d{n:02}/" for n in range(22, -1, -1)]  # equal rank: newest first

    pages = [client.get(SEARCH, {"q": "Straßenreinigung", "typ": "dokumente", "seite": number}) for number in (1, 2, 3)]

    links = [hit_links(page.content.decode()) for page in pages]
    assert links == [expected[:10], expected[10:20], expected[20:]]
    assert "<mark>Straßenreinigung</mark>" in pages[2].content.decode()
    assert 'href="?q=Stra%C3%9Fenreinigung&amp;typ=dokumente&amp;seite=2"' in pages[0].content.decode()
    assert '<ol class="search-results search-results--dokumente" start="11">' in pages[1].content.decode()
    # Beyond the last page: the last page.
    assert (
        hit_links(client.get(SEARCH, {"q": "Straßenreinigung", "typ": "dokumente", "seite": 99}).content.decode())
        == (expected[20:])
    )


# --- Empty, invalid and hostile input ---------------------------------------------------------------


def test_without_a_query_the_page_explains_the_search(client):
    response = client.get(SEARCH)

    html = response.content.decode()
    assert "So finden Sie, was Sie suchen" in html
    assert "Treffer" not in html
    assert response.get("X-Robots-Tag") is None


def test_nothing_found_gives_tips(client):
    response = client.get(SEARCH, {"q": "Xylophonorchester"})

    html = response.content.decode()
    assert "0 Treffer zu „Xylophonorchester“" in html
    assert "Zu „Xylophonorchester“ haben wir nichts gefunden." in html
    assert "„Feuerwehren“ findet auch „Feuerwehr“" in html
    assert 'href="/kontakt/">Fragen Sie uns.' in html
    assert response["X-Robots-Tag"] == "noindex"


def test_empty_parameters_are_dropped_from_the_address(client):
    response = client.get(SEARCH, {"q": " ", "typ": ""})

    assert response.status_code == 302
    assert response["Location"] == "/suche/"


def test_too_long_query_is_refused_next_to_the_field(client):
    response = client.get(SEARCH, {"q": "Bauhof " * 40})

    html = response.content.decode()
    assert response.status_code == 200
    assert "Bitte kürzen Sie den Suchbegriff auf höchstens 200 Zeichen." in html
    assert 'aria-invalid="true"' in html
    assert "Treffer" not in html


@pytest.mark.parametrize(
    "params",
    [
        {"q": "Bauhof", "typ": "unbekannt"},
        {"q": "Bauhof", "typ": "projekte", "seite": "abc"},
        {"q": "Bauhof", "typ": "projekte", "seite": "-1"},
        {"q": 'Bauhof "offen -" or or -- & | ! :* (\\'},
        {"q": "der die das"},
        {"q": "Bau\x00hof"},
    ],
)
def test_odd_input_gives_a_page_not_an_error(client, params):
    ProjectFactory(slug="bauhof", title="Gemeinsamer Bauhof")

    response = client.get(SEARCH, params)

    assert response.status_code == 200
    assert "Suche" in response.content.decode()


def test_unknown_kind_lists_every_kind(client):
    ProjectFactory(slug="bauhof", title="Gemeinsamer Bauhof")

    response = client.get(SEARCH, {"q": "Bauhof", "typ": "unbekannt"})

    assert "groups" in response.context
    assert 'href="/projekte/bauhof/"' in response.content.decode()


def test_passages_and_query_are_escaped(client):
    ProjectFactory(
        slug="xss",
        title="Gemeinsamer Bauhof",
        teaser='<script>alert("teaser")</script> Der Bauhof <img src=x onerror=alert(1)> teilt Fahrzeuge.',
    )
    DocumentFactory(slug="xss", title="Vertrag", text="Bauhof </mark><script>alert('pdf')</script>")

    html = client.get(SEARCH, {"q": "Bauhof <script>alert('q')</script>"}).content.decode()
    html += client.get(SEARCH, {"q": "Bauhof"}).content.decode()

    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "</mark><script>" not in html
    assert "<mark>Bauhof</mark>" in html
    assert "&lt;script&gt;alert(&#x27;q&#x27;)&lt;/script&gt;" in html


# --- Queries ------------------------------------------------------------------------------------------


def _content(count: int):
    """`count` items of every kind about Borken; the Kommunen Borken and Kreis Borken match by name."""
    for n in range(count):
        ProjectFactory(slug=f"p{n}", title=f"Bauhof Borken {n}")
        DocumentFactory(slug=f"d{n}", title=f"Vertrag {n}", text="Borken")
        EventDateFactory(event=EventFactory(slug=f"e{n}", title=f"Austausch in Borken {n}"))
        NewsItemFactory(slug=f"n{n}", title=f"Neues aus Borken {n}")
        PageFactory(slug=f"s{n}", title=f"Borken {n}")


@pytest.mark.parametrize("count", [1, 3])
def test_overview_query_count_does_not_grow_with_hits(client, django_assert_num_queries, count):
    _content(count)

    # Per kind a count and the hits (pages: their state, then their hits), Themenfelder and participants of
    # the projects, the dates of the events.
    with django_assert_num_queries(15):
        response = client.get(SEARCH, {"q": "Borken"})

    assert [group.count for group in response.context["groups"]] == [count, count, count, count, count, 2]


@pytest.mark.parametrize("count", [1, 3])
@pytest.mark.parametrize(("kind", "queries"), [("projekte", 10), ("dokumente", 8), ("veranstaltungen", 9)])
def test_filtered_query_count_does_not_grow_with_hits(client, django_assert_num_queries, count, kind, queries):
    _content(count)

    # A count per kind (pages: their state and hits), the page, its prefetches.
    with django_assert_num_queries(queries):
        response = client.get(SEARCH, {"q": "Borken", "typ": kind})

    assert len(response.context["page_obj"].object_list) == count


@pytest.mark.parametrize("count", [11, 13])
def test_later_pages_take_one_query_more_to_choose_their_rows(client, django_assert_num_queries, count):
    for n in range(count):
        ProjectFactory(slug=f"p{n}", title=f"Bauhof Borken {n}")

    # Seven for the counts, the ids of the page, the page with its passages, Themenfelder, participants.
    with django_assert_num_queries(11):
        response = client.get(SEARCH, {"q": "Bauhof", "typ": "projekte", "seite": 2})

    assert len(response.context["page_obj"].object_list) == count - 10


# --- Suggestions ---------------------------------------------------------------------------------------


def test_suggestions_offer_kommunen_and_published_projects_by_word_prefix(client):
    ProjectFactory(slug="schule", title="Gemeinsame Feuerwehrschule")
    ProjectFactory(slug="wache", title="Feuerwache am Rhein")
    ProjectFactory(slug="loeschzug", title="Löschzug am Rhein", tags=["Feuerwehr"])
    ProjectFactory(slug="entwurf", title="Feuerwehr-Entwurf", is_published=False)
    ProjectFactory(slug="bauhof", title="Bauhof", teaser="Auch für die Feuerwehr.")

    response = client.get(SUGGESTIONS, {"q": "feuerw"})

    assert response["Content-Type"] == "application/json"
    assert response["Cache-Control"] == "public, max-age=60"
    # Titles starting with the word first; a Stichwort or a text alone does not make a suggestion.
    assert json.loads(response.content) == {
        "suggestions": [
            {"label": "Feuerwache am Rhein", "kind": "Projekt", "detail": "Projekt", "url": "/projekte/wache/"},
            {"label": "Gemeinsame Feuerwehrschule", "kind": "Projekt", "detail": "Projekt", "url": "/projekte/schule/"},
        ]
    }


def test_suggestions_put_kommunen_first(client):
    ProjectFactory(slug="koeln", title="Kölner Bäder im Verbund")

    suggestions = json.loads(client.get(SUGGESTIONS, {"q": "Köl"}).content)["suggestions"]

    assert [(s["label"], s["detail"]) for s in suggestions] == [
        ("Köln", "kreisfreie Stadt"),
        ("Regierungsbezirk Köln", "Regierungsbezirk"),
        ("Kölner Bäder im Verbund", "Projekt"),
    ]
    assert suggestions[0]["url"] == "/kommunen/koeln/"


@pytest.mark.parametrize("query", ["muel", "mül", "mul", "ruhr"])
def test_suggested_kommunen_are_found_however_umlauts_are_typed_and_by_any_word(client, query):
    suggestions = json.loads(client.get(SUGGESTIONS, {"q": query}).content)["suggestions"]

    assert "Mülheim an der Ruhr" in [s["label"] for s in suggestions]


def test_suggestions_are_limited_and_stemmed(client):
    for n in range(8):
        ProjectFactory(slug=f"p{n}", title=f"Feuerwehren im Verbund {n}")

    suggestions = json.loads(client.get(SUGGESTIONS, {"q": "Feuerwehr"}).content)["suggestions"]

    assert len(suggestions) == search.SUGGESTIONS_PER_KIND


@pytest.mark.parametrize("query", ["", "k", " b ", ":*", "&|!", "'\\"])
def test_suggestions_need_two_letters_and_survive_odd_input(client, query):
    response = client.get(SUGGESTIONS, {"q": query})

    assert response.status_code == 200
    assert json.loads(response.content)["suggestions"] == []


def test_suggestions_come_from_the_cache_the_second_time(client, django_assert_num_queries):
    client.get(SUGGESTIONS, {"q": "Borken"})

    with django_assert_num_queries(0):
        response = client.get(SUGGESTIONS, {"q": "borken "})

    assert [s["label"] for s in json.loads(response.content)["suggestions"]] == ["Borken", "Kreis Borken"]


def test_every_page_header_has_the_search_field_with_suggestions(client):
    html = client.get("/").content.decode()

    header = html[html.index('<header class="site-header">') : html.index("</header>")]
    assert 'action="/suche/"' in header
    assert 'data-search-suggest="/suche/vorschlaege/"' in header
    assert re.search(r'<script src="/static/js/search-suggest(\.[0-9a-f]+)?\.js" defer></script>', html)
