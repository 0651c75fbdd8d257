"""Registrations for event dates: double opt-in, seats and waitlist, mails, reminders and anonymisation.

Every write that takes or frees a seat locks the date's row first (SELECT … FOR UPDATE) and counts
the seats under that lock, so simultaneous confirmations and cancellations never give a seat twice
or lose one. Rows are always locked in the order event, date, registrations (as the admin's event form
writes them), so two writers cannot wait for each other. Mails are stored in the same transaction and
sent after the commit.
"""

import uuid
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.functions import RandomUUID
from django.core import signing
from django.db import transaction
from django.db.models import CharField, Count, Q, QuerySet, Value
from django.db.models.functions import Concat
from django.urls import reverse
from django.utils import formats, timezone

from events.ics import participant_calendar
from events.models import Event, EventDate, EventPhoto, ParticipantMessage, Registration, Venue
from portal.mail import absolute_url, send_templated_mail
from portal.models import Municipality, OutgoingMail
from projects.services import create_renditions

CONFIRMATION_DAYS = 7
_CONFIRM_SALT = "events.registration.confirm"
_MANAGE_SALT = "events.registration.manage"
MAIL_TEMPLATES = "events/mail/"
STARTED_MESSAGE = "Der Termin hat schon begonnen; eine Absage ist nicht mehr möglich."

Status = Registration.Status
CancelledBy = Registration.CancelledBy


class RegistrationError(Exception):
    """A registration that cannot be made or confirmed now; the message says why, in German."""


class RegistrationClosedError(RegistrationError):
    pass


class AlreadyRegisteredError(RegistrationError):
    pass


def consent_text() -> str:
    """What a person agrees to when registering; stored with each registration."""
    return (
        "Ich bin einverstanden, dass die KommunalAgentur NRW für Interkommunales.NRW meine Angaben speichert, "
        "um diese Veranstaltung zu organisieren: für die Teilnehmendenliste, für E-Mails zu meiner Anmeldung "
        "und, bei Online-Terminen, für die Zugangsdaten. "
        f"{settings.EVENT_REGISTRATION_RETENTION_DAYS} Tage nach der Veranstaltung werden meine Angaben "
        "anonymisiert. Absagen kann ich bis zum Beginn des Termins über den Link in den E-Mails zu meiner Anmeldung."
    )


# --- Links in the mails ------------------------------------------------------------------------


def _token(registration: Registration, salt: str) -> str:
    # Signed, not encrypted: anyone can read the payload, so it holds the random secret, never the address.
    return signing.dumps([registration.pk, str(registration.secret)], salt=salt)


def confirmation_url(registration: Registration) -> str:
    token = _token(registration, _CONFIRM_SALT)
    return absolute_url(reverse("events:confirm", kwargs={"token": token}))


def manage_path(registration: Registration) -> str:
    """The person's own page: the registration's status and a button to cancel it."""
    return reverse("events:registration", kwargs={"token": _token(registration, _MANAGE_SALT)})


def manage_url(registration: Registration) -> str:
    return absolute_url(manage_path(registration))


def _registration_from(token: str, salt: str, max_age: int | None = None) -> Registration | None:
    try:
        pk, secret = signing.loads(token, salt=salt, max_age=max_age)
        secret = uuid.UUID(secret)
    except (signing.BadSignature, TypeError, ValueError, AttributeError):
        return None
    # Anonymising replaces the secret, so the links of an anonymised registration stop working.
    return (
        Registration.objects.select_related("date__event", "date__venue", "municipality")
        .filter(pk=pk, secret=secret, anonymised_at__isnull=True)
        .first()
    )


def registration_to_confirm(token: str) -> Registration | None:
    """The registration a confirmation link is for, if the link is genuine and at most a week old."""
    return _registration_from(token, _CONFIRM_SALT, max_age=CONFIRMATION_DAYS * 86400)


def registration_to_manage(token: str) -> Registration | None:
    return _registration_from(token, _MANAGE_SALT)


# --- Why a date takes no registrations ---------------------------------------------------------


def closed_message(date: EventDate, state: str) -> str:
    if state == "not_yet":
        opens = formats.date_format(timezone.localtime(date.registration_opens), "j. F Y, H:i")
        return f"Die Anmeldung für diesen Termin beginnt am {opens} Uhr."
    return {
        "cancelled": "Dieser Termin ist abgesagt.",
        "past": "Dieser Termin hat schon stattgefunden.",
        "closed": "Die Anmeldung für diesen Termin ist geschlossen.",
        "full": "Dieser Termin ist ausgebucht, und auch die Warteliste ist voll.",
        "draft": "Diese Veranstaltung ist noch nicht veröffentlicht; die Anmeldung beginnt danach.",
    }.get(state, "Für diesen Termin ist keine Anmeldung möglich.")


