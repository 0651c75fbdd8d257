"""Demo content of the events: the past events named in FACTS.md with their documentation, and a few
upcoming ones (dated from the day the demo is loaded) on which registration, waitlist and cancellation
can be tried.

Idempotent: events, venues and documents are looked up by slug or name and created only when missing.
Where the facts give no detail (times, rooms, programme points), the demo fills in plausible values;
addresses and dial-in data are made up.
"""

import datetime
import io
from dataclasses import dataclass, field
from html import escape
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw

from events.models import AgendaItem, Event, EventDate, EventPhoto, Registration, Venue
from events.services import consent_text, create_photo_renditions, refresh_event
from portal.models import Municipality
from portal.uploads import PDF
from projects.demo_pdf import make_pdf
from projects.models import Document, Topic
from projects.services import attach_document_file, refresh_document

BERLIN = ZoneInfo("Europe/Berlin")
PHOTO_CREDIT = "Grafik: Interkommunales.NRW (Demo)"
DEMO_NOTE = "Demo-Dokument von Interkommunales.NRW."
DEMO_DIAL_IN = "https://zoom.example.org/j/91234567890\nMeeting-ID: 912 3456 7890\nKenncode: {code}"

VENUES = {
    "muenster": {
        "name": "Tagungshaus am Stadthafen",
        "street": "Hafenweg 12",
        "postal_code": "48155",
        "city": "Münster",
        "accessibility": "Stufenloser Eingang, Aufzug zum Saal im ersten Stock, barrierefreies WC im Erdgeschoss, "
        "Induktionsschleife im Saal. Zwei Behindertenparkplätze direkt am Eingang.",
        "directions": "Vom Hauptbahnhof mit den Buslinien zum Hafen, Haltestelle Stadthafen (5 Minuten Fußweg).",
    },
    "krefeld": {
        "name": "Bürgerhaus am Ostwall",
        "street": "Ostwall 100",
        "postal_code": "47798",
        "city": "Krefeld",
        "accessibility": "Ebenerdiger Zugang über den Seiteneingang, barrierefreies WC. Der Saal liegt im Erdgeschoss.",
        "directions": "Vom Hauptbahnhof 10 Minuten zu Fuß; Parkhaus in der Nähe.",
    },
    "duesseldorf": {
        "name": "Konferenzzentrum am Rheinufer",
        "street": "Uferstraße 5",
        "postal_code": "40213",
        "city": "Düsseldorf",
        "accessibility": "Alle Räume sind stufenlos erreichbar; Aufzug, barrierefreie WCs, Hörschleife im großen "
        "Saal. Auf Wunsch Gebärdensprachdolmetschung (bitte bei der Anmeldung angeben).",
        "directions": "Mit der Stadtbahn bis Haltestelle Rheinufer.",
    },
    "hamm": {
        "name": "Kulturzentrum am Kanal",
        "street": "Kanalstraße 20",
        "postal_code": "59065",
        "city": "Hamm",
        "accessibility": "Stufenloser Zugang, Aufzug, barrierefreies WC; reservierte Plätze für Rollstühle im Saal.",
        "directions": "Vom Bahnhof Hamm (Westf.) 15 Minuten zu Fuß oder mit dem Bus bis Kanalstraße.",
    },
}


@dataclass
class DatePlan:
    start: datetime.datetime
    end: datetime.datetime
    capacity: int
    waitlist: int = 0
    venue: str = ""
    online: str = ""
    dial_in: str = ""
    opens: datetime.datetime | None = None
    closes: datetime.datetime | None = None
    # (name, organisation, function) of demo people who already have a seat
    taken: list[tuple[str, str, str]] = field(default_factory=list)


@dataclass
class EventPlan:
    slug: str
    kind: str
    title: str
    teaser: str
    description: list[str]
    topics: list[str]
    dates: list[DatePlan]
    host: str = ""
    agenda: list[tuple[str, str, str]] = field(default_factory=list)  # (time, title, speakers)
    report: list[str] = field(default_factory=list)
    documents: list[tuple[str, str, list[str]]] = field(default_factory=list)  # (slug, title, paragraphs)
    photos: list[tuple[str, str, str]] = field(default_factory=list)  # (motif, alt text, caption)
    status: str = Event.Status.PUBLISHED
    cancellation_note: str = ""


