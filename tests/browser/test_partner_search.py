import datetime
import re

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from projects.models import PartnerRequest
from tests.browser.conftest import assert_accessible
from tests.factories import PartnerRequestFactory

pytestmark = pytest.mark.django_db(transaction=True)


def link_in_last_mail_to(address, path):
    message = [m for m in mail.outbox if m.to == [address]][-1]
    return re.search(rf"http://\S+{path}\S+/", message.body).group(0)


@pytest.fixture
def editor(django_user_model):
    from django.apps import apps

    from portal.permissions import EDITORIAL_APPS, grant_editor_permissions

    grant_editor_permissions(apps, EDITORIAL_APPS)  # a transactional test database starts without them
    user = django_user_model.objects.create_user("redakteurin", password="ein-langes-passwort-123", is_staff=True)
    user.groups.add(Group.objects.get(name="Redaktion"))
    return user


def test_a_kommune_posts_a_request_confirms_it_an_editor_publishes_it_and_it_is_found(page, site, settings, editor):
    settings.PUBLIC_BASE_URL = site.url
    expires = timezone.localdate() + datetime.timedelta(days=90)
    PartnerRequestFactory(title="eine gemeinsame Leitstelle", topics=["feuerwehr-und-katastrophenschutz"])

    # The list, from the main navigation.
    page.goto("/")
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name="Partnersuche").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Partnersuche")
    expect(page.get_by_role("heading", name="1 offene Partnersuche")).to_be_visible()
    assert_accessible(page)

    # The form: a forgotten consent is announced, the input is kept.
    page.get_by_role("link", name="Selbst Partner suchen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Partnersuche aufgeben")
    assert_accessible(page)
    page.get_by_label("Ihre Kommune").select_option(label="Ahaus")
    page.get_by_label("Wir suchen Partner für …").fill("eine gemeinsame Vergabestelle")
    page.get_by_label("Allgemeine Verwaltung").check()
    page.get_by_label("Wo suchen Sie Partner?").select_option(label="Kreis Borken")
    page.get_by_label("Beschreibung").fill("Wir möchten Ausschreibungen gemeinsam mit Nachbarkommunen abwickeln.")
    page.get_by_label("Name", exact=True).fill("Miriam Terhalle")
    page.get_by_label("E-Mail-Adresse").fill("miriam.terhalle@ahaus.example.org")
    page.get_by_label("Gesucht bis").fill(expires.isoformat())
    page.get_by_role("button", name="Partnersuche absenden").click()
    expect(page).to_have_title(re.compile("^Fehler: Partnersuche aufgeben"))
    expect(page.locator("#form-errors")).to_be_focused()
    expect(page.get_by_label("Wir suchen Partner für …")).to_have_value("eine gemeinsame Vergabestelle")
    expect(page.get_by_label("Allgemeine Verwaltung")).to_be_checked()
    expect(
        page.get_by_text("Bitte stimmen Sie zu, damit wir Ihre Partnersuche veröffentlichen dürfen.").first
    ).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Einwilligung in die Veröffentlichung").check()
    page.get_by_role("button", name="Partnersuche absenden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Fast geschafft: bitte bestätigen Sie Ihre E-Mail-Adresse"
    )
    assert_accessible(page)
    assert PartnerRequest.objects.get(title="eine gemeinsame Vergabestelle").state == "unconfirmed"

    # Confirmed by the link in the mail: the request waits for the editors; the sender sees where it stands.
    page.goto(link_in_last_mail_to("miriam.terhalle@ahaus.example.org", "/partnersuche/bestaetigen/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Partnersuche bestätigen")
    assert_accessible(page)
    page.get_by_role("button", name="Partnersuche bestätigen").click()
    expect(page.get_by_text("Die Redaktion prüft Ihre Partnersuche.")).to_be_visible()
    assert_accessible(page)
    assert PartnerRequest.objects.get(title="eine gemeinsame Vergabestelle").state == "pending"

    # The editor finds it in the queue and publishes it.
    page.goto("/admin/")
    page.get_by_label("Benutzername").fill("redakteurin")
    page.get_by_label("Passwort").fill("ein-langes-passwort-123")
    page.get_by_role("button", name="Anmelden").click()
    page.get_by_role("link", name="Partnersuchen").first.click()
    expect(page.locator("#result_list")).to_contain_text("eine gemeinsame Vergabestelle")
    expect(page.locator("#result_list")).not_to_contain_text("eine gemeinsame Leitstelle")  # published already
    page.locator("#result_list input[name=_selected_action]").first.check()
    page.locator("select[name=action]").select_option(
        label="Ausgewählte Partnersuchen veröffentlichen (E-Mail an die Kommune)"
    )
    page.locator("button[name=index]").click()
    expect(page.locator(".messagelist")).to_contain_text("1 Partnersuche(n) veröffentlicht")
    published = [m for m in mail.outbox if m.subject.startswith("Ihre Partnersuche ist veröffentlicht")]
    assert [m.to for m in published] == [["miriam.terhalle@ahaus.example.org"]]
    page.context.clear_cookies()

    # A visitor finds it by Themenfeld and Regierungsbezirk.
    page.goto("/partnersuche/")
    expect(page.get_by_role("heading", name="2 offene Partnersuchen")).to_be_visible()
    page.get_by_label("Themenfeld").select_option(label="Allgemeine Verwaltung")
    page.get_by_label("Regierungsbezirk").select_option(label="Regierungsbezirk Münster")
    page.get_by_role("button", name="Anzeigen").click()
    expect(page.get_by_role("heading", name="1 Partnersuche passt zu Ihrer Auswahl")).to_be_visible()
    assert "themenfeld=allgemeine-verwaltung" in page.url and "regierungsbezirk=regierungsbezirk-muenster" in page.url
    assert_accessible(page)
    page.get_by_role("link", name="Ahaus sucht Partner für eine gemeinsame Vergabestelle").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Wir suchen Partner für eine gemeinsame Vergabestelle")
    expect(page.get_by_role("link", name="miriam.terhalle@ahaus.example.org")).to_be_visible()
    expect(page.get_by_text("im Kreis Borken")).to_be_visible()
    assert_accessible(page)

    # The Kommune's page shows its open request.
    page.get_by_role("link", name="Stadt Ahaus").first.click()
    expect(page.get_by_role("heading", name="Ahaus sucht Partner")).to_be_visible()
    expect(page.get_by_role("link", name="Partner für eine gemeinsame Vergabestelle")).to_be_visible()
    assert_accessible(page)

    # The sender ends the search from the link in the mail; its page then says so.
    page.goto(link_in_last_mail_to("miriam.terhalle@ahaus.example.org", "/partnersuche/verwalten/"))
    expect(page.get_by_text(re.compile("Ihre Partnersuche ist veröffentlicht und bis zum"))).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Partnersuche beenden").click()
    expect(page.get_by_text("Ihre Partnersuche ist beendet und nicht mehr auf der Website zu sehen.")).to_be_visible()
    assert_accessible(page)
    request = PartnerRequest.objects.get(title="eine gemeinsame Vergabestelle")
    page.expected_console_errors.append("status of 410")
    page.goto(request.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text("Diese Partnersuche ist beendet")
    assert_accessible(page)


def test_an_empty_list_and_an_expired_request(page, site):
    expired = PartnerRequestFactory(title="einen Bauhof", expires_on=timezone.localdate() - datetime.timedelta(days=1))

    page.goto("/partnersuche/")
    expect(page.get_by_text("Gerade sucht keine Kommune über das Portal Partner.")).to_be_visible()
    assert_accessible(page)
    page.expected_console_errors.append("status of 410")
    page.goto(expired.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text("Diese Partnersuche ist abgelaufen")
    assert_accessible(page)
