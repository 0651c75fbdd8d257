"""The map of NRW, drawn by our server as inline SVG from the boundaries stored with each Kommune.

No tiles, no map library, no request to another server. The boundaries come from the BKG
(portal/data/kommunen.json), so every page that shows the map shows ATTRIBUTION.
"""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.html import format_html_join

from portal.models import Municipality

# The map's coordinate system, as written by portal/data/derive_municipalities.py (a test keeps them equal).
MAP_WIDTH = 1257
MAP_HEIGHT = 1237
ATTRIBUTION = "© GeoBasis-DE / BKG (2016)"

# Colour classes by the number of cooperation projects: (lowest count, label); CSS sets the colours.
PROJECT_COUNT_CLASSES = [(0, "keine"), (1, "1"), (2, "2 bis 4"), (5, "5 und mehr")]


def count_class(count: int) -> int:
    return max(i for i, (lowest, _) in enumerate(PROJECT_COUNT_CLASSES) if count >= lowest)


@dataclass
class MapArea:
    pk: int
    slug: str
    label: str
    url: str
    shape: str
    css_class: str = ""


@dataclass
class NrwMap:
    areas: list[MapArea]
    borders: list[str]
    legend: list[tuple[str, str]] = field(default_factory=list)
    highlight: Municipality | None = None
    markers: list[tuple[float, float]] = field(default_factory=list)
    width: int = MAP_WIDTH
    height: int = MAP_HEIGHT
    attribution: str = ATTRIBUTION

    # The hundreds of links and paths are joined here rather than in a template loop: ten times faster.
    @cached_property
    def areas_svg(self):
        return format_html_join(
            "",
            '<a class="map-area {}" href="{}"><title>{}</title><path d="{}"/></a>',
            ((area.css_class, area.url, area.label, area.shape) for area in self.areas),
        )

    @cached_property
    def borders_svg(self):
        return format_html_join("", '<path d="{}"/>', ((shape,) for shape in self.borders))


def directory_map(*, counts: dict[int, int] | None = None) -> NrwMap:
    """Every Gemeinde as a link, Kreis borders over them; coloured by project count when `counts` is given.

    `counts` maps Municipality ids to their number of published cooperation projects.
    """
    kinds = Municipality.GEMEINDE_KINDS + Municipality.KREIS_LEVEL_KINDS
    rows = (
        Municipality.objects.filter(kind__in=kinds).by_name().values_list("pk", "slug", "short_name", "kind", "shape")
    )
    kind_labels = dict(Municipality.Kind.choices)
    # One reverse() for all links; slugs hold only [a-z0-9-].
    url_pattern = reverse("municipalities:detail", kwargs={"slug": "SLUG"})
    areas, borders = [], []
    for pk, slug, name, kind, shape in rows:
        if kind in Municipality.KREIS_LEVEL_KINDS:
            borders.append(shape)
        if kind not in Municipality.GEMEINDE_KINDS:
            continue
        label = f"{name} ({kind_labels[kind]})"
        css_class = ""
        if counts is not None:
            count = counts.get(pk, 0)
            label += f": {count} Kooperationsprojekt{'' if count == 1 else 'e'}"
            css_class = f"map-area--n{count_class(count)}"
        url = url_pattern.replace("SLUG", slug)
        areas.append(MapArea(pk=pk, slug=slug, label=label, url=url, shape=shape, css_class=css_class))
    legend = []
    if counts is not None:
        legend = [(f"map-area--n{i}", label) for i, (_, label) in enumerate(PROJECT_COUNT_CLASSES)]
    return NrwMap(areas=areas, borders=borders, legend=legend)


def locator_map(municipality: Municipality) -> NrwMap:
    """NRW with its Kreise, and one Kommune highlighted: the small map on a Kommune's page."""
    borders = list(Municipality.objects.kreis_level().values_list("shape", flat=True))
    return NrwMap(areas=[], borders=borders, highlight=municipality)


def participants_map(participants) -> NrwMap:
    """NRW with its Kreise, the participating Kommunen highlighted and linked: the map of a project.

    `participants` are Participant rows with their Municipality loaded (shape included); other
    organisations have no shape and are left out.
    """
    borders = list(Municipality.objects.kreis_level().values_list("shape", flat=True))
    kommunen = [p for p in participants if p.municipality_id]
    # Large areas (Kreise, Landschaftsverbände) first, so the Gemeinden drawn over them stay visible.
    kommunen.sort(key=lambda p: p.municipality.is_gemeinde)
    areas = [
        MapArea(
            pk=p.municipality.pk,
            slug=p.municipality.slug,
            label=f"{p.municipality.display_name} ({p.get_role_display()})",
            url=p.municipality.get_absolute_url(),
            shape=p.municipality.shape,
            css_class="map-area--lead" if p.is_lead else "map-area--partner",
        )
        for p in kommunen
    ]
    markers = [(p.municipality.map_x, p.municipality.map_y) for p in kommunen if p.municipality.is_gemeinde]
    return NrwMap(areas=areas, borders=borders, markers=markers)
