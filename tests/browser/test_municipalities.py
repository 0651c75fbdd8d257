import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)


def test_map_links_every_gemeinde_for_keyboard_and_screen_reader(page):
    page.goto("/kommunen/")
    assert_accessible(page)
    nrw_map = page.get_by_role("group", name="Karte der Städte und Gemeinden in Nordrhein-Westfalen")

    expect(nrw_map.get_by_role("link")).to_have_count(396)
    expect(nrw_map.get_by_role("link", name="Mülheim an der Ruhr (kreisfreie Stadt)")).to_have_count(1)

    # The skip link leads past the map; from it, Tab enters the map at its first Gemeinde.
    page.get_by_role("link", name="Karte überspringen und zur Liste").focus()
    page.keyboard.press("Tab")
    first = nrw_map.get_by_role("link", name="Aachen (kreisangehörige Stadt)")
    expect(first).to_be_focused()
    box = page.locator(".nrw-map__svg").bounding_box()
    assert box["width"] > 300 and 0.9 < box["height"] / box["width"] < 1.1

    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile("/kommunen/aachen/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Aachen")


def test_clicking_a_gemeinde_on_the_map_opens_its_page(page):
    page.goto("/kommunen/")

    page.get_by_role("link", name="Schwelm (kreisangehörige Stadt)").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Schwelm")
    expect(page.get_by_role("img", name="Lage: Schwelm in Nordrhein-Westfalen")).to_be_visible()
    expect(page.get_by_text("© GeoBasis-DE / BKG (2016)").first).to_be_visible()
    assert_accessible(page)


def test_finding_a_kommune_by_name_without_umlauts_and_going_up_to_its_kreis(page):
    page.goto("/kommunen/")
    filters = page.get_by_role("search", name="Kommunen filtern")

    filters.get_by_label("Name").fill("Schoeppingen")
    filters.get_by_role("button", name="Anzeigen").click()

    expect(page.get_by_role("heading", name="1 Eintrag passt zu Ihrer Auswahl")).to_be_visible()
    expect(filters.get_by_label("Name")).to_have_value("Schoeppingen")
    assert_accessible(page)
    page.locator(".result-list").get_by_role("link", name="Schöppingen").click()
    page.get_by_role("navigation", name="Sie sind hier").get_by_role("link", name="Kreis Borken").click()
    expect(page.get_by_role("heading", name="17 Städte und Gemeinden im Kreis Borken")).to_be_visible()
    assert_accessible(page)


def test_filters_by_bezirk_and_kind_and_pages_through_results(page):
    page.goto("/kommunen/")
    filters = page.get_by_role("search", name="Kommunen filtern")

    filters.get_by_label("Regierungsbezirk").select_option(label="Regierungsbezirk Münster")
    filters.get_by_label("Art").select_option(label="Gemeinde")
    filters.get_by_role("button", name="Anzeigen").click()

    expect(page.get_by_role("heading", name=re.compile(r"^\d+ Einträge passen zu Ihrer Auswahl$"))).to_be_visible()
    expect(page).to_have_url(re.compile(r"regierungsbezirk=regierungsbezirk-muenster&art=gemeinde"))
    for meta in page.locator(".result-list__meta").all_inner_texts():
        assert meta.startswith("Gemeinde ") and meta.endswith("Regierungsbezirk Münster")


@pytest.mark.parametrize("path", ["/kommunen/", "/kommunen/kreis-borken/", "/kommunen/muelheim-an-der-ruhr/"])
def test_kommunen_pages_fit_a_small_phone(browser, site, path):
    context = browser.new_context(viewport={"width": 320, "height": 640}, base_url=site.url)
    small = context.new_page()

    small.goto(path)

    assert small.evaluate("document.documentElement.scrollWidth") <= 320
    context.close()
