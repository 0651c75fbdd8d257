"""The figures of /statistik/: what the project database, the directory of Kommunen and the events add up to.

Reads only. `figures()` computes everything in five queries and keeps the result in the cache for
STATISTICS_CACHE_SECONDS. The counts of projects per Themenfeld, Regierungsbezirk, start year and form come
from the facet counts of /projekte/ (`ProjectQuerySet.facet_counts`, one statement): the statistics and the
filters of the list always agree, and each table row links to the list filtered by it.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db.models import Case, Count, F, Q, TextField, Value, When
from django.db.models.functions import ExtractYear
from django.urls import reverse
from django.utils import timezone

from events.models import Event, EventDate, Registration
from portal import charts
from portal.models import Municipality
from projects.models import Participant, Project, Topic

CACHE_KEY = "portal:statistics"
# The most connected Kommunen shown.
CONNECTED_SHOWN = 15
# Colour classes of the map: share of a Kreis's Städte und Gemeinden taking part in at least one project.
SHARE_CLASSES = [
    charts.MapClass(0, "keine", "choropleth--c0"),
    charts.MapClass(0.000001, "unter 25\u00a0%", "choropleth--c1"),
    charts.MapClass(0.25, "25 bis unter 50\u00a0%", "choropleth--c2"),
    charts.MapClass(0.5, "50 bis unter 75\u00a0%", "choropleth--c3"),
    charts.MapClass(0.75, "75\u00a0% und mehr", "choropleth--c4"),
]


@dataclass(frozen=True)
class Row:
    """One category of a chart with its number and, where there is one, the list of what it counts."""

    label: str
    value: int
    url: str = ""

    @property
    def value_label(self) -> str:
        return charts.format_number(self.value)


@dataclass(frozen=True)
class KreisShare:
    """A Kreis or kreisfreie Stadt: how many of its Städte und Gemeinden take part in a published project."""

    name: str
    url: str
    bezirk: str
    is_kreisfreie_stadt: bool
    gemeinden: int
    active: int
    shape: str

    @property
    def share(self) -> float:
        return self.active / self.gemeinden if self.gemeinden else 0

    @property
    def share_label(self) -> str:
        return charts.format_percent(self.share)

    @property
    def description(self) -> str:
        """The map's tooltip: "Kreis Borken: 12 von 17 Städten und Gemeinden (71 %) in Kooperation"."""
        if self.is_kreisfreie_stadt:
            state = "an Kooperationsprojekten beteiligt" if self.active else "an keinem Kooperationsprojekt beteiligt"
            return f"{self.name} (kreisfreie Stadt): {state}"
        return (
            f"{self.name}: {self.active} von {self.gemeinden} Städten und Gemeinden ({self.share_label}) "
            "an Kooperationsprojekten beteiligt"
        )


@dataclass(frozen=True)
class ConnectedKommune:
    name: str
    url: str
    kind: str
    partners: int
    projects: int


@dataclass(frozen=True)
class EventYear:
    year: int
    events: int
    dates: int
    registered: int  # registrations with a seat
    attended: int  # of them, checked in at the door


@dataclass
class Figures:
    projects: int
    kommunen_involved: int  # Kommunen of every kind taking part in at least one published project
    gemeinden: int
    gemeinden_active: int
    topics: list[Row]
    bezirke: list[Row]
    years: list[Row]
    without_start: int
    forms: list[Row]
    kreise: list[KreisShare]
    connected: list[ConnectedKommune]
    event_years: list[EventYear]
    computed_at: datetime.datetime

    @property
    def gemeinden_share_label(self) -> str:
        return charts.format_percent(self.gemeinden_active / self.gemeinden if self.gemeinden else 0)


def figures() -> Figures:
    """All figures of the statistics page, from the cache when they are younger than STATISTICS_CACHE_SECONDS."""
    cached = cache.get(CACHE_KEY)
    if cached is None:
        cached = compute_figures()
        cache.set(CACHE_KEY, cached, settings.STATISTICS_CACHE_SECONDS)
    return cached


