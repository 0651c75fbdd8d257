"""Writes of the newsletter: subscriptions (double opt-in, unsubscribing) and issues (scheduling, sending).

Sending is resumable. `start_sending` creates one Delivery row per confirmed subscriber in a single
statement and queues the job; the job (`send_batch`, run by `newsletter.tasks.send_issue_task` or by the
command `send_newsletters --foreground`) sends the pending rows over one SMTP connection per batch. Each
message is claimed, sent and recorded in its own short transaction with its row locked (SKIP LOCKED), so
two jobs never take the same row, and the result is committed right after the SMTP server accepted the
message. Whatever is pending after a crash, a restart or a second click is sent, and nothing else.
The one case of a double: a crash after the server accepted a message and before its row was committed
sends that one message again.
"""

import io
import logging
import smtplib
import time
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core import signing
from django.core.files.base import ContentFile
from django.core.mail import get_connection
from django.db import connection as db_connection
from django.db import transaction
from django.db.models import Count, F, Min, Q
from django.urls import reverse
from django.utils import timezone
from PIL import Image, ImageOps

from newsletter import emails
from newsletter.models import Block, Delivery, Issue, Subscriber
from portal.mail import absolute_url, queue_rendered_mail, send_templated_mail

logger = logging.getLogger(__name__)

# The text a person agrees to when subscribing; stored with each subscription. Change the version
# whenever the text changes.
CONSENT_VERSION = "2026-11"
CONSENT_TEXT = (
    "Ich möchte den Newsletter von Interkommunales.NRW per E-Mail erhalten. Meine E-Mail-Adresse und, "
    "falls angegeben, Name und Organisation werden nur dafür gespeichert. Ich kann den Newsletter "
    "jederzeit über den Link in jeder Ausgabe abbestellen."
)
CONFIRMATION_DAYS = 7
_CONFIRM_SALT = "newsletter.confirm"
_UNSUBSCRIBE_SALT = "newsletter.unsubscribe"
# Pictures in the mail are shown 552 px wide; twice that for sharp screens.
RENDITION_WIDTH = 1200
# Messages sent over one SMTP connection by one run of the job.
BATCH_SIZE = 200
# A sending whose job has not run for this long while deliveries are due is resumed by `send_newsletters`.
STALLED_MINUTES = 10
# When every due delivery is being sent by another job, look again after this long.
BUSY_RETRY_SECONDS = 5


def confirmation_url(subscriber: Subscriber) -> str:
    token = signing.dumps([subscriber.pk, subscriber.email], salt=_CONFIRM_SALT)
    return absolute_url(reverse("newsletter:confirm", kwargs={"token": token}))


def unsubscribe_url(subscriber: Subscriber) -> str:
    token = signing.dumps([subscriber.pk, subscriber.email], salt=_UNSUBSCRIBE_SALT)
    return absolute_url(reverse("newsletter:unsubscribe", kwargs={"token": token}))


def _subscriber_from(token: str, salt: str, max_age=None) -> Subscriber | None:
    try:
        pk, email = signing.loads(token, salt=salt, max_age=max_age)
    except (signing.BadSignature, TypeError, ValueError):
        return None
    return Subscriber.objects.filter(pk=pk, email=email).first()


def subscriber_to_confirm(token: str) -> Subscriber | None:
    """The subscriber a confirmation link is for, if the link is genuine and not older than a week."""
    return _subscriber_from(token, _CONFIRM_SALT, max_age=CONFIRMATION_DAYS * 86400)


def subscriber_to_unsubscribe(token: str) -> Subscriber | None:
    return _subscriber_from(token, _UNSUBSCRIBE_SALT)


