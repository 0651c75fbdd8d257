"""Server time of the project database (issue 4) and the home page, feeds and sitemap (issue 9): median and p95
over repeated requests, printed as a table.

    .venv/bin/python bench/projects.py [--runs 50] [--keep] [--explain]

Creates a throw-away database (test_interkommunales_bench) with every migration, so with the 434 Kommunen
and the 16 Themenfelder, seeds 5,000 published projects and 30,000 documents into it and measures in-process
with Django's test client, DEBUG off. The developer's database is never touched. The seeded database is
dropped at the end; with --keep it stays, and the next run with --keep reuses it when the counts match.
With --explain, the slowest SQL statement of each page over the target is shown with its EXPLAIN ANALYZE plan.

Target of the issue: p95 under 50 ms for each page.
"""

import argparse
import datetime
import gc
import os
import random
import statistics
import sys
import time
from collections import defaultdict
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
from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings, setup_databases, teardown_databases  # noqa: E402
from django.utils import timezone  # noqa: E402
from django.utils.text import slugify  # noqa: E402
from taggit.models import Tag, TaggedItem  # noqa: E402

from portal.models import Municipality  # noqa: E402
from projects.models import Document, Participant, Project, Topic  # noqa: E402

PROJECTS = 5_000
DOCUMENTS = 30_000
TAGS = 200
DATABASE_NAME = "test_interkommunales_bench"  # not pytest-django's test_interkommunales: both may run at once
TARGET_MS = 50
BATCH = 500

