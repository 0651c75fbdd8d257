"""Sending the newsletter (issue 6): messages per second and memory, printed as a table.

    .venv/bin/python bench/newsletter.py [--subscribers 50000] [--small 10000] [--tracemalloc]

Creates a throw-away database (test_interkommunales_newsletter_bench) with every migration, seeds confirmed
subscribers in one statement, starts a local SMTP server that only counts (bench/smtp_sink.py, in its own
process) and sends one issue through Django's real SMTP backend with the code the worker runs
(newsletter.services.continue_sending, batch after batch), in this process. The developer's database is
never touched; the benchmark's database is dropped at the end.

Two sendings show whether memory stays flat: one issue to the first --small subscribers, then, after
seeding the rest, one to all --subscribers. For each: time, messages per second, the process's resident
memory (RSS) along the way and its peak. With --tracemalloc, Python's own allocations are traced as well
(their peak); tracing slows the sending down, so the rate is then lower than without.
"""

import argparse
import os
import resource
import socket
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
os.environ.setdefault("SECRET_KEY", "bench-only-not-secret-" + "x" * 40)
os.environ["DEBUG"] = "0"
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("LOG_LEVEL", "WARNING")

import django  # noqa: E402

django.setup()

import json  # noqa: E402

from django.db import connection  # noqa: E402
from django.test.utils import override_settings, setup_databases, teardown_databases  # noqa: E402

from newsletter import services  # noqa: E402
from newsletter.models import Block, Delivery, Issue, Subscriber  # noqa: E402

DATABASE_NAME = "test_interkommunales_newsletter_bench"  # not the tests' database: both may run at once
ROOT = Path(__file__).resolve().parent.parent
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")


def german(number, digits=0) -> str:
    return f"{number:,.{digits}f}".replace(",", "#").replace(".", ",").replace("#", ".")


def rss_mb() -> float:
    """The resident memory of this process now."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * PAGE_SIZE / 2**20


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


class Sink:
    """bench/smtp_sink.py in its own process."""

    def __init__(self):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        command = [sys.executable, str(ROOT / "bench" / "smtp_sink.py"), str(self.port)]
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        assert self.process.stdout.readline().strip() == "ready"

    def counts(self) -> dict:
        self.process.stdin.write("count\n")
        self.process.stdin.flush()
        return json.loads(self.process.stdout.readline())

    def stop(self):
        self.process.stdin.write("quit\n")
        self.process.stdin.flush()
        self.process.wait(timeout=10)


def seed_subscribers(first: int, last: int) -> None:
    """Confirmed subscribers number `first` to `last`, written by the database in one statement."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {Subscriber._meta.db_table} (email, name, organisation, status, consent_text, "
            "consent_version, requested_at, confirmed_at) "
            "SELECT 'leser' || n || '@bench.example.org', '', '', 'confirmed', %s, %s, now(), now() "
            "FROM generate_series(%s, %s) AS n",
            [services.CONSENT_TEXT, services.CONSENT_VERSION, first, last],
        )


def make_issue(number: int) -> Issue:
    issue = Issue.objects.create(
        label=f"Newsletter {number} / 2027",
        slug=f"newsletter-{number}-2027",
        subject="Gemeinsame Bauhöfe, ein Förderaufruf und zwei Termine",
        preheader="Was Kommunen in Nordrhein-Westfalen gerade gemeinsam anpacken.",
        intro="<p>Liebe Leserinnen und Leser,</p><p>hier sind die Neuigkeiten aus der "
        '<a href="/projekte/">Projektdatenbank</a> und unsere nächsten Termine.</p>',
        closing="Ihre Redaktion von Interkommunales.NRW",
    )
    paragraph = (
        "<p>Zwei Gemeinden betreiben ihren Bauhof gemeinsam: Fahrzeuge, Werkstatt und Winterdienst werden geteilt, "
        "die Kosten nach Einwohnern verteilt. Eine öffentlich-rechtliche Vereinbarung regelt die Einzelheiten.</p>"
    )
    for position, heading in enumerate(["Aus den Kommunen", "Förderung", "Aus der Bibliothek", "Termine"]):
        Block.objects.create(issue=issue, position=position, kind="text", heading=heading, text=paragraph * 2)
    Block.objects.create(issue=issue, position=9, kind="button", link_label="Alle Projekte", url="/projekte/")
    return issue


