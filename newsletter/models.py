from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse

from newsletter.querysets import BlockQuerySet, DeliveryQuerySet, IssueQuerySet, SubscriberQuerySet
from portal.models import RichTextField


class Subscriber(models.Model):
    """A person who asked for the newsletter: pending until they confirm by the link in the mail.

    The consent they gave (its text and version) and the time of confirmation are kept as proof
    (double opt-in). Unconfirmed entries are deleted after a week.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "unbestätigt"
        CONFIRMED = "confirmed", "bestätigt"
        UNSUBSCRIBED = "unsubscribed", "abgemeldet"

    email = models.EmailField("E-Mail-Adresse", unique=True)
    name = models.CharField("Name", max_length=200, blank=True)
    organisation = models.CharField("Kommune oder Organisation", max_length=200, blank=True)
    status = models.CharField("Status", max_length=20, choices=Status.choices, default=Status.PENDING)
    consent_text = models.TextField("Einwilligungstext")
    consent_version = models.CharField("Version des Einwilligungstexts", max_length=20)
    requested_at = models.DateTimeField("Anmeldung angefordert")
    confirmed_at = models.DateTimeField("Bestätigt am", null=True, blank=True)
    unsubscribed_at = models.DateTimeField("Abgemeldet am", null=True, blank=True)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        verbose_name = "Abonnent/in"
        verbose_name_plural = "Abonnentinnen und Abonnenten"
        ordering = ["-requested_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="confirmed") | Q(confirmed_at__isnull=False),
                name="subscriber_confirmed_has_time",
            ),
            models.CheckConstraint(condition=Q(email=models.functions.Lower("email")), name="subscriber_email_lower"),
        ]

    def __str__(self):
        return self.email


class Issue(models.Model):
    """An issue of the newsletter, composed by the editors from an intro, blocks and a closing line.

    Draft or scheduled, it can be changed; once sending starts, the mail is rendered once and kept
    (`mail_html`, `mail_text`), so every recipient gets the same content even if the sending takes
    hours or is resumed after a crash, and the issue can no longer be edited.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", "Entwurf"
        SCHEDULED = "scheduled", "Versand geplant"
        SENDING = "sending", "wird versendet"
        SENT = "sent", "versendet"

    EDITABLE = [Status.DRAFT, Status.SCHEDULED]
    # Out to the subscribers (at least partly): the web version is public from then on.
    PUBLISHED = [Status.SENDING, Status.SENT]

    label = models.CharField(
        "Ausgabe", max_length=100, help_text="z. B. „Newsletter I / 2022“; steht im Kopf der E-Mail und im Archiv."
    )
    slug = models.SlugField(
        "Adresse im Archiv", max_length=100, unique=True, help_text="Teil der Adresse: /newsletter/archiv/<adresse>/"
    )
    subject = models.CharField("Betreff", max_length=200)
    preheader = models.CharField(
        "Vorschauzeile",
        max_length=200,
        blank=True,
        help_text="Ein Satz, den viele E-Mail-Programme in der Liste neben dem Betreff zeigen.",
    )
    intro = RichTextField(verbose_name="Einleitung", blank=True)
    closing = models.TextField(
        "Schlusszeile", blank=True, help_text="Gruß und Absender, z. B. „Ihre Redaktion von Interkommunales.NRW“."
    )
    status = models.CharField("Status", max_length=20, choices=Status.choices, default=Status.DRAFT, editable=False)
    scheduled_at = models.DateTimeField("Geplanter Versand", null=True, blank=True, editable=False)
    started_at = models.DateTimeField("Versand begonnen", null=True, blank=True, editable=False)
    finished_at = models.DateTimeField("Versand abgeschlossen", null=True, blank=True, editable=False)
    # The mail as rendered when sending started, with a placeholder for each person's unsubscribe link.
    mail_html = models.TextField(blank=True, editable=False)
    mail_text = models.TextField(blank=True, editable=False)
    # Counts for the admin's list, refreshed after every batch (the progress page counts live).
    recipients_count = models.PositiveIntegerField("Empfängerinnen und Empfänger", default=0, editable=False)
    sent_count = models.PositiveIntegerField("gesendet", default=0, editable=False)
    failed_count = models.PositiveIntegerField("fehlgeschlagen", default=0, editable=False)
    last_batch_at = models.DateTimeField("Letzter Sendelauf", null=True, blank=True, editable=False)
    created_at = models.DateTimeField("Angelegt", auto_now_add=True)
    updated_at = models.DateTimeField("Geändert", auto_now=True)

    objects = IssueQuerySet.as_manager()

    class Meta:
        verbose_name = "Ausgabe"
        verbose_name_plural = "Ausgaben"
        ordering = [models.F("started_at").desc(nulls_first=True), "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="scheduled") | Q(scheduled_at__isnull=False),
                name="issue_scheduled_has_time",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["draft", "scheduled"]) | Q(started_at__isnull=False),
                name="issue_started_has_time",
            ),
            models.CheckConstraint(
                condition=~Q(status="sent") | Q(finished_at__isnull=False), name="issue_sent_has_time"
            ),
        ]

    def __str__(self):
        return self.label

    def get_absolute_url(self):
        return reverse("newsletter:issue", kwargs={"slug": self.slug})

    @property
    def is_editable(self):
        return self.status in self.EDITABLE

    @property
    def is_published(self):
        return self.status in self.PUBLISHED


