import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from newsletter.models import Subscriber
from newsletter.services import unsubscribe_url
from tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)


def link(message, path):
    return re.search(rf"http://[^\s]+{path}[^\s]+/", message.body).group(0)


def test_subscribe_confirm_from_the_mail_and_unsubscribe_with_one_click(page, site, settings):
    settings.PUBLIC_BASE_URL = site.url
    page.goto("/")
    page.get_by_role("navigation").get_by_role("link", name="Newsletter").click()
    assert_accessible(page)
    page.get_by_label("Ihre E-Mail-Adresse").fill("kim@beispiel-kommune.de")
    page.get_by_role("button", name="Newsletter abonnieren").click()
    expect(page).to_have_title(re.compile("^Fehler: Newsletter abonnieren"))
    expect(page.locator("#form-errors")).to_be_focused()
    expect(page.get_by_label("Ihre E-Mail-Adresse")).to_have_value("kim@beispiel-kommune.de")
    page.get_by_label(re.compile("^Ich möchte den Newsletter")).check()
    page.get_by_role("button", name="Newsletter abonnieren").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Fast geschafft: bitte bestätigen Sie Ihre Anmeldung")
    assert_accessible(page)
    page.goto(link(mail.outbox[-1], "/newsletter/bestaetigen/"))
    assert_accessible(page)
    page.get_by_role("button", name="Anmeldung bestätigen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vielen Dank, Ihre Anmeldung ist bestätigt")
    assert Subscriber.objects.get().status == "confirmed"

    page.goto(unsubscribe_url(Subscriber.objects.get()))
    assert_accessible(page)
    page.get_by_role("button", name="Newsletter abbestellen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sie sind abgemeldet")
    assert Subscriber.objects.get().status == "unsubscribed"
