"""The map of NRW, drawn by our server as inline SVG from the boundaries stored with each Kommune.

No tiles, no map library, no request to another server. The boundaries come from the BKG
(portal/data/kommunen.json), so every page that shows the map shows ATTRIBUTION.
"""

import re
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


def path_bounds(shape: str) -> tuple[float, float, float, float]:
    """(min x, min y, max x, max y) of an SVG path as the derive script writes it: "M x y l dx dy … z"."""
    xs, ys = [], []
    x = y = 0.0
    for command, numbers in re.findall(r"([MlZz])([^MlZz]*)", shape):
        values = [float(v) for v in re.findall(r"-?\d+(?:\.\d+)?", numbers)]
        for i in range(0, len(values) - 1, 2):
            if command == "M" and i == 0:
                x, y = values[0], values[1]
            else:
                x, y = x + values[i], y + values[i + 1]
            xs.append(x)
            ys.append(y)
    return min(xs), min(ys), max(xs), max(ys)


@dataclass
class NrwMap:
    areas: list[MapArea]
    borders: list[str]
    legend: list[tuple[str, str]] = field(default_factory=list)
    highlight: Municipality | None = None
    markers: list[tuple[float, float]] = field(default_factory=list)
    # The part of the map to show, "x y width height"; the whole of NRW by default.
    view_box: str = f"0 0 {MAP_WIDTH} {MAP_HEIGHT}"
    width: int = MAP_WIDTH
    height: int = MAP_HEIGHT
    attribution: str = ATTRIBUTION

    @property
    def marker_radius(self):
        """Markers keep their size on screen however far the view is zoomed in."""
        return f"{float(self.view_box.split()[2]) / 100:.1f}"  # a string: templates would write "5,0"

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
    return NrwMap(areas=areas, borders=borders, markers=markers, view_box=_view_around(areas))


# A project's map shows at least this share of NRW's width, so the region around the partners stays recognisable.
MIN_VIEW_SHARE = 0.4


def _view_around(areas: list[MapArea]) -> str:
    """A square view of the map around the areas, with some of the land around them."""
    if not areas:
        return f"0 0 {MAP_WIDTH} {MAP_HEIGHT}"
    bounds = [path_bounds(area.shape) for area in areas]
    left, top = min(b[0] for b in bounds), min(b[1] for b in bounds)
    right, bottom = max(b[2] for b in bounds), max(b[3] for b in bounds)
    size = min(max(right - left, bottom - top) * 1.4, MAP_WIDTH * 1.0)
    size = max(size, MAP_WIDTH * MIN_VIEW_SHARE)
    x = min(max((left + right - size) / 2, 0), MAP_WIDTH - size)
    y = min(max((top + bottom - size) / 2, 0), MAP_HEIGHT - size)
    return f"{x:.0f} {y:.0f} {size:.0f} {size:.0f}"