def _at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=BERLIN)


def _weekday_after(today: datetime.date, days: int, weekday: int) -> datetime.date:
    """The first given weekday (0 = Monday) at least `days` days after today, not between Christmas and New Year."""
    day = today + datetime.timedelta(days=days)
    day += datetime.timedelta(days=(weekday - day.weekday()) % 7)
    while (day.month, day.day) >= (12, 22) or (day.month, day.day) <= (1, 2):
        day += datetime.timedelta(days=7)
    return day


def create_demo_events(today: datetime.date | None = None) -> int:
    """Create the demo events that do not exist yet; returns how many records were created.

    Documents the project demo already put in the library (e.g. the Tagungsbericht 2021) are linked, not copied.
    """
    today = today or timezone.localdate()
    plans = _past_events() + _upcoming_events(today)
    created = 0
    with transaction.atomic():
        venues = {}
        for key, values in VENUES.items():
            venues[key], new = Venue.objects.get_or_create(name=values["name"], defaults=values)
            created += new
        topics = {topic.slug: topic for topic in Topic.objects.all()}
        existing = set(Event.objects.filter(slug__in=[p.slug for p in plans]).values_list("slug", flat=True))
        for plan in plans:
            if plan.slug not in existing:
                created += _create_event(plan, venues, topics)
    return created


def _create_event(plan: EventPlan, venues: dict, topics: dict) -> int:
    host = Municipality.objects.filter(slug=plan.host).first() if plan.host else None
    event = Event.objects.create(
        slug=plan.slug,
        kind=plan.kind,
        title=plan.title,
        teaser=plan.teaser,
        description=_html(plan.description),
        host_municipality=host,
        status=plan.status,
        cancellation_note=plan.cancellation_note,
        report=_html(plan.report),
    )
    event.topics.set([topics[slug] for slug in plan.topics if slug in topics])
    created = 1
    for spec in plan.dates:
        date = EventDate.objects.create(
            event=event,
            starts_at=spec.start,
            ends_at=spec.end,
            capacity=spec.capacity,
            waitlist_limit=spec.waitlist,
            registration_opens=spec.opens,
            registration_closes=spec.closes,
            venue=venues.get(spec.venue),
            online_platform=spec.online,
            dial_in=spec.dial_in,
            is_cancelled=plan.status == Event.Status.CANCELLED,
            cancelled_at=spec.start - datetime.timedelta(days=30) if plan.status == Event.Status.CANCELLED else None,
        )
        created += 1 + _seat_demo_people(date, spec.taken)
    AgendaItem.objects.bulk_create(
        AgendaItem(
            event=event,
            time=datetime.time.fromisoformat(time) if time else None,
            title=title,
            speakers=speakers,
            position=position,
        )
        for position, (time, title, speakers) in enumerate(plan.agenda)
    )
    created += len(plan.agenda)
    refresh_event(event=event)
    for slug, title, paragraphs in plan.documents:
        document = Document.objects.filter(slug=slug).first() or _create_presentation(slug, title, paragraphs, plan)
        event.documents.add(document)
        created += 1
    for position, (motif, alt_text, caption) in enumerate(plan.photos):
        photo = EventPhoto(event=event, alt_text=alt_text, caption=caption, credit=PHOTO_CREDIT, position=position)
        name = f"{plan.slug[:50]}-{position + 1}.jpg"
        photo.image.save(name, ContentFile(_picture(motif), name=name), save=False)
        photo.save()
        create_photo_renditions(photo=photo)
        created += 1
    return created


def _seat_demo_people(date: EventDate, people) -> int:
    """Demo participants with a seat (example.org addresses), so that the small seminar is nearly full."""
    now = timezone.now()
    Registration.objects.bulk_create(
        Registration(
            date=date,
            name=name,
            email=f"{name.lower().replace(' ', '.')}@example.org".replace("ü", "ue").replace("ö", "oe"),
            organisation=organisation,
            function=function,
            consent_text=consent_text(),
            consented_at=now,
            status=Registration.Status.CONFIRMED,
            opted_in_at=now,
            confirmed_at=now,
        )
        for name, organisation, function in people
    )
    return len(people)


