"""The region a list belongs to: what differs per municipality, as plain data (see directory.settings)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

BUNDLED_WIJKEN = Path(__file__).resolve().parent.parent / "data" / "wijken.csv"
BUNDLED_POSTCODES = Path(__file__).resolve().parent.parent / "data" / "postcodes.csv"


@dataclass(frozen=True)
class Region:
    """The region of one list. Empty values mean: derive it from the list."""

    name: str = ""
    province: str = ""
    places: tuple[str, ...] = ()
    entry_points: tuple[str, ...] = ()
    wijken_path: Path = BUNDLED_WIJKEN
    postcodes_path: Path = BUNDLED_POSTCODES
    tiles: str = "pdok"
    map_centre: tuple[float, float] | None = None
    map_zoom: int = 13
    source: Path | None = None  # the regio.toml it came from, if any

    def province_of(self, place: str) -> str:
        """The province of a place, only when the region says so; never guessed."""
        wanted = place.strip().casefold()
        return self.province if wanted and any(p.casefold() == wanted for p in self.places) else ""


DERIVED = Region()  # no regio.toml: everything is derived from the list
