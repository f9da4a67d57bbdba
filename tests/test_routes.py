"""Referral routes: the ladder from light to heavy, referral chains, and the Graphviz flow with hostile data."""

from __future__ import annotations

import dataclasses
import re

import pytest

from directory import Directory, load_directory
from directory.model import Domain
from directory.routes import (
    FIRST_STEP,
    NEXT_STEP,
    Edge,
    dot_string,
    neighbourhood,
    next_steps,
    route_for_need,
    route_for_theme,
    to_dot,
)
from tests.conftest import DATA, HEADER, VALID_ROW

ROUTE_HEADER = [*HEADER, "verwijst_naar", "contact_professionals"]
LIGHT = (Domain.PREVENTIE, Domain.ONDERSTEUNING)
QUOTED = r'"(?:[^"\\]|\\.)*"'
HOSTILE_NAMES = [
    '"] ; evil [label="x',
    "trailing backslash \\",
    'back\\slash \\N \\l \\"quote',
    "<b>bold</b> {rank=same} | a -> b; &lt; &amp;",
    'n0 -> n1 [color="red"]',
]


@pytest.fixture(scope="module")
def bundled() -> Directory:
    return load_directory(DATA)


def row(org_id: str, naam: str, domein: str, themas: str = "voedsel", **extra: str) -> dict[str, str]:
    return {**VALID_ROW, "id": org_id, "naam": naam, "domein": domein, "themas": themas, **extra}


@pytest.fixture
def small(write_list):
    """Write rows (with verwijst_naar and contact_professionals) and load them."""

    def load(rows: list[dict[str, str]]) -> Directory:
        return load_directory(write_list(rows, header=ROUTE_HEADER))

    return load


def titles(route) -> list[str]:
    return [step.title for step in route.steps]


def ids_per_step(route) -> list[list[str]]:
    return [[entry.organisation.id for entry in step.entries] for step in route.steps]


# --- the ladder -------------------------------------------------------------------------------


@pytest.mark.parametrize("theme_id", ["geldzorgen-schulden", "voedsel", "dakloosheid-opvang", "wonen-huur", "werk"])
def test_bundled_ladder_is_light_first_and_ordered(bundled, theme_id):
    route = route_for_theme(bundled, theme_id)
    assert titles(route) == [FIRST_STEP, NEXT_STEP]
    first, second = route.steps
    assert all(e.organisation.domein in LIGHT for e in first.entries)
    assert all(e.organisation.domein is Domain.CURATIEF for e in second.entries)
    for step in route.steps:
        assert all(e.organisation.role.suggestable for e in step.entries)  # a bailiff is in route.aside
        keys = [
            (
                e.organisation.themas.index(theme_id),
                e.organisation.domein.weight,
                e.organisation.naam.casefold(),
            )
            for e in step.entries
        ]
        assert keys == sorted(keys)
    expected = {o.id for o in bundled.active if theme_id in o.themas}
    assert set(route.org_ids) == expected and len(route.org_ids) == len(expected)


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        (  # curatief after the others, however central; then position in themas, lighter group, name
            [
                row("zwaar", "Aaa zwaar", "curatief"),
                row("later", "Bbb later", "preventie", "geldzorgen-schulden;voedsel"),
                row("steun", "Zzz steun", "ondersteuning"),
                row("licht", "Mmm licht", "preventie"),
                row("ook-steun", "Ccc steun", "ondersteuning"),
            ],
            [["licht", "ook-steun", "steun", "later"], ["zwaar"]],
        ),
        (  # only heavy help: the first step is empty, never skipped
            [row("zwaar", "Zwaar", "curatief"), row("ander", "Ander", "preventie", "wonen-huur")],
            [[], ["zwaar"]],
        ),
        (  # nobody for the theme
            [row("ander", "Ander", "preventie", "wonen-huur")],
            [[], []],
        ),
    ],
)
def test_ladder_order(small, rows, expected):
    route = route_for_theme(small(rows), "voedsel")
    assert titles(route) == [FIRST_STEP, NEXT_STEP]
    assert ids_per_step(route) == expected
    assert route.is_empty == (expected == [[], []])


def test_entries_carry_how_to_refer(small):
    directory = small([row("a", "A", "ondersteuning", aanmelden="Bel ons.", contact_professionals="Mail de intake.")])
    (entry,) = route_for_theme(directory, "voedsel").steps[0].entries
    assert (entry.how_to_refer, entry.for_professionals) == ("Bel ons.", "Mail de intake.")


def test_unknown_theme_is_an_empty_route(bundled):
    route = route_for_theme(bundled, "bestaat-niet")
    assert route.is_empty and route.theme_ids == ()


# --- archived organisations -------------------------------------------------------------------


@pytest.fixture
def with_archived(small) -> Directory:
    return small(
        [
            row("start", "Start", "preventie", verwijst_naar="oud;zwaar"),
            row("oud", "Oudbank gesloten", "ondersteuning", actief="nee", verwijst_naar="verder"),
            row("verder", "Verder", "ondersteuning"),
            row("zwaar", "Zwaar", "curatief", verwijst_naar="oud"),
        ]
    )


