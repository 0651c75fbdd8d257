from django.db import models
from django.db.models import Q

from newsletter.querysets import SubscriberQuerySet


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
