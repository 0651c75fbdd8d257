"""Remind Kommunen a week before their partner request expires that they may extend it (run daily by cron).

Each request is reminded once per expiry date (extending it sets a new date, which gets its own reminder).
Expired requests need no command: they leave the lists by themselves (`PartnerRequestQuerySet.open`).
"""

from django.core.management.base import BaseCommand

from projects.services import PARTNER_REMINDER_DAYS, send_partner_reminders


class Command(BaseCommand):
    help = "Erinnert Kommunen eine Woche vor Ablauf ihrer Partnersuche per E-Mail und bietet an, sie zu verlängern."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=PARTNER_REMINDER_DAYS,
            help=f"Tage vor dem Ablauf (Voreinstellung: {PARTNER_REMINDER_DAYS}).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Nur anzeigen, wer erinnert würde.")

    def handle(self, *args, days, dry_run=False, verbosity=1, **options):
        result = send_partner_reminders(days_before=days, dry_run=dry_run)
        if verbosity >= 2:
            for partner_request in result.sent:
                self.stdout.write(f"  {partner_request} (bis {partner_request.expires_on:%d.%m.%Y})")
        if verbosity >= 1:
            verb = "würden erinnert" if dry_run else "erinnert"
            self.stdout.write(f"Partnersuchen, die in den nächsten {days} Tagen ablaufen: {len(result.sent)} {verb}")
        if result.failed:
            self.stderr.write(
                f"{len(result.failed)} E-Mail(s) konnten nicht erstellt werden (Partnersuchen {result.failed}); "
                "sie werden beim nächsten Lauf erneut versucht."
            )
