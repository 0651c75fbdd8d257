"""Demo Kurzmeldungen for /aktuelles/: what the portal reported from 2017 on, in our own words.

Each carries the date of the event it reports (where the facts give none, a plausible day close to it).
One reports the open demo round of the Landespreis and is dated from the day of loading, like that round;
one is a draft, for the editors' preview.
"""

import datetime
import io
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw

from portal.models import NewsItem, sanitize_rich_text
from portal.services import refresh_news_item
from projects.models import Topic

IMAGE_CREDIT = "Grafik: Interkommunales.NRW (Demo)"
STAGE_ALT = "Grafik: ein graues Podium unter einem blauen Banner, davor eine Reihe Stühle."
NETWORK_ALT = "Grafik: zwölf farbige Punkte, durch Linien zu einem Netz verbunden."


@dataclass
class NewsPlan:
    slug: str
    published_on: datetime.date
    title: str
    teaser: str
    body: list[str]
    topics: list[str] = field(default_factory=list)
    picture: tuple[str, str] | None = None  # (motif, alt text)
    is_published: bool = True


def _plans(today: datetime.date) -> list[NewsPlan]:
    round_year = (today + datetime.timedelta(days=100)).year
    return [
        NewsPlan(
            slug="ein-jahr-interkommunales-nrw",
            published_on=datetime.date(2017, 9, 14),
            title="Ein Jahr Interkommunales.NRW: 123 Projekte aus 300 Kommunen",
            teaser="Ein Jahr nach dem Start stellt das Portal 123 Kooperationsprojekte vor. Beteiligt sind 300 "
            "Kommunen aus allen Teilen des Landes.",
            body=[
                "Seit einem Jahr sammelt Interkommunales.NRW Beispiele dafür, wie Kommunen in Nordrhein-Westfalen "
                "Aufgaben gemeinsam erledigen. Inzwischen sind 123 Projekte beschrieben.",
                "An ihnen wirken 300 Kommunen mit: 17 Kreise, 34 Städte aus dem Städtetag NRW und 249 Mitglieder des "
                "Städte- und Gemeindebundes NRW. Jede weitere Kooperation, die sich vorstellt, macht anderen Mut.",
                "Ihre Kommune arbeitet mit anderen zusammen? Melden Sie uns das Projekt – wir nehmen es gern auf.",
            ],
            topics=["allgemeine-verwaltung"],
            picture=("network", NETWORK_ALT),
        ),
        NewsPlan(
            slug="biooekonomie-netzwerk-krefeld",
            published_on=datetime.date(2017, 11, 16),
            title="Erfahrungsaustausch in Krefeld: Reststoffe als Rohstoff der Region",
            teaser="Wie Kommunen Textilien, Klärschlamm, Abfälle und Reste aus der Landwirtschaft in der Region "
            "verwerten können, war Thema des Erfahrungsaustauschs zum Bioökonomie-Netzwerk am 15. November 2017.",
            body=[
                "Am Mittwoch, 15. November 2017, trafen sich Fachleute aus Kommunen in Krefeld zum "
                "Erfahrungsaustausch „Einrichtung eines Bioökonomie-Netzwerkes“.",
                "Im Mittelpunkt stand die Frage, wie Reststoffe – Textilien, Klärschlamm, Abfälle und Reste aus der "
                "Landwirtschaft – in der Region wieder genutzt werden können, statt sie weit zu transportieren. "
                "Das schont knapper werdende Rohstoffe und hilft dem Klimaschutz.",
                "Bericht und Unterlagen finden Sie auf der Seite der Veranstaltung.",
            ],
            topics=["umwelt-klima-und-energie", "wirtschaftsfoerderung"],
        ),
        NewsPlan(
            slug="historische-stadt-und-ortskerne",
            published_on=datetime.date(2017, 12, 5),
            title="56 historische Stadt- und Ortskerne werben gemeinsam",
            teaser="Abseits der Großstädte und bekannten Routen zeigen 56 Städte ihre Denkmäler, alten Straßen und "
            "Plätze – als Arbeitsgemeinschaft statt jede für sich.",
            body=[
                "Die Arbeitsgemeinschaft Historische Stadt- und Ortskerne in NRW ist ein Beispiel dafür, dass "
                "Zusammenarbeit nicht nur Kosten spart, sondern auch sichtbarer macht.",
                "56 Städte stellen ihre historischen Zentren gemeinsam vor: Denkmäler, alte Straßen und Plätze, "
                "die viele Gäste sonst nicht finden würden. Das Projekt steht jetzt in der Projektdatenbank.",
            ],
            topics=["tourismus", "kultur-und-sport"],
        ),
        NewsPlan(
            slug="foerderung-bis-2023-verlaengert",
            published_on=datetime.date(2020, 4, 28),
            title="Förderung des Portals bis 2023 verlängert",
            teaser="Das Land fördert Interkommunales.NRW weiter: Der neue Bescheid gilt bis zum Frühjahr 2023.",
            body=[
                "Das Ministerium für Heimat, Kommunales, Bau und Gleichstellung des Landes Nordrhein-Westfalen "
                "fördert das Portal weiter. Den Bescheid hat die Bezirksregierung Düsseldorf im April 2020 erteilt; "
                "er reicht bis zum Frühjahr 2023.",
                "Damit kann die KommunalAgentur NRW das Portal ausbauen. Eine neue Fassung der Website ist in "
                "Vorbereitung.",
            ],
            topics=["allgemeine-verwaltung", "finanzen-und-steuern"],
        ),
        NewsPlan(
            slug="portal-in-zahlen-2020",
            published_on=datetime.date(2020, 5, 12),
            title="Rund 28.000 Besucherinnen und Besucher in zweieinhalb Jahren",
            teaser="Mehr als 82.000 aufgerufene Seiten und fast 3.000 heruntergeladene Dokumente: Das Portal wird "
            "genutzt.",
            body=[
                "In gut zweieinhalb Jahren haben rund 28.000 Menschen Interkommunales.NRW besucht und dabei mehr als "
                "82.000 Seiten aufgerufen.",
                "Fast 3.000-mal wurden Dokumente heruntergeladen: öffentlich-rechtliche Vereinbarungen, "
                "Beschlussvorlagen, Urteile, Fachbeiträge und Presseartikel. Gerade die Mustertexte helfen "
                "Kommunen, die eine eigene Kooperation vorbereiten.",
            ],
            topics=["allgemeine-verwaltung"],
        ),
        NewsPlan(
            slug="online-veranstaltung-foerderrichtlinie",
            published_on=datetime.date(2020, 9, 1),
            title="Online-Veranstaltung zur Förderrichtlinie IKZ NRW am 24. September",
            teaser="Wer eine neue Kooperation beginnen will, kann dafür Fördermittel beantragen. Eine "
            "Online-Veranstaltung erklärt Voraussetzungen, Antrag und Ablauf.",
            body=[
                "Mit der Förderrichtlinie IKZ NRW unterstützt das Land Kommunen, die eine neue interkommunale "
                "Zusammenarbeit aufbauen.",
                "Am 24. September 2020 stellen wir die Richtlinie online vor und beantworten Ihre Fragen – vom "
                "Antrag bei der Bezirksregierung Düsseldorf bis zum Verwendungsnachweis. Die Anmeldung ist auf "
                "der Seite der Veranstaltung möglich.",
            ],
            topics=["finanzen-und-steuern", "allgemeine-verwaltung"],
        ),
        NewsPlan(
            slug="jahrestagung-2021-landespreis-angekuendigt",
            published_on=datetime.date(2021, 11, 17),
            title="Jahrestagung 2021 in Münster: Landespreis angekündigt",
            teaser="Fast 60 Referierende und Teilnehmende kamen am 16. November nach Münster. Dort wurde der neue "
            "Landespreis für innovative interkommunale Zusammenarbeit angekündigt.",
            body=[
                "Am 16. November 2021 fand die Jahrestagung in Münster statt, mit fast 60 Referierenden und "
                "Teilnehmenden. Themen waren unter anderem die gemeinsame Förderung des Radverkehrs, ein Bürgerbus, "
                "die Digitalisierung einer Region und die IT-Betreuung von Schulen.",
                "Auf der Tagung wurde der Landespreis für innovative interkommunale Zusammenarbeit in "
                "Nordrhein-Westfalen angekündigt. Einzelheiten zur Bewerbung folgen in Kürze.",
                "Schon vormerken: Am 8. Dezember 2021 lädt der Online-Erfahrungsaustausch „Innenstadt – Neu denken?!“ "
                "ein.",
            ],
            topics=["allgemeine-verwaltung", "mobilitaet-und-verkehr"],
            picture=("stage", STAGE_ALT),
        ),
        NewsPlan(
            slug="landespreis-2022-bewerbung-gestartet",
            published_on=datetime.date(2021, 12, 23),
            title="Landespreis: Bewerbungen bis 11. Februar 2022",
            teaser="Ab heute können sich Kommunen mit ihren Kooperationen um den Landespreis bewerben – in fünf "
            "Kategorien mit je 10.000 Euro.",
            body=[
                "Vom 23. Dezember 2021 bis zum 11. Februar 2022 nimmt der Landespreis für innovative interkommunale "
                "Zusammenarbeit Bewerbungen an, ausschließlich digital.",
                "Die fünf Kategorien: Kommunale Pflichtaufgaben & Innere Verwaltung; Informationsaustausch & "
                "Vernetzung; Wirtschaftsförderung, Tourismus & Kultur; Umwelt, Planung & Infrastruktur sowie die "
                "Sonderkategorie Interkommunale Zusammenarbeit in der Krisenbewältigung. In jeder Kategorie gibt es "
                "10.000 Euro, die die Gewinner frei unter sich aufteilen.",
                "Teilnehmen können Projekte mit mindestens zwei kommunalen Partnern, die nach dem 1. September 2016 "
                "begonnen haben oder noch umgesetzt werden.",
            ],
            topics=["allgemeine-verwaltung"],
        ),
        NewsPlan(
            slug="broschuere-und-sprechstunden",
            published_on=datetime.date(2022, 1, 7),
            title="Neue Broschüre des Landes und Sprechstunden zum Landespreis",
            teaser="Die Broschüre „Interkommunale Zusammenarbeit in Nordrhein-Westfalen – Stand und Perspektiven“ "
            "ist online. Fragen zur Bewerbung beantworten drei Online-Sprechstunden.",
            body=[
                "Seit dem 6. Januar 2022 steht die Broschüre des Ministeriums „Interkommunale Zusammenarbeit in "
                "Nordrhein-Westfalen – Stand und Perspektiven“ online bereit.",
                "Wer sich um den Landespreis bewerben möchte und Fragen hat, kann an einer Online-Sprechstunde "
                "teilnehmen: am Freitag, 14. Januar, am Mittwoch, 26. Januar, und am Freitag, 4. Februar 2022, "
                "jeweils von 11 bis 12 Uhr über Zoom. Die Zugangsdaten kommen nach der Anmeldung per E-Mail.",
            ],
            topics=["allgemeine-verwaltung"],
        ),
        NewsPlan(
            slug="landespreis-75-bewerbungen",
            published_on=datetime.date(2022, 2, 14),
            title="75 Bewerbungen für den Landespreis",
            teaser="Die Bewerbungsfrist ist abgelaufen: 75 Kooperationen aus ganz Nordrhein-Westfalen haben sich "
            "beworben. Jetzt ist die Jury am Zug.",
            body=[
                "Bis zum 11. Februar 2022 sind 75 Bewerbungen eingegangen. Wir danken allen Kommunen, die ihre "
                "Projekte eingereicht haben.",
                "Die Jury – die oder der Landesbeauftragte für interkommunale Zusammenarbeit, die drei kommunalen "
                "Spitzenverbände und die NRW.BANK – bewertet die Beiträge nach dem Gewinn der Kooperation, dem Grad "
                "der Innovation und ihrer Zukunftsfähigkeit.",
            ],
            topics=["allgemeine-verwaltung"],
        ),
        NewsPlan(
            slug="landespreis-2022-verliehen",
            published_on=datetime.date(2022, 3, 21),
            title="Landespreis 2022 verliehen",
            teaser="Im Festakt am 19. März 2022 hat die Ministerin gemeinsam mit der Jury die Preisträger des "
            "ersten Landespreises ausgezeichnet.",
            body=[
                "Am 19. März 2022 wurden die Preisträger des Landespreises für innovative interkommunale "
                "Zusammenarbeit in einem Festakt ausgezeichnet. Die Preise überreichte die Ministerin gemeinsam mit "
                "der Jury.",
                "Die ausgezeichneten Projekte stehen auf der Seite des Landespreises; in den Demo-Inhalten dieses "
                "Portals sind die Preisträger erfunden.",
            ],
            topics=["allgemeine-verwaltung"],
            picture=("stage", STAGE_ALT),
        ),
        NewsPlan(
            slug="foerderung-bis-2026",
            published_on=datetime.date(2023, 7, 4),
            title="Portal bis 2026 gefördert – digitale Erfahrungsaustausche im Herbst",
            teaser="Das Land fördert Interkommunales.NRW bis 2026. Im Herbst 2023 folgen digitale "
            "Erfahrungsaustausche.",
            body=[
                "Mit dem neuen Förderbescheid ist der Betrieb des Portals bis 2026 gesichert. Zuständig ist "
                "inzwischen das Ministerium für Heimat, Kommunales, Bau und Digitalisierung.",
                "Für den Herbst 2023 planen wir digitale Erfahrungsaustausche: kurze Berichte aus laufenden "
                "Kooperationen und viel Zeit für Fragen.",
            ],
            topics=["allgemeine-verwaltung", "digitalisierung-und-it"],
        ),
        NewsPlan(
            slug="umfrage-masterarbeit-2023",
            published_on=datetime.date(2023, 7, 11),
            title="Umfrage zur interkommunalen Zusammenarbeit: bis 2. August mitmachen",
            teaser="Eine Masterarbeit fragt alle 396 Städte und Gemeinden in Nordrhein-Westfalen nach ihren "
            "Erfahrungen mit interkommunaler Zusammenarbeit.",
            body=[
                "Wie arbeiten die Kommunen in Nordrhein-Westfalen zusammen, was hilft und was hindert? Dazu läuft "
                "eine Umfrage im Rahmen einer Masterarbeit, die sich an alle 396 Städte und Gemeinden richtet.",
                "Die Teilnahme ist bis zum 2. August 2023 möglich. Die Ergebnisse stellen wir vor, sobald sie "
                "vorliegen.",
            ],
            topics=["allgemeine-verwaltung"],
        ),
        NewsPlan(
            slug=f"landespreis-{round_year}-bewerbung-eroeffnet",
            published_on=today - datetime.timedelta(days=30),
            title=f"Landespreis {round_year}: Die Bewerbung ist eröffnet",
            teaser="Der Landespreis geht in eine neue Runde – mit sechs Kategorien, darunter erstmals eine "
            "Sonderkategorie für Shared Service Center.",
            body=[
                "Kommunen, die gemeinsam Aufgaben besser lösen als allein, können sich ab heute um den Landespreis "
                "für innovative interkommunale Zusammenarbeit bewerben.",
                "Neu ist die Sonderkategorie Shared Service Center: gemeinsame Dienstleistungszentren, etwa für "
                "Personal, Beschaffung oder IT. Wer schon in der Projektdatenbank steht, übernimmt die Angaben des "
                "Steckbriefs in die Bewerbung.",
                "Diese Meldung gehört zu den Demo-Inhalten des Portals; die Runde und ihre Termine sind erfunden.",
            ],
            topics=["allgemeine-verwaltung", "personal"],
            picture=("network", NETWORK_ALT),
        ),
        NewsPlan(
            slug="entwurf-rueckblick-jahrestagung",
            published_on=today,
            title="Rückblick auf die Jahrestagung (Entwurf)",
            teaser="Ein Entwurf, noch nicht veröffentlicht: Die Redaktion sieht ihn auf der Website als Vorschau.",
            body=["Dieser Text ist ein Entwurf der Redaktion. Besucherinnen und Besucher sehen ihn nicht."],
            topics=["allgemeine-verwaltung"],
            is_published=False,
        ),
    ]


