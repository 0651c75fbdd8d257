"""Freshness: the yearly mail to the contacts of projects, the page behind its link, "Zuletzt bestätigt"."""

import datetime
import re
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import formats, timezone

from portal.models import Municipality
from projects import services
from projects.models import Project
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db


def ago(days):
    return timezone.now() - datetime.timedelta(days=days)


def stale(slug, **fields):
    """A published project confirmed 400 days ago, with a contact address."""
    defaults = {
        "title": f"Projekt {slug}",
        "last_confirmed_at": ago(400),
        "contact_name": "Petra Beispiel",
        "contact_email": f"{slug}@beispiel-kommune.de",
    }
    return ProjectFactory(slug=slug, **{**defaults, **fields})


def link(message) -> str:
    return re.search(r"http://\S+/bestaetigen/\S+/", message.body).group(0)


@pytest.fixture
def sending(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


# --- Who is asked ---


def test_due_are_published_projects_unconfirmed_for_twelve_months_and_not_asked_lately():
    due = stale("alt")
    stale("frisch", last_confirmed_at=ago(300))
    stale("entwurf", is_published=False)
    stale("gerade-gefragt", confirmation_requested_at=ago(10))
    asked_long_ago = stale("lange-gefragt", confirmation_requested_at=ago(40))
    # Never confirmed: counts from the publication, so a new project is not asked at once.
    never_old = stale("nie-alt", last_confirmed_at=None, published_at=ago(500))
    stale("nie-neu", last_confirmed_at=None, published_at=ago(20))

    found = Project.objects.due_for_confirmation(since=ago(365), asked_before=ago(30))

    assert set(found) == {due, asked_long_ago, never_old}


def test_send_project_confirmations_dry_run_then_mails_each_contact_once(capsys, sending):
    project = stale("alt", title="Gemeinsamer Bauhof")
    stale("ohne-adresse", contact_email="")
    stale("frisch", last_confirmed_at=ago(30))

    call_command("send_project_confirmations", "--dry-run", "--verbosity", "2")
    dry = capsys.readouterr().out
    project.refresh_from_db()
    assert project.confirmation_requested_at is None
    assert mail.outbox == []
    with sending():
        call_command("send_project_confirmations")
        call_command("send_project_confirmations")

    assert "  Gemeinsamer Bauhof (alt@beispiel-kommune.de)" in dry
    assert "1 würden angeschrieben, 1 ohne E-Mail-Adresse der Ansprechperson" in dry
    assert capsys.readouterr().out.splitlines() == [
        "Projekte, seit 12 Monaten nicht bestätigt: 1 angeschrieben, 1 ohne E-Mail-Adresse der Ansprechperson",
        "Projekte, seit 12 Monaten nicht bestätigt: 0 angeschrieben, 1 ohne E-Mail-Adresse der Ansprechperson",
    ]
    message = mail.outbox[0]
    assert (message.to, message.subject) == (
        ["alt@beispiel-kommune.de"],
        "Stimmen die Angaben noch? Gemeinsamer Bauhof",
    )
    assert "/projekte/alt/bestaetigen/" in message.body
    assert "Zuletzt bestätigt wurde er am" in message.body
    assert message.reply_to == ['"Redaktion Interkommunales.NRW" <IKZ@Interkommunales.NRW>']
    assert len(mail.outbox) == 1
    project.refresh_from_db()
    assert project.confirmation_requested_at is not None
    # Asking is no change of the Steckbrief: no new version, "Zuletzt geändert" stays.
    assert project.history.count() == 1


def test_an_unanswered_request_is_repeated_after_the_interval(sending):
    project = stale("alt", confirmation_requested_at=ago(31))

    with sending():
        call_command("send_project_confirmations", "--verbosity", "0", "--repeat-days", "45")
        assert mail.outbox == []
        call_command("send_project_confirmations", "--verbosity", "0")

    assert [m.to for m in mail.outbox] == [[project.contact_email]]


def test_the_interval_in_months_is_an_option(capsys):
    stale("halbes-jahr", last_confirmed_at=ago(200))

    call_command("send_project_confirmations", "--dry-run", "--months", "6")

    assert "seit 6 Monaten nicht bestätigt: 1 würden angeschrieben" in capsys.readouterr().out


def test_a_failing_mail_does_not_stop_the_batch(capsys, caplog, sending):
    broken = stale("kaputt")
    fine = stale("heil")
    real = services.send_templated_mail

    def broken_for_one(**kwargs):
        if kwargs["context"]["project"].pk == broken.pk:
            raise RuntimeError("Vorlage kaputt")
        return real(**kwargs)

    with mock.patch("projects.services.send_templated_mail", side_effect=broken_for_one), sending():
        call_command("send_project_confirmations")

    broken.refresh_from_db()
    fine.refresh_from_db()
    assert broken.confirmation_requested_at is None  # tried again on the next run
    assert fine.confirmation_requested_at is not None
    assert [m.to for m in mail.outbox] == [["heil@beispiel-kommune.de"]]
    assert "1 angeschrieben" in capsys.readouterr().out
    assert f"Confirmation request for project {broken.pk} failed" in caplog.text


# --- The page behind the link ---


def test_confirming_records_the_date_in_the_history_and_on_the_project_page(client, sending):
    project = stale(
        "alt",
        participants__lead=Municipality.objects.get(slug="borken"),
        participants__topics=["bauen-und-planen"],
    )
    with sending():
        call_command("send_project_confirmations", "--verbosity", "0")
    url = link(mail.outbox[0])

    shown = client.get(url)
    confirmed = client.post(url, follow=True)

    page = shown.content.decode()
    assert "Angaben bestätigen" in page
    assert "Borken (hauptverantwortlich)" in page
    assert "Angaben sind aktuell" in page
    assert shown["Cache-Control"] == "private, no-store"
    assert "Vielen Dank! Wir haben vermerkt, dass die Angaben aktuell sind." in confirmed.content.decode()
    assert "Sie haben die Angaben heute bestätigt." in confirmed.content.decode()
    project.refresh_from_db()
    assert timezone.localdate(project.last_confirmed_at) == timezone.localdate()
    latest = project.history.first()
    assert latest.history_change_reason == "Angaben als aktuell bestätigt (Link in der E-Mail)"
    assert timezone.localdate(latest.last_confirmed_at) == timezone.localdate()
    today = formats.date_format(timezone.localdate(), "j. F Y")
    assert f"<dt>Zuletzt bestätigt</dt><dd>{today}</dd>" in client.get(project.get_absolute_url()).content.decode()
    # Confirmed, the project is not asked again for a year.
    assert not Project.objects.due_for_confirmation(since=ago(365), asked_before=timezone.now()).exists()


def test_the_page_links_to_the_change_form(client):
    project = stale("alt")

    page = client.get(services.project_confirmation_path(project)).content.decode()

    assert 'href="/projekte/alt/aenderung-melden/"><span class="kern-label">Änderungen melden</span>' in page


def test_the_link_expires_and_leads_nowhere_for_an_unpublished_project(client):
    project = stale("alt")
    url = services.project_confirmation_path(project)
    in_61_days = timezone.now().timestamp() + 61 * 86400

    with mock.patch("django.core.signing.time.time", return_value=in_61_days):
        expired = client.post(url)
    Project.objects.filter(pk=project.pk).update(is_published=False)
    unpublished = client.get(url)
    forged = client.get("/projekte/alt/bestaetigen/kaputt/")

    assert expired.status_code == unpublished.status_code == forged.status_code == 404
    assert "Links zum Bestätigen eines Projekts gelten 60 Tage" in expired.content.decode()
    project.refresh_from_db()
    assert project.last_confirmed_at < ago(399)


def test_a_renamed_project_keeps_its_link_working(client):
    project = stale("alter-name")
    url = services.project_confirmation_path(project)
    Project.objects.filter(pk=project.pk).update(slug="neuer-name")

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"].startswith("/projekte/neuer-name/bestaetigen/")
    assert client.get(response["Location"]).status_code == 200


def test_project_page_shows_when_it_was_last_confirmed(client):
    project = stale("alt", last_confirmed_at=timezone.make_aware(datetime.datetime(2025, 3, 14, 9, 0)))
    never = stale("nie", last_confirmed_at=None)

    page = client.get(project.get_absolute_url()).content.decode()

    assert "<dt>Zuletzt bestätigt</dt><dd>14. März 2025</dd>" in page
    assert "Zuletzt bestätigt" not in client.get(never.get_absolute_url()).content.decode()


def test_the_export_carries_the_day_of_the_last_confirmation(client):
    stale("alt", last_confirmed_at=timezone.make_aware(datetime.datetime(2025, 3, 14, 23, 30)))

    data = client.get("/projekte/export.json").json()

    assert data["projekte"][0]["Zuletzt bestätigt"] == "2025-03-14"
