"""Demo content of the project database: projects with participants, documents and a few pictures.

Idempotent: every project and document is looked up by its slug and created only when it is missing, so a
second run creates nothing and editors' changes survive. Deterministic: the whole plan (Kommunen, texts,
dates) is drawn from a fixed seed before anything is written, so it does not depend on what already exists.
"""

import datetime
import io
import math
import random
import re
from dataclasses import dataclass, field
from decimal import Decimal
from html import escape

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from PIL import Image, ImageDraw
from simple_history.utils import bulk_create_with_history

from portal.models import Municipality
from portal.uploads import PDF
from projects import demo_content as content
from projects.demo_pdf import make_pdf
from projects.models import Document, Participant, PartnerRequest, Project, ProjectImage, Topic
from projects.services import attach_document_file, partner_consent_text, refresh_document, refresh_project

SEED = 4
GENERATED_PER_TOPIC = 10
FIRE = "feuerwehr-und-katastrophenschutz"
# The first fire projects lie in the Regierungsbezirk Münster, so that filtering by Themenfeld and Bezirk has hits.
FIRE_IN_MUENSTER = 3
EARLIEST = datetime.date(2017, 1, 1)
LATEST = datetime.date(2026, 10, 31)
OWN_LICENCE = "CC BY 4.0"
DECISION_LICENCE = "Amtliche Entscheidung; Wiedergabe mit Quellenangabe"
OWN_SOURCE = "Interkommunales.NRW (Demo)"
DEMO_NOTE = "Demo-Dokument von Interkommunales.NRW, keine amtliche Fassung."
PICTURE_CREDIT = "Grafik: Interkommunales.NRW (Demo)"
NUMBER_WORDS = {2: "zwei", 3: "drei", 4: "vier", 5: "fünf", 6: "sechs", 7: "sieben", 8: "acht"}


@dataclass
class DocumentPlan:
    slug: str
    kind: str
    title: str
    date: datetime.date | None
    description: str
    paragraphs: list[str]
    tags: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    projects: list[str] = field(default_factory=list)
    court: str = ""
    file_number: str = ""
    tenor: str = ""
    author: str = ""
    source: str = OWN_SOURCE
    licence: str = OWN_LICENCE
    is_published: bool = True


@dataclass
class ProjectPlan:
    slug: str
    title: str
    teaser: str
    occasion: list[str]
    goal: list[str]
    implementation: list[str]
    benefit: str
    topics: list[str]
    tags: list[str]
    form: str
    status: str
    start: datetime.date | None
    end: datetime.date | None
    funding: str
    lead: Municipality
    partners: list[tuple[Municipality, str]]
    organisations: list[tuple[str, str]]
    effects: dict = field(default_factory=dict)
    contact: tuple[str, str] | None = None
    contact_consent: bool = False
    is_lighthouse: bool = False
    is_published: bool = True
    published_at: datetime.datetime | None = None
    confirmed_on: datetime.date | None = None  # the day the Kommune last confirmed the Steckbrief
    picture: tuple[str, str, str] | None = None  # (motif, alt text, caption)


def create_demo_projects() -> int:
    """Create the demo projects and documents that do not exist yet; returns how many were created."""
    kommunen = _Kommunen()
    rng = random.Random(SEED)
    projects = _plan_named_projects(kommunen)
    documents = _plan_named_documents(kommunen)
    generated, generated_documents = _plan_generated_projects(kommunen, rng, {p.slug for p in projects})
    projects += generated
    documents += generated_documents + _plan_library_documents() + _plan_court_decisions()

    with transaction.atomic():
        topics = {topic.slug: topic for topic in Topic.objects.all()}
        existing = set(Project.objects.filter(slug__in=[p.slug for p in projects]).values_list("slug", flat=True))
        created = 0
        for plan in projects:
            if plan.slug not in existing:
                _create_project(plan, topics)
                created += 1
        project_ids = dict(
            Project.objects.filter(slug__in=[p.slug for p in projects]).values_list("slug", "pk").order_by()
        )
        existing = set(Document.objects.filter(slug__in=[d.slug for d in documents]).values_list("slug", flat=True))
        for plan in documents:
            if plan.slug not in existing:
                _create_document(plan, topics, project_ids)
                created += 1
    return created


# --- Kommunen and how texts name them ---


class _Kommunen:
    """The Kommunen of NRW in memory (without boundaries), in a fixed order."""

    def __init__(self):
        fields = ["slug", "name", "short_name", "kind", "kreis", "regierungsbezirk", "latitude", "longitude"]
        rows = list(Municipality.objects.only(*fields).order_by("slug"))
        self.by_slug = {m.slug: m for m in rows}
        self.by_pk = {m.pk: m for m in rows}
        kind = Municipality.Kind
        self.bezirke = [m for m in rows if m.kind == kind.REGIERUNGSBEZIRK]
        self.kreis_level = [m for m in rows if m.kind in Municipality.KREIS_LEVEL_KINDS]
        self.gemeinden = [m for m in rows if m.kind in Municipality.GEMEINDE_KINDS]

    def kreise_in(self, bezirk):
        return [m for m in self.kreis_level if m.kind == Municipality.Kind.KREIS and m.regierungsbezirk_id == bezirk.pk]

    def kreisfreie_in(self, bezirk):
        return [m for m in self.kreis_level if m.kind != Municipality.Kind.KREIS and m.regierungsbezirk_id == bezirk.pk]

    def nearest(self, origin, candidates, count):
        others = [m for m in candidates if m.pk != origin.pk]
        return sorted(others, key=lambda m: (_distance(origin, m), m.slug))[:count]

    def region_of(self, members):
        """ "im Kreis Coesfeld" when all lie in one Kreis, else the Regierungsbezirk of the first."""
        kreise = {m.kreis_id for m in members}
        if len(kreise) == 1 and None not in kreise:
            return self.by_pk[kreise.pop()].with_preposition
        return self.by_pk[members[0].regierungsbezirk_id].with_preposition


