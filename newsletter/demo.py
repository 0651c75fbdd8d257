"""Demo content of the newsletter: the five issues named in FACTS.md as sent issues in the archive, written in
our own words, with teasers for the demo projects and events where those exist; one draft to try the
preview, the test send and the sending; three subscribers at example.org so that the sending has recipients.

Idempotent: issues are looked up by slug, subscribers by address; existing ones are left as they are.
"""

import datetime
import io
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw

from events.models import Event
from newsletter.models import Block, Issue, Subscriber
from newsletter.services import CONSENT_TEXT, CONSENT_VERSION, create_block_rendition
from projects.models import Project

BERLIN = ZoneInfo("Europe/Berlin")
CLOSING = "Ihre Redaktion von Interkommunales.NRW\nKommunalAgentur NRW · IKZ@Interkommunales.NRW"
DEMO_SUBSCRIBERS = ["leserin.demo@example.org", "leser.demo@example.org", "kaemmerei.demo@example.org"]


@dataclass
class IssuePlan:
    slug: str
    label: str
    subject: str
    preheader: str
    intro: str
    sent_on: datetime.date | None  # None: a draft
    # (kind, fields); a project or event teaser names the slug, and is left out when that does not exist.
    blocks: list[tuple[str, dict]] = field(default_factory=list)


def create_demo_issues() -> int:
    """Create the demo issues and subscribers that do not exist yet; returns how many were created."""
    plans = _plans()
    with transaction.atomic():
        existing = set(Issue.objects.filter(slug__in=[p.slug for p in plans]).values_list("slug", flat=True))
        created = 0
        for plan in plans:
            if plan.slug not in existing:
                _create_issue(plan)
                created += 1
        known = set(Subscriber.objects.filter(email__in=DEMO_SUBSCRIBERS).values_list("email", flat=True))
        now = timezone.now()
        for email in DEMO_SUBSCRIBERS:
            if email not in known:
                Subscriber.objects.create(
                    email=email,
                    status=Subscriber.Status.CONFIRMED,
                    consent_text=CONSENT_TEXT,
                    consent_version=CONSENT_VERSION,
                    requested_at=now,
                    confirmed_at=now,
                )
                created += 1
    return created


def _create_issue(plan: IssuePlan) -> Issue:
    sent_at = datetime.datetime.combine(plan.sent_on, datetime.time(9, 0), tzinfo=BERLIN) if plan.sent_on else None
    issue = Issue.objects.create(
        slug=plan.slug,
        label=plan.label,
        subject=plan.subject,
        preheader=plan.preheader,
        intro=plan.intro,
        closing=CLOSING,
        status=Issue.Status.SENT if sent_at else Issue.Status.DRAFT,
        started_at=sent_at,
        finished_at=sent_at,
    )
    projects = {p.slug: p for p in Project.objects.filter(slug__in=_slugs(plan, "project"))}
    events = {e.slug: e for e in Event.objects.filter(slug__in=_slugs(plan, "event"))}
    for position, (kind, fields) in enumerate(plan.blocks, start=1):
        fields = dict(fields)
        if kind == "project":
            if fields["project"] not in projects:
                continue
            fields["project"] = projects[fields["project"]]
        if kind == "event":
            if fields["event"] not in events:
                continue
            fields["event"] = events[fields["event"]]
        picture = fields.pop("picture", None)
        block = Block(issue=issue, position=position * 10, kind=kind, **fields)
        if picture:
            name = f"{plan.slug}-{position}.png"
            block.image.save(name, ContentFile(_picture(), name=name), save=False)
        block.save()
        if picture:
            create_block_rendition(block=block)
    return issue


def _slugs(plan: IssuePlan, kind: str) -> list[str]:
    return [fields[kind] for block_kind, fields in plan.blocks if block_kind == kind]


def _text(heading: str, *paragraphs: str) -> tuple[str, dict]:
    return ("text", {"heading": heading, "text": "".join(f"<p>{p}</p>" for p in paragraphs)})


