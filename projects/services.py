"""Writes of the project database: publishing, uploaded files, the stored search vectors, the submissions that
Kommunen send through the web, the partner search and the yearly confirmation of projects."""

import calendar
import dataclasses
import datetime
import io
import logging
import re
import uuid
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from html import unescape

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F, Q, QuerySet, Sum
from django.db.models.functions import Lower, Trim
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.html import escape
from django.utils.text import slugify
from PIL import Image, ImageOps
from pypdf import PdfReader
from taggit.models import TaggedItem

from portal import usage
from portal.fields import month_label
from portal.mail import absolute_url, editors_address, send_templated_mail
from portal.models import Municipality, OutgoingMail
from portal.uploads import DOCUMENT_TYPES, DOCX, ODT, PDF, FileType, clean_file_name
from projects.models import (
    Document,
    Participant,
    PartnerRequest,
    Project,
    ProjectImage,
    Submission,
    SubmissionFile,
    Topic,
)

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


def render_renditions(file) -> dict[str, bytes]:
    """The WebP renditions of a picture (field → bytes), turned upright as the camera meant it.

    Raises what Pillow raises for a file it cannot decode (OSError and others)."""
    with Image.open(file) as original:
        picture = ImageOps.exif_transpose(original).convert("RGB")
    renditions = {}
    for field, width in RENDITION_WIDTHS.items():
        copy = picture.copy()
        copy.thumbnail((width, width * 4))
        buffer = io.BytesIO()
        copy.save(buffer, "WEBP", quality=80)
        renditions[field] = buffer.getvalue()
    return renditions


def _save_renditions(image: ProjectImage, renditions: dict[str, bytes]) -> None:
    stem = image.image.name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    for field, content in renditions.items():
        getattr(image, field).save(f"{stem}-{RENDITION_WIDTHS[field]}.webp", ContentFile(content), save=False)


def create_renditions(*, image: ProjectImage) -> ProjectImage:
    """WebP renditions of an uploaded picture, turned upright as the camera meant it."""
    with image.image.open("rb") as file:
        renditions = render_renditions(file)
    _save_renditions(image, renditions)
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
# A new request runs at least this many days: the editors need a few days, and partners time to find it.
PARTNER_MIN_DAYS = 14
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


def earliest_partner_expiry(today: datetime.date | None = None) -> datetime.date:
    """The first date a new request may run until (PARTNER_MIN_DAYS from today)."""
    return (today or timezone.localdate()) + datetime.timedelta(days=PARTNER_MIN_DAYS)


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
    if not earliest_partner_expiry() <= expires_on <= latest_partner_expiry():
        raise PartnerRequestError(
            f"Bitte wählen Sie ein Datum frühestens in {PARTNER_MIN_DAYS} Tagen und höchstens 12 Monate ab heute."
        )
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


def publish_partner_requests(
    *,
    partner_requests: QuerySet[PartnerRequest],
    by: AbstractBaseUser | None,
    expires_on: datetime.date | None = None,
) -> int:
    """Publish the pending requests among these; each sender is told. Returns how many.

    A request whose date passed while it waited needs a new one: `expires_on` (after today, at most 12 months
    ahead) is set on those, and their senders read it in the mail. Without it they are left out.
    """
    today = timezone.localdate()
    if expires_on is not None and not today < expires_on <= latest_partner_expiry(today):
        raise PartnerRequestError("Bitte wählen Sie ein Datum in der Zukunft, höchstens 12 Monate ab heute.")
    count = 0
    with transaction.atomic():
        now = timezone.now()
        due = partner_requests.filter(state=PARTNER_STATE.PENDING)
        if expires_on is None:
            due = due.filter(expires_on__gte=today)
        for partner_request in due.select_for_update(of=("self",)).select_related("municipality").order_by("pk"):
            new_date = partner_request.expires_on < today
            if new_date:
                partner_request.expires_on = expires_on
            partner_request.state = PARTNER_STATE.PUBLISHED
            partner_request.published_at = now
            partner_request.decided_at = now
            partner_request.decided_by = by
            partner_request.save(
                update_fields=["state", "expires_on", "published_at", "decided_at", "decided_by", "updated_at"]
            )
            _partner_mail("published", partner_request, new_date=new_date)
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
    """The sender keeps a published request (also one that has just expired) on the site until a later date,
    or gives one still waiting for the editors a later date (so that it is not out of date when they get to it)."""
    with transaction.atomic():
        partner_request = PartnerRequest.objects.select_for_update(of=("self",)).get(pk=partner_request.pk)
        if partner_request.state not in (PARTNER_STATE.PENDING, PARTNER_STATE.PUBLISHED):
            raise PartnerRequestError(
                "Verlängern lässt sich nur eine Partnersuche, die veröffentlicht ist oder zur Prüfung steht."
            )
        if not (max(partner_request.expires_on, timezone.localdate()) < expires_on <= latest_partner_expiry()):
            raise PartnerRequestError("Bitte wählen Sie ein späteres Datum, höchstens 12 Monate ab heute.")
        partner_request.expires_on = expires_on
        partner_request.save(update_fields=["expires_on", "updated_at"])
    return partner_request


_NOT_CLOSABLE = {
    PARTNER_STATE.UNCONFIRMED: "Diese Partnersuche ist nicht bestätigt. Sie wird nicht veröffentlicht und nach "
    f"{PARTNER_CONFIRMATION_DAYS} Tagen gelöscht.",
    PARTNER_STATE.REJECTED: "Die Redaktion hat diese Partnersuche nicht veröffentlicht; es gibt nichts zu beenden.",
    PARTNER_STATE.CLOSED: "Diese Partnersuche ist schon beendet.",
}


def close_partner_request(*, partner_request: PartnerRequest) -> PartnerRequest:
    """The sender ends the search (partners found, or no longer needed): a published one leaves the site at once,
    a pending one is withdrawn before the editors publish it. Other states raise PartnerRequestError."""
    with transaction.atomic():
        partner_request = PartnerRequest.objects.select_for_update(of=("self",)).get(pk=partner_request.pk)
        if partner_request.state not in (PARTNER_STATE.PENDING, PARTNER_STATE.PUBLISHED):
            raise PartnerRequestError(_NOT_CLOSABLE[partner_request.state])
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
    the week their link is valid; rejected, ended and expired ones (published or still pending) after
    PARTNER_REQUEST_RETENTION_DAYS, which leaves the sender time to extend an expired search.
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
CONFIRMATION_LINK_USED = (
    "Dieser Link gilt nicht mehr: Die Angaben wurden inzwischen bestätigt oder geändert, oder das Projekt hat eine "
    "neue Ansprechperson."
)


