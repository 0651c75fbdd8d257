"""/statistik/: the figures on known data, each chart with its bars and labels, each table with its rows."""

import datetime
import re

import pytest
from django.utils import timezone

from events.models import EventDate
from portal import statistics
from portal.models import Municipality
from tests.factories import EventDateFactory, EventFactory, ProjectFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

FIRE, DIGITAL, STAFF = "feuerwehr-und-katastrophenschutz", "digitalisierung-und-it", "personal"


def kommune(slug):
    return Municipality.objects.get(slug=slug)


def berlin(year, month, day, hour=10):
    return timezone.make_aware(datetime.datetime(year, month, day, hour))


@pytest.fixture
def projects():
    """Three published projects in the Kreis Borken, the Ennepe-Ruhr-Kreis and Köln, and a draft."""
    ProjectFactory(
        slug="atemschutz",
        form="vereinbarung",
        start=datetime.date(2019, 3, 1),
        participants__lead=kommune("borken"),
        participants__partners=[kommune("heiden"), "GPA NRW"],
        participants__topics=[FIRE],
    )
    ProjectFactory(
        slug="leitstelle",
        form="zweckverband",
        start=datetime.date(2021, 1, 1),
        participants__lead=kommune("heiden"),
        participants__partners=[kommune("borken"), kommune("schwelm")],
        participants__topics=[FIRE, DIGITAL],
    )
    ProjectFactory(
        slug="rechenzentrum",
        form="vereinbarung",
        start=None,
        participants__lead=kommune("koeln"),
        participants__topics=[DIGITAL],
    )
    ProjectFactory(
        slug="entwurf",
        is_published=False,
        start=datetime.date(2015, 1, 1),
        participants__lead=kommune("ahaus"),
        participants__partners=[kommune("borken")],
        participants__topics=[STAFF],
    )


@pytest.fixture
def events():
    """2022: one event with three seats taken (one checked in); 2023: only a draft and a cancelled event;
    2024: an event with one date held and one cancelled."""
    date = EventDateFactory(starts_at=berlin(2022, 6, 1), ends_at=berlin(2022, 6, 1, 15))
    RegistrationFactory.create_batch(2, date=date)
    RegistrationFactory(date=date, checked_in_at=berlin(2022, 6, 1, 9))
    RegistrationFactory(date=date, status="waitlisted")
    RegistrationFactory(date=date, status="cancelled")
    EventDateFactory(event=EventFactory(status="draft"), starts_at=berlin(2023, 5, 1), ends_at=berlin(2023, 5, 1, 15))
    EventDateFactory(
        event=EventFactory(status="cancelled", cancellation_note="Fällt aus."),
        starts_at=berlin(2023, 9, 1),
        ends_at=berlin(2023, 9, 1, 15),
    )
    held = EventDateFactory(starts_at=berlin(2024, 3, 1), ends_at=berlin(2024, 3, 1, 15))
    EventDate.objects.create(
        event=held.event,
        starts_at=berlin(2024, 4, 1),
        ends_at=berlin(2024, 4, 1, 15),
        capacity=10,
        venue=held.venue,
        is_cancelled=True,
        cancelled_at=berlin(2024, 3, 15),
    )


def test_figures_count_published_projects_per_topic_bezirk_year_and_form(projects):
    figures = statistics.compute_figures()

    assert figures.projects == 3
    assert [(row.label, row.value) for row in figures.topics[:3]] == [
        ("Digitalisierung & IT", 2),
        ("Feuerwehr & Katastrophenschutz", 2),
        ("Allgemeine Verwaltung", 0),
    ]
    assert figures.topics[1].url == f"/projekte/?themenfeld={FIRE}"
    assert [(row.label, row.value) for row in figures.bezirke] == [
        ("Regierungsbezirk Arnsberg", 1),
        ("Regierungsbezirk Detmold", 0),
        ("Regierungsbezirk Düsseldorf", 0),
        ("Regierungsbezirk Köln", 1),
        ("Regierungsbezirk Münster", 2),
    ]
    assert [(row.label, row.value, row.url) for row in figures.years] == [
        ("2019", 1, "/projekte/?jahr=2019"),
        ("2020", 0, ""),
        ("2021", 1, "/projekte/?jahr=2021"),
    ]
    assert figures.without_start == 1
    assert [(row.label, row.value) for row in figures.forms[:3]] == [
        ("Öffentlich-rechtliche Vereinbarung", 2),
        ("Zweckverband", 1),
        ("Gemeinsames Kommunalunternehmen", 0),
    ]


