"""Entries for the Landespreis: drafts, the personal link, attachments, submitting, and the editors' state changes.

Saving a draft locks only the entry's row (SELECT … FOR UPDATE), so drafts of a round and their uploads are
written side by side. Submitting, and an editor bringing an entry back into the competition, lock the
entry's row and then the round's: those writes queue up behind each other, so the check "one entry per
lead Kommune" sees every submission committed before it, and two parallel submits of the same Kommune
cannot both pass. Always the entry first, then the round, so no two of them wait for each other.
Mails are stored in the same transaction and sent after the commit.
"""

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.postgres.functions import RandomUUID
from django.core import signing
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.urls import reverse
from django.utils import formats, timezone

from awards.eligibility import Problem, deadline_problem, one_entry_per_lead_problems, submission_problems, when
from awards.models import Entry, EntryAttachment, Round
from portal.mail import absolute_url, send_templated_mail
from portal.models import Municipality, OutgoingMail
from portal.uploads import clean_file_name

_LINK_SALT = "awards.entry"
MAIL_TEMPLATES = "awards/mail/"


class EntryRefusedError(Exception):
    """An entry that cannot be saved or submitted now; `problems` say why, in German, per field."""

    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(problem.message for problem in problems))
        self.problems = problems


@dataclass(frozen=True)
class Upload:
    """A file the form has checked by its content: PDF or a picture."""

    file: UploadedFile
    extension: str
    content_type: str


def consent_text() -> str:
    """What an applicant agrees to; stored with the entry."""
    return (
        "Ich bin einverstanden, dass die KommunalAgentur NRW für Interkommunales.NRW die Angaben dieser Bewerbung "
        "und ihre Anhänge speichert und der Jury des Landespreises zur Bewertung vorlegt. Wird das Projekt "
        "ausgezeichnet, dürfen Titel, beteiligte Kommunen und eine Kurzbeschreibung veröffentlicht werden; "
        "Ansprechperson, E-Mail-Adresse und Telefonnummer werden nicht veröffentlicht."
    )


# --- The personal link -----------------------------------------------------------------------------
#
# A link is minted only when it is mailed (a new draft, lost links, the confirmation); the pages reached by
# it reuse its token for their own links and redirects. So its age counts from the mail that carried it and
# opening it does not extend it. It works AWARDS_LINK_MAX_AGE_DAYS from then, and never longer than that
# many days after the round's deadline.


def entry_token(entry: Entry) -> str:
    # Signed, not encrypted: anyone can read the payload, so it holds the random secret, never the address.
    return signing.dumps([entry.pk, str(entry.secret)], salt=_LINK_SALT)


def entry_path(entry: Entry, token: str | None = None) -> str:
    """The entry's page; with `token` the link the visitor came with, else a fresh one (only for a mail)."""
    return reverse("awards:entry", kwargs={"year": entry.round.year, "token": token or entry_token(entry)})


def entry_url(entry: Entry) -> str:
    return absolute_url(entry_path(entry))


def link_max_age_days() -> int:
    return settings.AWARDS_LINK_MAX_AGE_DAYS


def links_end_at(round_: Round) -> datetime:
    """After this, no personal link of the round works any more, however recently it was mailed."""
    return round_.entries_close_at + timedelta(days=link_max_age_days())


def entry_from_token(token: str, *, year: int, now: datetime | None = None) -> Entry | None:
    """The entry a personal link is for, if the link is genuine, not expired and for this round."""
    try:
        pk, secret = signing.loads(token, salt=_LINK_SALT, max_age=link_max_age_days() * 86400)
        secret = uuid.UUID(secret)
    except (signing.BadSignature, TypeError, ValueError, AttributeError):
        return None
    entry = (
        Entry.objects.select_related("round", "category", "lead_municipality", "project")
        .defer("lead_municipality__shape", "project__search_vector")
        .prefetch_related(Prefetch("partners", queryset=Municipality.objects.only("pk")))
        .filter(pk=pk, secret=secret, round__year=year)
        .first()
    )
    if entry is None or (now or timezone.now()) > links_end_at(entry.round):
        return None
    return entry


# --- Drafts ----------------------------------------------------------------------------------------

