import datetime
import re
import xml.etree.ElementTree as ET

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.formats import date_format

from portal.models import Municipality
from portal.sitemaps import PortalSitemap
from portal.views import NEWS_PER_PAGE
from projects.models import ProjectImage
from projects.services import create_renditions
from tests.factories import (
    DocumentFactory,
    EventDateFactory,
    EventFactory,
    NewsItemFactory,
    PageFactory,
    ProjectFactory,
    RoundFactory,
)
from tests.portal.test_news import picture

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
BASE = "https://interkommunales.nrw"


@pytest.fixture(autouse=True)
def public_base_url(settings):
    settings.PUBLIC_BASE_URL = BASE


def atom(client, url):
    response = client.get(url)
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    return ET.fromstring(response.content)


def entries(feed) -> list[dict]:
    return [
        {
            "title": entry.findtext(f"{ATOM}title"),
            "link": entry.find(f"{ATOM}link").get("href"),
            "summary": entry.findtext(f"{ATOM}summary"),
            "categories": [c.get("term") for c in entry.findall(f"{ATOM}category")],
        }
        for entry in feed.findall(f"{ATOM}entry")
    ]


def locations(client, url) -> list[str]:
    tree = ET.fromstring(client.get(url).content)
    return [loc.text for loc in tree.iter(f"{SITEMAP}loc")]


# --- Atom feeds -------------------------------------------------------------------------------------


def test_news_feed_lists_published_news_newest_first_with_absolute_links(client):
    today = timezone.localdate()
    NewsItemFactory(title="Ältere", slug="aeltere", published_on=today - datetime.timedelta(days=9))
    NewsItemFactory(title="Neuere", slug="neuere", published_on=today - datetime.timedelta(days=1), topics=["personal"])
    NewsItemFactory(title="Entwurf", is_published=False)
    NewsItemFactory(title="Morgen", published_on=today + datetime.timedelta(days=1))

    feed = atom(client, "/aktuelles/feed/")

    assert feed.findtext(f"{ATOM}title") == "Aktuelles – Interkommunales.NRW"
    assert feed.find(f"{ATOM}link[@rel='self']").get("href") == f"{BASE}/aktuelles/feed/"
    assert feed.find(f"{ATOM}link[@rel='alternate']").get("href") == f"{BASE}/aktuelles/"
    assert entries(feed) == [
        {
            "title": "Neuere",
            "link": f"{BASE}/aktuelles/neuere/",
            "summary": "Drei Gemeinden betreiben ihre Feuerwehren künftig mit einer gemeinsamen Leitstelle.",
            "categories": ["Personal"],
        },
        {
            "title": "Ältere",
            "link": f"{BASE}/aktuelles/aeltere/",
            "summary": entries(feed)[1]["summary"],
            "categories": [],
        },
    ]
    published = feed.find(f"{ATOM}entry").findtext(f"{ATOM}published")
    assert published.startswith(f"{today - datetime.timedelta(days=1):%Y-%m-%d}T08:00:00")


def test_project_feed_lists_the_newest_published_projects(client):
    now = timezone.now()
    ProjectFactory(title="Bauhof", slug="bauhof", published_at=now - datetime.timedelta(days=30))
    ProjectFactory(title="Leitstelle", slug="leitstelle", published_at=now - datetime.timedelta(days=1))
    ProjectFactory(title="Entwurf", is_published=False, published_at=None)

    feed = atom(client, "/projekte/feed/")

    assert [(e["title"], e["link"]) for e in entries(feed)] == [
        ("Leitstelle", f"{BASE}/projekte/leitstelle/"),
        ("Bauhof", f"{BASE}/projekte/bauhof/"),
    ]


