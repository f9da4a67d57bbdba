"""Second review of Kaart and Verwijsroutes, the parts without a browser (tests/e2e/test_review2_kaart_routes.py
checks what a browser shows):

- a typed need about what an organisation that is no help does (a bailiff: "brief van de deurwaarder") shows
  that organisation apart, as on the theme's route; never as a step of help;
- the map opens on all its markers (unless a postcode is given), and no popup shows an internal id.
"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from directory import Directory, load_directory
from directory.mapping import CALLBACK, build_map, export_html
from directory.matching import suggest
from directory.routes import FIRST_STEP, NEXT_STEP, aside_for_need, next_steps, route_for_need, route_for_theme
from tests.conftest import DATA, HEADER, ROOT, VALID_ROW

APP = str(ROOT / "app.py")
BAILIFF = "jongerius-gerechtsdeurwaarders"
ASIDE = "Ook betrokken, geen hulp"
ROUTE_HEADER = [*HEADER, "trefwoorden", "plaats", "rol"]


@pytest.fixture(scope="module")
def bundled() -> Directory:
    return load_directory(DATA)


def row(org_id: str, naam: str, rol: str = "", trefwoorden: str = "", **values: str) -> dict[str, str]:
    return {**VALID_ROW, "id": org_id, "naam": naam, "rol": rol, "trefwoorden": trefwoorden, "plaats": "", **values}


@pytest.fixture
def small(write_list) -> Directory:
    """Help, a bailiff, an archived collection agency and a platform for professionals, with their own words."""
    rows = [
        row("schuldhulp", "Schuldhulp Samen", trefwoorden="schulden;deurwaarder", themas="geldzorgen-schulden"),
        row("voedselbank", "Voedselbank", trefwoorden="voedselpakket", themas="voedsel"),
        row("deurwaarder", "Kantoor Deurwaarders Stad", rol="tegenpartij", trefwoorden="beslag;incasso",
            themas="geldzorgen-schulden", plaats="Stad"),
        row("oud-incasso", "Incassobureau Oud", rol="tegenpartij", trefwoorden="incasso", actief="nee",
            themas="geldzorgen-schulden"),
        row("platform", "Platform Armoede", rol="voor-professionals", trefwoorden="netwerk;armoedebeleid",
            themas="voedsel"),
    ]  # fmt: skip
    return load_directory(write_list(rows, header=ROUTE_HEADER))


def aside_ids(route) -> list[str]:
    return [entry.organisation.id for entry in route.aside]


# --- Verwijsroutes: the core ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "need",
    [
        "brief van de deurwaarder",  # the field's own placeholder
        "deurwaarder staat voor de deur",
        "beslag op loon",
        "loonbeslag",  # a compound, by its head
        "beslaglegging op mijn loon",  # a compound, by its first part
        "deurwaader",  # a typo
        "het incassobureau belt steeds",
        "Jongerius",  # its name
    ],
)
def test_a_typed_need_about_a_bailiff_puts_it_aside(bundled, need):
    route = route_for_need(bundled, need)
    assert aside_ids(route) == [BAILIFF]
    assert BAILIFF not in route.help_ids  # never a step of help
    assert all(BAILIFF not in (e.organisation.id for e in step.entries) for step in route.steps)
    assert BAILIFF not in {end for edge in next_steps(bundled, route.help_ids, depth=3) for end in edge}
    (entry,) = route.aside
    assert entry.reasons and all(reason.startswith("past bij: ") for reason in entry.reasons)  # says why


@pytest.mark.parametrize("need", ["brief van de deurwaarder", "beslag op loon"])
def test_the_typed_route_shows_the_bailiff_as_the_theme_route_does(bundled, need):
    typed, theme = route_for_need(bundled, need), route_for_theme(bundled, "geldzorgen-schulden")
    assert aside_ids(typed) == aside_ids(theme) == [BAILIFF]
    assert typed.help_ids  # and there is help too
    assert BAILIFF not in [s.organisation.id for s in suggest(need, bundled, limit=20)]  # no handover offered


@pytest.mark.parametrize(
    "need",
    ["kan de huur niet betalen", "schulden", "boodschappen", "Amersfoort", "iedereen", "brief van de gemeente"],
)
def test_a_need_not_about_what_a_bailiff_does_has_nothing_aside(bundled, need):
    assert aside_ids(route_for_need(bundled, need)) == []


@pytest.mark.parametrize(
    ("need", "expected"),
    [
        ("beslag op mijn loon", ["deurwaarder"]),
        ("deurwaarders aan de deur", ["deurwaarder"]),  # a word of its name
        ("incasso", ["deurwaarder"]),  # the archived agency has the word too, but is never shown
        ("armoedebeleid", ["platform"]),  # no help for the client either
        ("voedselpakket", []),
        ("stad", []),  # a place says nothing of a need
        ("", []),
    ],
)
def test_aside_follows_the_organisations_own_words(small, need, expected):
    assert [entry.organisation.id for entry in aside_for_need(small, need)] == expected
    assert not set(expected) & set(route_for_need(small, need).help_ids)


# --- Verwijsroutes: the page ------------------------------------------------------------------------


def open_routes(monkeypatch) -> AppTest:
    monkeypatch.setenv("VANGNET_DATA", str(DATA))
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.switch_page("pages/routes.py")
    at.run()
    assert not at.exception
    return at


def page_order(at: AppTest) -> list[tuple[str, str]]:
    return [
        (node.type, str(node.value))
        for node in at.main
        if getattr(node, "type", "") in {"subheader", "markdown", "caption", "warning", "info"}
    ]


@pytest.mark.parametrize("need", ["brief van de deurwaarder", "deurwaarder staat voor de deur", "beslag op loon"])
def test_the_page_shows_the_bailiff_apart_for_a_typed_need(monkeypatch, need):
    at = open_routes(monkeypatch)
    at.text_input(key="route_vraag").input(need).run()
    assert not at.exception
    order = page_order(at)
    headings = [text for kind, text in order if kind == "subheader"]
    assert headings[:2] == [FIRST_STEP, NEXT_STEP] and ASIDE in headings
    start = order.index(("subheader", ASIDE))
    bailiff = [i for i, (kind, text) in enumerate(order) if kind == "markdown" and "Jongerius" in text]
    assert bailiff and all(i > start for i in bailiff)  # only in the block apart
    after = [text for _, text in order[start:]]
    assert any(
        "werkt voor schuldeisers" in t and "bel hier voor een betalingsregeling, niet voor hulp" in t for t in after
    )
    assert any(t.startswith("**Goed om te weten:**") for t in after)  # not "Zo verwijs je"
    assert all("Jongerius" not in e.proto.spec for e in at.get("graphviz_chart"))  # not on the path of help
    assert not at.query_params  # the typed need never goes into the link


def test_words_only_a_bailiff_uses_show_the_way_in_and_the_bailiff_apart(monkeypatch):
    at = open_routes(monkeypatch)
    at.text_input(key="route_vraag").input("deurwaarderskosten").run()
    assert not at.exception
    assert at.info and "vinden we geen organisatie die past" in at.info[0].value
    headings = [h.value for h in at.subheader]
    assert ASIDE in headings and FIRST_STEP not in headings
    assert any("Jongerius" in m.value for m in at.markdown)


# --- Kaart ----------------------------------------------------------------------------------------------


def map_script(**kwargs) -> str:
    return build_map(load_directory(DATA).active, **kwargs).get_root().render()


def test_the_map_opens_on_all_markers_never_closer_than_its_zoom():
    assert "fitView(map_" in map_script(zoom=13) and ", cluster, 13);" in map_script(zoom=13)
    assert "fitView(map_" not in map_script(zoom=14, fit=False)  # a postcode: the map stays on it


def test_streamlit_folium_gets_the_fitted_view():
    from streamlit_folium import generate_leaflet_string

    script = generate_leaflet_string(build_map(load_directory(DATA).active))
    assert "fitView(map_div, cluster, 13);" in script
    assert "new FittedPopup()" in script


def test_popups_fit_the_map_and_show_no_id_line():
    assert "bindPopup(new FittedPopup()" in CALLBACK
    assert "line('div', 'id: '" not in CALLBACK  # the id was a visible line
    assert "aria-hidden" in CALLBACK and "clip-path:inset(50%)" in CALLBACK
    assert "'Sluiten'" in map_script()  # the close button is named in Dutch


def test_the_downloaded_map_fits_its_markers_and_has_no_visible_id():
    html = export_html(load_directory(DATA).active, zoom=13)
    assert "fitView(map_" in html
    # The id is only written into the hidden line for the app's brief rows; the download's rows are full.
    assert "if (brief) {" in html
