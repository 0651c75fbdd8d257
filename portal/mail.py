"""The one way the portal sends mail.

A mail is rendered from template files, stored as an OutgoingMail row in the caller's
transaction, and delivered by a background task after the commit. A failed delivery is
recorded and tried again later (by the worker, or by the cron command `send_queued_mail`),
so no mail is lost and no visitor ever sees an SMTP error.
"""

import logging
from datetime import timedelta
from email.utils import formataddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import timezone

from portal.models import OutgoingMail

logger = logging.getLogger(__name__)

SITE_NAME = "Interkommunales.NRW"


def absolute_url(path: str) -> str:
    """An absolute link for mails and feeds, from the configured public address."""
    return f"{settings.PUBLIC_BASE_URL}{path}"


def send_templated_mail(
    *,
    template: str,
    to: list[str],
    context: dict | None = None,
    reply_to: list[str] | None = None,
    headers: dict | None = None,
    attachments: list[dict] | None = None,
) -> OutgoingMail:
    """Render and queue a mail; it is delivered after the surrounding transaction commits.

    `template` names three files: `<template>.subject.txt`, `<template>.txt` and, optionally,
    `<template>.html`. Templates get `site_url` and `site_name` for absolute links.
    """
    ctx = {"site_url": settings.PUBLIC_BASE_URL, "site_name": SITE_NAME, **(context or {})}
    subject = " ".join(render_to_string(f"{template}.subject.txt", ctx).split())
    body_text = render_to_string(f"{template}.txt", ctx)
    try:
        body_html = render_to_string(f"{template}.html", ctx)
    except TemplateDoesNotExist:
        body_html = ""
    mail = OutgoingMail.objects.create(
        template=template,
        to=list(to),
        reply_to=list(reply_to or []),
        subject=subject,
        body_text=body_text,
        body_html=body_html,
        headers=headers or {},
        attachments=attachments or [],
    )
    # robust: should queueing fail, the visitor still gets an answer; the cron command sends it later.
    transaction.on_commit(lambda: enqueue_delivery(mail_id=mail.pk), robust=True)
    return mail


def queue_rendered_mail(
    *, template: str, to: list[str], subject: str, body_text: str, body_html: str = "", headers: dict | None = None
) -> OutgoingMail:
    """Queue a mail rendered elsewhere (e.g. a newsletter's test send); stored and delivered like any other.
    `template` names where it came from, for the mail log."""
    mail = OutgoingMail.objects.create(
        template=template, to=list(to), subject=subject, body_text=body_text, body_html=body_html, headers=headers or {}
    )
    transaction.on_commit(lambda: enqueue_delivery(mail_id=mail.pk), robust=True)
    return mail


def enqueue_delivery(*, mail_id: int, run_after=None) -> None:
    from portal.tasks import send_mail_task

    task = send_mail_task.using(run_after=run_after) if run_after else send_mail_task
    task.enqueue(mail_id=mail_id)


def resend_mail(*, mail_id: int) -> None:
    """Editors' "send again": make the mail due now (also a failed one) and queue a delivery."""
    updated = OutgoingMail.objects.filter(pk=mail_id).exclude(status=OutgoingMail.Status.SENT)
    if updated.update(status=OutgoingMail.Status.RETRYING, next_attempt_at=timezone.now()):
        transaction.on_commit(lambda: enqueue_delivery(mail_id=mail_id), robust=True)


def deliver(*, mail_id: int) -> OutgoingMail:
    """Make one delivery attempt for a stored mail, if it is due.

    The row is locked while sending, so the worker and the cron command never send the same
    mail twice, and a retry is never tried before its time. Errors are recorded on the row and
    never raised; the caller decides whether to schedule the next attempt.
    """
    with transaction.atomic():
        mail = OutgoingMail.objects.select_for_update().get(pk=mail_id)
        if mail.status in (OutgoingMail.Status.SENT, OutgoingMail.Status.FAILED):
            return mail
        if mail.status == OutgoingMail.Status.RETRYING and mail.next_attempt_at > timezone.now():
            return mail
        mail.attempts += 1
        try:
            _build_message(mail).send()
        except Exception as exc:  # SMTP, network, or a broken message: record it, never lose the mail
            delays = settings.MAIL_RETRY_DELAYS_MINUTES
            mail.last_error = f"{type(exc).__name__}: {exc}"[:2000]
            if mail.attempts > len(delays):
                mail.status = OutgoingMail.Status.FAILED
                mail.next_attempt_at = None
                logger.error("Mail %s failed for good after %s attempts: %s", mail.pk, mail.attempts, exc)
            else:
                mail.status = OutgoingMail.Status.RETRYING
                mail.next_attempt_at = timezone.now() + timedelta(minutes=delays[mail.attempts - 1])
                logger.warning("Mail %s failed (attempt %s), retrying: %s", mail.pk, mail.attempts, exc)
        else:
            mail.status = OutgoingMail.Status.SENT
            mail.sent_at = timezone.now()
            mail.next_attempt_at = None
            mail.last_error = ""
        mail.save()
    return mail


def _build_message(mail: OutgoingMail) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=mail.subject,
        body=mail.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=mail.to,
        reply_to=mail.reply_to or None,
        headers=mail.headers or None,
    )
    if mail.body_html:
        message.attach_alternative(mail.body_html, "text/html")
    for attachment in mail.attachments:
        message.attach(attachment["filename"], attachment["content"], attachment["mimetype"])
    return message


def editors_address() -> str:
    return formataddr(("Redaktion " + SITE_NAME, settings.EDITORS_EMAIL))
