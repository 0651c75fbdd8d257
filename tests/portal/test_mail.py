import smtplib
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from portal import mail as portal_mail
from portal.models import OutgoingMail

pytestmark = pytest.mark.django_db


@pytest.fixture
def smtp_down(monkeypatch):
    def refuse(*args, **kwargs):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", refuse)


def queue_mail():
    """A stored mail whose task has not run (in tests, on-commit callbacks run only when captured)."""
    return portal_mail.send_templated_mail(
        template="portal/mail/contact_message",
        to=["redaktion@example.org"],
        context={"contact": {"subject": "Test", "name": "Kim", "email": "kim@example.org", "pk": 1}},
    )


def make_due(outgoing):
    OutgoingMail.objects.filter(pk=outgoing.pk).update(next_attempt_at=timezone.now() - timedelta(seconds=1))


def test_retry_is_not_attempted_before_it_is_due(smtp_down):
    outgoing = portal_mail.deliver(mail_id=queue_mail().pk)

    again = portal_mail.deliver(mail_id=outgoing.pk)

    assert (again.status, again.attempts) == (OutgoingMail.Status.RETRYING, 1)


def test_unexpected_error_is_recorded_not_lost(monkeypatch):
    def broken(*args, **kwargs):
        raise ValueError("kaputte Vorlage")

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", broken)

    outgoing = portal_mail.deliver(mail_id=queue_mail().pk)

    assert (outgoing.status, outgoing.last_error) == (OutgoingMail.Status.RETRYING, "ValueError: kaputte Vorlage")


def test_editors_can_send_a_failed_mail_again(admin_client, smtp_down, monkeypatch, django_capture_on_commit_callbacks):
    outgoing = portal_mail.deliver(mail_id=queue_mail().pk)
    OutgoingMail.objects.filter(pk=outgoing.pk).update(status=OutgoingMail.Status.FAILED)
    monkeypatch.undo()

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            "/admin/portal/outgoingmail/",
            {"action": "send_again", "_selected_action": [outgoing.pk]},
            follow=True,
        )

    outgoing.refresh_from_db()
    assert "1 E-Mail(s) zum Senden eingereiht." in response.content.decode()
    assert (outgoing.status, outgoing.attempts) == (OutgoingMail.Status.SENT, 2)
    assert len(mail.outbox) == 1


def test_send_templated_mail_renders_and_delivers_after_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        outgoing = portal_mail.send_templated_mail(
            template="portal/mail/contact_message",
            to=["redaktion@example.org"],
            context={"contact": {"subject": "Frage", "name": "Kim", "email": "kim@example.org", "pk": 7}},
        )

    outgoing.refresh_from_db()
    assert outgoing.subject == "[] Frage"
    assert "http://127.0.0.1:8000/admin/portal/contactmessage/7/change/" in outgoing.body_text
    assert outgoing.body_html.startswith("<!DOCTYPE html>")
    assert outgoing.status == OutgoingMail.Status.SENT
    assert mail.outbox[0].from_email == "Interkommunales.NRW <noreply@interkommunales.nrw>"


def test_mail_is_stored_before_delivery():
    outgoing = queue_mail()

    assert (outgoing.status, outgoing.attempts) == (OutgoingMail.Status.QUEUED, 0)
    assert mail.outbox == []


def test_failed_delivery_is_recorded_with_backoff(smtp_down):
    outgoing = portal_mail.deliver(mail_id=queue_mail().pk)

    assert outgoing.status == OutgoingMail.Status.RETRYING
    assert outgoing.attempts == 1
    assert outgoing.last_error == "SMTPServerDisconnected: Connection unexpectedly closed"
    assert timedelta(seconds=50) < outgoing.next_attempt_at - timezone.now() <= timedelta(minutes=1)


def test_delivery_gives_up_after_all_retries(smtp_down, settings):
    settings.MAIL_RETRY_DELAYS_MINUTES = [1, 5]
    outgoing = queue_mail()

    for _ in range(3):
        make_due(outgoing)
        portal_mail.deliver(mail_id=outgoing.pk)

    outgoing.refresh_from_db()
    assert (outgoing.status, outgoing.attempts) == (OutgoingMail.Status.FAILED, 3)


def test_send_queued_mail_sends_due_retries(smtp_down, monkeypatch):
    outgoing = portal_mail.deliver(mail_id=queue_mail().pk)
    make_due(outgoing)
    monkeypatch.undo()  # the mail server is back

    call_command("send_queued_mail", verbosity=0)

    outgoing.refresh_from_db()
    assert (outgoing.status, outgoing.attempts) == (OutgoingMail.Status.SENT, 2)
    assert len(mail.outbox) == 1


def test_send_queued_mail_leaves_retries_that_are_not_due(smtp_down, monkeypatch):
    outgoing = portal_mail.deliver(mail_id=queue_mail().pk)
    monkeypatch.undo()

    call_command("send_queued_mail", verbosity=0)

    outgoing.refresh_from_db()
    assert outgoing.status == OutgoingMail.Status.RETRYING
    assert mail.outbox == []


def test_send_queued_mail_dry_run_sends_nothing(smtp_down, monkeypatch, capsys):
    outgoing = portal_mail.deliver(mail_id=queue_mail().pk)
    make_due(outgoing)
    monkeypatch.undo()

    call_command("send_queued_mail", dry_run=True)

    assert "1 E-Mail(s) wären fällig." in capsys.readouterr().out
    assert mail.outbox == []


def test_send_queued_mail_picks_up_mails_whose_task_was_lost():
    outgoing = queue_mail()
    OutgoingMail.objects.filter(pk=outgoing.pk).update(created_at=timezone.now() - timedelta(minutes=11))

    call_command("send_queued_mail", verbosity=0)

    outgoing.refresh_from_db()
    assert outgoing.status == OutgoingMail.Status.SENT
    assert len(mail.outbox) == 1


def test_sent_mail_is_not_sent_twice():
    outgoing = queue_mail()

    portal_mail.deliver(mail_id=outgoing.pk)
    portal_mail.deliver(mail_id=outgoing.pk)

    assert len(mail.outbox) == 1
