""" "Het vangnet in één beeld": every organisation placed between light and heavy help.

`chart_points` and `counts_sentence` are pure (no Streamlit) so tests can check the positions;
`vangnet_chart` turns the points into an Altair chart that Streamlit renders with its own bundled Vega.
"""

from __future__ import annotations

import html
import re
from collections import Counter, defaultdict
from collections.abc import Iterable

import altair as alt
import pandas as pd

from directory.model import DOMAIN_ORDER, Directory, Domain, Organisation
from directory.text import fold

# An organisation that partly belongs to a second group sits between the two, this share of the way
# from its main group towards the second one.
OVERLAP_SHARE = 1 / 3  # "mostly support, partly prevention": a third of the way to the second group
NO_THEME = "Geen thema"
# Vertical room per stacked point, in pixels: shrinks for very full columns so the chart stays readable.
MAX_STEP, MIN_STEP, MAX_HEIGHT = 14, 4, 600
# A stack taller than this wraps into side-by-side columns around its place (a list of thousands would
# otherwise make a chart thousands of pixels high); they share WRAP_WIDTH of the horizontal axis.
MAX_ROWS, WRAP_WIDTH = MAX_HEIGHT // MIN_STEP, 0.24
# The colours of the main themes: Vega's "tableau20", given explicitly so the legend (plain text below the
# chart, see legend_html) and the dots always agree; more themes than colours repeat them.
PALETTE = (
    "#4c78a8", "#9ecae9", "#f58518", "#ffbf79", "#54a24b", "#88d27a", "#b79a20", "#f2cf5b", "#439894", "#83bcb6",
    "#e45756", "#ff9d98", "#79706e", "#bab0ac", "#d67195", "#fcbfd2", "#b279a2", "#d6a5c9", "#9e765f", "#d8b5a5",
)  # fmt: skip
# The legend is text under the chart, not part of it: Vega cuts a long theme name short ("Meedenken,
# samenwer…") at a fixed width, while text wraps and fills one column on a phone and three on a desktop.
LEGEND_STYLE = "columns: 15rem auto; column-gap: 1.5rem; font-size: 0.875rem; line-height: 1.6; margin: 0 0 1rem"
NOUNS = {Domain.PREVENTIE: "preventie", Domain.ONDERSTEUNING: "ondersteuning", Domain.CURATIEF: "curatieve hulp"}


def position(org: Organisation) -> float:
    """0 = preventie, 1 = ondersteuning, 2 = curatief; between two groups when it has an ook_domein."""
    x = float(org.domein.weight)
    if org.ook_domein is not None:
        x += OVERLAP_SHARE * (org.ook_domein.weight - x)
    return round(x, 6)


def groups_label(org: Organisation) -> str:
    """'Ondersteuning, ook preventie'."""
    label = org.domein.label
    return f"{label}, ook {org.ook_domein.label.lower()}" if org.ook_domein else label


