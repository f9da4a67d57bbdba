"""Streamlit AppTest of the Verwijsroutes page, reached through app.py's st.navigation."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from directory import load_directory
from directory.routes import FIRST_STEP, NEXT_STEP, route_for_theme
from tests.conftest import DATA, ROOT, VALID_ROW
from ui.text import md

APP = str(ROOT / "app.py")
PAGE = "pages/routes.py"
ROUTE_HEADER = ["id", "naam", "domein", "omschrijving", "themas", "aanmelden", "actief", "verwijst_naar"]
FLOW_LINE = "verwijst vaak door naar:"  # the flow as text, shown on a phone instead of the chart


@pytest.fixture
def open_page(monkeypatch, data_copy):
    """The page on a private copy of the bundled data (or on `data`), with the given query parameters."""

    def open_(data=None, **query: str) -> AppTest:
        monkeypatch.setenv("VANGNET_DATA", str(data or data_copy))
        at = AppTest.from_file(APP, default_timeout=60)
        at.run()  # st.navigation registers its pages on the first run; switch_page needs them
        at.switch_page(PAGE)
        at.query_params.update(query)
        at.run()
        assert not at.exception, at.exception
        return at

    return open_


def names_shown(at: AppTest) -> list[str]:
    """Organisation names on the cards: '**name** badges', in page order (not the lines of the flow as text)."""
    return [
        m.value.split("**")[1]
        for m in at.markdown
        if m.value.startswith("**") and "-badge[" in m.value and FLOW_LINE not in m.value
    ]


def graphviz_specs(at: AppTest) -> list[str]:
    return [element.proto.spec for element in at.get("graphviz_chart")]


def test_page_renders(open_page):
    at = open_page()
    assert at.title[0].value == "Verwijsroutes"
    assert [h.value for h in at.header] == ["Route per hulpvraag", "Jouw organisatie"]
    assert at.selectbox(key="route_thema").value is None
    assert at.selectbox(key="route_eigen_org").value is None
    assert not at.warning
    assert not at.query_params


def test_choosing_a_theme_shows_its_organisations_light_to_heavy(open_page):
    at = open_page()
    at.selectbox(key="route_thema").set_value("geldzorgen-schulden").run()
    assert not at.exception
    route = route_for_theme(load_directory(DATA), "geldzorgen-schulden")
    assert names_shown(at) == [md(o.naam) for o in route.organisations]
    subheaders = [s.value for s in at.subheader]
    assert subheaders.index(FIRST_STEP) < subheaders.index(NEXT_STEP)
    assert any(m.value.startswith("**Zo verwijs je:**") for m in at.markdown)
    assert any(m.value.startswith("**Voor hulpverleners:**") for m in at.markdown)
    assert graphviz_specs(at) and graphviz_specs(at)[0].startswith("digraph")
    assert at.query_params["thema"] == "geldzorgen-schulden"


def test_typed_need_shows_organisations_and_never_reaches_the_url(open_page):
    at = open_page(thema="voedsel")
    need = "mevrouw Jansen kreeg een brief van de deurwaarder"
    at.text_input(key="route_vraag").input(need).run()
    assert not at.exception
    assert any(name.startswith("Stadsring51") for name in names_shown(at))
    assert set(at.query_params) <= {"thema", "org"}
    assert not any("Jansen" in str(v) or "deurwaarder" in str(v) for v in at.query_params.values())
    assert at.query_params["thema"] == "voedsel"  # the chosen theme stays shareable


def test_theme_from_the_link_is_preselected(open_page):
    at = open_page(thema="voedsel")
    assert at.selectbox(key="route_thema").value == "voedsel"
    assert "Voedselbank Amersfoort" in names_shown(at)
    assert not at.warning


def test_own_organisation_from_the_link_shows_referrals_both_ways(open_page):
    at = open_page(org="voedselbank")
    assert at.selectbox(key="route_eigen_org").value == "voedselbank"
    columns = {c.subheader[0].value: c for c in at.columns if c.subheader}
    to = [m.value for m in columns["Jullie verwijzen vaak naar"].markdown]
    by = [m.value for m in columns["Naar jullie verwijzen vaak"].markdown]
    assert any("SchuldHulpMaatje" in v for v in to) and any("Stadsring51" in v for v in to)
    assert any("Zo verwijs je" in v for v in to)
    assert any("Stadsring51" in v for v in by)
    (spec,) = graphviz_specs(at)
    assert 'label="Voedselbank Amersfoort"' in spec and "penwidth=2.5" in spec


@pytest.mark.parametrize(
    ("key", "param", "choices"),
    [
        ("route_thema", "thema", ["energie", "voedsel", "werk"]),
        ("route_eigen_org", "org", ["stadsring51", "voedselbank", "leergeld"]),
    ],
)
def test_every_change_of_choice_updates_the_link(open_page, key, param, choices):
    at = open_page(**{param: "geldzorgen-schulden" if param == "thema" else "geldcheck033"})
    for choice in choices:
        at.selectbox(key=key).set_value(choice).run()
        assert not at.exception
        assert at.selectbox(key=key).value == choice
        assert at.query_params[param] == choice


@pytest.mark.parametrize(
    ("param", "value", "expected"),
    [
        ("thema", "bestaat-niet", "kennen we niet"),
        ("org", "bestaat-niet", "staat niet (meer)"),
        ("org", "matchpoint", "staat niet (meer)"),  # archived
        ("org", "[klik](javascript:alert(1))", "\\[klik\\]"),
    ],
)
def test_unknown_value_in_the_link_gives_a_friendly_warning(open_page, param, value, expected):
    at = open_page(**{param: value})
    assert len(at.warning) == 1 and expected in at.warning[0].value
    assert at.selectbox(key="route_thema").value is None and at.selectbox(key="route_eigen_org").value is None


def test_theme_without_organisations_is_called_a_blind_spot(open_page, write_list):
    at = open_page(write_list([VALID_ROW]), thema="wonen-huur")
    assert any("blinde vlek" in i.value for i in at.info)
    assert not names_shown(at)


def test_nothing_matches_a_typed_need(open_page):
    at = open_page()
    at.text_input(key="route_vraag").input("xyzzy qwrtp").run()
    assert not at.exception
    # the entry points come from data/regio.toml ("ingangen"), not from the code
    assert any("Geldcheck033" in i.value and "Wijkteams Amersfoort" in i.value for i in at.info)
    assert not names_shown(at)


def test_hostile_names_stay_text_and_inside_dot_strings(open_page, write_list):
    rows = [
        {**VALID_ROW, "id": "boos", "naam": '"] ; evil [label="x', "verwijst_naar": "link"},
        {**VALID_ROW, "id": "link", "naam": "[klik](javascript:alert(1)) \\", "domein": "curatief"},
    ]
    at = open_page(write_list(rows, header=ROUTE_HEADER), thema="voedsel", org="link")
    assert names_shown(at).count(md('"] ; evil [label="x')) == 2  # in the route and in 'Naar jullie ...'
    flow_lines = [m.value for m in at.markdown if FLOW_LINE in m.value]
    assert len(flow_lines) == 2 and all(line.startswith(f"**{md(rows[0]['naam'])}**") for line in flow_lines)
    assert all("\\[klik\\]" in v for v in (m.value for m in at.markdown) if "klik" in v)
    specs = graphviz_specs(at)
    assert len(specs) == 2
    assert all('label="\\"] ; evil [label=\\"x"' in spec and "alert(1)) \\\\" in spec for spec in specs)


def test_bad_data_stops_without_an_exception(open_page, tmp_path):
    bad = tmp_path / "kapot.csv"
    bad.write_bytes(b"id;naam;domein\nx;y;preventief\n")
    at = open_page(bad, thema="voedsel")
    assert at.error and "kan niet worden geladen" in at.error[0].value
    assert not at.header