class ProjectConfirmationError(Exception):
    """The confirmation link is used up (or its project changed meanwhile); the message says so, in German."""


def _contact_digest(project: Project) -> str:
    # A keyed hash, not the address: a signed token is encoded, not encrypted.
    return salted_hmac(_PROJECT_CONFIRM_SALT, project.contact_email.strip().lower()).hexdigest()[:20]


def project_confirmation_path(project: Project) -> str:
    """The link of the yearly mail. It is signed over the project, the moment the contact was asked
    (`confirmation_requested_at`) and the contact's address, so it works once: confirming, an approved change or
    the next request reset that moment, and a new contact makes it invalid too."""
    payload = [project.pk, project.confirmation_requested_at.isoformat(), _contact_digest(project)]
    token = signing.dumps(payload, salt=_PROJECT_CONFIRM_SALT)
    return reverse("projects:confirm", kwargs={"slug": project.slug, "token": token})


def project_to_confirm(token: str) -> Project | None:
    """The published project a confirmation link is for, if the link is genuine, not too old and not used up."""
    try:
        pk, requested_at, digest = signing.loads(
            token, salt=_PROJECT_CONFIRM_SALT, max_age=CONFIRMATION_LINK_DAYS * 86400
        )
        pk, requested_at = int(pk), datetime.datetime.fromisoformat(requested_at)
    except (signing.BadSignature, TypeError, ValueError, AttributeError):
        return None
    project = Project.objects.published().filter(pk=pk, confirmation_requested_at=requested_at).first()
    if project is None or not constant_time_compare(_contact_digest(project), str(digest)):
        return None
    return project


def _lock_for_confirmation(project: Project) -> Project:
    """The project locked, if its link is still the one the contact followed; else ProjectConfirmationError."""
    locked = (
        Project.objects.select_for_update()
        .defer("search_vector")
        .filter(pk=project.pk, confirmation_requested_at=project.confirmation_requested_at)
        .first()
    )
    if locked is None or locked.confirmation_requested_at is None:
        raise ProjectConfirmationError(CONFIRMATION_LINK_USED)
    return locked


def request_project_confirmations(
    *,
    months: int = CONFIRMATION_MONTHS,
    repeat_days: int = CONFIRMATION_REPEAT_DAYS,
    dry_run: bool = False,
) -> BatchResult:
    """Ask the contacts of published projects not confirmed for `months` months to confirm or update them:
    one mail per address, listing each of its projects with a link of its own.

    A contact is asked again after `repeat_days` at the earliest. The projects of an address are locked (skipped
    when locked), marked and mailed in one transaction, so overlapping runs never mail twice and one failing mail
    does not stop the batch (those projects are tried again on the next run). Projects without a contact address
    are left out and counted (`skipped`): the editors have to find someone.
    """
    now = timezone.now()
    due = Project.objects.due_for_confirmation(
        since=add_months(now, -months), asked_before=now - datetime.timedelta(days=repeat_days)
    )
    without_address = due.filter(contact_email="").count()
    due = due.exclude(contact_email="").defer("search_vector").annotate(address=Lower(Trim("contact_email")))
    if dry_run:
        return BatchResult(sent=list(due.order_by("address", "title", "pk")), skipped=without_address)
    result = BatchResult(skipped=without_address)
    addresses = due.order_by("address").values_list("address", flat=True).distinct()
    for address in addresses:
        pks = []
        try:
            with transaction.atomic():
                projects = list(due.filter(address=address).select_for_update(skip_locked=True).order_by("title", "pk"))
                if not projects:  # asked by a parallel run meanwhile
                    continue
                pks = [project.pk for project in projects]
                # An update, not save(): asking is no change of the Steckbrief (no version, "geändert" stays).
                Project.objects.filter(pk__in=pks).update(confirmation_requested_at=now)
                entries = []
                for project in projects:
                    project.confirmation_requested_at = now
                    entries.append(
                        {
                            "project": project,
                            "confirmed_at": project.last_confirmed_at or project.published_at,
                            "confirm_url": absolute_url(project_confirmation_path(project)),
                            "project_url": absolute_url(project.get_absolute_url()),
                        }
                    )
                names = {project.contact_name.strip() for project in projects}
                send_templated_mail(
                    template="projects/mail/confirmation_request",
                    to=[projects[0].contact_email.strip()],
                    context={
                        "entries": entries,
                        "contact_name": names.pop() if len(names) == 1 else "",
                        "days": CONFIRMATION_LINK_DAYS,
                    },
                    reply_to=[editors_address()],
                )
                result.sent.extend(projects)
        except Exception:  # noqa: BLE001 - one broken mail must not stop the batch; it is tried again next run
            logger.exception("Confirmation request for projects %s failed", pks)
            result.failed.extend(pks)
    return result


def confirm_project(*, project: Project) -> Project:
    """The contact says the Steckbrief is still current: a new version in the project's history records it.
    The link is used up with it (ProjectConfirmationError if it was already)."""
    with transaction.atomic():
        project = _lock_for_confirmation(project)
        project.last_confirmed_at = timezone.now()
        project.confirmation_requested_at = None
        project._change_reason = "Angaben als aktuell bestätigt (Link in der E-Mail)"
        project.save(update_fields=["last_confirmed_at", "confirmation_requested_at"])
    return project


