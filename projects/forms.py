import datetime

from django import forms
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.functional import lazy
from django.utils.html import format_html

from portal.forms_rendering import KernFormMixin, PlainSelect
from portal.models import Municipality
from portal.spam import SpamProtectedForm
from projects import services
from projects.models import Topic

# Partnersuche ---------------------------------------------------------------------------------------

PARTNER_TOPICS_MAX = 3
PARTNER_HEADLINE_PREFIX = "wir suchen partner für "


def _partner_consent_description() -> str:
    return format_html(
        '{} Mehr dazu in der <a class="kern-link" href="{}">Datenschutzerklärung</a>.',
        services.partner_consent_text(),
        reverse("portal:page", kwargs={"slug": "datenschutz"}),
    )


def _date_text(day) -> str:
    return formats.date_format(day, "j. F Y")


class ExpiryDateInput(forms.DateInput):
    """The browser's date picker; without it (old browsers) a text field that also takes 31.05.2027."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


def _expiry_field(**kwargs) -> forms.DateField:
    return forms.DateField(
        widget=ExpiryDateInput,
        error_messages={
            "required": "Bitte geben Sie an, bis wann Sie Partner suchen.",
            "invalid": "Bitte geben Sie ein Datum ein, z. B. 31.05.2027.",
        },
        **kwargs,
    )


class PartnerRequestForm(SpamProtectedForm):
    """A Kommune's "Wir suchen Partner für …" (public, then confirmed by mail and checked by the editors)."""

    municipality = forms.ModelChoiceField(
        label="Ihre Kommune",
        queryset=Municipality.objects.exclude(kind=Municipality.Kind.REGIERUNGSBEZIRK)
        .only("pk", "short_name")
        .by_name(),
        empty_label="– bitte wählen –",
        widget=PlainSelect,
        help_text="Die Stadt, die Gemeinde oder der Kreis, für die oder den Sie Partner suchen.",
        error_messages={
            "required": "Bitte wählen Sie Ihre Kommune.",
            "invalid_choice": "Diese Kommune gibt es nicht. Bitte wählen Sie aus der Liste.",
        },
    )
    title = forms.CharField(
        label="Wir suchen Partner für …",
        max_length=160,
        help_text="Ergänzen Sie den Satz, z. B. „einen gemeinsamen Bauhof“ oder „die Ausbildung in der "
        "Steuerverwaltung“.",
        error_messages={
            "required": "Bitte ergänzen Sie, wofür Sie Partner suchen.",
            "max_length": "Bitte fassen Sie sich kürzer: höchstens %(limit_value)d Zeichen.",
        },
    )
    topics = forms.ModelMultipleChoiceField(
        label="Themenfelder",
        queryset=Topic.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        help_text=f"Eines bis {PARTNER_TOPICS_MAX}: Danach filtern Interessierte die Liste.",
        error_messages={
            "required": "Bitte wählen Sie mindestens ein Themenfeld.",
            "invalid_choice": "Dieses Themenfeld gibt es nicht. Bitte wählen Sie aus der Liste.",
            "invalid_pk_value": "Dieses Themenfeld gibt es nicht. Bitte wählen Sie aus der Liste.",
        },
    )
    region = forms.ChoiceField(
        label="Wo suchen Sie Partner?",
        required=False,
        help_text="Ein Regierungsbezirk oder Kreis; ohne Auswahl in ganz Nordrhein-Westfalen.",
        error_messages={"invalid_choice": "Diese Region gibt es nicht. Bitte wählen Sie aus der Liste."},
    )
    description = forms.CharField(
        label="Beschreibung",
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="Was haben Sie vor, was bringen Sie mit, und wen suchen Sie? Zum Beispiel Aufgabe, Größe, "
        "Zeitplan, Form der Zusammenarbeit.",
        error_messages={
            "required": "Bitte beschreiben Sie kurz Ihr Vorhaben.",
            "max_length": "Bitte fassen Sie sich kürzer: höchstens %(limit_value)d Zeichen.",
        },
    )
    contact_name = forms.CharField(
        label="Name",
        max_length=200,
        help_text="Steht mit E-Mail-Adresse und Telefon auf der Seite der Partnersuche.",
        error_messages={"required": "Bitte nennen Sie eine Ansprechperson."},
    )
    contact_function = forms.CharField(
        label="Funktion", max_length=200, required=False, help_text="z. B. Kämmerin, Leiter des Bauamts"
    )
    contact_email = forms.EmailField(
        label="E-Mail-Adresse",
        max_length=254,
        help_text="Dorthin schicken wir den Link, mit dem Sie die Partnersuche bestätigen.",
        error_messages={
            "required": "Bitte geben Sie eine E-Mail-Adresse ein.",
            "invalid": "Bitte geben Sie eine gültige E-Mail-Adresse ein, z. B. name@kommune.de.",
        },
    )
    contact_phone = forms.CharField(label="Telefon", max_length=50, required=False)
    expires_on = _expiry_field(
        label="Gesucht bis",
        help_text="Höchstens 12 Monate. Eine Woche vorher erinnern wir Sie; dann können Sie verlängern.",
    )
    consent = forms.BooleanField(
        label="Einwilligung in die Veröffentlichung",
        help_text=lazy(_partner_consent_description, str)(),
        error_messages={"required": "Bitte stimmen Sie zu, damit wir Ihre Partnersuche veröffentlichen dürfen."},
    )

    field_order = [
        "municipality",
        "title",
        "topics",
        "region",
        "description",
        "contact_name",
        "contact_function",
        "contact_email",
        "contact_phone",
        "expires_on",
        "consent",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.initial.setdefault("expires_on", services.add_months(today, 6))
        areas = list(
            Municipality.objects.filter(kind__in=[Municipality.Kind.REGIERUNGSBEZIRK, Municipality.Kind.KREIS])
            .only("slug", "short_name", "kind")
            .by_name()
        )
        self.regions = {area.slug: area for area in areas}
        self.fields["region"].choices = [
            ("", "In ganz Nordrhein-Westfalen"),
            (
                "Regierungsbezirke",
                [(a.slug, a.short_name) for a in areas if a.kind == Municipality.Kind.REGIERUNGSBEZIRK],
            ),
            ("Kreise", [(a.slug, a.short_name) for a in areas if a.kind == Municipality.Kind.KREIS]),
        ]
        latest = services.latest_partner_expiry(today)
        tomorrow = today + datetime.timedelta(days=1)
        self.fields["expires_on"].widget.attrs.update({"min": tomorrow.isoformat(), "max": latest.isoformat()})
        self.fields["contact_name"].widget.attrs["autocomplete"] = "name"
        self.fields["contact_function"].widget.attrs["autocomplete"] = "organization-title"
        self.fields["contact_email"].widget.attrs["autocomplete"] = "email"
        self.fields["contact_phone"].widget.attrs["autocomplete"] = "tel"

    def clean_title(self):
        title = " ".join(self.cleaned_data["title"].split()).rstrip(".")
        # Whoever types the whole sentence gets it once, not twice.
        if title.lower().startswith(PARTNER_HEADLINE_PREFIX):
            title = title[len(PARTNER_HEADLINE_PREFIX) :].strip()
        if not title:
            raise forms.ValidationError("Bitte ergänzen Sie, wofür Sie Partner suchen.")
        return title

    def clean_topics(self):
        topics = self.cleaned_data["topics"]
        if len(topics) > PARTNER_TOPICS_MAX:
            raise forms.ValidationError(f"Bitte wählen Sie höchstens {PARTNER_TOPICS_MAX} Themenfelder.")
        return topics

    def clean_region(self):
        slug = self.cleaned_data["region"]
        return self.regions[slug] if slug else None

    def clean_expires_on(self):
        return clean_expiry(self.cleaned_data["expires_on"])

    def create(self):
        data = self.cleaned_data
        return services.create_partner_request(
            municipality=data["municipality"],
            title=data["title"],
            topics=data["topics"],
            region=data["region"],
            description=data["description"],
            contact_name=data["contact_name"],
            contact_function=data["contact_function"],
            contact_email=data["contact_email"],
            contact_phone=data["contact_phone"],
            expires_on=data["expires_on"],
        )


def clean_expiry(day, *, after=None):
    """A date after today (and after `after`, the current expiry) and at most 12 months ahead."""
    today = timezone.localdate()
    latest = services.latest_partner_expiry(today)
    earliest = max(today, after) if after else today
    if day <= earliest:
        if after and after >= today:
            raise forms.ValidationError(f"Bitte wählen Sie ein Datum nach dem {_date_text(after)}.")
        raise forms.ValidationError("Bitte wählen Sie ein Datum in der Zukunft.")
    if day > latest:
        raise forms.ValidationError(f"Höchstens 12 Monate im Voraus: spätestens am {_date_text(latest)}.")
    return day


class PartnerRequestExtendForm(KernFormMixin, forms.Form):
    """The sender keeps the request on the site longer."""

    expires_on = _expiry_field(label="Neues Datum: gesucht bis", help_text="Höchstens 12 Monate ab heute.")

    def __init__(self, *args, partner_request, **kwargs):
        super().__init__(*args, **kwargs)
        self.partner_request = partner_request
        today = timezone.localdate()
        latest = services.latest_partner_expiry(today)
        self.initial.setdefault(
            "expires_on", min(services.add_months(max(partner_request.expires_on, today), 3), latest)
        )
        earliest = max(today, partner_request.expires_on) + datetime.timedelta(days=1)
        self.fields["expires_on"].widget.attrs.update({"min": earliest.isoformat(), "max": latest.isoformat()})

    def clean_expires_on(self):
        return clean_expiry(self.cleaned_data["expires_on"], after=self.partner_request.expires_on)


class PartnerRequestRejectForm(KernFormMixin, forms.Form):
    """The editors' reason for refusing a request; it goes to the sender as written."""

    reason = forms.CharField(
        label="Begründung für die Kommune",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Steht so in der E-Mail an die Ansprechperson.",
        error_messages={"required": "Bitte begründen Sie die Ablehnung; die Kommune erfährt sie per E-Mail."},
    )
