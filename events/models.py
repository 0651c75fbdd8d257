import uuid
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from events.querysets import EventDateQuerySet, EventQuerySet, RegistrationQuerySet
from portal.models import Municipality, RichTextField

BERLIN = ZoneInfo("Europe/Berlin")

# Addresses below /veranstaltungen/ that belong to the section itself, not to an event.
RESERVED_SLUGS = {"archiv", "anmeldung", "kalender", "feed"}


def validate_event_slug(value):
    if value in RESERVED_SLUGS:
        raise ValidationError(f"„{value}“ ist als Adresse einer Veranstaltung nicht möglich; bitte ergänzen Sie sie.")


class Venue(models.Model):
    """A place where events are held, with what visitors with disabilities need to know."""

    name = models.CharField("Name", max_length=200, help_text="z. B. „Rathaus Münster, Festsaal“")
    street = models.CharField("Straße und Hausnummer", max_length=200)
    postal_code = models.CharField("Postleitzahl", max_length=5)
    city = models.CharField("Ort", max_length=100)
    accessibility = models.TextField(
        "Barrierefreiheit",
        blank=True,
        help_text="Zugang, Aufzug, WC, Hörschleife, Parkplätze – was Menschen mit Behinderungen wissen müssen.",
    )
    directions = models.TextField("Anreise", blank=True, help_text="Bus und Bahn, Parken.")

    class Meta:
        verbose_name = "Veranstaltungsort"
        verbose_name_plural = "Veranstaltungsorte"
        ordering = ["city", "name"]

    def __str__(self):
        return f"{self.name}, {self.city}"

    @property
    def address_line(self):
        return f"{self.name}, {self.street}, {self.postal_code} {self.city}"