def start_change_from_confirmation(*, project: Project) -> Submission:
    """ "Änderungen melden" on the confirmation page: the contact came by the signed link to their own address,
    so the change form opens at once, filled in with the project, as the single-use link of request_change_link
    would open it. A change begun there and not sent yet is continued instead of starting a second one.

    The confirmation link stays valid until the change is approved (which counts as the confirmation) or the
    contact confirms the project as it is.
    """
    with transaction.atomic():
        project = _lock_for_confirmation(project)
        email = project.contact_email.strip().lower()
        begun = (
            Submission.objects.filter(
                kind=Submission.Kind.CHANGE,
                project=project,
                submitter_email=email,
                state=Submission.State.DRAFT,
                link_used_at__gte=project.confirmation_requested_at,
            )
            .order_by("-pk")
            .first()
        )
        if begun is not None:
            return begun
        submission = create_change_submission(project=project, email=email)
        return open_change_link(submission=submission)


# --- Submissions: projects reported and changes proposed through the web ----------------------------------
#
# A submission is a draft until it is sent; a new one then waits for the submitter to confirm the address
# by the link in a mail (a change began with a link by mail, so its address is confirmed already). Confirmed,
# it waits in the editors' queue; approving it creates or updates the published project. Personal links are
# signed over the submission's random secret, never the address (a signed token is encoded, not encrypted).

CONFIRMATION_DAYS = 7
CHANGE_LINK_DAYS = 3
DRAFT_RETENTION_DAYS = 30
_DRAFT_SALT = "projects.submission.draft"
_CONFIRM_SALT = "projects.submission.confirm"
_CHANGE_LINK_SALT = "projects.submission.change-link"
SUBMISSION_MAILS = "projects/mail/"
# Addresses below /projekte/ and /dokumente/ that belong to the sections, not to a project or document.
RESERVED_PROJECT_SLUGS = {"melden", "export", "feed"}
RESERVED_DOCUMENT_SLUGS = {"rechtsprechung"}
# The Steckbrief fields a submission carries, in the order of the form (and of the comparison in the admin).
STECKBRIEF_FIELDS = [
    "title",
    "teaser",
    "topics",
    "form",
    "status",
    "start",
    "website",
    "lead_municipality",
    "municipalities",
    "other_participants",
    "occasion",
    "goal",
    "implementation",
    "contact_name",
    "contact_function",
    "contact_email",
    "contact_phone",
    "contact_consent",
]
PARTICIPANT_FIELDS = {"lead_municipality", "municipalities", "other_participants"}
TEXT_FIELDS = {"occasion", "goal", "implementation"}
# The project's contact, which its page shows only with consent.
CONTACT_FIELDS = ["contact_name", "contact_function", "contact_email", "contact_phone"]
# What the submitter sees in place of the contact that is not published.
HIDDEN_VALUE = "(nicht veröffentlicht)"
NOT_EDITABLE_MESSAGE = "Diese Meldung ist abgeschickt und kann nicht mehr geändert werden."


class SubmissionError(Exception):
    """A step that cannot be taken now; the message says why, in German."""


class SubmissionNotEditableError(SubmissionError):
    """The submission was sent (perhaps from another tab) and can no longer be changed."""


def submission_consent_text() -> str:
    """What the submitter agrees to when sending; stored with the submission."""
    return (
        "Ich bin einverstanden, dass die KommunalAgentur NRW für Interkommunales.NRW meine Angaben speichert, um "
        "die Meldung zu prüfen und mir dazu zu schreiben. Die Angaben zum Projekt und die Dateien werden nach der "
        "Prüfung auf Interkommunales.NRW veröffentlicht, die Kontaktdaten der Ansprechperson nur, wenn das "
        "angekreuzt ist. Ich versichere, dass die Dateien veröffentlicht werden dürfen."
    )


# --- Links ---------------------------------------------------------------------------------------------------


def _submission_token(submission: Submission, salt: str) -> str:
    """A link that expires (it carries the time it was made)."""
    return signing.dumps([submission.pk, str(submission.secret)], salt=salt)


def _draft_token(submission: Submission) -> str:
    """The draft's own address: the same every time, so that it can be bookmarked."""
    return signing.Signer(salt=_DRAFT_SALT).sign_object([submission.pk, str(submission.secret)])


def _submission_from(token: str, salt: str, max_age: int | None = None) -> Submission | None:
    try:
        if salt == _DRAFT_SALT:
            pk, secret = signing.Signer(salt=_DRAFT_SALT).unsign_object(token)
        else:
            pk, secret = signing.loads(token, salt=salt, max_age=max_age)
        secret = uuid.UUID(secret)
    except (signing.BadSignature, TypeError, ValueError, AttributeError):
        return None
    return (
        Submission.objects.select_related("project", "submitter_municipality", "lead_municipality")
        .defer("submitter_municipality__shape", "lead_municipality__shape")
        .filter(pk=pk, secret=secret)
        .first()
    )


def draft_path(submission: Submission, step: int | None = None) -> str:
    """The submitter's own address of the submission (a step of the form, or where it stands)."""
    token = _draft_token(submission)
    if step is None:
        return reverse("projects:submission", kwargs={"token": token})
    return reverse("projects:submission_step", kwargs={"token": token, "step": step})


def submission_from_draft_token(token: str) -> Submission | None:
    # No expiry: the link shows where the submission stands for as long as it exists.
    return _submission_from(token, _DRAFT_SALT)


def confirmation_url(submission: Submission) -> str:
    token = _submission_token(submission, _CONFIRM_SALT)
    return absolute_url(reverse("projects:submission_confirm", kwargs={"token": token}))


def submission_to_confirm(token: str) -> Submission | None:
    """The submission a confirmation link is for, if the link is genuine and at most a week old."""
    return _submission_from(token, _CONFIRM_SALT, max_age=CONFIRMATION_DAYS * 86400)


def change_link_url(submission: Submission) -> str:
    token = _submission_token(submission, _CHANGE_LINK_SALT)
    return absolute_url(reverse("projects:submission_change_link", kwargs={"token": token}))


def submission_from_change_link(token: str) -> Submission | None:
    """The change a mailed link is for, if the link is genuine and at most CHANGE_LINK_DAYS old."""
    submission = _submission_from(token, _CHANGE_LINK_SALT, max_age=CHANGE_LINK_DAYS * 86400)
    return submission if submission and submission.is_change else None


# --- Mails ---------------------------------------------------------------------------------------------------


