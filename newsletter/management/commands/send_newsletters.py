"""Start the newsletter issues whose scheduled time has come, and resume sendings that stopped.

Run by cron every five minutes (see README). A sending stops when the task worker was down or lost its
task; its pending deliveries are then sent, nobody twice. With --foreground the batches run in this
process instead of on the worker, until nothing is due (a server without a worker; the crash test).
"""

from django.core.management.base import BaseCommand
from django.utils import formats, timezone

from newsletter import services
from newsletter.models import Issue


class Command(BaseCommand):
    help = "Startet geplante Newsletter-Ausgaben und setzt unterbrochene Versände fort."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Nur anzeigen, was gestartet würde.")
        parser.add_argument(
            "--foreground", action="store_true", help="Im eigenen Prozess senden, bis nichts mehr fällig ist."
        )
        parser.add_argument("--issue", type=int, help="Nur diese Ausgabe (ID); mit --foreground auch ohne Stillstand.")

    def handle(self, *args, dry_run=False, foreground=False, issue=None, verbosity=1, **options):
        self.verbosity = verbosity
        now = timezone.now()
        due = Issue.objects.due(now)
        if issue is not None:
            due = due.filter(pk=issue)
        if dry_run:
            for item in due:
                self.say(f"{item}: würde jetzt gestartet (geplant für {self.time(item.scheduled_at)}).")
            for item in self.to_resume(issue, foreground):
                self.say(f"{item}: Versand würde fortgesetzt.")
            return
        for item, error in services.start_due_issues(now=now, enqueue=not foreground):
            if error:
                self.stderr.write(f"{item}: konnte nicht starten: {error}")
            else:
                self.say(f"{item}: Versand an {item.recipients_count} Abonnentinnen und Abonnenten gestartet.")
        for item in self.to_resume(issue, foreground):
            if foreground:
                self.send(item)
            else:
                services.enqueue_sending(issue_id=item.pk)
                self.say(f"{item}: Versand wird fortgesetzt.")

    def to_resume(self, issue, foreground):
        """Stalled sendings; in the foreground every sending (or the one asked for)."""
        sending = Issue.objects.filter(status=Issue.Status.SENDING)
        if issue is not None:
            sending = sending.filter(pk=issue)
        return sending if foreground else sending.stalled(services.STALLED_MINUTES)

    def send(self, issue):
        totals, next_at = services.send_until_done(issue_id=issue.pk)
        text = f"{issue}: {totals.sent} gesendet, {totals.failed} fehlgeschlagen, {totals.skipped} übersprungen"
        if next_at is not None:
            text += f"; {totals.retrying} neue(r) Versuch(e), der nächste ab {self.time(next_at)}"
        else:
            text += "; Versand abgeschlossen"
        self.say(text + ".")

    def say(self, text):
        if self.verbosity >= 1:
            self.stdout.write(text)

    @staticmethod
    def time(moment):
        return formats.date_format(timezone.localtime(moment), "d.m.Y H:i")
