"""The municipality of a place: the optional column gemeente of the postcode table, and the tool that fills it."""

from __future__ import annotations

import csv
import json
import sys

from directory.geo import municipalities
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import add_gemeenten


def test_the_bundled_table_knows_the_municipality_of_a_village():
    towns = municipalities()
    assert towns["albergen"] == {"tubbergen"}
    assert towns["hoogland"] == {"amersfoort"}
    assert towns["geesteren"] == {"tubbergen", "berkelland"}  # two villages of that name


def test_a_table_without_the_column_has_no_municipalities(tmp_path):
    table = tmp_path / "postcodes.csv"
    table.write_text("pc4,plaats,lat,lon\n7665,Albergen,52.368,6.756\n", encoding="utf-8")
    assert municipalities(table) == {}


def test_the_tool_puts_each_postcode_in_the_municipality_that_contains_it(tmp_path, monkeypatch):
    def square(name: str, x: float) -> dict:
        ring = [[x, 52.0], [x + 1, 52.0], [x + 1, 53.0], [x, 53.0], [x, 52.0]]
        return {
            "type": "Feature",
            "properties": {"gemeentenaam": name},
            "geometry": {"type": "Polygon", "coordinates": [ring]},
        }

    borders = tmp_path / "gemeenten.geojson"
    borders.write_text(
        json.dumps({"type": "FeatureCollection", "features": [square("West", 5.0), square("Oost", 6.0)]})
    )
    table = tmp_path / "postcodes.csv"
    table.write_text(
        "pc4,plaats,lat,lon\n1111,Westdorp,52.5,5.5\n2222,Oostdorp,52.5,6.5\n3333,Zee,52.5,7.2\n", encoding="utf-8"
    )
    monkeypatch.setattr(sys, "argv", ["add_gemeenten.py", str(borders), str(table)])
    assert add_gemeenten.main() == 0
    with table.open(encoding="utf-8", newline="") as handle:
        rows = {r["plaats"]: r["gemeente"] for r in csv.DictReader(handle)}
    assert rows == {"Westdorp": "West", "Oostdorp": "Oost", "Zee": "Oost"}  # outside every border: the nearest