def _plans() -> list[IssuePlan]:
    return [
        IssuePlan(
            slug="newsletter-v-2017",
            label="Newsletter V / 2017",
            subject="Ein Jahr Interkommunales.NRW: 123 Projekte aus 300 Kommunen",
            preheader="Außerdem: Erfahrungsaustausch zur Bioökonomie in Krefeld und die historischen Ortskerne in NRW.",
            intro="<p>Liebe Leserinnen und Leser,</p><p>seit einem Jahr sammelt Interkommunales.NRW Beispiele dafür, "
            "wie Kommunen in Nordrhein-Westfalen ihre Aufgaben gemeinsam erledigen. Zeit für eine erste Bilanz – und "
            "für einen Blick auf den nächsten Termin.</p>",
            sent_on=datetime.date(2017, 10, 25),
            blocks=[
                _text(
                    "Ein Jahr, 123 Projekte",
                    "In der Projektdatenbank stehen inzwischen 123 Kooperationen. Daran beteiligt sind 300 Kommunen: "
                    "17 Kreise, 34 Städte aus dem Städtetag NRW und 249 Mitglieder des Städte- und Gemeindebundes NRW.",
                    "Jedes Projekt hat einen Steckbrief mit Anlass, Ziel und Umsetzung und einer Ansprechperson. So "
                    "lässt sich schnell herausfinden, wer eine Aufgabe schon gemeinsam löst und wen man fragen kann.",
                ),
                ("button", {"link_label": "Zur Projektdatenbank", "url": "/projekte/"}),
                _text(
                    "Bioökonomie: Erfahrungsaustausch in Krefeld",
                    "Am Mittwoch, 15. November 2017, treffen sich in Krefeld Kommunen, die Reststoffe aus Textil, "
                    "Klärschlamm, Abfall und Landwirtschaft in ihrer Region verwerten wollen. Sie erfahren, wie ein "
                    "solches Netzwerk entsteht und was es gegen knappe Rohstoffe und für den Klimaschutz leistet.",
                ),
                ("event", {"event": "erfahrungsaustausch-biooekonomie-netzwerk"}),
                ("project", {"project": "biooekonomie-netzwerk-krefeld"}),
                (
                    "project",
                    {
                        "project": "arbeitsgemeinschaft-historische-stadt-und-ortskerne-in-nrw",
                        "heading": "56 historische Ortskerne werben gemeinsam",
                    },
                ),
            ],
        ),
        IssuePlan(
            slug="newsletter-i-2020",
            label="Newsletter I / 2020",
            subject="Förderung bis 2023 verlängert – und bald ein neues Portal",
            preheader="Dazu Zahlen aus zweieinhalb Jahren, Projekte im EILDIENST und eine Online-Veranstaltung.",
            intro="<p>Liebe Leserinnen und Leser,</p><p>Interkommunales.NRW geht weiter: Das Land fördert das Portal "
            "für drei weitere Jahre. Was wir damit vorhaben und was sich seit dem Start getan hat, lesen Sie hier.</p>",
            sent_on=datetime.date(2020, 8, 27),
            blocks=[
                _text(
                    "Förderung bis zum Frühjahr 2023",
                    "Im April 2020 hat das Land die Förderung des Portals verlängert. Das Ministerium für Heimat, "
                    "Kommunales, Bau und Gleichstellung stellt die Mittel bereit, die Bezirksregierung Düsseldorf "
                    "wickelt die Förderung ab. Damit ist die Arbeit bis zum Frühjahr 2023 gesichert.",
                ),
                _text(
                    "Was zweieinhalb Jahre zeigen",
                    "Rund 28.000 Menschen haben das Portal in etwa zweieinhalb Jahren besucht und dabei mehr als "
                    "82.000 Seiten aufgerufen. Fast 3.000 Mal wurden Dokumente heruntergeladen: öffentlich-rechtliche "
                    "Vereinbarungen, Beschlussvorlagen, Gerichtsentscheidungen, Fachaufsätze und Presseberichte.",
                ),
                _text(
                    "Projekte im EILDIENST",
                    "Die Ausgabe 6/2020 des EILDIENSTES des Städte- und Gemeindebundes NRW stellt Projekte aus unserer "
                    "Datenbank vor. Zwei Beispiele für Zusammenarbeit, die Sie im Portal finden:",
                ),
                ("project", {"project": "finanzzentrum-baumberge"}),
                ("project", {"project": "news-app-ennepe-ruhr-kreis"}),
                ("event", {"event": "online-veranstaltung-foerderrichtlinie-ikz-2020"}),
                _text(
                    "Ein neues Portal",
                    "Wir bauen Interkommunales.NRW um: übersichtlicher, mit besserer Suche und auf dem Smartphone gut "
                    "lesbar. Über den Start informieren wir Sie hier im Newsletter.",
                ),
            ],
        ),
        IssuePlan(
            slug="kurzmeldung-17-11-2021",
            label="Kurzmeldung 17.11.2021",
            subject="Jahrestagung in Münster: Landespreis für interkommunale Zusammenarbeit ausgelobt",
            preheader="Rückblick auf den 16. November und die Einladung zum Online-Austausch über die Innenstadt.",
            intro="<p>Liebe Leserinnen und Leser,</p><p>gestern war es endlich wieder so weit: Die Jahrestagung "
            "fand in Münster statt, und sie brachte eine Neuigkeit mit.</p>",
            sent_on=datetime.date(2021, 11, 17),
            blocks=[
                _text(
                    "Jahrestagung 2021",
                    "Fast 60 Mitwirkende und Gäste haben am 16. November in Münster darüber gesprochen, wie Kommunen "
                    "voneinander lernen und gemeinsam mehr erreichen. Den Bericht und die Vorträge finden Sie auf der "
                    "Seite der Veranstaltung.",
                ),
                ("event", {"event": "jahrestagung-2021"}),
                (
                    "landespreis",
                    {
                        "heading": "Neu: der Landespreis für innovative interkommunale Zusammenarbeit",
                        "text": "<p>Auf der Tagung wurde der neue Landespreis angekündigt. Er zeichnet Kooperationen "
                        "aus, die neue Wege gehen und sich auf andere Kommunen übertragen lassen. Wie Sie sich "
                        "bewerben, erfahren Sie in Kürze im Portal und im Newsletter.</p>",
                        "url": "/landespreis/",
                        "link_label": "Mehr zum Landespreis",
                    },
                ),
                ("event", {"event": "online-erfahrungsaustausch-innenstadt-neu-denken"}),
            ],
        ),
        IssuePlan(
            slug="newsletter-i-2022",
            label="Newsletter I / 2022",
            subject="Landespreis: Bewerbungen bis 11. Februar – Sprechstunden im Januar",
            preheader="Außerdem: die Broschüre des Ministeriums zur interkommunalen Zusammenarbeit ist online.",
            intro="<p>Liebe Leserinnen und Leser,</p><p>das neue Jahr beginnt mit einer Einladung: Bewerben Sie sich "
            "mit Ihrer Kooperation um den ersten Landespreis für innovative interkommunale Zusammenarbeit.</p>",
            sent_on=datetime.date(2022, 1, 10),
            blocks=[
                (
                    "landespreis",
                    {
                        "heading": "Jetzt bewerben: fünf Kategorien, je 10.000 Euro",
                        "text": "<p>Bewerben können sich Kooperationen aus fünf Kategorien, von den kommunalen "
                        "Pflichtaufgaben bis zur Zusammenarbeit in der Krise. In jeder Kategorie gibt es 10.000 Euro, "
                        "über deren Verwendung die Gewinner selbst entscheiden.</p><p>Bewerbungen nehmen wir bis "
                        "zum <strong>11. Februar 2022</strong> entgegen, ausschließlich digital.</p>",
                        "url": "/landespreis/",
                        "link_label": "Zu den Teilnahmebedingungen",
                    },
                ),
                ("event", {"event": "sprechstunden-landespreis-2022", "heading": "Fragen? Drei Sprechstunden"}),
                ("event", {"event": "festakt-landespreis-2022"}),
                _text(
                    "Broschüre: Stand und Perspektiven",
                    "Seit dem 6. Januar 2022 ist die Broschüre „Interkommunale Zusammenarbeit in Nordrhein-Westfalen "
                    "– Stand und Perspektiven“ des Ministeriums online. Sie zeigt, wo die Zusammenarbeit heute steht "
                    "und wohin sie sich entwickeln kann.",
                ),
            ],
        ),
        IssuePlan(
            slug="newsletter-iii-2023",
            label="Newsletter III / 2023",
            subject="Portal bis 2026 gefördert – Umfrage zur Zusammenarbeit läuft bis 2. August",
            preheader="Und: im Herbst laden wir zu digitalen Erfahrungsaustauschen ein.",
            intro="<p>Liebe Leserinnen und Leser,</p><p>drei gute Nachrichten vor der Sommerpause.</p>",
            sent_on=datetime.date(2023, 7, 12),
            blocks=[
                _text(
                    "Weiter bis 2026",
                    "Das Land fördert Interkommunales.NRW für drei weitere Jahre. Portal, Veranstaltungen und "
                    "Beratung bleiben Ihnen bis 2026 erhalten.",
                ),
                _text(
                    "Umfrage an alle 396 Städte und Gemeinden",
                    "Für eine Masterarbeit werden alle 396 Städte und Gemeinden in Nordrhein-Westfalen gefragt, wie "
                    "sie zusammenarbeiten und was sie daran hindert. Die Umfrage ist bis zum 2. August 2023 geöffnet. "
                    "Bitte machen Sie mit: Je mehr Kommunen antworten, desto aussagekräftiger wird das Bild.",
                ),
                ("event", {"event": "digitaler-erfahrungsaustausch-herbst-2023"}),
                ("button", {"link_label": "Neue Projekte entdecken", "url": "/projekte/"}),
            ],
        ),
        IssuePlan(
            slug="newsletter-iv-2026",
            label="Newsletter IV / 2026",
            subject="Gemeinsame Bauhöfe und öffentlich-rechtliche Vereinbarungen: zwei Termine",
            preheader="Ein Entwurf zum Ausprobieren: Vorschau, Testversand und Versand im Admin.",
            intro="<p>Liebe Leserinnen und Leser,</p><p>in den nächsten Wochen laden wir zu zwei Veranstaltungen "
            "ein, in denen Kommunen aus ihrer Praxis berichten.</p>",
            sent_on=None,
            blocks=[
                ("event", {"event": "erfahrungsaustausch-gemeinsame-bauhoefe"}),
                ("event", {"event": "online-seminar-oeffentlich-rechtliche-vereinbarung"}),
                (
                    "image",
                    {
                        "picture": True,
                        "alt_text": "Grafik: Kommunen sitzen in vier Gruppen an runden Tischen zusammen.",
                        "caption": "Erfahrungsaustausch in kleinen Runden",
                        "credit": "Grafik: Interkommunales.NRW (Demo)",
                    },
                ),
                ("project", {"project": "finanzzentrum-baumberge"}),
                ("button", {"link_label": "Alle Veranstaltungen", "url": "/veranstaltungen/"}),
            ],
        ),
    ]


def _picture() -> bytes:
    """A simple graphic: four groups of people at round tables."""
    image = Image.new("RGB", (1200, 675), (244, 241, 234))
    draw = ImageDraw.Draw(image)
    for index, (cx, cy) in enumerate(((300, 210), (900, 210), (300, 500), (900, 500))):
        draw.ellipse([cx - 120, cy - 70, cx + 120, cy + 70], fill=(200, 180, 140))
        for person in range(6):
            x = cx - 150 + person * 60
            colour = ((31, 94, 153), (181, 52, 45), (238, 190, 60))[(person + index) % 3]
            draw.ellipse([x, cy - 140, x + 40, cy - 100], fill=colour)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()
