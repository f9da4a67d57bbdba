"""Region settings as data: regio.toml beside the list, or everything derived from the list itself.
Another town runs every page and the map export on its own list without touching code."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from directory import DirectoryError, load_directory
from directory.hsds import export_tables
from directory.mapping import centre_of, export_html
from directory.selection import general_entry_points
from directory.settings import Settings, load_region
from tests.conftest import ROOT, THEMES, csv_text

APP = str(ROOT / "app.py")
PAGES = ["pages/zoeken.py", "pages/overzicht.py", "pages/kaart.py", "pages/routes.py", "pages/beheer.py"]
HEADER = ["id", "naam", "domein", "omschrijving", "themas", "aanmelden", "adres", "postcode", "plaats"]
HEADER += ["lat", "lon", "locatie_nauwkeurigheid", "telefoon", "website", "actief"]
ZWOLLE = [
    {
        "id": "geldpunt",
        "naam": "Geldpunt Zwolle",
        "domein": "preventie",
        "omschrijving": "Gratis hulp bij schulden en formulieren.",
        "themas": "geldzorgen-schulden;administratie",
        "aanmelden": "Loop binnen.",
        "adres": "Grote Markt 1",
        "postcode": "8011 LW",
        "plaats": "Zwolle",
        "lat": "52.5125",
        "lon": "6.0944",
        "locatie_nauwkeurigheid": "adres",
        "telefoon": "038 123 4567",
        "actief": "ja",
    },
    {
        "id": "buurtkamer",
        "naam": "Buurtkamer Assendorp",
        "domein": "preventie",
        "omschrijving": "Koffie en samen eten voor wie zich alleen voelt.",
        "themas": "eenzaamheid-ontmoeten",
        "aanmelden": "Gewoon binnenlopen.",
        "plaats": "Zwolle",
        "lat": "52.5030",
        "lon": "6.0980",
        "locatie_nauwkeurigheid": "adres",
        "website": "https://buurtkamer.example",
        "actief": "ja",
    },
]


@pytest.fixture
def zwolle(tmp_path):
    (tmp_path / "organisaties.csv").write_text(csv_text(ZWOLLE, HEADER), encoding="utf-8")
    (tmp_path / "themas.csv").write_bytes(THEMES.read_bytes())
    return tmp_path / "organisaties.csv"


def test_without_regio_toml_everything_is_derived_from_the_list(zwolle):
    directory = load_directory(zwolle)
    assert directory.region.source is None and directory.region.entry_points == ()
    lat, lon = centre_of(directory.active)
    assert 52.50 < lat < 52.52 and 6.09 < lon < 6.10  # Zwolle, not Amersfoort
    assert [o.id for o in general_entry_points(directory)] == ["geldpunt", "buurtkamer"]
    assert "52.50" in export_html(directory.active, tiles="geen")  # the exported map is centred there too
    assert export_tables(directory)["address"] == []  # no province is guessed without regio.toml


def test_the_bundled_region_comes_from_data_regio_toml():
    region = load_region(ROOT / "data" / "organisaties.csv")
    assert region.name == "Amersfoort" and region.map_centre is not None
    assert region.province_of("Amersfoort") == "Utrecht" and region.province_of("Zwolle") == ""


def test_settings_are_read_once_from_the_given_environment(tmp_path):
    assert Settings.from_environment({"VANGNET_DATA": str(tmp_path / "x.csv")}).data_path == tmp_path / "x.csv"
    assert Settings.from_environment({}).data_path == ROOT / "data" / "organisaties.csv"


@pytest.mark.parametrize(
    ("toml", "where", "message"),
    [
        ("naam = 'Zwolle\n", 1, "geen geldige TOML"),
        ("ingang = ['geldpunt']", "ingang", "geen bekende instelling"),
        ("achtergrond = 'google'", "achtergrond", "kies pdok, osm of geen"),
        ("[kaart]\nmidden = [6.09, 52.51]", "kaart.midden", "ligt niet in Nederland"),
        ("[kaart]\nzoom = 'dichtbij'", "kaart.zoom", "een heel getal van 5 tot 18"),
        ("plaatsen = 'Zwolle'", "plaatsen", "een lijst"),
        ("wijken = 'bestaat-niet.csv'", "wijken", "bestaat niet naast regio.toml"),
    ],
)
def test_a_bad_regio_toml_is_a_dutch_problem_that_says_where(zwolle, toml, where, message):
    (zwolle.parent / "regio.toml").write_text(toml, encoding="utf-8")
    with pytest.raises(DirectoryError) as exc:
        load_directory(zwolle)
    (problem,) = exc.value.problems
    assert problem.bestand == "regio.toml" and message in problem.message
    assert (problem.regel if isinstance(where, int) else problem.kolom) == where


def test_a_missing_entry_point_is_a_warning_and_the_others_are_used(zwolle):
    (zwolle.parent / "regio.toml").write_text("ingangen = ['weg', 'buurtkamer']", encoding="utf-8")
    directory = load_directory(zwolle)
    assert any("ingang 'weg'" in w.message for w in directory.warnings)
    assert [o.id for o in general_entry_points(directory)] == ["buurtkamer"]


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_on_another_towns_list_without_settings(monkeypatch, zwolle, page):
    monkeypatch.setenv("VANGNET_DATA", str(zwolle))
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.switch_page(page).run()
    assert not at.exception
    shown = " ".join(str(e.value) for kind in ("markdown", "caption", "info", "warning") for e in at.get(kind))
    assert "Amersfoort" not in shown
