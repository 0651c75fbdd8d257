"""Writes of the project database: publishing, uploaded files, the stored search vectors, the partner search
and the yearly confirmation of projects."""

import calendar
import dataclasses
import datetime
import io
import logging
import re
import uuid
import zipfile
from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F, QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from PIL import Image, ImageOps
from pypdf import PdfReader
from taggit.models import TaggedItem

from portal import usage
from portal.mail import absolute_url, editors_address, send_templated_mail
from portal.models import Municipality
from portal.uploads import DOCX, ODT, PDF, FileType, clean_file_name
from projects.models import Document, Participant, PartnerRequest, Project, ProjectImage, Topic

logger = logging.getLogger(__name__)

# Widths of the renditions the site shows (the upload itself is kept for later needs).
RENDITION_WIDTHS = {"small": 480, "large": 1200}
# Enough for any agreement or council paper; a 2,000-page PDF is not read to the end.
MAX_TEXT_PAGES = 500
MAX_TEXT_CHARS = 2_000_000
# The XML of a DOCX or ODT is read only up to this size unpacked.
MAX_XML_BYTES = 20_000_000


def publish_projects(*, projects: QuerySet[Project]) -> int:
    """Publish the given projects, each saved as a new version; the first publication date is kept."""
    return _set_published(projects.filter(is_published=False), True)


def unpublish_projects(*, projects: QuerySet[Project]) -> int:
    return _set_published(projects.filter(is_published=True), False)


def _set_published(projects, published: bool) -> int:
    count = 0
    with transaction.atomic():
        for project in projects.select_for_update().defer("search_vector"):
            project.is_published = published
            if published and project.published_at is None:
                project.published_at = timezone.now()
            # Saved one by one, so that the history keeps the change as a version.
            project.save(update_fields=["is_published", "published_at", "updated_at"])
            count += 1
    return count


def refresh_project(*, project: Project) -> None:
    """After an edit (fields, participants, images, Stichworte): renditions, publication date, search vector, facets."""
    for image in project.images.filter(small=""):
        create_renditions(image=image)
    if project.is_published and project.published_at is None:
        Project.objects.filter(pk=project.pk).update(published_at=timezone.now())
    Project.objects.filter(pk=project.pk).update_search_vectors()
    Project.objects.filter(pk=project.pk).update_facet_fields()


def restore_participants(*, project: Project, as_of: datetime.datetime) -> None:
    """Give the project the participants it had at that moment: restoring a version restores its
    participant list too (the version form holds only the project's own fields; participants keep their
    own history). Each row is saved again, so the restore is itself a version of the participants."""
    then = list(Participant.history.as_of(as_of).filter(project_id=project.pk))
    with transaction.atomic():
        for participant in project.participants.all():
            participant.delete()
        for participant in then:
            participant.save(force_insert=True)


def restore_tags(*, obj: Project | Document, as_of: datetime.datetime) -> None:
    """Give a project or document the Stichworte it had at that moment (see restore_participants)."""
    content_type = ContentType.objects.get_for_model(obj)
    then = list(TaggedItem.history.as_of(as_of).filter(content_type_id=content_type.pk, object_id=obj.pk))
    with transaction.atomic():
        for item in TaggedItem.objects.filter(content_type=content_type, object_id=obj.pk):
            item.delete()
        for item in then:
            item.save(force_insert=True)


def create_renditions(*, image: ProjectImage) -> ProjectImage:
    """WebP renditions of an uploaded picture, turned upright as the camera meant it."""
    with image.image.open("rb") as file, Image.open(file) as original:
        picture = ImageOps.exif_transpose(original).convert("RGB")
    stem = image.image.name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    for field, width in RENDITION_WIDTHS.items():
        copy = picture.copy()
        copy.thumbnail((width, width * 4))
        buffer = io.BytesIO()
        copy.save(buffer, "WEBP", quality=80)
        getattr(image, field).save(f"{stem}-{width}.webp", ContentFile(buffer.getvalue()), save=False)
    image.save(update_fields=list(RENDITION_WIDTHS))
    return image


def attach_document_file(*, document: Document, upload, file_type: FileType) -> None:
    """Set the file of a document (not saved yet): download name, type, size and the text for search.

    A file whose text cannot be read is still accepted; it is then found by its title and description only.
    """
    document.file = upload
    document.file_name = clean_file_name(upload.name, file_type.extension)
    document.content_type = file_type.content_type
    document.size = upload.size
    document.text = extract_text(upload, file_type)