def _create_presentation(slug: str, title: str, paragraphs: list[str], plan: EventPlan) -> Document:
    document = Document(
        slug=slug,
        kind=Document.Kind.PRESENTATION,
        title=title,
        date=plan.dates[0].start.date(),
        description=f"Präsentation zur Veranstaltung „{plan.title}“.",
        source="Interkommunales.NRW (Demo)",
        licence="CC BY 4.0",
        is_published=True,
    )
    pdf = make_pdf(title, [*paragraphs, DEMO_NOTE])
    attach_document_file(document=document, upload=ContentFile(pdf, name=f"{slug[:70]}.pdf"), file_type=PDF)
    document.save()
    document.topics.set(Topic.objects.filter(slug__in=plan.topics))
    refresh_document(document=document)
    return document


def _html(paragraphs) -> str:
    return "".join(f"<p>{escape(paragraph, quote=False)}</p>" for paragraph in paragraphs)


# --- The events named in FACTS.md ---


def _past_events() -> list[EventPlan]:
    day = datetime.date
    return [
        EventPlan(
            slug="jahrestagung-2017",
            kind=Event.Kind.JAHRESTAGUNG,
            title="Jahrestagung 2017",
            teaser="Ein Jahr Interkommunales.NRW: Kommunen berichteten, was sie gemeinsam erreicht haben, und "
            "diskutierten, wie das Portal die Suche nach Partnern erleichtern kann.",
            description=[
                "Die Jahrestagung bringt einmal im Jahr Verwaltungen, Politik und Verbände zusammen, die in "
                "Nordrhein-Westfalen über Gemeindegrenzen hinweg arbeiten.",
            ],
            topics=["allgemeine-verwaltung"],
            dates=[DatePlan(_at(day(2017, 9, 28), 10), _at(day(2017, 9, 28), 16), 120, venue="duesseldorf")],
            agenda=[
                ("10:00", "Begrüßung und ein Jahr Interkommunales.NRW", "KommunalAgentur NRW"),
                ("10:45", "Was Kooperationen erfolgreich macht: Beispiele aus den Kommunen", ""),
                ("13:00", "Arbeitsgruppen: Verwaltung, Infrastruktur, Digitalisierung", ""),
                ("15:30", "Ergebnisse und Ausblick", ""),
            ],
            report=[
                "Ein Jahr nach dem Start des Portals zog die Tagung eine erste Bilanz: Mehr als hundert Projekte "
                "aus rund 300 Kommunen waren bis dahin eingetragen.",
                "In den Arbeitsgruppen ging es vor allem darum, wie Kommunen passende Partner finden und welche "
                "Unterlagen – Vereinbarungen, Ratsvorlagen – anderen beim Start helfen.",
            ],
            photos=[("chairs", "Grafik: Stuhlreihen vor einer Bühne mit Rednerpult", "Symbolbild Jahrestagung")],
        ),
        EventPlan(
            slug="erfahrungsaustausch-biooekonomie-netzwerk",
            kind=Event.Kind.ERFAHRUNGSAUSTAUSCH,
            title="Erfahrungsaustausch „Einrichtung eines Bioökonomie-Netzwerkes“",
            teaser="Wie Kommunen Reststoffe aus Textilien, Klärschlamm, Abfall und Landwirtschaft gemeinsam in der "
            "Region verwerten können: Erfahrungen aus Krefeld.",
            description=[
                "Knappe Rohstoffe und der Klimaschutz sprechen dafür, Reststoffe in der Region zu verwerten. "
                "In Krefeld berichteten die Beteiligten, wie ein Netzwerk dafür entsteht und wer mitmachen sollte.",
            ],
            topics=["umwelt-klima-und-energie", "wirtschaftsfoerderung"],
            host="krefeld",
            dates=[DatePlan(_at(day(2017, 11, 15), 10), _at(day(2017, 11, 15), 15), 40, venue="krefeld")],
            agenda=[
                ("10:00", "Begrüßung durch die Stadt Krefeld", ""),
                ("10:30", "Reststoffe als Rohstoffe: Textilien, Klärschlamm, Abfall, Landwirtschaft", ""),
                ("12:30", "Mittagspause", ""),
                ("13:15", "Wie ein Netzwerk entsteht: Partner, Rollen, Förderung", ""),
                ("14:30", "Austausch und nächste Schritte", ""),
            ],
            report=[
                "Der Erfahrungsaustausch zeigte, dass sich ein Bioökonomie-Netzwerk lohnt, wenn Kommunen, "
                "Entsorger, Landwirtschaft und Unternehmen früh an einem Tisch sitzen.",
                "Die Präsentation fasst die Stoffströme und die ersten Schritte zusammen.",
            ],
            documents=[
                (
                    # The library's summary of the day (projects demo), created here only when it is missing.
                    "erfahrungsaustausch-biooekonomie-netzwerk-2017",
                    "Erfahrungsaustausch: Einrichtung eines Bioökonomie-Netzwerkes",
                    [
                        "Stoffströme der Region: Textilien, Klärschlamm, Abfall, Reste aus der Landwirtschaft.",
                        "Wer gehört ins Netzwerk? Kommunen, Entsorger, Landwirtschaft, Unternehmen, Hochschulen.",
                        "Erste Schritte: Bestandsaufnahme, gemeinsame Ziele, eine koordinierende Stelle.",
                    ],
                )
            ],
        ),
        EventPlan(
            slug="online-veranstaltung-foerderrichtlinie-ikz-2020",
            kind=Event.Kind.ONLINE,
            title="Online-Veranstaltung: Die Förderrichtlinie IKZ NRW",
            teaser="Wer neue interkommunale Kooperationen beginnen will, kann Fördermittel des Landes beantragen. "
            "Die Veranstaltung erklärte Voraussetzungen, Antrag und Ablauf.",
            description=[
                "Das Land fördert den Start neuer Kooperationen. Die Veranstaltung stellte die Förderrichtlinie vor "
                "und beantwortete Fragen der Kommunen zum Antrag bei der Bezirksregierung Düsseldorf.",
            ],
            topics=["finanzen-und-steuern", "allgemeine-verwaltung"],
            dates=[DatePlan(_at(day(2020, 9, 24), 10), _at(day(2020, 9, 24), 12), 100, online="Zoom")],
            agenda=[
                ("10:00", "Die Förderrichtlinie im Überblick", ""),
                ("10:45", "Vom Antrag bis zum Verwendungsnachweis", ""),
                ("11:15", "Ihre Fragen", ""),
            ],
            report=[
                "Die Fragen drehten sich vor allem darum, welche Vorhaben als neue Kooperation gelten und wie "
                "der Antrag mit den Beschlüssen der beteiligten Räte zusammenpasst.",
            ],
            documents=[
                (
                    "praesentation-foerderrichtlinie-ikz-nrw-2020",
                    "Online-Veranstaltung zur Förderrichtlinie IKZ NRW",
                    [
                        "Gefördert wird der Start neuer interkommunaler Kooperationen.",
                        "Anträge gehen an die Bezirksregierung Düsseldorf.",
                        "Der Antrag braucht die Beschlüsse der beteiligten Kommunen.",
                    ],
                )
            ],
        ),
        EventPlan(
            slug="jahrestagung-januar-2021",
            kind=Event.Kind.JAHRESTAGUNG,
            title="5. Jahrestagung",
            teaser="Die fünfte Jahrestagung war für Januar 2021 als Präsenzveranstaltung geplant.",
            description=["Geplant war ein Tag mit Berichten aus den Kommunen und Arbeitsgruppen zu den Themenfeldern."],
            topics=["allgemeine-verwaltung"],
            dates=[DatePlan(_at(day(2021, 1, 27), 10), _at(day(2021, 1, 27), 16), 120, venue="muenster")],
            status=Event.Status.CANCELLED,
            cancellation_note="Die Tagung konnte im Januar 2021 nicht wie geplant in Präsenz stattfinden. Die "
            "nächste Jahrestagung folgte am 16. November 2021 in Münster.",
        ),
        EventPlan(
            slug="jahrestagung-2021",
            kind=Event.Kind.JAHRESTAGUNG,
            title="Jahrestagung 2021",
            teaser="Fast 60 Mitwirkende und Teilnehmende in Münster: Radverkehr, Bürgerbus, eine digitale Region "
            "und IT-Betreuung für Schulen – und der Startschuss für den Landespreis.",
            description=[
                "Kommunen stellten Kooperationen vor, die im Alltag der Menschen ankommen: vom gemeinsam geförderten "
                "Radverkehr bis zur IT-Betreuung der Schulen.",
            ],
            topics=["mobilitaet-und-verkehr", "digitalisierung-und-it", "bildung-und-schule"],
            host="muenster",
            dates=[DatePlan(_at(day(2021, 11, 16), 10), _at(day(2021, 11, 16), 16), 60, venue="muenster")],
            agenda=[
                ("10:00", "Begrüßung", "KommunalAgentur NRW"),
                ("10:30", "Nahmobilität: den Radverkehr gemeinsam fördern", ""),
                ("11:15", "Ein Bürgerbus für mehrere Gemeinden", ""),
                ("13:00", "Eine Region wird digital", ""),
                ("13:45", "IT-Betreuung für Schulen über Gemeindegrenzen", ""),
                ("15:00", "Ankündigung: Landespreis für innovative interkommunale Zusammenarbeit", ""),
            ],
            report=[
                "Fast 60 Mitwirkende und Teilnehmende kamen nach Münster. Vier Kooperationen zeigten, wie "
                "Kommunen gemeinsam Angebote schaffen, die eine allein kaum stemmen könnte.",
                "Zum Abschluss wurde der Landespreis für innovative interkommunale Zusammenarbeit in "
                "Nordrhein-Westfalen angekündigt.",
            ],
            documents=[
                (
                    "tagungsbericht-jahrestagung-2021-muenster",
                    "Tagungsbericht: Jahrestagung 2021 in Münster",
                    ["Fast 60 Mitwirkende und Teilnehmende kamen am 16. November 2021 nach Münster."],
                ),
                (
                    "praesentation-jahrestagung-2021-radverkehr",
                    "Präsentation: Radverkehr gemeinsam fördern",
                    ["Gemeinsame Radwegeplanung über Gemeindegrenzen.", "Abgestimmte Förderanträge."],
                ),
                (
                    "praesentation-jahrestagung-2021-buergerbus",
                    "Präsentation: Ein Bürgerbus für mehrere Gemeinden",
                    ["Ehrenamtliche fahren, die Kommunen tragen Fahrzeug und Organisation gemeinsam."],
                ),
                (
                    "praesentation-jahrestagung-2021-digitale-region",
                    "Präsentation: Eine Region wird digital",
                    ["Gemeinsame Plattformen, gemeinsame Beschaffung, gemeinsame Fachleute."],
                ),
                (
                    "praesentation-jahrestagung-2021-schul-it",
                    "Präsentation: IT-Betreuung für Schulen",
                    ["Ein gemeinsames Team betreut die Schulen mehrerer Schulträger."],
                ),
            ],
            photos=[
                ("chairs", "Grafik: Stuhlreihen vor einer Bühne mit Rednerpult", "Symbolbild Jahrestagung 2021"),
                ("groups", "Grafik: vier Gruppen von Punkten an runden Tischen", "Symbolbild Arbeitsgruppen"),
            ],
        ),
        EventPlan(
            slug="online-erfahrungsaustausch-innenstadt-neu-denken",
            kind=Event.Kind.ERFAHRUNGSAUSTAUSCH,
            title="Online-Erfahrungsaustausch „Innenstadt – Neu denken?!“",
            teaser="Leerstand, Handel im Wandel, neue Nutzungen: wie Kommunen ihre Innenstädte gemeinsam beleben.",
            description=[
                "Ein Austausch über Ideen für lebendige Ortskerne – und darüber, was Nachbarkommunen dabei "
                "gemeinsam besser können als allein.",
            ],
            topics=["bauen-und-planen", "wirtschaftsfoerderung"],
            dates=[DatePlan(_at(day(2021, 12, 8), 14), _at(day(2021, 12, 8), 16), 80, online="Zoom")],
            report=[
                "Die Teilnehmenden tauschten Beispiele für Zwischennutzungen, gemeinsames Stadtmarketing und "
                "abgestimmte Einzelhandelskonzepte aus.",
            ],
        ),
        EventPlan(
            slug="sprechstunden-landespreis-2022",
            kind=Event.Kind.SPRECHSTUNDE,
            title="Online-Sprechstunden zum Landespreis",
            teaser="Fragen zur Bewerbung um den Landespreis für innovative interkommunale Zusammenarbeit? In drei "
            "Sprechstunden per Zoom gab es Antworten.",
            description=[
                "Je eine Stunde für Ihre Fragen zu Kategorien, Teilnahmebedingungen und Bewerbung. Melden Sie sich "
                "für einen der Termine an; die Zugangsdaten kamen nach der Anmeldung per E-Mail.",
            ],
            topics=["allgemeine-verwaltung"],
            dates=[
                DatePlan(_at(day(2022, 1, 14), 11), _at(day(2022, 1, 14), 12), 30, online="Zoom"),
                DatePlan(_at(day(2022, 1, 26), 11), _at(day(2022, 1, 26), 12), 30, online="Zoom"),
                DatePlan(_at(day(2022, 2, 4), 11), _at(day(2022, 2, 4), 12), 30, online="Zoom"),
            ],
            report=[
                "In den drei Sprechstunden ging es vor allem um die Wahl der Kategorie und um die Frage, welche "
                "Kommune federführend einreicht.",
            ],
        ),
        EventPlan(
            slug="festakt-landespreis-2022",
            kind=Event.Kind.FESTAKT,
            title="Festakt: Verleihung des Landespreises 2022",
            teaser="Der Minister und die Jury zeichneten die Gewinner des ersten Landespreises für innovative "
            "interkommunale Zusammenarbeit aus.",
            description=["Die Preisträgerinnen und Preisträger der fünf Kategorien stellten ihre Projekte vor."],
            topics=["allgemeine-verwaltung"],
            dates=[DatePlan(_at(day(2022, 3, 19), 11), _at(day(2022, 3, 19), 14), 150, venue="duesseldorf")],
            agenda=[
                ("11:00", "Begrüßung", ""),
                ("11:20", "Verleihung in fünf Kategorien", "Der Minister; die Jury"),
                ("13:00", "Empfang", ""),
            ],
            report=[
                "75 Bewerbungen waren eingegangen. Die Jury aus der oder dem Landesbeauftragten für "
                "interkommunale Zusammenarbeit, den drei kommunalen Spitzenverbänden und der NRW.BANK wählte "
                "die Preisträger; je Kategorie gab es 10.000 Euro.",
            ],
            photos=[("stage", "Grafik: eine Bühne mit fünf Pokalen", "Symbolbild Preisverleihung")],
        ),
        EventPlan(
            slug="digitaler-erfahrungsaustausch-herbst-2023",
            kind=Event.Kind.ERFAHRUNGSAUSTAUSCH,
            title="Digitaler Erfahrungsaustausch Herbst 2023",
            teaser="Zwei Online-Termine, in denen Kommunen von laufenden Kooperationen berichteten und Fragen "
            "anderer beantworteten.",
            description=["Kurze Berichte aus der Praxis, danach Zeit für Fragen und Austausch."],
            topics=["digitalisierung-und-it", "allgemeine-verwaltung"],
            dates=[
                DatePlan(_at(day(2023, 10, 11), 14), _at(day(2023, 10, 11), 15, 30), 60, online="Zoom"),
                DatePlan(_at(day(2023, 11, 8), 14), _at(day(2023, 11, 8), 15, 30), 60, online="Zoom"),
            ],
            report=["Beide Termine zeigten, wie viel Kommunen voneinander lernen, wenn sie offen über Hürden reden."],
        ),
        EventPlan(
            slug="jahrestagung-2024",
            kind=Event.Kind.JAHRESTAGUNG,
            title="Jahrestagung 2024",
            teaser="Die Jahrestagung 2024: Kooperationen, die Personal und Kosten sparen, und ein Blick auf die "
            "nächste Runde des Landespreises.",
            description=["Berichte aus den Kommunen, Arbeitsgruppen und ein Ausblick auf die Förderung bis 2026."],
            topics=["allgemeine-verwaltung", "personal"],
            dates=[DatePlan(_at(day(2024, 11, 13), 10), _at(day(2024, 11, 13), 16), 120, venue="hamm")],
            agenda=[
                ("10:00", "Begrüßung", ""),
                ("10:30", "Gemeinsam gegen den Fachkräftemangel", ""),
                ("13:00", "Arbeitsgruppen", ""),
                ("15:15", "Ausblick", ""),
            ],
            report=[
                "Im Mittelpunkt stand der Fachkräftemangel: Mehrere Kommunen zeigten, wie sie Aufgaben bündeln, "
                "damit Stellen besetzt bleiben und Wissen nicht verloren geht.",
            ],
            documents=[
                (
                    "praesentation-jahrestagung-2024-fachkraefte",
                    "Präsentation: Gemeinsam gegen den Fachkräftemangel",
                    ["Aufgaben bündeln, Vertretungen sichern, gemeinsam ausbilden."],
                )
            ],
        ),
    ]