def _locked_date(date_id: int) -> EventDate:
    """The date's row, locked until the transaction ends: the one place where seats are counted."""
    return EventDate.objects.select_for_update(of=("self",)).select_related("event", "venue").get(pk=date_id)


def _taken(date: EventDate) -> tuple[int, int]:
    """(confirmed, waitlisted) of the date; call it under the date's lock."""
    counts = date.registrations.aggregate(
        confirmed=Count("pk", filter=Q(status=Status.CONFIRMED)),
        waitlisted=Count("pk", filter=Q(status=Status.WAITLISTED)),
    )
    return counts["confirmed"], counts["waitlisted"]


# --- Mails ----------------------------------------------------------------------------------------


def _mail(template: str, registration: Registration, *, calendar: bool = False, **context) -> None:
    date = registration.date
    own_page = manage_url(registration)
    send_templated_mail(
        template=MAIL_TEMPLATES + template,
        to=[registration.email],
        context={
            "registration": registration,
            "event_date": date,
            "event": date.event,
            "event_url": absolute_url(date.event.get_absolute_url()),
            "manage_url": own_page,
            "organiser_email": settings.EVENTS_EMAIL,
            **context,
        },
        reply_to=[settings.EVENTS_EMAIL],
        attachments=[participant_calendar(registration, registration_url=own_page)] if calendar else None,
    )


def _mail_placement(registration: Registration) -> None:
    """Tell the person where they stand after confirming (or being added by the editors)."""
    if registration.status == Status.CONFIRMED:
        _mail("registration_confirmed", registration, calendar=True)
    elif registration.status == Status.WAITLISTED:
        ahead = Registration.objects.filter(date_id=registration.date_id).waitlist()
        ahead = ahead.filter(
            Q(opted_in_at__lt=registration.opted_in_at)
            | Q(opted_in_at=registration.opted_in_at, pk__lt=registration.pk)
        )
        _mail("registration_waitlisted", registration, position=ahead.count() + 1)
    else:
        _mail("registration_full", registration)


# --- Registering and confirming -------------------------------------------------------------------


def register_for_date(
    *,
    date: EventDate,
    name: str,
    email: str,
    municipality: Municipality | None = None,
    organisation: str = "",
    function: str = "",
    notes: str = "",
) -> tuple[Registration, bool]:
    """Record a registration (pending) and mail the confirmation link; returns it and whether it is new.

    Whoever is already registered for the date with this address gets no second registration: the
    mail tells them their existing one (or sends the link again). The visitor sees the same answer
    either way, so the form does not reveal who is registered.
    """
    email = email.strip().lower()
    with transaction.atomic():
        date = _locked_date(date.pk)
        existing = Registration.objects.active().filter(date=date, email=email).first()
        if existing is not None:
            if existing.status == Status.PENDING:
                _mail("confirm_registration", existing, confirmation_url=confirmation_url(existing), again=True)
            else:
                _mail("already_registered", existing)
            return existing, False
        state = date.registration_state()
        if state not in ("open", "waitlist"):
            raise RegistrationClosedError(closed_message(date, state))
        now = timezone.now()
        registration = Registration.objects.create(
            date=date,
            name=name.strip(),
            email=email,
            municipality=municipality,
            organisation=organisation.strip(),
            function=function.strip(),
            notes=notes.strip(),
            consent_text=consent_text(),
            consented_at=now,
        )
        _mail(
            "confirm_registration",
            registration,
            confirmation_url=confirmation_url(registration),
            days=CONFIRMATION_DAYS,
        )
    return registration, True


def _place(registration: Registration, date: EventDate, *, now: datetime, beyond_waitlist: bool = False) -> None:
    """Give a seat if one is free, else a place on the waitlist, else nothing (the date is full)."""
    confirmed, waitlisted = _taken(date)
    if confirmed < date.capacity:
        registration.status = Status.CONFIRMED
        registration.confirmed_at = now
    elif waitlisted < date.waitlist_limit or beyond_waitlist:
        registration.status = Status.WAITLISTED
    else:
        registration.status = Status.CANCELLED
        registration.cancelled_at = now
        registration.cancelled_by = CancelledBy.FULL


