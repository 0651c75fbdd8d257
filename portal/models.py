from django.db import models
from django.urls import reverse
from django_prose_editor.fields import ProseEditorField, create_sanitizer

from portal.querysets import OutgoingMailQuerySet, PageQuerySet

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
