"""The map: escaped data, no CDN, one marker per located organisation, a self-contained export."""

from __future__ import annotations

import json
import re

import pytest

from directory import load_directory
from directory.mapping import (
    APP_STATIC_URL,
    CSS_ASSETS,
    DOMAIN_COLOURS,
    JS_ASSETS,
    MAX_ZOOM,
    STATIC,
    build_map,
    cached_marker_rows,
    clicked_id,
    export_html,
    marker_rows,
)
from tests.conftest import DATA, HEADER, VALID_ROW, run_cli

HOSTILE_NAMES = [
    "</script><script>alert('naam')</script>",
    "<img src=x onerror=alert(1)>",
    "${alert(1)}`; alert(2); `",
    "back\\slash \\u003c",
]
CDN = re.compile(r"cdn\.jsdelivr|cdnjs|unpkg|bootstrapcdn|code\.jquery|fonts\.googleapis|fonts\.gstatic")


@pytest.fixture
def hostile(write_list):
    rows = [
        {**VALID_ROW, "id": f"org-{i}", "naam": name, "omschrijving": name, "website": website}
        for i, (name, website) in enumerate(
            zip(HOSTILE_NAMES, ['https://a.nl/"><script>x</script>', "a.nl/x)", "", "https://a.nl"], strict=True)
        )
    ]
    return load_directory(write_list(rows, [*HEADER, "website"]))


def test_one_marker_per_located_active_organisation():
    directory = load_directory(DATA)
    rows = marker_rows(directory.active)
    assert len(rows) == sum(1 for o in directory.active if o.has_location)
    assert all(isinstance(r[0], float) and isinstance(r[1], float) for r in rows)


def test_hostile_text_never_reaches_the_page_as_markup(hostile):
    html = export_html(hostile.organisations)
    for name in HOSTILE_NAMES:
        assert name not in html or "<" not in name  # anything with '<' must arrive escaped
    assert "<script>alert('naam')" not in html and "<img src=x onerror" not in html
    assert "\\u003c/script\\u003e" in html  # folium's tojson escapes the data inside the script
    assert "innerHTML" not in html.split("function callback")[1].split("return marker")[0]


def test_links_are_http_tel_or_mailto_only(hostile):
    for _, _, props in marker_rows(hostile.organisations):
        for key in ("t", "e", "w"):
            if key in props:
                assert re.match(r"^(https?:|tel:|mailto:)", props[key])
                assert not any(c in props[key] for c in "\"'<> ")


def test_export_is_self_contained():
    html = export_html(load_directory(DATA).active)
    assert not CDN.search(html)
    assert not re.search(r"<script[^>]*\ssrc=", html)
    assert not re.search(r"<link[^>]*\shref=", html)
    assert "L.markerClusterGroup" in html and "Soort hulp" in html
    assert len(html) < 1_000_000


def test_app_map_uses_local_assets_that_exist():
    html = build_map(load_directory(DATA).active).get_root().render()
    assert not CDN.search(html)
    for _, path in (*JS_ASSETS, *CSS_ASSETS):
        assert f"{APP_STATIC_URL}/{path}" in html
        assert (STATIC / path).is_file()


@pytest.mark.parametrize("tiles", ["pdok", "osm", "geen"])
def test_tiles_are_configurable_with_attribution(tiles):
    html = build_map(load_directory(DATA).active, tiles=tiles).get_root().render()
    expected = {"pdok": "service.pdok.nl", "osm": "tile.openstreetmap.org", "geen": None}[tiles]
    if expected:
        assert expected in html and "attribution" in html
    else:
        assert "tileLayer" not in html