# The fields of an entry that the applicant's form writes.
ENTRY_FIELDS = [
    "title",
    "category",
    "project",
    "lead_municipality",
    "hvb_confirms",
    "other_partners",
    "organisation_kind",
    "organisation_name",
    "department",
    "contact_name",
    "email",
    "phone",
    "short_description",
    "occasion",
    "goal",
    "implementation",
    "benefit",
    "innovation",
    "sustainability",
    "project_start",
    "still_in_implementation",
    "cooperation_form",
    "consent",
]

STALE_MESSAGE = (
    "Diese Bewerbung wurde inzwischen an anderer Stelle gespeichert, zum Beispiel in einem anderen Fenster. Damit "
    "nichts überschrieben wird, haben wir Ihre Änderungen nicht übernommen. Ihre Eingaben stehen noch unten im "
    "Formular: Speichern Sie erneut, ersetzen sie den anderen Stand. Oder öffnen Sie den Link neu, um den "
    "gespeicherten Stand zu sehen."
)


class StaleEntryError(EntryRefusedError):
    """The form was filled from an older state of the entry than the one saved now (e.g. a second tab)."""

    def __init__(self, updated_at: datetime):
        super().__init__([Problem(None, STALE_MESSAGE)])
        self.updated_at = updated_at


@dataclass(frozen=True)
class Submission:
    """What came of "Bewerbung einreichen": the entry (submitted, or kept as a draft with the problems)."""

    entry: Entry
    created: bool
    problems: list[Problem]

    @property
    def submitted(self) -> bool:
        return not self.problems


def _locked_round(round_id: int) -> Round:
    return Round.objects.select_for_update().get(pk=round_id)


def _write_draft(
    *,
    round_: Round,
    entry: Entry | None,
    values: dict,
    partners: list[Municipality] | QuerySet,
    uploads: list[Upload],
    remove_attachments: list[EntryAttachment] | QuerySet,
    version: datetime | None,
    now: datetime,
) -> tuple[Entry, bool]:
    """Write a draft inside the caller's transaction; returns it and whether it is new.

    Locks only the entry's row, not the round's: drafts of a round are saved side by side, and the files are
    written before any round lock is taken (submitting takes it, after this).
    """
    unknown = set(values) - set(ENTRY_FIELDS)
    if unknown:
        raise ValueError(f"Not fields of an entry's form: {sorted(unknown)}")
    if problem := deadline_problem(round_, now):
        raise EntryRefusedError([problem])
    created = entry is None
    if created:
        entry = Entry(round=round_)
    else:
        entry = Entry.objects.select_for_update(of=("self",)).select_related("round").get(pk=entry.pk, round=round_)
        if not entry.is_draft:
            raise EntryRefusedError(
                [Problem(None, "Diese Bewerbung ist schon eingereicht und kann nicht mehr geändert werden.")]
            )
        if version is not None and entry.updated_at != version:
            raise StaleEntryError(entry.updated_at)
    for name, value in values.items():
        setattr(entry, name, value)
    entry.email = entry.email.strip().lower()
    entry.consent_text = consent_text() if entry.consent else ""
    if entry.category_id and entry.category.round_id != round_.pk:
        raise ValueError("The category belongs to another round.")
    entry.save()
    entry.partners.set(partners)
    removed = [attachment.pk for attachment in remove_attachments if attachment.entry_id == entry.pk]
    for attachment in EntryAttachment.objects.filter(pk__in=removed):
        _delete_file_after_commit(attachment)
        attachment.delete()
    kept = entry.attachments.count()
    if kept + len(uploads) > settings.AWARDS_ATTACHMENTS_MAX:
        raise EntryRefusedError(
            [Problem("attachments", f"Höchstens {settings.AWARDS_ATTACHMENTS_MAX} Anhänge je Bewerbung.")]
        )
    for upload in uploads:
        _attach(entry, upload)
    return entry, created