def extract_text(file, file_type: FileType) -> str:
    try:
        file.seek(0)
        if file_type == PDF:
            reader = PdfReader(file)
            parts = []
            for page in reader.pages[:MAX_TEXT_PAGES]:
                parts.append(page.extract_text() or "")
                if sum(map(len, parts)) > MAX_TEXT_CHARS:
                    break
            text = "\n".join(parts)
        elif file_type in (DOCX, ODT):
            part = "word/document.xml" if file_type == DOCX else "content.xml"
            with zipfile.ZipFile(file) as package:
                if package.getinfo(part).file_size > MAX_XML_BYTES:  # a zip bomb, or a book
                    raise ValueError(f"{part} is larger than {MAX_XML_BYTES} bytes unpacked")
                xml = package.read(part).decode("utf-8", "replace")
            text = re.sub(r"<[^>]+>", " ", re.sub(r"</(w:p|text:p|text:h)>", "\n", xml))
        else:
            text = ""
    except Exception:  # noqa: BLE001 - a damaged file must not block the upload
        logger.warning("Text of %s could not be read", getattr(file, "name", "a file"), exc_info=True)
        text = ""
    finally:
        file.seek(0)
    # PostgreSQL text cannot hold NUL characters.
    return text.replace("\x00", " ")[:MAX_TEXT_CHARS].strip()


def refresh_document(*, document: Document) -> None:
    """After an edit (fields, Themenfelder, Schlagworte): the stored search vector."""
    Document.objects.filter(pk=document.pk).update_search_vectors()


def count_download(*, document: Document) -> None:
    """One more download; nothing about the person is stored.

    The document's total counts every download; the usage figures of the day (`portal.usage`) only those of
    people's browsers, as for page views.
    """
    Document.objects.filter(pk=document.pk).update(download_count=F("download_count") + 1)
    usage.record_download(document_id=document.pk)


# --- Partnersuche ---------------------------------------------------------------------------------

PARTNER_CONFIRMATION_DAYS = 7
# A request runs at most this many months; the sender may extend it, again by at most this much from the day.
PARTNER_MAX_MONTHS = 12
PARTNER_REMINDER_DAYS = 7
_PARTNER_CONFIRM_SALT = "projects.partner.confirm"
_PARTNER_MANAGE_SALT = "projects.partner.manage"
PARTNER_STATE = PartnerRequest.State


class PartnerRequestError(Exception):
    """A change of a partner request that is not possible now; the message says why, in German."""


def add_months(day: datetime.date | datetime.datetime, months: int):
    """The same day (and time) `months` later or, negative, earlier; the month's last day where that day does
    not exist (31.1. → 28.2.)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def latest_partner_expiry(today: datetime.date | None = None) -> datetime.date:
    return add_months(today or timezone.localdate(), PARTNER_MAX_MONTHS)


def partner_consent_text() -> str:
    """What the sender agrees to; stored with each request."""
    return (
        "Ich bin einverstanden, dass die KommunalAgentur NRW für Interkommunales.NRW diese Partnersuche mit den "
        "angegebenen Kontaktdaten bis zum gewählten Datum auf der Website veröffentlicht und mir E-Mails zu ihr "
        "schickt. Danach ist die Suche nicht mehr öffentlich; beenden kann ich sie vorher jederzeit über den Link "
        "in den E-Mails."
    )


def _partner_token(partner_request: PartnerRequest, salt: str) -> str:
    # Signed, not encrypted: the payload holds the random secret, never the address.
    return signing.dumps([partner_request.pk, str(partner_request.secret)], salt=salt)


def partner_confirmation_url(partner_request: PartnerRequest) -> str:
    token = _partner_token(partner_request, _PARTNER_CONFIRM_SALT)
    return absolute_url(reverse("partners:confirm", kwargs={"token": token}))


def partner_manage_path(partner_request: PartnerRequest) -> str:
    """The sender's own page: the state of the request, extending it, ending it."""
    return reverse("partners:manage", kwargs={"token": _partner_token(partner_request, _PARTNER_MANAGE_SALT)})


