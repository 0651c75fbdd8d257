from django import forms
from django.utils.functional import lazy

from events.models import EventDate
from events.services import consent_text
from portal.forms import with_privacy_link
from portal.forms_rendering import KernFormMixin, PlainSelect
from portal.models import Municipality
from portal.spam import SpamProtectedForm


def _municipalities():
    # The Kommunen people come from: Gemeinden, Kreise and the Landschaftsverbände (not the Bezirke).
    return Municipality.objects.exclude(kind=Municipality.Kind.REGIERUNGSBEZIRK).only("pk", "short_name").by_name()


class RegistrationForm(SpamProtectedForm):
    """The registration for one date of an event; `dates` are the dates that take registrations now."""

    date = forms.ModelChoiceField(
        label="Termin",
        queryset=EventDate.objects.none(),
        empty_label=None,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Bitte wählen Sie einen Termin.",
            "invalid_choice": "Für diesen Termin ist keine Anmeldung (mehr) möglich. Bitte wählen Sie einen anderen.",
        },
    )
    name = forms.CharField(
        label="Ihr Name", max_length=200, error_messages={"required": "Bitte geben Sie Ihren Namen ein."}
    )
    email = forms.EmailField(
        label="Ihre E-Mail-Adresse",
        max_length=254,
        help_text="Dorthin schicken wir den Link zum Bestätigen Ihrer Anmeldung.",
        error_messages={
            "required": "Bitte geben Sie Ihre E-Mail-Adresse ein.",
            "invalid": "Bitte geben Sie eine gültige E-Mail-Adresse ein, z. B. name@kommune.de.",
        },
    )
    municipality = forms.ModelChoiceField(
        label="Ihre Kommune",
        queryset=_municipalities(),
        required=False,
        empty_label="– keine Kommune in NRW –",
        widget=PlainSelect,
        help_text="Wenn Sie für eine Stadt, eine Gemeinde oder einen Kreis in Nordrhein-Westfalen kommen.",
        error_messages={"invalid_choice": "Diese Kommune gibt es nicht. Bitte wählen Sie aus der Liste."},
    )
    organisation = forms.CharField(
        label="Andere Organisation oder Dienststelle",
        max_length=200,
        required=False,
        help_text="Wenn Sie nicht für eine Kommune kommen (z. B. Ministerium, Verband, Hochschule), "
        "oder um Ihr Amt zu nennen.",
    )
    function = forms.CharField(
        label="Ihre Funktion",
        max_length=200,
        help_text="z. B. Kämmerin, Leiter des Bauhofs, Referentin für Digitalisierung",
        error_messages={"required": "Bitte nennen Sie Ihre Funktion."},
    )
    notes = forms.CharField(
        label="Hinweise für uns",
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Was brauchen Sie, um gut teilnehmen zu können? Zum Beispiel einen stufenlosen Zugang, "
        "Gebärdensprachdolmetschung oder vegetarisches Essen.",
        error_messages={"max_length": "Bitte fassen Sie sich kürzer: höchstens %(limit_value)d Zeichen."},
    )
    # A short label (it names the field in the error summary); the text agreed to describes the checkbox.
    consent = forms.BooleanField(
        label="Einwilligung in die Datenverarbeitung",
        help_text=lazy(lambda: with_privacy_link(consent_text()), str)(),
        error_messages={"required": "Bitte stimmen Sie zu, damit wir Ihre Anmeldung bearbeiten dürfen."},
    )

    field_order = ["date", "name", "email", "municipality", "organisation", "function", "notes", "consent"]

    def __init__(self, *args, dates, **kwargs):
        super().__init__(*args, **kwargs)
        self.dates = list(dates)
        self.fields["date"].queryset = EventDate.objects.filter(pk__in=[date.pk for date in self.dates])
        if len(self.dates) == 1:
            self.initial.setdefault("date", self.dates[0].pk)
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["organisation"].widget.attrs["autocomplete"] = "organization"
        self.fields["function"].widget.attrs["autocomplete"] = "organization-title"

    def clean(self):
        cleaned_data = super().clean()
        neither = not cleaned_data.get("municipality") and not cleaned_data.get("organisation")
        if neither and "municipality" not in self.errors:
            self.add_error("municipality", "Bitte wählen Sie Ihre Kommune oder nennen Sie Ihre Organisation.")
        return cleaned_data

    @property
    def selected_date(self) -> str:
        """The chosen date's id as the radio buttons compare it (kept after an error)."""
        value = self["date"].value()
        return str(value) if value not in (None, "") else ""


class ParticipantMessageForm(KernFormMixin, forms.Form):
    subject = forms.CharField(label="Betreff", max_length=200)
    body = forms.CharField(
        label="Nachricht",
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text="Reiner Text. Anrede, Termin und der Link zum Absagen werden automatisch ergänzt.",
    )
    with_dial_in = forms.BooleanField(
        label="Zugangsdaten mitsenden",
        required=False,
        help_text="Die Zugangsdaten des Online-Termins und der Kalendereintrag (termin.ics) gehen mit.",
    )

    def __init__(self, *args, online: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not online:
            del self.fields["with_dial_in"]


class CancellationForm(KernFormMixin, forms.Form):
    note = forms.CharField(
        label="Hinweis zur Absage",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Steht in der E-Mail an alle Angemeldeten und, bei einer Veranstaltung, auf ihrer Seite.",
        error_messages={"required": "Bitte schreiben Sie den Angemeldeten kurz, warum abgesagt wird."},
    )
