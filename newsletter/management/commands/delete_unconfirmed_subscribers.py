"""Delete newsletter sign-ups that were not confirmed within 7 days (run daily by cron).

Without confirmation there is no consent, so the address must not be kept.
"""

from django.core.management.base import BaseCommand

from newsletter.services import CONFIRMATION_DAYS, delete_unconfirmed_subscriptions


class Command(BaseCommand):
    help = "Löscht Newsletter-Anmeldungen, die nicht innerhalb von 7 Tagen bestätigt wurden."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Nur zählen, nichts löschen.")

    def handle(self, *args, dry_run=False, verbosity=1, **options):
        count = delete_unconfirmed_subscriptions(days=CONFIRMATION_DAYS, dry_run=dry_run)
        if verbosity >= 1:
            verb = "würden gelöscht" if dry_run else "gelöscht"
            self.stdout.write(f"Unbestätigte Anmeldungen älter als {CONFIRMATION_DAYS} Tage: {count} {verb}")
