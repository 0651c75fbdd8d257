import datetime
import re

import pytest
from django.core.cache import cache
from django.utils import timezone

from portal.models import Municipality
from tests.factories import (
    DocumentFactory,
    EventDateFactory,
    EventFactory,
    NewsItemFactory,
    ProjectFactory,
    RoundFactory,
)

pytestmark = pytest.mark.django_db


def kommune(slug):
    return Municipality.objects.get(slug=slug)


def figures(page: str) -> dict[str, str]:
    """The key figures as the page shows them: label → number."""
    found = re.findall(r'key-figure__number">([^<]+)</span> <span class="key-figure__label">([^<]+)<', page)
    return {label.replace("&shy;", ""): number for number, label in found}


def home(client) -> str:
    return client.get("/").content.decode()


def test_key_figures_count_published_projects_their_kommunen_the_share_of_gemeinden_and_documents(client):
    # Kreis Borken leads with two of its Gemeinden; Heiden also works with Münster (kreisfreie Stadt).
    ProjectFactory(
        participants__lead=kommune("kreis-borken"), participants__partners=[kommune("heiden"), kommune("ahaus")]
    )
    ProjectFactory(participants__lead=kommune("muenster"), participants__partners=[kommune("heiden"), "GPA NRW"])
    ProjectFactory(
        is_published=False, participants__lead=kommune("gescher"), participants__partners=[kommune("borken")]
    )
    DocumentFactory()
    DocumentFactory()
    DocumentFactory(is_published=False)

    shown = figures(home(client))

    # Heiden, Ahaus and Münster are 3 of the 396 Städte und Gemeinden: 0.76 %, shown as 1 %.
    assert shown == {
        "Kooperationsprojekte": "2",
        "beteiligte Kommunen": "4",
        "der 396 Städte und Gemeinden sind an mindestens einer Kooperation beteiligt (3 von 396)": "1 %",
        "Dokumente: Vereinbarungen, Satzungen, Urteile": "2",
    }


def test_key_figures_are_cached_for_a_few_minutes(client):
    ProjectFactory()
    assert figures(home(client))["Kooperationsprojekt"] == "1"

    ProjectFactory()
    cached = figures(home(client))
    cache.clear()  # what the 5 minutes do

    assert cached["Kooperationsprojekt"] == "1"
    assert figures(home(client))["Kooperationsprojekte"] == "2"


def test_home_shows_leuchtturm_projects_next_events_and_latest_news(client):
    ProjectFactory(title="Gemeinsames Finanzzentrum", is_lighthouse=True)
    ProjectFactory(title="Gewöhnlicher Bauhof")
    ProjectFactory(title="Entwurf eines Leuchtturms", is_lighthouse=True, is_published=False)
    soon = timezone.now() + datetime.timedelta(days=3)
    EventDateFactory(
        event=EventFactory(title="Bald: Sprechstunde"), starts_at=soon, ends_at=soon + datetime.timedelta(hours=1)
    )
    EventDateFactory(event=EventFactory(title="Später: Jahrestagung"))
    EventDateFactory(event=EventFactory(title="Entwurf: Seminar", status="draft"))
    past = timezone.now() - datetime.timedelta(days=30)
    EventDateFactory(
        event=EventFactory(title="Vorbei: Austausch"), starts_at=past, ends_at=past + datetime.timedelta(hours=2)
    )
    for day in range(1, 5):
        NewsItemFactory(
            title=f"Meldung vom Tag {day}", published_on=timezone.localdate() - datetime.timedelta(days=day)
        )
    NewsItemFactory(title="Entwurf einer Meldung", is_published=False)

    response = client.get("/")
    page = response.content.decode()

    assert [p.title for p in response.context["lighthouse_projects"]] == ["Gemeinsames Finanzzentrum"]
    assert [e.title for e in response.context["events"]] == ["Bald: Sprechstunde", "Später: Jahrestagung"]
    assert [n.title for n in response.context["news"]] == [
        "Meldung vom Tag 1",
        "Meldung vom Tag 2",
        "Meldung vom Tag 3",
    ]
    assert "Gemeinsames Finanzzentrum" in page and "Gewöhnlicher Bauhof" not in page
    assert page.index("Bald: Sprechstunde") < page.index("Später: Jahrestagung")
    assert "Vorbei: Austausch" not in page and "Entwurf" not in page
    assert "Meldung vom Tag 4" not in page
    assert 'href="/aktuelles/"' in page and 'href="/veranstaltungen/kalender.ics"' in page


