import datetime
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import formats, timezone
from playwright.sync_api import expect

from portal.models import Municipality
from projects.models import Submission
from tests.browser.conftest import assert_accessible
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_contact_confirms_one_project_and_reports_changes_to_another_from_one_mail(page, site, settings):
    settings.PUBLIC_BASE_URL = site.url
    a_year_ago = timezone.now() - datetime.timedelta(days=400)
    project = ProjectFactory(
        title="Gemeinsamer Bauhof Westmünsterland",
        slug="bauhof-westmuensterland",
        last_confirmed_at=a_year_ago,
        contact_name="Petra Beispiel",
        contact_email="petra.beispiel@example.org",
        participants__lead=Municipality.objects.get(slug="borken"),
        participants__partners=[Municipality.objects.get(slug="heiden")],
    )
    ProjectFactory(
        title="Gemeinsame Stadtkasse",
        slug="stadtkasse",
        last_confirmed_at=a_year_ago,
        contact_name="Petra Beispiel",
        contact_email="Petra.Beispiel@example.org",
        participants__lead=Municipality.objects.get(slug="borken"),
    )
    call_command("send_project_confirmations", "--verbosity", "0")
    assert len(mail.outbox) == 1
    bauhof_url, kasse_url = sorted(re.findall(r"http://\S+/bestaetigen/\S+/", mail.outbox[0].body))

    page.goto(bauhof_url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Gemeinsamer Bauhof Westmünsterland")
    expect(page.get_by_text("Borken (hauptverantwortlich), Heiden")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Angaben sind aktuell").click()
    expect(page.get_by_text("Vielen Dank! Wir haben vermerkt, dass die Angaben aktuell sind.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gemeinsamer Bauhof Westmünsterland")
    today = formats.date_format(timezone.localdate(), "j. F Y")
    expect(page.locator(".project__aside .facts")).to_contain_text(f"Zuletzt bestätigt{today}")
    assert_accessible(page)
    project.refresh_from_db()
    assert timezone.localdate(project.last_confirmed_at) == timezone.localdate()

    # The link is used up.
    page.expected_console_errors.append("status of 404")
    page.goto(bauhof_url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Dieser Link gilt nicht (mehr)")
    assert_accessible(page)

    # The other project: "Änderungen melden" opens the form, filled in, without another mail.
    page.goto(kasse_url)
    page.get_by_role("button", name="Änderungen melden").click()
    expect(page.get_by_label("Ihr Name")).to_have_value("Petra Beispiel")
    expect(page.get_by_text("Änderung an „Gemeinsame Stadtkasse“ melden")).to_be_visible()
    assert_accessible(page)
    assert len(mail.outbox) == 1
    submission = Submission.objects.get()
    assert (submission.kind, submission.submitter_email) == ("change", "petra.beispiel@example.org")
