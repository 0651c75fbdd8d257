"""Remind confirmed participants of their event date a few days before (run daily by cron).

Each registration is reminded once (the time is recorded); people who got their seat within the last
days before the date are not reminded, they have just received their confirmation.
"""

from django.conf import settings
from django.core.management.base import BaseCommand

from events.services import send_reminders


class Command(BaseCommand):
    help = "Erinnert angemeldete Teilnehmende einige Tage vor ihrem Termin per E-Mail (einmal je Anmeldung)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=settings.EVENT_REMINDER_DAYS_BEFORE,
            help=f"Tage vor dem Termin (Voreinstellung: EVENT_REMINDER_DAYS_BEFORE = "
            f"{settings.EVENT_REMINDER_DAYS_BEFORE}).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Nur zählen, keine E-Mails senden.")

    def handle(self, *args, days, dry_run=False, verbosity=1, **options):
        count = send_reminders(days_before=days, dry_run=dry_run)
        if verbosity >= 1:
            verb = "würden erinnert" if dry_run else "erinnert"
            self.stdout.write(f"Termine in den nächsten {days} Tagen: {count} Teilnehmende {verb}")
