"""Where an organisation is, said honestly: a distance only for a real address, words for the rest.

A point in the middle of a wijk or of the city is no address. Showing "3,0 km" for it reads as a
fact, so an approximate place gets words instead ("in de wijk Kruiskamp"), and an organisation
without a point gets the city it works in ("in heel <plaats>", from its own `plaats` column) or
"locatie onbekend". Lists sorted by distance put the real addresses first.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import IntEnum

import numpy as np

from directory.geo import haversine_km
from directory.model import Organisation

CITYWIDE_GENERIC = "in de hele stad"


class Certainty(IntEnum):
    """How sure the place is; lower sorts first."""

    ADDRESS = 0  # a point at the visiting address: a distance means something
    AREA = 1  # a point in the middle of the wijk (or city): only the area is known
    NO_POINT = 2  # a visiting address in words, but no point to measure from
    CITYWIDE = 3  # no address: works across the city named in `plaats`
    UNKNOWN = 4


LABELS = {Certainty.NO_POINT: "afstand onbekend", Certainty.UNKNOWN: "locatie onbekend"}
# Headings for the organisations that get no pin; a city-wide one names its place.
UNMAPPED_TITLES = {Certainty.NO_POINT: "Adres bekend, niet op de kaart", Certainty.UNKNOWN: "Plek onbekend"}


@dataclass(frozen=True)
class Whereabouts:
    organisation: Organisation
    certainty: Certainty
    label: str  # what to show: "1,2 km", "in de wijk Kruiskamp", "in heel <plaats>", "locatie onbekend"
    km: float | None = None  # only for a real address

    @property
    def known(self) -> bool:
        return self.certainty is Certainty.ADDRESS


@dataclass(frozen=True)
class Unmapped:
    """Organisations that get no pin, under one heading ("Werkt in heel Amersfoort")."""

    title: str
    organisations: tuple[Organisation, ...]


def certainty(org: Organisation) -> Certainty:
    if org.has_location:
        return Certainty.AREA if org.location_is_approximate else Certainty.ADDRESS
    if org.adres.strip():
        return Certainty.NO_POINT
    if org.plaats.strip():
        return Certainty.CITYWIDE
    return Certainty.UNKNOWN


def format_km(km: float) -> str:
    return f"{km:.1f} km".replace(".", ",")


def whereabouts(org: Organisation, km: float | None = None) -> Whereabouts:
    """How to say where `org` is, given the distance to the chosen point (if any) computed from its lat/lon."""
    level = certainty(org)
    if level is Certainty.ADDRESS:
        usable = km is not None and not np.isnan(km)
        return Whereabouts(org, level, format_km(km) if usable else "", float(km) if usable else None)
    if level is Certainty.AREA:
        if org.wijk.strip() and org.locatie_nauwkeurigheid == "wijk":
            return Whereabouts(org, level, f"in de wijk {org.wijk.strip()}")
        return Whereabouts(org, level, citywide_label(org.plaats))
    return Whereabouts(org, level, LABELS.get(level) or citywide_label(org.plaats))


def citywide_label(plaats: str) -> str:
    return f"in heel {plaats.strip()}" if plaats.strip() else CITYWIDE_GENERIC


SAME_POSTCODE = "op deze postcode"


def by_distance(organisations: Sequence[Organisation], lat: float, lon: float, postcode: str = "") -> list[Whereabouts]:
    """Every organisation with how far it is from a point: those whose own address has `postcode` (a full
    one, "3814 AB") first, whatever their point; then real addresses, nearest first; then approximate places
    (nearest area first), then city-wide ones, then unknown ones, by name. A point for an address is often
    the middle of its wijk; its postcode says it is right there."""
    here = _pc6(postcode)
    lats = np.array([o.lat if o.has_location else np.nan for o in organisations], dtype=float)
    lons = np.array([o.lon if o.has_location else np.nan for o in organisations], dtype=float)
    km = haversine_km(lat, lon, lats, lons) if len(organisations) else np.zeros(0)
    found = []
    for org, d in zip(organisations, km.tolist(), strict=True):
        there = whereabouts(org, d)
        same = bool(here) and _pc6(org.postcode) == here
        found.append((not same, replace(there, label=SAME_POSTCODE) if same else there, d))
    found.sort(key=lambda f: (f[0], f[1].certainty, 0.0 if np.isnan(f[2]) else f[2], f[1].organisation.naam))
    return [w for _, w, _ in found]


def _pc6(text: str) -> str:
    """'3814 ab' -> '3814AB'; anything that is not a full postcode -> ''."""
    compact = "".join((text or "").split()).upper()
    return compact if len(compact) == 6 and compact[:4].isdigit() and compact[4:].isalpha() else ""


def unmapped(organisations: Sequence[Organisation]) -> list[Unmapped]:
    """The organisations without a pin, grouped: city-wide ones per place (the list's own `plaats`), the
    biggest group first; then those with an address in words only; then those with no place at all."""
    groups: dict[tuple[Certainty, str], list[Organisation]] = {}
    for org in sorted((o for o in organisations if not o.has_location), key=lambda o: (o.naam.casefold(), o.id)):
        level = certainty(org)
        title = UNMAPPED_TITLES.get(level) or f"Werkt {citywide_label(org.plaats)}"
        groups.setdefault((level, title), []).append(org)
    # City-wide first: they are most of the list and they are real help, just without one spot.
    order = sorted(groups, key=lambda key: (key[0] is not Certainty.CITYWIDE, key[0], -len(groups[key]), key[1]))
    return [Unmapped(title, tuple(groups[(level, title)])) for level, title in order]