def _partner_from(token: str, salt: str, max_age: int | None = None) -> PartnerRequest | None:
    try:
        pk, secret = signing.loads(token, salt=salt, max_age=max_age)
        secret = uuid.UUID(secret)
    except (signing.BadSignature, TypeError, ValueError, AttributeError):
        return None
    return PartnerRequest.objects.select_related("municipality", "region").filter(pk=pk, secret=secret).first()


def partner_request_to_confirm(token: str) -> PartnerRequest | None:
    """The request a confirmation link is for, if the link is genuine and at most a week old."""
    return _partner_from(token, _PARTNER_CONFIRM_SALT, max_age=PARTNER_CONFIRMATION_DAYS * 86400)


def partner_request_to_manage(token: str) -> PartnerRequest | None:
    return _partner_from(token, _PARTNER_MANAGE_SALT)


def _partner_mail(template: str, partner_request: PartnerRequest, **context) -> None:
    send_templated_mail(
        template=f"projects/mail/partner_{template}",
        to=[partner_request.contact_email],
        context={
            "partner_request": partner_request,
            "detail_url": absolute_url(partner_request.get_absolute_url()),
            "manage_url": absolute_url(partner_manage_path(partner_request)),
            **context,
        },
        reply_to=[editors_address()],
    )


def create_partner_request(
    *,
    municipality: Municipality,
    title: str,
    topics: Iterable[Topic],
    region: Municipality | None,
    description: str,
    contact_name: str,
    contact_function: str = "",
    contact_email: str,
    contact_phone: str = "",
    expires_on: datetime.date,
) -> PartnerRequest:
    """Record a request (unconfirmed) and mail the sender the link that confirms the address."""
    if not timezone.localdate() < expires_on <= latest_partner_expiry():
        raise PartnerRequestError("Bitte wählen Sie ein Datum in den nächsten 12 Monaten.")
    with transaction.atomic():
        partner_request = PartnerRequest.objects.create(
            municipality=municipality,
            title=title.strip(),
            region=region,
            description=description.strip(),
            contact_name=contact_name.strip(),
            contact_function=contact_function.strip(),
            contact_email=contact_email.strip().lower(),
            contact_phone=contact_phone.strip(),
            expires_on=expires_on,
            consent_text=partner_consent_text(),
        )
        partner_request.topics.set(topics)
        _partner_mail(
            "confirm",
            partner_request,
            confirmation_url=partner_confirmation_url(partner_request),
            days=PARTNER_CONFIRMATION_DAYS,
        )
    return partner_request


def confirm_partner_request(*, partner_request: PartnerRequest) -> PartnerRequest:
    """The sender confirmed the address: the request goes to the editors, and the sender gets a receipt.

    Confirming again changes nothing.
    """
    with transaction.atomic():
        partner_request = PartnerRequest.objects.select_for_update(of=("self",)).get(pk=partner_request.pk)
        if partner_request.state != PARTNER_STATE.UNCONFIRMED:
            return partner_request
        partner_request.state = PARTNER_STATE.PENDING
        partner_request.email_confirmed_at = timezone.now()
        partner_request.save(update_fields=["state", "email_confirmed_at", "updated_at"])
        _partner_mail("received", partner_request)
        send_templated_mail(
            template="projects/mail/partner_for_editors",
            to=[settings.EDITORS_EMAIL],
            context={
                "partner_request": partner_request,
                "admin_url": absolute_url(reverse("admin:projects_partnerrequest_change", args=[partner_request.pk])),
            },
        )
    return partner_request


def publish_partner_requests(*, partner_requests: QuerySet[PartnerRequest], by: AbstractBaseUser | None) -> int:
    """Publish the pending requests among these that have not expired; each sender is told. Returns how many."""
    count = 0
    with transaction.atomic():
        now = timezone.now()
        due = partner_requests.filter(state=PARTNER_STATE.PENDING, expires_on__gte=timezone.localdate())
        for partner_request in due.select_for_update(of=("self",)).select_related("municipality").order_by("pk"):
            partner_request.state = PARTNER_STATE.PUBLISHED
            partner_request.published_at = now
            partner_request.decided_at = now
            partner_request.decided_by = by
            partner_request.save(update_fields=["state", "published_at", "decided_at", "decided_by", "updated_at"])
            _partner_mail("published", partner_request)
            count += 1
    return count


