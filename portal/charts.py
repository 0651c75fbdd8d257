"""The geometry of the charts the server draws as SVG: bars, columns, axes, ticks, a map coloured by classes.

No chart library. The templates in templates/portal/includes/chart_*.html draw what these dataclasses
describe. Along the value axis of bars and the category axis of columns, positions are percentages of the
chart's width, so the SVG fills any column from 320 px up while its text keeps its real size (the SVGs have
no viewBox and are never scaled); heights are pixels. Numbers are written the German way: 1.234 and 12,5.
"""

import math
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils.functional import cached_property
from django.utils.html import format_html_join

from portal.maps import ATTRIBUTION, MAP_HEIGHT, MAP_WIDTH

# --- Numbers ----------------------------------------------------------------------------------------


def format_number(value: float, decimals: int = 0) -> str:
    """1234 → "1.234", 12.25 with one decimal → "12,3": thousands with a dot, decimals with a comma, halves up."""
    rounded = Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    text = f"{rounded:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def format_percent(share: float) -> str:
    """0.705 → "71 %" (a no-break space before the sign, as German typesetting has it)."""
    return f"{format_number(share * 100)}\u00a0%"


def nice_ticks(largest: float, *, at_most: int = 5) -> list[float]:
    """Tick values from 0 to a round number at or above `largest`, in steps of 1, 2 or 5 times a power of ten.

    At most `at_most` steps; whole numbers only (the charts count things), so the step is at least 1.
    """
    if largest <= 0:
        return [0, 1]
    rough = largest / at_most
    magnitude = 10 ** math.floor(math.log10(rough))
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= rough)
    step = max(1, int(step))
    top = step * math.ceil(largest / step)
    return list(range(0, top + 1, step))


@dataclass(frozen=True)
class Tick:
    value: float
    label: str
    # Percent of the plot's width (bars) or pixels from the top (columns).
    position: float

    @property
    def label_y(self) -> float:
        """Columns: the baseline of the tick's number, left of the chart and centred on its grid line."""
        return round(self.position + 4, 1)


# --- Horizontal bars --------------------------------------------------------------------------------

# The bars reach at most this far across (percent); the rest of the width takes the number after the longest bar.
BAR_PLOT_SHARE = 84
BAR_ROW = 46  # pixels per category: its label above, the bar below
BAR_LABEL_BASELINE = 17
BAR_TOP = 23
BAR_HEIGHT = 16
BAR_AXIS_SPACE = 26  # below the last bar: the tick labels


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    value_label: str
    width: float  # percent of the chart's width
    label_y: float
    bar_y: float
    url: str = ""

    @property
    def text_y(self) -> float:
        """Baseline of the number after the bar, centred on it."""
        return self.bar_y + BAR_HEIGHT - 3


@dataclass
class BarChart:
    """Categories as horizontal bars, each with its name above it and its number after it."""

    title: str
    bars: list[Bar]
    ticks: list[Tick]
    unit: str = ""
    bar_height: int = BAR_HEIGHT

    @property
    def description(self) -> str:
        return f"Balkendiagramm mit {len(self.bars)} Balken. Die Zahlen stehen auch in der Tabelle."

    @property
    def plot_height(self) -> int:
        return len(self.bars) * BAR_ROW + 4

    @property
    def height(self) -> int:
        return self.plot_height + BAR_AXIS_SPACE

    @property
    def tick_label_y(self) -> int:
        return self.plot_height + 18


def bar_chart(items: list[tuple[str, float]], *, title: str, unit: str = "", urls: list[str] | None = None) -> BarChart:
    """A horizontal bar chart of (label, value) pairs in the order given."""
    largest = max((value for _, value in items), default=0)
    ticks = nice_ticks(largest)
    top = ticks[-1]
    bars = []
    for index, (label, value) in enumerate(items):
        row = index * BAR_ROW
        bars.append(
            Bar(
                label=label,
                value=value,
                value_label=format_number(value),
                width=_percent(value / top * BAR_PLOT_SHARE),
                label_y=row + BAR_LABEL_BASELINE,
                bar_y=row + BAR_TOP,
                url=urls[index] if urls else "",
            )
        )
    tick_list = [Tick(value=t, label=format_number(t), position=_percent(t / top * BAR_PLOT_SHARE)) for t in ticks]
    return BarChart(title=title, bars=bars, ticks=tick_list, unit=unit)


# --- Vertical columns -------------------------------------------------------------------------------

COLUMN_PLOT_TOP = 22  # room for the number above the highest column
COLUMN_PLOT_HEIGHT = 170
COLUMN_LABEL_SPACE = 26
COLUMN_WIDTH_SHARE = 0.64  # of the slot each category has