def validate_link(value: str) -> None:
    """A page of the portal ("/landespreis/") or a full web address; nothing else (no javascript:)."""
    if not (value.startswith("/") and not value.startswith("//")) and not value.startswith(("https://", "http://")):
        raise ValidationError(
            "Bitte geben Sie eine Seite des Portals an, die mit „/“ beginnt (z. B. /landespreis/), "
            "oder eine vollständige Adresse mit https://."
        )


def block_image_path(instance, filename):
    return f"newsletter/{instance.issue_id}/{filename}"


class Block(models.Model):
    """One part of an issue, in the editors' order: text, a teaser for a project, an event or the
    Landespreis, a button or a picture. Each kind uses some of the fields; the database holds each to
    the fields its kind needs."""

    class Kind(models.TextChoices):
        TEXT = "text", "Text"
        PROJECT = "project", "Projekt-Teaser"
        EVENT = "event", "Veranstaltungs-Teaser"
        LANDESPREIS = "landespreis", "Landespreis-Teaser"
        BUTTON = "button", "Button mit Link"
        IMAGE = "image", "Bild"

    # The fields each kind uses; the form clears the others.
    FIELDS = {
        Kind.TEXT: ["heading", "text"],
        Kind.PROJECT: ["heading", "project"],
        Kind.EVENT: ["heading", "event"],
        Kind.LANDESPREIS: ["heading", "text", "link_label", "url"],
        Kind.BUTTON: ["link_label", "url"],
        Kind.IMAGE: ["image", "alt_text", "caption", "credit"],
    }
    LANDESPREIS_URL = "/landespreis/"
    LANDESPREIS_LINK_LABEL = "Mehr zum Landespreis"

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="blocks", verbose_name="Ausgabe")
    position = models.PositiveSmallIntegerField("Reihenfolge", default=0)
    kind = models.CharField("Art", max_length=20, choices=Kind.choices)
    heading = models.CharField(
        "Überschrift",
        max_length=200,
        blank=True,
        help_text="Text und Landespreis; bei Projekt und Veranstaltung ersetzt sie deren Titel.",
    )
    text = RichTextField(verbose_name="Text", blank=True)
    project = models.ForeignKey(
        "projects.Project",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="newsletter_blocks",
        verbose_name="Projekt",
        limit_choices_to={"is_published": True},
    )
    event = models.ForeignKey(
        "events.Event",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="newsletter_blocks",
        verbose_name="Veranstaltung",
        limit_choices_to={"status": "published"},
    )
    link_label = models.CharField(
        "Beschriftung des Links",
        max_length=100,
        blank=True,
        help_text="Button und Landespreis, z. B. „Jetzt bewerben“.",
    )
    url = models.CharField(
        "Link",
        max_length=500,
        blank=True,
        validators=[validate_link],
        help_text="Eine Seite des Portals („/projekte/“) oder eine vollständige Adresse mit https://.",
    )
    image = models.ImageField(
        "Bild", upload_to=block_image_path, width_field="width", height_field="height", blank=True
    )
    width = models.PositiveIntegerField(editable=False, default=0)
    height = models.PositiveIntegerField(editable=False, default=0)
    # JPEG, 1200 px wide, made by newsletter.services.create_block_rendition (Outlook shows no WebP).
    rendition = models.ImageField(upload_to=block_image_path, blank=True, editable=False)
    alt_text = models.CharField(
        "Alternativtext",
        max_length=300,
        blank=True,
        help_text="Was auf dem Bild zu sehen ist, für Menschen, die es nicht sehen können.",
    )
    caption = models.CharField("Bildunterschrift", max_length=300, blank=True)
    credit = models.CharField("Bildnachweis", max_length=200, blank=True, help_text="z. B. © Stadt Beispiel")

    objects = BlockQuerySet.as_manager()

    class Meta:
        verbose_name = "Baustein"
        verbose_name_plural = "Bausteine"
        ordering = ["issue", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind="text") & ~Q(text=""))
                | Q(kind="project", project__isnull=False)
                | Q(kind="event", event__isnull=False)
                | (Q(kind="landespreis") & ~Q(heading="") & ~Q(url=""))
                | (Q(kind="button") & ~Q(link_label="") & ~Q(url=""))
                | (Q(kind="image") & ~Q(image="") & ~Q(alt_text="")),
                name="block_has_what_its_kind_needs",
                violation_error_message="Bitte füllen Sie die Felder aus, die diese Art von Baustein braucht.",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.position}"

    @property
    def title(self) -> str:
        """The heading shown: the editors' own, else the project's or event's title."""
        if self.heading:
            return self.heading
        if self.kind == self.Kind.PROJECT and self.project_id:
            return self.project.title
        if self.kind == self.Kind.EVENT and self.event_id:
            return self.event.title
        return ""


