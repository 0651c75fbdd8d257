"""What counting page views costs (portal/usage.py): the same pages with and without counting, interleaved.

    .venv/bin/python bench/usage.py [--runs 300]

Creates a throw-away database (test_interkommunales_usage_bench) with every migration, measures in-process
with Django's test client, DEBUG off, and drops the database. Each page is requested alternately by a
program (not counted: curl's User-Agent) and by a browser (counted; a new address every time, so that every
request also writes a visitor's hash). Printed: median and p95 of both and the difference of the medians, and,
timed inside the counted requests, the median of the whole counting (record_page_view) and of its statement.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
os.environ.setdefault("SECRET_KEY", "bench-only-not-secret-" + "x" * 40)
os.environ["DEBUG"] = "0"
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import override_settings, setup_databases, teardown_databases  # noqa: E402

from portal import usage  # noqa: E402
from portal.models import PageViewDay, VisitorHash  # noqa: E402

DATABASE_NAME = "test_interkommunales_usage_bench"
BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
PROGRAM = "curl/8.5.0"
PAGES = [("Impressum", "/impressum/"), ("Kommunen", "/kommunen/"), ("Statistik", "/statistik/")]

PLAIN_STATIC = {
    **settings.STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}


def german(value: float) -> str:
    return f"{value:.2f}".replace(".", ",")


def spread(timings: list[float]) -> str:
    """ "median / p95" """
    return f"{german(statistics.median(timings))} / {german(statistics.quantiles(timings, n=20)[-1])}"


class Timed:
    """Times each call of the counting (portal.usage.record_page_view) and each counting statement."""

    def __init__(self):
        self.counting, self.statements = [], []
        self.original = usage.record_page_view

    def record_page_view(self, request):
        start = time.perf_counter()
        self.original(request)
        self.counting.append((time.perf_counter() - start) * 1000)

    def __call__(self, execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            if "portal_pageviewday" in sql:
                self.statements.append((time.perf_counter() - start) * 1000)


@override_settings(STORAGES=PLAIN_STATIC)
def measure(runs: int):
    client = Client()
    print(f"{'Seite':<10} {'ohne Zählen':>16} {'mit Zählen':>16} {'Differenz':>10} {'Zählen':>8} {'SQL':>8}")
    print(f"{'':<10} {'Median / p95':>16} {'Median / p95':>16} {'Median':>10} {'Median':>8} {'Median':>8}  (ms)")
    address = 0
    for label, path in PAGES:
        client.get(path, HTTP_USER_AGENT=BROWSER)  # warm up; the day's salt is created here once
        client.get(path, HTTP_USER_AGENT=PROGRAM)
        plain, counted, timed = [], [], Timed()
        usage.record_page_view = timed.record_page_view
        try:
            with connection.execute_wrapper(timed):
                for _ in range(runs):
                    start = time.perf_counter()
                    client.get(path, HTTP_USER_AGENT=PROGRAM)
                    plain.append((time.perf_counter() - start) * 1000)
                    address += 1
                    ip = f"10.{address // 65536}.{address // 256 % 256}.{address % 256}"
                    start = time.perf_counter()
                    client.get(path, HTTP_USER_AGENT=BROWSER, REMOTE_ADDR=ip)
                    counted.append((time.perf_counter() - start) * 1000)
        finally:
            usage.record_page_view = timed.original
        difference = statistics.median(counted) - statistics.median(plain)
        print(
            f"{label:<10} {spread(plain):>16} {spread(counted):>16} {german(difference):>10} "
            f"{german(statistics.median(timed.counting)):>8} {german(statistics.median(timed.statements)):>8}",
            flush=True,
        )
    print(
        f"\n{PageViewDay.objects.count()} Tageszeilen, {sum(PageViewDay.objects.values_list('views', flat=True))} "
        f"Aufrufe gezählt, {VisitorHash.objects.count()} Besucher-Hashes. Zählen: record_page_view insgesamt "
        "(Salz aus dem Cache, Hash, Statement); SQL: das Statement allein."
    )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=300)
    args = parser.parse_args()
    connection.settings_dict["TEST"]["NAME"] = DATABASE_NAME
    connection.settings_dict["CONN_MAX_AGE"] = 60  # as in production
    old_config = setup_databases(verbosity=0, interactive=False, keepdb=False, serialized_aliases=set())
    try:
        measure(args.runs)
    finally:
        teardown_databases(old_config, verbosity=0, keepdb=False)


if __name__ == "__main__":
    main()
