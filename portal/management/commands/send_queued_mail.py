"""Deliver mails whose earlier attempt failed and whose retry is due, or whose task was lost.

Run by cron every few minutes (see README); the worker retries on its own as well, this
command is the safety net when the worker was down.
"""

from django.core.management.base import BaseCommand

from portal import mail
from portal.models import OutgoingMail


class Command(BaseCommand):
    help = "Sendet fällige und liegen gebliebene E-Mails erneut."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Nur zählen, nichts senden.")

    def handle(self, *args, dry_run=False, verbosity=1, **options):
        ids = list(
            (OutgoingMail.objects.due_for_retry() | OutgoingMail.objects.waiting())
            .order_by("created_at")
            .values_list("pk", flat=True)
        )
        if dry_run:
            self.stdout.write(f"{len(ids)} E-Mail(s) wären fällig.")
            return
        sent = 0
        for mail_id in ids:
            result = mail.deliver(mail_id=mail_id)
            sent += result.status == OutgoingMail.Status.SENT
            if verbosity >= 2:
                self.stdout.write(f"{result.pk}: {result.get_status_display()}")
        if verbosity >= 1:
            self.stdout.write(f"{sent} von {len(ids)} E-Mail(s) gesendet.")