def compute_figures() -> Figures:
    counts = Project.objects.published().facet_counts({"topics", "areas", "year", "form", "municipalities", "total"})
    list_url = reverse("projects:list")
    areas = _areas()
    gemeinden = [area for area in areas if area["kind"] in Municipality.GEMEINDE_KINDS]
    active_ids = {int(pk) for pk in counts["municipalities"]}
    years = sorted((int(year), n) for year, n in counts["year"].items())
    return Figures(
        projects=counts["total"].get("", 0),
        kommunen_involved=len(active_ids),
        gemeinden=len(gemeinden),
        gemeinden_active=sum(1 for area in gemeinden if area["pk"] in active_ids),
        topics=_by_count(
            Row(name, counts["topics"].get(str(pk), 0), f"{list_url}?themenfeld={slug}")
            for pk, name, slug in Topic.objects.values_list("pk", "name", "slug")
        ),
        bezirke=[
            Row(
                area["short_name"],
                counts["areas"].get(str(area["pk"]), 0),
                f"{list_url}?regierungsbezirk={area['slug']}",
            )
            for area in areas
            if area["kind"] == Municipality.Kind.REGIERUNGSBEZIRK
        ],
        years=_year_rows(years, list_url),
        without_start=counts["total"].get("", 0) - sum(n for _, n in years),
        forms=_by_count(
            Row(label, counts["form"].get(value, 0), f"{list_url}?form={value}")
            for value, label in Project.Form.choices
        ),
        kreise=_kreis_shares(areas, active_ids),
        connected=_most_connected(),
        event_years=_event_years(),
        computed_at=timezone.now(),
    )


def _by_count(rows) -> list[Row]:
    """Most first; equal counts in the order given (the editors' order of Themenfelder, the order of forms)."""
    return sorted(rows, key=lambda row: -row.value)


def _year_rows(years: list[tuple[int, int]], list_url: str) -> list[Row]:
    """Every year from the first to the last start, those without a start included (a gap shows as 0)."""
    if not years:
        return []
    found = dict(years)
    return [
        Row(str(year), found.get(year, 0), f"{list_url}?jahr={year}" if year in found else "")
        for year in range(years[0][0], years[-1][0] + 1)
    ]


def _areas() -> list[dict]:
    """The Städte und Gemeinden, Kreise and Regierungsbezirke in one query, the outlines only of the Kreis level."""
    kinds = Municipality.GEMEINDE_KINDS + [Municipality.Kind.KREIS, Municipality.Kind.REGIERUNGSBEZIRK]
    return list(
        Municipality.objects.filter(kind__in=kinds)
        .annotate(
            outline=Case(
                When(kind__in=Municipality.KREIS_LEVEL_KINDS, then=F("shape")),
                default=Value(""),
                output_field=TextField(),
            ),
            bezirk=F("regierungsbezirk__short_name"),
        )
        .by_name()
        .values("pk", "kind", "short_name", "slug", "kreis_id", "bezirk", "outline")
    )


def _kreis_shares(areas: list[dict], active_ids: set[int]) -> list[KreisShare]:
    url_pattern = reverse("municipalities:detail", kwargs={"slug": "SLUG"})
    members: dict[int, list[int]] = {}
    for area in areas:
        if area["kind"] in Municipality.GEMEINDE_KINDS:
            unit = area["kreis_id"] or area["pk"]  # a kreisfreie Stadt is its own unit
            members.setdefault(unit, []).append(area["pk"])
    return [
        KreisShare(
            name=area["short_name"],
            url=url_pattern.replace("SLUG", area["slug"]),
            bezirk=area["bezirk"] or "",
            is_kreisfreie_stadt=area["kind"] == Municipality.Kind.KREISFREIE_STADT,
            gemeinden=len(members.get(area["pk"], [])),
            active=sum(1 for pk in members.get(area["pk"], []) if pk in active_ids),
            shape=area["outline"],
        )
        for area in areas
        if area["kind"] in Municipality.KREIS_LEVEL_KINDS
    ]


