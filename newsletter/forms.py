from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.html import format_html, strip_tags

from newsletter.models import Block
from newsletter.services import CONSENT_TEXT
from portal.spam import SpamProtectedForm
from portal.uploads import validate_image


class SubscribeForm(SpamProtectedForm):
    email = forms.EmailField(
        label="Ihre E-Mail-Adresse",
        max_length=254,
        error_messages={
            "required": "Bitte geben Sie Ihre E-Mail-Adresse ein.",
            "invalid": "Bitte geben Sie eine gültige E-Mail-Adresse ein, z. B. name@kommune.de.",
        },
    )
    name = forms.CharField(label="Ihr Name", max_length=200, required=False)
    organisation = forms.CharField(label="Kommune oder Organisation", max_length=200, required=False)
    consent = forms.BooleanField(
        label=CONSENT_TEXT,
        help_text=lazy(format_html, str)(
            'Mehr dazu in der <a class="kern-link" href="{}">Datenschutzerklärung</a>.',
            reverse_lazy("portal:page", kwargs={"slug": "datenschutz"}),
        ),
        error_messages={"required": "Bitte stimmen Sie zu, damit wir Ihnen den Newsletter schicken dürfen."},
    )

    field_order = ["email", "name", "organisation", "consent"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["organisation"].widget.attrs["autocomplete"] = "organization"


BLOCK_CONTENT_FIELDS = [
    "heading",
    "text",
    "project",
    "event",
    "link_label",
    "url",
    "image",
    "alt_text",
    "caption",
    "credit",
]


class BlockForm(forms.ModelForm):
    """A block in the issue's admin: the fields its kind needs are required (German messages next to the
    field), the others are emptied; pictures are checked by their content."""

    REQUIRED = {
        Block.Kind.TEXT: {"text": "Bitte schreiben Sie den Text."},
        Block.Kind.PROJECT: {"project": "Bitte wählen Sie das Projekt."},
        Block.Kind.EVENT: {"event": "Bitte wählen Sie die Veranstaltung."},
        Block.Kind.LANDESPREIS: {
            "heading": "Bitte geben Sie eine Überschrift ein.",
            "text": "Bitte schreiben Sie ein paar Sätze zum Landespreis.",
        },
        Block.Kind.BUTTON: {
            "link_label": "Bitte beschriften Sie den Button.",
            "url": "Bitte geben Sie an, wohin der Button führt.",
        },
        Block.Kind.IMAGE: {
            "image": "Bitte laden Sie ein Bild hoch.",
            "alt_text": "Bitte beschreiben Sie, was auf dem Bild zu sehen ist (Alternativtext).",
        },
    }

    class Meta:
        model = Block
        fields = ["position", "kind", *BLOCK_CONTENT_FIELDS]

    def clean_image(self):
        image = self.cleaned_data.get("image")
        if isinstance(image, UploadedFile):
            validate_image(image, max_bytes=settings.IMAGE_MAX_BYTES)
            self.instance.rendition = ""  # made anew on saving
        return image

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        if kind not in Block.FIELDS:
            return cleaned
        if kind == Block.Kind.LANDESPREIS:
            cleaned["url"] = cleaned.get("url") or Block.LANDESPREIS_URL
            cleaned["link_label"] = cleaned.get("link_label") or Block.LANDESPREIS_LINK_LABEL
        for name, message in self.REQUIRED[kind].items():
            value = cleaned.get(name)
            empty = not strip_tags(value or "").strip() if name == "text" else not value
            if empty and name not in self.errors:
                self.add_error(name, message)
        # What the kind does not use is emptied, so that changing the kind leaves nothing behind.
        for name in set(BLOCK_CONTENT_FIELDS) - set(Block.FIELDS[kind]):
            if name in ("project", "event"):
                cleaned[name] = None
            elif name == "image":
                cleaned[name] = False if self.instance.image else None
                self.instance.rendition = ""
            else:
                cleaned[name] = ""
        return cleaned


class TestSendForm(forms.Form):
    email = forms.EmailField(
        label="E-Mail-Adresse für den Test",
        max_length=254,
        error_messages={
            "required": "Bitte geben Sie die Adresse ein, an die der Test gehen soll.",
            "invalid": "Bitte geben Sie eine gültige E-Mail-Adresse ein, z. B. name@kommune.de.",
        },
    )


class ScheduleForm(forms.Form):
    at = forms.DateTimeField(
        label="Versenden am",
        input_formats=["%Y-%m-%dT%H:%M", "%d.%m.%Y %H:%M"],
        widget=forms.DateTimeInput(
            attrs={"type": "datetime-local", "aria-describedby": "id_at_helptext"}, format="%Y-%m-%dT%H:%M"
        ),
        help_text="Datum und Uhrzeit (deutsche Zeit). Der Versand beginnt spätestens fünf Minuten danach.",
        error_messages={
            "required": "Bitte geben Sie Datum und Uhrzeit ein.",
            "invalid": "Bitte geben Sie Datum und Uhrzeit ein, z. B. 15.01.2027 09:00.",
        },
    )

    def clean_at(self):
        at = self.cleaned_data["at"]
        if at <= timezone.now():
            raise forms.ValidationError("Der Zeitpunkt liegt in der Vergangenheit. Bitte wählen Sie einen späteren.")
        return at