def test_event_feed_lists_coming_events_with_their_dates_and_never_dial_in_data(client):
    starts = timezone.make_aware(
        datetime.datetime.combine(timezone.localdate() + datetime.timedelta(days=20), datetime.time(10))
    )
    EventDateFactory(
        event=EventFactory(title="Sprechstunde", slug="sprechstunde"),
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=1),
        online_platform="Zoom",
        dial_in="https://zoom.example/j/123 Kenncode 999",
    )
    EventDateFactory(event=EventFactory(title="Entwurf", status="draft"))
    past = timezone.now() - datetime.timedelta(days=10)
    EventDateFactory(event=EventFactory(title="Vorbei"), starts_at=past, ends_at=past + datetime.timedelta(hours=1))

    response = client.get("/veranstaltungen/feed/")
    found = entries(ET.fromstring(response.content))

    assert [(e["title"], e["link"]) for e in found] == [
        (f"{starts:%d.%m.%Y}: Sprechstunde", f"{BASE}/veranstaltungen/sprechstunde/")
    ]
    assert found[0]["summary"].endswith(
        f"{starts.day}. {date_format(starts, 'F Y')}, 10:00–11:00 Uhr, Münster und online (Zoom) · "
        "Kommunen berichten, wie sie ihre Bauhöfe gemeinsam betreiben."
    )
    assert b"zoom.example" not in response.content and b"999" not in response.content


def test_feeds_give_plain_texts_as_html_that_shows_them_as_written(client):
    teaser = "Satzung & Vertrag: <Entwurf> der Kommunen"
    NewsItemFactory(teaser=teaser)
    ProjectFactory(teaser=teaser)
    EventDateFactory(event=EventFactory(teaser=teaser))

    summaries = [
        entries(atom(client, url))[0]["summary"]
        for url in ["/aktuelles/feed/", "/projekte/feed/", "/veranstaltungen/feed/"]
    ]

    # <summary type="html">: a reader shows "&lt;Entwurf&gt;" as "<Entwurf>"; a bare "<Entwurf>" would be a tag.
    html = "Satzung &amp; Vertrag: &lt;Entwurf&gt; der Kommunen"
    assert summaries[:2] == [html, html]
    assert summaries[2].endswith(f" · {html}")


@pytest.mark.parametrize("count", [1, 3])
def test_feeds_run_a_constant_number_of_queries(client, django_assert_num_queries, count):
    for _ in range(count):
        NewsItemFactory(topics=["personal", "tourismus"])
        ProjectFactory(participants__topics=["personal"])
        EventDateFactory(event=EventFactory(topics=["personal"]))

    with django_assert_num_queries(2):  # news and their Themenfelder
        client.get("/aktuelles/feed/")
    with django_assert_num_queries(2):  # projects and their Themenfelder
        client.get("/projekte/feed/")
    with django_assert_num_queries(3):  # events, their Themenfelder and dates
        client.get("/veranstaltungen/feed/")


def test_list_pages_link_their_feeds_in_the_head(client):
    pages = {url: client.get(url).content.decode() for url in ["/aktuelles/", "/projekte/", "/veranstaltungen/"]}

    assert 'type="application/atom+xml" title="Aktuelles (Atom)" href="/aktuelles/feed/"' in pages["/aktuelles/"]
    assert 'type="application/atom+xml" title="Neue Projekte (Atom)" href="/projekte/feed/"' in pages["/projekte/"]
    events = pages["/veranstaltungen/"]
    assert 'type="application/atom+xml" title="Veranstaltungen (Atom)" href="/veranstaltungen/feed/"' in events
    assert 'type="text/calendar" title="Alle Veranstaltungen (Kalender)" href="/veranstaltungen/kalender.ics"' in events


# --- sitemap.xml and robots.txt ---------------------------------------------------------------------


def test_sitemap_index_names_every_section_absolutely(client):
    found = locations(client, "/sitemap.xml")

    assert found == [
        f"{BASE}/sitemap-{section}.xml"
        for section in [
            "seiten",
            "inhalte",
            "projekte",
            "dokumente",
            "kommunen",
            "veranstaltungen",
            "aktuelles",
            "landespreis",
        ]
    ]


