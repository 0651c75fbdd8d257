"""Spam protection for public forms, without third-party services.

Three layers: a honeypot field people never see, a minimum time between showing the form and
sending it, and a rate limit per client (a hash of the address, kept only in the cache).
"""

import hashlib
import time

from django import forms
from django.conf import settings
from django.core import signing
from django.core.cache import cache

from portal.forms_rendering import KernFormMixin

_SALT = "portal.spam.rendered-at"


class SpamProtectedForm(KernFormMixin, forms.Form):
    """A form with a honeypot and a signed render time. Subclass it for every public form."""

    # Named like a field bots love to fill; hidden from people by CSS and from screen readers.
    website = forms.CharField(required=False, label="Bitte lassen Sie dieses Feld leer")
    rendered_at = forms.CharField(required=False, widget=forms.HiddenInput)

    min_fill_message = (
        "Das ging sehr schnell. Bitte prüfen Sie Ihre Angaben und senden Sie das Formular noch einmal ab."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["website"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})
        # A fresh time stamp on every rendering, also after a failed attempt.
        self.initial["rendered_at"] = signing.dumps(time.time(), salt=_SALT)

    def clean(self):
        cleaned = super().clean()
        submitted_stamp = self.data.get("rendered_at", "")
        # Should the form be shown again, it carries a fresh stamp, not the one just sent.
        self.data = self.data.copy()
        self.data["rendered_at"] = self.initial["rendered_at"]
        if cleaned.get("website"):
            raise forms.ValidationError("Ihre Nachricht konnte nicht angenommen werden.", code="honeypot")
        try:
            rendered_at = float(signing.loads(submitted_stamp, salt=_SALT, max_age=86400))
        except (signing.BadSignature, TypeError, ValueError):
            raise forms.ValidationError(
                "Das Formular ist abgelaufen. Bitte senden Sie es noch einmal ab.", code="expired"
            ) from None
        if time.time() - rendered_at < settings.FORM_MIN_FILL_SECONDS:
            raise forms.ValidationError(self.min_fill_message, code="too_fast")
        return cleaned


def client_ip(request) -> str:
    """The visitor's address, also behind the proxies named by TRUSTED_PROXY_COUNT.

    Each trusted proxy appends the address it received the request from to X-Forwarded-For, so
    the visitor's address stands that many places from the right; anything further left could
    be forged by the client. Also used by django-axes for the admin login lockout.
    """
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def client_key(request) -> str:
    """A short hash of the client address: enough to count, not enough to identify anyone."""
    address = client_ip(request)
    return hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()[:32]


def rate_limited(request, scope: str, *, limit: tuple[int, int] | None = None) -> bool:
    """Count one submission of `scope` for this client; True when over the limit.

    `limit` is (submissions, seconds); FORM_RATE_LIMIT unless the form needs its own.
    """
    limit, period = limit or settings.FORM_RATE_LIMIT
    key = f"ratelimit:{scope}:{client_key(request)}"
    cache.add(key, 0, timeout=period)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=period)
        count = 1
    return count > limit