def reject_partner_request(
    *, partner_request: PartnerRequest, reason: str, by: AbstractBaseUser | None
) -> PartnerRequest:
    """Refuse a pending request, or take a published one off the site; the sender gets the reason by mail."""
    reason = reason.strip()
    if not reason:
        raise PartnerRequestError("Bitte begründen Sie die Ablehnung.")
    with transaction.atomic():
        partner_request = PartnerRequest.objects.select_for_update(of=("self",)).get(pk=partner_request.pk)
        if partner_request.state not in (PARTNER_STATE.PENDING, PARTNER_STATE.PUBLISHED):
            return partner_request
        was_published = partner_request.state == PARTNER_STATE.PUBLISHED
        partner_request.state = PARTNER_STATE.REJECTED
        partner_request.rejection_reason = reason
        partner_request.decided_at = timezone.now()
        partner_request.decided_by = by
        partner_request.save(update_fields=["state", "rejection_reason", "decided_at", "decided_by", "updated_at"])
        _partner_mail("rejected", partner_request, was_published=was_published)
    return partner_request


def extend_partner_request(*, partner_request: PartnerRequest, expires_on: datetime.date) -> PartnerRequest:
    """The sender keeps a published request (also one that has just expired) on the site until a later date."""
    with transaction.atomic():
        partner_request = PartnerRequest.objects.select_for_update(of=("self",)).get(pk=partner_request.pk)
        if partner_request.state != PARTNER_STATE.PUBLISHED:
            raise PartnerRequestError("Nur eine veröffentlichte Partnersuche kann verlängert werden.")
        if not (max(partner_request.expires_on, timezone.localdate()) < expires_on <= latest_partner_expiry()):
            raise PartnerRequestError("Bitte wählen Sie ein späteres Datum, höchstens 12 Monate ab heute.")
        partner_request.expires_on = expires_on
        partner_request.save(update_fields=["expires_on", "updated_at"])
    return partner_request


def close_partner_request(*, partner_request: PartnerRequest) -> PartnerRequest:
    """The sender ends the search (partners found, or no longer needed); it leaves the site at once."""
    with transaction.atomic():
        partner_request = PartnerRequest.objects.select_for_update(of=("self",)).get(pk=partner_request.pk)
        if partner_request.state not in (PARTNER_STATE.PENDING, PARTNER_STATE.PUBLISHED):
            return partner_request
        partner_request.state = PARTNER_STATE.CLOSED
        partner_request.closed_at = timezone.now()
        partner_request.save(update_fields=["state", "closed_at", "updated_at"])
    return partner_request


@dataclasses.dataclass
class BatchResult:
    """What a mailing command did: the objects it mailed, those whose mail failed, and how many it left out."""

    sent: list = dataclasses.field(default_factory=list)
    failed: list = dataclasses.field(default_factory=list)
    skipped: int = 0


def send_partner_reminders(*, days_before: int = PARTNER_REMINDER_DAYS, dry_run: bool = False) -> BatchResult:
    """Tell senders whose request expires within `days_before` days that they may extend it; once per expiry date.

    Each request is locked (and skipped when locked), mailed and marked in its own transaction: two overlapping
    runs never remind twice, and one failing mail does not stop the others.
    """
    due = PartnerRequest.objects.due_for_reminder(days_before=days_before)
    if dry_run:
        return BatchResult(sent=list(due.select_related("municipality").order_by("expires_on", "pk")))
    result = BatchResult()
    for pk in due.order_by("expires_on", "pk").values_list("pk", flat=True):
        try:
            with transaction.atomic():
                locked = due.filter(pk=pk).select_for_update(of=("self",), skip_locked=True)
                partner_request = locked.select_related("municipality").first()
                if partner_request is None:  # reminded by a parallel run, or changed meanwhile
                    continue
                partner_request.reminded_for = partner_request.expires_on
                partner_request.save(update_fields=["reminded_for"])
                _partner_mail(
                    "expiring", partner_request, days=(partner_request.expires_on - timezone.localdate()).days
                )
                result.sent.append(partner_request)
        except Exception:  # noqa: BLE001 - one broken mail must not stop the batch; it is tried again next run
            logger.exception("Reminder for partner request %s failed", pk)
            result.failed.append(pk)
    return result