def _distance(a, b) -> float:
    dx = (float(a.longitude) - float(b.longitude)) * math.cos(math.radians(51.5))
    return math.hypot(dx, float(a.latitude) - float(b.latitude))


def _is_kreis(m) -> bool:
    return m.kind == Municipality.Kind.KREIS


def _nominative(m, *, formal=False) -> str:
    """ "Havixbeck" or, formally, "die Gemeinde Havixbeck"; "der Kreis Borken", "der Märkische Kreis"."""
    if _is_kreis(m):
        if m.short_name.startswith("Städteregion"):
            return f"die {m.short_name}"
        if m.short_name.endswith("er Kreis"):
            return "der " + m.short_name.removesuffix("er Kreis") + "e Kreis"
        return f"der {m.short_name}"
    return f"die {m.name}" if formal else m.short_name


def _dative(m) -> str:
    """ "der Gemeinde Havixbeck", "dem Kreis Borken", "dem Märkischen Kreis", "der Städteregion Aachen"."""
    if _is_kreis(m):
        if m.short_name.startswith("Städteregion"):
            return f"der {m.short_name}"
        if m.short_name.endswith("er Kreis"):
            return "dem " + m.short_name.removesuffix("er Kreis") + "en Kreis"
        return f"dem {m.short_name}"
    return f"der {m.name}"


def _at(m) -> str:
    """ "bei der Stadt Ahaus", "beim Kreis Borken"."""
    dative = _dative(m)
    return "beim " + dative.removeprefix("dem ") if dative.startswith("dem ") else f"bei {dative}"


def _join(names) -> str:
    names = list(names)
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " und " + names[-1]


def _sentences(text: str) -> str:
    """Capitalise the first word of each sentence (a placeholder may begin one: "der Kreis Borken …")."""
    return re.sub(r"(^|[.!?]\s+)([a-zäöü])", lambda match: match[1] + match[2].upper(), text)


def _fill(text: str, context: dict) -> str:
    return _sentences(text.format(**context))


def _slug(text: str, max_length: int = 200) -> str:
    for letter, spelt in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("Ä", "Ae"), ("Ö", "Oe"), ("Ü", "Ue"), ("ß", "ss")):
        text = text.replace(letter, spelt)
    return slugify(text)[:max_length].strip("-")


def _date(parts) -> datetime.date | None:
    """(2021, 5) is the first of the month; (2021, 5, 17) a day; None stays None."""
    if not parts:
        return None
    return datetime.date(*parts) if len(parts) == 3 else datetime.date(*parts, 1)


def _moment(day: datetime.date, hour: int = 10, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(day.year, day.month, day.day, hour, minute))


def _html(paragraphs) -> str:
    return "".join(f"<p>{escape(paragraph, quote=False)}</p>" for paragraph in paragraphs if paragraph)


def _contact_email(name: str) -> str:
    return _slug(name).replace("-", ".") + "@example.org"


# --- The named projects ---


def _plan_named_projects(kommunen: _Kommunen) -> list[ProjectPlan]:
    plans = []
    for spec in content.NAMED_PROJECTS:
        lead = kommunen.by_slug.get(spec["lead"])
        if lead is None:
            continue
        partners = [(kommunen.by_slug[s], "") for s in spec["partners"] if s in kommunen.by_slug]
        picture = spec["image"]
        plans.append(
            ProjectPlan(
                slug=spec["slug"],
                title=spec["title"],
                teaser=spec["teaser"],
                occasion=list(spec["occasion"]),
                goal=list(spec["goal"]),
                implementation=list(spec["implementation"]),
                benefit=spec["benefit"],
                topics=list(spec["topics"]),
                tags=list(spec["tags"]),
                form=spec["form"],
                status=spec["status"],
                start=_date(spec["start"]),
                end=None,
                funding=spec["funding"],
                lead=lead,
                partners=partners,
                organisations=list(spec["organisations"]),
                effects={name: _effect(name, values[0]) for name, values in spec["effects"].items()},
                contact=spec["contact"],
                contact_consent=spec["consent"],
                is_lighthouse=spec["lighthouse"],
                published_at=_moment(_date(spec["published"])),
                confirmed_on=_date(spec["confirmed"]),
                picture=(spec["slug"], *picture) if picture else None,
            )
        )
    return plans


def _plan_named_documents(kommunen: _Kommunen) -> list[DocumentPlan]:
    plans = []
    for spec in content.NAMED_PROJECTS:
        lead = kommunen.by_slug.get(spec["lead"])
        if lead is None:
            continue
        members = [m for m in (lead, *map(kommunen.by_slug.get, spec["partners"])) if m is not None]
        for doc in spec["documents"]:
            if "agreement" in doc:
                paragraphs = _agreement_paragraphs(
                    parties="Zwischen " + _join(_dative(m) for m in members),
                    duties=list(doc["agreement"]["duties"]),
                    payee=_dative(lead),
                    cost_key=content.COST_KEYS[2],
                    first_notice=_date(doc["date"]).year + 5,
                    place_and_date=f"{lead.short_name}, {_date(doc['date']):%d.%m.%Y}",
                )
            else:
                paragraphs = list(doc["paragraphs"])
            plans.append(
                DocumentPlan(
                    slug=doc["slug"],
                    kind=doc["kind"],
                    title=doc["title"],
                    date=_date(doc["date"]),
                    description=doc["description"],
                    paragraphs=paragraphs,
                    tags=list(doc["tags"]),
                    topics=list(spec["topics"]),
                    projects=[spec["slug"]],
                )
            )
    return plans


# --- Generated projects ---


