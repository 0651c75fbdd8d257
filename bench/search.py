"""Server time of the site search (/suche/) and of the suggestions of the search field: median and p95.

    .venv/bin/python bench/search.py [--runs 50] [--keep]

Uses the database of bench/projects.py (test_interkommunales_bench: 5,000 published projects, 30,000 documents
with 2 to 10 KB of text, the 434 Kommunen and the pages of the migrations), seeding it the same way when it is
missing, and adds 300 events and 1,000 Kurzmeldungen with the same vocabulary. Measures in-process with
Django's test client, DEBUG off, round by round over all pages; with --keep the database stays for the next
run (of either script). Rows marked "kalt" empty the cache before every request (the suggestions are cached
for a minute).

Target of the issue: p95 under 50 ms for a common term ("Feuerwehren": about 1,000 projects and 6,000 documents).
"""

import argparse
import datetime
import gc
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from django.core.cache import cache  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import (  # noqa: E402
    CaptureQueriesContext,
    override_settings,
    setup_databases,
    teardown_databases,
)
from django.utils import timezone  # noqa: E402

from bench.projects import (  # noqa: E402  (sets up Django)
    DATABASE_NAME,
    DOCUMENTS,
    GENERAL_WORDS,
    PLAIN_STATIC,
    PROJECTS,
    TARGET_MS,
    TOPIC_WORDS,
    clear_seed,
    seed,
    seeded_counts,
    text_of,
)
from events.models import Event, EventDate, Venue  # noqa: E402
from portal.models import NewsItem  # noqa: E402

EVENTS = 300
NEWS = 1_000
BATCH = 500


def seed_events_and_news() -> float:
    """Events with one date each at a few venues, and Kurzmeldungen, about the same Themenfelder as the projects."""
    start = time.perf_counter()
    rng = random.Random(2)
    topics = list(TOPIC_WORDS.values())
    kinds = Event.Kind.values
    now = timezone.now()
    with transaction.atomic():
        Event.objects.all().delete()
        Venue.objects.all().delete()
        NewsItem.objects.all().delete()
        venues = Venue.objects.bulk_create(
            Venue(name=f"Rathaus {city}", street="Markt 1", postal_code="40000", city=city)
            for city in ["Münster", "Düsseldorf", "Köln", "Dortmund", "Bielefeld", "Arnsberg", "Detmold"]
        )
        events, dates = [], []
        for number in range(1, EVENTS + 1):
            words = GENERAL_WORDS + rng.choice(topics).split() * 3
            subject = rng.choice(words).capitalize()
            event = Event(
                kind=rng.choice(kinds),
                title=f"Erfahrungsaustausch {subject} {number}",
                slug=f"bench-veranstaltung-{number}",
                teaser=text_of(rng, words, 250),
                description=f"<p>{text_of(rng, words, 1_200)}</p>",
                report=f"<p>{text_of(rng, words, 1_500)}</p>" if rng.random() < 0.5 else "",
                status="published",
            )
            events.append(event)
            starts = now + datetime.timedelta(days=rng.randint(-2_000, 200), hours=rng.randint(0, 8))
            dates.append((event, starts))
        Event.objects.bulk_create(events)
        EventDate.objects.bulk_create(
            EventDate(
                event=event,
                starts_at=starts,
                ends_at=starts + datetime.timedelta(hours=5),
                capacity=50,
                venue=rng.choice(venues),
            )
            for event, starts in dates
        )
        news = []
        for number in range(1, NEWS + 1):
            words = GENERAL_WORDS + rng.choice(topics).split() * 3
            subject = rng.choice(words).capitalize()
            news.append(
                NewsItem(
                    title=f"Neues zu {subject} ({number})",
                    slug=f"bench-meldung-{number}",
                    published_on=timezone.localdate() - datetime.timedelta(days=rng.randint(1, 3_000)),
                    teaser=text_of(rng, words, 250),
                    body=f"<p>{text_of(rng, words, 2_000)}</p>",
                    is_published=True,
                )
            )
        NewsItem.objects.bulk_create(news, batch_size=BATCH)
        Event.objects.all().update_search_vectors()
        NewsItem.objects.all().update_search_vectors()
    with connection.cursor() as cursor:
        for model in (Event, EventDate, NewsItem):
            cursor.execute(f"VACUUM ANALYZE {model._meta.db_table}")
    return time.perf_counter() - start


