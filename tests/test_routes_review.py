"""Review findings on Verwijsroutes: an organisation that is no help for the client (a bailiff) stays
visible and labelled, apart from the steps of help and off the flow's path of help; on a phone the flow
is also given as text (the browser test in tests/e2e/test_routes_phone.py checks what is shown where)."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from directory import Directory, load_directory
from directory.routes import (
    FIRST_STEP,
    NEXT_STEP,
    Edge,
    next_steps,
    referrals_by_source,
    route_for_need,
    route_for_theme,
    to_dot,
)
from tests.conftest import DATA, HEADER, ROOT, VALID_ROW
from ui.paging import PAGE_SIZE
from ui.text import md

APP = str(ROOT / "app.py")
BAILIFF = "jongerius-gerechtsdeurwaarders"
ASIDE = "Ook betrokken, geen hulp"
ROUTE_HEADER = [*HEADER, "verwijst_naar", "rol"]


@pytest.fixture(scope="module")
def bundled() -> Directory:
    return load_directory(DATA)


def row(org_id: str, domein: str, rol: str = "", verwijst_naar: str = "") -> dict[str, str]:
    naam = f"Org {org_id}"
    return {**VALID_ROW, "id": org_id, "naam": naam, "domein": domein, "rol": rol, "verwijst_naar": verwijst_naar}


@pytest.fixture
def mixed(write_list) -> Directory:
    """Help that refers to a bailiff and to a platform for professionals; the bailiff refers back to help."""
    return load_directory(
        write_list(
            [
                row("licht", "preventie", verwijst_naar="deurwaarder;platform;zwaar"),
                row("deurwaarder", "curatief", rol="tegenpartij", verwijst_naar="zwaar"),
                row("platform", "ondersteuning", rol="voor-professionals"),
                row("info", "ondersteuning", rol="informatie"),
                row("zwaar", "curatief"),
            ],
            header=ROUTE_HEADER,
        )
    )


# --- the core -----------------------------------------------------------------------------------


def test_a_bailiff_is_on_the_route_but_no_step_of_help(bundled):
    route = route_for_theme(bundled, "geldzorgen-schulden")
    steps = {step.title: [e.organisation.id for e in step.entries] for step in route.steps}
    assert BAILIFF not in steps[FIRST_STEP] and BAILIFF not in steps[NEXT_STEP]
    assert [e.organisation.id for e in route.aside] == [BAILIFF]
    assert BAILIFF in route.org_ids and BAILIFF not in route.help_ids


@pytest.mark.parametrize(
    ("org_id", "aside"),
    [("licht", False), ("info", False), ("zwaar", False), ("deurwaarder", True), ("platform", True)],
)
def test_only_help_and_information_are_steps(mixed, org_id, aside):
    route = route_for_theme(mixed, "voedsel")
    assert (org_id in [e.organisation.id for e in route.aside]) is aside
    assert (org_id in route.help_ids) is not aside


def test_a_route_with_only_a_bailiff_is_not_empty(write_list):
    directory = load_directory(write_list([row("deurwaarder", "curatief", rol="tegenpartij")], header=ROUTE_HEADER))
    route = route_for_theme(directory, "voedsel")
    assert not route.is_empty and route.help_ids == () and route.org_ids == ("deurwaarder",)


def test_the_path_of_help_never_passes_a_bailiff(mixed, bundled):
    # From the bailiff nothing starts; to the bailiff or the platform no arrow goes.
    assert next_steps(mixed, ["licht", "deurwaarder"]) == [Edge("licht", "zwaar")]
    route = route_for_theme(bundled, "geldzorgen-schulden")
    edges = next_steps(bundled, route.org_ids, depth=3)
    assert edges and BAILIFF not in {end for edge in edges for end in edge}


def test_a_need_about_a_bailiff_never_makes_the_bailiff_a_step(bundled):
    # It stands apart, as on the theme's route (tests/test_review2_kaart_routes.py): never among the help.
    route = route_for_need(bundled, "brief van de deurwaarder")
    assert route.help_ids and BAILIFF not in route.help_ids
    assert [e.organisation.id for e in route.aside] == [BAILIFF]


def test_the_flow_chart_names_an_organisation_that_is_no_help_for_what_it_is(mixed):
    # In "Jouw organisatie" a bailiff can still be a neighbour: then it is grey, dashed and labelled.
    dot = to_dot(mixed, ["deurwaarder", "zwaar"], [("deurwaarder", "zwaar")])
    node = next(line for line in dot.splitlines() if "Org deurwaarder" in line)
    assert "Org deurwaarder (werkt voor schuldeisers)" in node.replace("\\n", " ")
    assert 'style="rounded,filled,dashed"' in node and 'fillcolor="#eeeeee"' in node
    help_node = next(line for line in dot.splitlines() if "Org zwaar" in line)
    assert "dashed" not in help_node


def test_the_flow_as_text_groups_targets_per_source(mixed):
    edges = [Edge("licht", "zwaar"), Edge("licht", "info"), Edge("info", "zwaar"), Edge("licht", "zwaar")]
    lines = [(r.source.id, [t.id for t in r.targets]) for r in referrals_by_source(mixed, edges)]
    assert lines == [("licht", ["zwaar", "info"]), ("info", ["zwaar"])]
    assert referrals_by_source(mixed, [Edge("licht", "bestaat-niet")]) == []


# --- the page -----------------------------------------------------------------------------------


def open_routes(monkeypatch, **query: str) -> AppTest:
    monkeypatch.setenv("VANGNET_DATA", str(DATA))
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.switch_page("pages/routes.py")
    at.query_params.update(query)
    at.run()
    assert not at.exception
    return at


def page_order(at: AppTest) -> list[tuple[str, str]]:
    """(kind, text) of every subheader, markdown, caption and warning, in the order of the page."""
    kinds = {"subheader", "markdown", "caption", "warning"}
    order = []
    for node in at.main:
        kind = getattr(node, "type", "")
        if kind in kinds:
            order.append((kind, str(node.value)))
    return order


def test_the_page_shows_the_bailiff_in_its_own_block_after_the_help(monkeypatch):
    at = open_routes(monkeypatch, thema="geldzorgen-schulden")
    order = page_order(at)
    headings = [text for kind, text in order if kind == "subheader"]
    assert headings[:2] == [FIRST_STEP, NEXT_STEP] and ASIDE in headings
    start = order.index(("subheader", ASIDE))
    bailiff = [i for i, (kind, text) in enumerate(order) if kind == "markdown" and "Jongerius" in text]
    assert bailiff and all(i > start for i in bailiff)  # only in the block apart, not in a step
    after = [text for _, text in order[start:]]
    assert any("werkt voor schuldeisers" in t and "niet voor hulp" in t for t in after)  # the label
    assert any(t.startswith("**Goed om te weten:**") for t in after)  # not "Zo verwijs je"
    (spec,) = [e.proto.spec for e in at.get("graphviz_chart")]
    assert "Jongerius" not in spec  # not on the flow's path of help


def test_the_flow_is_also_given_as_text_for_a_phone(monkeypatch, bundled):
    at = open_routes(monkeypatch, thema="geldzorgen-schulden")
    route = route_for_theme(bundled, "geldzorgen-schulden")
    assert all(len(step.entries) <= PAGE_SIZE for step in route.steps)  # all on screen, so all in the flow
    expected = referrals_by_source(bundled, next_steps(bundled, route.help_ids))
    lines = [m.value for m in at.markdown if "verwijst vaak door naar:" in m.value]
    assert len(lines) == len(expected) > 3
    for line, referrals in zip(lines, expected, strict=True):
        assert line.startswith(f"**{md(referrals.source.naam)}**")
        assert line.endswith("verwijst vaak door naar: " + ", ".join(md(t.naam) for t in referrals.targets))
    (spec,) = [e.proto.spec for e in at.get("graphviz_chart")]
    assert len(re.findall(r"n\d+ -> n\d+;", spec)) == sum(len(r.targets) for r in expected)  # the same arrows
    styles = " ".join(str(e.proto.body) for e in at.get("html"))
    assert "@media (max-width: 640px)" in styles and "st-key-verwijs_lijst" in styles
