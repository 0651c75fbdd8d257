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
from projects.models import Project, Submission
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


def links(message) -> list[str]:
    return re.findall(r"http://\S+/bestaetigen/\S+/", message.body)


def confirmation_path(project) -> str:
    """The link a mail would carry, as if the contact had just been asked."""
    Project.objects.filter(pk=project.pk).update(confirmation_requested_at=timezone.now())
    project.refresh_from_db()
    return services.project_confirmation_path(project)


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

    assert "  alt@beispiel-kommune.de: Gemeinsamer Bauhof" in dry
    assert "1 würden angeschrieben (1 E-Mail), 1 ohne E-Mail-Adresse der Ansprechperson" in dry
    assert capsys.readouterr().out.splitlines() == [
        "Projekte, seit 12 Monaten nicht bestätigt: 1 angeschrieben (1 E-Mail), 1 ohne E-Mail-Adresse der "
        "Ansprechperson",
        "Projekte, seit 12 Monaten nicht bestätigt: 0 angeschrieben (0 E-Mails), 1 ohne E-Mail-Adresse der "
        "Ansprechperson",
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


def test_a_contact_of_several_projects_gets_one_mail_with_a_link_for_each(client, capsys, sending):
    bauhof = stale("bauhof", title="Gemeinsamer Bauhof", contact_email="Petra.Beispiel@Borken.de")
    kasse = stale("kasse", title="Gemeinsame Stadtkasse", contact_email="petra.beispiel@borken.de ")
    other = stale("leitstelle", title="Gemeinsame Leitstelle", contact_email="max@heiden.de")

    call_command("send_project_confirmations", "--dry-run", "--verbosity", "2")
    dry = capsys.readouterr().out
    with sending():
        call_command("send_project_confirmations")

    assert "  petra.beispiel@borken.de: Gemeinsame Stadtkasse; Gemeinsamer Bauhof" in dry
    assert "3 würden angeschrieben (2 E-Mails)" in dry
    assert "3 angeschrieben (2 E-Mails)" in capsys.readouterr().out
    assert sorted(m.subject for m in mail.outbox) == [
        "Stimmen die Angaben noch? Gemeinsame Leitstelle",
        "Stimmen die Angaben noch? Ihre 2 Projekte auf Interkommunales.NRW",
    ]
    petra = next(m for m in mail.outbox if "2 Projekte" in m.subject)
    assert petra.body.startswith("Guten Tag Petra Beispiel,")
    assert "Sie sind die Ansprechperson für 2 Projekte auf Interkommunales.NRW." in petra.body
    assert petra.body.index("1. Gemeinsame Stadtkasse") < petra.body.index("2. Gemeinsamer Bauhof")
    kasse_link, bauhof_link = links(petra)
    assert "/projekte/kasse/bestaetigen/" in kasse_link and "/projekte/bauhof/bestaetigen/" in bauhof_link
    assert "Gemeinsamer Bauhof" in client.get(bauhof_link).content.decode()
    assert [link(m) for m in mail.outbox if m.to == [other.contact_email]] != []
    for project in (bauhof, kasse, other):
        project.refresh_from_db()
        assert project.confirmation_requested_at is not None


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
        if kwargs["context"]["entries"][0]["project"].pk == broken.pk:
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
    assert f"Confirmation request for projects [{broken.pk}] failed" in caplog.text


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
    confirmed = client.post(url, {"action": "confirm"}, follow=True)

    page = shown.content.decode()
    assert "Angaben bestätigen" in page
    assert "Borken (hauptverantwortlich)" in page
    assert "Angaben sind aktuell" in page
    assert shown["Cache-Control"] == "private, no-store"
    assert confirmed.redirect_chain == [("/projekte/alt/", 302)]
    assert "Vielen Dank! Wir haben vermerkt, dass die Angaben aktuell sind." in confirmed.content.decode()
    project.refresh_from_db()
    assert timezone.localdate(project.last_confirmed_at) == timezone.localdate()
    latest = project.history.first()
    assert latest.history_change_reason == "Angaben als aktuell bestätigt (Link in der E-Mail)"
    assert timezone.localdate(latest.last_confirmed_at) == timezone.localdate()
    today = formats.date_format(timezone.localdate(), "j. F Y")
    assert f"<dt>Zuletzt bestätigt</dt><dd>{today}</dd>" in confirmed.content.decode()
    # Confirmed, the project is not asked again for a year.
    assert not Project.objects.due_for_confirmation(since=ago(365), asked_before=timezone.now()).exists()


def test_the_link_is_used_up_by_confirming(client):
    project = stale("alt")
    url = confirmation_path(project)
    versions = project.history.count()

    client.post(url, {"action": "confirm"})
    again = client.post(url, {"action": "confirm"})
    shown_again = client.get(url)

    assert again.status_code == shown_again.status_code == 404
    assert "Dieser Link gilt nicht (mehr)" in shown_again.content.decode()
    assert "gelten 60 Tage und nur einmal" in shown_again.content.decode()
    # One confirmation, one version in the history.
    assert project.history.count() == versions + 1
    project.refresh_from_db()
    assert project.confirmation_requested_at is None


def test_the_link_dies_with_a_new_contact_or_a_new_request(client):
    project = stale("alt")
    url = confirmation_path(project)
    Project.objects.filter(pk=project.pk).update(contact_email="neu@beispiel-kommune.de")
    new_contact = client.get(url)
    Project.objects.filter(pk=project.pk).update(contact_email="alt@beispiel-kommune.de")
    assert client.get(url).status_code == 200  # the same contact again: the link is theirs
    newer_url = confirmation_path(project)

    assert new_contact.status_code == client.get(url).status_code == 404
    assert client.get(newer_url).status_code == 200


def test_a_link_used_in_another_tab_meanwhile_ends_on_the_page_that_says_so(client):
    project = stale("alt")
    url = confirmation_path(project)
    asked = Project.objects.get(pk=project.pk)
    services.confirm_project(project=asked)

    with pytest.raises(services.ProjectConfirmationError):
        services.confirm_project(project=asked)
    with pytest.raises(services.ProjectConfirmationError):
        services.start_change_from_confirmation(project=asked)
    assert client.post(url, {"action": "change"}).status_code == 404


def test_changes_open_the_filled_in_form_at_once_and_approving_them_confirms(client, django_user_model, sending):
    heiden = Municipality.objects.get(slug="heiden")
    project = stale(
        "alt",
        title="Gemeinsamer Bauhof",
        contact_name="Petra Beispiel",
        contact_function="Leiterin des Bauamts",
        participants__lead=Municipality.objects.get(slug="borken"),
        participants__topics=["bauen-und-planen"],
    )
    url = confirmation_path(project)
    asked_at = Project.objects.get(pk=project.pk).confirmation_requested_at

    page = client.get(url).content.decode()
    with sending():
        started = client.post(url, {"action": "change"})
        again = client.post(url, {"action": "change"})

    assert '<button class="kern-btn kern-btn--secondary" type="submit" name="action" value="change">' in page
    submission = Submission.objects.get()
    assert started["Location"] == again["Location"] == services.draft_path(submission, 1)
    assert mail.outbox == []  # no detour through a mailed link: this link came to the contact's address
    assert (submission.kind, submission.state, submission.project) == ("change", "draft", project)
    assert (submission.submitter_email, submission.submitter_name, submission.submitter_municipality.slug) == (
        "alt@beispiel-kommune.de",
        "Petra Beispiel",
        "borken",
    )
    assert submission.email_confirmed_at is not None and submission.link_used_at is not None
    assert submission.baseline == services.project_values(project)
    form = client.get(started["Location"]).content.decode()
    assert "Änderung an „Gemeinsamer Bauhof“ melden · Schritt 1 von 6" in form

    # The contact adds Heiden and sends the change; the editors approve it: that counts as the confirmation.
    services.save_submission_step(submission=submission, values={"municipalities": [heiden.pk]}, reached_step=6)
    with sending():
        services.submit_submission(submission=submission)
        services.approve_submission(
            submission=submission, by=django_user_model.objects.create_user("redakteurin", is_staff=True)
        )

    project.refresh_from_db()
    assert asked_at is not None
    assert project.confirmation_requested_at is None
    assert timezone.localdate(project.last_confirmed_at) == timezone.localdate()
    assert set(project.participants.values_list("municipality__slug", flat=True)) == {"borken", "heiden"}
    assert client.get(url).status_code == 404


def test_the_link_expires_and_leads_nowhere_for_an_unpublished_project(client):
    project = stale("alt")
    url = confirmation_path(project)
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
    url = confirmation_path(project)
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