def pages():
    return [
        # For comparison with the figures of bench/projects.py on the same machine at the same time.
        ("Projektsuche (Vergleich)", "/projekte/?q=Feuerwehren", "bench/projects.py", False),
        ("Suche: häufiges Wort", "/suche/?q=Feuerwehren", "alle Arten, je 5 Treffer", False),
        ("Suche: seltenes Wort", "/suche/?q=Drehleiter", "", False),
        ("Suche: zwei Wörter", "/suche/?q=Atemschutzgeräte Wartung", "", False),
        ("Suche: Kommune", "/suche/?q=Borken", "Kommunen und Volltext", False),
        ("Suche: nichts gefunden", "/suche/?q=Xylophonorchester", "", False),
        ("Suche: nur Dokumente", "/suche/?q=Feuerwehren&typ=dokumente", "Seite 1", False),
        ("Suche: Dokumente S. 20", "/suche/?q=Feuerwehren&typ=dokumente&seite=20", "", False),
        ("Suche: nur Projekte", "/suche/?q=Feuerwehren&typ=projekte", "", False),
        ("Vorschläge", "/suche/vorschlaege/?q=Feuerw", "aus dem Cache", False),
        ("Vorschläge (kalt)", "/suche/vorschlaege/?q=Feuerw", "ohne Cache", True),
        ("Vorschläge 2 Zeichen (kalt)", "/suche/vorschlaege/?q=Bo", "ohne Cache", True),
    ]


def measure(pages, *, runs: int):
    """Like bench/projects.py, but round by round over the pages: a burst of other work on the machine then
    slows every page a little instead of one page a lot, and the comparison row stays comparable. The rows
    "kalt" empty the whole cache before each request, so they run after the others."""
    gc.freeze()  # as portal/wsgi.py does once the application is loaded
    client = Client()

    def get(path, cold):
        if cold:
            cache.clear()
        start = time.perf_counter()
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        return (time.perf_counter() - start) * 1000, len(response.content) / 1024

    queries, timings, sizes = {}, {label: [] for label, *_ in pages}, {}
    for label, path, _, cold in pages:
        client.get(path)  # warm up
        if cold:
            cache.clear()
        with CaptureQueriesContext(connection) as captured:
            client.get(path)
        queries[label] = (len(captured), sum(float(query["time"]) for query in captured.captured_queries) * 1000)
    for phase in (False, True):
        for _ in range(runs):
            for label, path, _, cold in pages:
                if cold == phase:
                    milliseconds, sizes[label] = get(path, cold)
                    timings[label].append(milliseconds)
    print(f"\n{'Seite':<28} {'Median ms':>10} {'p95 ms':>8} {'KB':>6} {'SQL':>5} {'SQL ms':>7}")
    slow = []
    for label, *_ in pages:
        median, p95 = statistics.median(timings[label]), statistics.quantiles(timings[label], n=20)[-1]
        count, sql_ms = queries[label]
        print(f"{label:<28} {median:>10.1f} {p95:>8.1f} {sizes[label]:>6.0f} {count:>5} {sql_ms:>7.0f}", flush=True)
        if p95 > TARGET_MS:
            slow.append(label)
    print(f"\nZiel: p95 unter {TARGET_MS} ms. Darüber: {', '.join(slow) or 'keine'}")
    print("SQL: Abfragen einer Anfrage und ihre Zeit in der Datenbank.\n")
    for label, path, note, _ in pages:
        print(f"  {label:<26} {path}" + (f"  ({note})" if note else ""))


@override_settings(STORAGES=PLAIN_STATIC)
def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--keep", action="store_true", help="keep the seeded database and reuse it next time")
    args = parser.parse_args()

    connection.settings_dict["TEST"]["NAME"] = DATABASE_NAME
    connection.settings_dict["CONN_MAX_AGE"] = 60
    old_config = setup_databases(verbosity=0, interactive=False, keepdb=args.keep, serialized_aliases=set())
    try:
        if seeded_counts() == (PROJECTS, DOCUMENTS):
            print(f"Datenbank {DATABASE_NAME}: Projekte und Dokumente schon befüllt", flush=True)
        else:
            clear_seed()
            print(f"Datenbank {DATABASE_NAME} wird befüllt …", flush=True)
            print(f"Befüllt in {seed():.1f} s".replace(".", ","))
        if (Event.objects.count(), NewsItem.objects.count()) != (EVENTS, NEWS):
            seconds = seed_events_and_news()
            print(f"{EVENTS} Veranstaltungen, {NEWS} Kurzmeldungen: {seconds:.1f} s".replace(".", ","), flush=True)
        measure(pages(), runs=args.runs)
    finally:
        teardown_databases(old_config, verbosity=0, keepdb=args.keep)


if __name__ == "__main__":
    main()
