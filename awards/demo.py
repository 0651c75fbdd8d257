"""Demo content of the Landespreis: the decided round 2022 with the categories and criteria of the real prize
and made-up winners (the round is marked as demo data on the site), and an open demo round whose deadline lies
about three months after the day of loading, with a jury of five demo accounts, so that entering, drafting and
scoring can be tried.

Idempotent: rounds are looked up by year (the open one by being an open demo round), users by name; nothing
that exists is changed. Entries point to the demo projects of the same name when the project demo is loaded.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from awards.models import Category, Criterion, Entry, JuryMember, Round
from awards.services import consent_text
from events.models import Event
from portal.models import Municipality
from portal.permissions import JURY_GROUP
from projects.models import Project

BERLIN = ZoneInfo("Europe/Berlin")
# The demo accounts of the jury; README, section Landespreis.
JURY_PASSWORD = "landespreis-demo"
JURY = [
    ("jury-vorsitz", "Dana", "Vorsitz (Demo)", "Landesbeauftragte für interkommunale Zusammenarbeit", True),
    ("jury-landkreistag", "Lars", "Landkreistag (Demo)", "Landkreistag NRW", False),
    ("jury-staedtetag", "Sina", "Städtetag (Demo)", "Städtetag NRW", False),
    ("jury-stgb", "Jonas", "Gemeindebund (Demo)", "Städte- und Gemeindebund NRW", False),
    ("jury-nrwbank", "Mira", "Bank (Demo)", "NRW.BANK", False),
]

CATEGORIES_2022 = [
    (
        "Kommunale Pflichtaufgaben & Innere Verwaltung",
        "Aufgaben, die Kommunen erfüllen müssen, und die Verwaltung selbst: Finanzen, Personal, IT, Bürgerdienste.",
    ),
    (
        "Informationsaustausch & Vernetzung",
        "Kommunen teilen Wissen, Daten und Kanäle und erreichen gemeinsam mehr Menschen.",
    ),
    (
        "Wirtschaftsförderung, Tourismus & Kultur",
        "Gemeinsam für Unternehmen, Gäste und das kulturelle Leben einer Region.",
    ),
    ("Umwelt, Planung & Infrastruktur", "Klima, Mobilität, Flächen, Ver- und Entsorgung über Gemeindegrenzen hinweg."),
    (
        "Sonderkategorie: Interkommunale Zusammenarbeit in der Krisenbewältigung",
        "Wie Kommunen gemeinsam Krisen vorbeugen und bewältigen – von der Pandemie bis zum Hochwasser.",
    ),
]
SHARED_SERVICE_CENTER = (
    "Sonderkategorie: Shared Service Center",
    "Kommunen bündeln Aufgaben der Verwaltung in einer gemeinsamen Stelle, die für alle arbeitet.",
)
CRITERIA = [
    ("Gewinn der Kooperation", "Was bringt die Zusammenarbeit den Kommunen und den Menschen: Kosten, Qualität, Zeit."),
    ("Grad der Innovation", "Was ist neu, in der Sache oder in der Art der Zusammenarbeit?"),
    (
        "Zukunftsfähigkeit / Nutzbarkeit / Nachhaltigkeit",
        "Trägt das Projekt auf Dauer, und können es andere Kommunen übernehmen?",
    ),
]
PRIZE = Decimal("10000")


@dataclass
class EntryPlan:
    project: str  # slug of the demo project, linked when it exists
    title: str
    category: int  # index into the round's categories
    lead: str
    partners: list[str]
    start: datetime.date
    form: str
    kind: str = Entry.OrganisationKind.KOMMUNE
    ongoing: bool = True
    winner: bool = False
    state: str = Entry.State.ACCEPTED
    texts: dict = field(default_factory=dict)


def _texts(short: str, occasion: str, goal: str, implementation: str, benefit: str, innovation: str, future: str):
    return {
        "short_description": short,
        "occasion": occasion,
        "goal": goal,
        "implementation": implementation,
        "benefit": benefit,
        "innovation": innovation,
        "sustainability": future,
    }


WINNERS_2022 = [
    EntryPlan(
        "finanzzentrum-baumberge",
        "Finanzzentrum Baumberge",
        0,
        "nottuln",
        ["havixbeck", "billerbeck", "rosendahl"],
        datetime.date(2018, 1, 1),
        "vereinbarung",
        winner=True,
        texts=_texts(
            "Vier Gemeinden führen Kasse, Steuern und Vollstreckung in einem gemeinsamen Finanzzentrum.",
            "Fachleute für Kasse und Steuern waren in allen vier Rathäusern schwer zu finden; Vertretungen fehlten.",
            "Verlässliche Finanzverwaltung für alle vier Gemeinden mit weniger Aufwand je Buchung.",
            "Eine öffentlich-rechtliche Vereinbarung überträgt die Aufgaben auf Nottuln; die Kosten teilen die "
            "Partner nach Buchungen.",
            "Weniger Schnittstellen, eine Software, gegenseitige Vertretung, kürzere Wege für Bürgerinnen und Bürger.",
            "Ein Finanzzentrum für mehrere kleine Gemeinden war im Münsterland neu.",
            "Weitere Gemeinden können sich anschließen; die Vereinbarung ist als Muster veröffentlicht.",
        ),
    ),
    EntryPlan(
        "news-app-ennepe-ruhr-kreis",
        "Gemeinsame News-App des Ennepe-Ruhr-Kreises und seiner Städte",
        1,
        "ennepe-ruhr-kreis",
        ["hattingen", "witten", "schwelm"],
        datetime.date(2018, 9, 1),
        "arbeitsgemeinschaft",
        kind=Entry.OrganisationKind.KREIS,
        winner=True,
        texts=_texts(
            "Kreis und Städte informieren in einer gemeinsamen App, statt jeder für sich.",
            "Jede Verwaltung pflegte eigene Kanäle, die wenige erreichten.",
            "Alle Nachrichten aus Kreis und Rathäusern an einem Ort, auch als Warnung im Ernstfall.",
            "Eine Arbeitsgemeinschaft betreibt die App; jede Stadt pflegt ihre Meldungen selbst.",
            "Mehr Reichweite für alle, geringere Kosten für jede einzelne Verwaltung.",
            "Eine App für einen ganzen Kreis mit seinen Städten.",
            "Andere Kreise können die App und das Betriebsmodell übernehmen.",
        ),
    ),
    EntryPlan(
        "biooekonomie-netzwerk-krefeld",
        "Bioökonomie-Netzwerk Krefeld",
        2,
        "krefeld",
        ["kreis-viersen", "rhein-kreis-neuss", "moenchengladbach"],
        datetime.date(2017, 4, 1),
        "informell",
        winner=True,
        texts=_texts(
            "Unternehmen und Kommunen der Region nutzen Reststoffe gemeinsam als Rohstoffe.",
            "Textilreste, Klärschlamm und Abfälle aus der Landwirtschaft blieben ungenutzt.",
            "Regionale Kreisläufe, die Rohstoffe sparen und dem Klima helfen.",
            "Ein Netzwerk mit regelmäßigen Treffen, getragen von der Wirtschaftsförderung Krefeld.",
            "Neue Geschäftsfelder für Betriebe der Region und weniger Abfall.",
            "Bioökonomie als gemeinsame Aufgabe von Wirtschaftsförderungen mehrerer Kommunen.",
            "Das Netzwerk wächst und steht weiteren Kommunen offen.",
        ),
    ),
    EntryPlan(
        "radverkehr-gemeinsam-foerdern-kreis-guetersloh",
        "Radverkehr gemeinsam fördern im Kreis Gütersloh",
        3,
        "kreis-guetersloh",
        ["guetersloh", "rheda-wiedenbrueck", "verl", "harsewinkel", "herzebrock-clarholz"],
        datetime.date(2019, 4, 1),
        "vereinbarung",
        kind=Entry.OrganisationKind.KREIS,
        winner=True,
        texts=_texts(
            "Kreis und Städte planen ein durchgehendes Radwegenetz und bauen es gemeinsam.",
            "Radwege endeten an Gemeindegrenzen.",
            "Ein Netz ohne Lücken für den Alltagsverkehr.",
            "Ein gemeinsames Konzept, abgestimmte Förderanträge und eine Koordinierungsstelle beim Kreis.",
            "Mehr Menschen fahren Rad; Förderprogramme werden besser genutzt.",
            "Planung über alle Ebenen hinweg aus einer Hand.",
            "Das Konzept wird fortgeschrieben und ist auf andere Kreise übertragbar.",
        ),
    ),
    EntryPlan(
        "grenzueberschreitende-brandbekaempfung-kreis-viersen",
        "Feuerwehr ohne Grenzen: Kreis Viersen und niederländische Nachbarn",
        4,
        "kreis-viersen",
        ["nettetal", "brueggen", "niederkruechten"],
        datetime.date(2016, 3, 1),
        "vereinbarung",
        kind=Entry.OrganisationKind.KREIS,
        winner=True,
        texts=_texts(
            "Feuerwehren beiderseits der Grenze helfen einander ohne Umwege.",
            "Bei Bränden im Grenzgebiet war die nächste Wache oft eine niederländische.",
            "Schnelle Hilfe, egal auf welcher Seite der Grenze.",
            "Vereinbarungen über gegenseitige Hilfe, gemeinsame Übungen und abgestimmte Alarmierung.",
            "Kürzere Eintreffzeiten und gemeinsame Einsatzerfahrung.",
            "Grenzüberschreitende Gefahrenabwehr im Alltag.",
            "Die Zusammenarbeit läuft weiter und dient anderen Grenzregionen als Vorbild.",
        ),
    ),
]

ENTRIES_OPEN = [
    EntryPlan(
        "it-support-schulen-staedteregion-aachen",
        "IT-Support für Schulen im Nordkreis der Städteregion Aachen",
        0,
        "stolberg-rhld",
        ["eschweiler", "wuerselen", "alsdorf"],
        datetime.date(2021, 8, 1),
        "vereinbarung",
        state=Entry.State.SUBMITTED,
        texts=_texts(
            "Mehrere Städte betreuen die IT ihrer Schulen mit einem gemeinsamen Team.",
            "Lehrkräfte kümmerten sich nebenbei um Geräte und Netze.",
            "Verlässliche Technik in allen Schulen.",
            "Ein gemeinsames Support-Team mit Ticketsystem, getragen von einer Vereinbarung.",
            "Kürzere Ausfallzeiten, Lehrkräfte können unterrichten.",
            "Schul-IT über Stadtgrenzen hinweg aus einer Hand.",
            "Weitere Schulträger können sich anschließen.",
        ),
    ),
    EntryPlan(
        "digitale-region-kreis-olpe",
        "Digitale Region Kreis Olpe",
        1,
        "kreis-olpe",
        ["attendorn", "drolshagen", "olpe", "wenden"],
        datetime.date(2020, 9, 1),
        "vereinbarung",
        kind=Entry.OrganisationKind.KREIS,
        state=Entry.State.SUBMITTED,
        texts=_texts(
            "Kreis und Städte digitalisieren ihre Verwaltungen gemeinsam.",
            "Jede Verwaltung allein war für die Digitalisierung zu klein.",
            "Online-Dienste für alle Menschen im Kreis zur gleichen Zeit.",
            "Eine gemeinsame Projektstelle, abgestimmte Software und geteilte Fachleute.",
            "Schnellere Einführung, geringere Kosten je Verwaltung.",
            "Ein ganzer Kreis als digitale Region.",
            "Das Vorgehen ist dokumentiert und übertragbar.",
        ),
    ),
    EntryPlan(
        "buergerbus-schleiden-hellenthal",
        "Bürgerbus Schleiden und Hellenthal",
        3,
        "schleiden",
        ["hellenthal", "kreis-euskirchen"],
        datetime.date(2019, 5, 1),
        "vereinbarung",
        state=Entry.State.SUBMITTED,
        texts=_texts(
            "Ehrenamtliche fahren einen Bürgerbus durch zwei Eifelgemeinden.",
            "Viele Dörfer hatten kaum noch Busverbindungen.",
            "Mobilität für Menschen ohne Auto.",
            "Ein Bürgerbusverein fährt, die Gemeinden und der Kreis tragen die Kosten.",
            "Dörfer bleiben erreichbar; ältere Menschen bleiben mobil.",
            "Ehrenamt und Kommunen gemeinsam für den ländlichen Nahverkehr.",
            "Der Verein wächst; Nachbargemeinden planen eigene Linien.",
        ),
    ),
]


def _at(year, month, day, hour=0, minute=0, second=0) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, second, tzinfo=BERLIN)


def create_demo_rounds(today: datetime.date | None = None) -> int:
    """Create the demo rounds, their jury accounts and entries that do not exist yet; returns how many records."""
    today = today or timezone.localdate()
    created = 0
    with transaction.atomic():
        jury, new_users = _jury_accounts()
        created += new_users
        if not Round.objects.filter(year=2022).exists():
            created += _round_2022(jury)
        if not Round.objects.filter(is_demo=True, state=Round.State.OPEN).exists():
            created += _open_round(today, jury)
    return created


def _jury_accounts():
    group, _ = Group.objects.get_or_create(name=JURY_GROUP)
    users, created = [], 0
    for username, first, last, affiliation, chair in JURY:
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            user = get_user_model()(
                username=username, first_name=first, last_name=last, email=f"{username}@example.org"
            )
            user.set_password(JURY_PASSWORD)
            user.save()
            user.groups.add(group)
            created += 1
        users.append((user, affiliation, chair))
    return users, created


def _pages(year: int, *, closes: str, ceremony: str) -> dict:
    return {
        "intro": "<p>Mit dem Landespreis zeichnet das Land Nordrhein-Westfalen Kommunen aus, die Aufgaben gemeinsam "
        "besser lösen als allein. Gesucht sind Projekte, die anderen Mut machen und sich übertragen lassen.</p>"
        f"<p>Bewerbungen sind nur digital möglich, bis zum {closes}. {ceremony}</p>",
        "application_text": "<p>Reichen Sie Ihr Projekt mit dem Formular auf dieser Seite ein. Sie können "
        "zwischendurch speichern und später weiterarbeiten; den Link dazu erhalten Sie per E-Mail. Die Fragen "
        "folgen dem Steckbrief der Projektdatenbank: Steht Ihr Projekt schon dort, übernehmen wir seine Angaben.</p>"
        "<p>Fügen Sie gern Unterlagen bei, etwa einen Ratsbeschluss, eine Vereinbarung oder Fotos.</p>",
        "conditions_text": "<h2>Im Einzelnen</h2><ul><li>Teilnehmen können Kommunen in Nordrhein-Westfalen und ihre "
        "Zusammenschlüsse; Unternehmen in privater Rechtsform nur, wenn Kommunen sie beherrschen.</li>"
        "<li>Projekte über die Landesgrenze hinweg sind willkommen; gezählt werden die Kommunen aus NRW.</li>"
        "<li>Ist keine Kommune federführend, bestätigt die Hauptverwaltungsbeamtin oder der Hauptverwaltungsbeamte "
        "die Ratsbeschlüsse aller Partner.</li></ul>",
        "prizes_text": "<p>In jeder Kategorie vergibt die Jury 10.000 Euro. Teilen sich mehrere Projekte einen Preis, "
        "teilen sie auch das Preisgeld; wofür es verwendet wird, entscheiden die Preisträger selbst.</p>",
        "faq_text": "<h2>Wer entscheidet?</h2><p>Eine Jury aus fünf Mitgliedern: die oder der Landesbeauftragte für "
        "interkommunale Zusammenarbeit, die drei kommunalen Spitzenverbände und die NRW.BANK.</p>"
        "<h2>Kann eine Kommune mehrere Projekte einreichen?</h2><p>Als federführende Kommune eines; beteiligt sein "
        "darf sie an beliebig vielen.</p>"
        "<h2>Wie bewertet die Jury?</h2><p>Nach dem Gewinn der Kooperation, dem Grad der Innovation und der "
        "Zukunftsfähigkeit, Nutzbarkeit und Nachhaltigkeit.</p>",
    }


def _add_rules(round_: Round, jury, categories) -> int:
    created = 0
    for position, (name, description) in enumerate(categories):
        Category.objects.create(round=round_, name=name, description=description, prize_money=PRIZE, position=position)
        created += 1
    for position, (name, description) in enumerate(CRITERIA):
        Criterion.objects.create(round=round_, name=name, description=description, weight=1, position=position)
        created += 1
    for user, affiliation, chair in jury:
        JuryMember.objects.create(round=round_, user=user, affiliation=affiliation, is_chair=chair)
        created += 1
    return created


def _round_2022(jury) -> int:
    ceremony = Event.objects.filter(slug="festakt-landespreis-2022").first()
    round_ = Round.objects.create(
        year=2022,
        title="Landespreis für innovative interkommunale Zusammenarbeit 2022",
        entries_open_at=_at(2021, 12, 23),
        entries_close_at=_at(2022, 2, 11, 23, 59, 59),
        state=Round.State.DECIDED,
        is_published=True,
        is_demo=True,
        earliest_project_start=datetime.date(2016, 9, 1),
        ongoing_projects_eligible=True,
        excluded_organisation_kinds=[Entry.OrganisationKind.SPARKASSE, Entry.OrganisationKind.PRIVAT],
        ceremony=ceremony,
        **_pages(
            2022,
            closes="11. Februar 2022",
            ceremony="75 Bewerbungen gingen ein; die Preise wurden am 19. März 2022 in einem Festakt verliehen.",
        ),
    )
    created = 1 + _add_rules(round_, jury, CATEGORIES_2022)
    decided = _at(2022, 3, 19, 11)
    round_.categories.update(decided_at=decided)
    Round.objects.filter(pk=round_.pk).update(decided_at=decided)
    created += _add_entries(round_, WINNERS_2022, submitted_at=_at(2022, 2, 10, 15))
    return created


def _open_round(today: datetime.date, jury) -> int:
    close_day = today + datetime.timedelta(days=100)
    year = close_day.year
    if Round.objects.filter(year=year).exists():
        return 0
    closes = _at(close_day.year, close_day.month, close_day.day, 23, 59, 59)
    opens_day = today - datetime.timedelta(days=30)
    round_ = Round.objects.create(
        year=year,
        title=f"Landespreis für innovative interkommunale Zusammenarbeit {year}",
        entries_open_at=_at(opens_day.year, opens_day.month, opens_day.day),
        entries_close_at=closes,
        state=Round.State.OPEN,
        is_published=True,
        is_demo=True,
        earliest_project_start=datetime.date(2016, 9, 1),
        ongoing_projects_eligible=True,
        excluded_organisation_kinds=[Entry.OrganisationKind.SPARKASSE, Entry.OrganisationKind.PRIVAT],
        **_pages(
            year,
            closes=f"{close_day:%d.%m.%Y}",
            ceremony="Die Preise werden nach der Sitzung der Jury in einem Festakt verliehen.",
        ),
    )
    created = 1 + _add_rules(round_, jury, [*CATEGORIES_2022, SHARED_SERVICE_CENTER])
    created += _add_entries(round_, ENTRIES_OPEN, submitted_at=timezone.now() - datetime.timedelta(days=3))
    return created


def _add_entries(round_: Round, plans: list[EntryPlan], *, submitted_at) -> int:
    categories = list(round_.categories.order_by("position"))
    kommunen = {m.slug: m for m in Municipality.objects.filter(slug__in=_slugs(plans)).defer("shape")}
    projects = {p.slug: p for p in Project.objects.filter(slug__in=[plan.project for plan in plans]).only("slug")}
    created = 0
    for plan in plans:
        lead = kommunen.get(plan.lead)
        partners = [kommunen[slug] for slug in plan.partners if slug in kommunen]
        if lead is None or len(partners) + 1 < round_.min_municipal_partners:
            continue
        entry = Entry.objects.create(
            round=round_,
            category=categories[plan.category],
            project=projects.get(plan.project),
            state=plan.state,
            title=plan.title,
            lead_municipality=lead,
            organisation_kind=plan.kind,
            organisation_name=lead.name,
            department="Büro der Verwaltungsleitung",
            contact_name="Demo-Ansprechperson",
            email=f"bewerbung-{lead.slug}@example.org",
            phone="0211 000000",
            project_start=plan.start,
            still_in_implementation=plan.ongoing,
            cooperation_form=plan.form,
            consent=True,
            consent_text=consent_text(),
            submitted_at=submitted_at,
            is_winner=plan.winner,
            **plan.texts,
        )
        entry.partners.set(partners)
        created += 1
    return created


def _slugs(plans: list[EntryPlan]) -> set[str]:
    return {plan.lead for plan in plans} | {slug for plan in plans for slug in plan.partners}