class Delivery(models.Model):
    """One subscriber's copy of one issue: created for every confirmed subscriber when sending starts,
    then marked sent, or retried after an error and finally marked failed.

    The row is the record that makes sending resumable: whatever is still pending after a crash or a
    restart is sent, and nothing else. The subscriber link is removed, not the row, when a person's
    data are deleted, so the counts stay.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "wartet"
        SENT = "sent", "gesendet"
        FAILED = "failed", "fehlgeschlagen"
        SKIPPED = "skipped", "übersprungen (inzwischen abgemeldet)"

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="deliveries", verbose_name="Ausgabe")
    subscriber = models.ForeignKey(
        Subscriber,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="deliveries",
        verbose_name="Abonnent/in",
    )
    status = models.CharField("Status", max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField("Versuche", default=0)
    last_error = models.TextField("Letzter Fehler", blank=True)
    next_attempt_at = models.DateTimeField("Nächster Versuch", null=True, blank=True)
    attempted_at = models.DateTimeField("Letzter Versuch", null=True, blank=True)
    sent_at = models.DateTimeField("Gesendet am", null=True, blank=True)

    objects = DeliveryQuerySet.as_manager()

    class Meta:
        verbose_name = "Zustellung"
        verbose_name_plural = "Zustellungen"
        ordering = ["issue", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["issue", "subscriber"], name="delivery_once_per_subscriber"),
            models.CheckConstraint(
                condition=~Q(status="sent") | Q(sent_at__isnull=False), name="delivery_sent_has_time"
            ),
        ]
        indexes = [
            # The counts per status of an issue (progress), read from the index alone.
            models.Index(fields=["issue", "status"], name="delivery_issue_status"),
            # What the sending job reads: an issue's pending deliveries in order.
            models.Index(fields=["issue", "id"], condition=Q(status="pending"), name="delivery_pending"),
            # The errors the progress page lists.
            models.Index(fields=["issue", "-attempted_at"], condition=~Q(last_error=""), name="delivery_errors"),
        ]

    def __str__(self):
        return f"{self.issue} an {self.subscriber or 'gelöschte Adresse'}"