def confirm_registration(*, registration: Registration) -> Registration:
    """Confirm the address (double opt-in): a seat if one is free, else the waitlist; the person is told which.

    Confirming again changes nothing. Between registering and confirming the date may have filled up
    completely (seats and waitlist); the person is then told that it is booked out.
    """
    with transaction.atomic():
        date = _locked_date(registration.date_id)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status != Status.PENDING:
            return registration
        now = timezone.now()
        if date.is_cancelled or date.event.is_cancelled:
            raise RegistrationClosedError(closed_message(date, "cancelled"))
        if not date.event.is_published:
            raise RegistrationClosedError(
                "Diese Veranstaltung ist zurzeit nicht veröffentlicht, deshalb können wir Ihre Anmeldung gerade "
                "nicht bestätigen. Bitte versuchen Sie es später noch einmal."
            )
        if date.starts_at <= now:
            raise RegistrationClosedError("Dieser Termin hat schon begonnen.")
        registration.opted_in_at = now
        _place(registration, date, now=now)
        registration.save()
        registration.date = date
        _mail_placement(registration)
    return registration


def add_registration(
    *,
    date: EventDate,
    name: str,
    email: str,
    municipality: Municipality | None = None,
    organisation: str = "",
    function: str = "",
    notes: str = "",
    added_by: str,
    notify: bool = True,
) -> Registration:
    """An editor enters a registration that came by phone or letter: no double opt-in, a seat if one is free,
    else the waitlist (also beyond its limit: the editor decides). The person is mailed unless `notify` is off.
    """
    email = email.strip().lower()
    with transaction.atomic():
        date = _locked_date(date.pk)
        existing = Registration.objects.active().filter(date=date, email=email).first()
        if existing is not None:
            raise AlreadyRegisteredError(
                f"Für {email} gibt es zu diesem Termin schon eine Anmeldung (Status: {existing.get_status_display()})."
            )
        if date.is_cancelled:
            raise RegistrationClosedError(closed_message(date, "cancelled"))
        now = timezone.now()
        registration = Registration(
            date=date,
            name=name.strip(),
            email=email,
            municipality=municipality,
            organisation=organisation.strip(),
            function=function.strip(),
            notes=notes.strip(),
            consent_text=f"{consent_text()} (Von {added_by} eingetragen; die Person hat gegenüber der Redaktion "
            "eingewilligt.)",
            consented_at=now,
            opted_in_at=now,
        )
        _place(registration, date, now=now, beyond_waitlist=True)
        registration.save()
        if notify:
            _mail_placement(registration)
    return registration


# --- Cancelling and moving up ---------------------------------------------------------------------


def _promote_waitlisted(date: EventDate, *, now: datetime) -> list[Registration]:
    """Fill free seats from the waitlist, first come first served; call it under the date's lock."""
    if date.is_cancelled or date.starts_at <= now:
        return []
    confirmed, _ = _taken(date)
    free = date.capacity - confirmed
    if free <= 0:
        return []
    promoted = list(Registration.objects.filter(date=date).waitlist().select_for_update()[:free])
    for registration in promoted:
        registration.status = Status.CONFIRMED
        registration.confirmed_at = now
        registration.save(update_fields=["status", "confirmed_at"])
        registration.date = date
        _mail("registration_moved_up", registration, calendar=True)
    return promoted


def cancel_registration(
    *, registration: Registration, by: str = CancelledBy.PARTICIPANT, notify: bool = True
) -> Registration:
    """Cancel a registration; a freed seat goes to the first person on the waitlist, who is told by mail.

    People can cancel themselves until their date begins; afterwards only the organiser can (the seat
    would go to nobody, and the check-in would be lost).
    """
    with transaction.atomic():
        date = _locked_date(registration.date_id)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if not registration.is_active:
            return registration
        now = timezone.now()
        if by == CancelledBy.PARTICIPANT and date.starts_at <= now:
            raise RegistrationClosedError(STARTED_MESSAGE)
        had_seat = registration.status == Status.CONFIRMED
        registration.status = Status.CANCELLED
        registration.cancelled_at = now
        registration.cancelled_by = by
        registration.checked_in_at = None
        registration.save(update_fields=["status", "cancelled_at", "cancelled_by", "checked_in_at"])
        registration.date = date
        if notify:
            # Whoever had a seat has the date in their calendar: the attachment takes it out again.
            _mail(
                "registration_cancelled",
                registration,
                calendar=had_seat,
                by_organiser=by == CancelledBy.ORGANISER,
                had_seat=had_seat,
            )
        if had_seat:
            _promote_waitlisted(date, now=now)
    return registration


