import smtplib
import threading
from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connections, transaction
from django.utils import timezone

from newsletter import emails, services
from newsletter.models import Delivery, Issue, Subscriber
from tests.factories import BlockFactory, IssueFactory, ProjectFactory, SubscriberFactory
from tests.newsletter.backends import FlakyBackend

pytestmark = pytest.mark.django_db


@pytest.fixture
def flaky(settings):
    settings.EMAIL_BACKEND = "tests.newsletter.backends.FlakyBackend"
    FlakyBackend.errors, FlakyBackend.connections = {}, 0
    yield FlakyBackend
    FlakyBackend.errors = {}


@pytest.fixture
def issue():
    issue = IssueFactory(subject="Neues aus der Zusammenarbeit")
    BlockFactory(issue=issue)
    return issue


def addresses() -> list[str]:
    return sorted(message.to[0] for message in mail.outbox)


def deliveries(issue) -> dict[str, str]:
    return dict(Delivery.objects.filter(issue=issue).values_list("subscriber__email", "status"))


def make_due(issue):
    Delivery.objects.filter(issue=issue, next_attempt_at__isnull=False).update(
        next_attempt_at=timezone.now() - timedelta(seconds=1)
    )


def test_sending_goes_to_every_confirmed_subscriber_once(issue, django_capture_on_commit_callbacks):
    confirmed = SubscriberFactory.create_batch(3)
    SubscriberFactory(status="pending")
    SubscriberFactory(status="unsubscribed")

    with django_capture_on_commit_callbacks(execute=True):
        services.start_sending(issue=issue)

    issue.refresh_from_db()
    assert addresses() == sorted(s.email for s in confirmed)
    assert (issue.status, issue.recipients_count, issue.sent_count, issue.failed_count) == ("sent", 3, 3, 0)
    assert issue.started_at <= issue.finished_at
    assert set(deliveries(issue).values()) == {"sent"}
    assert all(message.subject == "Neues aus der Zusammenarbeit" for message in mail.outbox)


def test_each_subscriber_gets_their_own_unsubscribe_link(issue, django_capture_on_commit_callbacks):
    kim, alex = SubscriberFactory(email="kim@beispiel.de"), SubscriberFactory(email="alex@beispiel.de")

    with django_capture_on_commit_callbacks(execute=True):
        services.start_sending(issue=issue)

    by_address = {message.to[0]: message for message in mail.outbox}
    for subscriber in (kim, alex):
        message = by_address[subscriber.email]
        url = services.unsubscribe_url(subscriber)
        assert message.extra_headers["List-Unsubscribe"] == f"<{url}>"
        assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert url in message.body and url in message.alternatives[0][0]


def test_the_mail_is_rendered_once_per_issue_not_per_subscriber(issue, django_capture_on_commit_callbacks):
    SubscriberFactory.create_batch(5)

    with (
        mock.patch("newsletter.emails.render_to_string", wraps=emails.render_to_string) as render,
        django_capture_on_commit_callbacks(execute=True),
    ):
        services.start_sending(issue=issue)

    assert len(mail.outbox) == 5
    assert render.call_count == 2  # the HTML and the text template


def test_a_second_click_resumes_without_sending_anyone_twice(issue, django_capture_on_commit_callbacks):
    SubscriberFactory.create_batch(5)
    services.start_sending(issue=issue, enqueue=False)
    services.send_batch(issue_id=issue.pk, batch_size=2)

    with django_capture_on_commit_callbacks(execute=True):
        services.start_sending(issue=issue)
        services.start_sending(issue=issue)

    assert len(mail.outbox) == len(set(addresses())) == 5
    assert Delivery.objects.filter(issue=issue).count() == 5
    assert Issue.objects.get(pk=issue.pk).status == "sent"


def test_the_recipients_are_those_confirmed_when_sending_started(issue):
    SubscriberFactory.create_batch(2)
    services.start_sending(issue=issue, enqueue=False)
    SubscriberFactory(email="spaet@beispiel.de")

    services.start_sending(issue=issue, enqueue=False)
    services.send_until_done(issue_id=issue.pk)

    assert "spaet@beispiel.de" not in addresses()
    assert len(mail.outbox) == 2


