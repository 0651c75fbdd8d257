from django import forms
from django.urls import reverse, reverse_lazy
from django.utils.functional import lazy
from django.utils.html import format_html

from portal.forms_rendering import KernFormMixin
from portal.models import ContactMessage
from portal.spam import SpamProtectedForm


def with_privacy_link(text: str) -> str:
    """A consent's text followed by the link to the Datenschutzerklärung, for the help text of its checkbox."""
    return format_html(
        '{} Mehr dazu in der <a class="kern-link" href="{}">Datenschutzerklärung</a>.',
        text,
        reverse("portal:page", kwargs={"slug": "datenschutz"}),
    )


class ContactForm(SpamProtectedForm):
    name = forms.CharField(label="Ihr Name", max_length=200)
    email = forms.EmailField(
        label="Ihre E-Mail-Adresse",
        max_length=254,
        help_text="Damit wir Ihnen antworten können.",
        error_messages={"invalid": "Bitte geben Sie eine gültige E-Mail-Adresse ein, z. B. name@kommune.de."},
    )
    organisation = forms.CharField(label="Kommune oder Organisation", max_length=200, required=False)
    subject = forms.CharField(label="Betreff", max_length=200)
    message = forms.CharField(label="Ihre Nachricht", max_length=5000, widget=forms.Textarea(attrs={"rows": 8}))
    privacy = forms.BooleanField(
        label="Ich bin einverstanden, dass meine Angaben zur Bearbeitung meiner Anfrage gespeichert werden.",
        help_text=lazy(format_html, str)(
            'Mehr dazu in der <a class="kern-link" href="{}">Datenschutzerklärung</a>.',
            reverse_lazy("portal:page", kwargs={"slug": "datenschutz"}),
        ),
        error_messages={"required": "Bitte stimmen Sie der Verarbeitung Ihrer Angaben zu."},
    )

    kind = ContactMessage.Kind.CONTACT
    field_order = ["name", "email", "organisation", "subject", "message", "privacy"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["organisation"].widget.attrs["autocomplete"] = "organization"

    def message_data(self) -> dict:
        """The cleaned values that make up the stored message."""
        fields = ["name", "email", "organisation", "subject", "message", "page_url"]
        return {name: self.cleaned_data[name] for name in fields if name in self.cleaned_data}


class AccessibilityFeedbackForm(ContactForm):
    subject = forms.CharField(
        label="Welche Barriere ist Ihnen begegnet?", max_length=200, help_text="Eine kurze Beschreibung in einer Zeile."
    )
    page_url = forms.CharField(
        label="Auf welcher Seite?",
        max_length=500,
        required=False,
        help_text="Adresse oder Name der Seite, falls bekannt.",
    )
    message = forms.CharField(
        label="Beschreibung",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Was wollten Sie tun, und was hat nicht funktioniert? Welche Hilfsmittel nutzen Sie?",
    )

    kind = ContactMessage.Kind.ACCESSIBILITY
    field_order = ["name", "email", "organisation", "subject", "page_url", "message", "privacy"]


class HiddenIfSet(forms.HiddenInput):
    """A hidden input only when it has a value: an empty one would add "typ=" to the address of every search."""

    def render(self, name, value, attrs=None, renderer=None):
        return super().render(name, value, attrs, renderer) if value else ""


class SearchForm(KernFormMixin, forms.Form):
    """The site search: the words, and the kind of content to list alone (?typ=, kept when searching again)."""

    q = forms.CharField(
        label="Suchbegriff",
        max_length=200,
        required=False,
        error_messages={"max_length": "Bitte kürzen Sie den Suchbegriff auf höchstens %(limit_value)d Zeichen."},
    )
    typ = forms.CharField(required=False, widget=HiddenIfSet)

    hide_optional_marker = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.input_type = "search"
        # The suggestions (static/js/search-suggest.js) take the place of the browser's own list.
        self.fields["q"].widget.attrs.update(
            {"autocomplete": "off", "data-search-suggest": reverse("portal:search_suggestions")}
        )

    def clean_typ(self):
        """An unknown kind (an old or mistyped link) lists every kind instead of failing."""
        from portal.search import KINDS

        kind = self.cleaned_data["typ"]
        return kind if kind in KINDS else ""
