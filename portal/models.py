from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q, Sum
from django.urls import reverse
from django.utils import timezone
from django_prose_editor.fields import ProseEditorField, create_sanitizer

from portal.querysets import MunicipalityQuerySet, NewsItemQuerySet, OutgoingMailQuerySet, PageQuerySet
from portal.uploads import validate_image

# What editors may write in rich text; the same list is what the sanitiser lets through.
RICH_TEXT_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Heading": {"levels": [2, 3, 4]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HardBreak": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto", "tel"]},
}


# For content loaded from files (demo pages), with the same allowlist as the field.
sanitize_rich_text = create_sanitizer(RICH_TEXT_EXTENSIONS)


class RichTextField(ProseEditorField):
    """A WYSIWYG field for editors whose HTML is sanitised with nh3 (an allowlist) on every save.

    Templates may therefore output it with |safe, whatever path wrote it: admin, import or shell.
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("extensions", RICH_TEXT_EXTENSIONS)
        kwargs.setdefault("sanitize", True)
        super().__init__(*args, **kwargs)

    def pre_save(self, model_instance, add):
        value = self.sanitize(getattr(model_instance, self.attname) or "")
        setattr(model_instance, self.attname, value)
        return value


class Page(models.Model):
    """An editorial page at a fixed address, e.g. Impressum or Datenschutz."""

    slug = models.SlugField("Adresse", max_length=80, unique=True, help_text="Teil der Adresse, z. B. „impressum“.")
    title = models.CharField("Titel", max_length=200)
    lead = models.TextField("Einleitung", blank=True, help_text="Ein bis zwei Sätze unter dem Titel.")
    body = RichTextField(verbose_name="Inhalt", blank=True)
    updated_at = models.DateTimeField("Zuletzt geändert", auto_now=True)

    objects = PageQuerySet.as_manager()

    class Meta:
        verbose_name = "Seite"
        verbose_name_plural = "Seiten"
        ordering = ["title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("portal:page", kwargs={"slug": self.slug})


class ContactMessage(models.Model):
    """A message from the contact form or the accessibility feedback form.

    Stored before any mail is sent, so nothing is lost when the mail server is down.
    """

    class Kind(models.TextChoices):
        CONTACT = "kontakt", "Kontakt"
        ACCESSIBILITY = "barrierefreiheit", "Barriere melden"

    kind = models.CharField("Art", max_length=20, choices=Kind.choices)
    name = models.CharField("Name", max_length=200)
    email = models.EmailField("E-Mail")
    organisation = models.CharField("Kommune oder Organisation", max_length=200, blank=True)
    subject = models.CharField("Betreff", max_length=200)
    message = models.TextField("Nachricht", max_length=5000)
    page_url = models.CharField("Betroffene Seite", max_length=500, blank=True)
    created_at = models.DateTimeField("Eingegangen", auto_now_add=True)
    handled = models.BooleanField("Erledigt", default=False)

    class Meta:
        verbose_name = "Nachricht"
        verbose_name_plural = "Nachrichten"
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.subject}"


class OutgoingMail(models.Model):
    """Every mail the portal sends, rendered and stored first, then delivered by a task."""

    class Status(models.TextChoices):
        QUEUED = "queued", "wartet"
        SENT = "sent", "gesendet"
        RETRYING = "retrying", "neuer Versuch geplant"
        FAILED = "failed", "fehlgeschlagen"

    template = models.CharField("Vorlage", max_length=100)
    to = models.JSONField("An", default=list)
    reply_to = models.JSONField("Antwort an", default=list, blank=True)
    subject = models.CharField("Betreff", max_length=300)
    body_text = models.TextField("Text")
    body_html = models.TextField("HTML", blank=True)
    headers = models.JSONField("Kopfzeilen", default=dict, blank=True)
    # [{"filename": "termin.ics", "content": "...", "mimetype": "text/calendar"}]
    attachments = models.JSONField("Anhänge", default=list, blank=True)
    status = models.CharField("Status", max_length=10, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField("Versuche", default=0)
    last_error = models.TextField("Letzter Fehler", blank=True)
    next_attempt_at = models.DateTimeField("Nächster Versuch", null=True, blank=True)
    created_at = models.DateTimeField("Erstellt", auto_now_add=True)
    sent_at = models.DateTimeField("Gesendet", null=True, blank=True)

    objects = OutgoingMailQuerySet.as_manager()

    class Meta:
        verbose_name = "Ausgehende E-Mail"
        verbose_name_plural = "Ausgehende E-Mails"
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self):
        return self.subject


def _parent(verbose_name: str, kind: str, *, related_name: str):
    """A link up the hierarchy of Kommunen; the parent cannot be deleted while it has members."""
    return models.ForeignKey(
        "self",
        verbose_name=verbose_name,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name=related_name,
        limit_choices_to={"kind": kind},
    )


class Municipality(models.Model):
    """A Kommune of NRW: Gemeinde, Stadt, Kreis, Regierungsbezirk or Landschaftsverband.

    The records, their hierarchy and their boundaries come from the BKG reference data
    (portal/data/kommunen.json, loaded by a migration and `load_municipalities`); editors correct
    names and add what the data does not hold: population, website, address.
    """

    class Kind(models.TextChoices):
        KREISFREIE_STADT = "kreisfreie_stadt", "kreisfreie Stadt"
        KREIS = "kreis", "Kreis"
        STADT = "stadt", "kreisangehörige Stadt"
        GEMEINDE = "gemeinde", "Gemeinde"
        REGIERUNGSBEZIRK = "regierungsbezirk", "Regierungsbezirk"
        LANDSCHAFTSVERBAND = "landschaftsverband", "Landschaftsverband"

    # The 396 Städte und Gemeinden; the level of the Kreise (31 Kreise and the kreisfreie Städte).
    GEMEINDE_KINDS = [Kind.KREISFREIE_STADT, Kind.STADT, Kind.GEMEINDE]
    KREIS_LEVEL_KINDS = [Kind.KREIS, Kind.KREISFREIE_STADT]

    class Spitzenverband(models.TextChoices):
        LANDKREISTAG = "landkreistag", "Landkreistag NRW"
        STAEDTETAG = "staedtetag", "Städtetag NRW"
        STGB = "stgb", "Städte- und Gemeindebund NRW"

    ags = models.CharField(
        "Amtlicher Gemeindeschlüssel",
        max_length=8,
        blank=True,
        help_text="Gemeinden 8 Stellen, Kreise und kreisfreie Städte 5, Regierungsbezirke 3.",
    )
    kind = models.CharField("Art", max_length=20, choices=Kind.choices)
    name = models.CharField("Amtlicher Name", max_length=150, help_text="Zum Beispiel „Stadt Hennef (Sieg)“.")
    short_name = models.CharField("Kurzname", max_length=100, help_text="So nennt man sie, z. B. „Hennef (Sieg)“.")
    slug = models.SlugField("Adresse im Portal", max_length=100, unique=True)
    kreis = _parent("Kreis", Kind.KREIS, related_name="gemeinden")
    regierungsbezirk = _parent("Regierungsbezirk", Kind.REGIERUNGSBEZIRK, related_name="bezirk_members")
    landschaftsverband = _parent("Landschaftsverband", Kind.LANDSCHAFTSVERBAND, related_name="verband_members")
    spitzenverband = models.CharField(
        "Kommunaler Spitzenverband", max_length=20, choices=Spitzenverband.choices, blank=True
    )
    area_km2 = models.DecimalField("Fläche in km²", max_digits=8, decimal_places=2)
    latitude = models.DecimalField("Breite des Mittelpunkts", max_digits=7, decimal_places=5)
    longitude = models.DecimalField("Länge des Mittelpunkts", max_digits=7, decimal_places=5)
    population = models.PositiveIntegerField("Einwohnerzahl", null=True, blank=True)
    population_date = models.DateField("Stand der Einwohnerzahl", null=True, blank=True)
    website = models.URLField("Website", blank=True)
    address = models.TextField("Anschrift der Verwaltung", blank=True, help_text="Zum Beispiel das Rathaus.")
    # Boundary as SVG path data and the centroid, both in the units of the NRW map (see portal/maps.py).
    shape = models.TextField("Umriss (SVG)", editable=False)
    map_x = models.PositiveSmallIntegerField(editable=False)
    map_y = models.PositiveSmallIntegerField(editable=False)
    updated_at = models.DateTimeField("Zuletzt geändert", auto_now=True)

    objects = MunicipalityQuerySet.as_manager()

    class Meta:
        verbose_name = "Kommune"
        verbose_name_plural = "Kommunen"
        ordering = ["short_name"]
        constraints = [
            models.UniqueConstraint(fields=["ags"], condition=~Q(ags=""), name="municipality_ags_unique"),
            models.CheckConstraint(
                condition=(
                    Q(kind__in=["stadt", "gemeinde"], ags__regex=r"^05[0-9]{6}$", kreis__isnull=False)
                    | Q(kind__in=["kreis", "kreisfreie_stadt"], ags__regex=r"^05[0-9]{3}$", kreis__isnull=True)
                    | Q(kind="regierungsbezirk", ags__regex=r"^05[0-9]$", kreis__isnull=True)
                    | Q(kind="landschaftsverband", ags="", kreis__isnull=True)
                ),
                name="municipality_ags_and_kreis_fit_kind",
            ),
            models.CheckConstraint(
                condition=Q(population__isnull=True, population_date__isnull=True)
                | Q(population__isnull=False, population_date__isnull=False),
                name="municipality_population_with_date",
                violation_error_message="Einwohnerzahl und Stand gehören zusammen: bitte beide angeben.",
            ),
        ]

    def __str__(self):
        return self.short_name

    def get_absolute_url(self):
        return reverse("municipalities:detail", kwargs={"slug": self.slug})

    @property
    def is_gemeinde(self):
        return self.kind in self.GEMEINDE_KINDS

    @property
    def with_preposition(self):
        """ "im Kreis Borken", "im Märkischen Kreis", "in der Städteregion Aachen": what lies inside."""
        name = self.name if self.kind == self.Kind.LANDSCHAFTSVERBAND else self.short_name
        if name.startswith("Städteregion"):
            return f"in der {name}"
        if name.endswith("er Kreis"):
            name = name.removesuffix("er Kreis") + "en Kreis"
        return f"im {name}"

    @property
    def display_name(self):
        """The name for headings: the short name, but the Landschaftsverbände in full, not "LVR"."""
        return self.name if self.kind == self.Kind.LANDSCHAFTSVERBAND else self.short_name


# --- Usage figures ---------------------------------------------------------------------------------
# Counted by portal/usage.py on the server: numbers per day, nothing that identifies a person.


class UsageQuerySet(models.QuerySet):
    def between(self, first, last):
        """The days from `first` to `last`, both included."""
        return self.filter(date__gte=first, date__lte=last)


class PageViewDayQuerySet(UsageQuerySet):
    def per_day(self) -> dict:
        """Date → page views that day."""
        return dict(self.order_by().values_list("date").annotate(n=Sum("views")))

    def top_pages(self, limit: int):
        """The most viewed addresses with their views (`total`), most first."""
        return self.order_by().values("path").annotate(total=Sum("views")).order_by("-total", "path")[:limit]


class DownloadDayQuerySet(UsageQuerySet):
    def per_day(self) -> dict:
        """Date → document downloads that day."""
        return dict(self.order_by().values_list("date").annotate(n=Sum("downloads")))

    def top_documents(self, limit: int):
        """The most downloaded documents with title, address and downloads (`total`), most first."""
        return (
            self.order_by()
            .values("document", "document__title", "document__slug")
            .annotate(total=Sum("downloads"))
            .order_by("-total", "document__title")[:limit]
        )


class PageViewDay(models.Model):
    """How often a page of the public site was viewed on one day: the only record of a page view."""

    date = models.DateField("Tag")
    path = models.CharField("Adresse", max_length=300)
    views = models.PositiveIntegerField("Aufrufe", default=0)

    objects = PageViewDayQuerySet.as_manager()

    class Meta:
        # The admin lists this model as the entry to the usage figures (portal/admin.py).
        verbose_name = "Nutzungszahl"
        verbose_name_plural = "Nutzungszahlen"
        constraints = [models.UniqueConstraint(fields=["date", "path"], name="pageviewday_once_per_day")]

    def __str__(self):
        return f"{self.date:%d.%m.%Y} {self.path}: {self.views}"


class DownloadDay(models.Model):
    """How often a document was downloaded on one day (by people; the document's own total counts every download)."""

    date = models.DateField("Tag")
    document = models.ForeignKey(
        "projects.Document", on_delete=models.CASCADE, related_name="download_days", verbose_name="Dokument"
    )
    downloads = models.PositiveIntegerField("Downloads", default=0)

    objects = DownloadDayQuerySet.as_manager()

    class Meta:
        verbose_name = "Downloads eines Tages"
        verbose_name_plural = "Downloads je Tag"
        constraints = [models.UniqueConstraint(fields=["date", "document"], name="downloadday_once_per_day")]

    def __str__(self):
        return f"{self.date:%d.%m.%Y} {self.document_id}: {self.downloads}"


class VisitorDay(models.Model):
    """The number of different visitors of one day.

    While the day runs, `salt` holds its random salt and VisitorHash one row per visitor; once the day is over,
    `portal.usage.close_past_days` adds the rows up into `visitors`, deletes them and empties the salt. From
    then on nothing links the number to anyone.
    """

    date = models.DateField("Tag", unique=True)
    visitors = models.PositiveIntegerField("Besucherinnen und Besucher", default=0)
    salt = models.CharField(max_length=64, blank=True, editable=False)
    # Made up by load_demo_data (with the page views and downloads of that day); the admin says so.
    is_demo = models.BooleanField("Demo-Daten", default=False)

    class Meta:
        verbose_name = "Besucher eines Tages"
        verbose_name_plural = "Besucher je Tag"
        constraints = [
            # A day with visitors already added up has no salt any more.
            models.CheckConstraint(condition=Q(visitors=0) | Q(salt=""), name="visitorday_counted_without_salt"),
        ]

    def __str__(self):
        return f"{self.date:%d.%m.%Y}: {self.visitors}"


class VisitorHash(models.Model):
    """One visitor of the running day: a hash of the day's salt, the address and the browser's identification.

    Neither the address nor the identification is stored; the rows live until the day is over.
    """

    date = models.DateField("Tag")
    digest = models.CharField(max_length=64)

    class Meta:
        verbose_name = "Besucher-Hash"
        verbose_name_plural = "Besucher-Hashes"
        constraints = [models.UniqueConstraint(fields=["date", "digest"], name="visitorhash_once_per_day")]

    def __str__(self):
        return f"{self.date:%d.%m.%Y}: {self.digest[:8]}…"


# --- News --------------------------------------------------------------------------------------------


def news_image_path(instance, filename):
    return f"aktuelles/{instance.published_on:%Y}/{filename}"


class NewsItem(models.Model):
    """A Kurzmeldung of "Aktuelles": written by the editors in the admin, shown at /aktuelles/<slug>/."""

    title = models.CharField("Titel", max_length=200)
    slug = models.SlugField("Adresse", max_length=200, unique=True, help_text="Teil der Adresse, aus dem Titel.")
    published_on = models.DateField(
        "Datum",
        default=timezone.localdate,
        help_text="Die Meldung erscheint ab diesem Tag, wenn sie veröffentlicht ist.",
    )
    teaser = models.TextField(
        "Kurztext", max_length=400, help_text="Zwei bis drei Sätze für die Übersicht, die Startseite und den Feed."
    )
    body = RichTextField(verbose_name="Text")
    image = models.ImageField(
        "Bild",
        upload_to=news_image_path,
        width_field="image_width",
        height_field="image_height",
        blank=True,
        help_text="JPEG, PNG oder WebP, höchstens 10 MB.",
    )
    image_width = models.PositiveIntegerField(editable=False, default=0)
    image_height = models.PositiveIntegerField(editable=False, default=0)
    # JPEG, 1200 px wide at most, made by portal.services.refresh_news_item: the page and OpenGraph show it.
    image_rendition = models.ImageField(upload_to=news_image_path, blank=True, editable=False)
    image_alt = models.CharField(
        "Alternativtext",
        max_length=300,
        blank=True,
        help_text="Was auf dem Bild zu sehen ist, für Menschen, die es nicht sehen können.",
    )
    image_credit = models.CharField("Bildnachweis", max_length=200, blank=True, help_text="z. B. © Stadt Beispiel")
    topics = models.ManyToManyField(
        "projects.Topic", verbose_name="Themenfelder", blank=True, related_name="news_items"
    )
    is_published = models.BooleanField("Veröffentlicht", default=False)
    created_at = models.DateTimeField("Erstellt", auto_now_add=True)
    updated_at = models.DateTimeField("Zuletzt geändert", auto_now=True)
    # Title, Kurztext, Themenfelder and text; kept current by portal.services.refresh_news_item.
    search_vector = SearchVectorField(null=True, editable=False)

    objects = NewsItemQuerySet.as_manager()

    class Meta:
        verbose_name = "Kurzmeldung"
        verbose_name_plural = "Kurzmeldungen"
        ordering = ["-published_on", "-created_at"]
        indexes = [GinIndex(fields=["search_vector"]), models.Index(fields=["is_published", "-published_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(image="") | ~Q(image_alt=""),
                name="newsitem_image_has_alt",
                violation_error_message="Bitte beschreiben Sie das Bild im Alternativtext.",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("news:detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        if self.image and not self.image._committed:
            try:
                validate_image(self.image.file, max_bytes=settings.IMAGE_MAX_BYTES)
            except ValidationError as error:
                raise ValidationError({"image": error.messages}) from None
        if self.image and not self.image_alt.strip():
            raise ValidationError({"image_alt": "Bitte beschreiben Sie das Bild im Alternativtext."})

    @property
    def is_visible(self) -> bool:
        """Published and its date has come."""
        return self.is_published and self.published_on <= timezone.localdate()
