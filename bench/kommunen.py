"""Server time of the Kommunen pages: median and p95 over repeated requests, printed as a table.

    .venv/bin/python bench/kommunen.py [--runs 50]

Runs in-process with Django's test client against the configured database (the embedded
PostgreSQL by default, which the migrations fill with the 434 Kommunen), with DEBUG off.
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
from django.test import Client  # noqa: E402
from django.test.utils import override_settings  # noqa: E402

# Static files by plain names: no collectstatic needed for a benchmark of server time.
PLAIN_STATIC = {
    **settings.STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

PAGES = [
    ("Verzeichnis mit Karte", "/kommunen/"),
    ("Verzeichnis gefiltert", "/kommunen/?regierungsbezirk=regierungsbezirk-muenster&art=stadt"),
    ("Namenssuche", "/kommunen/?q=Muelheim"),
    ("Kreis-Seite", "/kommunen/kreis-borken/"),
    ("Gemeinde-Seite", "/kommunen/schwelm/"),
]


@override_settings(STORAGES=PLAIN_STATIC)
def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()
    client = Client()
    print(f"{'Seite':<24} {'Median ms':>10} {'p95 ms':>8} {'KB':>6}")
    for label, path in PAGES:
        client.get(path)  # warm up
        timings = []
        for _ in range(args.runs):
            start = time.perf_counter()
            response = client.get(path)
            timings.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, (path, response.status_code)
        p95 = statistics.quantiles(timings, n=20)[-1]
        size = len(response.content) / 1024
        print(f"{label:<24} {statistics.median(timings):>10.1f} {p95:>8.1f} {size:>6.0f}")


if __name__ == "__main__":
    main()