@transaction.atomic
def request_subscription(*, email: str, name: str = "", organisation: str = "") -> Subscriber:
    """Record a sign-up and mail the confirmation link; the newsletter starts only after confirming.

    Whether the address is new, pending, confirmed or unsubscribed, the visitor sees the same answer;
    only the mail differs (a confirmed subscriber is told that nothing changed).
    """
    email = email.strip().lower()
    subscriber = Subscriber.objects.select_for_update().filter(email=email).first()
    if subscriber and subscriber.status == Subscriber.Status.CONFIRMED:
        send_templated_mail(
            template="newsletter/mail/already_subscribed",
            to=[email],
            context={"subscriber": subscriber, "unsubscribe_url": unsubscribe_url(subscriber)},
        )
        return subscriber
    subscriber = subscriber or Subscriber(email=email)
    subscriber.name = name
    subscriber.organisation = organisation
    subscriber.status = Subscriber.Status.PENDING
    subscriber.consent_text = CONSENT_TEXT
    subscriber.consent_version = CONSENT_VERSION
    subscriber.requested_at = timezone.now()
    subscriber.unsubscribed_at = None
    subscriber.save()
    send_templated_mail(
        template="newsletter/mail/confirm_subscription",
        to=[email],
        context={"subscriber": subscriber, "confirmation_url": confirmation_url(subscriber), "days": CONFIRMATION_DAYS},
    )
    return subscriber


@transaction.atomic
def confirm_subscription(*, subscriber: Subscriber) -> Subscriber:
    """Confirm a pending sign-up (double opt-in); the time is kept as proof with the consent given."""
    subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
    if subscriber.status == Subscriber.Status.PENDING:
        subscriber.status = Subscriber.Status.CONFIRMED
        subscriber.confirmed_at = timezone.now()
        subscriber.save(update_fields=["status", "confirmed_at"])
    return subscriber


@transaction.atomic
def unsubscribe(*, subscriber: Subscriber) -> Subscriber:
    """Stop the newsletter at once; name and organisation are no longer needed and are removed."""
    subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
    if subscriber.status != Subscriber.Status.UNSUBSCRIBED:
        subscriber.status = Subscriber.Status.UNSUBSCRIBED
        subscriber.unsubscribed_at = timezone.now()
        subscriber.name = subscriber.organisation = ""
        subscriber.save(update_fields=["status", "unsubscribed_at", "name", "organisation"])
    return subscriber


def delete_unconfirmed_subscriptions(*, days: int = CONFIRMATION_DAYS, dry_run: bool = False) -> int:
    """Delete sign-ups never confirmed within `days`; returns how many."""
    stale = Subscriber.objects.unconfirmed_since(days)
    count = stale.count()
    if not dry_run:
        stale.delete()
    return count


def delete_old_unsubscriptions(*, days: int, dry_run: bool = False) -> int:
    """Delete unsubscribed addresses `days` after the unsubscription; returns how many.

    Until then the address is kept with the consent text and the times of sign-up, confirmation and
    unsubscription, as proof that every issue sent to it was sent with consent (Art. 7 Abs. 1 DSGVO).
    Deliveries stay, without the address, so an issue's counts do not change.
    """
    old = Subscriber.objects.unsubscribed_since(days)
    count = old.count()
    if not dry_run:
        old.delete()
    return count


def create_block_rendition(*, block: Block) -> Block:
    """The picture of an image block as the mail shows it: JPEG (Outlook shows no WebP), 1200 px wide at
    most, turned upright as the camera meant it, transparency on white."""
    with block.image.open("rb") as file, Image.open(file) as original:
        picture = ImageOps.exif_transpose(original)
        if picture.mode in ("RGBA", "LA", "P"):
            picture = picture.convert("RGBA")
            background = Image.new("RGB", picture.size, "white")
            background.paste(picture, mask=picture.getchannel("A"))
            picture = background
        picture = picture.convert("RGB")
    picture.thumbnail((RENDITION_WIDTH, RENDITION_WIDTH * 4))
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=82, optimize=True, progressive=True)
    stem = block.image.name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    block.rendition.save(f"{stem}-{RENDITION_WIDTH}.jpg", ContentFile(buffer.getvalue()), save=False)
    block.save(update_fields=["rendition"])
    return block


# --- Issues ----------------------------------------------------------------------------------------


class SendingError(Exception):
    """An issue that cannot be sent or scheduled now; the message says why, in German."""