# Static files by plain names: no collectstatic needed for a benchmark of server time.
PLAIN_STATIC = {
    **settings.STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# --- Words ------------------------------------------------------------------------------------

# Per Themenfeld (by slug): the words its projects and documents are about.
TOPIC_WORDS = {
    "allgemeine-verwaltung": "Bürgerbüro Standesamt Vergabestelle Poststelle Archiv Rechnungsprüfung Meldewesen",
    "bauen-und-planen": "Bauaufsicht Bauleitplanung Gutachterausschuss Flächennutzungsplan Baugenehmigung Vermessung",
    "bildung-und-schule": "Schulträger Volkshochschule Musikschule Schulentwicklungsplanung Ganztag Schulverband",
    "digitalisierung-und-it": "Rechenzentrum Onlinezugang Serverbetrieb Informationssicherheit E-Akte Fachverfahren",
    "feuerwehr-und-katastrophenschutz": "Feuerwehr Feuerwehren Atemschutzgeräte Atemschutzwerkstatt Leitstelle "
    "Drehleiter Brandschutz Katastrophenschutz Schlauchwerkstatt Löschzug Gerätewart",
    "finanzen-und-steuern": "Steueramt Vollstreckung Stadtkasse Grundsteuer Gewerbesteuer Haushalt Kämmerei",
    "gesundheit-und-soziales": "Gesundheitsamt Pflegeberatung Sozialamt Wohngeld Eingliederungshilfe Seniorenbüro",
    "jugend-und-familie": "Jugendamt Kindertagesstätte Erziehungsberatung Jugendhilfe Familienbüro Tagespflege",
    "kultur-und-sport": "Bibliothek Museum Sportstätten Schwimmbad Kulturbüro Stadtarchiv Musikfestival",
    "mobilitaet-und-verkehr": "Radverkehr Bürgerbus Verkehrsüberwachung Straßenunterhaltung Winterdienst Nahverkehr",
    "ordnung-und-sicherheit": "Ordnungsamt Gewerbeamt Veterinäramt Ordnungsdienst Bußgeldstelle Fundbüro",
    "personal": "Personalabrechnung Ausbildung Fortbildung Gesundheitsmanagement Stellenbewertung Beihilfe",
    "tourismus": "Touristinformation Radwegenetz Wanderwege Stadtmarketing Gästeführung Ferienregion",
    "umwelt-klima-und-energie": "Klimaschutz Energieberatung Photovoltaik Hochwasserschutz Baumkataster Wärmeplanung",
    "ver-und-entsorgung": "Bauhof Abwasser Kläranlage Abfallwirtschaft Wasserversorgung Friedhof Straßenreinigung",
    "wirtschaftsfoerderung": "Gewerbegebiet Breitband Gründungsberatung Fachkräfte Innenstadt Standortmarketing",
}
# Interkommunale Zusammenarbeit is common in some fields: Feuerwehr, IT, Bauhof.
TOPIC_WEIGHTS = {"feuerwehr-und-katastrophenschutz": 3, "digitalisierung-und-it": 3, "ver-und-entsorgung": 2}

_GENERAL = (
    "der die das und mit für von zur zum im den des dem eine einer wird werden ist sind hat haben nach auf "
    "durch bei gemeinsam jährlich anteilig gemäß sowie auch nicht alle beide beteiligten "
    "Vereinbarung Zweckverband Kostenerstattung Verwaltung Kommune Gemeinde Kreis Zusammenarbeit Aufgabe "
    "Beschluss Rat Kreistag Satzung Umlage Haushaltsjahr Personalkosten Sachkosten Einwohner Leistung "
    "Durchführung Mitgliedsgemeinde Träger Gebühren Vertrag Kündigung Laufzeit Abrechnung Verwaltungsvorstand "
    "Bürgermeister Landrat Synergien Standort Qualität Vertretung Kooperation Förderung Bezirksregierung "
    "Gemeindeordnung Kommunalaufsicht Anzeige Genehmigung öffentlich-rechtliche Wirtschaftlichkeit Effizienz "
    "Fachpersonal Ausschreibung Beschaffung Investition Fahrzeuge Gebäude Betrieb Wartung Prüfung Schulung "
    "Stellenanteil Vollzeitstelle Einsparung Evaluation Lenkungskreis Arbeitsgruppe Geschäftsstelle Umsetzung "
    "Zuständigkeit Delegation Mandatierung Verbandsversammlung Verbandsvorsteher Wirtschaftsplan Jahresabschluss "
    "Bürgerinnen Bürger Servicequalität Erreichbarkeit Öffnungszeiten Vertretungsregelung Wissenstransfer "
    "übernimmt erstattet regelt vereinbaren beschließt beauftragt stellt bereit führt Kosten Anteil Prozent Euro"
)
GENERAL_WORDS = _GENERAL.split()

OTHER_ORGANISATIONS = [
    "GPA NRW",
    "d-NRW AöR",
    "ITK Rheinland",
    "Südwestfalen-IT",
    "Kommunales Rechenzentrum Minden-Ravensberg/Lippe",
    "Gemeente Winterswijk (NL)",
    "Gemeente Enschede (NL)",
    "Kreishandwerkerschaft",
    "Industrie- und Handelskammer",
    "Fachhochschule für öffentliche Verwaltung NRW",
    "Verkehrsverbund Rhein-Ruhr",
    "Stadtwerke",
]
COURTS = ["BVerwG", "OVG NRW", "VG Aachen", "VG Arnsberg", "VG Düsseldorf", "VG Gelsenkirchen", "VG Köln"]
COURTS += ["VG Minden", "VG Münster", "VerfGH NRW"]
TITLE_PATTERNS = [
    "Interkommunale Zusammenarbeit: {word}",
    "{word} im Verbund",
    "Gemeinsam für {word}",
    "Kooperation {word}",
    "{word} für {place} und Nachbarn",
    "Gemeinsame Aufgabe {word} in {place}",
]
KIND_WEIGHTS = {
    Document.Kind.AGREEMENT: 30,
    Document.Kind.COUNCIL_PAPER: 25,
    Document.Kind.STATUTE: 8,
    Document.Kind.PRESS: 12,
    Document.Kind.COURT_DECISION: 5,
    Document.Kind.ARTICLE: 5,
    Document.Kind.TEMPLATE: 5,
    Document.Kind.PRESENTATION: 5,
    Document.Kind.OTHER: 5,
}


def text_of(rng, words, chars: int) -> str:
    """German-looking sentences of about `chars` characters."""
    sentences, size = [], 0
    while size < chars:
        sentence = " ".join(rng.choices(words, k=rng.randint(8, 16)))
        sentences.append(sentence[0].upper() + sentence[1:] + ".")
        size += len(sentence) + 2
    return " ".join(sentences)


def german_number(number) -> str:
    return f"{number:,}".replace(",", ".")


# --- Seeding ----------------------------------------------------------------------------------


def seeded_counts():
    return Project.objects.count(), Document.objects.count()


def clear_seed():
    """Empty what a half-finished earlier run may have left in the kept database."""
    tables = [
        model._meta.db_table
        for model in (Project, Participant, Project.topics.through, Document, Document.projects.through, Tag)
    ]
    tables += [Document.topics.through._meta.db_table, TaggedItem._meta.db_table]
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE")


class Seeder:
    def __init__(self, rng: random.Random):
        self.rng = rng
        self.topics = list(Topic.objects.order_by("position"))
        self.topic_words = {t.pk: TOPIC_WORDS.get(t.slug, t.name).split() for t in self.topics}
        self.topic_weights = [TOPIC_WEIGHTS.get(t.slug, 1) for t in self.topics]
        municipalities = list(Municipality.objects.defer("shape"))
        self.gemeinden = [m for m in municipalities if m.is_gemeinde]
        self.kreise = {m.pk: m for m in municipalities if m.kind == Municipality.Kind.KREIS}
        # Neighbours: the Gemeinden of the same Kreis; kreisfreie Städte work with their Regierungsbezirk.
        self.by_kreis, self.by_bezirk = defaultdict(list), defaultdict(list)
        for gemeinde in self.gemeinden:
            if gemeinde.kreis_id:
                self.by_kreis[gemeinde.kreis_id].append(gemeinde)
            self.by_bezirk[gemeinde.regierungsbezirk_id].append(gemeinde)
        # A few Gemeinden lead many projects, most a handful (Zipf-like).
        leaders = self.gemeinden[:]
        rng.shuffle(leaders)
        self.leaders = leaders
        self.leader_weights = [1 / (rank + 20) for rank in range(len(leaders))]
        self.project_content_type = ContentType.objects.get_for_model(Project)
        self.document_content_type = ContentType.objects.get_for_model(Document)

    def tags(self):
        names = sorted({word for words in self.topic_words.values() for word in words})
        names += ["IKZ-Förderung", "Modellprojekt", "Leuchtturm", "Digitale Verwaltung", "Fachkräftemangel"]
        number = 1
        while len(names) < TAGS:
            names.append(f"Förderaufruf {number}")
            number += 1
        tags = Tag.objects.bulk_create([Tag(name=name, slug=slugify(name)) for name in names[:TAGS]])
        self.tags_by_name = {tag.name: tag for tag in tags}
        self.all_tags = tags

    def tags_for(self, topic_id, most: int):
        rng = self.rng
        own = [self.tags_by_name[w] for w in self.topic_words[topic_id] if w in self.tags_by_name]
        chosen = set(rng.sample(own, min(len(own), rng.randint(0, most))))
        if rng.random() < 0.3:
            chosen.add(rng.choice(self.all_tags))
        return chosen

    def partners_for(self, lead):
        rng = self.rng
        if lead.kind == Municipality.Kind.KREIS:
            pool = self.by_kreis[lead.pk]
        elif lead.kreis_id and rng.random() < 0.8:
            pool = self.by_kreis[lead.kreis_id]
        else:
            pool = self.by_bezirk[lead.regierungsbezirk_id]
        pool = [m for m in pool if m.pk != lead.pk]
        partners = rng.sample(pool, min(len(pool), rng.randint(1, 5)))
        kreis_id = lead.pk if lead.kind == Municipality.Kind.KREIS else lead.kreis_id
        if kreis_id and lead.kind != Municipality.Kind.KREIS and rng.random() < 0.15:
            partners.append(self.kreise[kreis_id])
        return partners

    def projects(self):
        rng = self.rng
        now = timezone.now()
        projects, participants, topic_links, tagged = [], [], [], []
        self.project_topic = {}
        for number in range(1, PROJECTS + 1):
            if rng.random() < 0.08:
                lead = rng.choice(list(self.kreise.values()))
            else:
                lead = rng.choices(self.leaders, self.leader_weights)[0]
            main_topic = rng.choices(self.topics, self.topic_weights)[0].pk
            topic_ids = {main_topic} | {t.pk for t in rng.sample(self.topics, rng.randint(0, 2))}
            words = GENERAL_WORDS + self.topic_words[main_topic] * 3
            subject = rng.choice(self.topic_words[main_topic])
            title = rng.choice(TITLE_PATTERNS).format(word=subject, place=lead.short_name)
            start = datetime.date(rng.randint(2005, 2025), rng.randint(1, 12), 1)
            ended = rng.random() < 0.2
            project = Project(
                title=title,
                slug=f"{slugify(title)[:180]}-{number}",
                teaser=f"{lead.short_name} und Partner: {subject}. " + text_of(rng, words, 200),
                occasion=f"<p>{text_of(rng, words, 600)}</p>",
                goal=f"<p>{text_of(rng, words, 400)}</p>",
                implementation=f"<p>{text_of(rng, words, 800)}</p><p>{text_of(rng, words, 400)}</p>",
                benefit=text_of(rng, words, 300),
                savings_eur_per_year=rng.choice([None, rng.randrange(5_000, 500_000, 1_000)]),
                staff_effect_fte=rng.choice([None, rng.randint(1, 40) / 10]),
                form=rng.choice(Project.Form.values),
                status=Project.Status.COMPLETED if ended else rng.choice(Project.Status.values),
                start=start,
                end=start.replace(year=min(start.year + rng.randint(1, 6), 2030)) if ended else None,
                funding=rng.choice(["", "", "Förderrichtlinie IKZ NRW", "Modellkommunen NRW"]),
                contact_name=f"Kontakt {number}",
                contact_email=f"kontakt{number}@example.org",
                contact_consent=rng.random() < 0.5,
                is_lighthouse=rng.random() < 0.03,
                is_published=True,
                published_at=now - datetime.timedelta(days=rng.randint(0, 6 * 365), minutes=number),
                last_confirmed_at=now - datetime.timedelta(days=rng.randint(0, 900)),
            )
            projects.append(project)
            participants.append([lead, self.partners_for(lead)])
            topic_links.append(topic_ids)
            tagged.append(self.tags_for(main_topic, 4))
            self.project_topic[number] = main_topic
        Project.objects.bulk_create(projects, batch_size=BATCH)

        rows, links, items = [], [], []
        for project, (lead, partners), topic_ids, tags in zip(projects, participants, topic_links, tagged, strict=True):
            rows.append(Participant(project=project, municipality=lead, role=Participant.Role.LEAD, position=0))
            for position, partner in enumerate(partners, start=1):
                rows.append(Participant(project=project, municipality=partner, position=position))
            if self.rng.random() < 0.1:
                name = self.rng.choice(OTHER_ORGANISATIONS)
                rows.append(Participant(project=project, organisation=name, note="Dienstleister", position=9))
            links += [Project.topics.through(project_id=project.pk, topic_id=topic_id) for topic_id in topic_ids]
            items += [TaggedItem(content_type=self.project_content_type, object_id=project.pk, tag=t) for t in tags]
        Participant.objects.bulk_create(rows, batch_size=2_000)
        Project.topics.through.objects.bulk_create(links, batch_size=5_000)
        TaggedItem.objects.bulk_create(items, batch_size=5_000)
        self.projects_by_number = dict(enumerate(projects, start=1))
        return len(rows)

    def documents(self):
        rng = self.rng
        kinds, kind_weights = list(KIND_WEIGHTS), list(KIND_WEIGHTS.values())
        labels = dict(Document.Kind.choices)
        for first in range(1, DOCUMENTS + 1, BATCH):
            documents, linked = [], []
            for number in range(first, min(first + BATCH, DOCUMENTS + 1)):
                roll = rng.random()
                links = [] if roll < 0.1 else rng.sample(range(1, PROJECTS + 1), 2 if roll > 0.95 else 1)
                topic_id = self.project_topic[links[0]] if links else rng.choice(self.topics).pk
                words = GENERAL_WORDS + self.topic_words[topic_id] * 3
                subject = rng.choice(self.topic_words[topic_id])
                kind = rng.choices(kinds, kind_weights)[0]
                date = datetime.date(2000, 1, 1) + datetime.timedelta(days=rng.randint(0, 9_300))
                extra = {}
                if kind == Document.Kind.COURT_DECISION:
                    court = rng.choice(COURTS)
                    file_number = f"{rng.randint(1, 20)} {rng.choice('ABKL')} {rng.randint(10, 3000)}/{date:%y}"
                    title = f"{court}, Urteil vom {date:%d.%m.%Y} – {file_number} ({subject})"
                    extra = {"court": court, "file_number": file_number, "tenor": text_of(rng, words, 300)}
                else:
                    place = self.projects_by_number[links[0]].title if links else "Nordrhein-Westfalen"
                    title = f"{labels[kind]}: {subject} – {place}"[:300]
                text = text_of(rng, words, rng.randint(2_000, 10_000))
                slug = f"{slugify(title)[:180]}-{number}"
                documents.append(
                    Document(
                        kind=kind,
                        title=title,
                        slug=slug,
                        date=date,
                        description=text_of(rng, words, 250),
                        file=f"{kind}/{slug[:70]}.pdf",
                        file_name=f"{slug[:100]}.pdf",
                        content_type="application/pdf",
                        size=len(text) * 6,
                        text=text,
                        is_published=True,
                        **extra,
                    )
                )
                linked.append((links, topic_id, self.tags_for(topic_id, 3)))
            Document.objects.bulk_create(documents)
            project_links, topic_links, items = [], [], []
            for document, (links, topic_id, tags) in zip(documents, linked, strict=True):
                project_links += [
                    Document.projects.through(document_id=document.pk, project_id=self.projects_by_number[n].pk)
                    for n in links
                ]
                topic_links.append(Document.topics.through(document_id=document.pk, topic_id=topic_id))
                items += [
                    TaggedItem(content_type=self.document_content_type, object_id=document.pk, tag=t) for t in tags
                ]
            Document.projects.through.objects.bulk_create(project_links)
            Document.topics.through.objects.bulk_create(topic_links)
            TaggedItem.objects.bulk_create(items)


def seed():
    """Fill the empty database; prints each step with its time and returns the total."""
    start = step = time.perf_counter()

    def done(what):
        nonlocal step
        now = time.perf_counter()
        seconds = f"{now - step:.1f}".replace(".", ",")
        print(f"  {what:<52} {seconds:>6} s", flush=True)
        step = now

    seeder = Seeder(random.Random(1))
    with transaction.atomic():
        seeder.tags()
        participants = seeder.projects()
        done(f"{german_number(PROJECTS)} Projekte, {german_number(participants)} Beteiligte, {TAGS} Stichworte")
        seeder.documents()
        done(f"{german_number(DOCUMENTS)} Dokumente mit 2 bis 10 KB Text")
        Project.objects.all().update_search_vectors()
        Project.objects.all().update_facet_fields()
        Document.objects.all().update_search_vectors()
        done("Suchvektoren und Facetten (update_search_vectors, update_facet_fields)")
    # After a bulk load, as autovacuum would soon do: statistics for the planner, a visibility map.
    tables = [Project, Participant, Project.topics.through, Document, Document.projects.through]
    tables += [Document.topics.through, Tag, TaggedItem]
    with connection.cursor() as cursor:
        for model in tables:
            cursor.execute(f"VACUUM ANALYZE {model._meta.db_table}")
    done("VACUUM ANALYZE")
    return time.perf_counter() - start


# --- Measuring --------------------------------------------------------------------------------


def pages():
    """(label, path, what the page shows) for each page measured."""
    steckbrief = (
        Project.objects.annotate(
            n_participants=Count("participants", distinct=True), n_documents=Count("documents", distinct=True)
        )
        .filter(n_participants__gte=4, n_documents__gte=4)
        .order_by("-n_documents", "-n_participants", "pk")
        .first()
    )
    busiest = (
        Municipality.objects.gemeinden()
        .annotate(n=Count("participations"))  # a Kommune takes part in a project once
        .order_by("-n", "pk")
        .only("slug", "short_name")
        .first()
    )
    filtered = "/projekte/?themenfeld=feuerwehr-und-katastrophenschutz&regierungsbezirk=regierungsbezirk-muenster"
    return [
        ("Projektliste", "/projekte/", ""),
        ("Liste gefiltert", filtered, ""),
        ("Projektsuche", "/projekte/?q=Feuerwehren", ""),
        (
            "Steckbrief",
            steckbrief.get_absolute_url(),
            f"{steckbrief.n_participants} Beteiligte, {steckbrief.n_documents} Dokumente",
        ),
        ("Dokumente", "/dokumente/", ""),
        ("Dokumentsuche", "/dokumente/?q=Atemschutzgeräte", ""),
        (
            "Kommune mit Projekten",
            busiest.get_absolute_url(),
            f"{busiest.short_name}, an {busiest.n} Projekten beteiligt",
        ),
        ("Kommunen-Karte", "/kommunen/", ""),
        ("Startseite", "/", ""),
        ("Karte der Startseite", "/kommunen/karte.svg", ""),
        ("Feed neue Projekte", "/projekte/feed/", ""),
        ("Sitemap-Index", "/sitemap.xml", ""),
        ("Sitemap Dokumente", "/sitemap-dokumente.xml", f"{DOCUMENTS} Adressen"),
    ]


def slowest_statement(client, path):
    """The page's slowest SQL statement and its EXPLAIN ANALYZE plan."""
    with CaptureQueriesContext(connection) as captured:
        client.get(path)
    slowest = max(captured.captured_queries, key=lambda query: float(query["time"]))
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + slowest["sql"])
        plan = "\n".join(row[0] for row in cursor.fetchall())
    return slowest["sql"], plan


