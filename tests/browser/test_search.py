import re

import pytest
from playwright.sync_api import expect

from portal.models import Municipality
from tests.browser.conftest import assert_accessible
from tests.factories import DocumentFactory, EventDateFactory, EventFactory, ProjectFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def fire_brigades(site):
    """A project, its agreement (the word only in the file's text) and an event, all about Feuerwehr."""
    borken, heiden = Municipality.objects.get(slug="borken"), Municipality.objects.get(slug="heiden")
    project = ProjectFactory(
        title="Gemeinsame Atemschutzwerkstatt Borken und Heiden",
        slug="atemschutzwerkstatt",
        teaser="Die Feuerwehr beider Städte wartet ihre Atemschutzgeräte in einer Werkstatt.",
        participants__lead=borken,
        participants__partners=[heiden],
        participants__topics=["feuerwehr-und-katastrophenschutz"],
    )
    DocumentFactory(
        title="Öffentlich-rechtliche Vereinbarung Atemschutzwerkstatt",
        slug="vereinbarung-atemschutzwerkstatt",
        description="Die Vereinbarung der beiden Städte.",
        text="§ 1 Die Stadt Borken wartet die Atemschutzgeräte der Feuerwehr Heiden.",
        projects=[project],
    )
    EventDateFactory(
        event=EventFactory(
            title="Erfahrungsaustausch Feuerwehr",
            slug="erfahrungsaustausch-feuerwehr",
            teaser="Wehrleitungen berichten, was sie gemeinsam beschaffen und warten.",
        )
    )
    return project


def header_search(page):
    return page.get_by_role("search", name="Portal durchsuchen", exact=True)