def create_demo_news(today: datetime.date | None = None) -> int:
    """Create the demo Kurzmeldungen that do not exist yet (by address); returns how many were created."""
    plans = _plans(today or timezone.localdate())
    created = 0
    with transaction.atomic():
        topics = {topic.slug: topic for topic in Topic.objects.all()}
        existing = set(NewsItem.objects.filter(slug__in=[p.slug for p in plans]).values_list("slug", flat=True))
        for plan in plans:
            if plan.slug in existing:
                continue
            item = NewsItem(
                slug=plan.slug,
                title=plan.title,
                published_on=plan.published_on,
                teaser=plan.teaser,
                body=sanitize_rich_text("".join(f"<p>{paragraph}</p>" for paragraph in plan.body)),
                is_published=plan.is_published,
            )
            if plan.picture:
                motif, alt = plan.picture
                # The content carries its name: Django reads the picture's dimensions from it.
                item.image = ContentFile(_picture(motif), name=f"{plan.slug[:60]}.png")
                item.image_alt = alt
                item.image_credit = IMAGE_CREDIT
            item.save()
            item.topics.set([topics[slug] for slug in plan.topics if slug in topics])
            refresh_news_item(news_item=item)
            created += 1
    return created


def _picture(motif: str) -> bytes:
    """A 1200 × 630 picture of simple shapes; the alt text of the plan says what it shows."""
    width, height = 1200, 630
    image = Image.new("RGB", (width, height), (238, 241, 247))
    draw = ImageDraw.Draw(image)
    colours = [(29, 63, 140), (76, 153, 92), (238, 190, 60), (181, 52, 45), (40, 160, 160), (110, 70, 150)]
    if motif == "stage":
        draw.rectangle([0, 0, width, 120], fill=(29, 63, 140))
        draw.rectangle([250, 300, 950, 420], fill=(120, 124, 130))
        for index in range(12):
            x = 120 + index * 82
            draw.rectangle([x, 480, x + 60, 560], fill=(70, 80, 110))
    else:
        points = [(200 + (index * 157) % 800, 120 + (index * 211) % 400) for index in range(12)]
        for index, point in enumerate(points):
            draw.line([point, points[(index + 5) % len(points)]], fill=(150, 160, 175), width=4)
        for index, (x, y) in enumerate(points):
            draw.ellipse([x - 34, y - 34, x + 34, y + 34], fill=colours[index % len(colours)])
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()