def _plan_generated_projects(kommunen: _Kommunen, rng: random.Random, taken: set[str]):
    by_topic: dict[str, list[dict]] = {}
    for template in content.TEMPLATES:
        by_topic.setdefault(template["topic"], []).append(template)
    muenster = next(b for b in kommunen.bezirke if b.slug == "regierungsbezirk-muenster")
    projects, documents = [], []
    serial = 0
    for topic_index, (topic, templates) in enumerate(by_topic.items()):
        for round_ in range(GENERATED_PER_TOPIC):
            template = templates[round_ % len(templates)]
            bezirk = kommunen.bezirke[(topic_index + round_) % len(kommunen.bezirke)]
            if topic == FIRE and round_ < FIRE_IN_MUENSTER:
                bezirk = muenster
            plan, context = _plan_from_template(template, bezirk, rng, kommunen, taken)
            taken.add(plan.slug)
            plan.is_published = topic == FIRE or serial % 23 != 11
            plan.is_lighthouse = serial % 29 == 7
            _schedule_publication(plan, rng)
            if plan.is_lighthouse:
                plan.picture = _circles_picture(serial)
            projects.append(plan)
            documents += _plan_project_documents(plan, template, context, rng, always=topic == FIRE)
            serial += 1
    return projects, documents


def _plan_from_template(template, bezirk, rng, kommunen, taken):
    for _attempt in range(12):
        lead, partners = _pick_participants(template, bezirk, rng, kommunen)
        partners = partners[: template.get("max_partners", len(partners))]
        context = _context(template["mode"], lead, partners, kommunen)
        title = _fill(template["title"], context)
        if _slug(title) not in taken:
            break
    else:
        title = f"{title} ({lead.short_name})"
    topic = template["topic"]
    topics = [topic] + ([template["extra"]] if "extra" in template and rng.random() < 0.6 else [])
    tags = rng.sample(template["tags"], rng.choice([2, 3]))
    participants = [(m, "") for m in partners]
    organisations = []
    if template["mode"] == "gemeinden" and lead.kreis_id and rng.random() < 0.15:
        participants.append((kommunen.by_pk[lead.kreis_id], "Unterstützt die Kooperation"))
    if template.get("it_provider") and bezirk.slug in content.IT_PROVIDERS:
        organisations.append((content.IT_PROVIDERS[bezirk.slug], "Kommunaler IT-Dienstleister"))
    if "org" in template and rng.random() < 0.5:
        organisations.append(template["org"])
    neighbours = content.CROSS_BORDER.get(
        lead.slug if _is_kreis(lead) else kommunen.by_pk.get(lead.kreis_id, lead).slug
    )
    if template.get("cross_border") and neighbours:
        organisations.append((rng.choice(neighbours), "Partner jenseits der Grenze"))
        tags.append("Grenzüberschreitend")

    start, end, status = _schedule(rng)
    funding = ""
    if "funding" in template and rng.random() < 0.6:
        funding = template["funding"]
    elif 2020 <= start.year <= 2025 and rng.random() < 0.35:
        funding = "Förderrichtlinie IKZ NRW"
    contact = None
    if rng.random() < 0.6:
        person = f"{rng.choice(content.FIRST_NAMES)} {rng.choice(content.LAST_NAMES)}"
        contact = (person, f"{content.DEPARTMENTS[topic]}, {lead.name}")

    occasion = [_fill(rng.choice(template["occasion"]), context)]
    if rng.random() < 0.6:
        occasion.append(_fill(rng.choice(content.GENERIC_OCCASION), context))
    implementation = [_fill(template["implementation"], context)]
    if rng.random() < 0.7:
        implementation.append(_fill(rng.choice(content.GENERIC_IMPLEMENTATION), context))
    benefit = _fill(template["benefit"], context)
    if rng.random() < 0.6:
        benefit += " " + rng.choice(content.GENERIC_BENEFIT)

    plan = ProjectPlan(
        slug=_slug(title),
        title=title,
        teaser=_fill(template["teaser"], context),
        occasion=[" ".join(occasion)],
        goal=[_fill(template["goal"], context)],
        implementation=[" ".join(implementation)],
        benefit=benefit,
        topics=topics,
        tags=tags,
        form=rng.choice(template["forms"]),
        status=status,
        start=start,
        end=end,
        funding=funding,
        lead=lead,
        partners=participants,
        organisations=organisations,
        effects={
            name: _effect(name, rng.uniform(low, high))
            for name, (low, high) in template["effects"].items()
            if rng.random() < 0.75
        },
        contact=contact,
        contact_consent=contact is not None and rng.random() < 0.7,
    )
    return plan, context


def _pick_participants(template, bezirk, rng, kommunen):
    """A lead and its neighbours: Gemeinden of one Kreis, Kreise of one Bezirk, or a Kreis with its Gemeinden."""
    mode = template["mode"]
    if mode == "kreise":
        pool = [m for m in kommunen.kreis_level if m.regierungsbezirk_id == bezirk.pk]
        lead = rng.choice(pool)
        partners = rng.sample(kommunen.nearest(lead, pool, 3), rng.choice([1, 1, 2]))
    elif mode == "kreis":
        lead = rng.choice(kommunen.kreise_in(bezirk))
        pool = [m for m in kommunen.gemeinden if m.kreis_id == lead.pk]
        partners = rng.sample(pool, min(len(pool), rng.randint(2, 5)))
    elif template.get("kreisangehoerig") or rng.random() < 0.8:
        kreis = rng.choice(kommunen.kreise_in(bezirk))
        pool = [m for m in kommunen.gemeinden if m.kreis_id == kreis.pk]
        lead = rng.choice(pool)
        partners = rng.sample(kommunen.nearest(lead, pool, 6), rng.choice([1, 1, 2, 2, 3, 4]))
    else:
        lead = rng.choice(kommunen.kreisfreie_in(bezirk))
        pool = [m for m in kommunen.gemeinden if m.regierungsbezirk_id == bezirk.pk]
        partners = rng.sample(kommunen.nearest(lead, pool, 5), rng.choice([1, 2, 3]))
    return lead, sorted(partners, key=lambda m: (_distance(lead, m), m.slug))