@override_settings(STORAGES=PLAIN_STATIC)
def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--keep", action="store_true", help="keep the seeded database and reuse it next time")
    parser.add_argument("--explain", action="store_true", help="plan of the slowest SQL of each page over target")
    args = parser.parse_args()

    connection.settings_dict["TEST"]["NAME"] = DATABASE_NAME
    # Connections kept open between requests, as in production (DATABASE_URL sets conn_max_age=60); the
    # embedded development server's setting reconnects for every request.
    connection.settings_dict["CONN_MAX_AGE"] = 60
    # No setup_test_environment(): it instruments template rendering, which would add to the times measured.
    old_config = setup_databases(verbosity=0, interactive=False, keepdb=args.keep, serialized_aliases=set())
    try:
        if seeded_counts() == (PROJECTS, DOCUMENTS):
            print(f"Datenbank {DATABASE_NAME}: schon befüllt, wird wiederverwendet", flush=True)
        else:
            clear_seed()
            print(f"Datenbank {DATABASE_NAME} wird befüllt …", flush=True)
            print(f"Befüllt in {seed():.1f} s".replace(".", ","))
        measure(with_cold_lists(pages()), runs=args.runs, explain=args.explain)
    finally:
        teardown_databases(old_config, verbosity=0, keepdb=args.keep)


