import io

from django.core import signing
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from PIL import Image, ImageOps

from newsletter.models import Block, Subscriber
from portal.mail import absolute_url, send_templated_mail

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