def test_archived_never_appear(with_archived):
    d = with_archived
    routes = [route_for_theme(d, "voedsel"), route_for_need(d, "oudbank"), route_for_need(d, "eten")]
    assert all("oud" not in route.org_ids for route in routes)
    assert next_steps(d, ["start", "oud"], depth=5) == [Edge("start", "zwaar")]
    around = neighbourhood(d, "zwaar")
    assert around is not None and [o.id for o in around.refers_to] == [] and around.edges == (Edge("start", "zwaar"),)
    assert neighbourhood(d, "oud") is None
    assert neighbourhood(d, "bestaat-niet") is None


def test_bundled_archived_organisation_is_nowhere(bundled):
    archived = {o.id for o in bundled.organisations if not o.actief}
    assert archived  # the bundled list keeps Matchpoint as archived
    every_route = [route_for_theme(bundled, t.id) for t in bundled.themes]
    assert not archived & {i for route in every_route for i in route.org_ids}
    edges = next_steps(bundled, [o.id for o in bundled.organisations], depth=3)
    assert not archived & {i for edge in edges for i in edge}


# --- referral chains ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("links", "start", "depth", "expected"),
    [
        ({"a": "b", "b": "a"}, ["a"], 5, [("a", "b")]),
        ({"a": "b", "b": "c", "c": "a"}, ["a"], 9, [("a", "b"), ("b", "c")]),
        ({"a": "a"}, ["a"], 3, []),
        ({"a": "b", "b": "c", "c": "d"}, ["a"], 1, [("a", "b")]),
        ({"a": "b", "b": "c", "c": "d"}, ["a"], 2, [("a", "b"), ("b", "c")]),
        ({"a": "b;c", "b": "d", "c": "d"}, ["a"], 2, [("a", "b"), ("a", "c"), ("b", "d"), ("c", "d")]),
        ({"a": "b", "b": "a"}, ["a", "b"], 2, [("a", "b")]),
        ({"a": "b;b"}, ["a", "a", "onbekend"], 2, [("a", "b")]),
        ({}, ["a"], 2, []),
    ],
)
def test_chains_follow_referrals_without_cycles(small, links, start, depth, expected):
    directory = small([row(i, i.upper(), "ondersteuning", verwijst_naar=links.get(i, "")) for i in "abcd"])
    edges = next_steps(directory, start, depth=depth)
    assert edges == [Edge(*e) for e in expected]
    assert not _has_cycle(edges)


def test_of_two_organisations_that_refer_to_each_other_the_light_to_heavy_edge_stays(small):
    directory = small(
        [
            row("zwaar", "Zwaar", "curatief", verwijst_naar="licht"),
            row("licht", "Licht", "preventie", verwijst_naar="zwaar"),
        ]
    )
    assert next_steps(directory, ["zwaar", "licht"]) == [Edge("licht", "zwaar")]


def test_bundled_chains_have_no_cycles(bundled):
    for theme in bundled.themes:
        edges = next_steps(bundled, route_for_theme(bundled, theme.id).org_ids, depth=3)
        assert not _has_cycle(edges), theme.id
        assert len(edges) == len(set(edges))


def test_bundled_voedselbank_neighbourhood(bundled):
    around = neighbourhood(bundled, "voedselbank")
    assert around is not None
    assert [o.id for o in around.refers_to] == ["schuldhulpmaatje", "stadsring51"]
    assert "stadsring51" in [o.id for o in around.referred_by]
    assert around.org_ids[0] == "voedselbank"


def _has_cycle(edges) -> bool:
    graph: dict[str, list[str]] = {}
    for source, target in edges:
        graph.setdefault(source, []).append(target)
    state: dict[str, int] = {}

    def visit(node: str) -> bool:
        state[node] = 1
        for nxt in graph.get(node, ()):
            if state.get(nxt) == 1 or (nxt not in state and visit(nxt)):
                return True
        state[node] = 2
        return False

    return any(node not in state and visit(node) for node in list(graph))


# --- a need in words ------------------------------------------------------------------------------


def test_need_route_uses_the_matcher_and_keeps_the_ladder(bundled):
    route = route_for_need(bundled, "brief van de deurwaarder")
    assert "stadsring51" in [e.organisation.id for e in route.steps[1].entries]
    assert all(e.organisation.domein in LIGHT for e in route.steps[0].entries)
    assert all(e.reasons for step in route.steps for e in step.entries)
    assert "geldzorgen-schulden" in route.theme_ids


def test_need_text_is_not_kept(bundled):
    text = "mevrouw Jansenius van de Kastanjelaan heeft een brief van de deurwaarder"
    before = set(bundled.cache)
    route = route_for_need(bundled, text)
    assert not route.is_empty
    kept = repr(route) + repr(dataclasses.asdict(route))
    assert "Jansenius" not in kept and "Kastanjelaan" not in kept and text not in kept
    assert set(bundled.cache) - before <= {"match_index"}


