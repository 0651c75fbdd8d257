"""Delete project submissions nobody will finish, with their files (run daily by cron).

Drafts untouched for 30 days, submissions whose address was not confirmed within 7 days and change links
not opened within 3 days: they hold personal data and uploaded files that no one will use.
"""

from django.core.management.base import BaseCommand

from projects.services import CHANGE_LINK_DAYS, CONFIRMATION_DAYS, DRAFT_RETENTION_DAYS, delete_stale_submissions


class Command(BaseCommand):
    help = (
        f"Löscht Projektmeldungen, die niemand abschließt: Entwürfe nach {DRAFT_RETENTION_DAYS} Tagen ohne "
        f"Bearbeitung, unbestätigte nach {CONFIRMATION_DAYS} Tagen, ungenutzte Änderungslinks nach "
        f"{CHANGE_LINK_DAYS} Tagen."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Nur zählen, nichts löschen.")

    def handle(self, *args, dry_run=False, verbosity=1, **options):
        count = delete_stale_submissions(dry_run=dry_run)
        if verbosity >= 1:
            verb = "würden gelöscht" if dry_run else "gelöscht"
            self.stdout.write(f"Liegengebliebene Projektmeldungen: {count} {verb}")