def save_draft(
    *,
    round_: Round,
    entry: Entry | None,
    values: dict,
    partners: list[Municipality] | QuerySet,
    uploads: list[Upload] = (),
    remove_attachments: list[EntryAttachment] | QuerySet = (),
    version: datetime | None = None,
    send_link: bool = False,
    now: datetime | None = None,
) -> Entry:
    """Create or update a draft with the values of ENTRY_FIELDS, its partners and attachments.

    Refused after the deadline, for an entry that is no longer a draft, and when `version` (the entry's
    `updated_at` the form was filled from) is older than what is saved: a second tab must not silently
    overwrite the first. A new draft's applicant gets the personal link by mail, with which they come back;
    `send_link` mails it again for an existing one.
    """
    now = now or timezone.now()
    with transaction.atomic():
        entry, created = _write_draft(
            round_=round_,
            entry=entry,
            values=values,
            partners=partners,
            uploads=uploads,
            remove_attachments=remove_attachments,
            version=version,
            now=now,
        )
        if send_link or created:
            _mail_link(entry)
    return entry


def save_and_submit_entry(
    *,
    round_: Round,
    entry: Entry | None,
    values: dict,
    partners: list[Municipality] | QuerySet,
    uploads: list[Upload] = (),
    remove_attachments: list[EntryAttachment] | QuerySet = (),
    version: datetime | None = None,
    now: datetime | None = None,
) -> Submission:
    """Save the form and submit it, in one transaction ("Bewerbung einreichen").

    If the rules refuse the submission, what was entered stays saved as a draft and the problems are returned;
    a new draft's link is mailed then, and only then (a submitted entry's confirmation carries its link).
    Refusals of the save itself (deadline, an older version, too many files) raise EntryRefusedError and
    save nothing.
    """
    now = now or timezone.now()
    with transaction.atomic():
        entry, created = _write_draft(
            round_=round_,
            entry=entry,
            values=values,
            partners=partners,
            uploads=uploads,
            remove_attachments=remove_attachments,
            version=version,
            now=now,
        )
        try:
            entry = submit_entry(entry=entry, now=now)
        except EntryRefusedError as refused:
            if created:
                _mail_link(entry)
            return Submission(entry=entry, created=created, problems=refused.problems)
    return Submission(entry=entry, created=created, problems=[])


def _attach(entry: Entry, upload: Upload) -> EntryAttachment:
    name = clean_file_name(upload.file.name or "anhang", upload.extension)
    attachment = EntryAttachment(entry=entry, name=name, content_type=upload.content_type, size=upload.file.size)
    upload.file.seek(0)
    attachment.file.save(name, upload.file, save=False)
    attachment.save()
    return attachment


def _delete_file_after_commit(attachment: EntryAttachment) -> None:
    storage, path = attachment.file.storage, attachment.file.name
    transaction.on_commit(lambda: storage.delete(path))


def _mail_link(entry: Entry) -> None:
    send_templated_mail(
        template=MAIL_TEMPLATES + "draft_link",
        to=[entry.email],
        context=_mail_context(entry),
        reply_to=[settings.AWARDS_EMAIL],
    )


def summary_rows(entry: Entry, partners: list[Municipality]) -> list[tuple[str, str, bool]]:
    """Everything entered, as (label, value, long) for the mails; `long` values go below their label."""
    if entry.lead_municipality_id:
        lead = entry.lead_municipality.name
    elif entry.hvb_confirms:
        lead = (
            "keine – die Hauptverwaltungsbeamtin oder der Hauptverwaltungsbeamte bestätigt die Ratsbeschlüsse "
            "aller Partner"
        )
    else:
        lead = ""
    start = formats.date_format(entry.project_start, "d.m.Y") if entry.project_start else ""
    if start and entry.still_in_implementation:
        start += " (noch in der Umsetzung)"
    rows = [
        ("Titel des Projekts", entry.title),
        ("Kategorie", entry.category.name if entry.category_id else ""),
        ("Kurzbeschreibung", entry.short_description),
        ("Projektbeginn oder Vertragsdatum", start),
        ("Form der Zusammenarbeit", entry.get_cooperation_form_display()),
        ("Federführende Kommune", lead),
        ("Beteiligte Kommunen", ", ".join(partner.name for partner in partners)),
        ("Weitere Beteiligte", entry.other_partners),
        ("Art der einreichenden Organisation", entry.get_organisation_kind_display()),
        ("Einreichende Kommune oder Organisation", entry.organisation_name),
        ("Fachbereich", entry.department),
        ("Ansprechperson", entry.contact_name),
        ("E-Mail-Adresse", entry.email),
        ("Telefon", entry.phone),
        ("Anlass", entry.occasion),
        ("Ziel", entry.goal),
        ("Umsetzung", entry.implementation),
        ("Gewinn der Kooperation", entry.benefit),
        ("Innovation", entry.innovation),
        ("Nachhaltigkeit und Übertragbarkeit", entry.sustainability),
        ("Einwilligung", "erteilt" if entry.consent else "nicht erteilt"),
    ]
    return [(label, value or "", len(value or "") > 60 or "\n" in (value or "")) for label, value in rows]


