"""Bring the Kommunen up to date with the reference data in portal/data/kommunen.json.

A migration loads the data on a fresh install; run this after regenerating the file with
portal/data/derive_municipalities.py. Boundaries, areas and the hierarchy are updated; names,
Spitzenverband, population, website and address stay as the editors left them. Idempotent.
"""

from django.core.management.base import BaseCommand

from portal.services import sync_municipalities


class Command(BaseCommand):
    help = "Gleicht die Kommunen mit den Referenzdaten (BKG) ab; Änderungen der Redaktion bleiben erhalten."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Nur anzeigen, was sich ändern würde.")

    def handle(self, *args, dry_run=False, verbosity=1, **options):
        result = sync_municipalities(dry_run=dry_run)
        if verbosity >= 1:
            self.stdout.write(
                f"Kommunen: {result.created} neu, {result.updated} aktualisiert, {result.unchanged} unverändert"
            )
            if dry_run:
                self.stdout.write("Probelauf: nichts gespeichert.")
