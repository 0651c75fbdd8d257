"""Delete partner requests whose data are no longer needed (run daily by cron).

Unconfirmed requests go after the 7 days their confirmation link is valid; rejected, ended and expired
requests PARTNER_REQUEST_RETENTION_DAYS (180 by default) after that happened. A request still waiting for
the editors goes when its date lies that long behind (nobody will publish it); before, it stays.
"""

from django.conf import settings
from django.core.management.base import BaseCommand

from projects.services import PARTNER_CONFIRMATION_DAYS, delete_stale_partner_requests


class Command(BaseCommand):
    help = (
        "Löscht unbestätigte sowie abgelehnte, beendete und abgelaufene (auch ungeprüfte) Partnersuchen nach Ablauf "
        "der Fristen."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Nur zählen, nichts löschen.")

    def handle(self, *args, dry_run=False, verbosity=1, **options):
        count = delete_stale_partner_requests(dry_run=dry_run)
        if verbosity >= 1:
            verb = "würden gelöscht" if dry_run else "gelöscht"
            self.stdout.write(
                f"Partnersuchen (unbestätigt seit {PARTNER_CONFIRMATION_DAYS} Tagen oder beendet seit "
                f"{settings.PARTNER_REQUEST_RETENTION_DAYS} Tagen): {count} {verb}"
            )
