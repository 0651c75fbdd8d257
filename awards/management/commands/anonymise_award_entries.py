"""Data protection for Landespreis entries (run daily by cron).

Drafts never submitted are deleted with their files AWARDS_DRAFT_RETENTION_DAYS after their round's deadline:
they can no longer be submitted. Entries that were submitted (also rejected ones and winners) lose contact
person, e-mail address, phone, Fachbereich and attachments AWARDS_ENTRY_RETENTION_DAYS after their round was
decided; title, category, Kommunen and texts stay, so the winners' pages and the round's record remain. Sent
Landespreis mails older than that period are deleted as well.
"""

from django.conf import settings
from django.core.management.base import BaseCommand

from awards.services import anonymise_decided_entries, delete_expired_drafts


class Command(BaseCommand):
    help = (
        "Löscht nie eingereichte Entwürfe zum Landespreis nach der Frist und anonymisiert Bewerbungen entschiedener "
        "Runden nach der Aufbewahrungsfrist (mit ihren Anhängen)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--draft-days",
            type=int,
            default=settings.AWARDS_DRAFT_RETENTION_DAYS,
            help=f"Tage nach dem Bewerbungsschluss, nach denen Entwürfe gelöscht werden (Voreinstellung: "
            f"AWARDS_DRAFT_RETENTION_DAYS = {settings.AWARDS_DRAFT_RETENTION_DAYS}).",
        )
        parser.add_argument(
            "--days",
            type=int,
            default=settings.AWARDS_ENTRY_RETENTION_DAYS,
            help=f"Tage nach der Entscheidung der Runde, nach denen Bewerbungen anonymisiert werden "
            f"(Voreinstellung: AWARDS_ENTRY_RETENTION_DAYS = {settings.AWARDS_ENTRY_RETENTION_DAYS}).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Nur zählen, nichts ändern.")

    def handle(self, *args, draft_days, days, dry_run=False, verbosity=1, **options):
        drafts = delete_expired_drafts(retention_days=draft_days, dry_run=dry_run)
        result = anonymise_decided_entries(retention_days=days, dry_run=dry_run)
        if verbosity >= 1:
            would = "würden " if dry_run else ""
            self.stdout.write(
                f"Entwürfe von Runden, deren Bewerbungsschluss mehr als {draft_days} Tage zurückliegt: {drafts} "
                f"{would}gelöscht"
            )
            self.stdout.write(
                f"Bewerbungen von Runden, die vor mehr als {days} Tagen entschieden wurden: {result.entries} "
                f"{would}anonymisiert, {result.attachments} Anhänge {would}gelöscht"
            )
            self.stdout.write(f"E-Mails zum Landespreis älter als {days} Tage: {result.mails} {would}gelöscht")
