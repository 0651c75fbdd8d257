"""Delete Landespreis drafts that were never submitted, some time after their round's deadline (run daily by cron).

After the deadline a draft can no longer be submitted; its contact data and attachments serve no purpose. Drafts
of rounds whose deadline passed more than AWARDS_DRAFT_RETENTION_DAYS ago are deleted with their files.
Submitted entries stay: they belong to the round's record.
"""

from django.conf import settings
from django.core.management.base import BaseCommand

from awards.services import delete_expired_drafts


class Command(BaseCommand):
    help = "Löscht nie eingereichte Entwürfe zum Landespreis nach Ablauf der Frist (mit ihren Anhängen)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=settings.AWARDS_DRAFT_RETENTION_DAYS,
            help=f"Tage nach dem Bewerbungsschluss (Voreinstellung: AWARDS_DRAFT_RETENTION_DAYS = "
            f"{settings.AWARDS_DRAFT_RETENTION_DAYS}).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Nur zählen, nichts löschen.")

    def handle(self, *args, days, dry_run=False, verbosity=1, **options):
        count = delete_expired_drafts(retention_days=days, dry_run=dry_run)
        if verbosity >= 1:
            would = "würden " if dry_run else ""
            self.stdout.write(
                f"Entwürfe von Runden, deren Bewerbungsschluss mehr als {days} Tage zurückliegt: "
                f"{count} {would}gelöscht"
            )