def test_sitemaps_hold_only_what_visitors_may_see(client):
    ProjectFactory(slug="bauhof")
    ProjectFactory(slug="entwurf-projekt", is_published=False)
    DocumentFactory(slug="satzung")
    DocumentFactory(slug="entwurf-dokument", is_published=False)
    EventFactory(slug="jahrestagung")
    EventFactory(slug="entwurf-veranstaltung", status="draft")
    NewsItemFactory(slug="meldung")
    NewsItemFactory(slug="entwurf-meldung", is_published=False)
    RoundFactory(year=2022)
    RoundFactory(year=2031, is_published=False)
    PageFactory(slug="foerderung")

    assert locations(client, "/sitemap-projekte.xml") == [f"{BASE}/projekte/bauhof/"]
    assert locations(client, "/sitemap-dokumente.xml") == [f"{BASE}/dokumente/satzung/"]
    assert locations(client, "/sitemap-veranstaltungen.xml") == [f"{BASE}/veranstaltungen/jahrestagung/"]
    assert locations(client, "/sitemap-aktuelles.xml") == [f"{BASE}/aktuelles/meldung/"]
    assert locations(client, "/sitemap-landespreis.xml") == [
        f"{BASE}/landespreis/2022/",
        f"{BASE}/landespreis/2022/bewerbung/",
        f"{BASE}/landespreis/2022/teilnahmebedingungen/",
        f"{BASE}/landespreis/2022/preise/",
        f"{BASE}/landespreis/2022/faq/",
    ]
    assert f"{BASE}/foerderung/" in locations(client, "/sitemap-inhalte.xml")
    sections = locations(client, "/sitemap-seiten.xml")
    assert {f"{BASE}/", f"{BASE}/aktuelles/", f"{BASE}/kommunen/", f"{BASE}/landespreis/"} <= set(sections)
    assert not any(url.endswith(("/admin/", "/suche/")) for url in sections)
    kommunen = locations(client, "/sitemap-kommunen.xml")
    assert len(kommunen) == Municipality.objects.count() > 430
    assert f"{BASE}/kommunen/heiden/" in kommunen


def test_sitemap_entries_carry_their_last_change(client):
    item = NewsItemFactory(slug="meldung")

    tree = ET.fromstring(client.get("/sitemap-aktuelles.xml").content)

    assert tree.find(f"{SITEMAP}url/{SITEMAP}lastmod").text == f"{timezone.localtime(item.updated_at):%Y-%m-%d}"


@pytest.mark.parametrize("count", [1, 3])
def test_sitemaps_run_a_constant_number_of_queries(client, django_assert_num_queries, count):
    for _ in range(count):
        DocumentFactory()
        ProjectFactory()
        NewsItemFactory()
        EventFactory()

    # One count per section to know its pages.
    with django_assert_num_queries(7):
        client.get("/sitemap.xml")
    # The count and the rows (slug and last change).
    for section in ["dokumente", "projekte", "kommunen", "aktuelles", "veranstaltungen"]:
        with django_assert_num_queries(2):
            assert client.get(f"/sitemap-{section}.xml").status_code == 200


def test_a_large_section_is_split_into_files_that_the_index_names(client, monkeypatch):
    monkeypatch.setattr(PortalSitemap, "limit", 2)
    for slug in ["a", "b", "c"]:
        DocumentFactory(slug=f"dokument-{slug}")

    index = locations(client, "/sitemap.xml")

    assert [url for url in index if "dokumente" in url] == [
        f"{BASE}/sitemap-dokumente.xml",
        f"{BASE}/sitemap-dokumente.xml?p=2",
    ]
    assert locations(client, "/sitemap-dokumente.xml?p=2") == [f"{BASE}/dokumente/dokument-c/"]
    assert client.get("/sitemap-dokumente.xml?p=3").status_code == 404
    assert client.get("/sitemap-dokumente.xml?p=x").status_code == 404


