"""Load the demo content of the portal (idempotent: running it again changes nothing).

Existing records are never overwritten, so editors' changes survive. Each app adds its own
demo content to DEMO_LOADERS as its issue lands.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from portal.demo import create_missing_pages
from portal.models import Page

# (label, function returning the number of records created)
DEMO_LOADERS = [
    ("Seiten", lambda: create_missing_pages(Page)),
]


class Command(BaseCommand):
    help = "Lädt die Demo-Inhalte des Portals; bereits vorhandene Einträge bleiben unverändert."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Nur anzeigen, was angelegt würde.")

    def handle(self, *args, dry_run=False, verbosity=1, **options):
        with transaction.atomic():
            for label, loader in DEMO_LOADERS:
                created = loader()
                if verbosity >= 1:
                    self.stdout.write(f"{label}: {created} neu angelegt")
            if dry_run:
                transaction.set_rollback(True)
                self.stdout.write("Probelauf: nichts gespeichert.")