def fill_free_seats(*, date: EventDate) -> list[Registration]:
    """After the editors raised the capacity: people from the waitlist get the new seats."""
    with transaction.atomic():
        return _promote_waitlisted(_locked_date(date.pk), now=timezone.now())


def cancel_event_date(*, date: EventDate, note: str = "") -> int:
    """The organiser cancels a date: every registration is cancelled and each person is told; returns how many.

    When no date of a published event is left, the event counts as cancelled too; a draft stays a draft
    (cancelling must not put it on the site).
    """
    with transaction.atomic():
        # The event before its date, as cancel_event and the admin's event form lock them.
        event = Event.objects.select_for_update().get(pk=date.event_id)
        date = _locked_date(date.pk)
        date.event = event
        if date.is_cancelled:
            return 0
        now = timezone.now()
        date.is_cancelled = True
        date.cancelled_at = now
        date.save(update_fields=["is_cancelled", "cancelled_at", "updated_at"])
        registrations = list(
            Registration.objects.filter(date=date)
            .active()
            .select_for_update(of=("self",))
            .select_related("municipality")
        )
        for registration in registrations:
            had_seat = registration.status == Status.CONFIRMED
            registration.status = Status.CANCELLED
            registration.cancelled_at = now
            registration.cancelled_by = CancelledBy.ORGANISER
            registration.checked_in_at = None
            registration.save(update_fields=["status", "cancelled_at", "cancelled_by", "checked_in_at"])
            registration.date = date
            _mail(
                "date_cancelled",
                registration,
                calendar=had_seat,
                note=note or date.event.cancellation_note,
                had_seat=had_seat,
            )
        if event.status == Event.Status.PUBLISHED and not event.dates.filter(is_cancelled=False).exists():
            event.status = Event.Status.CANCELLED
            event.cancellation_note = event.cancellation_note or note or "Die Veranstaltung wurde abgesagt."
            event.save(update_fields=["status", "cancellation_note", "updated_at"])
    return len(registrations)


def cancel_event(*, event: Event, note: str) -> int:
    """Cancel all dates of an event (every registered person is told); returns how many registrations.

    A published event is then shown as cancelled, with the note; a draft stays a draft.
    """
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=event.pk)
        if event.status == Event.Status.PUBLISHED:
            event.status = Event.Status.CANCELLED
            event.cancellation_note = note
            event.save(update_fields=["status", "cancellation_note", "updated_at"])
        return sum(cancel_event_date(date=date, note=note) for date in event.dates.filter(is_cancelled=False))


# --- On the day and before ------------------------------------------------------------------------


def check_in(*, registrations: QuerySet[Registration]) -> int:
    """Mark confirmed participants as present (at the door); others are left alone. Returns how many."""
    return registrations.filter(status=Status.CONFIRMED, checked_in_at__isnull=True).update(
        checked_in_at=timezone.now()
    )


def undo_check_in(*, registrations: QuerySet[Registration]) -> int:
    return registrations.filter(checked_in_at__isnull=False).update(checked_in_at=None)


def send_access_data(*, date: EventDate) -> int:
    """Mail the dial-in data, with the calendar file, to everyone with a seat for the date; returns how many.

    For when the editors enter or change the dial-in data of a date that has not ended: a confirmation
    sent without them only promised them, and the reminder goes out once, and not to whoever got their
    seat shortly before the date.
    """
    with transaction.atomic():
        date = EventDate.objects.select_related("event", "venue").get(pk=date.pk)
        if (
            not date.dial_in
            or date.is_cancelled
            or date.event.status != Event.Status.PUBLISHED
            or date.ends_at <= timezone.now()
        ):
            return 0
        registrations = list(Registration.objects.filter(date=date, status=Status.CONFIRMED).order_by("pk"))
        for registration in registrations:
            registration.date = date
            _mail("access_data", registration, calendar=True)
    return len(registrations)