def test_starting_writes_the_deliveries_in_one_statement_whatever_their_number(
    issue, django_assert_num_queries, django_capture_on_commit_callbacks
):
    SubscriberFactory.create_batch(3)
    other = IssueFactory()
    BlockFactory(issue=other)
    SubscriberFactory()

    # Lock the issue, check its blocks, image blocks without rendition, the blocks to render, one
    # INSERT … SELECT, save the issue; inside a savepoint of the test's transaction.
    with django_assert_num_queries(8) as first:
        services.start_sending(issue=issue, enqueue=False)
    SubscriberFactory.create_batch(30)
    with django_assert_num_queries(len(first.captured_queries)):
        services.start_sending(issue=other, enqueue=False)

    assert Delivery.objects.filter(issue=other).count() == 34


def test_a_subscriber_who_unsubscribed_in_between_is_skipped(issue):
    kim = SubscriberFactory(email="kim@beispiel.de")
    SubscriberFactory(email="alex@beispiel.de")
    services.start_sending(issue=issue, enqueue=False)
    services.unsubscribe(subscriber=kim)

    totals, next_at = services.send_until_done(issue_id=issue.pk)

    assert addresses() == ["alex@beispiel.de"]
    assert deliveries(issue) == {"kim@beispiel.de": "skipped", "alex@beispiel.de": "sent"}
    assert (totals.sent, totals.skipped, next_at) == (1, 1, None)


def test_a_deleted_subscriber_keeps_the_row_without_the_address(issue):
    kim = SubscriberFactory()
    services.start_sending(issue=issue, enqueue=False)
    kim.delete()

    services.send_until_done(issue_id=issue.pk)

    delivery = Delivery.objects.get(issue=issue)
    assert (delivery.subscriber, delivery.status) == (None, "skipped")
    assert mail.outbox == []


def test_an_smtp_error_is_recorded_and_retried_later_with_backoff(issue, flaky):
    SubscriberFactory(email="kim@beispiel.de")
    SubscriberFactory(email="alex@beispiel.de")
    flaky.errors["kim@beispiel.de"] = smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
    services.start_sending(issue=issue, enqueue=False)

    before = timezone.now()
    totals, next_at = services.send_until_done(issue_id=issue.pk)

    kim = Delivery.objects.get(issue=issue, subscriber__email="kim@beispiel.de")
    assert (totals.sent, totals.retrying) == (1, 1)
    assert (kim.status, kim.attempts) == ("pending", 1)
    assert kim.last_error == "SMTPServerDisconnected: Connection unexpectedly closed"
    assert before + timedelta(minutes=1) <= kim.next_attempt_at <= timezone.now() + timedelta(minutes=1)
    assert next_at == kim.next_attempt_at
    assert Issue.objects.get(pk=issue.pk).status == "sending"

    # Not before it is due …
    services.send_until_done(issue_id=issue.pk)
    assert Delivery.objects.get(pk=kim.pk).attempts == 1
    # … then again, now that the server takes it.
    flaky.errors.clear()
    make_due(issue)
    services.send_until_done(issue_id=issue.pk)

    kim.refresh_from_db()
    assert (kim.status, kim.attempts) == ("sent", 2)
    assert addresses() == ["alex@beispiel.de", "kim@beispiel.de"]
    assert Issue.objects.get(pk=issue.pk).status == "sent"


def test_the_wait_grows_with_each_attempt_and_ends_in_failure(issue, flaky, settings):
    settings.MAIL_RETRY_DELAYS_MINUTES = [1, 5, 30]
    SubscriberFactory(email="kim@beispiel.de")
    flaky.errors["kim@beispiel.de"] = smtplib.SMTPDataError(451, "Bitte später noch einmal")
    services.start_sending(issue=issue, enqueue=False)

    waits = []
    for _ in range(4):
        make_due(issue)
        start = timezone.now()
        services.send_until_done(issue_id=issue.pk)
        delivery = Delivery.objects.get(issue=issue)
        if delivery.next_attempt_at:
            waits.append(round((delivery.next_attempt_at - start).total_seconds() / 60))

    issue.refresh_from_db()
    assert waits == [1, 5, 30]
    assert (delivery.status, delivery.attempts, delivery.next_attempt_at) == ("failed", 4, None)
    assert (issue.status, issue.sent_count, issue.failed_count) == ("sent", 0, 1)