def _submission_mail(
    template: str, submission: Submission, *, to: list[str] | None = None, reply_to: list[str] | None = None, **context
) -> None:
    """A mail about the submission, by default to the submitter, answered by the editors."""
    send_templated_mail(
        template=SUBMISSION_MAILS + template,
        to=to or [submission.submitter_email],
        reply_to=reply_to or [settings.EDITORS_EMAIL],
        context={"submission": submission, "editors_email": settings.EDITORS_EMAIL, **context},
    )


def _mail_received(submission: Submission) -> None:
    """The receipt to the submitter and the news to the editors, once a submission is in the queue."""
    _submission_mail("submission_received", submission, status_url=absolute_url(draft_path(submission)))
    admin_url = absolute_url(reverse("admin:projects_submission_change", args=[submission.pk]))
    _submission_mail(
        "submission_for_editors",
        submission,
        to=[editors_address()],
        reply_to=[submission.submitter_email],
        admin_url=admin_url,
    )


# --- The submitter's steps --------------------------------------------------------------------------------


def _set_values(submission: Submission, values: dict) -> dict:
    """Set the plain fields from `values`; return the many-to-many ones (they need a saved row)."""
    many = {}
    for name, value in values.items():
        if Submission._meta.get_field(name).many_to_many:
            many[name] = value
            continue
        if name == "submitter_email" and (value or "").lower() != submission.submitter_email.lower():
            # Another address has to be confirmed again.
            submission.email_confirmed_at = None
        setattr(submission, name, value)
    return many


def start_submission(*, values: dict) -> Submission:
    """A new draft from the values of the form's first step; the submitter goes on to the second."""
    with transaction.atomic():
        submission = Submission(kind=Submission.Kind.NEW, step=2)
        many = _set_values(submission, values)
        submission.save()
        for name, value in many.items():
            getattr(submission, name).set(value)
    return submission


def save_submission_step(*, submission: Submission, values: dict, reached_step: int) -> Submission:
    """Store the values of one step of the form; `reached_step` is the step the submitter goes on to."""
    with transaction.atomic():
        locked = Submission.objects.select_for_update().get(pk=submission.pk)
        if not locked.is_editable:
            raise SubmissionNotEditableError(NOT_EDITABLE_MESSAGE)
        many = _set_values(locked, values)
        locked.step = max(locked.step, min(reached_step, 6))
        locked.save()
        for name, value in many.items():
            getattr(locked, name).set(value)
    return locked


def add_submission_file(
    *,
    submission: Submission,
    upload: UploadedFile,
    kind: str,
    content_type: str,
    extension: str,
    limit: int,
    title: str = "",
    document_kind: str = Document.Kind.OTHER,
    alt_text: str = "",
    credit: str = "",
) -> SubmissionFile:
    """Keep an uploaded file (checked by content before) with the submission, outside the public media.

    At most `limit` files of a kind and SUBMISSION_MAX_BYTES together; counted under the submission's lock, so
    two uploads at once cannot pass them together.
    """
    with transaction.atomic():
        locked = Submission.objects.select_for_update().get(pk=submission.pk)
        if not locked.is_editable:
            raise SubmissionNotEditableError(NOT_EDITABLE_MESSAGE)
        if locked.files.filter(kind=kind).count() >= limit:
            noun = "Bilder" if kind == SubmissionFile.Kind.IMAGE else "Dokumente"
            raise SubmissionError(f"Mehr als {limit} {noun} pro Meldung sind nicht möglich.")
        used = locked.files.aggregate(total=Sum("size"))["total"] or 0
        if used + upload.size > settings.SUBMISSION_MAX_BYTES:
            raise SubmissionError(quota_message(used=used, size=upload.size))
        name = clean_file_name(upload.name, extension)
        submission_file = SubmissionFile(
            submission=locked,
            kind=kind,
            file_name=name,
            content_type=content_type,
            size=upload.size,
            title=title.strip(),
            document_kind=document_kind,
            alt_text=alt_text.strip(),
            credit=credit.strip(),
        )
        submission_file.file.save(f"{uuid.uuid4().hex[:8]}-{name}", upload, save=False)
        try:
            submission_file.save()
        except Exception:
            submission_file.file.storage.delete(submission_file.file.name)
            raise
    return submission_file


def quota_message(*, used: int, size: int) -> str:
    """Why a file does not fit into the submission's SUBMISSION_MAX_BYTES any more."""
    return (
        f"Zusammen dürfen die Dateien einer Meldung höchstens {filesizeformat(settings.SUBMISSION_MAX_BYTES)} groß "
        f"sein. Hochgeladen sind {filesizeformat(used)}; diese Datei ({filesizeformat(size)}) passt nicht mehr "
        "dazu. Bitte entfernen Sie eine Datei oder verkleinern Sie diese."
    )


def _delete_files_after_commit(names: list[str]) -> None:
    storage = SubmissionFile._meta.get_field("file").storage

    def delete():
        for name in names:
            storage.delete(name)

    transaction.on_commit(delete)


def remove_submission_file(*, submission: Submission, pk: int) -> SubmissionFile | None:
    """Delete a file of a draft (the stored file after the commit); None if the submission has no such file."""
    with transaction.atomic():
        locked = Submission.objects.select_for_update().get(pk=submission.pk)
        if not locked.is_editable:
            raise SubmissionNotEditableError(NOT_EDITABLE_MESSAGE)
        submission_file = locked.files.filter(pk=pk).first()
        if submission_file is not None:
            submission_file.delete()
    return submission_file


def submit_submission(*, submission: Submission) -> Submission:
    """Send the submission: to the queue when the address is confirmed, else a mail with the confirmation link.

    Sent already (a second click, another tab): nothing happens, and the submission is returned as it is.
    """
    with transaction.atomic():
        submission = Submission.objects.select_for_update().get(pk=submission.pk)
        if not submission.is_editable:
            return submission
        submission.submitted_at = timezone.now()
        submission.consent_text = submission_consent_text()
        if submission.email_confirmed_at:
            submission.state = Submission.State.PENDING
            submission.save()
            _mail_received(submission)
        else:
            submission.state = Submission.State.UNCONFIRMED
            submission.save()
            _submission_mail(
                "submission_confirm", submission, confirmation_url=confirmation_url(submission), days=CONFIRMATION_DAYS
            )
    return submission