# --- Upcoming events, dated from today ---


def _upcoming_events(today: datetime.date) -> list[EventPlan]:
    seminar_day = _weekday_after(today, 18, 2)  # a Wednesday in about three weeks
    bauhof_day = _weekday_after(today, 45, 3)  # a Thursday in about six weeks
    office_hours = [_weekday_after(today, days, 4) for days in (12, 40, 75)]  # Fridays
    ssc_day = _weekday_after(today, 70, 1)  # a Tuesday in about ten weeks
    return [
        EventPlan(
            slug="online-seminar-oeffentlich-rechtliche-vereinbarung",
            kind=Event.Kind.SEMINAR,
            title="Online-Seminar: Die öffentlich-rechtliche Vereinbarung sicher gestalten",
            teaser="Was in eine öffentlich-rechtliche Vereinbarung nach dem GkG NRW gehört – mit Mustern und "
            "Beispielen aus der Praxis. Kleine Gruppe, viel Zeit für Fragen.",
            description=[
                "Das Seminar geht eine Vereinbarung Paragraf für Paragraf durch: Gegenstand, Durchführung, "
                "Kostenerstattung, Datenschutz, Laufzeit und Kündigung.",
                "Die Gruppe ist bewusst klein. Ist sie voll, können Sie sich auf die Warteliste setzen lassen.",
            ],
            topics=["allgemeine-verwaltung", "finanzen-und-steuern"],
            dates=[
                DatePlan(
                    _at(seminar_day, 10),
                    _at(seminar_day, 12, 30),
                    capacity=3,
                    waitlist=5,
                    online="Zoom",
                    dial_in=DEMO_DIAL_IN.format(code="GkG-2026"),
                    taken=[
                        ("Jana Beispiel", "Kreisverwaltung, Rechtsamt", "Juristin"),
                        ("Tarik Muster", "Gemeindeverwaltung, Hauptamt", "Sachbearbeiter"),
                    ],
                )
            ],
            agenda=[
                ("10:00", "Wann eine Vereinbarung, wann ein Zweckverband?", ""),
                ("10:45", "Die Vereinbarung Paragraf für Paragraf", ""),
                ("12:00", "Ihre Fälle und Fragen", ""),
            ],
        ),
        EventPlan(
            slug="erfahrungsaustausch-gemeinsame-bauhoefe",
            kind=Event.Kind.ERFAHRUNGSAUSTAUSCH,
            title="Erfahrungsaustausch: Gemeinsame Bauhöfe",
            teaser="Fahrzeuge, Werkstatt, Winterdienst: Kommunen berichten, wie sie ihre Bauhöfe gemeinsam "
            "betreiben, und was sie dabei gelernt haben.",
            description=[
                "Vom geteilten Fuhrpark bis zum gemeinsamen Betriebshof: drei Kooperationen stellen sich vor. "
                "Danach ist Zeit für Ihre Fragen und für Gespräche mit den Beteiligten.",
            ],
            topics=["bauen-und-planen", "ver-und-entsorgung"],
            host="hamm",
            dates=[DatePlan(_at(bauhof_day, 10), _at(bauhof_day, 15), capacity=40, waitlist=10, venue="hamm")],
            agenda=[
                ("10:00", "Begrüßung", ""),
                ("10:15", "Ein Fuhrpark für drei Gemeinden", ""),
                ("11:00", "Winterdienst ohne Grenzen", ""),
                ("12:00", "Mittagspause", ""),
                ("13:00", "Von der Idee zur Vereinbarung: Kosten gerecht teilen", ""),
                ("14:15", "Austausch", ""),
            ],
        ),
        EventPlan(
            slug="sprechstunden-foerderung-ikz",
            kind=Event.Kind.SPRECHSTUNDE,
            title="Online-Sprechstunden: Förderung für Ihre Kooperation",
            teaser="Eine Stunde für Ihre Fragen zur Förderung interkommunaler Zusammenarbeit. Wählen Sie einen der "
            "drei Termine.",
            description=[
                "Sie planen eine Kooperation und fragen sich, ob und wie sie gefördert werden kann? Bringen Sie Ihre "
                "Fragen mit. Die Zugangsdaten erhalten Sie nach der Anmeldung per E-Mail.",
            ],
            topics=["finanzen-und-steuern"],
            dates=[
                DatePlan(
                    _at(day, 11),
                    _at(day, 12),
                    capacity=8,
                    waitlist=4,
                    online="Zoom",
                    dial_in=DEMO_DIAL_IN.format(code=f"IKZ-{number}"),
                    opens=_at(day - datetime.timedelta(days=28), 8) if number == 3 else None,
                )
                for number, day in enumerate(office_hours, start=1)
            ],
        ),
        EventPlan(
            slug="seminar-shared-service-center",
            kind=Event.Kind.SEMINAR,
            title="Seminar: Ein Shared Service Center aufbauen",
            teaser="Personalabrechnung, Beschaffung, IT: wie mehrere Kommunen Aufgaben in einem gemeinsamen "
            "Dienstleistungszentrum bündeln.",
            description=[
                "Das Seminar führt von der Aufgabenauswahl über die Rechtsform bis zur Kostenverteilung. "
                "Grundlage sind Erfahrungen von Kommunen, die diesen Weg schon gegangen sind.",
            ],
            topics=["allgemeine-verwaltung", "personal"],
            dates=[
                DatePlan(
                    _at(ssc_day, 9, 30),
                    _at(ssc_day, 16),
                    capacity=25,
                    waitlist=10,
                    venue="duesseldorf",
                    closes=_at(ssc_day - datetime.timedelta(days=7), 23, 59),
                )
            ],
            agenda=[
                ("09:30", "Welche Aufgaben eignen sich?", ""),
                ("11:00", "Rechtsformen im Vergleich", ""),
                ("13:30", "Kosten fair verteilen", ""),
                ("15:00", "Ihr Fahrplan", ""),
            ],
        ),
    ]