def test_unknown_sitemap_section_is_not_found(client):
    assert client.get("/sitemap-gibt-es-nicht.xml").status_code == 404


def test_robots_txt_allows_the_site_but_not_the_admin_personal_links_and_the_jury(client):
    response = client.get("/robots.txt")
    lines = response.content.decode().splitlines()

    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert lines[:3] == ["User-agent: *", "Allow: /", "Disallow: /admin/"]
    assert {
        "Disallow: /landespreis/jury/",
        "Disallow: /veranstaltungen/anmeldung/",
        "Disallow: /newsletter/bestaetigen/",
        "Disallow: /newsletter/abmelden/",
        "Disallow: /partnersuche/verwalten/",
        "Disallow: /projekte/*/bestaetigen/",
        "Disallow: /landespreis/*/bewerbung/*/",
        "Disallow: /projekte/melden/*/",
    } <= set(lines)
    assert lines[-1] == f"Sitemap: {BASE}/sitemap.xml"


# --- Canonical URLs and OpenGraph -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        ("/projekte/", "/projekte/"),
        ("/aktuelles/?seite=2", "/aktuelles/?seite=2"),
        ("/projekte/?seite=1", "/projekte/"),
        ("/projekte/?themenfeld=personal", "/projekte/"),
        ("/projekte/?themenfeld=personal&seite=2", "/projekte/"),
        ("/kommunen/?seite=abc", "/kommunen/"),
        # The page shown: Paginator.get_page shows the last page for a number past either end.
        ("/aktuelles/?seite=99999", "/aktuelles/?seite=2"),
        ("/aktuelles/?seite=-1", "/aktuelles/?seite=2"),
        ("/aktuelles/?seite=%C2%B2", "/aktuelles/"),
        # Pages without a list: digits that are not 0-9 ("²" passes str.isdigit) are no page number.
        ("/statistik/?seite=%C2%B2", "/statistik/"),
        ("/?seite=%C2%B2", "/"),
    ],
)
def test_canonical_url_keeps_only_a_later_page_number(client, url, canonical):
    NewsItemFactory.create_batch(NEWS_PER_PAGE + 1)

    page = client.get(url, follow=True).content.decode()

    assert re.findall(r'<link rel="canonical" href="([^"]+)">', page) == [BASE + canonical]


def test_every_page_has_opengraph_tags_with_the_default_image(client):
    page = client.get("/impressum/").content.decode()

    assert '<meta property="og:title" content="Impressum">' in page
    assert '<meta property="og:image" content="https://interkommunales.nrw/static/img/og-default.png">' in page
    assert '<meta property="og:image:width" content="1200"><meta property="og:image:height" content="630">' in page
    assert '<meta property="og:url" content="https://interkommunales.nrw/impressum/">' in page
    assert '<meta name="twitter:card" content="summary_large_image">' in page
    assert re.search(r'<meta property="og:description" content="[^"]{20,}">', page)


def test_project_page_shares_its_own_title_teaser_and_picture(client):
    project = ProjectFactory(title="Gemeinsame Leitstelle", teaser="Drei Kreise alarmieren gemeinsam.")
    image = ProjectImage(project=project, alt_text="Die Leitstelle bei Nacht")
    image.image = ContentFile(picture(image_format="JPEG"), name="leitstelle.jpg")
    image.save()
    create_renditions(image=image)

    page = client.get(project.get_absolute_url()).content.decode()

    assert '<meta property="og:title" content="Gemeinsame Leitstelle">' in page
    assert '<meta property="og:description" content="Drei Kreise alarmieren gemeinsam.">' in page
    assert f'<meta property="og:image" content="{BASE}{image.large.url}">' in page
    assert '<meta property="og:image:alt" content="Die Leitstelle bei Nacht">' in page
    assert "og:image:width" not in page