def send(issue: Issue, sink: Sink, *, trace: bool) -> dict:
    """Start the sending and run its batches here, as the worker would, sampling memory as it goes."""
    before = sink.counts()["messages"]
    rss_before = rss_mb()
    if trace:
        tracemalloc.start()
    start = time.perf_counter()
    issue = services.start_sending(issue=issue, enqueue=False)
    recipients, sent, samples, marks = issue.recipients_count, 0, [], 4
    while True:
        result, next_at = services.continue_sending(issue_id=issue.pk)
        sent += result.sent
        if sent >= recipients * (len(samples) + 1) / marks:
            samples.append((sent, rss_mb()))
        if next_at is None:
            break
    seconds = time.perf_counter() - start
    traced_peak = tracemalloc.get_traced_memory()[1] / 2**20 if trace else None
    if trace:
        tracemalloc.stop()
    counts = sink.counts()
    delivered = Delivery.objects.filter(issue=issue).counts()
    return {
        "recipients": recipients,
        "seconds": seconds,
        "rate": recipients / seconds,
        "rss_before": rss_before,
        "samples": samples,
        "peak_rss": peak_rss_mb(),
        "traced_peak": traced_peak,
        "received": counts["messages"] - before,
        "delivered": delivered,
    }


def report(label: str, run: dict) -> None:
    print(f"\n{label}: {german(run['recipients'])} Empfängerinnen und Empfänger")
    print(f"  Zeit                 {german(run['seconds'], 1)} s")
    print(f"  Nachrichten/Sekunde  {german(run['rate'])}")
    delivered = run["delivered"]
    print(
        f"  beim SMTP-Server     {german(run['received'])} angekommen; Zustellungen: {german(delivered['sent'])} "
        f"gesendet, {delivered['pending']} offen, {delivered['failed']} fehlgeschlagen"
    )
    along = ", ".join(f"nach {german(sent)}: {german(rss, 1)} MB" for sent, rss in run["samples"])
    print(f"  RSS vorher           {german(run['rss_before'], 1)} MB; unterwegs {along}")
    print(f"  Höchststand (maxrss) {german(run['peak_rss'], 1)} MB (getrusage, seit Start des Prozesses)")
    if run["traced_peak"] is not None:
        print(f"  tracemalloc-Spitze   {german(run['traced_peak'], 1)} MB (Python-Objekte während des Versands)")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--subscribers", type=int, default=50_000)
    parser.add_argument("--small", type=int, default=10_000)
    parser.add_argument("--tracemalloc", action="store_true", help="also trace Python's allocations (slower)")
    args = parser.parse_args()

    connection.settings_dict["TEST"]["NAME"] = DATABASE_NAME
    print(f"Datenbank {DATABASE_NAME} wird angelegt …", flush=True)
    old_config = setup_databases(verbosity=0, interactive=False, keepdb=False, serialized_aliases=set())
    sink = Sink()
    smtp = {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": sink.port,
        "EMAIL_USE_TLS": False,
        "EMAIL_USE_SSL": False,
    }
    try:
        with override_settings(**smtp):
            seed_subscribers(1, args.small)
            small = send(make_issue(1), sink, trace=args.tracemalloc)
            seed_subscribers(args.small + 1, args.subscribers)
            large = send(make_issue(2), sink, trace=args.tracemalloc)
        print(f"\nSMTP-Sink auf 127.0.0.1:{sink.port}, Stapel zu {services.BATCH_SIZE} Nachrichten je Verbindung.")
        report("Ausgabe 1", small)
        report("Ausgabe 2", large)
        totals = sink.counts()
        print(
            f"\nInsgesamt {german(totals['messages'])} Nachrichten an {german(totals['recipients'])} Adressen, "
            f"doppelt angekommen: {totals['duplicates'] - small['recipients']} "
            f"(die {german(small['recipients'])} Adressen der ersten Ausgabe erhalten beide Ausgaben)."
        )
    finally:
        sink.stop()
        connection.close()
        teardown_databases(old_config, verbosity=0)


if __name__ == "__main__":
    main()