def test_an_address_the_server_refuses_for_good_is_not_tried_again(issue, flaky):
    SubscriberFactory(email="weg@beispiel.de")
    flaky.errors["weg@beispiel.de"] = smtplib.SMTPRecipientsRefused({"weg@beispiel.de": (550, b"No such user")})
    services.start_sending(issue=issue, enqueue=False)

    services.send_until_done(issue_id=issue.pk)

    delivery = Delivery.objects.get(issue=issue)
    assert (delivery.status, delivery.attempts) == ("failed", 1)
    assert "No such user" in delivery.last_error
    assert Issue.objects.get(pk=issue.pk).status == "sent"


def test_failed_deliveries_can_be_tried_again(issue, flaky, django_capture_on_commit_callbacks):
    SubscriberFactory(email="weg@beispiel.de")
    flaky.errors["weg@beispiel.de"] = smtplib.SMTPRecipientsRefused({"weg@beispiel.de": (550, b"Mailbox full")})
    services.start_sending(issue=issue, enqueue=False)
    services.send_until_done(issue_id=issue.pk)
    flaky.errors.clear()

    with django_capture_on_commit_callbacks(execute=True):
        count = services.retry_failed_deliveries(issue=issue)

    issue.refresh_from_db()
    assert count == 1
    assert (issue.status, issue.sent_count, issue.failed_count) == ("sent", 1, 0)
    assert addresses() == ["weg@beispiel.de"]


def test_a_batch_sends_over_one_connection(issue, flaky):
    SubscriberFactory.create_batch(5)
    services.start_sending(issue=issue, enqueue=False)

    result = services.send_batch(issue_id=issue.pk, batch_size=3)

    assert (result.sent, flaky.connections) == (3, 1)
    assert Delivery.objects.filter(issue=issue, status="pending").count() == 2


def test_a_broken_connection_is_opened_again_for_the_next_message(issue, flaky):
    SubscriberFactory(email="a@beispiel.de")
    SubscriberFactory(email="b@beispiel.de")
    flaky.errors["a@beispiel.de"] = smtplib.SMTPServerDisconnected("weg")
    services.start_sending(issue=issue, enqueue=False)

    result = services.send_batch(issue_id=issue.pk)

    assert (result.sent, result.retrying, flaky.connections) == (1, 1, 2)


@pytest.mark.django_db(transaction=True)
def test_a_delivery_being_sent_by_another_job_is_left_to_it(issue):
    SubscriberFactory.create_batch(2)
    services.start_sending(issue=issue, enqueue=False)
    taken = Delivery.objects.filter(issue=issue).order_by("pk").first()
    locked, release = threading.Event(), threading.Event()

    def other_job():
        # Another job holds the row, as while it waits for the SMTP server.
        with transaction.atomic():
            Delivery.objects.select_for_update().get(pk=taken.pk)
            locked.set()
            release.wait(10)
        connections.close_all()

    thread = threading.Thread(target=other_job)
    thread.start()
    locked.wait(10)
    try:
        result = services.send_batch(issue_id=issue.pk)
    finally:
        release.set()
        thread.join()

    assert (result.sent, result.busy) == (1, 1)
    assert Delivery.objects.get(pk=taken.pk).status == "pending"


def test_nothing_is_sent_for_an_issue_without_content_or_without_subscribers():
    SubscriberFactory()
    empty = IssueFactory(intro="")
    nobody_yet = IssueFactory()
    Subscriber.objects.all().delete()

    with pytest.raises(services.SendingError, match="noch keinen Inhalt"):
        services.start_sending(issue=empty)
    with pytest.raises(services.SendingError, match="keine bestätigten"):
        services.start_sending(issue=nobody_yet)

    assert set(Issue.objects.values_list("status", flat=True)) == {"draft"}
    assert not Delivery.objects.exists()


