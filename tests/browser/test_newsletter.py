import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from newsletter import services
from newsletter.models import Subscriber
from tests.browser.conftest import assert_accessible
from tests.factories import BlockFactory, IssueFactory, SubscriberFactory

pytestmark = pytest.mark.django_db(transaction=True)


def link(message, path):
    return re.search(rf"http://[^\s]+{path}[^\s]+/", message.body).group(0)


def newsletter_to(address):
    return next(m for m in mail.outbox if m.to == [address] and "List-Unsubscribe" in m.extra_headers)


def send_an_issue():
    """The editors send an issue (the admin's button calls this service); the mails go out at once in tests."""
    issue = IssueFactory(slug="newsletter-i-2027", label="Newsletter I / 2027", subject="Neues aus den Kommunen")
    BlockFactory(issue=issue, heading="Gemeinsam stark", text="<p>Zwei Gemeinden teilen sich ihren Bauhof.</p>")
    services.start_sending(issue=issue)


def test_subscribe_confirm_from_the_mail_read_the_issue_and_unsubscribe_with_one_click(page, site, settings):
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

    send_an_issue()
    newsletter = newsletter_to("kim@beispiel-kommune.de")
    page.goto(link(newsletter, "/newsletter/archiv/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Neues aus den Kommunen")
    expect(page.get_by_text("Zwei Gemeinden teilen sich ihren Bauhof.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("navigation", name="Sie sind hier").get_by_role("link", name="Archiv").click()
    expect(page.get_by_role("link", name="Neues aus den Kommunen")).to_be_visible()
    assert_accessible(page)

    page.goto(link(newsletter, "/newsletter/abmelden/"))
    assert_accessible(page)
    page.get_by_role("button", name="Newsletter abbestellen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sie sind abgemeldet")
    assert_accessible(page)
    assert Subscriber.objects.get().status == "unsubscribed"


def test_a_raw_post_to_the_list_unsubscribe_address_unsubscribes(page, site, settings):
    settings.PUBLIC_BASE_URL = site.url
    SubscriberFactory(email="alex@beispiel-kommune.de")
    send_an_issue()
    header = newsletter_to("alex@beispiel-kommune.de").extra_headers["List-Unsubscribe"]
    url = re.fullmatch(r"<(http://\S+/newsletter/abmelden/\S+/)>", header).group(1)

    # What a mail program does for one-click unsubscribing (RFC 8058): a POST without cookies or token.
    response = page.request.post(
        url, data="List-Unsubscribe=One-Click", headers={"Content-Type": "application/x-www-form-urlencoded"}
    )

    assert response.status == 200
    assert Subscriber.objects.get().status == "unsubscribed"
    page.goto(url)
    expect(page.get_by_text("alex@beispiel-kommune.de ist bereits abgemeldet")).to_be_visible()
    assert_accessible(page)