def _mail_context(entry: Entry) -> dict:
    round_ = entry.round
    partners = list(entry.partners.order_by("short_name"))
    return {
        "entry": entry,
        "round": round_,
        "entry_url": entry_url(entry),
        "round_url": absolute_url(round_.get_absolute_url()),
        "deadline": when(round_.entries_close_at),
        "link_days": link_max_age_days(),
        "rows": summary_rows(entry, partners),
        "attachments": list(entry.attachments.all()),
        "awards_email": settings.AWARDS_EMAIL,
    }


def send_links(*, round_: Round, email: str) -> int:
    """Mail fresh personal links to every entry of the round made with this address; returns how many.

    The visitor sees the same answer whether there are any, so the form reveals nobody's entries.
    """
    entries = list(Entry.objects.filter(round=round_, email=email.strip().lower()).select_related("round", "category"))
    if entries:
        send_templated_mail(
            template=MAIL_TEMPLATES + "links",
            to=[entries[0].email],
            context={
                "round": round_,
                "entries": [(entry, entry_url(entry)) for entry in entries],
                "deadline": when(round_.entries_close_at),
                "link_days": link_max_age_days(),
                "awards_email": settings.AWARDS_EMAIL,
            },
            reply_to=[settings.AWARDS_EMAIL],
        )
    return len(entries)


# --- Submitting --------------------------------------------------------------------------------------


def submit_entry(*, entry: Entry, now: datetime | None = None) -> Entry:
    """Check the round's rules and lock the entry: submitted entries are not changed by the applicant.

    Mails the applicant a confirmation with everything entered and tells the editors.
    """
    now = now or timezone.now()
    with transaction.atomic():
        # The entry's row first, then the round's, in the order saving a draft takes them.
        entry = (
            Entry.objects.select_for_update(of=("self",))
            .select_related("category", "lead_municipality")
            .get(pk=entry.pk)
        )
        entry.round = _locked_round(entry.round_id)
        if not entry.is_draft:
            raise EntryRefusedError([Problem(None, "Diese Bewerbung ist schon eingereicht.")])
        if problems := submission_problems(entry, now):
            raise EntryRefusedError(problems)
        entry.state = Entry.State.SUBMITTED
        entry.submitted_at = now
        entry.save(update_fields=["state", "submitted_at", "updated_at"])
        context = _mail_context(entry)
        send_templated_mail(
            template=MAIL_TEMPLATES + "entry_submitted",
            to=[entry.email],
            context=context,
            reply_to=[settings.AWARDS_EMAIL],
        )
        send_templated_mail(
            template=MAIL_TEMPLATES + "entry_received",
            to=[settings.AWARDS_EMAIL],
            context={**context, "admin_url": absolute_url(reverse("admin:awards_entry_change", args=[entry.pk]))},
            reply_to=[entry.email],
        )
    return entry


# --- The editors' decisions ----------------------------------------------------------------------------

# Which state an editor may set, and from which.
STATE_CHANGES = {
    Entry.State.ACCEPTED: [Entry.State.SUBMITTED, Entry.State.REJECTED],
    Entry.State.REJECTED: [Entry.State.SUBMITTED, Entry.State.ACCEPTED],
    Entry.State.SUBMITTED: [Entry.State.ACCEPTED, Entry.State.REJECTED],
}


@dataclass(frozen=True)
class StateChanges:
    changed: int
    # Entries that could not be brought back into the competition, with the reason.
    refused: list[tuple[Entry, str]]