def problems_before_sending(issue: Issue) -> list[str]:
    """What keeps an issue from going out, in German (empty when it is ready)."""
    problems = []
    blocks = list(issue.blocks.select_related("project", "event"))
    if not issue.intro and not blocks:
        problems.append(
            "Die Ausgabe hat noch keinen Inhalt: Bitte schreiben Sie eine Einleitung oder legen Sie Bausteine an."
        )
    for block in blocks:
        if block.kind == Block.Kind.PROJECT and not block.project.is_published:
            problems.append(f"Das Projekt „{block.project}“ ist nicht veröffentlicht; bitte den Baustein entfernen.")
        if block.kind == Block.Kind.EVENT and block.event.status != block.event.Status.PUBLISHED:
            problems.append(
                f"Die Veranstaltung „{block.event}“ ist nicht (mehr) öffentlich; bitte den Baustein entfernen."
            )
    return problems


@transaction.atomic
def schedule_issue(*, issue: Issue, at: datetime) -> Issue:
    """Plan the sending for a time; the cron command `send_newsletters` starts it then."""
    issue = Issue.objects.select_for_update().get(pk=issue.pk)
    if not issue.is_editable:
        raise SendingError("Diese Ausgabe wird schon versendet oder ist versendet.")
    if at <= timezone.now():
        raise SendingError("Der Zeitpunkt liegt in der Vergangenheit. Bitte wählen Sie einen späteren.")
    if problems := problems_before_sending(issue):
        raise SendingError(" ".join(problems))
    issue.status, issue.scheduled_at = Issue.Status.SCHEDULED, at
    issue.save(update_fields=["status", "scheduled_at", "updated_at"])
    return issue


@transaction.atomic
def unschedule_issue(*, issue: Issue) -> Issue:
    issue = Issue.objects.select_for_update().get(pk=issue.pk)
    if issue.status == Issue.Status.SCHEDULED:
        issue.status, issue.scheduled_at = Issue.Status.DRAFT, None
        issue.save(update_fields=["status", "scheduled_at", "updated_at"])
    return issue


def start_sending(*, issue: Issue, enqueue: bool = True) -> Issue:
    """Send an issue to every confirmed subscriber, or resume its sending if it has begun.

    The first call renders the mail once and keeps it, and records a pending delivery for each
    subscriber confirmed at this moment (one INSERT … SELECT, whatever their number). Any later call
    (a second click, a restart) only queues the job again: it sends what is still pending.
    """
    with transaction.atomic():
        issue = Issue.objects.select_for_update().get(pk=issue.pk)
        if issue.status == Issue.Status.SENT:
            raise SendingError("Diese Ausgabe ist schon versendet.")
        if issue.is_editable:
            if problems := problems_before_sending(issue):
                raise SendingError(" ".join(problems))
            for block in issue.blocks.filter(kind=Block.Kind.IMAGE, rendition=""):
                create_block_rendition(block=block)
            mail = emails.render_issue(issue)
            issue.mail_html, issue.mail_text = mail.html, mail.text
            issue.status, issue.started_at = Issue.Status.SENDING, timezone.now()
            issue.recipients_count = _create_deliveries(issue)
            if not issue.recipients_count:
                raise SendingError("Es gibt noch keine bestätigten Abonnentinnen und Abonnenten.")
            issue.save()
        if enqueue:
            transaction.on_commit(lambda: enqueue_sending(issue_id=issue.pk), robust=True)
    return issue


def _create_deliveries(issue: Issue) -> int:
    """A pending delivery for every confirmed subscriber, written by the database itself: no subscriber
    passes through Python, so 50,000 cost one statement and no memory."""
    quote = db_connection.ops.quote_name
    with db_connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {quote(Delivery._meta.db_table)} (issue_id, subscriber_id, status, attempts, last_error) "
            f"SELECT %s, id, %s, 0, '' FROM {quote(Subscriber._meta.db_table)} WHERE status = %s "
            "ON CONFLICT (issue_id, subscriber_id) DO NOTHING",
            [issue.pk, Delivery.Status.PENDING, Subscriber.Status.CONFIRMED],
        )
        return cursor.rowcount


def enqueue_sending(*, issue_id: int, run_after: datetime | None = None) -> None:
    from newsletter.tasks import send_issue_task

    task = send_issue_task.using(run_after=run_after) if run_after else send_issue_task
    task.enqueue(issue_id=issue_id)