def with_cold_lists(pages):
    """The pages, and the project lists again with their facet counts computed afresh for every request
    (as for the first visitor after a change, or for a new combination of filters)."""
    cold = [(f"{label} (kalt)", path, "Facetten ohne Cache", True) for label, path, _ in pages[:3]]
    cold.append(("Startseite (kalt)", "/", "Kennzahlen ohne Cache", True))
    return [(label, path, note, False) for label, path, note in pages] + cold


def measure(pages, *, runs: int, explain: bool):
    gc.freeze()  # as portal/wsgi.py does once the application is loaded
    client = Client()
    print(f"\n{'Seite':<24} {'Median ms':>10} {'p95 ms':>8} {'KB':>6} {'SQL':>5} {'SQL ms':>7}")
    slow = []
    for label, path, _, cold in pages:
        client.get(path)  # warm up
        if cold:
            cache.clear()
        with CaptureQueriesContext(connection) as captured:
            client.get(path)
        # Read now: every request empties the log.
        queries, sql_ms = len(captured), sum(float(query["time"]) for query in captured.captured_queries) * 1000
        timings = []
        for _ in range(runs):
            if cold:
                cache.clear()
            start = time.perf_counter()
            response = client.get(path)
            timings.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, (path, response.status_code)
        median, p95 = statistics.median(timings), statistics.quantiles(timings, n=20)[-1]
        size = len(response.content) / 1024
        print(f"{label:<24} {median:>10.1f} {p95:>8.1f} {size:>6.0f} {queries:>5} {sql_ms:>7.0f}", flush=True)
        if p95 > TARGET_MS:
            slow.append((label, path))
    print(f"\nZiel: p95 unter {TARGET_MS} ms. Darüber: {', '.join(label for label, _ in slow) or 'keine'}")
    print("SQL: Abfragen einer Anfrage und ihre Zeit in der Datenbank.\n")
    for label, path, note, _ in pages:
        print(f"  {label:<22} {path}" + (f"  ({note})" if note else ""))
    if explain:
        for label, path in slow:
            sql, plan = slowest_statement(client, path)
            print(f"\n=== {label} ({path}): langsamste Abfrage\n{sql}\n\n{plan}")


if __name__ == "__main__":
    main()
