"""The map of NRW, drawn by our server as inline SVG from the boundaries stored with each Kommune.

No tiles, no map library, no request to another server. The boundaries come from the BKG
(portal/data/kommunen.json), so every page that shows the map shows ATTRIBUTION.
"""

from dataclasses import dataclass, field

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
    municipality: Municipality
    label: str
    css_class: str = ""


@dataclass
class NrwMap:
    areas: list[MapArea]
    borders: list[Municipality]
    legend: list[tuple[str, str]] = field(default_factory=list)
    highlight: Municipality | None = None
    width: int = MAP_WIDTH
    height: int = MAP_HEIGHT
    attribution: str = ATTRIBUTION


def directory_map(*, counts: dict[int, int] | None = None) -> NrwMap:
    """Every Gemeinde as a link, Kreis borders over them; coloured by project count when `counts` is given.

    `counts` maps Municipality ids to their number of published cooperation projects.
    """
    kinds = Municipality.GEMEINDE_KINDS + Municipality.KREIS_LEVEL_KINDS
    records = list(Municipality.objects.filter(kind__in=kinds).for_map().by_name())
    areas, borders = [], []
    for municipality in records:
        if municipality.kind in Municipality.KREIS_LEVEL_KINDS:
            borders.append(municipality)
        if municipality.kind not in Municipality.GEMEINDE_KINDS:
            continue
        label = f"{municipality.short_name} ({municipality.get_kind_display()})"
        css_class = ""
        if counts is not None:
            count = counts.get(municipality.pk, 0)
            label += f": {count} Kooperationsprojekt{'' if count == 1 else 'e'}"
            css_class = f"map-area--n{count_class(count)}"
        areas.append(MapArea(municipality=municipality, label=label, css_class=css_class))
    legend = []
    if counts is not None:
        legend = [(f"map-area--n{i}", label) for i, (_, label) in enumerate(PROJECT_COUNT_CLASSES)]
    return NrwMap(areas=areas, borders=borders, legend=legend)


def locator_map(municipality: Municipality) -> NrwMap:
    """NRW with its Kreise, and one Kommune highlighted: the small map on a Kommune's page."""
    borders = list(Municipality.objects.kreis_level().for_map())
    return NrwMap(areas=[], borders=borders, highlight=municipality)