# --- Pictures: simple graphics, described by their alt texts ---


def _picture(motif: str) -> bytes:
    width, height = 1200, 800
    image = Image.new("RGB", (width, height), (244, 241, 234))
    draw = ImageDraw.Draw(image)
    if motif == "chairs":
        draw.rectangle([350, 80, 850, 200], fill=(29, 63, 140))
        draw.rectangle([570, 200, 630, 300], fill=(120, 90, 60))
        for row in range(5):
            for seat in range(10):
                x, y = 150 + seat * 95, 360 + row * 85
                draw.rectangle([x, y, x + 60, y + 50], fill=(76, 153, 92) if (row + seat) % 2 else (60, 130, 80))
    elif motif == "groups":
        for index, (cx, cy) in enumerate(((300, 250), (900, 250), (300, 600), (900, 600))):
            draw.ellipse([cx - 120, cy - 80, cx + 120, cy + 80], fill=(200, 180, 140))
            for person in range(6):
                x = cx - 150 + person * 60
                colour = ((31, 94, 153), (181, 52, 45), (238, 190, 60))[(person + index) % 3]
                draw.ellipse([x, cy - 150, x + 40, cy - 110], fill=colour)
    else:  # stage with five trophies
        draw.rectangle([100, 500, 1100, 700], fill=(120, 124, 130))
        for index in range(5):
            x = 200 + index * 200
            draw.rectangle([x - 40, 440, x + 40, 500], fill=(90, 90, 90))
            draw.polygon([(x - 50, 300), (x + 50, 300), (x + 20, 420), (x - 20, 420)], fill=(238, 190, 60))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=82)
    return buffer.getvalue()