def _context(mode, lead, partners, kommunen) -> dict:
    formal = mode == "kreise"
    everyone = [lead, *partners]
    if mode == "kreis":
        title_names = lead.with_preposition
    elif len(everyone) <= 3:
        title_names = _join(m.short_name for m in everyone)
        if mode == "kreise":
            title_names = f"– {title_names}"
    else:
        title_names = f"für {NUMBER_WORDS[len(everyone)]} Kommunen {kommunen.region_of(everyone)}"
    return {
        "Lead": _nominative(lead, formal=formal),
        "lead": _nominative(lead, formal=formal),
        "lead_dat": _dative(lead),
        "at_lead": _at(lead),
        "place": lead.short_name,
        "names": _join(_nominative(m, formal=formal) for m in everyone),
        "partners": _join(_nominative(m, formal=formal) for m in partners),
        "title_names": title_names,
        # The same in the words of an agreement.
        "formal": {
            "Lead": _nominative(lead, formal=True),
            "lead": _nominative(lead, formal=True),
            "lead_dat": _dative(lead),
            "at_lead": _at(lead),
            "place": lead.short_name,
            "parties": _join(_dative(m) for m in everyone),
            "partners_dat": _join(_dative(m) for m in partners),
        },
    }


def _effect(name: str, value: float):
    if name == "savings_eur_per_year":
        return int(round(value, -3))
    if name == "staff_effect_fte":
        return Decimal(max(1, round(value * 2))) / 2
    return Decimal(str(round(value, 1)))


def _schedule(rng):
    """Start (first of a month, 2012–2026), end and a status that fits them."""
    start = datetime.date(rng.randint(2012, 2026), rng.randint(1, 12), 1)
    if start > datetime.date(2026, 8, 1):
        return start, None, Project.Status.PLANNED
    roll = rng.random()
    if start.year >= 2025 or roll < 0.68:
        end = None
        if rng.random() < 0.2:
            end = start.replace(year=start.year + rng.randint(3, 5))
            if end <= LATEST:
                return start, end, Project.Status.COMPLETED
        return start, end, Project.Status.RUNNING
    end = start.replace(year=start.year + rng.randint(1, 4), month=rng.randint(1, 12))
    end = max(start, min(end, datetime.date(2026, 6, 1)))
    return start, end, Project.Status.COMPLETED if roll < 0.95 else Project.Status.ENDED


def _schedule_publication(plan: ProjectPlan, rng):
    if not plan.is_published:
        return
    earliest = max(EARLIEST, plan.start - datetime.timedelta(days=270))
    earliest = min(earliest, LATEST - datetime.timedelta(days=60))
    day = earliest + datetime.timedelta(days=rng.randint(0, (LATEST - earliest).days))
    plan.published_at = _moment(day, rng.randint(8, 17), rng.choice([0, 15, 30, 45]))
    if rng.random() < 0.8:
        plan.confirmed_on = day + datetime.timedelta(days=rng.randint(0, (LATEST - day).days))


# --- Documents of projects ---

PRESS_QUOTES = (
    "„Gemeinsam schaffen wir, was jede Verwaltung für sich kaum leisten könnte“, sagt {person}.",
    "„Die Zusammenarbeit hat sich schneller ausgezahlt als erwartet“, berichtet {person}.",
    "„Für die Menschen vor Ort wird der Service besser, und wir arbeiten wirtschaftlicher“, sagt {person}.",
)


def _plan_project_documents(plan: ProjectPlan, template, context, rng, *, always=False) -> list[DocumentPlan]:
    """Often a document of the cooperation (agreement, statute or council paper), sometimes a press release."""
    formal = context["formal"]
    cost_key = rng.choice(content.COST_KEYS)
    signed = (plan.start or plan.published_at.date()) - datetime.timedelta(days=rng.randint(20, 120))
    subject = template["subject"]
    duties = [_fill(duty, formal) for duty in template["duties"]]
    # A draft's documents stay hidden with it.
    common = {"topics": plan.topics, "projects": [plan.slug], "date": signed, "is_published": plan.is_published}
    documents = []
    if always or rng.random() < 0.5:
        if plan.form == Project.Form.AGREEMENT:
            documents.append(
                DocumentPlan(
                    slug=_slug(f"vereinbarung-{plan.slug}"),
                    kind=Document.Kind.AGREEMENT,
                    title=f"Öffentlich-rechtliche Vereinbarung über {subject} ({_join(_short_names(plan))})",
                    description=f"Vereinbarung zwischen {formal['parties']} über {subject}.",
                    paragraphs=_agreement_paragraphs(
                        parties=f"Zwischen {formal['parties']}",
                        duties=duties,
                        payee=formal["lead_dat"],
                        cost_key=cost_key,
                        first_notice=signed.year + 5,
                        place_and_date=f"{formal['place']}, {signed:%d.%m.%Y}",
                    ),
                    tags=[*plan.tags[:2], "Öffentlich-rechtliche Vereinbarung"],
                    **common,
                )
            )
        elif plan.form == Project.Form.ZWECKVERBAND:
            documents.append(
                DocumentPlan(
                    slug=_slug(f"satzung-{plan.slug}"),
                    kind=Document.Kind.STATUTE,
                    title=f"Verbandssatzung: {plan.title}",
                    description=f"Satzung des Zweckverbands, den {context['names']} für {subject} gebildet haben.",
                    paragraphs=_statute_paragraphs(plan, formal, duties, cost_key),
                    tags=[*plan.tags[:2], "Zweckverband", "Satzung"],
                    **common,
                )
            )
        else:
            documents.append(
                DocumentPlan(
                    slug=_slug(f"beschlussvorlage-{plan.slug}"),
                    kind=Document.Kind.COUNCIL_PAPER,
                    title=f"Beschlussvorlage: {plan.title}",
                    description=f"Vorlage für den Beschluss über {subject}.",
                    paragraphs=_council_paper_paragraphs(plan, formal, subject, cost_key),
                    tags=[*plan.tags[:2], "Ratsbeschluss"],
                    **common,
                )
            )
    if plan.is_published and (plan.is_lighthouse or rng.random() < 0.12):
        quote = rng.choice(PRESS_QUOTES).format(person=plan.contact[0]) if plan.contact else ""
        released = plan.published_at.date() - datetime.timedelta(days=rng.randint(5, 40))
        documents.append(
            DocumentPlan(
                slug=_slug(f"pressemitteilung-{plan.slug}"),
                kind=Document.Kind.PRESS,
                title=f"Pressemitteilung: {plan.title}",
                description="Pressemitteilung der federführenden Kommune über die Zusammenarbeit.",
                paragraphs=[plan.teaser, *plan.implementation, plan.benefit, quote, DEMO_NOTE],
                tags=plan.tags[:2],
                topics=plan.topics,
                projects=[plan.slug],
                date=released,
            )
        )
    return documents


