"""Delete the daily usage figures (page views, downloads, visitors) older than the retention period.

Run daily by cron (see README). The figures name no person; keeping them only as long as the editors
compare periods (USAGE_RETENTION_DAYS, two years by default) keeps the tables small. It also closes the
days before today: their visitor hashes are counted and deleted, their salts emptied, even when the site
had no visitor since midnight.
"""

from django.conf import settings
from django.core.management.base import BaseCommand

from portal import usage


class Command(BaseCommand):
    help = (
        "Löscht Nutzungszahlen (Seitenaufrufe, Downloads, Besucher je Tag), die älter als die Aufbewahrungsfrist sind."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=settings.USAGE_RETENTION_DAYS,
            help="Zahlen älter als so viele Tage löschen (Vorgabe: USAGE_RETENTION_DAYS).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Nur zählen, nichts löschen.")

    def handle(self, *args, days, dry_run=False, verbosity=1, **options):
        counts = usage.prune(older_than_days=days, dry_run=dry_run)
        if verbosity >= 1:
            verb = "würden gelöscht" if dry_run else "gelöscht"
            summary = ", ".join(f"{label} {count}" for label, count in counts.items())
            self.stdout.write(f"Tageszeilen älter als {days} Tage {verb}: {summary}.")