def test_figures_give_the_share_of_gemeinden_in_cooperation_per_kreis(projects):
    figures = statistics.compute_figures()

    # Borken, Heiden, Schwelm and Köln; Ahaus only in a draft.
    assert (figures.kommunen_involved, figures.gemeinden_active, figures.gemeinden) == (4, 4, 396)
    assert figures.gemeinden_share_label == "1\u00a0%"
    kreise = {kreis.name: kreis for kreis in figures.kreise}
    assert len(kreise) == 53  # 31 Kreise and 22 kreisfreie Städte
    borken = kreise["Kreis Borken"]
    assert (borken.active, borken.gemeinden, borken.share_label, borken.bezirk) == (
        2,
        17,
        "12\u00a0%",
        "Regierungsbezirk Münster",
    )
    assert borken.description == (
        "Kreis Borken: 2 von 17 Städten und Gemeinden (12\u00a0%) an Kooperationsprojekten beteiligt"
    )
    assert (kreise["Ennepe-Ruhr-Kreis"].active, kreise["Ennepe-Ruhr-Kreis"].gemeinden) == (1, 9)
    assert kreise["Köln"].description == "Köln (kreisfreie Stadt): an Kooperationsprojekten beteiligt"
    assert kreise["Bonn"].description == "Bonn (kreisfreie Stadt): an keinem Kooperationsprojekt beteiligt"
    assert kreise["Köln"].shape.startswith("M")


def test_most_connected_kommunen_count_distinct_partner_kommunen(projects):
    figures = statistics.compute_figures()

    # Köln works alone; GPA NRW is no Kommune; the draft with Ahaus does not count.
    assert [(k.name, k.partners, k.projects, k.url) for k in figures.connected] == [
        ("Borken", 2, 2, "/kommunen/borken/"),
        ("Heiden", 2, 2, "/kommunen/heiden/"),
        ("Schwelm", 2, 1, "/kommunen/schwelm/"),
    ]


def test_events_per_year_count_events_dates_seats_and_check_ins(events):
    figures = statistics.compute_figures()

    assert [(year.year, year.events, year.dates, year.registered, year.attended) for year in figures.event_years] == [
        (2022, 1, 1, 3, 1),
        (2023, 0, 0, 0, 0),
        (2024, 1, 1, 0, 0),
    ]


def test_figures_without_any_data_are_empty_not_an_error():
    figures = statistics.compute_figures()

    assert (figures.projects, figures.years, figures.connected, figures.event_years) == (0, [], [], [])
    assert figures.without_start == 0


def _compact(html: str) -> str:
    return re.sub(r">\s+<", "><", html)


def test_page_shows_each_chart_as_a_named_image_with_its_table(client, projects, events):
    response = client.get("/statistik/")

    html = _compact(response.content.decode())
    images = re.findall(r'<svg class="chart [^"]*"[^>]*role="img" aria-labelledby="([^"]+)-title"', html)
    titles = dict(re.findall(r'<title id="([^"]+)-title">([^<]+)</title>', html))
    assert [titles[image] for image in images] == [
        "Projekte je Themenfeld",
        "Projekte je Regierungsbezirk",
        "Projekte nach Jahr des Beginns",
        "Projekte je Form der Zusammenarbeit",
        "Anteil der Städte und Gemeinden in Kooperationsprojekten je Kreis und kreisfreier Stadt",
        "Die am stärksten vernetzten Kommunen",
        "Veranstaltungen je Jahr",
        "Angemeldete Teilnehmende je Jahr",
    ]
    assert html.count("<figure") == 7 and html.count("<figcaption") == 7
    assert re.findall(r'<caption id="[^"]+" class="chart-figure__table-caption">([^<]+)</caption>', html) == [
        "Tabelle: Projekte je Themenfeld",
        "Tabelle: Projekte je Regierungsbezirk",
        "Tabelle: Projekte nach Jahr des Beginns",
        "Tabelle: Projekte je Form der Zusammenarbeit",
        "Tabelle: beteiligte Städte und Gemeinden je Kreis und kreisfreier Stadt",
        "Tabelle: Partnerkommunen und Projekte der am stärksten vernetzten Kommunen",
        "Tabelle: Veranstaltungen, Termine und Teilnehmende je Jahr",
    ]


