"""Add the municipality (gemeente) to each PC4 row of data/postcodes.csv, from CBS/PDOK municipality borders.

Run:  .venv/bin/python tools/add_gemeenten.py PATH/TO/gemeenten_2023.geojson [data/postcodes.csv]

The borders are the CBS/PDOK "Wijk- en buurtkaart" (2023, CC BY 4.0), as a GeoJSON FeatureCollection in lon/lat with
the property `gemeentenaam` (in this project's reference data: ../shared/reference/nl-gemeenten-cbs2023). Each PC4
centroid gets the municipality whose border contains it; a centroid in none (on the coast, in a lake) gets the
nearest border's municipality. Matching uses it to count "woont in Albergen" as the municipality of Tubbergen.
Needed once, when the postcode table changes; the app reads only the resulting column.
"""

from __future__ import annotations

import csv
import json
import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _rings(geometry: dict) -> list[list[list[float]]]:
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    return geometry["coordinates"]  # MultiPolygon: a list of polygons


def _inside(lon: float, lat: float, ring: list[list[float]]) -> bool:
    """Ray casting: a point is inside when a ray to the east crosses the ring an odd number of times."""
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def _in_polygon(lon: float, lat: float, polygon: list[list[list[float]]]) -> bool:
    outer, *holes = polygon
    return _inside(lon, lat, outer) and not any(_inside(lon, lat, hole) for hole in holes)


def municipalities(geojson: Path) -> list[tuple[str, list, tuple[float, float, float, float]]]:
    found = []
    for feature in json.loads(geojson.read_text(encoding="utf-8"))["features"]:
        polygons = _rings(feature["geometry"])
        lons = [p[0] for polygon in polygons for p in polygon[0]]
        lats = [p[1] for polygon in polygons for p in polygon[0]]
        box = (min(lons), min(lats), max(lons), max(lats))
        found.append((feature["properties"]["gemeentenaam"], polygons, box))
    return found


def gemeente_of(lon: float, lat: float, borders) -> str:
    for name, polygons, (x0, y0, x1, y1) in borders:
        if x0 <= lon <= x1 and y0 <= lat <= y1 and any(_in_polygon(lon, lat, p) for p in polygons):
            return name
    # Not inside any border (simplified borders along water): the municipality with the nearest border point.
    return min(
        borders,
        key=lambda b: min(math.hypot(lon - x, lat - y) for polygon in b[1] for x, y in polygon[0]),
    )[0]


def main() -> int:
    geojson = Path(sys.argv[1])
    table = Path(sys.argv[2]) if len(sys.argv) > 2 else ROOT / "data" / "postcodes.csv"
    borders = municipalities(geojson)
    with table.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        row["gemeente"] = gemeente_of(float(row["lon"]), float(row["lat"]), borders)
    with table.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["pc4", "plaats", "lat", "lon", "gemeente"], lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"{len(rows)} postcodes, {len({r['gemeente'] for r in rows})} gemeenten")
    return 0


if __name__ == "__main__":
    sys.exit(main())
