"""Delete project submissions whose personal data and files are no longer needed, with their files (run daily
by cron).

Drafts, and submissions sent back for changes, untouched for 30 days; submissions whose address was not
confirmed within 7 days; change links not opened within 3 days; approved and rejected submissions
SUBMISSION_RETENTION_DAYS (180) after the decision, and the stored mails about submissions older than that.
"""

from django.conf import settings
from django.core.management.base import BaseCommand

from projects.services import CHANGE_LINK_DAYS, CONFIRMATION_DAYS, DRAFT_RETENTION_DAYS, delete_stale_submissions


class Command(BaseCommand):
    help = (
        f"Löscht Projektmeldungen, deren Daten niemand mehr braucht: Entwürfe und zurückgegebene Meldungen nach "
        f"{DRAFT_RETENTION_DAYS} Tagen ohne Bearbeitung, unbestätigte nach {CONFIRMATION_DAYS} Tagen, ungenutzte "
        f"Änderungslinks nach {CHANGE_LINK_DAYS} Tagen, übernommene und abgelehnte (mit ihren E-Mails) "
        "SUBMISSION_RETENTION_DAYS nach der Entscheidung."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Nur zählen, nichts löschen.")

    def handle(self, *args, dry_run=False, verbosity=1, **options):
        result = delete_stale_submissions(dry_run=dry_run)
        if verbosity >= 1:
            verb = "würden gelöscht" if dry_run else "gelöscht"
            self.stdout.write(
                f"Projektmeldungen: {result.submissions} {verb}; E-Mails zu Meldungen älter als "
                f"{settings.SUBMISSION_RETENTION_DAYS} Tage: {result.mails} {verb}"
            )