def test_cli_map_writes_a_file(tmp_path):
    out = tmp_path / "kaart.html"
    result = run_cli("map", "--thema", "voedsel", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert out.is_file() and "kaart geschreven" in result.stdout
    data = re.search(r"var data = (\[.*?\]);\n", out.read_text(encoding="utf-8"), flags=re.S)
    assert data and all("voedsel" for _ in json.loads(data.group(1)))


def test_cli_map_unwritable_place_is_a_dutch_error(tmp_path):
    result = run_cli("map", "-o", str(tmp_path / "bestaat-niet" / "k.html"))
    assert result.returncode == 1
    assert "kan" in result.stderr and "niet schrijven" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("tiles", ["pdok", "osm", "geen"])
def test_map_has_a_max_zoom_even_without_tiles(tiles):
    """The cluster plugin refuses a map without maxZoom, and only a tile layer would give it one."""
    html = build_map(load_directory(DATA).active, tiles=tiles).get_root().render()
    assert re.search(rf'"maxZoom": {MAX_ZOOM}\b', html.split("L.map(")[1].split(");")[0])


def test_map_focus_does_not_scroll_the_page():
    """Leaflet's focus on mousedown scrolled the Streamlit page, so clicks on markers got lost."""
    html = build_map(load_directory(DATA).active).get_root().render()
    assert "focus({preventScroll: true})" in html and "map.keyboard.enable()" in html


def test_streamlit_folium_gets_the_same_map_script():
    from streamlit_folium import generate_leaflet_string

    script = generate_leaflet_string(build_map(load_directory(DATA).active))
    assert "preventScroll" in script and "})(map_div);" in script  # bound to the map streamlit-folium shows
    assert "function callback(row)" in script


@pytest.mark.parametrize(
    ("popup", "expected"),
    [
        ("Voedselbank\nOndersteuning\nid: voedselbank\n", "voedselbank"),
        ("Voedselbank Ondersteuning Na een intake.id: voedselbank", "voedselbank"),  # innerText without layout
        ("Naam id: nep\nid: echte-org", "echte-org"),  # only the last line counts
        ("id: nep\nOndersteuning", None),  # a name or description is never read as the id
        ("id: <script>", None),
        ("id: a--b", None),
    ],
)
def test_clicked_id_reads_only_the_last_line(popup, expected):
    assert clicked_id(popup) == expected


def test_the_map_buttons_speak_dutch_and_the_scale_is_metric():
    html = build_map([]).get_root().render()
    assert '"Inzoomen"' in html and '"Uitzoomen"' in html
    assert "imperial: false" in html


TEMPLATE_TEXTS = ["Test {{ 7*7 }} eind", "Open {% if %} dicht", "{# x", "{{ cycler.__init__.__globals__ }}"]


@pytest.mark.parametrize("text", TEMPLATE_TEXTS)
def test_data_is_never_read_as_a_template(write_list, text):
    """branca compiles a rendered script as a Jinja template again; the data must not go through that."""
    from streamlit_folium import generate_leaflet_string

    organisations = load_directory(write_list([{**VALID_ROW, "naam": text, "omschrijving": text}])).organisations
    rows = json.dumps(text)  # how the text must arrive in the script: as the JSON string, untouched
    for script in (export_html(organisations), generate_leaflet_string(build_map(organisations))):
        assert script.count(rows) >= 2  # naam and omschrijving
        assert "49 eind" not in script and "vangnet_marker_rows" not in script


def test_the_app_sends_brief_markers_and_the_export_keeps_the_details():
    """Each marker goes to the browser on every rerun; in the app the card under the map shows the rest."""
    directory = load_directory(DATA)
    located = [o for o in directory.active if o.has_location]
    brief = cached_marker_rows(directory, located)
    assert brief and all("o" not in props and "m" not in props for _, _, props in brief)
    assert {props["i"] for _, _, props in brief} == {o.id for o in located}
    org = next(o for o in located if o.omschrijving)
    assert json.dumps(org.omschrijving[:60])[1:-1] in export_html(located)  # a file on its own has no card


def test_groups_of_markers_are_grey_not_a_kind_of_help():
    """The cluster plugin colours groups green and orange, the colours of preventie and curatief on this map."""
    html = build_map(load_directory(DATA).active).get_root().render()
    assert ".leaflet-container .marker-cluster-small div" in html and "#424242" in html
    assert "groep: klik om in te zoomen" in html
    assert "#424242" not in DOMAIN_COLOURS.values()
