import uuid

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import Q
from django.db.models.functions import Lower
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from simple_history import register
from simple_history.models import HistoricalRecords
from taggit.managers import TaggableManager
from taggit.models import TaggedItem

from portal.fields import MonthField
from portal.models import Municipality, RichTextField
from portal.uploads import ProtectedStorage
from projects.querysets import (
    FACET_FIELDS,
    DocumentQuerySet,
    ParticipantQuerySet,
    PartnerRequestQuerySet,
    ProjectQuerySet,
    SubmissionQuerySet,
)


class Topic(models.Model):
    """A Themenfeld, e.g. "Feuerwehr & Katastrophenschutz"; editors maintain the list."""

    name = models.CharField("Name", max_length=100, unique=True)
    slug = models.SlugField("Adresse", max_length=100, unique=True)
    position = models.PositiveSmallIntegerField("Reihenfolge", default=0)

    class Meta:
        verbose_name = "Themenfeld"
        verbose_name_plural = "Themenfelder"
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


class Project(models.Model):
    """A cooperation project, shown as its Steckbrief at /projekte/<slug>/."""

    class Form(models.TextChoices):
        AGREEMENT = "vereinbarung", "Öffentlich-rechtliche Vereinbarung"
        ZWECKVERBAND = "zweckverband", "Zweckverband"
        JOINT_ENTERPRISE = "kommunalunternehmen", "Gemeinsames Kommunalunternehmen"
        WORKING_GROUP = "arbeitsgemeinschaft", "Arbeitsgemeinschaft"
        COMPANY = "gesellschaft", "Privatrechtliche Gesellschaft"
        INFORMAL = "informell", "Informelle Kooperation"

    class Status(models.TextChoices):
        PLANNED = "planung", "In Planung"
        RUNNING = "umsetzung", "In Umsetzung"
        COMPLETED = "abgeschlossen", "Abgeschlossen"
        ENDED = "beendet", "Beendet"

    title = models.CharField("Titel", max_length=200)
    slug = models.SlugField("Adresse", max_length=200, unique=True, help_text="Teil der Adresse: /projekte/<adresse>/")
    teaser = models.TextField("Kurzbeschreibung", max_length=600, help_text="Zwei bis drei Sätze für Listen.")
    occasion = RichTextField(verbose_name="Anlass", blank=True)
    goal = RichTextField(verbose_name="Ziel", blank=True)
    implementation = RichTextField(verbose_name="Umsetzung", blank=True)
    benefit = models.TextField("Gewinn der Kooperation", blank=True)
    savings_eur_per_year = models.PositiveIntegerField("Einsparung in € pro Jahr", null=True, blank=True)
    savings_percent = models.DecimalField(
        "Einsparung in %",
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    staff_effect_fte = models.DecimalField(
        "Personaleffekt in Vollzeitstellen",
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        help_text="Eingesparte oder gemeinsam besser genutzte Stellen, z. B. 1,5.",
    )
    processing_time_percent = models.DecimalField(
        "Bearbeitungszeit verkürzt um %",
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )

    topics = models.ManyToManyField(Topic, verbose_name="Themenfelder", related_name="projects")
    tags = TaggableManager("Stichworte", blank=True, help_text="Durch Kommas getrennt.")
    form = models.CharField("Form der Zusammenarbeit", max_length=30, choices=Form.choices)
    status = models.CharField("Stand", max_length=20, choices=Status.choices, default=Status.RUNNING)
    start = MonthField("Beginn", null=True, blank=True, help_text="Monat und Jahr, z. B. 03.2021.")
    end = MonthField("Ende", null=True, blank=True, help_text="Monat und Jahr; leer, solange es läuft.")
    funding = models.CharField("Förderung", max_length=200, blank=True, help_text="z. B. Förderrichtlinie IKZ NRW")
    website = models.URLField("Website", blank=True)

    contact_name = models.CharField("Ansprechperson", max_length=200, blank=True)
    contact_function = models.CharField("Funktion", max_length=200, blank=True)
    contact_email = models.EmailField("E-Mail", blank=True)
    contact_phone = models.CharField("Telefon", max_length=50, blank=True)
    contact_consent = models.BooleanField(
        "Kontakt veröffentlichen",
        default=False,
        help_text="Nur ankreuzen, wenn die Person der Veröffentlichung ihrer Kontaktdaten zugestimmt hat.",
    )

    is_lighthouse = models.BooleanField("Leuchtturmprojekt", default=False)
    is_published = models.BooleanField("Veröffentlicht", default=False)
    published_at = models.DateTimeField("Veröffentlicht am", null=True, blank=True, editable=False)
    last_confirmed_at = models.DateTimeField(
        "Zuletzt bestätigt",
        null=True,
        blank=True,
        help_text="Wann die Kommune die Angaben zuletzt als aktuell bestätigt hat.",
    )
    # When send_project_confirmations last asked the contact to confirm (never twice within its interval).
    confirmation_requested_at = models.DateTimeField(
        "Bestätigung zuletzt angefragt", null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField("Angelegt", auto_now_add=True)
    updated_at = models.DateTimeField("Geändert", auto_now=True)
    # Title, texts, Themenfelder, Stichworte and participants; kept current by update_search_vectors().
    search_vector = SearchVectorField(null=True, editable=False)
    # Copies of the related ids that the facet counts of /projekte/ read in one scan instead of a join
    # per facet; kept current by update_facet_fields().
    facet_topic_ids = ArrayField(models.BigIntegerField(), default=list, editable=False)
    facet_tag_ids = ArrayField(models.BigIntegerField(), default=list, editable=False)
    facet_municipality_ids = ArrayField(models.BigIntegerField(), default=list, editable=False)
    facet_area_ids = ArrayField(models.BigIntegerField(), default=list, editable=False)

    history = HistoricalRecords(
        m2m_fields=[topics],
        excluded_fields=["search_vector", "updated_at", "confirmation_requested_at", *FACET_FIELDS],
    )
    objects = ProjectQuerySet.as_manager()

    class Meta:
        verbose_name = "Projekt"
        verbose_name_plural = "Projekte"
        ordering = ["title"]
        indexes = [GinIndex(fields=["search_vector"]), models.Index(fields=["is_published", "-published_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(start__isnull=True) | Q(end__gte=models.F("start")),
                name="project_end_after_start",
                violation_error_message="Das Ende liegt vor dem Beginn.",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("projects:detail", kwargs={"slug": self.slug})

    @property
    def has_effects(self):
        return any(
            value is not None
            for value in (
                self.savings_eur_per_year,
                self.savings_percent,
                self.staff_effect_fte,
                self.processing_time_percent,
            )
        )

    @property
    def public_contact(self):
        return self.contact_consent and bool(self.contact_name or self.contact_email or self.contact_phone)


class Participant(models.Model):
    """A participant of a project: a Kommune of NRW (with its role) or another organisation."""

    class Role(models.TextChoices):
        LEAD = "lead", "Hauptverantwortlich"
        PARTNER = "partner", "Beteiligt"

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="participants")
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="participations",
        verbose_name="Kommune in NRW",
    )
    organisation = models.CharField(
        "Andere Organisation",
        max_length=200,
        blank=True,
        help_text="Nur wenn keine Kommune in NRW: z. B. GPA NRW, ein IT-Dienstleister, eine Gemeinde in den "
        "Niederlanden.",
    )
    role = models.CharField("Rolle", max_length=10, choices=Role.choices, default=Role.PARTNER)
    note = models.CharField("Aufgabe im Projekt", max_length=200, blank=True, help_text="z. B. IT-Dienstleister")
    position = models.PositiveSmallIntegerField("Reihenfolge", default=0)

    history = HistoricalRecords()
    objects = ParticipantQuerySet.as_manager()

    class Meta:
        verbose_name = "Beteiligte"
        verbose_name_plural = "Beteiligte"
        ordering = ["project", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(municipality__isnull=False) & Q(organisation=""))
                | (Q(municipality__isnull=True) & ~Q(organisation="")),
                name="participant_municipality_or_organisation",
                violation_error_message="Bitte wählen Sie entweder eine Kommune oder nennen Sie eine Organisation.",
            ),
            models.CheckConstraint(
                condition=~Q(role="lead") | Q(municipality__isnull=False),
                name="participant_lead_is_municipality",
                violation_error_message="Hauptverantwortlich kann nur eine Kommune in NRW sein.",
            ),
            models.UniqueConstraint(
                fields=["project"],
                condition=Q(role="lead"),
                name="participant_one_lead",
                violation_error_message="Ein Projekt hat höchstens eine hauptverantwortliche Kommune.",
            ),
            models.UniqueConstraint(
                fields=["project", "municipality"],
                name="participant_municipality_once",
                violation_error_message="Diese Kommune ist schon beteiligt.",
            ),
        ]

    def __str__(self):
        return self.municipality.short_name if self.municipality_id else self.organisation

    @property
    def is_lead(self):
        return self.role == self.Role.LEAD


def project_image_path(instance, filename):
    return f"projekte/{instance.project_id}/{filename}"


class ProjectImage(models.Model):
    """A picture of the project; the upload is kept, the site shows renditions made with Pillow."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="images")
    image = models.ImageField("Bild", upload_to=project_image_path, width_field="width", height_field="height")
    width = models.PositiveIntegerField(editable=False, default=0)
    height = models.PositiveIntegerField(editable=False, default=0)
    # Renditions (WebP): made by projects.services.create_renditions.
    small = models.ImageField(upload_to=project_image_path, blank=True, editable=False)
    large = models.ImageField(upload_to=project_image_path, blank=True, editable=False)
    alt_text = models.CharField(
        "Alternativtext",
        max_length=300,
        help_text="Was auf dem Bild zu sehen ist, für Menschen, die es nicht sehen können.",
    )
    caption = models.CharField("Bildunterschrift", max_length=300, blank=True)
    credit = models.CharField("Bildnachweis", max_length=200, blank=True, help_text="z. B. © Stadt Beispiel")
    position = models.PositiveSmallIntegerField("Reihenfolge", default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "Bild"
        verbose_name_plural = "Bilder"
        ordering = ["project", "position", "pk"]

    def __str__(self):
        return self.alt_text


def document_path(instance, filename):
    return f"{instance.kind}/{filename}"


class Document(models.Model):
    """A document of the library: an agreement, a council paper, a court decision, an article …"""

    class Kind(models.TextChoices):
        AGREEMENT = "vereinbarung", "Öffentlich-rechtliche Vereinbarung"
        STATUTE = "satzung", "Satzung"
        COUNCIL_PAPER = "beschlussvorlage", "Beschlussvorlage"
        PRESS = "presseartikel", "Presseartikel"
        COURT_DECISION = "gerichtsentscheidung", "Gerichtsentscheidung"
        ARTICLE = "fachartikel", "Fachartikel / Literatur"
        TEMPLATE = "muster", "Muster / Checkliste"
        PRESENTATION = "praesentation", "Präsentation"
        OTHER = "sonstiges", "Sonstiges"

    kind = models.CharField("Art", max_length=30, choices=Kind.choices)
    title = models.CharField("Titel", max_length=300)
    slug = models.SlugField("Adresse", max_length=200, unique=True)
    date = models.DateField("Datum", null=True, blank=True, help_text="Datum des Dokuments oder der Entscheidung.")
    description = models.TextField("Beschreibung", blank=True)
    tags = TaggableManager("Schlagworte", blank=True, help_text="Durch Kommas getrennt.")
    topics = models.ManyToManyField(Topic, verbose_name="Themenfelder", related_name="documents", blank=True)
    projects = models.ManyToManyField(Project, verbose_name="Projekte", related_name="documents", blank=True)
    court = models.CharField("Gericht", max_length=200, blank=True)
    file_number = models.CharField("Aktenzeichen", max_length=100, blank=True)
    tenor = models.TextField("Tenor", blank=True)
    author = models.CharField("Autorin oder Autor", max_length=200, blank=True)
    source = models.CharField("Quelle", max_length=300, blank=True)
    licence = models.CharField("Lizenz oder Nutzungsrecht", max_length=200, blank=True)

    # Served by a view (download count, correct name, drafts hidden), never as a /media/ file.
    file = models.FileField("Datei", storage=ProtectedStorage(), upload_to=document_path)
    file_name = models.CharField("Dateiname beim Herunterladen", max_length=120, editable=False)
    content_type = models.CharField("Dateityp", max_length=120, editable=False)
    size = models.PositiveBigIntegerField("Größe in Bytes", default=0, editable=False)
    text = models.TextField("Text der Datei", blank=True, editable=False)
    download_count = models.PositiveIntegerField("Downloads", default=0, editable=False)

    is_published = models.BooleanField(
        "Veröffentlicht", default=False, help_text="Erst ankreuzen, wenn das Dokument öffentlich sein darf."
    )
    created_at = models.DateTimeField("Angelegt", auto_now_add=True)
    updated_at = models.DateTimeField("Geändert", auto_now=True)
    search_vector = SearchVectorField(null=True, editable=False)
    # The same without the file's text: ranking reads this small vector instead of the large one.
    rank_vector = SearchVectorField(null=True, editable=False)

    history = HistoricalRecords(
        m2m_fields=[topics, projects],
        excluded_fields=["search_vector", "rank_vector", "updated_at", "download_count", "text"],
    )
    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = "Dokument"
        verbose_name_plural = "Dokumente"
        ordering = [models.F("date").desc(nulls_last=True), "title"]
        indexes = [
            GinIndex(fields=["search_vector"]),
            models.Index(fields=["kind", "-date"]),
            # The library's default order: newest first, published only.
            models.Index(
                models.F("date").desc(nulls_last=True),
                "title",
                condition=Q(is_published=True),
                name="document_published_by_date",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("projects:document", kwargs={"slug": self.slug})

    def get_download_url(self):
        return reverse("projects:download", kwargs={"slug": self.slug})

    @property
    def is_court_decision(self):
        return self.kind == self.Kind.COURT_DECISION

    @property
    def file_label(self):
        return self.file_name.rsplit(".", 1)[-1].upper() if "." in self.file_name else ""


# The Stichworte of projects and documents are links in taggit's table; their history (kept here, in the
# projects app) lets a restored version get back the Stichworte it had.
register(TaggedItem, app="projects")


# --- Partnersuche ---------------------------------------------------------------------------------


class PartnerRequest(models.Model):
    """A Kommune's "Wir suchen Partner für …", shown at /partnersuche/ until its expiry date.

    Unconfirmed until the sender confirms the address by the link in the mail, then pending until the
    editors publish or reject it (`projects.services`); it leaves the lists by itself when it expires
    (`PartnerRequestQuerySet.open`), and the sender may end it early ("closed") or extend it.
    """

    class State(models.TextChoices):
        UNCONFIRMED = "unconfirmed", "E-Mail nicht bestätigt"
        PENDING = "pending", "zur Prüfung"
        PUBLISHED = "published", "veröffentlicht"
        REJECTED = "rejected", "abgelehnt"
        CLOSED = "closed", "beendet"

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="partner_requests", verbose_name="Suchende Kommune"
    )
    title = models.CharField(
        "Wir suchen Partner für …",
        max_length=160,
        help_text="Ergänzt den Satz „Wir suchen Partner für …“, z. B. „einen gemeinsamen Bauhof“.",
    )
    topics = models.ManyToManyField(Topic, verbose_name="Themenfelder", related_name="partner_requests")
    region = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="partner_requests_in_region",
        verbose_name="Partner gesucht in",
        limit_choices_to={"kind__in": ["regierungsbezirk", "kreis"]},
        help_text="Ein Regierungsbezirk oder Kreis; leer: in ganz Nordrhein-Westfalen.",
    )
    description = models.TextField("Beschreibung", max_length=3000)
    contact_name = models.CharField("Ansprechperson", max_length=200)
    contact_function = models.CharField("Funktion", max_length=200, blank=True)
    contact_email = models.EmailField("E-Mail")
    contact_phone = models.CharField("Telefon", max_length=50, blank=True)
    expires_on = models.DateField("Gesucht bis", help_text="Danach verschwindet die Suche von selbst aus den Listen.")
    state = models.CharField("Status", max_length=20, choices=State.choices, default=State.UNCONFIRMED)
    consent_text = models.TextField("Einwilligungstext")
    created_at = models.DateTimeField("Eingegangen", auto_now_add=True)
    email_confirmed_at = models.DateTimeField("E-Mail bestätigt am", null=True, blank=True)
    published_at = models.DateTimeField("Veröffentlicht am", null=True, blank=True)
    decided_at = models.DateTimeField("Entschieden am", null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="Entschieden von",
    )
    rejection_reason = models.TextField("Begründung der Ablehnung", blank=True)
    closed_at = models.DateTimeField("Beendet am", null=True, blank=True)
    # The expiry date the reminder was sent for: extending sets a new date, which gets its own reminder.
    reminded_for = models.DateField("Erinnert vor Ablauf am", null=True, blank=True)
    # What the personal links are signed over (never the address).
    secret = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    updated_at = models.DateTimeField("Geändert", auto_now=True)

    objects = PartnerRequestQuerySet.as_manager()

    class Meta:
        verbose_name = "Partnersuche"
        verbose_name_plural = "Partnersuchen"
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["state", "expires_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(contact_email=Lower("contact_email")),
                name="partner_email_lower",
                violation_error_message="Bitte schreiben Sie die E-Mail-Adresse in Kleinbuchstaben.",
            ),
            models.CheckConstraint(
                condition=Q(state="unconfirmed") | Q(email_confirmed_at__isnull=False),
                name="partner_confirmed_has_time",
                violation_error_message="Eine bestätigte Partnersuche braucht den Zeitpunkt der Bestätigung.",
            ),
            models.CheckConstraint(
                condition=~Q(state="published") | Q(published_at__isnull=False),
                name="partner_published_has_time",
                violation_error_message="Eine veröffentlichte Partnersuche braucht den Zeitpunkt der Veröffentlichung.",
            ),
            models.CheckConstraint(
                condition=~Q(state="rejected") | ~Q(rejection_reason=""),
                name="partner_rejected_has_reason",
                violation_error_message="Bitte begründen Sie die Ablehnung.",
            ),
            models.CheckConstraint(
                condition=~Q(state="closed") | Q(closed_at__isnull=False),
                name="partner_closed_has_time",
                violation_error_message="Eine beendete Partnersuche braucht den Zeitpunkt, an dem sie beendet wurde.",
            ),
        ]

    def __str__(self):
        return f"{self.municipality.short_name}: {self.title}" if self.municipality_id else self.title

    def get_absolute_url(self):
        return reverse("partners:detail", kwargs={"pk": self.pk})

    @property
    def headline(self) -> str:
        return f"Wir suchen Partner für {self.title}"

    @property
    def is_expired(self) -> bool:
        return self.expires_on < timezone.localdate()

    @property
    def is_open(self) -> bool:
        """On the site now: published and not expired."""
        return self.state == self.State.PUBLISHED and not self.is_expired


# --- Submissions: projects reported and changes proposed through the web (/projekte/melden/) ---------------


class Submission(models.Model):
    """A project reported by a Kommune through the web form, or a proposed change to a published project.

    It is saved step by step as a draft, reached by a signed link (no login). Once the submitter has confirmed
    the e-mail address it waits in the editors' queue; approving it creates or updates the published project
    (projects.services.approve_submission). The Steckbrief fields mirror those of Project; the texts are plain
    text here and become paragraphs on approval.
    """

    class Kind(models.TextChoices):
        NEW = "new", "Neues Projekt"
        CHANGE = "change", "Änderung"

    class State(models.TextChoices):
        DRAFT = "draft", "Entwurf"
        UNCONFIRMED = "unconfirmed", "E-Mail nicht bestätigt"
        PENDING = "pending", "Zur Prüfung"
        CHANGES_REQUESTED = "changes_requested", "Änderungen erbeten"
        APPROVED = "approved", "Übernommen"
        REJECTED = "rejected", "Abgelehnt"

    # States in which the submitter may still edit the form.
    EDITABLE_STATES = [State.DRAFT, State.CHANGES_REQUESTED]

    kind = models.CharField("Art", max_length=10, choices=Kind.choices, default=Kind.NEW)
    state = models.CharField("Stand", max_length=20, choices=State.choices, default=State.DRAFT)
    project = models.ForeignKey(
        Project,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="submissions",
        verbose_name="Projekt",
        help_text="Das geänderte Projekt oder das aus der Meldung angelegte.",
    )

    submitter_name = models.CharField("Name", max_length=200, blank=True)
    submitter_municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="Kommune"
    )
    submitter_organisation = models.CharField("Andere Organisation oder Dienststelle", max_length=200, blank=True)
    submitter_function = models.CharField("Funktion", max_length=200, blank=True)
    submitter_email = models.EmailField("E-Mail", blank=True)
    submitter_phone = models.CharField("Telefon", max_length=50, blank=True)

    title = models.CharField("Titel", max_length=200, blank=True)
    teaser = models.TextField("Kurzbeschreibung", max_length=600, blank=True)
    topics = models.ManyToManyField(Topic, verbose_name="Themenfelder", related_name="+", blank=True)
    form = models.CharField("Form der Zusammenarbeit", max_length=30, choices=Project.Form.choices, blank=True)
    status = models.CharField("Stand des Projekts", max_length=20, choices=Project.Status.choices, blank=True)
    start = MonthField("Beginn", null=True, blank=True)
    website = models.URLField("Website", blank=True)
    lead_municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="Hauptverantwortliche Kommune",
    )
    municipalities = models.ManyToManyField(
        Municipality, verbose_name="Weitere beteiligte Kommunen", related_name="+", blank=True
    )
    other_participants = models.TextField(
        "Weitere Beteiligte", blank=True, help_text="Organisationen, die keine Kommune in NRW sind; eine pro Zeile."
    )
    occasion = models.TextField("Anlass", max_length=5000, blank=True)
    goal = models.TextField("Ziel", max_length=5000, blank=True)
    implementation = models.TextField("Umsetzung", max_length=5000, blank=True)
    contact_name = models.CharField("Ansprechperson", max_length=200, blank=True)
    contact_function = models.CharField("Funktion der Ansprechperson", max_length=200, blank=True)
    contact_email = models.EmailField("E-Mail der Ansprechperson", blank=True)
    contact_phone = models.CharField("Telefon der Ansprechperson", max_length=50, blank=True)
    contact_consent = models.BooleanField("Kontakt veröffentlichen", default=False)

    # The furthest step of the form the submitter has reached (1–6).
    step = models.PositiveSmallIntegerField("Erreichter Schritt", default=1)
    # Signs the personal links (draft, confirmation, change link); replacing it ends them all.
    secret = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # A change begins with a single-use link by mail: opening it sets this and fills in the project's values.
    link_used_at = models.DateTimeField("Link geöffnet", null=True, blank=True, editable=False)
    # The project's values when the change began; approving applies only what the submitter changed.
    baseline = models.JSONField("Stand des Projekts bei Beginn", default=dict, blank=True, editable=False)
    consent_text = models.TextField("Einwilligung", blank=True, editable=False)

    created_at = models.DateTimeField("Angelegt", auto_now_add=True)
    updated_at = models.DateTimeField("Zuletzt bearbeitet", auto_now=True)
    submitted_at = models.DateTimeField("Abgeschickt", null=True, blank=True, editable=False)
    email_confirmed_at = models.DateTimeField("E-Mail bestätigt", null=True, blank=True, editable=False)
    decided_at = models.DateTimeField("Entschieden", null=True, blank=True, editable=False)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="Entschieden von",
        editable=False,
    )
    reason = models.TextField("Begründung der Ablehnung", blank=True)
    editor_message = models.TextField("Bitte der Redaktion", blank=True)

    objects = SubmissionQuerySet.as_manager()

    class Meta:
        verbose_name = "Meldung"
        verbose_name_plural = "Meldungen"
        ordering = [models.F("submitted_at").desc(nulls_last=True), "-created_at"]
        indexes = [models.Index(fields=["state", "-submitted_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="new") | Q(project__isnull=False),
                name="submission_change_has_project",
                violation_error_message="Eine Änderung gehört zu einem Projekt.",
            ),
            models.CheckConstraint(
                condition=~Q(state__in=["pending", "approved"]) | Q(email_confirmed_at__isnull=False),
                name="submission_queued_when_confirmed",
                violation_error_message="Erst nach der Bestätigung der E-Mail-Adresse kommt eine Meldung zur Prüfung.",
            ),
            models.CheckConstraint(
                condition=~Q(state="approved") | Q(project__isnull=False),
                name="submission_approved_has_project",
                violation_error_message="Eine übernommene Meldung gehört zu einem Projekt.",
            ),
            models.CheckConstraint(
                condition=~Q(state="rejected") | ~Q(reason=""),
                name="submission_rejected_with_reason",
                violation_error_message="Bitte begründen Sie die Ablehnung.",
            ),
            models.CheckConstraint(
                condition=~Q(state="changes_requested") | ~Q(editor_message=""),
                name="submission_changes_requested_with_message",
                violation_error_message="Bitte schreiben Sie, was geändert werden soll.",
            ),
        ]

    def __str__(self):
        title = self.title or "(noch ohne Titel)"
        return f"Änderung: {title}" if self.kind == self.Kind.CHANGE else title

    @property
    def is_editable(self) -> bool:
        return self.state in self.EDITABLE_STATES

    @property
    def is_change(self) -> bool:
        return self.kind == self.Kind.CHANGE

    @property
    def hidden_fields(self) -> list[str]:
        """The project's fields a change began without: its contact, when the page does not publish it and
        someone else asked for the link (projects.services.open_change_link)."""
        return self.baseline.get("hidden_fields", []) if self.is_change else []

    @property
    def submitter_organisation_name(self) -> str:
        if self.submitter_municipality_id:
            return self.submitter_municipality.name
        return self.submitter_organisation

    @property
    def from_project_contact(self) -> bool:
        """Whether the change comes from the address the project names as its contact."""
        return bool(
            self.project_id
            and self.project.contact_email
            and self.project.contact_email.lower() == self.submitter_email.lower()
        )

    @property
    def other_participant_names(self) -> list[str]:
        names = (line.strip() for line in self.other_participants.splitlines())
        return list(dict.fromkeys(name for name in names if name))


def submission_file_path(instance, filename):
    return f"meldungen/{instance.submission_id}/{filename}"


class SubmissionFile(models.Model):
    """A document or picture sent with a submission; kept outside the public media until it is approved."""

    class Kind(models.TextChoices):
        DOCUMENT = "document", "Dokument"
        IMAGE = "image", "Bild"

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="files")
    kind = models.CharField("Art", max_length=10, choices=Kind.choices)
    # Emptied once the file has been copied to the published document or picture.
    file = models.FileField("Datei", storage=ProtectedStorage(), upload_to=submission_file_path, blank=True)
    file_name = models.CharField("Dateiname", max_length=120)
    content_type = models.CharField("Dateityp", max_length=120)
    size = models.PositiveBigIntegerField("Größe in Bytes")
    title = models.CharField("Titel des Dokuments", max_length=300, blank=True)
    document_kind = models.CharField(
        "Art des Dokuments", max_length=30, choices=Document.Kind.choices, default=Document.Kind.OTHER
    )
    alt_text = models.CharField(
        "Alternativtext", max_length=300, blank=True, help_text="Was auf dem Bild zu sehen ist."
    )
    credit = models.CharField("Bildnachweis", max_length=200, blank=True)
    document = models.ForeignKey(
        Document, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    image = models.ForeignKey(
        ProjectImage, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    created_at = models.DateTimeField("Hochgeladen", auto_now_add=True)

    class Meta:
        verbose_name = "Datei einer Meldung"
        verbose_name_plural = "Dateien der Meldung"
        ordering = ["submission", "kind", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="document") | ~Q(title=""),
                name="submission_document_has_title",
                violation_error_message="Ein Dokument braucht einen Titel.",
            ),
            models.CheckConstraint(
                condition=~Q(kind="image") | ~Q(alt_text=""),
                name="submission_image_has_alt_text",
                violation_error_message="Ein Bild braucht einen Alternativtext.",
            ),
        ]

    def __str__(self):
        return self.title or self.alt_text or self.file_name

    @property
    def is_image(self) -> bool:
        return self.kind == self.Kind.IMAGE

    @property
    def label(self) -> str:
        """The file type as people know it: "PDF", "PNG" …"""
        return self.file_name.rsplit(".", 1)[-1].upper() if "." in self.file_name else ""


@receiver(post_delete, sender=SubmissionFile, dispatch_uid="delete-stored-submission-file")
def delete_stored_submission_file(sender, instance: SubmissionFile, **kwargs):
    """A deleted row takes its stored file with it, after the commit, however it is deleted: removed from a
    draft, with its submission, with the project a change was for, or in the admin."""
    if instance.file:
        storage, name = instance.file.storage, instance.file.name
        transaction.on_commit(lambda: storage.delete(name))
