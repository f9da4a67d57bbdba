"""Repair the PC4 points in data/postcodes.csv that the postcode table got wrong, then their municipality.

Run:  .venv/bin/python tools/repair_pc4_coordinates.py GEONAMES.json GEMEENTEN.geojson [data/postcodes.csv]

The postcode table (postcodetabel, ~2016) averages the PC6 rows of each PC4. For post-office-box ranges it has
no real points: 69 PC4 share one of two stand-in points near Alphen aan den Rijn ("7502 Enschede", "8002 Zwolle"),
and a few lie abroad ("1940 Beverwijk" in Belgium). Those points then gave "Enschede" the municipality Alphen aan
den Rijn, which broke counting a named village for its municipality in Twente.

A point is wrong when another place has the same point or when it lies outside the Netherlands. It becomes, in
this order: the middle (median) of the other PC4 of the same place (of two villages with one name, the one with
the numerically nearest PC4: postcodes are handed out by region); the GeoNames point of that PC4
(../shared/reference/nl-pc4-geonames, CC BY 4.0) when it lies in the Netherlands; or, failing both, the row is left
as it is and reported. The municipality of a repaired row is computed again from the CBS/PDOK borders with
tools/add_gemeenten.py.
"""

from __future__ import annotations

import csv
import json
import math
import statistics
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from add_gemeenten import gemeente_of, municipalities

ROOT = Path(__file__).resolve().parent.parent
NL_BOUNDS = (50.7, 53.7, 3.2, 7.3)  # south, north, west, east
MAX_KM = 25.0


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat = math.radians((a[0] + b[0]) / 2)
    return math.hypot((a[0] - b[0]) * 111.2, (a[1] - b[1]) * 111.2 * math.cos(lat))


def in_netherlands(point: tuple[float, float]) -> bool:
    south, north, west, east = NL_BOUNDS
    return south <= point[0] <= north and west <= point[1] <= east


def wrong_points(rows: list[dict]) -> set[int]:
    """The indices of rows whose point is a stand-in (another place has the same point) or lies abroad. A point
    far from the rest of its place is not enough: many names are two villages ("Winsum", "Rottum")."""
    places_at: dict[tuple[str, str], set[str]] = defaultdict(set)
    for row in rows:
        places_at[(row["lat"], row["lon"])].add(row["plaats"])
    return {
        i
        for i, row in enumerate(rows)
        if len(places_at[(row["lat"], row["lon"])]) > 1 or not in_netherlands(_point(row))
    }


def repair(rows: list[dict], geonames: dict[str, tuple[float, float]], borders) -> tuple[list[str], list[str]]:
    """Repair the wrong points in place; returns what was repaired and what could not be."""
    wrong = wrong_points(rows)
    by_place: dict[str, list[int]] = defaultdict(list)
    for i, row in enumerate(rows):
        by_place[row["plaats"]].append(i)
    repaired, left = [], []
    for i in sorted(wrong):
        row = rows[i]
        others = [j for j in by_place[row["plaats"]] if j not in wrong]
        known = geonames.get(row["pc4"])
        if others:
            # Two villages can share a name ("Winsum"): postcodes are handed out by region, so the village is the
            # one of the numerically nearest PC4, and the point the middle of that village's PC4.
            nearest = _point(rows[min(others, key=lambda j: abs(int(rows[j]["pc4"]) - int(row["pc4"])))])
            point = _median([_point(rows[j]) for j in others if distance_km(_point(rows[j]), nearest) <= MAX_KM])
            source = "midden van de plaats"
        elif known and in_netherlands(known):
            point, source = known, "GeoNames"
        else:
            left.append(f"{row['pc4']} {row['plaats']}")
            continue
        before = f"{row['pc4']} {row['plaats']}: {row['lat']},{row['lon']} ({row['gemeente']})"
        row["lat"], row["lon"] = f"{point[0]:.5f}", f"{point[1]:.5f}"
        row["gemeente"] = gemeente_of(point[1], point[0], borders)
        repaired.append(f"{before} -> {row['lat']},{row['lon']} ({row['gemeente']}, {source})")
    return repaired, left


def _point(row: dict) -> tuple[float, float]:
    return float(row["lat"]), float(row["lon"])


def _median(points: list[tuple[float, float]]) -> tuple[float, float]:
    return statistics.median(p[0] for p in points), statistics.median(p[1] for p in points)


def main() -> int:
    geonames_path, geojson = Path(sys.argv[1]), Path(sys.argv[2])
    table = Path(sys.argv[3]) if len(sys.argv) > 3 else ROOT / "data" / "postcodes.csv"
    geonames = {
        item["zipcode"]: (float(item["latitude"]), float(item["longitude"]))
        for item in json.loads(geonames_path.read_text(encoding="utf-8"))
    }
    with table.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        fieldnames = list(reader.fieldnames or [])
        rows = list(reader)
    repaired, left = repair(rows, geonames, municipalities(geojson))
    with table.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fieldnames, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print("\n".join(repaired))
    print(f"{len(repaired)} punten hersteld; niet te herstellen: {', '.join(left) or 'geen'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
