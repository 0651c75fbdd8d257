"""Ask the contacts of projects not confirmed for a year whether the Steckbrief is still current (run daily by cron).

One mail per contact address lists each of its projects with a link of its own (single-use), to a page where
the contact confirms with one click ("Angaben sind aktuell", recorded in the project's history) or opens the
change form, filled in. A contact who does not react is asked again after `--repeat-days` at the earliest; a
second run on the same day mails nobody. Projects without a contact address are counted, not mailed: the
editors find someone.
"""

from collections import defaultdict

from django.core.management.base import BaseCommand

from projects.services import CONFIRMATION_MONTHS, CONFIRMATION_REPEAT_DAYS, request_project_confirmations


class Command(BaseCommand):
    help = (
        "Fragt die Ansprechpersonen von Projekten, deren Angaben seit 12 Monaten niemand bestätigt hat, per E-Mail, "
        "ob der Steckbrief noch stimmt."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--months",
            type=int,
            default=CONFIRMATION_MONTHS,
            help=f"Nachfragen, wenn die letzte Bestätigung so viele Monate zurückliegt (Voreinstellung: "
            f"{CONFIRMATION_MONTHS}).",
        )
        parser.add_argument(
            "--repeat-days",
            type=int,
            default=CONFIRMATION_REPEAT_DAYS,
            help=f"Frühestens nach so vielen Tagen erneut nachfragen (Voreinstellung: {CONFIRMATION_REPEAT_DAYS}).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Nur anzeigen, wer angeschrieben würde.")

    def handle(self, *args, months, repeat_days, dry_run=False, verbosity=1, **options):
        result = request_project_confirmations(months=months, repeat_days=repeat_days, dry_run=dry_run)
        by_address = defaultdict(list)
        for project in result.sent:
            by_address[project.contact_email.strip().lower()].append(project.title)
        if verbosity >= 2:
            for address, titles in by_address.items():
                self.stdout.write(f"  {address}: {'; '.join(titles)}")
        if verbosity >= 1:
            verb = "würden angeschrieben" if dry_run else "angeschrieben"
            mails = "1 E-Mail" if len(by_address) == 1 else f"{len(by_address)} E-Mails"
            self.stdout.write(
                f"Projekte, seit {months} Monaten nicht bestätigt: {len(result.sent)} {verb} ({mails}), "
                f"{result.skipped} ohne E-Mail-Adresse der Ansprechperson"
            )
        if result.failed:
            self.stderr.write(
                f"{len(result.failed)} E-Mail(s) konnten nicht erstellt werden (Projekte {result.failed}); "
                "sie werden beim nächsten Lauf erneut versucht."
            )