def test_home_says_when_nothing_is_planned(client):
    page = home(client)

    assert "Gerade ist keine Veranstaltung geplant." in page
    assert "Noch keine Meldungen." in page
    assert "Leuchtturmprojekte" not in page


def test_landespreis_teaser_only_while_a_round_takes_entries(client):
    RoundFactory(year=2022, state="decided")
    assert "Jetzt bewerben" not in home(client)

    round_ = RoundFactory(year=2030, entries_close_at=timezone.now() + datetime.timedelta(days=12))
    page = home(client)

    assert f"{round_.title}</h2>" in page
    assert "Die Bewerbung läuft: noch 12 Tage." in page
    assert 'href="/landespreis/2030/bewerbung/"' in page

    round_.state = "jury"
    round_.save()
    assert "Jetzt bewerben" not in home(client)


def test_newsletter_form_of_the_home_page_brings_the_address_to_the_sign_up_without_a_cookie(client):
    response = client.get("/")
    page = response.content.decode()
    form = re.search(r'<form method="get" action="/newsletter/".*?</form>', page, re.S).group(0)

    assert re.findall(r'name="([a-z_]+)"', form) == ["email"]
    assert 'for="newsletter-email">Ihre E-Mail-Adresse' in form
    assert response.cookies == {}
    sign_up = client.get("/newsletter/", {"email": "kim@beispiel-kommune.de"}).content.decode()
    assert 'value="kim@beispiel-kommune.de"' in sign_up
    assert 'name="consent"' in sign_up


def test_map_teaser_is_an_image_of_every_gemeinde_coloured_by_its_projects(client):
    ProjectFactory(participants__lead=kommune("heiden"), participants__partners=[kommune("kreis-borken")])

    page = home(client)
    response = client.get("/kommunen/karte.svg")
    svg = response.content.decode()

    assert re.search(
        r'<a class="map-teaser__link" href="/kommunen/"><img class="map-teaser__image" src="/kommunen/karte.svg"', page
    )
    assert response["Content-Type"] == "image/svg+xml; charset=utf-8"
    assert response["Cache-Control"] == "public, max-age=600"
    groups = dict(re.findall(r'<g fill="(#[0-9a-f]{6})">(.*?)</g>', svg, re.S))
    counts = {fill: paths.count("<path") for fill, paths in groups.items()}
    assert counts == {"#f4f6fa": 395, "#a9bce6": 1, "#6f8dcf": 0, "#1d3f8c": 0}
    assert kommune("heiden").shape in groups["#a9bce6"]
    assert "<script" not in svg and "style" not in svg


def test_home_links_its_feeds_in_the_head(client):
    page = home(client)

    head = page[: page.index("</head>")]
    assert '<link rel="alternate" type="application/atom+xml" title="Aktuelles (Atom)" href="/aktuelles/feed/">' in head
    assert 'title="Neue Projekte (Atom)" href="/projekte/feed/"' in head
    assert 'title="Veranstaltungen (Atom)" href="/veranstaltungen/feed/"' in head


@pytest.mark.parametrize("count", [1, 3])
def test_home_runs_an_exact_number_of_queries(client, django_assert_num_queries, count):
    RoundFactory()
    for _ in range(count):
        ProjectFactory(is_lighthouse=True, participants__lead=kommune("heiden"), participants__topics=["personal"])
        EventDateFactory(event=EventFactory(topics=["personal"]))
        NewsItemFactory(topics=["personal"], picture=True)
        DocumentFactory()

    # The round; the key figures (Kommunen, projects, documents); Leuchtturm projects, their Themenfelder and
    # participants; the events; the news.
    with django_assert_num_queries(9):
        response = client.get("/")
    # The key figures come from the cache now.
    with django_assert_num_queries(6):
        client.get("/")

    assert len(response.context["lighthouse_projects"]) == len(response.context["news"]) == count


def test_map_teaser_is_drawn_in_two_queries_then_from_the_cache(client, django_assert_num_queries):
    with django_assert_num_queries(2):
        first = client.get("/kommunen/karte.svg").content
    with django_assert_num_queries(0):
        second = client.get("/kommunen/karte.svg").content

    assert first == second