def change_entry_state(*, entries: QuerySet, state: str) -> StateChanges:
    """Accept or reject submitted entries, or set them back to "eingereicht".

    Drafts are never accepted or rejected (they were not submitted), and a winner keeps its state. A rejected
    entry brought back into the competition must still meet "one entry per lead Kommune": it is checked under
    the round's row lock, as submitting is, so it cannot revive a second entry of the same Kommune.
    """
    allowed_from = STATE_CHANGES[Entry.State(state)]
    reviving = state in Entry.SUBMITTED_STATES
    with transaction.atomic():
        candidates = entries.filter(state__in=allowed_from, is_winner=False).values("pk")
        locked = list(
            Entry.objects.select_for_update(of=("self",))
            .filter(pk__in=candidates)
            .order_by("round_id", "submitted_at", "pk")
        )
        round_ids = {entry.round_id for entry in locked}
        rounds = {r.pk: r for r in Round.objects.select_for_update().filter(pk__in=round_ids).order_by("pk")}
        changed, refused = 0, []
        for entry in locked:
            if reviving and entry.state == Entry.State.REJECTED:
                problems = one_entry_per_lead_problems(
                    round_=rounds[entry.round_id],
                    entry_pk=entry.pk,
                    lead_id=entry.lead_municipality_id,
                    partner_ids=entry.partners.values_list("pk", flat=True),
                )
                if problems:
                    refused.append((entry, problems[0].message))
                    continue
            entry.state = state
            entry.save(update_fields=["state", "updated_at"])
            changed += 1
    return StateChanges(changed=changed, refused=refused)


# --- Data protection -----------------------------------------------------------------------------------------


def delete_entries(*, entries: QuerySet) -> int:
    """Delete entries with their attachments; the files go once the deletion is committed."""
    with transaction.atomic():
        for attachment in EntryAttachment.objects.filter(entry__in=entries):
            _delete_file_after_commit(attachment)
        _, counts = Entry.objects.filter(pk__in=list(entries.values_list("pk", flat=True))).delete()
    return counts.get("awards.Entry", 0)


def expired_drafts(*, retention_days: int, now: datetime | None = None) -> QuerySet:
    """Drafts never submitted, of rounds whose deadline passed more than `retention_days` ago."""
    now = now or timezone.now()
    return Entry.objects.drafts().filter(round__entries_close_at__lt=now - timedelta(days=retention_days))


def delete_expired_drafts(*, retention_days: int, dry_run: bool = False, now: datetime | None = None) -> int:
    """Delete drafts (with their personal data and files) that can no longer be submitted; returns how many."""
    drafts = expired_drafts(retention_days=retention_days, now=now)
    if dry_run:
        return drafts.count()
    return delete_entries(entries=drafts)


@dataclass(frozen=True)
class Anonymised:
    entries: int
    attachments: int
    mails: int


def anonymise_decided_entries(*, retention_days: int, dry_run: bool = False, now: datetime | None = None) -> Anonymised:
    """Remove the personal data of entries `retention_days` after their round was decided.

    Contact person, e-mail address, phone and Fachbereich are emptied and the attachments deleted (files after
    the commit); title, category, Kommunen, the texts and the jury's scores stay, so the winners' pages and the
    round's record remain. The personal link stops working (a new secret). Sent Landespreis mails older than
    the period, which repeat those data, are deleted too.
    """
    now = now or timezone.now()
    cutoff = now - timedelta(days=retention_days)
    due = (
        Entry.objects.exclude(state=Entry.State.DRAFT)
        .filter(round__state=Round.State.DECIDED, round__decided_at__lt=cutoff, anonymised_at__isnull=True)
        .order_by("pk")
    )
    old_mails = OutgoingMail.objects.filter(
        template__startswith=MAIL_TEMPLATES,
        created_at__lt=cutoff,
        status__in=[OutgoingMail.Status.SENT, OutgoingMail.Status.FAILED],
    )
    if dry_run:
        attachments = EntryAttachment.objects.filter(entry__in=due).count()
        return Anonymised(entries=due.count(), attachments=attachments, mails=old_mails.count())
    with transaction.atomic():
        ids = list(due.select_for_update(of=("self",)).values_list("pk", flat=True))
        files = EntryAttachment.objects.filter(entry_id__in=ids)
        for attachment in files:
            _delete_file_after_commit(attachment)
        deleted_attachments, _ = files.delete()
        anonymised = Entry.objects.filter(pk__in=ids).update(
            **dict.fromkeys(Entry.PERSONAL_FIELDS, ""), secret=RandomUUID(), anonymised_at=now, updated_at=now
        )
        deleted_mails, _ = old_mails.delete()
    return Anonymised(entries=anonymised, attachments=deleted_attachments, mails=deleted_mails)
