"""The legend of "Het vangnet in één beeld": text under the chart, in the chart's own colours, never cut short."""

from __future__ import annotations

import re

from directory import load_directory
from tests.conftest import DATA
from ui.chart import PALETTE, chart_legend, chart_points, chart_spec, legend_html, theme_colours


def test_the_legend_has_the_colours_the_dots_have():
    directory = load_directory(DATA)
    spec, _ = chart_spec(directory)
    scale = spec["encoding"]["color"]["scale"]
    legend = chart_legend(directory)
    assert [name for name, _ in legend] == scale["domain"]
    assert [colour for _, colour in legend] == scale["range"]
    assert spec["encoding"]["color"]["legend"] is None  # Vega draws none: it cut long names short
    assert {p["thema"] for p in chart_points(directory)} == set(scale["domain"])


def test_every_theme_name_is_whole_in_the_legend():
    directory = load_directory(DATA)
    shown = legend_html(chart_legend(directory))
    for name, _ in chart_legend(directory):
        assert name.replace("&", "&amp;") in shown
    assert "…" not in shown


def test_the_list_order_comes_first_and_colours_repeat_after_twenty():
    points = [{"thema": f"thema {i:02d}"} for i in range(25)]
    colours = theme_colours(points, ["thema 24", "onbekend", "thema 24"])
    assert colours[0] == ("thema 24", PALETTE[0])  # the list's order first; a theme nobody has is left out
    assert [name for name, _ in colours[1:]] == [f"thema {i:02d}" for i in range(24)]
    assert colours[20][1] == PALETTE[0]
    assert len(colours) == 25


def test_hostile_theme_names_are_text():
    shown = legend_html([('<script>alert("x")</script> & "Eten"', "#4c78a8"), ("Wonen", "red; background: url(x)")])
    assert "<script>" not in shown and "&lt;script&gt;" in shown and "&amp;" in shown
    assert "url(x)" not in shown and "Wonen" not in shown  # only the palette's own colours go into the style
    assert re.search(r'aria-hidden="true"', shown)  # the dot is decoration; the name is the text


def test_no_themes_no_items():
    assert "<li" not in legend_html([])
