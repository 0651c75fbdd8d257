import datetime
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import formats, timezone
from playwright.sync_api import expect

from portal.models import Municipality
from tests.browser.conftest import assert_accessible
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_contact_confirms_a_project_from_the_yearly_mail(page, site, settings):
    settings.PUBLIC_BASE_URL = site.url
    project = ProjectFactory(
        title="Gemeinsamer Bauhof Westmünsterland",
        slug="bauhof-westmuensterland",
        last_confirmed_at=timezone.now() - datetime.timedelta(days=400),
        contact_name="Petra Beispiel",
        contact_email="petra.beispiel@example.org",
        participants__lead=Municipality.objects.get(slug="borken"),
        participants__partners=[Municipality.objects.get(slug="heiden")],
    )
    call_command("send_project_confirmations", "--verbosity", "0")
    url = re.search(r"http://\S+/bestaetigen/\S+/", mail.outbox[-1].body).group(0)

    page.goto(url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Gemeinsamer Bauhof Westmünsterland")
    expect(page.get_by_text("Borken (hauptverantwortlich), Heiden")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Angaben sind aktuell").click()
    expect(page.get_by_text("Vielen Dank! Wir haben vermerkt, dass die Angaben aktuell sind.")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Den ganzen Steckbrief ansehen").click()
    today = formats.date_format(timezone.localdate(), "j. F Y")
    expect(page.locator(".project__aside .facts")).to_contain_text(f"Zuletzt bestätigt{today}")
    assert_accessible(page)
    project.refresh_from_db()
    assert timezone.localdate(project.last_confirmed_at) == timezone.localdate()