def retry_failed_deliveries(*, issue: Issue, enqueue: bool = True) -> int:
    """Give the failed deliveries of an issue a new series of attempts (e.g. after fixing the mail server)."""
    with transaction.atomic():
        issue = Issue.objects.select_for_update().get(pk=issue.pk)
        count = Delivery.objects.filter(issue=issue, status=Delivery.Status.FAILED).update(
            status=Delivery.Status.PENDING, attempts=0, next_attempt_at=None
        )
        if count:
            issue.status, issue.finished_at, issue.failed_count = Issue.Status.SENDING, None, 0
            issue.save(update_fields=["status", "finished_at", "failed_count", "updated_at"])
            if enqueue:
                transaction.on_commit(lambda: enqueue_sending(issue_id=issue.pk), robust=True)
    return count


def send_test(*, issue: Issue, email: str) -> None:
    """The issue as it is now to one address, marked as a test, through the portal's mail queue."""
    mail = emails.sample(emails.render_issue(issue), subject_prefix="[Test] ")
    queue_rendered_mail(
        template="newsletter/mail/issue", to=[email], subject=mail.subject, body_text=mail.text, body_html=mail.html
    )


# --- The sending job -------------------------------------------------------------------------------


@dataclass
class BatchResult:
    sent: int = 0
    retrying: int = 0
    failed: int = 0
    skipped: int = 0
    busy: int = 0  # taken or finished by another job meanwhile

    def add(self, other: "BatchResult") -> None:
        for name in ("sent", "retrying", "failed", "skipped", "busy"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


def send_batch(*, issue_id: int, batch_size: int = BATCH_SIZE) -> BatchResult:
    """Send up to `batch_size` due deliveries of an issue being sent, over one SMTP connection."""
    result = BatchResult()
    issue = Issue.objects.filter(pk=issue_id, status=Issue.Status.SENDING).only("subject", "mail_html", "mail_text")
    issue = issue.first()
    if issue is None:
        return result
    now = timezone.now()
    Issue.objects.filter(pk=issue_id).update(last_batch_at=now)
    candidates = list(
        Delivery.objects.filter(issue_id=issue_id).due(now).order_by("pk").values_list("pk", flat=True)[:batch_size]
    )
    if not candidates:
        return result
    mail = emails.IssueMail(subject=issue.subject, text=issue.mail_text, html=issue.mail_html)
    connection = get_connection()
    try:
        for delivery_id in candidates:
            outcome = _deliver(delivery_id=delivery_id, mail=mail, connection=connection, now=now)
            setattr(result, outcome, getattr(result, outcome) + 1)
    finally:
        _close(connection)
    Issue.objects.filter(pk=issue_id).update(
        sent_count=F("sent_count") + result.sent, failed_count=F("failed_count") + result.failed
    )
    return result


def _deliver(*, delivery_id: int, mail: emails.IssueMail, connection, now) -> str:
    """Send one delivery if it is still due and nobody else is sending it; returns what happened."""
    with transaction.atomic():
        delivery = (
            Delivery.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("subscriber")
            .filter(pk=delivery_id)
            .due(now)
            .first()
        )
        if delivery is None:
            return "busy"
        subscriber = delivery.subscriber
        if subscriber is None or subscriber.status != Subscriber.Status.CONFIRMED:
            delivery.status = Delivery.Status.SKIPPED
            delivery.save(update_fields=["status"])
            return "skipped"
        personal = emails.personalise(mail, unsubscribe_url=unsubscribe_url(subscriber))
        message = emails.build_message(personal, to=subscriber.email, name=subscriber.name, connection=connection)
        delivery.attempts += 1
        delivery.attempted_at = timezone.now()
        try:
            connection.open()
            message.send()
        except Exception as exc:  # SMTP, network, a refused address: recorded on the row, never raised
            _close(connection)  # the next message opens a fresh connection
            outcome = _record_failure(delivery, exc)
        else:
            delivery.status, delivery.sent_at, delivery.next_attempt_at = Delivery.Status.SENT, timezone.now(), None
            outcome = "sent"
        delivery.save(update_fields=["status", "attempts", "attempted_at", "sent_at", "next_attempt_at", "last_error"])
    return outcome


def _record_failure(delivery: Delivery, exc: Exception) -> str:
    """Retry after 1, 5, 30, 120 and 720 minutes (settings.MAIL_RETRY_DELAYS_MINUTES), then give up;
    an address the receiving server refuses for good (5xx) is not tried again."""
    delays = settings.MAIL_RETRY_DELAYS_MINUTES
    delivery.last_error = f"{type(exc).__name__}: {exc}"[:2000]
    if _is_permanent(exc) or delivery.attempts > len(delays):
        delivery.status, delivery.next_attempt_at = Delivery.Status.FAILED, None
        logger.error("Newsletter delivery %s failed for good: %s", delivery.pk, exc)
        return "failed"
    delivery.next_attempt_at = timezone.now() + timedelta(minutes=delays[delivery.attempts - 1])
    logger.warning("Newsletter delivery %s failed (attempt %s), retrying: %s", delivery.pk, delivery.attempts, exc)
    return "retrying"


def _is_permanent(exc: Exception) -> bool:
    return isinstance(exc, smtplib.SMTPRecipientsRefused) and all(code >= 500 for code, _ in exc.recipients.values())


def _close(connection) -> None:
    try:
        connection.close()
    except Exception:  # a connection that broke cannot always say goodbye
        logger.debug("Closing the SMTP connection failed", exc_info=True)


def next_batch_at(*, issue_id: int) -> datetime | None:
    """When the next batch of an issue is due: now, at the next retry, or None when nothing is pending
    (the issue is then marked as sent)."""
    now = timezone.now()
    pending = Delivery.objects.filter(issue_id=issue_id, status=Delivery.Status.PENDING).aggregate(
        count=Count("pk"),
        due=Count("pk", filter=Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)),
        next_retry=Min("next_attempt_at"),
    )
    if not pending["count"]:
        finish_sending(issue_id=issue_id)
        return None
    return now if pending["due"] else pending["next_retry"]