def resend_confirmation(*, submission: Submission) -> bool:
    """The confirmation link once more (it was lost, or expired); False when there is nothing to confirm."""
    if submission.state != Submission.State.UNCONFIRMED:
        return False
    with transaction.atomic():
        submission.submitted_at = timezone.now()
        submission.save(update_fields=["submitted_at", "updated_at"])
        _submission_mail(
            "submission_confirm",
            submission,
            confirmation_url=confirmation_url(submission),
            days=CONFIRMATION_DAYS,
            again=True,
        )
    return True


def confirm_submission(*, submission: Submission) -> Submission:
    """The submitter confirmed the address: the submission goes to the editors' queue, with a receipt.
    Confirming again changes nothing."""
    with transaction.atomic():
        submission = Submission.objects.select_for_update().get(pk=submission.pk)
        if submission.state != Submission.State.UNCONFIRMED:
            return submission
        submission.email_confirmed_at = timezone.now()
        submission.state = Submission.State.PENDING
        submission.save()
        _mail_received(submission)
    return submission


# --- Changes to published projects --------------------------------------------------------------------------


def create_change_submission(*, project: Project, email: str) -> Submission:
    """A change of the project proposed by `email`, waiting as a draft until open_change_link fills it in."""
    return Submission.objects.create(
        kind=Submission.Kind.CHANGE, project=project, submitter_email=email.strip().lower()
    )


def request_change_link(*, project: Project, email: str) -> Submission:
    """Mail a signed, expiring, single-use link to the form, filled in with the project, to `email`.

    Whoever asks gets it (the project's contact or anyone else): every change goes through moderation, and
    the link proves only that the address is theirs. The change waits as a draft that the link opens.
    """
    with transaction.atomic():
        submission = create_change_submission(project=project, email=email)
        _submission_mail(
            "change_link",
            submission,
            project=project,
            project_url=absolute_url(project.get_absolute_url()),
            link_url=change_link_url(submission),
            days=CHANGE_LINK_DAYS,
        )
    return submission


def open_change_link(*, submission: Submission) -> Submission:
    """Use the mailed link (once): the address counts as confirmed, and the form gets the project's values."""
    with transaction.atomic():
        submission = Submission.objects.select_for_update().get(pk=submission.pk)
        if submission.link_used_at is not None:
            raise SubmissionError(
                "Dieser Link wurde schon benutzt. Jeder Link öffnet das Formular nur einmal; bitte fordern Sie "
                "auf der Seite des Projekts einen neuen an."
            )
        project = Project.objects.get(pk=submission.project_id)
        values = project_values(project)
        now = timezone.now()
        submission.link_used_at = now
        submission.email_confirmed_at = now
        # Everything is filled in: every step may be opened at once.
        submission.step = 6
        from_contact = bool(project.contact_email) and project.contact_email.lower() == submission.submitter_email
        hidden = [] if from_contact or project.contact_consent else [name for name in CONTACT_FIELDS if values[name]]
        # The baseline keeps the contact, so that a change that leaves the empty fields alone keeps it too.
        submission.baseline = {**values, "hidden_fields": hidden} if hidden else values
        _set_from_values(submission, {**values, **dict.fromkeys(hidden, "")})
        if from_contact:
            submission.submitter_name = submission.submitter_name or project.contact_name
            submission.submitter_function = submission.submitter_function or project.contact_function
            submission.submitter_phone = submission.submitter_phone or project.contact_phone
            # The project's page shows its contact with the lead Kommune.
            submission.submitter_municipality_id = submission.submitter_municipality_id or values["lead_municipality"]
        submission.save()
        submission.topics.set(values["topics"])
        submission.municipalities.set(values["municipalities"])
    return submission


def project_values(project: Project) -> dict:
    """The project's Steckbrief as a submission holds it (plain text, ids), storable as JSON."""
    participants = list(project.participants.all())
    return {
        "title": project.title,
        "teaser": project.teaser,
        "topics": sorted(project.topics.values_list("pk", flat=True)),
        "form": project.form,
        "status": project.status,
        "start": project.start.isoformat() if project.start else None,
        "website": project.website,
        "lead_municipality": next((p.municipality_id for p in participants if p.is_lead), None),
        "municipalities": sorted(p.municipality_id for p in participants if p.municipality_id and not p.is_lead),
        "other_participants": "\n".join(p.organisation for p in participants if not p.municipality_id),
        "occasion": html_to_text(project.occasion),
        "goal": html_to_text(project.goal),
        "implementation": html_to_text(project.implementation),
        "contact_name": project.contact_name,
        "contact_function": project.contact_function,
        "contact_email": project.contact_email,
        "contact_phone": project.contact_phone,
        "contact_consent": project.contact_consent,
    }


def submission_values(submission: Submission) -> dict:
    """The submission's Steckbrief in the form of project_values, to compare the two."""
    return {
        "title": submission.title,
        "teaser": submission.teaser,
        "topics": sorted(submission.topics.values_list("pk", flat=True)),
        "form": submission.form,
        "status": submission.status,
        "start": submission.start.isoformat() if submission.start else None,
        "website": submission.website,
        "lead_municipality": submission.lead_municipality_id,
        "municipalities": sorted(submission.municipalities.values_list("pk", flat=True)),
        "other_participants": "\n".join(submission.other_participant_names),
        "occasion": submission.occasion.strip(),
        "goal": submission.goal.strip(),
        "implementation": submission.implementation.strip(),
        "contact_name": submission.contact_name,
        "contact_function": submission.contact_function,
        "contact_email": submission.contact_email,
        "contact_phone": submission.contact_phone,
        "contact_consent": submission.contact_consent,
    }


def changed_fields(submission: Submission, values: dict | None = None) -> list[str]:
    """The Steckbrief fields a change alters: those that differ from the project's values when it began.

    A field the submitter was not shown (the contact the project does not publish, see open_change_link) is
    changed only when something was typed into it; left empty, the project keeps its value.
    """
    values = values if values is not None else submission_values(submission)
    baseline = submission.baseline
    hidden = set(submission.hidden_fields)
    return [name for name in STECKBRIEF_FIELDS if values[name] != ("" if name in hidden else baseline.get(name))]