def _short_names(plan: ProjectPlan) -> list[str]:
    return [plan.lead.short_name] + [m.short_name for m, note in plan.partners if not note]


def _agreement_paragraphs(*, parties, duties, payee, cost_key, first_notice, place_and_date) -> list[str]:
    return [
        f"{parties} wird auf der Grundlage des Gesetzes über kommunale Gemeinschaftsarbeit (GkG NRW) die folgende "
        "öffentlich-rechtliche Vereinbarung geschlossen.",
        f"§ 1 Gegenstand. {duties[0]}",
        f"§ 2 Durchführung. {duties[1]}",
        f"§ 3 Kostenerstattung. Die übrigen Beteiligten erstatten {payee} die Personal- und Sachkosten, die durch "
        f"die Wahrnehmung der Aufgabe entstehen. Die Kosten werden {cost_key} verteilt. Abschläge sind zum "
        "1. April und zum 1. Oktober fällig; die Schlussabrechnung folgt bis zum 30. Juni des Folgejahres.",
        "§ 4 Datenschutz. Soweit personenbezogene Daten verarbeitet werden, beachten die Beteiligten die "
        "Datenschutz-Grundverordnung. Einzelheiten regelt eine gesonderte Vereinbarung.",
        "§ 5 Laufzeit und Kündigung. Die Vereinbarung wird auf unbestimmte Zeit geschlossen. Jede beteiligte "
        "Kommune kann sie mit einer Frist von zwölf Monaten zum Ende eines Kalenderjahres kündigen, erstmals zum "
        f"31. Dezember {first_notice}. Gemeinsam beschafftes Vermögen wird dann nach dem Kostenschlüssel "
        "auseinandergesetzt.",
        "§ 6 Inkrafttreten. Die Vereinbarung tritt am Tag nach ihrer öffentlichen Bekanntmachung in Kraft.",
        f"{place_and_date}. Für die Beteiligten: die Hauptverwaltungsbeamtinnen und Hauptverwaltungsbeamten.",
        DEMO_NOTE,
    ]


def _statute_paragraphs(plan: ProjectPlan, formal: dict, duties: list[str], cost_key: str) -> list[str]:
    members = _join(_nominative(m, formal=True) for m in [plan.lead, *(m for m, note in plan.partners if not note)])
    return [
        _sentences(
            f"{members} schließen sich nach dem Gesetz über kommunale Gemeinschaftsarbeit (GkG NRW) zu einem "
            "Zweckverband zusammen und geben ihm die folgende Satzung."
        ),
        f"§ 1 Name und Sitz. Der Zweckverband führt den Namen „Zweckverband {plan.title}“. Sitz ist {formal['place']}.",
        f"§ 2 Aufgaben. {duties[0]} {duties[1]}",
        "§ 3 Organe. Organe des Zweckverbands sind die Verbandsversammlung und die Verbandsvorsteherin oder der "
        "Verbandsvorsteher. Jedes Mitglied entsendet zwei Vertreterinnen oder Vertreter in die Verbandsversammlung.",
        "§ 4 Deckung des Finanzbedarfs. Soweit seine Erträge nicht ausreichen, erhebt der Zweckverband von seinen "
        f"Mitgliedern eine Umlage. Sie wird {cost_key} bemessen.",
        "§ 5 Bekanntmachungen. Öffentliche Bekanntmachungen des Zweckverbands erfolgen in der Form, die für die "
        "Bekanntmachungen der Mitglieder gilt.",
        "§ 6 Inkrafttreten. Die Satzung tritt am Tag nach ihrer Bekanntmachung in Kraft.",
        DEMO_NOTE,
    ]


def _council_paper_paragraphs(plan: ProjectPlan, formal: dict, subject: str, cost_key: str) -> list[str]:
    council = "Kreistag" if _is_kreis(plan.lead) else "Rat"
    effects = []
    if savings := plan.effects.get("savings_eur_per_year"):
        amount = f"{savings:,}".replace(",", ".")
        effects.append(f"Die Verwaltung rechnet mit Einsparungen von rund {amount} Euro im Jahr.")
    if staff := plan.effects.get("staff_effect_fte"):
        fte = str(staff).replace(".", ",")
        effects.append(f"Der Personaleffekt wird auf {fte} Vollzeitstellen geschätzt.")
    return [
        f"{plan.lead.name}, Vorlage für den {council}, öffentliche Sitzung.",
        f"Beschlussvorschlag: Der {council} beauftragt die Verwaltung, mit {formal['partners_dat']} {subject} zu "
        "vereinbaren und die dafür nötigen Verträge abzuschließen.",
        "Sachverhalt: " + " ".join(plan.occasion),
        "Ziel: " + " ".join(plan.goal),
        f"Finanzielle Auswirkungen: Die Kosten werden {cost_key} verteilt. " + " ".join(effects),
        DEMO_NOTE,
    ]