@pytest.mark.parametrize("text", ["", "   ", "xyzzy qwrtp", "\x00\n"])
def test_nothing_matches_gives_an_empty_route(bundled, text):
    route = route_for_need(bundled, text)
    assert route.is_empty and titles(route) == [FIRST_STEP, NEXT_STEP]


# --- Graphviz -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "escaped"),
    [
        ('"] ; evil [label="x', '\\"] ; evil [label=\\"x'),
        ("back\\slash", "back\\\\slash"),
        ("trailing \\", "trailing \\\\"),
        ("two\nlines\r\nthree", "two lines three"),
        ("tab\there", "tab here"),
        ("nul\x00bell\x07", "nulbell"),
        ("A & B &lt;", "A &amp; B &amp;lt;"),
        ("<b>{x}|y</b>", "<b>{x}|y</b>"),
        ("\\N \\l", "\\\\N \\\\l"),
    ],
)
def test_dot_string_escapes(value, escaped):
    assert dot_string(value) == escaped
    # Whatever the input, the result is the inside of exactly one quoted string.
    assert re.fullmatch(QUOTED, f'"{dot_string(value)}"')


@pytest.fixture
def hostile(small) -> Directory:
    rows = [
        row(f"org-{i}", name, ("preventie", "ondersteuning", "curatief")[i % 3], verwijst_naar=f"org-{(i + 1) % 5}")
        for i, name in enumerate(HOSTILE_NAMES)
    ]
    directory = small(rows)
    # Names with newlines cannot come through the CSV (a name is one line), but DOT must survive them too.
    extra = directory.by_id["org-0"].model_copy(update={"id": "multi", "naam": 'one\n"] x\r\ntwo\\'})
    return dataclasses.replace(directory, organisations=(*directory.organisations, extra), by_id={}, theme_by_id={})


def test_to_dot_escapes_hostile_names(hostile):
    ids = [o.id for o in hostile.organisations]
    edges = [*next_steps(hostile, ids, depth=3), Edge("multi", "org-0")]
    dot = to_dot(hostile, ids, edges, highlight=["org-0"])
    lines = dot.splitlines()

    node_lines = [line for line in lines if re.match(r"\s+n\d+ \[", line)]
    assert len(node_lines) == len(ids)  # one line, one statement per node: no newline got through
    node_statement = re.compile(
        rf'  n\d+ \[label={QUOTED}, tooltip={QUOTED}, fillcolor="#[0-9a-f]{{6}}", '
        rf'color="#[0-9a-f]{{6}}", penwidth=[0-9.]+\];'
    )
    assert all(node_statement.fullmatch(line) for line in node_lines), node_lines

    assert '\\"] ; evil [label=\\"x' in dot  # the escaped text is there ...
    assert not re.search(r'(?<!\\)"\] ; evil', dot)  # ... and never the raw quote from the data
    assert "trailing backslash \\\\" in dot
    assert "&amp;lt; &amp;amp;" in dot

    outside = re.sub(QUOTED, "", dot)  # what Graphviz reads as syntax, not as text
    assert "evil" not in outside and "red" not in outside and "bold" not in outside
    assert "org-" not in outside and "multi" not in outside  # data ids never become DOT identifiers
    assert set(re.findall(r"\b[a-z]\d+\b", outside)) <= {f"n{i}" for i in range(len(ids))} | {"h0", "h1", "h2"}
    assert outside.count("{") == outside.count("}")


def test_to_dot_generates_node_ids_and_ranks_light_left(bundled):
    around = neighbourhood(bundled, "voedselbank")
    dot = to_dot(bundled, around.org_ids, around.edges, highlight=["voedselbank"])
    assert dot.startswith("digraph ") and dot.rstrip().endswith("}")
    assert "rankdir=LR" in dot
    assert re.search(r'n0 \[label="Voedselbank Amersfoort".*penwidth=2\.5\]', dot)
    assert "voedselbank" not in re.sub(QUOTED, "", dot)
    # Column headings in order, light to heavy, tied together by invisible edges.
    assert dot.index('label="Ondersteuning"') < dot.index('label="Curatief"')
    assert "h1 -> h2 [style=invis];" in dot
    assert re.search(r"h1 -> \{ n0 n\d+ \} \[style=invis\];", dot)  # the heading sits above its column
    assert "n0 -> n1;" in dot


def test_to_dot_leaves_out_unknown_ids_and_their_edges(bundled):
    dot = to_dot(bundled, ["voedselbank", "bestaat-niet"], [("voedselbank", "bestaat-niet"), ("x", "y")])
    assert "bestaat" not in dot and not re.search(r"n\d+ -> n\d+", dot)
    assert dot.count("[label=") == 2  # the one node and its column heading


def test_to_dot_colours_per_domain(small):
    directory = small([row("p", "P", "preventie"), row("o", "O", "ondersteuning"), row("c", "C", "curatief")])
    dot = to_dot(directory, ["c", "o", "p"], [])
    fills = dict(re.findall(r'label="([POC])".*?fillcolor="(#[0-9a-f]{6})"', dot))
    assert len(set(fills.values())) == 3
    assert dot.index('label="P"') < dot.index('label="O"') < dot.index('label="C"')