def _set_from_values(submission: Submission, values: dict) -> None:
    """The plain fields of project_values on the submission (the many-to-many ones are set after saving)."""
    for name in STECKBRIEF_FIELDS:
        if name in ("topics", "municipalities"):
            continue
        if name == "lead_municipality":
            submission.lead_municipality_id = values[name]
        elif name == "start":
            submission.start = datetime.date.fromisoformat(values[name]) if values[name] else None
        else:
            setattr(submission, name, values[name])


def html_to_text(html: str) -> str:
    """The text of sanitised rich text, with paragraphs as blank lines and list items as "- " lines."""
    text = re.sub(r"<br\s*/?>", "\n", html or "")
    text = re.sub(r"<li[^>]*>", "- ", text)
    text = re.sub(r"</li>", "\n", text)
    text = re.sub(r"</(p|h[1-6]|ul|ol|blockquote)>", "\n\n", text)
    text = unescape(re.sub(r"<[^>]+>", "", text))
    text = "\n".join(line.strip() for line in text.splitlines())
    return re.sub(r"\n{3,}", "\n\n", text).strip()


LIST_ITEM = re.compile(r"^[-–•*]\s+")
# What text_to_html can make (besides the text): anything else in a project's text is the editors' formatting.
PLAIN_TAGS = re.compile(r"<(?!/?(?:p|br|ul|li)\b)[a-zA-Z/]")


def text_to_html(text: str) -> str:
    """Plain text as HTML: blank lines separate paragraphs, single line breaks stay, and lines that begin with
    "- " (as html_to_text writes list items, or "•", "–", "*") become a list."""
    html = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = [line.strip() for line in block.splitlines() if line.strip()]
        run, in_list = [], False
        for line in [*lines, None]:
            is_item = line is not None and bool(LIST_ITEM.match(line))
            if run and (line is None or is_item != in_list):
                if in_list:
                    html.append("<ul>" + "".join(f"<li>{escape(item)}</li>" for item in run) + "</ul>")
                else:
                    html.append("<p>" + "<br>".join(escape(item) for item in run) + "</p>")
                run = []
            if line is not None:
                in_list = is_item
                run.append(LIST_ITEM.sub("", line) if is_item else line)
    return "".join(html)


def has_formatting(html: str) -> bool:
    """Whether rich text has more than paragraphs and lists (links, headings, emphasis, numbered lists …), which
    a submission's plain text cannot carry."""
    return bool(PLAIN_TAGS.search(html or ""))


# --- Comparing and moderating -------------------------------------------------------------------------------


@dataclass(frozen=True)
class FieldChange:
    """One Steckbrief field of a submission beside the published project."""

    name: str
    label: str
    current: str
    proposed: str
    # The submitter changed the value (for a new project: every value that is filled in).
    proposed_change: bool
    # The project's value differs now from when the change began: someone else changed it meanwhile.
    changed_meanwhile: bool
    # A text the change replaces has formatting (links, headings …) that the submission's plain text lacks.
    loses_formatting: bool = False


def _display(name: str, value, names: dict) -> str:
    if value in (None, "", []):
        return ""
    if name in ("topics", "municipalities"):
        return ", ".join(sorted(names.get((name, pk), "?") for pk in value))
    if name == "lead_municipality":
        return names.get(("municipalities", value), "?")
    if name == "start":
        return month_label(datetime.date.fromisoformat(value))
    if name == "form":
        return Project.Form(value).label if value in Project.Form.values else value
    if name == "status":
        return Project.Status(value).label if value in Project.Status.values else value
    if name == "contact_consent":
        return "ja" if value else "nein"
    return str(value)


def compare_submission(submission: Submission, *, for_submitter: bool = False) -> list[FieldChange]:
    """Field by field: the published project now, the submission's proposal, and what the submitter changed.

    `for_submitter`: the submitter's own review, which does not show what the project's page does not (its
    contact, without consent).
    """
    proposed = submission_values(submission)
    # The project as it is now (not as the submission's cached copy has it).
    project = Project.objects.filter(pk=submission.project_id).first() if submission.is_change else None
    current = project_values(project) if project else {}
    baseline = submission.baseline if submission.is_change else {}
    topic_ids = set(proposed["topics"]) | set(current.get("topics", [])) | set(baseline.get("topics", []))
    municipality_ids = {proposed["lead_municipality"], current.get("lead_municipality")} | set(
        proposed["municipalities"] + current.get("municipalities", [])
    )
    names = {("topics", t.pk): t.name for t in Topic.objects.filter(pk__in=topic_ids)}
    names |= {
        ("municipalities", m.pk): m.short_name
        for m in Municipality.objects.filter(pk__in=[pk for pk in municipality_ids if pk]).only("short_name")
    }
    changed = set(changed_fields(submission, proposed)) if submission.is_change else set()
    hidden = set()
    if for_submitter and submission.is_change and not project.contact_consent:
        # Not on the project's page, so not here either: the contact, but for what the submitter was shown.
        hidden = {
            name
            for name in CONTACT_FIELDS
            if name in submission.hidden_fields or current.get(name) != baseline.get(name)
        }
    rows = []
    for name in STECKBRIEF_FIELDS:
        label = str(Submission._meta.get_field(name).verbose_name)
        if submission.is_change:
            proposed_change = name in changed
            changed_meanwhile = proposed_change and current.get(name) != baseline.get(name)
        else:
            proposed_change = proposed[name] not in (None, "", [], False)
            changed_meanwhile = False
        rows.append(
            FieldChange(
                name=name,
                label=label,
                current=HIDDEN_VALUE
                if name in hidden and current.get(name)
                else _display(name, current.get(name), names),
                proposed=_display(name, proposed[name], names),
                proposed_change=proposed_change,
                changed_meanwhile=changed_meanwhile,
                loses_formatting=proposed_change
                and name in TEXT_FIELDS
                and project is not None
                and has_formatting(getattr(project, name)),
            )
        )
    return rows


