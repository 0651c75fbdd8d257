import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from portal.models import ContactMessage
from tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)


def links_in(page, selector):
    hrefs = page.eval_on_selector_all(f"{selector} a[href]", "links => links.map(a => a.getAttribute('href'))")
    return [href for href in hrefs if href.startswith("/")]


def test_every_page_in_header_and_footer_is_accessible(page):
    page.goto("/")
    assert_accessible(page)
    paths = links_in(page, "header") + links_in(page, "footer")
    assert {"/impressum/", "/datenschutz/", "/barrierefreiheit/", "/leichte-sprache/", "/kontakt/"} <= set(paths)

    for path in dict.fromkeys(paths):
        response = page.goto(path)
        assert response.status == 200, path
        expect(page.locator("h1")).to_have_count(1)
        assert_accessible(page)


def test_search_results_and_not_found_page_are_accessible(page):
    page.goto("/")
    page.get_by_role("search", name="Portal durchsuchen", exact=True).get_by_label("Suchbegriff").fill("Datenschutz")
    page.get_by_role("search", name="Portal durchsuchen", exact=True).get_by_role("button", name="Suchen").click()
    expect(page.get_by_role("link", name="Datenschutzerklärung")).to_be_visible()
    assert_accessible(page)

    page.expected_console_errors.append("the server responded with a status of 404")
    response = page.goto("/diese-seite-fehlt/")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Diese Seite gibt es nicht (mehr)")
    assert_accessible(page)


def test_contact_form_shows_errors_next_to_fields_then_sends(page):
    page.goto("/kontakt/")
    page.get_by_label("Ihr Name").fill("Kim Muster")
    page.get_by_label("Ihre E-Mail-Adresse").fill("kim@")
    page.get_by_label("Betreff").fill("Gemeinsamer Bauhof")
    page.get_by_label("Ihre Nachricht").fill("Wir suchen Partner für einen Bauhof.")
    page.get_by_label("Ich bin einverstanden").check()
    page.get_by_role("button", name="Nachricht senden").click()

    email = page.get_by_label("Ihre E-Mail-Adresse")
    expect(page).to_have_title(re.compile("^Fehler: Kontakt"))
    expect(page.locator("#form-errors")).to_be_focused()
    page.get_by_role("link", name=re.compile("^Ihre E-Mail-Adresse:")).click()
    expect(email).to_be_focused()
    expect(email).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_email_error")).to_contain_text("Bitte geben Sie eine gültige E-Mail-Adresse ein")
    expect(page.get_by_label("Betreff")).to_have_value("Gemeinsamer Bauhof")
    assert_accessible(page)

    email.fill("kim.muster@beispiel-kommune.de")
    page.get_by_label("Ich bin einverstanden").check()
    page.get_by_role("button", name="Nachricht senden").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Vielen Dank für Ihre Nachricht")
    expect(page.locator("main")).to_contain_text("Ihre Nachricht ist bei uns eingegangen")
    assert_accessible(page)
    assert ContactMessage.objects.get().email == "kim.muster@beispiel-kommune.de"
    assert [m.subject for m in mail.outbox] == ["[Kontakt] Gemeinsamer Bauhof"]


def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_content(page):
    page.goto("/impressum/")

    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Zum Inhalt springen")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(r"#inhalt$"))
    expect(page.locator("main")).to_be_focused()


@pytest.mark.parametrize("path", ["/", "/kontakt/", "/datenschutz/", "/suche/?q=Kommune"])
def test_pages_fit_a_320px_wide_screen(page, path):
    page.set_viewport_size({"width": 320, "height": 640})

    page.goto(path)

    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert_accessible(page)
