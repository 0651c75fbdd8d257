"""Load the demo content of the portal (idempotent: running it again changes nothing).

Existing records are never overwritten, so editors' changes survive. Each app adds its own
demo content to DEMO_LOADERS as its issue lands.
"""

import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import transaction
from django.test import override_settings

from awards.demo import create_demo_rounds
from events.demo import create_demo_events
from newsletter.demo import create_demo_issues
from portal.demo import create_missing_pages
from portal.demo.news import create_demo_news
from portal.demo.usage import create_demo_usage
from portal.models import Page
from projects.demo import create_demo_partner_requests, create_demo_projects

# (label, function returning the number of records created)
DEMO_LOADERS = [
    ("Seiten", lambda: create_missing_pages(Page)),
    ("Projekte und Dokumente", create_demo_projects),
    ("Partnersuchen", create_demo_partner_requests),
    ("Veranstaltungen", create_demo_events),
    ("Newsletter", create_demo_issues),
    ("Landespreis", create_demo_rounds),
    ("Nutzungszahlen (Demo)", create_demo_usage),
    ("Aktuelles", create_demo_news),
]


class Command(BaseCommand):
    help = "Lädt die Demo-Inhalte des Portals; bereits vorhandene Einträge bleiben unverändert."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Nur anzeigen, was angelegt würde.")

    def handle(self, *args, dry_run=False, verbosity=1, **options):
        if dry_run:
            # The database is rolled back; the files the loaders write go to a folder that is deleted.
            with (
                tempfile.TemporaryDirectory() as scratch,
                override_settings(MEDIA_ROOT=Path(scratch) / "media", PROTECTED_MEDIA_ROOT=Path(scratch) / "protected"),
            ):
                return self.load(dry_run=True, verbosity=verbosity)
        return self.load(dry_run=False, verbosity=verbosity)

    def load(self, *, dry_run, verbosity):
        with transaction.atomic():
            for label, loader in DEMO_LOADERS:
                created = loader()
                if verbosity >= 1:
                    self.stdout.write(f"{label}: {created} neu angelegt")
            if dry_run:
                transaction.set_rollback(True)
                self.stdout.write("Probelauf: nichts gespeichert.")