def unique_slug(model, title: str, *, reserved: set[str] = frozenset()) -> str:
    """An address from the title that no other row of `model` has (and that no section uses)."""
    spelt = title.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss")
    base = slugify(spelt.replace("Ä", "Ae").replace("Ö", "Oe").replace("Ü", "Ue"))[:180].strip("-") or "projekt"
    taken = set(model.objects.filter(slug__startswith=base).values_list("slug", flat=True)) | set(reserved)
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def _with_history(obj, by, reason: str):
    """Record who made the change and why in the version history (django-simple-history)."""
    obj._history_user = by
    obj._change_reason = reason
    return obj


def _sync_participants(project: Project, values: dict, baseline: dict, *, by, reason: str) -> None:
    """Apply what the submitter changed in the participants (additions and removals against the state when
    the change began) to the project's participants as they are now; editors' later changes stay."""
    participants = list(project.participants.all())
    by_municipality = {p.municipality_id: p for p in participants if p.municipality_id}
    by_organisation = {p.organisation: p for p in participants if not p.municipality_id}
    position = max((p.position for p in participants), default=0)
    new_lead = values["lead_municipality"]
    new_partners = set(values["municipalities"])

    def delete(participant):
        _with_history(participant, by, reason).delete()

    for pk in set(baseline.get("municipalities") or []) - new_partners - {new_lead}:
        if pk in by_municipality:
            delete(by_municipality.pop(pk))
    if new_lead != baseline.get("lead_municipality"):
        for participant in [p for p in by_municipality.values() if p.is_lead and p.municipality_id != new_lead]:
            if participant.municipality_id in new_partners:
                participant.role = Participant.Role.PARTNER
                _with_history(participant, by, reason).save()
            else:
                delete(by_municipality.pop(participant.municipality_id))
        if new_lead in by_municipality:
            lead = by_municipality[new_lead]
            if not lead.is_lead:
                lead.role = Participant.Role.LEAD
                _with_history(lead, by, reason).save()
        elif new_lead:
            lead = Participant(project=project, municipality_id=new_lead, role=Participant.Role.LEAD, position=0)
            by_municipality[new_lead] = _with_history(lead, by, reason)
            lead.save()
    added = new_partners - set(baseline.get("municipalities") or []) - {new_lead} - set(by_municipality)
    for pk in Municipality.objects.filter(pk__in=added).by_name().values_list("pk", flat=True):
        if pk not in by_municipality:
            position += 1
            participant = Participant(project=project, municipality_id=pk, position=position)
            by_municipality[pk] = _with_history(participant, by, reason)
            participant.save()
    old_organisations = set(filter(None, (baseline.get("other_participants") or "").split("\n")))
    new_organisations = [name for name in values["other_participants"].split("\n") if name]
    for name in old_organisations - set(new_organisations):
        if name in by_organisation:
            delete(by_organisation.pop(name))
    for name in new_organisations:
        if name not in old_organisations and name not in by_organisation:
            position += 1
            participant = Participant(project=project, organisation=name[:200], position=position)
            by_organisation[name] = _with_history(participant, by, reason)
            participant.save()


def _publish_files(submission: Submission, project: Project, *, by, reason: str, written: list) -> list[str]:
    """Copy the submission's files to the library and the project's pictures; return the copied originals.

    Each file written to the public media is added to `written`, for the caller to delete if the approval fails.
    A picture is decoded (its renditions made) before anything of it is written.
    """
    originals = []
    position = max(project.images.values_list("position", flat=True), default=0)
    for submission_file in submission.files.filter(document__isnull=True, image__isnull=True).exclude(file=""):
        with submission_file.file.open("rb") as source:
            if submission_file.is_image:
                try:
                    renditions = render_renditions(source)
                except (OSError, SyntaxError, ValueError, Image.DecompressionBombError):
                    raise SubmissionError(
                        f"Das Bild „{submission_file}“ lässt sich nicht lesen, die Datei ist beschädigt. Bitte "
                        "löschen Sie es unten bei den Dateien (oder bitten Sie um ein anderes) und übernehmen Sie "
                        "dann."
                    ) from None
                source.seek(0)
                position += 1
                image = ProjectImage(
                    project=project, alt_text=submission_file.alt_text, credit=submission_file.credit, position=position
                )
                image.image.save(submission_file.file_name, File(source), save=False)
                written.append(image.image)
                _save_renditions(image, renditions)
                written.extend(getattr(image, field) for field in RENDITION_WIDTHS)
                _with_history(image, by, reason).save()
                submission_file.image = image
            else:
                file_type = next(t for t in DOCUMENT_TYPES if t.content_type == submission_file.content_type)
                document = Document(
                    kind=submission_file.document_kind,
                    title=submission_file.title,
                    slug=unique_slug(Document, submission_file.title, reserved=RESERVED_DOCUMENT_SLUGS),
                    # A project approved as a draft keeps its documents off the site too.
                    is_published=project.is_published,
                    file_name=submission_file.file_name,
                    content_type=file_type.content_type,
                    size=submission_file.size,
                    text=extract_text(source, file_type),
                )
                document.file.save(submission_file.file_name, File(source), save=False)
                written.append(document.file)
                _with_history(document, by, reason).save()
                document.projects.add(project)
                document.topics.set(project.topics.all())
                refresh_document(document=document)
                submission_file.document = document
        originals.append(submission_file.file.name)
        submission_file.file = ""
        submission_file.save(update_fields=["file", "image", "document"])
    return originals


def approve_submission(*, submission: Submission, by: AbstractBaseUser, publish: bool = True) -> Project:
    """Create the project from a new submission, or apply a change to it: fields, Themenfelder, participants,
    documents and pictures, each saved as a version with who approved it; the submitter is told.

    A change applies only what the submitter changed (against the project's values when the change began),
    so what the editors changed meanwhile in other fields stays. `publish` puts a new project on the site.
    Should it fail, the files it wrote to the public media are deleted again.
    """
    written, committed = [], []
    try:
        return _approve_submission(submission, by=by, publish=publish, written=written, committed=committed)
    except BaseException:
        if not committed:
            for field_file in written:
                field_file.storage.delete(field_file.name)
        raise