@dataclass(frozen=True)
class Column:
    label: str
    value: float
    value_label: str
    x: float  # percent of the chart's width
    width: float  # percent
    centre: float  # percent
    y: float  # pixels
    height: float  # pixels
    show_label: bool = True
    minor: bool = False  # its label is left out on small screens

    @property
    def value_y(self) -> float:
        """Baseline of the number above the column."""
        return round(self.y - 5, 1)


@dataclass
class ColumnChart:
    """A series over time (years, days) as vertical columns, with horizontal grid lines."""

    title: str
    columns: list[Column]
    ticks: list[Tick]
    value_labels: bool = True
    unit: str = ""

    plot_top: int = COLUMN_PLOT_TOP
    plot_height: int = COLUMN_PLOT_HEIGHT

    @property
    def description(self) -> str:
        span = f" von {self.columns[0].label} bis {self.columns[-1].label}" if self.columns else ""
        return f"Säulendiagramm mit {len(self.columns)} Säulen{span}. Die Zahlen stehen auch in der Tabelle."

    @property
    def baseline(self) -> int:
        return self.plot_top + self.plot_height

    @property
    def height(self) -> int:
        return self.baseline + COLUMN_LABEL_SPACE

    @property
    def label_y(self) -> int:
        return self.baseline + 18


def column_chart(
    items: list[tuple[str, float]],
    *,
    title: str,
    unit: str = "",
    label_every: int = 1,
    minor_label_every: int | None = None,
    value_labels: bool = True,
) -> ColumnChart:
    """Columns for (label, value) pairs in the order given.

    `label_every`: only every n-th category is labelled (many days); `minor_label_every`: on small screens only
    every n-th label is shown (CSS hides the others). By default small screens show at most six labels.
    """
    count = len(items)
    largest = max((value for _, value in items), default=0)
    ticks = nice_ticks(largest, at_most=4)
    top = ticks[-1]
    slot = 100 / count if count else 100
    width = slot * COLUMN_WIDTH_SHARE
    minor_every = minor_label_every or max(1, math.ceil(count / label_every / 6))
    columns = []
    for index, (label, value) in enumerate(items):
        height = COLUMN_PLOT_HEIGHT * value / top
        shown = index % label_every == 0
        columns.append(
            Column(
                label=label,
                value=value,
                value_label=format_number(value),
                x=_percent(index * slot + (slot - width) / 2),
                width=_percent(width),
                centre=_percent(index * slot + slot / 2),
                y=round(COLUMN_PLOT_TOP + COLUMN_PLOT_HEIGHT - height, 1),
                height=round(height, 1),
                show_label=shown,
                minor=shown and (index // label_every) % minor_every != 0,
            )
        )
    tick_list = [
        Tick(value=t, label=format_number(t), position=round(COLUMN_PLOT_TOP + COLUMN_PLOT_HEIGHT * (1 - t / top), 1))
        for t in ticks
    ]
    return ColumnChart(title=title, columns=columns, ticks=tick_list, value_labels=value_labels, unit=unit)


# --- A map of NRW coloured by classes (choropleth) ----------------------------------------------------


@dataclass(frozen=True)
class MapClass:
    """A colour class of a choropleth: values from `lowest` (inclusive) on; CSS gives `css_class` its colour."""

    lowest: float
    label: str
    css_class: str


@dataclass(frozen=True)
class ShadedArea:
    label: str  # the <title>: name and value in words
    shape: str
    css_class: str


@dataclass
class ChoroplethMap:
    title: str
    areas: list[ShadedArea]
    legend: list[MapClass]
    width: int = MAP_WIDTH
    height: int = MAP_HEIGHT
    attribution: str = ATTRIBUTION
    borders: list[str] = field(default_factory=list)

    # Joined here rather than in a template loop, as portal/maps.py does: fast for many shapes.
    @cached_property
    def areas_svg(self):
        return format_html_join(
            "",
            '<path class="choropleth__area {}" d="{}"><title>{}</title></path>',
            ((area.css_class, area.shape, area.label) for area in self.areas),
        )


def map_class(value: float, classes: list[MapClass]) -> MapClass:
    """The class a value falls into: the last whose lower bound it reaches."""
    return [c for c in classes if value >= c.lowest][-1]


def choropleth(areas: list[tuple[str, str, float]], *, title: str, classes: list[MapClass]) -> ChoroplethMap:
    """(label, SVG path in the map's units, value) per area; each area gets the CSS class of its value."""
    shaded = [
        ShadedArea(label=label, shape=shape, css_class=map_class(value, classes).css_class)
        for label, shape, value in areas
    ]
    return ChoroplethMap(title=title, areas=shaded, legend=classes)


def _percent(value: float) -> float:
    return round(value, 2)