# --- Library ---


def _plan_library_documents() -> list[DocumentPlan]:
    return [
        DocumentPlan(
            slug=spec["slug"],
            kind=spec["kind"],
            title=spec["title"],
            date=_date(spec["date"]),
            description=spec["description"],
            paragraphs=list(spec["paragraphs"]),
            tags=list(spec["tags"]),
            topics=list(spec["topics"]),
            author=spec.get("author", ""),
            is_published=spec.get("published", True),
        )
        for spec in content.LIBRARY_DOCUMENTS
    ]


def _plan_court_decisions() -> list[DocumentPlan]:
    plans = []
    for spec in content.COURT_DECISIONS:
        decided = _date(spec["date"])
        plans.append(
            DocumentPlan(
                slug=spec["slug"],
                kind=Document.Kind.COURT_DECISION,
                title=spec["title"],
                date=decided,
                description=spec["description"],
                paragraphs=[
                    f"{spec['court']}, Urteil vom {decided:%d.%m.%Y}, Rechtssache {spec['file_number']}.",
                    "Sachverhalt: " + spec["description"],
                    "Kern der Entscheidung: " + spec["tenor"],
                    f"Fundstelle: {spec['source']}.",
                    "Zusammenfassung der Redaktion von Interkommunales.NRW, nicht der amtliche Text der Entscheidung.",
                ],
                tags=list(spec["tags"]),
                topics=list(spec["topics"]),
                court=spec["court"],
                file_number=spec["file_number"],
                tenor=spec["tenor"],
                source=spec["source"],
                licence=DECISION_LICENCE,
            )
        )
    return plans


# --- Writing ---


def _create_project(plan: ProjectPlan, topics: dict) -> Project:
    contact_name, contact_function = plan.contact or ("", "")
    project = Project.objects.create(
        slug=plan.slug,
        title=plan.title,
        teaser=plan.teaser,
        occasion=_html(plan.occasion),
        goal=_html(plan.goal),
        implementation=_html(plan.implementation),
        benefit=plan.benefit,
        form=plan.form,
        status=plan.status,
        start=plan.start,
        end=plan.end,
        funding=plan.funding,
        contact_name=contact_name,
        contact_function=contact_function,
        contact_email=_contact_email(contact_name) if contact_name else "",
        contact_consent=plan.contact_consent,
        is_lighthouse=plan.is_lighthouse,
        is_published=plan.is_published,
        published_at=plan.published_at,
        # Confirmed in the morning of that day; a project never confirmed counts as confirmed when it was published.
        last_confirmed_at=_moment(plan.confirmed_on, 9) if plan.confirmed_on else plan.published_at,
        **plan.effects,
    )
    project.topics.set([topics[slug] for slug in plan.topics if slug in topics])
    project.tags.add(*plan.tags)
    participants = [Participant(project=project, municipality=plan.lead, role=Participant.Role.LEAD, position=0)]
    participants += [
        Participant(project=project, municipality=m, note=note, position=position)
        for position, (m, note) in enumerate(plan.partners, start=1)
    ]
    participants += [
        Participant(project=project, organisation=name, note=note, position=position)
        for position, (name, note) in enumerate(plan.organisations, start=len(participants))
    ]
    bulk_create_with_history(participants, Participant)
    if plan.picture:
        motif, alt_text, caption = plan.picture
        image = ProjectImage(project=project, alt_text=alt_text, caption=caption, credit=PICTURE_CREDIT)
        name = f"{plan.slug[:60]}.jpg"
        # The content needs its name too: Django reads the dimensions from it (width and height are NOT NULL).
        image.image.save(name, ContentFile(_picture(motif), name=name), save=False)
        image.save()
    refresh_project(project=project)
    return project


def _create_document(plan: DocumentPlan, topics: dict, project_ids: dict) -> Document:
    document = Document(
        slug=plan.slug,
        kind=plan.kind,
        title=plan.title,
        date=plan.date,
        description=plan.description,
        court=plan.court,
        file_number=plan.file_number,
        tenor=plan.tenor,
        author=plan.author,
        source=plan.source,
        licence=plan.licence,
        is_published=plan.is_published,
    )
    pdf = make_pdf(plan.title, [p for p in plan.paragraphs if p])
    attach_document_file(document=document, upload=ContentFile(pdf, name=f"{plan.slug[:70]}.pdf"), file_type=PDF)
    document.save()
    document.tags.add(*plan.tags)
    document.topics.set([topics[slug] for slug in plan.topics if slug in topics])
    document.projects.set([project_ids[slug] for slug in plan.projects if slug in project_ids])
    refresh_document(document=document)
    return document


# --- Pictures: abstract graphics, described by their alt texts ---

CIRCLE_PALETTES = (
    ("Blau, Grün und Gelb", ((31, 94, 153), (76, 153, 92), (238, 190, 60))),
    ("Rot, Orange und Grau", ((181, 52, 45), (230, 130, 40), (120, 124, 130))),
    ("Violett, Türkis und Hellgrün", ((110, 70, 150), (40, 160, 160), (150, 200, 90))),
)


def _circles_picture(serial: int) -> tuple[str, str, str]:
    palette = serial % len(CIRCLE_PALETTES)
    colours, _ = CIRCLE_PALETTES[palette]
    return (
        f"circles-{palette}",
        f"Abstrakte Grafik: drei große, sich überlappende Kreise in {colours} auf hellem Grund.",
        "Symbolgrafik für die Zusammenarbeit mehrerer Kommunen.",
    )