def _most_connected() -> list[ConnectedKommune]:
    """The Kommunen with the most distinct partner Kommunen in published projects (then the most projects)."""
    partner = "project__participants__municipality"
    rows = (
        Participant.objects.filter(project__is_published=True, municipality__isnull=False)
        .values(
            "municipality", "municipality__short_name", "municipality__name", "municipality__slug", "municipality__kind"
        )
        .annotate(
            partners=Count(partner, distinct=True, filter=~Q(**{partner: F("municipality")})),
            projects=Count("project", distinct=True),
        )
        .filter(partners__gt=0)
        .order_by("-partners", "-projects", "municipality__short_name")[:CONNECTED_SHOWN]
    )
    url_pattern = reverse("municipalities:detail", kwargs={"slug": "SLUG"})
    kinds = dict(Municipality.Kind.choices)
    return [
        ConnectedKommune(
            # As Municipality.display_name: the Landschaftsverbände by their full name.
            name=row["municipality__name"]
            if row["municipality__kind"] == Municipality.Kind.LANDSCHAFTSVERBAND
            else row["municipality__short_name"],
            url=url_pattern.replace("SLUG", row["municipality__slug"]),
            kind=kinds[row["municipality__kind"]],
            partners=row["partners"],
            projects=row["projects"],
        )
        for row in rows
    ]


def _event_years() -> list[EventYear]:
    """Per year of their dates (Berlin time): events held or planned, dates, seats taken and check-ins.

    Drafts, cancelled events and cancelled dates do not count; an event with dates in two years counts in both.
    """
    seated = Q(registrations__status=Registration.Status.CONFIRMED)
    rows = (
        EventDate.objects.on_the_site()
        .filter(is_cancelled=False)
        .exclude(event__status=Event.Status.CANCELLED)
        .annotate(year=ExtractYear("starts_at"))
        .values("year")
        .annotate(
            events=Count("event", distinct=True),
            dates=Count("pk", distinct=True),
            registered=Count("registrations", filter=seated),
            attended=Count("registrations", filter=seated & Q(registrations__checked_in_at__isnull=False)),
        )
        .order_by("year")
    )
    found = {row["year"]: row for row in rows}
    if not found:
        return []
    empty = {"events": 0, "dates": 0, "registered": 0, "attended": 0}
    return [
        EventYear(year=year, **{key: found.get(year, empty)[key] for key in empty})
        for year in range(min(found), max(found) + 1)
    ]


# --- Charts -------------------------------------------------------------------------------------------


def page_charts(data: Figures) -> dict:
    """The charts of the statistics page, drawn from the figures (no query)."""
    return {
        "topics": charts.bar_chart([(r.label, r.value) for r in data.topics], title="Projekte je Themenfeld"),
        "bezirke": charts.bar_chart([(r.label, r.value) for r in data.bezirke], title="Projekte je Regierungsbezirk"),
        "years": charts.column_chart([(r.label, r.value) for r in data.years], title="Projekte nach Jahr des Beginns"),
        "forms": charts.bar_chart(
            [(r.label, r.value) for r in data.forms], title="Projekte je Form der Zusammenarbeit"
        ),
        "kreise": charts.choropleth(
            [(k.description, k.shape, k.share) for k in data.kreise],
            title="Anteil der Städte und Gemeinden in Kooperationsprojekten je Kreis und kreisfreier Stadt",
            classes=SHARE_CLASSES,
        ),
        "connected": charts.bar_chart(
            [(k.name, k.partners) for k in data.connected], title="Die am stärksten vernetzten Kommunen"
        ),
        "events": charts.column_chart(
            [(str(y.year), y.events) for y in data.event_years], title="Veranstaltungen je Jahr"
        ),
        "registered": charts.column_chart(
            [(str(y.year), y.registered) for y in data.event_years], title="Angemeldete Teilnehmende je Jahr"
        ),
    }