def delete_stale_partner_requests(*, dry_run: bool = False) -> int:
    """Delete partner requests nobody needs any more (`PartnerRequestQuerySet.stale`); returns how many.

    Data minimisation: a request holds a person's name, address and phone number. Unconfirmed ones go after
    the week their link is valid; rejected, ended and expired ones after PARTNER_REQUEST_RETENTION_DAYS,
    which leaves the sender time to extend an expired search.
    """
    stale = PartnerRequest.objects.stale(
        confirmation_days=PARTNER_CONFIRMATION_DAYS, retention_days=settings.PARTNER_REQUEST_RETENTION_DAYS
    )
    count = stale.count()
    if not dry_run:
        stale.delete()
    return count


# --- Freshness: the yearly confirmation of a project's Steckbrief ---------------------------------

CONFIRMATION_MONTHS = 12
# A contact who did not react is asked again after this many days, not before.
CONFIRMATION_REPEAT_DAYS = 30
CONFIRMATION_LINK_DAYS = 60
_PROJECT_CONFIRM_SALT = "projects.project.confirm"


def project_confirmation_path(project: Project) -> str:
    token = signing.dumps(project.pk, salt=_PROJECT_CONFIRM_SALT)
    return reverse("projects:confirm", kwargs={"slug": project.slug, "token": token})


def project_to_confirm(token: str) -> Project | None:
    """The published project a confirmation link is for, if the link is genuine and not too old."""
    try:
        pk = int(signing.loads(token, salt=_PROJECT_CONFIRM_SALT, max_age=CONFIRMATION_LINK_DAYS * 86400))
    except (signing.BadSignature, TypeError, ValueError):
        return None
    return Project.objects.published().filter(pk=pk).first()


def report_change_path(project: Project) -> str | None:
    """Where the contact proposes changes to the Steckbrief ("Änderungen melden"), once that page exists."""
    try:
        return reverse("projects:report_change", kwargs={"slug": project.slug})
    except NoReverseMatch:
        return None


def request_project_confirmations(
    *,
    months: int = CONFIRMATION_MONTHS,
    repeat_days: int = CONFIRMATION_REPEAT_DAYS,
    dry_run: bool = False,
) -> BatchResult:
    """Ask the contacts of published projects not confirmed for `months` months to confirm or update them.

    A contact is asked again after `repeat_days` at the earliest. Each project is locked (skipped when locked),
    marked and mailed in its own transaction, so overlapping runs never mail twice and one failing mail does not
    stop the batch (that project is tried again on the next run). Projects without a contact address are left
    out and counted (`skipped`): the editors have to find someone.
    """
    now = timezone.now()
    due = Project.objects.due_for_confirmation(
        since=add_months(now, -months), asked_before=now - datetime.timedelta(days=repeat_days)
    )
    without_address = due.filter(contact_email="").count()
    due = due.exclude(contact_email="").defer("search_vector")
    if dry_run:
        return BatchResult(sent=list(due.order_by("pk")), skipped=without_address)
    result = BatchResult(skipped=without_address)
    for pk in due.order_by("pk").values_list("pk", flat=True):
        try:
            with transaction.atomic():
                project = due.filter(pk=pk).select_for_update(skip_locked=True).first()
                if project is None:
                    continue
                # An update, not save(): asking is no change of the Steckbrief (no version, "geändert" stays).
                Project.objects.filter(pk=pk).update(confirmation_requested_at=now)
                send_templated_mail(
                    template="projects/mail/confirmation_request",
                    to=[project.contact_email],
                    context={
                        "project": project,
                        "confirmed_at": project.last_confirmed_at or project.published_at,
                        "confirm_url": absolute_url(project_confirmation_path(project)),
                        "project_url": absolute_url(project.get_absolute_url()),
                        "days": CONFIRMATION_LINK_DAYS,
                    },
                    reply_to=[editors_address()],
                )
                result.sent.append(project)
        except Exception:  # noqa: BLE001 - one broken mail must not stop the batch; it is tried again next run
            logger.exception("Confirmation request for project %s failed", pk)
            result.failed.append(pk)
    return result


def confirm_project(*, project: Project) -> Project:
    """The contact says the Steckbrief is still current: a new version in the project's history records it."""
    with transaction.atomic():
        project = Project.objects.select_for_update().defer("search_vector").get(pk=project.pk)
        project.last_confirmed_at = timezone.now()
        project._change_reason = "Angaben als aktuell bestätigt (Link in der E-Mail)"
        project.save(update_fields=["last_confirmed_at"])
    return project