def _picture(motif: str) -> bytes:
    """A 1200 × 800 JPEG of simple shapes; the motif decides what the alt text describes."""
    width, height = 1200, 800
    image = Image.new("RGB", (width, height), (244, 241, 234))
    draw = ImageDraw.Draw(image)
    if motif == "arbeitsgemeinschaft-historische-stadt-und-ortskerne-in-nrw":
        for index in range(6):
            left = 90 + index * 175
            colour = ((196, 140, 60), (160, 72, 48))[index % 2]
            draw.rectangle([left, 380, left + 150, 700], fill=colour)
            draw.polygon([(left, 380), (left + 75, 220 + 20 * (index % 3)), (left + 150, 380)], fill=(110, 50, 40))
    elif motif == "grenzueberschreitende-brandbekaempfung-kreis-viersen":
        draw.rectangle([0, 0, width, height], fill=(40, 40, 48))
        draw.rectangle([594, 0, 606, height], fill=(235, 235, 235))
        for x, y, r, colour in (
            (300, 300, 140, (200, 40, 30)),
            (860, 480, 170, (240, 130, 30)),
            (420, 560, 90, (240, 130, 30)),
        ):
            draw.ellipse([x - r, y - r, x + r, y + r], fill=colour)
    elif motif == "news-app-ennepe-ruhr-kreis":
        draw.rounded_rectangle([510, 150, 690, 650], radius=30, fill=(50, 60, 80))
        for index in range(10):
            angle = 2 * math.pi * index / 10
            x, y = 600 + 360 * math.cos(angle), 400 + 300 * math.sin(angle)
            draw.line([(600, 400), (x, y)], fill=(150, 160, 175), width=4)
            colour = ((31, 94, 153), (76, 153, 92), (238, 190, 60), (181, 52, 45))[index % 4]
            draw.ellipse([x - 36, y - 36, x + 36, y + 36], fill=colour)
    elif motif == "digitale-region-kreis-olpe":
        draw.rectangle([0, 0, width, height], fill=(214, 232, 245))
        draw.ellipse([-200, 520, 700, 1100], fill=(190, 215, 190))
        draw.ellipse([500, 560, 1500, 1150], fill=(170, 205, 175))
        points = [(180, 220), (420, 140), (640, 260), (900, 180), (1060, 330), (820, 430), (520, 460), (280, 400)]
        for index, point in enumerate(points):
            draw.line([point, points[(index + 1) % len(points)]], fill=(60, 110, 70), width=4)
            draw.line([point, points[(index + 3) % len(points)]], fill=(60, 110, 70), width=2)
        for x, y in points:
            draw.ellipse([x - 26, y - 26, x + 26, y + 26], fill=(46, 139, 87))
    elif motif == "finanzzentrum-baumberge":
        draw.ellipse([-200, 560, 1400, 1200], fill=(120, 170, 110))
        for x, y, colour in (
            (500, 300, (76, 153, 92)),
            (700, 300, (31, 94, 153)),
            (500, 470, (238, 190, 60)),
            (700, 470, (60, 160, 150)),
        ):
            draw.ellipse([x - 170, y - 170, x + 170, y + 170], outline=colour, width=18)
    else:
        _, colours = CIRCLE_PALETTES[int(motif.removeprefix("circles-"))]
        for (x, y), colour in zip(((470, 330), (730, 330), (600, 520)), colours, strict=True):
            draw.ellipse([x - 230, y - 230, x + 230, y + 230], fill=colour)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=82)
    return buffer.getvalue()


# --- Partnersuche ---