class Event(models.Model):
    """An event of the KommunalAgentur: one or several dates, a programme and, afterwards, its documentation."""

    class Kind(models.TextChoices):
        JAHRESTAGUNG = "jahrestagung", "Jahrestagung"
        ERFAHRUNGSAUSTAUSCH = "erfahrungsaustausch", "Erfahrungsaustausch"
        ONLINE = "online-veranstaltung", "Online-Veranstaltung"
        SPRECHSTUNDE = "sprechstunde", "Sprechstunde"
        SEMINAR = "seminar", "Seminar"
        FESTAKT = "festakt", "Festakt"

    class Status(models.TextChoices):
        DRAFT = "draft", "Entwurf"
        PUBLISHED = "published", "Veröffentlicht"
        CANCELLED = "cancelled", "Abgesagt"

    kind = models.CharField("Art", max_length=30, choices=Kind.choices)
    title = models.CharField("Titel", max_length=200)
    slug = models.SlugField(
        "Adresse",
        max_length=200,
        unique=True,
        validators=[validate_event_slug],
        help_text="Teil der Adresse: /veranstaltungen/<adresse>/",
    )
    teaser = models.TextField("Kurzbeschreibung", max_length=600, help_text="Zwei bis drei Sätze für Listen.")
    description = RichTextField(verbose_name="Beschreibung", blank=True)
    topics = models.ManyToManyField("projects.Topic", verbose_name="Themenfelder", related_name="events", blank=True)
    organiser = models.CharField("Veranstalter", max_length=200, default="KommunalAgentur NRW")
    host_municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hosted_events",
        verbose_name="Gastgebende Kommune",
    )
    status = models.CharField(
        "Status",
        max_length=20,
        choices=Status.choices,
        default=Status.DRAFT,
        help_text="Entwürfe sieht nur die Redaktion. Absagen bitte über die Aktion „Absagen“, "
        "damit alle Angemeldeten benachrichtigt werden.",
    )
    cancellation_note = models.TextField(
        "Hinweis zur Absage", blank=True, help_text="Erscheint auf der Seite und in der Absage-E-Mail."
    )
    # Documentation, shown once the event is over.
    report = RichTextField(verbose_name="Bericht", blank=True)
    documents = models.ManyToManyField(
        "projects.Document",
        verbose_name="Dokumente (Präsentationen, Protokolle)",
        related_name="events",
        blank=True,
        help_text="In der Dokumentbibliothek anlegen (Art „Präsentation“) und hier verknüpfen.",
    )
    created_at = models.DateTimeField("Angelegt", auto_now_add=True)
    updated_at = models.DateTimeField("Geändert", auto_now=True)
    # Title, texts, Themenfelder, programme and places; kept current by events.services.refresh_event.
    search_vector = SearchVectorField(null=True, editable=False)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = "Veranstaltung"
        verbose_name_plural = "Veranstaltungen"
        ordering = ["-created_at"]
        indexes = [GinIndex(fields=["search_vector"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="cancelled") | ~Q(cancellation_note=""),
                name="event_cancelled_has_note",
                violation_error_message="Bitte schreiben Sie zur Absage einen kurzen Hinweis.",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("events:detail", kwargs={"slug": self.slug})

    @property
    def is_published(self):
        return self.status != self.Status.DRAFT

    @property
    def is_cancelled(self):
        return self.status == self.Status.CANCELLED


class EventDate(models.Model):
    """One date of an event; people register for a date. Times are stored in UTC and shown in Europe/Berlin."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="dates", verbose_name="Veranstaltung")
    starts_at = models.DateTimeField("Beginn")
    ends_at = models.DateTimeField("Ende")
    capacity = models.PositiveIntegerField("Plätze", help_text="So viele Menschen erhalten einen festen Platz.")
    waitlist_limit = models.PositiveIntegerField(
        "Plätze auf der Warteliste",
        default=0,
        help_text="Ist alles belegt, kommen so viele auf die Warteliste; 0 heißt: keine Warteliste.",
    )
    registration_opens = models.DateTimeField(
        "Anmeldung ab", null=True, blank=True, help_text="Leer: sobald die Veranstaltung veröffentlicht ist."
    )
    registration_closes = models.DateTimeField(
        "Anmeldeschluss", null=True, blank=True, help_text="Leer: bis zum Beginn."
    )
    venue = models.ForeignKey(
        Venue, on_delete=models.PROTECT, null=True, blank=True, related_name="dates", verbose_name="Ort"
    )
    online_platform = models.CharField(
        "Online über", max_length=100, blank=True, help_text="z. B. Zoom; leer, wenn nur vor Ort."
    )
    dial_in = models.TextField(
        "Zugangsdaten",
        blank=True,
        help_text="Link, Meeting-ID, Kenncode. Nie öffentlich: nur in den E-Mails an bestätigte Teilnehmende.",
    )
    is_cancelled = models.BooleanField("Abgesagt", default=False, editable=False)
    cancelled_at = models.DateTimeField("Abgesagt am", null=True, blank=True, editable=False)
    # The calendar files derive their SEQUENCE and LAST-MODIFIED from it (and from the event's).
    updated_at = models.DateTimeField("Geändert", auto_now=True)

    objects = EventDateQuerySet.as_manager()

    class Meta:
        verbose_name = "Termin"
        verbose_name_plural = "Termine"
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["starts_at"]), models.Index(fields=["ends_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="eventdate_ends_after_start",
                violation_error_message="Das Ende muss nach dem Beginn liegen.",
            ),
            models.CheckConstraint(
                condition=Q(capacity__gte=1),
                name="eventdate_capacity_positive",
                violation_error_message="Ein Termin braucht mindestens einen Platz.",
            ),
            models.CheckConstraint(
                condition=Q(registration_opens__isnull=True)
                | Q(registration_closes__isnull=True)
                | Q(registration_closes__gt=F("registration_opens")),
                name="eventdate_registration_window",
                violation_error_message="Der Anmeldeschluss muss nach dem Beginn der Anmeldung liegen.",
            ),
            models.CheckConstraint(
                condition=Q(registration_closes__isnull=True) | Q(registration_closes__lte=F("starts_at")),
                name="eventdate_registration_closes_by_start",
                violation_error_message="Der Anmeldeschluss darf nicht nach dem Beginn des Termins liegen.",
            ),
            models.CheckConstraint(
                condition=Q(venue__isnull=False) | ~Q(online_platform=""),
                name="eventdate_has_a_place",
                violation_error_message="Bitte wählen Sie einen Ort oder nennen Sie die Online-Plattform.",
            ),
            models.CheckConstraint(
                condition=Q(is_cancelled=False) | Q(cancelled_at__isnull=False),
                name="eventdate_cancelled_has_time",
            ),
        ]

    def __str__(self):
        return f"{self.event.title}, {self.starts_at.astimezone(BERLIN):%d.%m.%Y %H:%M}"

    @property
    def is_online(self):
        return bool(self.online_platform)

    @property
    def place(self):
        """Where, in a few words: "Münster", "online (Zoom)" or both."""
        parts = [self.venue.city] if self.venue_id else []
        if self.online_platform:
            parts.append(f"online ({self.online_platform})")
        return " und ".join(parts)

    @property
    def when(self) -> str:
        """ "Freitag, 14. Januar 2022, 11:00–12:00 Uhr", in Berlin time."""
        start, end = self.starts_at.astimezone(BERLIN), self.ends_at.astimezone(BERLIN)
        if start.date() == end.date():
            return f"{date_format(start, 'l, j. F Y')}, {start:%H:%M}–{end:%H:%M} Uhr"
        return f"{date_format(start, 'l, j. F Y, H:i')} Uhr bis {date_format(end, 'l, j. F Y, H:i')} Uhr"

    @property
    def has_started(self) -> bool:
        return self.starts_at <= timezone.now()

    @property
    def closes_at(self):
        return self.registration_closes or self.starts_at

    def _count(self, status):
        annotated = getattr(self, f"{status}_count", None)
        if annotated is not None:
            return annotated
        return self.registrations.filter(status=status).count()

    @property
    def confirmed(self) -> int:
        return self._count(Registration.Status.CONFIRMED)

    @property
    def waitlisted(self) -> int:
        return self._count(Registration.Status.WAITLISTED)

    @property
    def free_seats(self) -> int:
        return max(0, self.capacity - self.confirmed)

    @property
    def free_waitlist_places(self) -> int:
        return max(0, self.waitlist_limit - self.waitlisted)

    def registration_state(self, now=None) -> str:
        """Whether people can register now: open, waitlist, full, not_yet, closed, past, cancelled or draft."""
        now = now or timezone.now()
        if self.is_cancelled or self.event.is_cancelled:
            return "cancelled"
        if not self.event.is_published:
            return "draft"
        if self.ends_at <= now:
            return "past"
        if self.registration_opens and now < self.registration_opens:
            return "not_yet"
        if now >= self.closes_at:
            return "closed"
        if self.free_seats:
            return "open"
        if self.free_waitlist_places:
            return "waitlist"
        return "full"

    def accepts_registrations(self, now=None) -> bool:
        return self.registration_state(now) in ("open", "waitlist")


class AgendaItem(models.Model):
    """A point of the programme; for an event with several dates it may belong to one of them."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="agenda", verbose_name="Veranstaltung")
    date = models.ForeignKey(
        EventDate,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="agenda",
        verbose_name="Termin",
        help_text="Nur bei mehreren Terminen mit eigenem Programm.",
    )
    time = models.TimeField("Uhrzeit", null=True, blank=True)
    title = models.CharField("Programmpunkt", max_length=300)
    speakers = models.CharField(
        "Mitwirkende", max_length=500, blank=True, help_text="Name, Funktion; durch Semikolon getrennt."
    )
    position = models.PositiveSmallIntegerField("Reihenfolge", default=0)

    class Meta:
        verbose_name = "Programmpunkt"
        verbose_name_plural = "Programm"
        ordering = ["event", "position", "time", "pk"]

    def __str__(self):
        return self.title

    @property
    def speaker_list(self):
        return [speaker.strip() for speaker in self.speakers.split(";") if speaker.strip()]


def event_photo_path(instance, filename):
    return f"veranstaltungen/{instance.event_id}/{filename}"


class EventPhoto(models.Model):
    """A picture of the event for its documentation; the site shows WebP renditions."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="photos", verbose_name="Veranstaltung")
    image = models.ImageField("Bild", upload_to=event_photo_path, width_field="width", height_field="height")
    width = models.PositiveIntegerField(editable=False, default=0)
    height = models.PositiveIntegerField(editable=False, default=0)
    small = models.ImageField(upload_to=event_photo_path, blank=True, editable=False)
    large = models.ImageField(upload_to=event_photo_path, blank=True, editable=False)
    alt_text = models.CharField(
        "Alternativtext",
        max_length=300,
        help_text="Was auf dem Bild zu sehen ist, für Menschen, die es nicht sehen können.",
    )
    caption = models.CharField("Bildunterschrift", max_length=300, blank=True)
    credit = models.CharField("Bildnachweis", max_length=200, blank=True)
    position = models.PositiveSmallIntegerField("Reihenfolge", default=0)

    class Meta:
        verbose_name = "Foto"
        verbose_name_plural = "Fotos"
        ordering = ["event", "position", "pk"]

    def __str__(self):
        return self.alt_text


class Registration(models.Model):
    """A person's registration for one date.

    Pending until the person confirms by the link in the mail (double opt-in); then confirmed when a seat
    is free, else waitlisted (`events.services.confirm_registration`). After the retention period the
    personal data are removed and the row stays for the counts (`anonymised_at`).
    """

    class Status(models.TextChoices):
        PENDING = "pending", "unbestätigt"
        CONFIRMED = "confirmed", "angemeldet"
        WAITLISTED = "waitlisted", "Warteliste"
        CANCELLED = "cancelled", "storniert"

    class CancelledBy(models.TextChoices):
        PARTICIPANT = "participant", "von der Person selbst"
        ORGANISER = "organiser", "vom Veranstalter"
        FULL = "full", "ausgebucht bei Bestätigung"

    ACTIVE = [Status.PENDING, Status.CONFIRMED, Status.WAITLISTED]

    date = models.ForeignKey(EventDate, on_delete=models.PROTECT, related_name="registrations", verbose_name="Termin")
    name = models.CharField("Name", max_length=200, blank=True)
    email = models.EmailField("E-Mail-Adresse", blank=True)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="event_registrations",
        verbose_name="Kommune",
    )
    organisation = models.CharField("Andere Organisation", max_length=200, blank=True)
    function = models.CharField("Funktion", max_length=200, blank=True)
    notes = models.TextField("Hinweise", max_length=1000, blank=True, help_text="Barrierefreiheit, Verpflegung")
    consent_text = models.TextField("Einwilligungstext")
    consented_at = models.DateTimeField("Eingewilligt am")
    status = models.CharField("Status", max_length=20, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField("Angemeldet am", auto_now_add=True)
    opted_in_at = models.DateTimeField("E-Mail bestätigt am", null=True, blank=True)
    confirmed_at = models.DateTimeField("Platz erhalten am", null=True, blank=True)
    cancelled_at = models.DateTimeField("Storniert am", null=True, blank=True)
    cancelled_by = models.CharField("Storniert", max_length=20, choices=CancelledBy.choices, blank=True)
    checked_in_at = models.DateTimeField("Anwesend seit", null=True, blank=True)
    reminded_at = models.DateTimeField("Erinnert am", null=True, blank=True)
    anonymised_at = models.DateTimeField("Anonymisiert am", null=True, blank=True)
    # What the personal links are signed over (never the address); replaced when the data are anonymised.
    secret = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = "Anmeldung"
        verbose_name_plural = "Anmeldungen"
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["date", "status"])]
        constraints = [
            # One active registration per person and date; a cancelled one may be followed by a new one.
            models.UniqueConstraint(
                Lower("email"),
                "date",
                condition=Q(status__in=["pending", "confirmed", "waitlisted"], anonymised_at__isnull=True),
                name="registration_active_once_per_date",
                violation_error_message="Für diese E-Mail-Adresse gibt es zu diesem Termin schon eine Anmeldung.",
            ),
            models.CheckConstraint(condition=Q(email=Lower("email")), name="registration_email_lower"),
            models.CheckConstraint(
                condition=Q(anonymised_at__isnull=False) | (~Q(name="") & ~Q(email="")),
                name="registration_has_name_and_email",
            ),
            models.CheckConstraint(
                condition=Q(anonymised_at__isnull=False) | Q(municipality__isnull=False) | ~Q(organisation=""),
                name="registration_municipality_or_organisation",
                violation_error_message="Bitte wählen Sie eine Kommune oder nennen Sie eine Organisation.",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["pending", "cancelled"]) | Q(opted_in_at__isnull=False),
                name="registration_opted_in_has_time",
            ),
            models.CheckConstraint(
                condition=~Q(status="confirmed") | Q(confirmed_at__isnull=False),
                name="registration_confirmed_has_time",
            ),
            models.CheckConstraint(
                condition=~Q(status="cancelled") | (Q(cancelled_at__isnull=False) & ~Q(cancelled_by="")),
                name="registration_cancelled_has_time_and_reason",
            ),
            models.CheckConstraint(
                condition=Q(checked_in_at__isnull=True) | Q(status="confirmed"),
                name="registration_checked_in_is_confirmed",
                violation_error_message="Nur Angemeldete mit Platz können anwesend sein.",
            ),
            models.CheckConstraint(
                condition=Q(anonymised_at__isnull=True) | Q(name="", email="", organisation="", function="", notes=""),
                name="registration_anonymised_is_empty",
            ),
        ]

    def __str__(self):
        return self.name or f"Anmeldung {self.pk} (anonymisiert)"

    @property
    def is_active(self):
        return self.status in self.ACTIVE

    @property
    def organisation_name(self):
        """The Kommune and the organisation as given, e.g. "Stadt Ahaus, Feuerwehr"."""
        parts = [self.municipality.name if self.municipality_id else "", self.organisation]
        return ", ".join(part for part in parts if part)


class ParticipantMessage(models.Model):
    """A message the organiser sent to everyone with a seat for a date (kept as a record of what was said)."""

    date = models.ForeignKey(EventDate, on_delete=models.CASCADE, related_name="messages", verbose_name="Termin")
    subject = models.CharField("Betreff", max_length=200)
    body = models.TextField("Nachricht", max_length=10000)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, verbose_name="Gesendet von"
    )
    sent_at = models.DateTimeField("Gesendet am", auto_now_add=True)
    recipients = models.PositiveIntegerField("Empfängerinnen und Empfänger")

    class Meta:
        verbose_name = "Nachricht an Teilnehmende"
        verbose_name_plural = "Nachrichten an Teilnehmende"
        ordering = ["-sent_at"]

    def __str__(self):
        return self.subject
