"""The SVG geometry of portal/charts.py and the templates that draw it."""

import re

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from portal import charts


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (0, 0, "0"),
        (999, 0, "999"),
        (1234, 0, "1.234"),
        (1234567, 0, "1.234.567"),
        (12.25, 1, "12,3"),
        (2.5, 0, "3"),
        (1234.5, 1, "1.234,5"),
    ],
)
def test_format_number_writes_german_numbers(value, decimals, expected):
    assert charts.format_number(value, decimals) == expected


def test_format_percent_rounds_and_puts_a_no_break_space_before_the_sign():
    assert charts.format_percent(2 / 3) == "67\u00a0%"
    assert charts.format_percent(0.705) == "71\u00a0%"
    assert charts.format_percent(1) == "100\u00a0%"


@pytest.mark.parametrize(
    ("largest", "expected"),
    [
        (0, [0, 1]),
        (1, [0, 1]),
        (3, [0, 1, 2, 3]),
        (16, [0, 5, 10, 15, 20]),
        (99, [0, 20, 40, 60, 80, 100]),
        (700, [0, 200, 400, 600, 800]),
        (1234, [0, 500, 1000, 1500]),
    ],
)
def test_nice_ticks_are_round_steps_up_to_the_largest_value(largest, expected):
    assert charts.nice_ticks(largest) == expected


def test_bar_chart_scales_bars_to_the_top_tick_and_stacks_rows():
    chart = charts.bar_chart([("Feuerwehr", 10), ("Schule", 5), ("Personal", 0)], title="Projekte je Themenfeld")

    assert [t.value for t in chart.ticks] == [0, 2, 4, 6, 8, 10]
    assert [bar.width for bar in chart.bars] == [charts.BAR_PLOT_SHARE, charts.BAR_PLOT_SHARE / 2, 0]
    assert [bar.value_label for bar in chart.bars] == ["10", "5", "0"]
    assert [bar.bar_y for bar in chart.bars] == [
        charts.BAR_TOP,
        charts.BAR_ROW + charts.BAR_TOP,
        2 * charts.BAR_ROW + 23,
    ]
    assert chart.ticks[-1].position == charts.BAR_PLOT_SHARE
    assert chart.height == 3 * charts.BAR_ROW + 4 + charts.BAR_AXIS_SPACE


def test_column_chart_places_columns_in_equal_slots_and_scales_heights():
    chart = charts.column_chart([("2020", 4), ("2021", 0), ("2022", 2), ("2023", 1)], title="Projekte je Jahr")

    assert [c.centre for c in chart.columns] == [12.5, 37.5, 62.5, 87.5]
    assert [c.width for c in chart.columns] == [16.0] * 4
    assert [c.height for c in chart.columns] == [charts.COLUMN_PLOT_HEIGHT, 0, charts.COLUMN_PLOT_HEIGHT / 2, 42.5]
    # Every column stands on the baseline.
    assert {c.y + c.height for c in chart.columns} == {chart.baseline}
    assert [t.value for t in chart.ticks] == [0, 1, 2, 3, 4]
    assert chart.description == "Säulendiagramm mit 4 Säulen von 2020 bis 2023. Die Zahlen stehen auch in der Tabelle."


def test_column_chart_labels_every_nth_column_and_thins_labels_for_small_screens():
    items = [(f"{day:02d}.11.", day) for day in range(1, 31)]

    chart = charts.column_chart(items, title="Seitenaufrufe", label_every=3)

    labelled = [c.label for c in chart.columns if c.show_label]
    assert labelled == [
        "01.11.",
        "04.11.",
        "07.11.",
        "10.11.",
        "13.11.",
        "16.11.",
        "19.11.",
        "22.11.",
        "25.11.",
        "28.11.",
    ]
    # Ten labels: on a small screen every second of them, six at most.
    assert [c.label for c in chart.columns if c.show_label and not c.minor] == [
        "01.11.",
        "07.11.",
        "13.11.",
        "19.11.",
        "25.11.",
    ]


def test_choropleth_gives_each_area_the_class_of_its_value():
    classes = [
        charts.MapClass(0, "keine", "c0"),
        charts.MapClass(0.000001, "unter 50 %", "c1"),
        charts.MapClass(0.5, "50 % und mehr", "c2"),
    ]

    chart = charts.choropleth(
        [("Kreis A: 0 von 9", "M0 0l1 1z", 0), ("Kreis B & C: 1 von 9", "M1 1l1 1z", 1 / 9), ("D", "M2 2z", 0.5)],
        title="Anteil",
        classes=classes,
    )

    assert [area.css_class for area in chart.areas] == ["c0", "c1", "c2"]
    assert (
        '<path class="choropleth__area c1" d="M1 1l1 1z"><title>Kreis B &amp; C: 1 von 9</title></path>'
        in chart.areas_svg
    )


def test_bar_template_draws_an_image_with_its_name_and_dots_in_numbers():
    chart = charts.bar_chart([("Feuerwehr", 3), ("Schule", 2)], title="Projekte je Themenfeld")

    # German formatting would write "56,0%", which no browser reads as a width.
    with translation.override("de"):
        svg = render_to_string("portal/includes/chart_bars.html", {"chart": chart, "id": "t"})

    assert '<svg class="chart chart--bars" width="100%" height="122" role="img" aria-labelledby="t-title"' in svg
    assert '<title id="t-title">Projekte je Themenfeld</title>' in svg
    assert re.findall(r'<rect class="chart__mark" x="0" y="(\d+)" width="([\d.]+)%"', svg) == [
        ("23", "84.0"),
        ("69", "56.0"),
    ]
    assert "<title>Feuerwehr: 3</title>" in svg
    assert '<text class="chart__label" x="0" y="17">Feuerwehr</text>' in svg


def test_column_template_draws_one_rect_per_column_and_numbers_above_them():
    chart = charts.column_chart([("2021", 2), ("2022", 0), ("2023", 1)], title="Veranstaltungen je Jahr")

    with translation.override("de"):
        svg = render_to_string("portal/includes/chart_columns.html", {"chart": chart, "id": "v"})

    assert svg.count('<rect class="chart__mark"') == 3
    assert '<rect class="chart__mark" x="6.0%" y="22.0" width="21.33%" height="170.0"/>' in svg
    # Zero gets no number above its (empty) column; the table says 0.
    assert re.findall(r'<text class="chart__value"[^>]*>(\d+)</text>', svg) == ["2", "1"]
    assert re.findall(r'<text class="chart__category"[^>]*>(\d+)</text>', svg) == ["2021", "2022", "2023"]
