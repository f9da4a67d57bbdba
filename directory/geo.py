"""Postcodes and wijken to coordinates, offline, from the files bundled in data/."""

from __future__ import annotations

import csv
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from directory.model import Organisation
from directory.region import BUNDLED_POSTCODES, BUNDLED_WIJKEN, Region
from directory.text import fold

UNKNOWN_POSTCODE = "Deze postcode kennen we niet. Typ vier cijfers, bijvoorbeeld 3811 of 3811 AB."
# Four digits that are not in the postcode table: the form is right, the postcode is unknown.
UNKNOWN_PC4 = (
    "Postcode {pc4} staat niet in de postcodelijst van Vangnet. Kijk of je hem goed hebt getypt. Klopt hij wel? "
    "Maak het veld dan leeg{or_else}. Tot dan kijkt Vangnet niet naar de afstand."
)
_PC4 = re.compile(r"^\s*([1-9][0-9]{3})\s*(?:[A-Za-z]{2})?\s*$")


@dataclass(frozen=True)
class Place:
    name: str
    lat: float
    lon: float


def parse_postcode(text: str) -> str | None:
    """'3811 AB', '3811ab' or '3811' -> '3811'; anything else -> None."""
    match = _PC4.match(text or "")
    return match.group(1) if match else None


@lru_cache(maxsize=4)
def _postcodes(path: Path) -> dict[str, Place]:
    with path.open(encoding="utf-8", newline="") as handle:
        return {r["pc4"]: Place(r["plaats"], float(r["lat"]), float(r["lon"])) for r in csv.DictReader(handle)}


@lru_cache(maxsize=4)
def municipalities(path: Path = BUNDLED_POSTCODES) -> dict[str, frozenset[str]]:
    """Per place (folded: 'albergen'), the municipalities it lies in (folded: {'tubbergen'}), from the optional
    column gemeente of the postcode table; {} for a table without it. A name can lie in two ('geesteren')."""
    found: dict[str, set[str]] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row.get("gemeente"):
                found.setdefault(fold(row["plaats"]), set()).add(fold(row["gemeente"]))
    return {place: frozenset(names) for place, names in found.items()}


@lru_cache(maxsize=4)
def _wijken(path: Path) -> dict[str, Place]:
    with path.open(encoding="utf-8", newline="") as handle:
        return {r["wijk"]: Place(r["wijk"], float(r["lat"]), float(r["lon"])) for r in csv.DictReader(handle)}


def postcode_place(text: str, path: Path = BUNDLED_POSTCODES) -> Place | None:
    pc4 = parse_postcode(text)
    return _postcodes(path).get(pc4) if pc4 else None


def wijk_names(path: Path = BUNDLED_WIJKEN) -> list[str]:
    return sorted(_wijken(path))


def wijk_place(name: str, path: Path = BUNDLED_WIJKEN) -> Place | None:
    return _wijken(path).get(name)


@dataclass(frozen=True)
class Located:
    """Where a user asked to search from: a place, or a Dutch warning to show, or neither."""

    place: Place | None = None
    warning: str | None = None


def locate(region: Region, postcode: str = "", wijk: str | None = None, or_else: str = "") -> Located:
    """A typed postcode wins over a chosen wijk; the region's own tables are used (regio.toml). `or_else` is
    what else the page offers when the postcode is unknown (" en kies de wijk")."""
    if postcode.strip():
        place = postcode_place(postcode, region.postcodes_path)
        if place is not None:
            return Located(place)
        pc4 = parse_postcode(postcode)
        return Located(None, UNKNOWN_PC4.format(pc4=pc4, or_else=or_else) if pc4 else UNKNOWN_POSTCODE)
    if wijk:
        return Located(wijk_place(wijk, region.wijken_path))
    return Located()


EARTH_RADIUS_KM = 6371.0


def haversine_km(lat: float, lon: float, lats: np.ndarray, lons: np.ndarray) -> np.ndarray:
    """Great-circle distance in km from one point to many (NaN where a coordinate is missing)."""
    lat1, lon1 = math.radians(lat), math.radians(lon)
    lat2, lon2 = np.radians(lats), np.radians(lons)
    a = np.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(a, 0, 1)))


# The largest distance a volunteer can choose on Hulpvraag: a place farther than this from every organisation
# lies outside the list's area.
FARTHEST_KM = 20


def outside_the_list(place: Place, organisations: Iterable[Organisation], km: float = FARTHEST_KM) -> bool:
    """True when no organisation with a location lies within `km` of `place`: a postcode elsewhere in the
    country (1012 on the Amersfoort list). A distance from there would drop every organisation with an
    address and keep only those without one, and a map centred there shows none of them."""
    located = [o for o in organisations if o.has_location]
    if not located:
        return False
    lats = np.array([o.lat for o in located], dtype=float)
    lons = np.array([o.lon for o in located], dtype=float)
    return bool(np.nanmin(haversine_km(place.lat, place.lon, lats, lons)) > km)


IGNORED_DISTANCE = "Vangnet kijkt daarom niet naar de afstand."


def outside_message(place_name: str, area: str = "", so: str = IGNORED_DISTANCE) -> str:
    """What a page says of a place outside the list's area; `area` is the region's name, `so` what the page does
    about it. The names go in as given: a page that renders markdown escapes them first."""
    named = f" ({area})" if area else ""
    return (
        f"Deze postcode ligt in {place_name}, buiten het gebied van deze lijst{named}. {so} Klopt de postcode "
        "niet? Typ hem dan opnieuw."
    )