def finish_sending(*, issue_id: int) -> bool:
    """Mark an issue as sent once no delivery is pending; the counts are taken afresh."""
    with transaction.atomic():
        issue = Issue.objects.select_for_update().filter(pk=issue_id, status=Issue.Status.SENDING).first()
        if issue is None or Delivery.objects.filter(issue_id=issue_id, status=Delivery.Status.PENDING).exists():
            return False
        counts = Delivery.objects.filter(issue_id=issue_id).counts()
        issue.status, issue.finished_at = Issue.Status.SENT, timezone.now()
        issue.sent_count, issue.failed_count = counts["sent"], counts["failed"]
        issue.save(update_fields=["status", "finished_at", "sent_count", "failed_count", "updated_at"])
    return True


def continue_sending(*, issue_id: int, batch_size: int = BATCH_SIZE) -> tuple[BatchResult, datetime | None]:
    """One batch, and when the next one is due (None: the issue is sent)."""
    result = send_batch(issue_id=issue_id, batch_size=batch_size)
    next_at = next_batch_at(issue_id=issue_id)
    if next_at is not None and result.busy and not (result.sent or result.retrying or result.failed or result.skipped):
        # Every due delivery is in another job's hands: look again shortly instead of spinning.
        next_at = max(next_at, timezone.now() + timedelta(seconds=BUSY_RETRY_SECONDS))
    return result, next_at


def send_until_done(*, issue_id: int, batch_size: int = BATCH_SIZE) -> tuple[BatchResult, datetime | None]:
    """Run batches in this process until nothing is due (for the command's --foreground and the benchmark).
    Returns the totals and when the next retry is due (None: the issue is sent)."""
    totals = BatchResult()
    while True:
        result, next_at = continue_sending(issue_id=issue_id, batch_size=batch_size)
        totals.add(result)
        if next_at is None:
            return totals, None
        wait = (next_at - timezone.now()).total_seconds()
        if wait > BUSY_RETRY_SECONDS:
            return totals, next_at
        if wait > 0:
            time.sleep(wait)


def start_due_issues(*, now: datetime | None = None, enqueue: bool = True) -> list[tuple[Issue, str]]:
    """Start every scheduled issue whose time has come; returns each with "" or why it could not start."""
    started = []
    for issue in Issue.objects.due(now).order_by("scheduled_at"):
        try:
            started.append((start_sending(issue=issue, enqueue=enqueue), ""))
        except SendingError as error:
            logger.error("Scheduled newsletter %s could not start: %s", issue.pk, error)
            started.append((issue, str(error)))
    return started
