"""Remove the personal data of event registrations after the retention period (run daily by cron).

Registrations of dates that ended more than EVENT_REGISTRATION_RETENTION_DAYS ago lose name, address,
organisation, function and notes; status, Kommune and check-in stay, so the counts per date remain.
The events' mail log is kept for the same period, and unconfirmed registrations for a week.
"""

from django.conf import settings
from django.core.management.base import BaseCommand

from events.services import CONFIRMATION_DAYS, anonymise_registrations


class Command(BaseCommand):
    help = "Anonymisiert Anmeldungen vergangener Veranstaltungen nach der Aufbewahrungsfrist; die Zahlen bleiben."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=settings.EVENT_REGISTRATION_RETENTION_DAYS,
            help=f"Tage nach dem Termin (Voreinstellung: EVENT_REGISTRATION_RETENTION_DAYS = "
            f"{settings.EVENT_REGISTRATION_RETENTION_DAYS}).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Nur zählen, nichts ändern.")

    def handle(self, *args, days, dry_run=False, verbosity=1, **options):
        result = anonymise_registrations(retention_days=days, dry_run=dry_run)
        if verbosity >= 1:
            would = "würden " if dry_run else ""
            self.stdout.write(
                f"Anmeldungen zu Terminen, die vor mehr als {days} Tagen endeten: {result['anonymised']} "
                f"{would}anonymisiert"
            )
            self.stdout.write(f"E-Mails dazu älter als {days} Tage: {result['mails']} {would}gelöscht")
            self.stdout.write(
                f"Unbestätigte Anmeldungen älter als {CONFIRMATION_DAYS} Tage: {result['unconfirmed']} {would}gelöscht"
            )