def test_page_shows_the_numbers_in_bars_and_table_rows(client, projects, events):
    html = _compact(client.get("/statistik/").content.decode())

    assert "<dd>3</dd>" in html  # published projects
    assert '<dd>1\u00a0% <span class="key-figures__detail">(4 von 396)</span></dd>' in html
    # The bar and the table row of a Themenfeld.
    assert "<title>Feuerwehr &amp; Katastrophenschutz: 2</title>" in html
    assert (
        f'<a class="kern-link" href="/projekte/?themenfeld={FIRE}">Feuerwehr &amp; Katastrophenschutz</a></th>'
        '<td class="kern-table__cell kern-table__cell--numeric">2</td>'
    ) in html
    # A category without projects is a row without a link.
    assert '<th class="kern-table__cell" scope="row">Regierungsbezirk Detmold</th>' in html
    # The map: Kreis Borken in the class "under 25 %", with its tooltip; its row in the table.
    assert '<path class="choropleth__area choropleth--c1" d="' in html
    assert (
        "<title>Kreis Borken: 2 von 17 Städten und Gemeinden (12\u00a0%) an Kooperationsprojekten beteiligt</title>"
        in html
    )
    number = '<td class="kern-table__cell kern-table__cell--numeric">'
    assert (
        '<a class="kern-link" href="/kommunen/kreis-borken/">Kreis Borken</a></th>'
        f'<td class="kern-table__cell">Münster</td>{number}2 von 17</td>{number}12\u00a0%</td>'
    ) in html
    assert "<title>Borken: 2</title>" in html  # most connected
    assert (
        f'<th class="kern-table__cell" scope="row">2022</th>{number}1</td>{number}1</td>{number}3</td>{number}1</td>'
    ) in html
    assert "Ein Projekt ohne Angabe des Beginns fehlt hier." in html


def test_footer_links_to_the_statistics(client):
    html = client.get("/impressum/").content.decode()

    assert '<a class="kern-link" href="/statistik/">Statistik</a>' in html


@pytest.mark.parametrize("count", [1, 3])
def test_page_runs_a_constant_number_of_queries_and_none_from_the_cache(client, django_assert_num_queries, count):
    for n in range(count):
        ProjectFactory(
            slug=f"p-{n}",
            start=datetime.date(2020 + n, 1, 1),
            participants__lead=kommune("borken"),
            participants__partners=[kommune("heiden")],
            participants__topics=[FIRE],
        )
        RegistrationFactory(date=EventDateFactory(starts_at=berlin(2021 + n, 5, 1), ends_at=berlin(2021 + n, 5, 1, 15)))

    # The facet counts of the projects (one statement), Kommunen, Themenfelder, the most connected, the events.
    with django_assert_num_queries(5):
        client.get("/statistik/")
    with django_assert_num_queries(0):
        response = client.get("/statistik/")

    assert response.context["figures"].projects == count


def test_figures_stay_cached_until_they_expire(client, projects, settings):
    assert client.get("/statistik/").context["figures"].projects == 3
    ProjectFactory(slug="neu", participants__lead=kommune("ahaus"))

    assert client.get("/statistik/").context["figures"].projects == 3
    statistics.cache.delete(statistics.CACHE_KEY)
    assert client.get("/statistik/").context["figures"].projects == 4


def test_page_answers_only_get_and_head(client):
    assert client.post("/statistik/").status_code == 405
