"""Delete newsletter addresses that are no longer needed (run daily by cron).

- Sign-ups not confirmed within 7 days: without confirmation there is no consent, so the address must
  not be kept.
- Addresses unsubscribed longer than NEWSLETTER_UNSUBSCRIBED_RETENTION_DAYS ago (three years by
  default): until then they are kept as proof of the consent for the issues sent to them.
"""

from django.conf import settings
from django.core.management.base import BaseCommand

from newsletter.services import CONFIRMATION_DAYS, delete_old_unsubscriptions, delete_unconfirmed_subscriptions


class Command(BaseCommand):
    help = (
        "Löscht Newsletter-Anmeldungen, die nicht innerhalb von 7 Tagen bestätigt wurden, und abgemeldete "
        "Adressen nach Ablauf der Aufbewahrungsfrist."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Nur zählen, nichts löschen.")

    def handle(self, *args, dry_run=False, verbosity=1, **options):
        retention = settings.NEWSLETTER_UNSUBSCRIBED_RETENTION_DAYS
        unconfirmed = delete_unconfirmed_subscriptions(days=CONFIRMATION_DAYS, dry_run=dry_run)
        unsubscribed = delete_old_unsubscriptions(days=retention, dry_run=dry_run)
        if verbosity >= 1:
            verb = "würden gelöscht" if dry_run else "gelöscht"
            self.stdout.write(f"Unbestätigte Anmeldungen älter als {CONFIRMATION_DAYS} Tage: {unconfirmed} {verb}")
            self.stdout.write(f"Abmeldungen älter als {retention} Tage: {unsubscribed} {verb}")