def test_a_teaser_for_a_project_no_longer_public_stops_the_sending(issue):
    SubscriberFactory()
    BlockFactory(issue=issue, kind="project", project=ProjectFactory(title="Alter Bauhof", is_published=False))

    with pytest.raises(services.SendingError, match="„Alter Bauhof“ ist nicht veröffentlicht"):
        services.start_sending(issue=issue)


def test_a_sent_issue_is_not_sent_again(issue):
    SubscriberFactory()
    services.start_sending(issue=issue, enqueue=False)
    services.send_until_done(issue_id=issue.pk)

    with pytest.raises(services.SendingError, match="schon versendet"):
        services.start_sending(issue=issue)

    assert len(mail.outbox) == 1


def test_a_test_send_goes_through_the_mail_queue_marked_as_test(issue, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.send_test(issue=issue, email="redaktion@beispiel.de")

    (message,) = mail.outbox
    assert message.to == ["redaktion@beispiel.de"]
    assert message.subject == "[Test] Neues aus der Zusammenarbeit"
    assert "List-Unsubscribe" not in message.extra_headers
    assert Issue.objects.get(pk=issue.pk).status == "draft"


# --- Scheduling and the cron command ---


def test_scheduling_needs_a_time_to_come(issue):
    with pytest.raises(services.SendingError, match="Vergangenheit"):
        services.schedule_issue(issue=issue, at=timezone.now() - timedelta(minutes=1))

    scheduled = services.schedule_issue(issue=issue, at=timezone.now() + timedelta(hours=2))
    assert scheduled.status == "scheduled"
    assert services.unschedule_issue(issue=issue).status == "draft"


def test_the_command_starts_scheduled_issues_when_their_time_has_come(
    issue, capsys, django_capture_on_commit_callbacks
):
    SubscriberFactory.create_batch(2)
    services.schedule_issue(issue=issue, at=timezone.now() + timedelta(hours=1))
    later = IssueFactory()
    BlockFactory(issue=later)
    services.schedule_issue(issue=later, at=timezone.now() + timedelta(days=1))
    Issue.objects.filter(pk=issue.pk).update(scheduled_at=timezone.now() - timedelta(minutes=1))

    call_command("send_newsletters", "--dry-run")
    assert not Delivery.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_newsletters")

    assert Issue.objects.get(pk=issue.pk).status == "sent"
    assert Issue.objects.get(pk=later.pk).status == "scheduled"
    assert len(mail.outbox) == 2
    out = capsys.readouterr().out
    assert "würde jetzt gestartet" in out
    assert "Versand an 2 Abonnentinnen und Abonnenten gestartet" in out


def test_the_command_resumes_a_sending_that_stalled(issue, capsys):
    SubscriberFactory.create_batch(3)
    services.start_sending(issue=issue, enqueue=False)
    services.send_batch(issue_id=issue.pk, batch_size=1)

    call_command("send_newsletters")  # the job ran a moment ago: left alone
    assert len(mail.outbox) == 1
    Issue.objects.filter(pk=issue.pk).update(last_batch_at=timezone.now() - timedelta(minutes=11))
    call_command("send_newsletters")

    assert len(mail.outbox) == 3
    assert Issue.objects.get(pk=issue.pk).status == "sent"
    assert "Versand wird fortgesetzt" in capsys.readouterr().out


def test_the_command_sends_in_its_own_process_with_foreground(issue, capsys):
    SubscriberFactory.create_batch(3)
    services.start_sending(issue=issue, enqueue=False)

    call_command("send_newsletters", "--foreground", "--issue", str(issue.pk))

    assert len(mail.outbox) == 3
    assert "3 gesendet, 0 fehlgeschlagen, 0 übersprungen; Versand abgeschlossen" in capsys.readouterr().out