# (Kommune, "Wir suchen Partner für …", Themenfelder, region or None for all of NRW, description, contact,
#  days until expiry counted from the day of loading, days since publication, state). Some expire within the
# week (remind_partner_requests has work), one has expired (its page says so), one waits for the editors.
DEMO_PARTNER_REQUESTS = [
    (
        "ahaus",
        "eine gemeinsame Vergabestelle für Bau- und Dienstleistungen",
        ["allgemeine-verwaltung", "finanzen-und-steuern"],
        "kreis-borken",
        "Unsere Vergabestelle ist mit zwei Stellen besetzt und wächst mit jeder Änderung des Vergaberechts an "
        "ihre Grenzen. Wir möchten Ausschreibungen für Bauleistungen und Dienstleistungen künftig gemeinsam mit "
        "Nachbarkommunen vorbereiten und abwickeln, auf Grundlage einer öffentlich-rechtlichen Vereinbarung.\n\n"
        "Mitbringen können wir eine eingeführte Vergabeplattform und Erfahrung mit Rahmenverträgen. Gesucht sind "
        "zwei bis vier Städte oder Gemeinden im Kreis Borken, gern auch der Kreis selbst.",
        ("Miriam Terhalle", "Leiterin der Zentralen Vergabestelle", "02561 0000-210"),
        120,
        12,
        "published",
    ),
    (
        "kreis-lippe",
        "ein gemeinsames Ausbildungszentrum für den Verwaltungsnachwuchs",
        ["personal", "bildung-und-schule"],
        "regierungsbezirk-detmold",
        "Jedes Jahr bilden die Kommunen in Lippe einzeln Verwaltungsfachangestellte und Inspektoranwärterinnen "
        "aus, oft mit nur ein oder zwei Plätzen pro Haus. Wir planen ein gemeinsames Ausbildungszentrum mit "
        "Praxisphasen in allen beteiligten Verwaltungen, gemeinsamen Projektwochen und einer abgestimmten "
        "Werbung um Nachwuchs.\n\nWir suchen Städte, Gemeinden und Kreise in Ostwestfalen-Lippe, die ab dem "
        "nächsten Ausbildungsjahr mitmachen möchten.",
        ("Jonas Wehmeier", "Ausbildungsleiter", "05231 0000-344"),
        5,
        170,
        "published",
    ),
    (
        "hennef-sieg",
        "einen Bürgerbus zwischen den Ortsteilen an der Sieg",
        ["mobilitaet-und-verkehr"],
        "rhein-sieg-kreis",
        "Viele Ortsteile an der Sieg sind am Wochenende kaum mit Bus und Bahn zu erreichen. Ein Bürgerbusverein "
        "mit ehrenamtlichen Fahrerinnen und Fahrern könnte das ändern, wenn die Linie über die Gemeindegrenze "
        "hinweg fährt.\n\nWir suchen eine Nachbarkommune, die den Verein mit uns gründet, Haltestellen auf "
        "ihrem Gebiet einrichtet und sich an den Kosten für das Fahrzeug beteiligt.",
        ("Sabine Klein", "Mobilitätsmanagerin", ""),
        200,
        30,
        "published",
    ),
    (
        "schmallenberg",
        "die Digitalisierung der Bauantragsverfahren",
        ["digitalisierung-und-it", "bauen-und-planen"],
        None,
        "Wir möchten Bauanträge vollständig digital annehmen, prüfen und bescheiden und suchen Kommunen mit einer "
        "eigenen Bauaufsicht, die denselben Weg gehen: für einen gemeinsamen Erfahrungsaustausch, eine "
        "abgestimmte Beschaffung der Software und, wenn es passt, eine gemeinsame Betreuung durch einen "
        "IT-Dienstleister. Die Größe der Partner ist zweitrangig; wichtig ist der Wille, Prozesse gemeinsam "
        "neu zu denken.",
        ("Thomas Gerlach", "Fachbereichsleiter Bauen", "02972 0000-55"),
        60,
        45,
        "published",
    ),
    (
        "krefeld",
        "ein regionales Netzwerk zur Verwertung von Klärschlamm und Textilresten",
        ["umwelt-klima-und-energie", "ver-und-entsorgung", "wirtschaftsfoerderung"],
        "regierungsbezirk-duesseldorf",
        "Reststoffe aus Abwasserreinigung, Textilindustrie und Landwirtschaft sind Rohstoffe, wenn sie in der "
        "Region verwertet werden. Wir wollen ein Netzwerk aus Kommunen, kommunalen Betrieben und Unternehmen "
        "aufbauen, das Mengen bündelt und gemeinsame Verwertungswege erschließt.\n\nGesucht sind Kommunen am "
        "Niederrhein und ihre Entsorgungsbetriebe, die ihre Reststoffströme einbringen und an einem ersten "
        "Workshop teilnehmen möchten.",
        ("Dr. Lena Hoffmann", "Wirtschaftsförderung, Bioökonomie", "02151 0000-712"),
        3,
        300,
        "published",
    ),
    (
        "gescher",
        "einen gemeinsamen Standesamtsbezirk",
        ["allgemeine-verwaltung"],
        "kreis-borken",
        "Unser Standesamt ist klein, Vertretungen bei Urlaub und Krankheit sind schwer zu organisieren. Ein "
        "gemeinsamer Standesamtsbezirk mit einer Nachbarstadt würde die Beurkundungen sichern; Trauungen sollen "
        "weiter in allen beteiligten Orten möglich sein.",
        ("Karin Bölscher", "Leiterin des Bürgerbüros", "02542 0000-30"),
        150,
        0,
        "pending",
    ),
    (
        "nettetal",
        "gemeinsame Übungen mit den Feuerwehren jenseits der niederländischen Grenze",
        ["feuerwehr-und-katastrophenschutz"],
        "kreis-viersen",
        "Brände und Unfälle halten sich nicht an Grenzen. Wir suchten Kommunen im Kreis Viersen, die mit uns "
        "und den Feuerwehren der niederländischen Nachbarn regelmäßige gemeinsame Übungen organisieren.",
        ("Marco van Dijk", "Leiter der Feuerwehr", "02153 0000-112"),
        -10,
        200,
        "published",
    ),
]


def create_demo_partner_requests() -> int:
    """Create the demo partner requests that do not exist yet (by Kommune and title); returns how many."""
    today = timezone.localdate()
    now = timezone.now()
    areas = {m.slug: m for m in Municipality.objects.filter(slug__in=_partner_slugs()).defer("shape")}
    topics = {topic.slug: topic for topic in Topic.objects.all()}
    created = 0
    with transaction.atomic():
        for (
            slug,
            title,
            topic_slugs,
            region,
            description,
            contact,
            expires_in,
            published_ago,
            state,
        ) in DEMO_PARTNER_REQUESTS:
            municipality = areas.get(slug)
            if municipality is None or PartnerRequest.objects.filter(municipality=municipality, title=title).exists():
                continue
            name, function, phone = contact
            received = now - datetime.timedelta(days=published_ago + 2)
            partner_request = PartnerRequest.objects.create(
                municipality=municipality,
                title=title,
                region=areas.get(region),
                description=description,
                contact_name=name,
                contact_function=function,
                contact_email=_contact_email(name.removeprefix("Dr. ")),
                contact_phone=phone,
                expires_on=today + datetime.timedelta(days=expires_in),
                state=state,
                consent_text=partner_consent_text(),
                email_confirmed_at=received + datetime.timedelta(hours=1),
                published_at=now - datetime.timedelta(days=published_ago) if state == "published" else None,
                decided_at=now - datetime.timedelta(days=published_ago) if state == "published" else None,
            )
            # The day it came in, not the day of loading.
            PartnerRequest.objects.filter(pk=partner_request.pk).update(created_at=received)
            partner_request.topics.set([topics[t] for t in topic_slugs if t in topics])
            created += 1
    return created


def _partner_slugs() -> set[str]:
    return {row[0] for row in DEMO_PARTNER_REQUESTS} | {row[3] for row in DEMO_PARTNER_REQUESTS if row[3]}
