import re

import pytest
from django.contrib.admin.sites import site
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from portal.demo import PAGES, create_missing_pages
from portal.management.commands import load_demo_data
from portal.models import Page
from tests.factories import EventDateFactory, NewsItemFactory, PageFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("slug", list(PAGES))
def test_editorial_page_shows_title_lead_and_body(client, slug):
    page = Page.objects.get(slug=slug)  # created by the migration

    response = client.get(f"/{slug}/")

    html = response.content.decode()
    assert f'<h1 class="kern-heading-x-large">{page.title}</h1>' in html
    assert page.lead in html
    assert page.body[:40] in html  # the body is rendered as HTML, not escaped


def test_footer_links_to_every_legal_page(client):
    html = client.get("/").content.decode()

    for slug in ["ueber-uns", "faq", "kontakt", "impressum", "datenschutz", "barrierefreiheit", "leichte-sprache"]:
        assert f'href="/{slug}/"' in html


def test_header_shows_only_sections_that_exist(client):
    html = client.get("/").content.decode()

    # Sections whose app has its pages are linked; the others would 404 and are left out.
    assert 'href="/projekte/"' in html
    assert 'href="/dokumente/"' in html
    assert 'href="/veranstaltungen/"' in html
    assert 'href="/landespreis/"' in html
    assert 'aria-label="Portal durchsuchen"' in html


def test_page_html_is_sanitised_on_every_save():
    page = PageFactory(body='<h2 onclick="x()">Titel</h2><script>alert(1)</script><p style="color:red">Text</p>')

    page.refresh_from_db()
    assert page.body == "<h2>Titel</h2><p>Text</p>"


@pytest.mark.parametrize("slug", list(PAGES))
def test_links_inside_editorial_pages_lead_to_existing_pages(client, slug):
    body = Page.objects.get(slug=slug).body
    paths = set(re.findall(r'href="(/[^"]*)"', body))

    assert {path: client.get(path).status_code for path in paths} == dict.fromkeys(paths, 200)


def test_legal_pages_cannot_be_deleted_or_moved_in_the_admin(admin_client):
    impressum = Page.objects.get(slug="impressum")

    response = admin_client.get(reverse("admin:portal_page_change", args=[impressum.pk]))

    html = response.content.decode()
    assert 'name="slug"' not in html
    assert reverse("admin:portal_page_delete", args=[impressum.pk]) not in html
    assert (
        admin_client.post(reverse("admin:portal_page_delete", args=[impressum.pk]), {"post": "yes"}).status_code == 403
    )
    assert Page.objects.filter(slug="impressum").exists()


def test_header_shows_a_section_once_its_app_provides_the_url(client, settings):
    settings.ROOT_URLCONF = "tests.portal.urls_with_section"

    # An editorial page: the home page links every section itself, the stand-in has only its list.
    html = client.get("/impressum/").content.decode()

    assert '<a class="site-nav__link" href="/projekte/">Projekte</a>' in html
    assert 'aria-label="Hauptnavigation"' in html


def test_unknown_page_gives_designed_404_with_search(client):
    response = client.get("/gibt-es-nicht/")

    html = response.content.decode()
    assert response.status_code == 404
    assert "Diese Seite gibt es nicht (mehr)" in html
    assert 'action="/suche/"' in html
    assert 'lang="de"' in html


def test_editorial_page_query_count(client, django_assert_num_queries):
    PageFactory(slug="neu", title="Neue Seite")

    with django_assert_num_queries(1):
        client.get("/neu/")


def test_admin_uses_german_titles_for_the_editors(admin_client):
    response = admin_client.get(reverse("admin:index"))

    assert site.site_header == "Interkommunales.NRW – Redaktion"
    assert "Interkommunales.NRW – Redaktion" in response.content.decode()
    assert "Seiten" in response.content.decode()


@pytest.fixture
def pages_only(monkeypatch):
    # The other apps' demo content takes seconds to load and has its own tests (tests/projects/test_demo.py).
    monkeypatch.setattr(load_demo_data, "DEMO_LOADERS", [("Seiten", lambda: create_missing_pages(Page))])


@pytest.mark.usefixtures("pages_only")
def test_load_demo_data_is_idempotent():
    call_command("load_demo_data", verbosity=0)
    before = Page.objects.count()

    call_command("load_demo_data", verbosity=0)

    assert Page.objects.count() == before == len(PAGES)


@pytest.mark.usefixtures("pages_only")
def test_load_demo_data_keeps_editors_changes():
    Page.objects.filter(slug="impressum").update(title="Impressum (geändert)")

    call_command("load_demo_data", verbosity=0)

    assert Page.objects.get(slug="impressum").title == "Impressum (geändert)"


def test_datenschutz_says_which_pages_set_a_cookie_and_reading_sets_none(client):
    event = EventDateFactory().event  # taking registrations: its page carries the form
    news = NewsItemFactory()
    text = client.get("/datenschutz/").content.decode()
    cookies = text.split("<h2>Cookies</h2>", 1)[1].split("<h2>", 1)[0]

    def cookie_names(path):
        response = Client().get(path)
        assert response.status_code == 200
        return set(response.cookies)

    # Pages without a form set none, as the text says first.
    assert "Seiten ohne Formular setzen keine Cookies." in cookies
    for path in ["/", "/aktuelles/", news.get_absolute_url(), "/statistik/", "/projekte/", "/datenschutz/"]:
        assert cookie_names(path) == set(), path
    # Pages with a form set the CSRF cookie when they are opened, and the text names them.
    for path, named_as in [
        (event.get_absolute_url(), "die Seite einer Veranstaltung, zu der Sie sich anmelden können"),
        ("/barrierefreiheit/", "Barrierefreiheit (mit ihrem Rückmeldeformular)"),
        ("/kontakt/", "die Seiten Kontakt"),
        ("/newsletter/", "die Anmeldung zum Newsletter"),
    ]:
        assert cookie_names(path) == {"csrftoken"}, path
        assert named_as in cookies
