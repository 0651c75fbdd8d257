"""Server time of the site search (/suche/) and of the suggestions of the search field: median and p95.

    .venv/bin/python bench/search.py [--runs 50] [--keep] [--explain]

Uses the database of bench/projects.py (test_interkommunales_bench: 5,000 published projects, 30,000 documents
with 2 to 10 KB of text, the 434 Kommunen and the pages of the migrations), seeding it the same way when it is
missing, and adds 300 events and 1,000 Kurzmeldungen with the same vocabulary. Measures in-process with
Django's test client, DEBUG off; with --keep the database stays for the next run (of either script). Rows
marked "kalt" empty the cache before every request (the suggestions are cached for a minute).

Target of the issue: p95 under 50 ms for a common term ("Feuerwehren": about 1,000 projects and 6,000 documents).
"""

import argparse
import datetime
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from django.db import connection, transaction  # noqa: E402
from django.test.utils import override_settings, setup_databases, teardown_databases  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench.projects import (  # noqa: E402  (sets up Django)
    DATABASE_NAME,
    DOCUMENTS,
    GENERAL_WORDS,
    PLAIN_STATIC,
    PROJECTS,
    TOPIC_WORDS,
    clear_seed,
    measure,
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


@override_settings(STORAGES=PLAIN_STATIC)
def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--keep", action="store_true", help="keep the seeded database and reuse it next time")
    parser.add_argument("--explain", action="store_true", help="plan of the slowest SQL of each page over target")
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
        measure(pages(), runs=args.runs, explain=args.explain)
    finally:
        teardown_databases(old_config, verbosity=0, keepdb=args.keep)


if __name__ == "__main__":
    main()