def test_feuerwehren_from_the_header_reaches_a_project_a_document_and_an_event(page, fire_brigades):
    page.goto("/")
    field = header_search(page).get_by_label("Suchbegriff")
    field.fill("Feuerwehren")
    field.press("Enter")

    expect(page).to_have_url(re.compile(r"/suche/\?q=Feuerwehren$"))
    expect(page.get_by_role("heading", level=2, name=re.compile("Treffer zu „Feuerwehren“"))).to_be_visible()
    results = page.locator("#inhalt")
    expect(results.get_by_role("heading", name="Projekte (1)")).to_be_visible()
    expect(results.get_by_role("heading", name="Dokumente (1)")).to_be_visible()
    expect(results.get_by_role("heading", name="Veranstaltungen (1)")).to_be_visible()
    # The agreement is found by the text of its file, and shows where.
    expect(results.locator("mark", has_text="Feuerwehr").first).to_be_visible()
    expect(results.get_by_text("Stadt Borken wartet die Atemschutzgeräte der Feuerwehr Heiden.")).to_be_visible()
    assert_accessible(page)
    results_url = page.url

    results.get_by_role("link", name="Gemeinsame Atemschutzwerkstatt Borken und Heiden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gemeinsame Atemschutzwerkstatt Borken und Heiden")
    assert_accessible(page)

    page.goto(results_url)
    page.locator("#inhalt").get_by_role(
        "link", name="Öffentlich-rechtliche Vereinbarung Atemschutzwerkstatt", exact=True
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Öffentlich-rechtliche Vereinbarung Atemschutzwerkstatt")
    assert_accessible(page)

    page.goto(results_url)
    page.locator("#inhalt").get_by_role("link", name="Erfahrungsaustausch Feuerwehr").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Erfahrungsaustausch Feuerwehr")
    assert_accessible(page)


def test_results_filtered_by_kind_and_the_empty_result_are_accessible(page, fire_brigades):
    page.goto("/suche/?q=Feuerwehren")
    filters = page.get_by_role("navigation", name="Treffer nach Art")
    expect(filters.get_by_role("link", name="Alle")).to_have_attribute("aria-current", "page")

    filters.get_by_role("link", name="Dokumente (1)").click()

    expect(page.locator("#ergebnisse")).to_have_text("1 Dokument zu „Feuerwehren“")
    expect(filters.get_by_role("link", name="Dokumente (1)")).to_have_attribute("aria-current", "page")
    assert_accessible(page)

    page.get_by_role("search", name="Suche verfeinern").get_by_label("Suchbegriff").fill("Xylophonorchester")
    page.get_by_role("search", name="Suche verfeinern").get_by_role("button", name="Suchen").click()

    expect(page.get_by_text("Zu „Xylophonorchester“ haben wir nichts gefunden.")).to_be_visible()
    assert_accessible(page)


def test_suggestions_by_keyboard(page, fire_brigades):
    page.goto("/")
    field = header_search(page).get_by_role("combobox", name="Suchbegriff")
    expect(field).to_have_attribute("aria-expanded", "false")

    field.press_sequentially("Bork")

    suggestions = page.get_by_role("listbox", name="Vorschläge")
    options = suggestions.get_by_role("option")
    expect(options).to_have_text(
        [re.compile("^Borken"), re.compile("^Kreis Borken"), re.compile("^Gemeinsame Atemschutzwerkstatt Borken")]
    )
    expect(field).to_have_attribute("aria-expanded", "true")
    expect(page.get_by_role("status").filter(has_text="Vorschläge")).to_have_text(
        "3 Vorschläge, mit Pfeil nach unten auswählen."
    )
    assert_accessible(page)

    field.press("ArrowDown")
    expect(options.nth(0)).to_have_attribute("aria-selected", "true")
    expect(field).to_have_attribute("aria-activedescendant", options.nth(0).get_attribute("id"))
    field.press("ArrowDown")
    expect(options.nth(1)).to_have_attribute("aria-selected", "true")
    expect(options.nth(0)).to_have_attribute("aria-selected", "false")
    expect(field).to_have_attribute("aria-activedescendant", options.nth(1).get_attribute("id"))
    field.press("ArrowDown")
    field.press("ArrowDown")  # from the last back to the first
    expect(options.nth(0)).to_have_attribute("aria-selected", "true")
    field.press("ArrowUp")  # and from the first to the last
    expect(options.nth(2)).to_have_attribute("aria-selected", "true")

    field.press("Escape")
    expect(suggestions).to_be_hidden()
    expect(field).to_have_attribute("aria-expanded", "false")
    expect(field).not_to_have_attribute("aria-activedescendant", re.compile("."))
    expect(field).to_have_value("Bork")

    field.press("ArrowDown")
    expect(options.nth(0)).to_have_attribute("aria-selected", "true")
    field.press("Enter")

    expect(page).to_have_url(re.compile(r"/kommunen/borken/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Borken")
    assert_accessible(page)


def test_a_project_suggestion_opens_the_project_and_enter_alone_searches(page, fire_brigades):
    page.goto("/")
    field = header_search(page).get_by_role("combobox", name="Suchbegriff")

    field.press_sequentially("Atemsch")
    option = page.get_by_role("option", name=re.compile("^Gemeinsame Atemschutzwerkstatt Borken und Heiden"))
    expect(option).to_be_visible()
    option.click()

    expect(page).to_have_url(re.compile(r"/projekte/atemschutzwerkstatt/$"))

    field = header_search(page).get_by_role("combobox", name="Suchbegriff")
    field.press_sequentially("Atemsch")
    expect(page.get_by_role("listbox", name="Vorschläge")).to_be_visible()
    field.press("Enter")

    expect(page).to_have_url(re.compile(r"/suche/\?q=Atemsch$"))
    expect(page.locator("#ergebnisse")).to_have_text("0 Treffer zu „Atemsch“")


def test_search_works_without_javascript(browser, site, fire_brigades):
    context = browser.new_context(base_url=site.url, java_script_enabled=False, locale="de-DE")
    page = context.new_page()
    try:
        page.goto("/")
        field = header_search(page).get_by_role("searchbox", name="Suchbegriff")
        field.fill("Feuerwehren")
        header_search(page).get_by_role("button", name="Suchen").click()

        expect(page.get_by_role("heading", level=3, name="Veranstaltungen (1)")).to_be_visible()
        expect(page.get_by_role("listbox")).to_have_count(0)
    finally:
        context.close()
