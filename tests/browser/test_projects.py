import re

import pytest
from playwright.sync_api import expect

from portal.models import Municipality
from tests.browser.conftest import assert_accessible
from tests.factories import DocumentFactory, ProjectFactory

pytestmark = pytest.mark.django_db(transaction=True)

FIRE = "feuerwehr-und-katastrophenschutz"


def kommune(slug):
    return Municipality.objects.get(slug=slug)


@pytest.fixture
def projects(site):
    """Two fire brigade projects in the Regierungsbezirk Münster, one elsewhere, one on another Themenfeld."""
    workshop = ProjectFactory(
        title="Gemeinsame Atemschutzwerkstatt Westmünsterland",
        slug="atemschutzwerkstatt-westmuensterland",
        teaser="Die Feuerwehren von Borken, Heiden und Reken warten ihre Atemschutzgeräte in einer Werkstatt.",
        participants__lead=kommune("borken"),
        participants__partners=[kommune("heiden"), kommune("reken")],
        participants__topics=[FIRE],
        contact_name="Petra Beispiel",
        contact_email="petra.beispiel@example.org",
        contact_consent=True,
    )
    DocumentFactory(
        title="Öffentlich-rechtliche Vereinbarung Atemschutzwerkstatt",
        slug="vereinbarung-atemschutzwerkstatt",
        text="§ 1 Die Stadt Borken übernimmt die Wartung der Atemschutzgeräte der Feuerwehren Heiden und Reken.",
        projects=[workshop],
    )
    ProjectFactory(
        title="Leitstelle Münsterland",
        slug="leitstelle",
        participants__lead=kommune("kreis-coesfeld"),
        participants__partners=[kommune("kreis-borken")],
        participants__topics=[FIRE],
    )
    ProjectFactory(
        title="Feuerwehrschule Rheinland",
        slug="feuerwehrschule",
        participants__lead=kommune("bonn"),
        participants__topics=[FIRE],
    )
    ProjectFactory(
        title="Gemeinsamer Bauhof",
        slug="bauhof",
        participants__lead=kommune("ahaus"),
        participants__topics=["bauen-und-planen"],
    )
    return workshop


def test_from_home_to_fire_projects_in_muenster_to_the_agreement(page, projects):
    page.goto("/")
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name="Projekte").click()
    expect(page.get_by_role("heading", name="Alle 4 Projekte")).to_be_visible()
    assert_accessible(page)

    filters = page.get_by_role("search", name="Projekte suchen und filtern")
    filters.get_by_label(re.compile(r"^Feuerwehr & Katastrophenschutz")).check()
    filters.get_by_label("Regierungsbezirk").select_option(label="Regierungsbezirk Münster (3)")
    filters.get_by_role("button", name="Anzeigen").click()

    expect(page.get_by_role("heading", name="2 Projekte passen zu Ihrer Auswahl")).to_be_visible()
    expect(page).to_have_url(
        re.compile(rf"/projekte/\?.*themenfeld={FIRE}.*regierungsbezirk=regierungsbezirk-muenster")
    )
    shared_url = page.url
    assert_accessible(page)

    page.get_by_role("link", name="Gemeinsame Atemschutzwerkstatt Westmünsterland").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gemeinsame Atemschutzwerkstatt Westmünsterland")
    participants_map = page.get_by_role("group", name="Karte: beteiligte Kommunen in Nordrhein-Westfalen")
    expect(participants_map.get_by_role("link")).to_have_count(3)
    expect(participants_map.get_by_role("link", name="Borken (Hauptverantwortlich)")).to_be_visible()
    expect(page.get_by_text("petra.beispiel@example.org")).to_be_visible()
    assert_accessible(page)

    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile("Herunterladen „Öffentlich-rechtliche Vereinbarung")).click()
    download = download_info.value
    assert download.suggested_filename == "vereinbarung-atemschutzwerkstatt.pdf"
    with open(download.path(), "rb") as file:
        assert file.read(5) == b"%PDF-"

    # The shared address shows the same list to someone else.
    other = page.context.new_page()
    other.goto(shared_url)
    expect(other.get_by_role("heading", name="2 Projekte passen zu Ihrer Auswahl")).to_be_visible()
    expect(other.get_by_label(re.compile(r"^Feuerwehr & Katastrophenschutz"))).to_be_checked()


def test_searching_feuerwehren_finds_projects_and_the_partner_kommune_page_links_back(page, projects):
    page.goto("/projekte/")
    filters = page.get_by_role("search", name="Projekte suchen und filtern")
    filters.get_by_label("Suchbegriff").fill("Feuerwehren")
    filters.get_by_role("button", name="Anzeigen").click()

    expect(page.locator(".project-card mark").first).to_have_text(re.compile("Feuerwehr"))
    page.get_by_role("link", name="Gemeinsame Atemschutzwerkstatt Westmünsterland").click()
    page.get_by_role("table").get_by_role("link", name="Heiden").click()

    expect(page.get_by_role("heading", name="Beteiligt an 1 Projekt")).to_be_visible()
    expect(page.get_by_role("link", name="Gemeinsame Atemschutzwerkstatt Westmünsterland")).to_be_visible()
    assert_accessible(page)


def test_document_library_and_court_decisions(page, projects):
    DocumentFactory(
        title="Urteil zur Zusammenarbeit",
        slug="c-480-06",
        kind="gerichtsentscheidung",
        court="Gerichtshof der Europäischen Union",
        file_number="C-480/06",
        tenor="Kommunen dürfen Aufgaben gemeinsam erfüllen, ohne sie auszuschreiben.",
    )
    page.goto("/dokumente/")
    filters = page.get_by_role("search", name="Dokumente suchen und filtern")
    filters.get_by_label("Suchbegriff").fill("Atemschutzgeräte")
    filters.get_by_role("button", name="Anzeigen").click()
    expect(page.get_by_role("heading", name="1 Dokument passt zu Ihrer Auswahl")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Alle 1 Gerichtsentscheidungen als Tabelle").click()
    expect(page.get_by_role("table").get_by_role("row")).to_have_count(2)
    assert_accessible(page)