def chart_points(directory: Directory) -> list[dict[str, object]]:
    """One point per active organisation: x by group, y stacked per x so no two points overlap.

    Within a stack, organisations with the same main theme sit together, so colours form bands. A stack
    of more than MAX_ROWS wraps into narrow columns around its x.
    """
    theme_names = {t.id: t.naam for t in directory.themes}
    theme_rank = {t.id: i for i, t in enumerate(directory.themes)}
    stacks: dict[float, list[Organisation]] = defaultdict(list)
    for org in directory.active:
        stacks[position(org)].append(org)
    points = []
    for x in sorted(stacks):
        stack = sorted(
            stacks[x], key=lambda o: (theme_rank.get(o.main_theme or "", len(theme_rank)), fold(o.naam), o.id)
        )
        columns = -(-len(stack) // MAX_ROWS)
        for n, org in enumerate(stack):
            column, y = divmod(n, MAX_ROWS)
            theme = org.main_theme
            points.append(
                {
                    "id": org.id,
                    "naam": org.naam,
                    "x": round(x + (column - (columns - 1) / 2) * WRAP_WIDTH / columns, 6) if columns > 1 else x,
                    "y": y,
                    "groepen": groups_label(org),
                    "thema": theme_names.get(theme, theme) if theme else NO_THEME,
                }
            )
    return points


def group_counts(organisations: Iterable[Organisation]) -> dict[Domain, int]:
    """How many organisations have each group as their main group, lightest first."""
    counts = Counter(o.domein for o in organisations)
    return {d: counts[d] for d in DOMAIN_ORDER}


def counts_sentence(counts: dict[Domain, int]) -> str:
    """One B1 sentence (or two) with the counts per group, ending with what that means."""
    total = sum(counts.values())
    if total == 0:
        return "Er staan nog geen organisaties in de lijst."
    parts = [f"{counts.get(d, 0)} vooral {NOUNS[d]}" for d in DOMAIN_ORDER]
    verb = "doet" if counts.get(DOMAIN_ORDER[0], 0) == 1 else "doen"
    noun = "organisatie" if total == 1 else "organisaties"
    sentence = f"Van de {total} {noun} {verb} er {parts[0]}, {parts[1]} en {parts[2]}."
    ranked = sorted(DOMAIN_ORDER, key=lambda d: counts.get(d, 0))
    least, most = ranked[0], ranked[-1]
    fewest, middle, most_count = (counts.get(d, 0) for d in ranked)
    if fewest < middle < most_count:  # only when the biggest and the smallest group are clear
        sentence += f" Er is dus veel {NOUNS[most]} en weinig {NOUNS[least]}."
    return sentence


def chart_spec(directory: Directory) -> tuple[dict, pd.DataFrame]:
    """The chart as a Vega-Lite spec without its data, and the data as a table; made once per loaded list.
    Altair checks every point against its schema, which took two seconds per rerun at 5,000 organisations.
    Streamlit changes the spec it is given, so each rerun passes a copy of the top level."""
    cached = directory.cache.get("vangnet_chart")
    if cached is None:
        points = chart_points(directory)
        spec = vangnet_chart(points, [t.naam for t in directory.themes]).to_dict()
        del spec["data"]
        cached = directory.cache["vangnet_chart"] = (spec, pd.DataFrame(points))
    spec, frame = cached
    return dict(spec), frame


def theme_colours(points: list[dict[str, object]], theme_order: Iterable[str] = ()) -> list[tuple[str, str]]:
    """(main theme, colour) for the themes the points have, in the list's theme order, then by name."""
    present = {str(p["thema"]) for p in points}
    order = [name for name in dict.fromkeys(theme_order) if name in present]
    order += sorted(present - set(order))
    return [(name, PALETTE[i % len(PALETTE)]) for i, name in enumerate(order)]


def chart_legend(directory: Directory) -> list[tuple[str, str]]:
    """The chart's legend, made once per loaded list."""
    cached = directory.cache.get("vangnet_chart_legend")
    if cached is None:
        cached = directory.cache["vangnet_chart_legend"] = theme_colours(
            chart_points(directory), [t.naam for t in directory.themes]
        )
    return list(cached)


def legend_html(entries: Iterable[tuple[str, str]]) -> str:
    """The legend as HTML: a coloured dot (decoration, hidden from screen readers) and the theme's name as
    text. Names come from themas.csv and are escaped; colours are the PALETTE's own."""
    items = "".join(
        f'<li style="break-inside: avoid; list-style: none"><span aria-hidden="true" style="display: inline-block; '
        f'width: 0.7em; height: 0.7em; border-radius: 50%; background: {colour}; margin-right: 0.4em"></span>'
        f"{html.escape(name)}</li>"
        for name, colour in entries
        if re.fullmatch(r"#[0-9a-f]{6}", colour)
    )
    title = '<p style="margin: 0 0 0.25rem"><strong>Hoofdthema</strong></p>'
    return f'{title}<ul style="{LEGEND_STYLE}; padding: 0">{items}</ul>'


def vangnet_chart(points: list[dict[str, object]], theme_order: Iterable[str] = ()) -> alt.Chart:
    """A dot plot: groups on the horizontal axis, one coloured dot per organisation (legend: legend_html)."""
    tallest = max((int(p["y"]) for p in points), default=0) + 1
    step = max(MIN_STEP, min(MAX_STEP, MAX_HEIGHT // (tallest + 1)))
    colours = theme_colours(points, theme_order)
    labels = " : ".join(f"datum.value == {d.weight} ? '{d.label}'" for d in DOMAIN_ORDER) + " : ''"
    return (
        alt.Chart(alt.Data(values=points))
        # A screen reader gets the sentence with the counts (the chart's alt text), not 46 coordinates.
        .mark_circle(size=int((step * 0.8) ** 2), opacity=0.9, aria=False)
        .encode(
            x=alt.X(
                "x:Q",
                title="Van licht naar zwaar",
                scale=alt.Scale(domain=[-0.3, 2.3], nice=False),
                axis=alt.Axis(
                    values=[d.weight for d in DOMAIN_ORDER],
                    labelExpr=labels,
                    grid=True,
                    labelOverlap=True,
                    labelFontSize=12,
                    aria=False,
                ),
            ),
            y=alt.Y("y:Q", axis=None, scale=alt.Scale(domain=[-0.7, tallest - 0.3], nice=False)),
            color=alt.Color(
                "thema:N",
                title="Hoofdthema",
                scale=alt.Scale(domain=[name for name, _ in colours], range=[colour for _, colour in colours]),
                legend=None,
            ),
            tooltip=[
                alt.Tooltip("naam:N", title="Naam"),
                alt.Tooltip("groepen:N", title="Groep"),
                alt.Tooltip("thema:N", title="Hoofdthema"),
            ],
        )
        .properties(height=step * (tallest + 1))
    )