def _approve_submission(submission: Submission, *, by, publish: bool, written: list, committed: list) -> Project:
    with transaction.atomic():
        # Runs first of the callbacks after the commit: from then on, the files written belong to the project.
        transaction.on_commit(lambda: committed.append(True))
        submission = Submission.objects.select_for_update().get(pk=submission.pk)
        if submission.state != Submission.State.PENDING:
            raise SubmissionError(f"Diese Meldung ist nicht zur Prüfung, sondern „{submission.get_state_display()}“.")
        values = submission_values(submission)
        missing = [
            str(Submission._meta.get_field(name).verbose_name)
            for name in ("title", "teaser", "form", "status", "lead_municipality", "topics")
            if not values[name]
        ]
        if missing:
            raise SubmissionError("Vor dem Übernehmen bitte ergänzen: " + ", ".join(missing) + ".")
        reason = f"Meldung Nr. {submission.pk} übernommen"
        now = timezone.now()
        if submission.is_change:
            project = Project.objects.select_for_update().get(pk=submission.project_id)
            changed = changed_fields(submission, values)
            baseline = submission.baseline
        else:
            project = Project(
                slug=unique_slug(Project, values["title"], reserved=RESERVED_PROJECT_SLUGS),
                is_published=publish,
                published_at=now if publish else None,
            )
            changed, baseline = STECKBRIEF_FIELDS, {}
        for name in changed:
            if name in TEXT_FIELDS:
                setattr(project, name, text_to_html(values[name]))
            elif name == "start":
                project.start = submission.start
            elif name not in PARTICIPANT_FIELDS and name != "topics":
                setattr(project, name, values[name])
        # An approved submission is a confirmation too: the yearly mail starts counting again.
        project.last_confirmed_at = now
        project.confirmation_requested_at = None
        _with_history(project, by, reason).save()
        if "topics" in changed:
            project.topics.set(values["topics"])
        if PARTICIPANT_FIELDS & set(changed):
            _sync_participants(project, values, baseline, by=by, reason=reason)
        originals = _publish_files(submission, project, by=by, reason=reason, written=written)
        refresh_project(project=project)
        submission.state = Submission.State.APPROVED
        submission.project = project
        submission.decided_at = now
        submission.decided_by = by
        submission.save()
        _submission_mail(
            "submission_approved",
            submission,
            project=project,
            project_url=absolute_url(project.get_absolute_url()),
            published=project.is_published,
        )
        _delete_files_after_commit(originals)
    return project


def reject_submission(*, submission: Submission, by: AbstractBaseUser, reason: str) -> Submission:
    """Decline a submission with a reason, which the submitter is mailed; its files are deleted."""
    with transaction.atomic():
        submission = Submission.objects.select_for_update().get(pk=submission.pk)
        if submission.state not in (Submission.State.PENDING, Submission.State.CHANGES_REQUESTED):
            raise SubmissionError(
                f"Diese Meldung ist „{submission.get_state_display()}“ und kann nicht abgelehnt werden."
            )
        submission.state = Submission.State.REJECTED
        submission.reason = reason.strip()
        submission.decided_at = timezone.now()
        submission.decided_by = by
        submission.save()
        files = list(submission.files.exclude(file=""))
        _delete_files_after_commit([f.file.name for f in files])
        SubmissionFile.objects.filter(pk__in=[f.pk for f in files]).update(file="")
        _submission_mail("submission_rejected", submission, reason=submission.reason)
    return submission


def request_submission_changes(*, submission: Submission, by: AbstractBaseUser, message: str) -> Submission:
    """Send the submission back to the submitter with the editors' message and a link to the filled-in form."""
    with transaction.atomic():
        submission = Submission.objects.select_for_update().get(pk=submission.pk)
        if submission.state != Submission.State.PENDING:
            raise SubmissionError(f"Diese Meldung ist nicht zur Prüfung, sondern „{submission.get_state_display()}“.")
        submission.state = Submission.State.CHANGES_REQUESTED
        submission.editor_message = message.strip()
        submission.decided_by = by
        submission.save()
        _submission_mail(
            "submission_changes_requested",
            submission,
            message=submission.editor_message,
            form_url=absolute_url(draft_path(submission, 6)),
            days=DRAFT_RETENTION_DAYS,
        )
    return submission


def delete_submissions(*, submissions: QuerySet[Submission]) -> int:
    """Delete submissions with their stored files (projects.models.delete_stored_submission_file); returns how
    many."""
    with transaction.atomic():
        ids = list(submissions.select_for_update().values_list("pk", flat=True))
        deleted, _ = Submission.objects.filter(pk__in=ids).delete()
    return len(ids) if deleted else 0


@dataclass(frozen=True)
class StaleSubmissions:
    submissions: int
    mails: int


def _submission_mails():
    """The stored mails about submissions (they repeat names, addresses and personal links)."""
    prefix = SUBMISSION_MAILS
    return OutgoingMail.objects.filter(
        Q(template__startswith=f"{prefix}submission_") | Q(template=f"{prefix}change_link"),
        status__in=[OutgoingMail.Status.SENT, OutgoingMail.Status.FAILED],
    )


def delete_stale_submissions(*, dry_run: bool = False) -> StaleSubmissions:
    """Delete the submissions whose personal data and files nobody needs any more (SubmissionQuerySet.stale):
    drafts and those sent back for changes untouched for DRAFT_RETENTION_DAYS, unconfirmed ones whose link
    expired, change links never opened, approved and rejected ones SUBMISSION_RETENTION_DAYS after the decision;
    and the sent mails about submissions older than that."""
    now = timezone.now()
    stale = Submission.objects.stale(
        now=now,
        draft_days=DRAFT_RETENTION_DAYS,
        unconfirmed_days=CONFIRMATION_DAYS,
        link_days=CHANGE_LINK_DAYS,
        decided_days=settings.SUBMISSION_RETENTION_DAYS,
    )
    old_mails = _submission_mails().filter(
        created_at__lt=now - datetime.timedelta(days=settings.SUBMISSION_RETENTION_DAYS)
    )
    if dry_run:
        return StaleSubmissions(submissions=stale.count(), mails=old_mails.count())
    with transaction.atomic():
        deleted = delete_submissions(submissions=stale)
        mails, _ = old_mails.delete()
    return StaleSubmissions(submissions=deleted, mails=mails)