def message_participants(
    *,
    date: EventDate,
    subject: str,
    body: str,
    sent_by: AbstractBaseUser | None = None,
    with_dial_in: bool = False,
) -> ParticipantMessage:
    """Mail a message of the organiser to everyone with a seat for the date (one mail each), and keep it.

    With `with_dial_in` the mail also carries the dial-in data and the calendar file.
    """
    with transaction.atomic():
        date = EventDate.objects.select_related("event", "venue").get(pk=date.pk)
        registrations = list(Registration.objects.filter(date=date, status=Status.CONFIRMED).order_by("pk"))
        for registration in registrations:
            registration.date = date
            _mail(
                "participant_message",
                registration,
                calendar=with_dial_in,
                subject=subject,
                body=body,
                with_dial_in=with_dial_in,
            )
        return ParticipantMessage.objects.create(
            date=date, subject=subject, body=body, sent_by=sent_by, recipients=len(registrations)
        )


def send_reminders(*, days_before: int, dry_run: bool = False) -> int:
    """Remind confirmed participants of dates starting within `days_before` days, once each; returns how many.

    Rows are locked and skipped when locked, so two overlapping runs never remind anyone twice.
    """
    due = Registration.objects.due_for_reminder(days_before=days_before)
    if dry_run:
        return due.count()
    count = 0
    with transaction.atomic():
        now = timezone.now()
        locked = due.select_for_update(of=("self",), skip_locked=True).select_related("date__event", "date__venue")
        for registration in locked:
            _mail("registration_reminder", registration, calendar=True, days_before=days_before)
            registration.reminded_at = now
            registration.save(update_fields=["reminded_at"])
            count += 1
    return count


def refresh_event(*, event: Event) -> None:
    """After an edit (fields, Themenfelder, programme, dates): the stored search vector of the site search."""
    Event.objects.filter(pk=event.pk).update_search_vectors()


def refresh_events_at(*, venue: Venue) -> int:
    """After a venue was renamed or moved: the search vectors of its events (they hold its name and city)."""
    return Event.objects.filter(dates__venue=venue).distinct().update_search_vectors()


def create_photo_renditions(*, photo: EventPhoto) -> EventPhoto:
    """WebP renditions of an uploaded photo, made like those of the project pictures (same fields)."""
    return create_renditions(image=photo)


# --- Data protection ------------------------------------------------------------------------------


def anonymise_admin_log(*, registration_ids: list[int]) -> int:
    """Replace the names the admin's history keeps of these registrations (`object_repr` is the name).

    The change messages stay: the admin writes only the labels of the changed fields into them.
    """
    content_type = ContentType.objects.get_for_model(Registration)
    return LogEntry.objects.filter(
        content_type=content_type, object_id__in=[str(pk) for pk in registration_ids]
    ).update(object_repr=Concat(Value("Anmeldung "), "object_id", Value(" (anonymisiert)"), output_field=CharField()))


def anonymise_registrations(*, retention_days: int, dry_run: bool = False) -> dict[str, int]:
    """Remove the personal data of registrations for dates that ended more than `retention_days` ago.

    The rows stay with their status, Kommune and check-in, so the counts per date remain; the admin's
    history names them by number only. The mail log of the events app (which holds names and addresses)
    is kept for the same period. Unconfirmed registrations older than a week are deleted: without
    confirmation there is no consent.
    """
    now = timezone.now()
    due = Registration.objects.due_for_anonymisation(retention_days=retention_days, now=now)
    old_mails = OutgoingMail.objects.filter(
        template__startswith=MAIL_TEMPLATES,
        created_at__lt=now - timedelta(days=retention_days),
        status__in=[OutgoingMail.Status.SENT, OutgoingMail.Status.FAILED],
    )
    unconfirmed = Registration.objects.unconfirmed_since(CONFIRMATION_DAYS, now=now).filter(anonymised_at__isnull=True)
    if dry_run:
        return {"anonymised": due.count(), "mails": old_mails.count(), "unconfirmed": unconfirmed.count()}
    with transaction.atomic():
        unconfirmed_ids = list(unconfirmed.select_for_update().values_list("pk", flat=True))
        due_ids = list(due.select_for_update(of=("self",)).values_list("pk", flat=True))
        deleted_unconfirmed, _ = Registration.objects.filter(pk__in=unconfirmed_ids).delete()
        anonymised = Registration.objects.filter(pk__in=due_ids).update(
            name="", email="", organisation="", function="", notes="", anonymised_at=now, secret=RandomUUID()
        )
        anonymise_admin_log(registration_ids=unconfirmed_ids + due_ids)
        deleted_mails, _ = old_mails.delete()
    return {"anonymised": anonymised, "mails": deleted_mails, "unconfirmed": deleted_unconfirmed}
