from django import forms
from django.urls import reverse_lazy
from django.utils.functional import lazy
from django.utils.html import format_html

from newsletter.services import CONSENT_TEXT
from portal.spam import SpamProtectedForm


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
